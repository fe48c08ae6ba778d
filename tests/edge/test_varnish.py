"""The edge cache: Debian's Varnish with the repository's VCL (cms/edge/varnish.vcl) in front of
the live server, purged by Wagtail's frontend cache on publish. What a reader then gets through
the edge: the signed-off change at once, another article still from the edge's copy; nothing a
session or a form produced is ever stored. (Marker `live_db`: runs with the browser tests.)"""

import urllib.request

import pytest
from django.core.cache import cache
from django.test import Client

from cms.edge.launcher import Edge
from contacts.models import ContactNumber, ContactPurpose
from tests.factories import ArticleIndexPageFactory, ArticlePageFactory, TopicFactory, make_reviewer, make_user
from tests.helpers.review import approve_all, submit
from tests.helpers.waiting import eventually

pytestmark = [pytest.mark.live_db, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def edge(live_server, settings):
    port = int(live_server.url.rsplit(":", 1)[1])
    with Edge(port) as running:
        settings.ALLOWED_HOSTS = ["*"]
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "cms.edge.purging.SecretHTTPBackend",
                "LOCATION": running.url,
                "SECRET": running.purge_secret,
            }
        }
        settings.EDGE_CACHE_SECONDS = 3600
        settings.PAGE_CACHE_SECONDS = 300  # the app's cache too, as in production
        cache.clear()
        yield running


