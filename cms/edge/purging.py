"""Wagtail's HTTP purge backend, with the edge's purge secret.

The VCL accepts PURGE and BAN only from this host *and* with `X-Purge-Secret` equal to the
secret it was started with (`EDGE_PURGE_SECRET`): a TLS terminator or any other proxy on the same
host would otherwise let every reader empty the cache. Wagtail's `HTTPBackend` sends no header of
ours and builds its request inside `purge`, so `purge` is Wagtail's, with the header added; a test
(tests/edge) purges through it against a real Varnish and fails if Wagtail's changes."""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger("wagtail.frontendcache")

SECRET_HEADER = "X-Purge-Secret"  # noqa: S105 - the header's name, not a secret


class SecretHTTPBackend(HTTPBackend):
    """`WAGTAILFRONTENDCACHE` backend: Wagtail's HTTP purge, sending `SECRET` in `X-Purge-Secret`."""

    def __init__(self, params):
        self.secret = params.pop("SECRET", "")
        super().__init__(params)

    def purge(self, url):
        parsed = urlsplit(url)
        host = parsed.hostname + (f":{parsed.port}" if parsed.port else "")
        target = urlunsplit([self.cache_scheme, self.cache_netloc, parsed.path, parsed.query, parsed.fragment])
        headers = {"Host": host, "User-Agent": "Wagtail-frontendcache/" + __version__, SECRET_HEADER: self.secret}
        try:
            urlopen(PurgeRequest(url=target, headers=headers))  # noqa: S310 - the configured edge
        except HTTPError as error:
            logger.error("Couldn't purge '%s' from HTTP cache. HTTPError: %d %s", url, error.code, error.reason)
        except URLError as error:
            logger.error("Couldn't purge '%s' from HTTP cache. URLError: %s", url, error.reason)
