"""Limits on call-back submissions, counted as cms.ratelimit counts (the shared cache, a keyed
hash of the client address: no address is stored).

- Each client may store CALLBACK_RATE_LIMIT_PER_HOUR requests an hour. Refused attempts count
  toward nothing else: one client hammering the form cannot use up the site's allowance.
- Past CALLBACK_SITE_LIMIT_PER_HOUR for the whole site, requests from clients within their own
  limit are still taken, as a queue ("surge": stored and flagged, Admissions alerted once,
  the reader told we may take longer and shown the numbers to call now).
- Only past CALLBACK_SURGE_CEILING_PER_HOUR (a flood no clinic could call back) does the site
  stop taking requests and show the reader the numbers to call instead."""

import enum

from django.conf import settings
from django.core.cache import cache

from cms.ratelimit import HOUR, client_hour_key, hour_bucket, incr, within_hourly_limit


class Decision(enum.Enum):
    ACCEPT = "accept"
    QUEUE = "queue"  # accepted, in a surge
    CLIENT_LIMITED = "client_limited"
    SITE_FULL = "site_full"

    @property
    def accepted(self) -> bool:
        return self in (Decision.ACCEPT, Decision.QUEUE)


def decide(request) -> Decision:
    """Count this attempt (if it may be stored) and say what to do with it."""
    if not within_hourly_limit(request, "callback", settings.CALLBACK_RATE_LIMIT_PER_HOUR):
        return Decision.CLIENT_LIMITED
    site_key = f"callback-rate:site:{hour_bucket()}"
    site = incr(site_key, HOUR)
    if site <= settings.CALLBACK_SITE_LIMIT_PER_HOUR:
        return Decision.ACCEPT
    if site <= settings.CALLBACK_SURGE_CEILING_PER_HOUR:
        return Decision.QUEUE
    # Not taken: give the client and the site their count back.
    incr(client_hour_key(request, "callback"), HOUR, -1)
    incr(site_key, HOUR, -1)
    return Decision.SITE_FULL


def first_in_surge() -> bool:
    """True once per hour: the first request taken in a surge alerts Admissions."""
    return cache.add(f"callback-surge-alert:{hour_bucket()}", 1, HOUR)
