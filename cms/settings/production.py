"""Production: refuses to start without a real secret key and explicit hosts."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str

DEBUG = False

_INSECURE_MARKERS = ("insecure", "changeme", "dev-only", "test-only")
if (
    len(SECRET_KEY) < 50  # noqa: F405
    or len(set(SECRET_KEY)) < 5  # noqa: F405
    or any(marker in SECRET_KEY.lower() for marker in _INSECURE_MARKERS)  # noqa: F405
):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production "
        "(for example: python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )
if not env_str("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's host names in production.")
# Rate limits and the sign-in throttle must hold across every worker: a per-process cache
# would give each gunicorn worker its own count.
if not env_str("REDIS_URL"):
    raise ImproperlyConfigured(
        "REDIS_URL must be set in production: rate limits and the sign-in throttle are kept in a cache "
        "shared by all workers."
    )

# Behind the edge every request comes from the edge's address: without the header the edge
# appends the client's address to, every reader would be one client (the call-back limit, the
# feedback cap and the sign-in throttle would shut for everyone at once).
if EDGE_CACHE_URL and not TRUSTED_PROXY_HEADER:  # noqa: F405
    raise ImproperlyConfigured(
        "TRUSTED_PROXY_HEADER must be set when EDGE_CACHE_URL is (Varnish appends the client's address to "
        "X-Forwarded-For: TRUSTED_PROXY_HEADER=X-Forwarded-For, TRUSTED_PROXY_COUNT=1 for one proxy)."
    )

if EDGE_CACHE_URL and len(EDGE_PURGE_SECRET) < 32:  # noqa: F405
    raise ImproperlyConfigured(
        "EDGE_PURGE_SECRET must be set to a random value of at least 32 characters when EDGE_CACHE_URL is: "
        "the edge empties its cache only for requests that carry it."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
