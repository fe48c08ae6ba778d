"""The test suite: fast hashing, in-memory mail, no manifest for static files."""

from .base import *  # noqa: F403
from .env import env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "test-only-insecure-key")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files come from the finders here, not from a collected STATIC_ROOT.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# Background tasks run at once in tests, unless a test asks for the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The page cache outlives each test's database; tests that need it turn it on.
PAGE_CACHE_SECONDS = 0
