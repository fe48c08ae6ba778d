"""`make run`'s sample content: the clinic's article, live, with its numbers from the contact records."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Revision

from articles.models import ArticlePage


@pytest.mark.django_db
def test_published_sample_article_shows_both_numbers_formatted_and_linked(sample_content, client):
    page = ArticlePage.objects.get(locale__language_code="en-gb")
    assert page.live and page.url == "/en-gb/guidance/how-to-heal-after-a-trauma-bond-relationship/"
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    numbers = {a.text: a["href"] for a in html.select(".article__body a.phone-number")}
    assert numbers == {"020 7193 1128": "tel:+442071931128", "020 3984 7699": "tel:+442039847699"}
    # The help box: the UK's emergency number, then its verified helplines; Shout is text-only.
    help_lines = [(a.text, a["href"]) for a in html.select(".need-help a.phone-number")]
    assert help_lines == [
        ("999", "tel:999"),
        ("111", "tel:111"),
        ("116 123", "tel:116123"),
        ("Text 85258", "sms:85258"),
        ("0808 200 0247", "tel:+448082000247"),
    ]
    # The sample's wrong spacing never reaches readers.
    assert "0207 193 1128" not in html.text and "0203 984 7699" not in html.text
    contents = [a.text for a in html.select("nav.contents a")]
    assert contents[0] == "What is a trauma bond?" and "Barriers to healing" in contents
    assert html.select_one(".callout--warning") is not None
    assert len(html.select(".therapy-card")) == 2


@pytest.mark.django_db
def test_loading_sample_content_twice_changes_nothing(sample_content):
    revisions = Revision.objects.count()
    out = io.StringIO()
    call_command("load_sample_content", stdout=out)
    assert "already live and up to date" in out.getvalue()
    assert Revision.objects.count() == revisions


@pytest.mark.django_db
def test_sample_translations_are_live_in_es_and_ar_draft_in_fr_and_flagged_for_review(sample_content):
    from wagtail.models import Comment

    states = {p.locale.language_code: p.live for p in ArticlePage.objects.select_related("locale")}
    assert states == {"en-gb": True, "es": True, "ar": True, "fr": False}
    for page in ArticlePage.objects.exclude(locale__language_code="en-gb"):
        assert "not been clinically reviewed" in Comment.objects.get(page=page).text
