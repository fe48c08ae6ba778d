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

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
