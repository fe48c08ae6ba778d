"""An article's rendered parts are reused by requests the page cache does not serve (a signed-in
editor, a reader with a session; the page cache is off in the suite, so every request here is
one), and every change a reader must see shows on the very next request."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Site

from articles.models import ArticlePage
from tests.articles.test_pages import sectioned_body
from tests.factories import ArticlePageFactory, TopicFactory, make_user, paragraph, publish_signed_off


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def article(guidance, clinic_numbers):
    return ArticlePageFactory(
        parent=guidance,
        title="Healing after a trauma bond",
        body=sectioned_body(2),
        topics=[TopicFactory(name="Trauma bonds", slug="trauma-bonds")],
    )


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


def publish(page, **changes):
    """A new revision, signed off and published."""
    page.refresh_from_db()
    for name, value in changes.items():
        setattr(page, name, value)
    publish_signed_off(page)


def translate(page, code: str, title: str):
    translated = page.copy_for_translation(Locale.objects.get(language_code=code), copy_parents=True)
    parent = translated.get_parent().specific
    if not parent.live:
        parent.save_revision().publish()
    publish(translated, title=title)


def test_the_second_request_is_the_same_page_from_fewer_queries(client, article):
    first, first_queries = get(client, article.url)
    again, again_queries = get(client, article.url)
    assert again.content == first.content
    assert again_queries < first_queries


def test_a_publication_shows_on_the_next_request(client, article):
    get(client, article.url)
    publish(article, summary="A new summary.", body=[paragraph("Revised guidance.")])
    page = soup(client.get(article.url))
    assert page.select_one(".lead").text == "A new summary."
    assert "Revised guidance." in page.select_one(".article__body").text


def test_a_live_row_changed_without_a_publication_shows_on_the_next_request(client, article):
    """A data fix (a migration, a shell) writes the row readers are served without any signal."""
    get(client, article.url)
    ArticlePage.objects.filter(pk=article.pk).update(summary="Corrected by a data fix.")
    assert soup(client.get(article.url)).select_one(".lead").text == "Corrected by a data fix."


def test_a_changed_number_shows_in_the_article_on_the_next_request(client, article, clinic_numbers):
    assert "020 7193 1128" in soup(client.get(article.url)).select_one(".article__body").text
    admissions = clinic_numbers["admissions"]
    admissions.number = "020 7946 0000"
    admissions.save()
    body = soup(client.get(article.url)).select_one(".article__body").text
    assert "020 7946 0000" in body and "020 7193 1128" not in body


def test_a_renamed_topic_shows_on_the_next_request(client, article):
    get(client, article.url)
    topic = article.topics.get()
    topic.name = "Trauma bonding"
    topic.save()
    assert [a.text for a in soup(client.get(article.url)).select(".topic-tags a")] == ["Trauma bonding"]


def test_a_published_translation_joins_the_language_switcher_on_the_next_request(client, article):
    switcher = soup(client.get(article.url)).select(".language-switcher a")
    assert not switcher  # English only
    translate(article, "es", "Sanar tras un vínculo traumático")
    languages = [a["hreflang"] for a in soup(client.get(article.url)).select(".language-switcher a")]
    assert languages == ["en-gb", "es"]


def test_a_preview_shows_the_draft_and_the_live_page_stays_live(client, article):
    editor = make_user("editor", "Editors")
    client.force_login(editor)
    get(client, article.url)  # the live page's parts, kept
    article.refresh_from_db()
    article.body = [paragraph("Draft wording, not reviewed.")]
    revision = article.save_revision(user=editor)

    preview = client.get(reverse("wagtailadmin_pages:revisions_view", args=[article.pk, revision.pk]))
    assert "Draft wording, not reviewed." in soup(preview).select_one(".article__body").text
    live = soup(client.get(article.url)).select_one(".article__body").text
    assert "Draft wording" not in live and "Section 0" in live


def test_a_site_no_longer_serving_this_host_is_seen_at_once(client, article):
    assert client.get(article.url).status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.is_default_site = "elsewhere.test", False
    site.save()
    assert client.get(article.url).status_code == 404


def test_article_query_count_does_not_grow_with_blocks_topics_or_translations(client, guidance, clinic_numbers):
    small = ArticlePageFactory(parent=guidance, body=sectioned_body(1, with_contacts=False))
    large = ArticlePageFactory(parent=guidance, body=sectioned_body(20), topics=[TopicFactory() for _ in range(6)])
    for code in ("es", "fr", "ar"):
        translate(large, code, f"Article ({code})")
    client.get(guidance.url)  # the site lookup kept, as on any running server

    first, again = [], []
    for page in (small, large):
        first.append(get(client, page.url)[1])
        again.append(get(client, page.url)[1])
    assert first[0] == first[1] and again[0] == again[1], (first, again)
    # The first request after a change: locale, five for routing to the page (which also gives
    # the breadcrumbs), its view restrictions (two), two for its live public translations, the
    # contact directory, topics, the live revision's clinical sign-off, any "original updated"
    # notice, and two for "More on this topic" (the articles; the view restrictions that keep
    # private ones out).
    assert first[1] <= 16
    # Every request after it, until the next change: the locale, routing and view restrictions.
    assert again[1] <= 8