def get(edge, path, cookie=""):
    request = urllib.request.Request(edge.url + path, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
        return response.headers.get("X-Edge-Cache"), response.read().decode()


def post(edge, path, data: bytes):
    request = urllib.request.Request(edge.url + path, data=data, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
            return response.headers.get("X-Edge-Cache")
    except urllib.error.HTTPError as error:
        return error.headers.get("X-Edge-Cache")


@pytest.fixture
def two_articles(home):
    guidance = ArticleIndexPageFactory(parent=home, slug="guidance")
    first = ArticlePageFactory(parent=guidance, title="Grounding techniques", slug="grounding")
    second = ArticlePageFactory(parent=guidance, title="Sleep after trauma", slug="sleep")
    return guidance, first, second


def test_a_signed_off_change_is_at_the_edge_at_once_and_another_article_stays_cached(edge, two_articles):
    guidance, first, second = two_articles
    for page in (first, second, guidance):
        assert get(edge, page.url)[0] == "miss"
        assert get(edge, page.url)[0] == "hit"

    editor = make_user("editor", "Editors")
    staff = {"editor": editor, "editor2": make_user("editor2", "Editors"), "reviewer": make_reviewer("reviewer")}
    draft = first.get_latest_revision_as_object()
    draft.title = "Grounding techniques for panic"
    draft.save_revision(user=editor)
    submit(first, editor)
    assert approve_all(Client(), first, staff).status_code == 302
    first.refresh_from_db()
    assert first.title == "Grounding techniques for panic"  # signed off and published

    assert eventually(lambda: "Grounding techniques for panic" in get(edge, first.url)[1], seconds=1.0, step=0.05)
    assert get(edge, second.url)[0] == "hit"  # another article's copy is still served
    status, listing = get(edge, guidance.url)  # its parent's listing shows the new title
    assert status == "miss" and "Grounding techniques for panic" in listing


def test_a_session_a_form_and_a_cookie_are_never_stored(edge, two_articles):
    _, first, _ = two_articles
    assert get(edge, first.url, cookie="sessionid=staff-session")[0] == "pass"
    assert get(edge, first.url, cookie="sessionid=staff-session")[0] == "pass"
    assert get(edge, first.url)[0] == "miss"  # the staff member's copy was not kept for readers

    # The call-back form sets the CSRF cookie: its page is passed, never stored.
    assert get(edge, "/en-gb/call-back/")[0] == "pass"
    assert get(edge, "/en-gb/call-back/")[0] == "pass"
    # A form's response (a POST) goes to the site every time.
    assert post(edge, "/en-gb/call-back/", b"name=x") == "pass"
    # Search is never cached (what a reader searched for stays theirs).
    assert get(edge, "/en-gb/search/?q=sleep")[0] == "pass"


def test_each_country_has_its_copy_and_a_contact_change_purges_only_that_countrys(edge, two_articles):
    _, first, _ = two_articles
    spain, britain = "reader_country=ES", "reader_country=GB"
    assert get(edge, first.url, cookie=spain)[0] == "miss"
    assert get(edge, first.url, cookie=spain)[0] == "hit"
    assert get(edge, first.url, cookie=britain)[0] == "miss"  # not Spain's copy
    assert get(edge, first.url, cookie="other=1; " + britain)[0] == "hit"  # other cookies do not split it

    ContactNumber.objects.create(country="ES", purpose=ContactPurpose.ENQUIRIES, label="Clínica", number="+34910000000")
    assert eventually(lambda: get(edge, first.url, cookie=spain)[0] == "miss", seconds=1.0, step=0.05)
    assert get(edge, first.url, cookie=britain)[0] == "hit"


def post_from(edge, address: str, path: str, data: bytes) -> int:
    """A POST through the edge from a client at `address` (another loopback address: each is a
    different reader to Varnish, which appends it to X-Forwarded-For)."""
    import http.client
    from urllib.parse import urlsplit

    url = urlsplit(edge.url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30, source_address=(address, 0))
    try:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        connection.request("POST", path, body=data, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def test_behind_the_edge_each_reader_is_counted_apart(edge, two_articles, settings):
    """`make run-edge` tells the site which header Varnish appends the client's address to
    (cms/edge/run_site.py): one reader reaching a limit does not shut it for the others."""
    from cms.edge.run_site import site_environment

    environment = site_environment({}, edge.url, 8000)
    settings.TRUSTED_PROXY_HEADER = environment["TRUSTED_PROXY_HEADER"]
    settings.TRUSTED_PROXY_COUNT = int(environment["TRUSTED_PROXY_COUNT"])
    settings.FEEDBACK_VOTES_PER_HOUR = 2
    _, first, _ = two_articles
    path = f"/en-gb/feedback/{first.pk}/"
    assert [post_from(edge, "127.0.0.2", path, b"useful=yes") for _ in range(3)] == [200, 200, 429]
    assert post_from(edge, "127.0.0.3", path, b"useful=yes") == 200


def test_parameters_the_site_does_not_use_share_the_pages_copy_and_a_withdrawn_page_leaves_every_address(
    edge, two_articles
):
    """The edge keyed the query string: after unpublishing, ?utm_source=… and ?fbclid=… copies
    were served for up to an hour, and topic-filtered listings were never purged."""
    guidance, first, _ = two_articles
    ArticlePageFactory(parent=guidance, title="Nightmares", slug="nightmares", topics=[TopicFactory(slug="sleep")])
    assert get(edge, first.url)[0] == "miss"
    for variant in ("?utm_source=newsletter", "?fbclid=IwAR0abc", "?utm_source=x&utm_medium=y", "?anything=1"):
        status, html = get(edge, first.url + variant)
        assert status == "hit" and "Grounding techniques" in html, variant
    listing = guidance.url + "?topic=sleep"
    assert get(edge, listing)[0] == "miss" and get(edge, listing + "&utm_source=x")[0] == "hit"
    assert get(edge, guidance.url + "?page=1")[0] == "miss"  # a parameter the site uses: its own copy

    first.unpublish()  # Wagtail purges the page's address and its listing's
    for url in (first.url, first.url + "?utm_source=newsletter", first.url + "?fbclid=IwAR0abc"):
        assert eventually(lambda url=url: get_status(edge, url) == 404, seconds=2.0, step=0.05), url
    assert eventually(lambda: get(edge, listing)[0] == "miss", seconds=2.0, step=0.05)


def get_status(edge, path) -> int:
    try:
        with urllib.request.urlopen(edge.url + path, timeout=30) as response:  # noqa: S310 - loopback
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def send(edge, method: str, path: str, headers: dict) -> int:
    request = urllib.request.Request(edge.url + path, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_purge_or_ban_without_the_sites_secret_empties_nothing(edge, two_articles):
    """Any process on the edge's host (a TLS terminator, a proxy forwarding readers) sends from
    127.0.0.1: the address alone let every reader empty the cache."""
    _, first, _ = two_articles
    assert get(edge, first.url)[0] == "miss"
    for headers in ({}, {"X-Purge-Secret": "guess"}, {"X-Purge-Secret": edge.purge_secret[:-1]}):
        assert send(edge, "PURGE", first.url, headers) == 405
        assert send(edge, "BAN", "/", {**headers, "X-Ban-All": "1"}) == 405
        assert get(edge, first.url)[0] == "hit"
    # The site's own purge (Wagtail's frontend cache through cms.edge.purging) still works.
    from wagtail.contrib.frontend_cache.utils import purge_url_from_cache

    purge_url_from_cache("http://localhost" + first.url)
    assert eventually(lambda: get(edge, first.url)[0] == "miss", seconds=2.0, step=0.05)
