"""Counters for rate limits, kept in the shared cache (Redis: required in production, so every
worker counts against the same limits), keyed by a keyed hash of the client address
(cms.client_address: the trusted proxy's view of it), so no address is stored anywhere.
Used by the call-back form (contacts.ratelimit), the feedback buttons and the sign-in throttle."""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache

from .client_address import client_address

HOUR = 3600


def keyed_digest(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def client_digest(request) -> str:
    return keyed_digest(client_address(request))


def hour_bucket() -> int:
    return int(time.time() // HOUR)


def incr(key: str, window: int, by: int = 1) -> int:
    """Add `by` to the counter (created for `window` seconds) and return its value."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key, by)
    except ValueError:  # expired between add and incr
        cache.set(key, by, window)
        return by


def client_hour_key(request, purpose: str) -> str:
    """This client's counter for `purpose` this hour."""
    return f"{purpose}-rate:{client_digest(request)}:{hour_bucket()}"


def within_hourly_limit(request, purpose: str, limit: int) -> bool:
    """Count this client's attempt at `purpose` this hour if it is within `limit`, and say
    whether it is. Refused attempts are not counted (a client past its limit stays past it
    only until the hour turns)."""
    key = client_hour_key(request, purpose)
    if (cache.get(key) or 0) >= limit:
        return False
    return incr(key, HOUR) <= limit  # a concurrent attempt may have taken the last one
