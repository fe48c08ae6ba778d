"""A page cache for readers, in the app and at the edge.

Only Wagtail pages served to anonymous readers are cached (never forms, redirects, search,
the admin or anything that sets a cookie), keyed by host, full path, language and the reader's
country, so each country's numbers stay its own. Invalidation is precise (`cms.invalidation`
says which addresses a change affects): each cached page's key holds three generations, the
whole cache's, its path's and its country's, and a purge moves one of them on. An edge cache
(Varnish, or a CDN) in front is told the same addresses through Wagtail's frontend cache
(`WAGTAILFRONTENDCACHE`); readers' pages say `Cache-Control: public, s-maxage=…` so that it
stores them, `max-age=0` so that a shared computer's browser does not.
"""

import hashlib
import secrets
from collections.abc import Iterable
from urllib.parse import unquote

from django.conf import settings
from django.core.cache import cache, caches
from django.utils import translation
from django.utils.cache import patch_cache_control

GENERATION_KEY = "page-cache:generation"
PATH_KEY = "page-cache:path:"
COUNTRY_KEY = "page-cache:country:"
MARK = "page_cacheable"
# The response header naming the country whose numbers a page shows (the edge bans by it).
COUNTRY_HEADER = "X-Reader-Country"


def _first_generation() -> int:
    # Random, not 1: after the shared cache is emptied (a restart, a flush) the generations start
    # again from a number no key kept elsewhere (a process's fragments) was ever made with.
    return secrets.randbelow(2**62) + 1


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _first_generation(), None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def _move_on(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _first_generation(), None)


def purge(*args, **kwargs) -> None:
    """Drop every cached page (signal receiver), here and at the edge."""
    _move_on(GENERATION_KEY)
    from .invalidation import purge_edge_everything  # noqa: PLC0415 - it imports this module

    purge_edge_everything()


def _digest(text: str) -> str:
    """Cache keys stay short and plain whatever the address (Arabic paths are long once quoted)."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _path_key(path: str) -> str:
    # Wagtail's addresses are percent-encoded ("/ar/%D8%A7…"), `request.path` is not.
    return PATH_KEY + _digest(unquote(path))


def purge_paths(paths: Iterable[str]) -> None:
    """Drop the cached pages at these paths (every language, host and country)."""
    for path in set(paths):
        _move_on(_path_key(path))


def purge_country(country: str) -> None:
    """Drop the cached pages shown to readers in `country` (its numbers changed)."""
    _move_on(COUNTRY_KEY + country)


def mark_cacheable(request) -> None:
    setattr(request, MARK, True)


def generations(path: str, country: str) -> str:
    """The three generations a purge moves for a page at `path` shown to `country`'s readers
    (one round trip to the cache): part of every key of what is cached from that page."""
    keys = [GENERATION_KEY, _path_key(path), COUNTRY_KEY + country]
    found = cache.get_many(keys)
    if GENERATION_KEY not in found:
        found[GENERATION_KEY] = generation()
    return ".".join(str(found.get(key, 0)) for key in keys)


# --- Parts of readers' pages kept for requests the page cache does not serve -----------------
# (a signed-in editor, a reader with a session): FRAGMENT_CACHE_SECONDS, per process.

FRAGMENT_CACHE = "template_fragments"


def fragments():
    """The cache of rendered parts: per process (a deployment's new templates show at once)."""
    return caches[FRAGMENT_CACHE]


def request_generations(request) -> str:
    """`generations` of this request's address and country, asked once a request."""
    memo = request.__dict__.setdefault("_page_cache_generations", {})
    key = (request.path, getattr(request, "reader_country", ""))
    if key not in memo:
        memo[key] = generations(*key)
    return memo[key]


def part_key(request, *vary) -> str:
    """The key of something read or rendered for a reader's page at this address: it changes
    whenever a purge of the address (or its country, or everything) does, and with the host and
    the reader's language; `vary` names the rest. Empty for a preview (never kept: its text is
    not the live page's), and when FRAGMENT_CACHE_SECONDS is 0."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0 or getattr(request, "is_preview", True):
        return ""
    parts = [request.get_host(), request.path, translation.get_language(), *vary]
    return f"{request_generations(request)}:{_digest(':'.join(str(part) for part in parts))}"


def reuse(request, name: str, compute, *vary):
    """`compute()`'s answer for this reader's page, kept while `part_key` stays the same."""
    key = part_key(request, name, *vary)
    if not key:
        return compute()
    key = f"page-part:{key}"
    value = fragments().get(key)
    if value is None:
        value = compute()
        fragments().set(key, value, settings.FRAGMENT_CACHE_SECONDS)
    return value


def _key(request) -> str:
    country = getattr(request, "reader_country", "")
    generations_now = generations(request.path, country)
    parts = [request.get_host(), translation.get_language(), country, request.get_full_path()]
    return f"page-cache:{generations_now}:{_digest(':'.join(str(part) for part in parts))}"


def _eligible(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        # Signed-in staff (and private-page visitors) have a session: never share their pages.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _storable(request, response) -> bool:
    return bool(
        getattr(request, MARK, False)
        and response.status_code == 200
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _eligible(request):
            return self._for_the_edge(request, self.get_response(request))
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self._for_the_edge(request, self.get_response(request))
        if _storable(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _for_the_edge(request, response):
        """A reader's page anyone may be sent says so to shared caches; anything else is private."""
        if settings.EDGE_CACHE_SECONDS > 0 and _storable(request, response):
            patch_cache_control(response, public=True, max_age=0, s_maxage=settings.EDGE_CACHE_SECONDS)
            response[COUNTRY_HEADER] = getattr(request, "reader_country", "")
        elif not response.has_header("Cache-Control") and request.method in ("GET", "HEAD"):
            patch_cache_control(response, private=True)
        return response
