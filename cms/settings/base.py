"""Settings shared by every environment. Safe on its own: DEBUG off, no secret in the file."""

from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

# --- Core -------------------------------------------------------------------
DEBUG = env_bool("DEBUG", False)
# Empty by default: production.py refuses to start without a real one, dev/test set their own.
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    # modeltranslation patches the models of the apps after it.
    "modeltranslation",
    "cms",
    "home",
    "articles",
    "contacts",
    "feedback",
    "search",
    # Before wagtail_localize: its admin hooks and URLs must run first (see translations/).
    "translations",
    "review",
    "twofactor",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.api.v2",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.LocaleMiddleware",
    "cms.middleware.KnownSiteMiddleware",
    "contacts.middleware.ReaderCountryMiddleware",
    "cms.page_cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "twofactor.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
# The admin's own path, so it can move away from the well-known /admin/.
ADMIN_PATH = env_str("ADMIN_PATH", "admin/").strip("/") + "/"
# Second factor for staff (twofactor/): the issuer name shown in authenticator apps.
OTP_TOTP_ISSUER = "Clinical guidance"

# Headers on every response (SecurityMiddleware); HSTS and secure cookies in production.py.
# No referrer leaves the site: "Exit this page" (and any link out) must not tell the next site
# where the reader was.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# The CSRF cookie (set by the call-back form) lasts only as long as the browser session: with
# Django's default year, its date would tell whoever checks the device when the form was opened.
CSRF_COOKIE_AGE = None
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cms.context_processors.reader_locale",
            ],
        },
    },
]

# --- Database: SQLite file unless DATABASE_URL names another -----------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        # A persistent connection is checked before reuse, so the site recovers by itself
        # after the database has been briefly unavailable.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The site, its task worker and the admin's parallel requests (autosave, previews) write at
    # the same time: take the write lock when a transaction starts and wait for it, rather than
    # failing with "database is locked" when a read turns into a write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages ----------------------------------------------------------------
# en-gb is the source locale. Readers' URLs always carry a language prefix (/en-gb/...).
# Each language is named in itself, as readers see it in the switcher.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("es", "Español"), ("fr", "Français"), ("ar", "العربية")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A new translation is a draft, never a live copy still in the source language.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Shared labels (topics, contact labels): one row per concept, a column per language.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en-gb"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _ in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en-gb",)
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/London"
USE_TZ = True

# --- Static and media files ---------------------------------------------------
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static_collected")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Wagtail --------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Clinical guidance"
# The site's one base URL: absolute links to readers' pages (canonical, hreflang, sitemap,
# JSON-LD, the read API) and links in e-mails. `make run` serves on PORT, so it defaults to it.
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{env_str('PORT', '8000')}")
# The admin must not call out to the internet for an update check.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.images.AltTextRequiredImageForm"
# Clinical sign-off (review/): an edit after approval needs approval again; the last approval
# publishes through the sign-off (reviewers hold no publish permission of their own).
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_FINISH_WORKFLOW_ACTION = "review.finish.publish_signed_off"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Reader search (search/): Elasticsearch when ELASTICSEARCH_URL is set, else the database.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "")
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "clinic")
# The client's transport node class; empty in production. The suite and `make run-search` set
# search.engine.launcher.OpenSearchNode to talk to OpenSearch.
ELASTICSEARCH_NODE_CLASS = env_str("ELASTICSEARCH_NODE_CLASS", "")
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "md"]
# Page editor forms for long clinical articles have many fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 50

# --- Readers' country and contact numbers --------------------------------------
# A reader's country: their choice in the region selector, else the header a CDN or proxy
# sets (named here, e.g. "CF-IPCountry"; empty: not trusted), else their language's territory.
READER_COUNTRY_HEADER = env_str("READER_COUNTRY_HEADER", "")
# "Exit this page" on every reader page goes here: a neutral site a reader can be seen on.
EXIT_PAGE_URL = env_str("EXIT_PAGE_URL", "https://www.bbc.co.uk/weather")
READER_COUNTRY_COOKIE = "reader_country"
# When none of those gives a country (ISO 3166 alpha-2).
DEFAULT_READER_COUNTRY = env_str("DEFAULT_READER_COUNTRY", "GB")
# Where the clinic's own numbers are: shown to readers everywhere.
CLINIC_COUNTRY = env_str("CLINIC_COUNTRY", "GB")

