"""Every link a reader can follow works, in every language, on whatever address the site runs
at (issue: under `make run` the language switcher, hreflang, canonical, sitemap and the API's
`html_url` pointed at http://localhost/, port 80, where nothing answers).

No browser: the site is served by the live server on a free port (never 80 or 8000), the base
URL configured to it as `make run` does from PORT, and every page is fetched over HTTP."""

import re
import secrets
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

import pytest

pytestmark = [pytest.mark.live_db, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "testserver"}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src", "action"):
            value = attrs.get(name)
            if value and not value.startswith(("#", "mailto:", "tel:", "sms:", "javascript:", "data:")):
                self.found.append((tag, name, value))


def fetch(url):
    request = urllib.request.Request(url, headers={"Accept-Language": "en-GB"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 - the test's own server
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


@pytest.fixture
def configured(site, settings):
    """As `make run` on a port of its own: the base URL from PORT, then `migrate`."""
    from django.core.management import call_command

    settings.WAGTAILADMIN_BASE_URL = site
    settings.WAGTAILAPI_BASE_URL = site
    call_command("migrate", verbosity=0)
    return site


STARTS = [
    "/en-gb/",
    "/es/",
    "/fr/",
    "/ar/",
    *[f"/{code}/search/?q=trauma" for code in ("en-gb", "es", "fr", "ar")],
    "/en-gb/no-such-page/",
    "/fr/no-such-page/",
    "/sitemap.xml",
    "/robots.txt",
    "/api/v2/pages/?type=articles.ArticlePage&fields=*",
]


def crawl(base, fetch=fetch):
    """Follow every internal link, asset and GET form from STARTS; return (seen, broken,
    elsewhere): broken are non-200 answers, elsewhere links to a local address the site is
    not served at."""
    origin = urlsplit(base)
    queue, seen, broken, elsewhere = [urljoin(base, path) for path in STARTS], set(), [], []
    while queue:
        url = queue.pop()
        if url in seen or len(seen) > 400:
            continue
        seen.add(url)
        status, kind, body = fetch(url)
        expected_missing = url.endswith("/no-such-page/")
        if (status != 200) and not (expected_missing and status == 404):
            broken.append((url, status))
            continue
        text = body.decode("utf-8", "replace")
        if "html" in kind:
            parser = Links()
            parser.feed(text)
            targets = [
                value
                for tag, name, value in parser.found
                if not (tag == "form" and name == "action" and "post" in text)
            ]
        else:  # the sitemap, robots.txt and the API: absolute URLs in their text
            targets = re.findall(r"https?://[^\s\"<>]+", text)
        for target in targets:
            absolute = urljoin(url, target.replace("&amp;", "&"))
            parts = urlsplit(absolute)
            if parts.hostname not in LOCAL_HOSTS and parts.netloc != origin.netloc:
                continue  # another site (the exit page, a DOI): not ours to crawl
            if parts.netloc != origin.netloc or parts.scheme != origin.scheme:
                elsewhere.append((url, target))
                continue
            if parts.path.startswith(("/admin/", "/django-admin/")):
                continue
            queue.append(absolute.split("#")[0])
    return seen, broken, elsewhere


def assert_whole_site_answers(seen, broken, elsewhere):
    assert not elsewhere, f"links to an address the site is not served at: {elsewhere[:10]}"
    assert not broken, broken[:20]
    assert len(seen) > 40, sorted(seen)  # the crawl really went through the site
    # Every language's article was reached, through the switcher as much as the listings.
    assert any(re.search(r"/es/[^?]+/[^?]+/", url) for url in seen)
    assert any(re.search(r"/ar/[^?]+/[^?]+/", url) for url in seen)
    assert any(re.search(r"/fr/guidance/[^?]+/", url) for url in seen)  # the French reader's fallback


def test_every_internal_link_asset_and_form_answers_in_every_language(configured):
    assert_whole_site_answers(*crawl(configured))


HOST = "guidance.clinic.example"


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def production_site(tmp_path):
    """The production settings under gunicorn, as deployed behind a TLS proxy at another host:
    its own database, HTTPS redirect on, the base URL https://guidance.clinic.example."""
    import psycopg

    from benchmarks.production_site import free_port, prepare, production_env, start_gunicorn
    from tests.test_faults import PG_ADMIN_URL, pg_url_via

    name = f"crawl_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env = production_env(
        pg_url_via(5432, name),
        tmp_path,
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="true",
        WAGTAILADMIN_BASE_URL=f"https://{HOST}",
        PAGE_CACHE_SECONDS="0",
    )
    prepare(env)
    port = free_port()
    with (tmp_path / "gunicorn.log").open("w") as log:
        gunicorn = start_gunicorn(env, port, {"Host": HOST, "X-Forwarded-Proto": "https"}, stderr=log)
        try:
            yield port
        finally:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_under_production_settings_at_another_host_every_link_answers(production_site):
    """Requests reach gunicorn as from the TLS proxy (Host and X-Forwarded-Proto); a redirect is
    followed only if it stays on https://guidance.clinic.example."""
    opener = urllib.request.build_opener(NoRedirects)

    def fetch_behind_proxy(url, hops=5):
        parts = urlsplit(url)
        local = f"http://127.0.0.1:{production_site}{parts.path}" + (f"?{parts.query}" if parts.query else "")
        request = urllib.request.Request(
            quote(local, safe=":/?&=%+,;@"),
            headers={"Host": parts.netloc, "X-Forwarded-Proto": parts.scheme, "Accept-Language": "en-GB"},
        )
        try:
            with opener.open(request, timeout=20) as response:  # noqa: S310 - the test's own server
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as error:
            location = error.headers.get("Location")
            if error.code in (301, 302) and location and hops:
                target = urljoin(url, location)
                if urlsplit(target).netloc == HOST and urlsplit(target).scheme == "https":
                    return fetch_behind_proxy(target, hops - 1)
            return error.code, error.headers.get("Content-Type", ""), error.read()

    # Plain HTTP is sent to HTTPS at the same host.
    status, _, _ = opener_status(opener, production_site)
    assert status == 301
    assert_whole_site_answers(*crawl(f"https://{HOST}", fetch_behind_proxy))


def opener_status(opener, port):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/en-gb/", headers={"Host": HOST})
    try:
        with opener.open(request, timeout=20) as response:  # noqa: S310
            return response.status, response.headers, b""
    except urllib.error.HTTPError as error:
        assert error.headers["Location"] == f"https://{HOST}/en-gb/"
        return error.code, error.headers, b""
