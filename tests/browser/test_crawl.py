"""Every link a reader can follow works, in every language, on whatever address the site runs
at (issue: under `make run` the language switcher, hreflang, canonical, sitemap and the API's
`html_url` pointed at http://localhost/, port 80, where nothing answers).

No browser: the site is served by the live server on a free port (never 80 or 8000), the base
URL configured to it as `make run` does from PORT, and every page is fetched over HTTP."""

import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

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


def test_every_internal_link_asset_and_form_answers_in_every_language(configured):
    base = configured
    origin = urlsplit(base)
    starts = ["/en-gb/", "/es/", "/fr/", "/ar/"]
    starts += [f"/{code}/search/?q=trauma" for code in ("en-gb", "es", "fr", "ar")]
    starts += [
        "/en-gb/no-such-page/",
        "/sitemap.xml",
        "/robots.txt",
        "/api/v2/pages/?type=articles.ArticlePage&fields=*",
    ]
    queue, seen, broken, elsewhere = [urljoin(base, path) for path in starts], set(), [], []
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
            if parts.netloc != origin.netloc:
                elsewhere.append((url, target))
                continue
            if parts.path.startswith(("/admin/", "/django-admin/")):
                continue
            queue.append(absolute.split("#")[0])
    assert not elsewhere, f"links to an address the site is not served at: {elsewhere[:10]}"
    assert not broken, broken[:20]
    assert len(seen) > 40, sorted(seen)  # the crawl really went through the site
    # Every language's article was reached, through the switcher as much as the listings.
    assert any(re.search(r"/es/[^?]+/[^?]+/", url) for url in seen)
    assert any(re.search(r"/ar/[^?]+/[^?]+/", url) for url in seen)