# --- Call-back requests: personal health data ----------------------------------
CALLBACK_RETENTION_DAYS = env_int("CALLBACK_RETENTION_DAYS", 30)
CALLBACK_RATE_LIMIT_PER_HOUR = env_int("CALLBACK_RATE_LIMIT_PER_HOUR", 5)
# Past the site-wide limit requests are still taken (flagged as arriving in a surge) from
# clients within their own limit; past the ceiling the form asks readers to call instead.
CALLBACK_SITE_LIMIT_PER_HOUR = env_int("CALLBACK_SITE_LIMIT_PER_HOUR", 200)
CALLBACK_SURGE_CEILING_PER_HOUR = env_int("CALLBACK_SURGE_CEILING_PER_HOUR", 2000)
# "Is this page useful?" answers counted per client an hour (the buttons have no CSRF token).
FEEDBACK_VOTES_PER_HOUR = env_int("FEEDBACK_VOTES_PER_HOUR", 30)
# The client address for rate limits and the sign-in throttle: behind a proxy, name the header
# it appends the client's address to (X-Forwarded-For) and how many proxies of ours append.
TRUSTED_PROXY_HEADER = env_str("TRUSTED_PROXY_HEADER", "")
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)

# --- Page cache for anonymous readers (0 turns it off) ------------------------------
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)

# The rendered parts of an article (body, references, review dates, related articles), reused
# by requests the page cache does not serve (a signed-in editor, a reader with a session) until
# the page, its translations, a topic or the country's numbers change, or this many seconds
# pass ("More on this topic" follows other articles' publications within it). Kept per process
# (`template_fragments`), so a deployment's new templates show at once. 0 turns it off.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 300)

# --- Edge cache (Varnish, or a CDN) in front of the site: docs/performance.md ------------
# EDGE_CACHE_URL: the Varnish that caches readers' pages (e.g. http://127.0.0.1:6081); each
# publication PURGEs exactly the addresses it changes there, through Wagtail's frontend cache.
# Without it readers' pages are not marked shareable (a cache nobody purges would serve stale
# clinical text). A CDN: add its backend to WAGTAILFRONTENDCACHE (Cloudflare, CloudFront).
EDGE_CACHE_URL = env_str("EDGE_CACHE_URL", "")
# The secret the edge's VCL asks of every PURGE and BAN (cms/edge/purging.py), beside the address.
EDGE_PURGE_SECRET = env_str("EDGE_PURGE_SECRET", "")
WAGTAILFRONTENDCACHE: dict[str, dict[str, str]] = {}
if EDGE_CACHE_URL:
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "cms.edge.purging.SecretHTTPBackend",
        "LOCATION": EDGE_CACHE_URL,
        "SECRET": EDGE_PURGE_SECRET,
    }
# How long the edge keeps a reader's page (s-maxage); purges make it fresh on every change.
EDGE_CACHE_SECONDS = env_int("EDGE_CACHE_SECONDS", 3600 if EDGE_CACHE_URL else 0)

# --- Background tasks (django-tasks; `manage.py db_worker` runs them) -----------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Cache: Redis when REDIS_URL is set (shared by all workers), else per process ---
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("REDIS_URL")}
        if env_str("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Rendered article parts (FRAGMENT_CACHE_SECONDS): ~25 KB each, so at most ~25 MB a process.
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "template-fragments",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}

# --- Logging: plain console; nothing a reader sends is logged -----------------
# Quiet by default: warnings and errors only, on the console handler itself, so the task worker's
# line per task (its loggers are set to INFO by `db_worker`) stays out of the console. The
# development server's request log keeps paths but never query strings (readers' search words).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"without_query_strings": {"()": "cms.log_filters.WithoutQueryStrings"}},
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "level": env_str("LOG_LEVEL", "WARNING")},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["without_query_strings"],
        },
    },
    "loggers": {"django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
