"""Browser tests: real Chromium (Debian's package) driven by Playwright against the site served
by pytest-django's live server on a free local port. Screenshots go to test-artifacts/."""

import io
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

# Playwright's sync API keeps an event loop running in the test thread; Django refuses
# database calls from such a thread unless told this process is a test harness.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# As the machine's own probe starts it: no sandbox as root, and no background traffic to
# hosts this network cannot reach.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, a file rather than the shared in-memory database: the admin's editor sends
    requests in parallel (previews, checks), and in-memory SQLite answers concurrent writers with
    "table is locked" at once instead of waiting its turn. (PostgreSQL needs nothing.)"""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        path = Path(tempfile.gettempdir()) / f"clinic-browser-tests-{os.getpid()}.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, settings):
    """The demo site with its sample content and its verified help lines. (Serialized rollback
    puts back what the migrations created after each test flushes the database.)"""
    settings.ALLOWED_HOSTS = ["*"]
    cache.clear()  # rate limits from earlier tests
    call_command("load_sample_content", stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def new_page(browser):
    """A fresh browser context per call: its own cookies, language and viewport."""
    contexts = []

    def make(language="en-GB", **options):
        context = browser.new_context(locale=language, extra_http_headers={"Accept-Language": language}, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
        page.on("pageerror", lambda error: console_errors.append(str(error)))
        return page

    console_errors: list[str] = []
    yield make
    for context in contexts:
        context.close()
    # A Content-Security-Policy refusal (or any script error) on a reader's page is a bug.
    assert not [e for e in console_errors if "Content Security Policy" in e or "Refused to" in e], console_errors
