"""Project middleware."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from wagtail.models import Site

from . import page_cache

# Paths that are not reader pages and never carry a language prefix. Django's middleware
# would turn their 404s into redirects to /<lang>/<path> (which Wagtail's catch-all matches):
# an API client asking for a draft must get the API's 404, not a redirect to an HTML page.
UNPREFIXED_PATHS = ("/api/", "/documents/", "/static/", "/media/", "/sitemap.xml")


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if request.path_info.startswith((*UNPREFIXED_PATHS, "/" + settings.ADMIN_PATH)):
            return response
        return super().process_response(request, response)


class KnownSiteMiddleware:
    """Wagtail looks up the request's Site with a query on every request (ordered by a CASE
    over hostname, port and default: about a tenth of an uncached article's time). Sites change
    rarely: the answer is kept per process under the page cache's generation, which any change
    to a Site, and any publication of a home page, moves (`cms.signal_handlers`). Wagtail reads
    it from where it keeps its own per-request answer (`Site.find_for_request`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            host = request.get_host()
        except DisallowedHost:
            host = None  # not a site of ours: Wagtail's own lookup, nothing kept
        if host is not None and settings.FRAGMENT_CACHE_SECONDS > 0:
            key = f"known-site:{page_cache.generation()}:{host}:{request.get_port()}"
            site = page_cache.fragments().get(key)
            if site is None:
                try:
                    site = Site.find_for_request(request)
                except DatabaseError:
                    # The database is down: nothing kept, and the view that needs the Site meets
                    # the outage itself (search answers its own 503; pages, the error page).
                    return self.get_response(request)
                if site is not None:
                    page_cache.fragments().set(key, site, settings.FRAGMENT_CACHE_SECONDS)
            request._wagtail_site = site
        return self.get_response(request)
