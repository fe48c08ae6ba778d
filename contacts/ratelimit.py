"""Limits on call-back submissions, kept in the cache (Redis when REDIS_URL is set), keyed
by a keyed hash of the client address so no address is stored."""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def _bucket() -> int:
    return int(time.time() // WINDOW_SECONDS)


def _client_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]
    return f"callback-rate:{digest}:{_bucket()}"


def _count(key: str) -> int:
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return 1


def allow_submission(request) -> bool:
    """Count this attempt; False once this client or the whole site is over its hourly limit."""
    per_client = _count(_client_key(request))
    site_wide = _count(f"callback-rate:site:{_bucket()}")
    return per_client <= settings.CALLBACK_RATE_LIMIT_PER_HOUR and site_wide <= settings.CALLBACK_SITE_LIMIT_PER_HOUR
