"""Which readers' addresses a change affects, and purging exactly those: in the app's page cache
and at the edge (Wagtail's frontend cache: Varnish here, Cloudflare or CloudFront in production).

Publishing, unpublishing or moving a page affects: the page at its address in each language it
is shown in (its own, and the languages that fall back to it), its translations (their "the
original was updated" notice), its ancestors' pages (the guidance listing and the home page
that list it) in every language, and the sitemap. Nothing else: another article's cached copy
stays. A top-level section (a child of the home page) shows in every page's header: it purges
everything. A contact number's change purges the pages shown to that country's readers."""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django_tasks import task
from wagtail.models import Page

from . import page_cache

logger = logging.getLogger(__name__)

SECTION_DEPTH = 3  # root 1, a language's home 2, its sections (the guidance index) 3


def _language_prefixes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _paths_of(page: Page) -> set[str]:
    """Where readers get `page`: its address, and the same address under every other language's
    prefix (a language without a translation is shown this page there; one with a translation
    is sent on to it)."""
    parts = page.get_url_parts()
    if not parts or not parts[2]:
        return set()
    path = urlsplit(parts[2]).path
    paths = {path}
    prefix = f"/{page.locale.language_code}/"
    if path.startswith(prefix):
        rest = path[len(prefix) :]
        paths |= {f"/{code}/{rest}" for code in _language_prefixes()}
    return paths


def affected_paths(page: Page) -> set[str]:
    """The page, its ancestors below the root, and every translation of each (one query)."""
    keys = [page.translation_key, *page.get_ancestors().filter(depth__gte=2).values_list("translation_key", flat=True)]
    related = Page.objects.filter(translation_key__in=keys).select_related("locale")
    paths = {"/sitemap.xml"}
    for each in related:
        paths |= _paths_of(each)
    return paths


def purge_page(sender, instance, **kwargs) -> None:
    """Receiver for page_published and page_unpublished. The app's cache at once; the edge by a
    background task once the change is committed (a slow or failing CDN never holds up or fails
    a publication; the worker starts it within milliseconds)."""
    if instance.depth <= SECTION_DEPTH:
        page_cache.purge()
        return
    paths = sorted(affected_paths(instance))
    page_cache.purge_paths(paths)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        transaction.on_commit(lambda: purge_edge_paths.enqueue(paths))


def purge_country(sender=None, country: str = "", **kwargs) -> None:
    """The pages shown to `country`'s readers (a contact number of theirs changed)."""
    if not country:
        page_cache.purge()
        return
    page_cache.purge_country(country)
    transaction.on_commit(lambda: purge_edge_country(country))


# --- The edge --------------------------------------------------------------------------------


def _sites_roots() -> list[str]:
    from wagtail.models import Site  # noqa: PLC0415 - only when an edge is configured

    return sorted({site.root_url for site in Site.objects.all()})


@task()
def purge_edge_paths(paths: list[str]) -> None:
    """PURGE each address at the edge through Wagtail's frontend cache backends."""
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache  # noqa: PLC0415

    urls = [root + path for root in _sites_roots() for path in paths]
    try:
        purge_urls_from_cache(urls)
    except Exception:  # noqa: BLE001 - a cache that cannot be told must not fail a publication
        logger.exception("Edge cache purge failed for %d addresses", len(urls))


def _ban(headers: dict[str, str]) -> None:
    """Varnish's BAN (our VCL): every stored object matching the headers. Other backends have no
    such call: a CDN falls back to its TTL (docs/performance.md)."""
    import urllib.request  # noqa: PLC0415

    for name, backend in (getattr(settings, "WAGTAILFRONTENDCACHE", None) or {}).items():
        if not backend.get("BACKEND", "").endswith("HTTPBackend"):
            continue
        signed = {**headers, "X-Purge-Secret": backend.get("SECRET", "")}
        request = urllib.request.Request(backend["LOCATION"], method="BAN", headers=signed)  # noqa: S310
        try:
            urllib.request.urlopen(request, timeout=5).close()  # noqa: S310 - the configured edge
        except OSError:
            logger.exception("Edge cache ban failed at %s", name)


def purge_edge_country(country: str) -> None:
    _ban({"X-Ban-Country": country})


def purge_edge_everything() -> None:
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        transaction.on_commit(lambda: _ban({"X-Ban-All": "1"}))
