"""The site's one base URL (`WAGTAILADMIN_BASE_URL`; `make run` makes it http://127.0.0.1:PORT)
is where absolute links to readers' pages point: Wagtail builds them (canonical, hreflang, the
sitemap, JSON-LD, the read API's `html_url`) from its default Site row, which a migration
created as localhost:80, where nothing answers. After every `migrate` (which `make run` and a
deployment run) the default Site row is brought in line with the base URL."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def sync_default_site(**kwargs) -> bool:
    """True if the default Site's hostname or port changed."""

    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if not parts.hostname:
        return False
    port = parts.port or (443 if parts.scheme == "https" else 80)
    changed = (
        Site.objects.filter(is_default_site=True)
        .exclude(hostname=parts.hostname, port=port)
        .update(hostname=parts.hostname, port=port)
    )
    if changed:
        Site.clear_site_root_paths_cache()
    return bool(changed)
