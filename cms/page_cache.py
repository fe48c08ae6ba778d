"""A page cache for readers.

Only Wagtail pages served to anonymous readers are cached (never forms, redirects, search,
the admin or anything that sets a cookie), keyed by host, full path, language and the reader's
country, so each country's numbers stay its own. Any change that could alter a page
(publish, unpublish, move, delete, privacy, contact numbers, topics) moves the cache to a new
generation: every cached page is dropped at once, translations and listings included.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

GENERATION_KEY = "page-cache:generation"
MARK = "page_cacheable"


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def purge(*args, **kwargs) -> None:
    """Drop every cached page (signal receiver)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def mark_cacheable(request) -> None:
    setattr(request, MARK, True)


def _key(request) -> str:
    country = getattr(request, "reader_country", "")
    parts = [generation(), request.get_host(), translation.get_language(), country, request.get_full_path()]
    return "page-cache:" + ":".join(str(part) for part in parts)


def _eligible(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        # Signed-in staff (and private-page visitors) have a session: never share their pages.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _eligible(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if (
            getattr(request, MARK, False)
            and response.status_code == 200
            and not response.cookies
            and not response.has_header("Set-Cookie")
        ):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
