"""Local development: `make run`."""

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Plain storage so the site runs without collectstatic.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Static files come from the finders here, not from a collected STATIC_ROOT.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# Editors working locally see their changes at once.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
