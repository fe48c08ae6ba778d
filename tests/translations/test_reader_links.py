"""A reader stays in their language from link to link: listings link untranslated originals under
the reader's prefix, translated pages have translated addresses (Arabic included) and the old
addresses lead to them, the 404 page goes home in the reader's language, and notices name
languages in the reader's language."""

from urllib.parse import quote, unquote

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticleIndexPage, ArticlePage
from tests.factories import publish_signed_off

SLUG = "how-to-heal-after-a-trauma-bond-relationship"
AR_URL = "/ar/الإرشادات/كيف-تتعافى-بعد-علاقة-الرابطة-الصادمة/"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def hrefs(page, selector):
    return [unquote(a["href"]) for a in page.select(selector)]


@pytest.fixture
def site(sample_content):
    """The demo site: the article live in en-gb, es and ar; a draft translation in fr."""


def test_every_translation_has_an_address_in_its_own_language_arabic_included(site):
    urls = {p.locale.language_code: unquote(p.url) for p in ArticlePage.objects.filter(live=True)}
    assert urls == {
        "en-gb": f"/en-gb/guidance/{SLUG}/",
        "es": "/es/orientacion/como-sanar-despues-de-una-relacion-de-vinculo-traumatico/",
        "ar": AR_URL,
    }


def test_the_arabic_address_answers_and_the_switcher_links_it(client, site):
    page = soup(client.get(quote(AR_URL)))
    assert page.html["lang"] == "ar"
    assert page.select_one(".notice--language") is None  # the Arabic page itself, no fallback
    switcher = {a["hreflang"]: unquote(a["href"]) for a in page.select(".language-switcher a")}
    assert switcher["ar"] == AR_URL


def test_the_originals_address_under_a_translated_language_leads_to_the_translation(client, site):
    """A link built from the English slugs under /ar/ (or an address from before the slug was
    translated) reaches the Arabic page, not the English one with a 'not available' notice."""
    response = client.get(f"/ar/guidance/{SLUG}/")
    assert response.status_code == 302
    assert unquote(response["Location"]) == AR_URL
    assert client.get(response["Location"]).status_code == 200


def test_an_old_address_redirects_after_the_slug_changes(client, site, django_capture_on_commit_callbacks):
    article = ArticlePage.objects.get(locale__language_code="en-gb")
    old = article.url
    article.slug = "healing-after-a-trauma-bond"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail announces the change on commit
        publish_signed_off(article)
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"].endswith("/en-gb/guidance/healing-after-a-trauma-bond/")
    assert client.get(response["Location"]).status_code == 200


def test_french_readers_home_links_the_untranslated_article_under_fr_marked_as_english(client, site):
    page = soup(client.get("/fr/"))
    links = hrefs(page, ".article-list a")
    assert links == [f"/fr/guidance/{SLUG}/"]
    item = page.select_one(".article-list__item")
    assert item["lang"] == "en-gb"
    assert item.select_one(".hit__language")["lang"] == "fr"
    assert "anglais" in item.select_one(".hit__language").text
    article = soup(client.get(links[0]))
    assert article.html["lang"] == "fr" and article.select_one(".notice--language")


def test_a_live_french_home_and_guidance_list_the_english_originals_they_lack(client, site):
    french = ArticleIndexPage.objects.get(locale__language_code="fr")
    french.get_parent().get_latest_revision().publish()
    french.get_latest_revision().publish()
    for url in ("/fr/", "/fr/conseils/"):
        page = soup(client.get(url))
        assert hrefs(page, ".article-list h2 a, .article-list h3 a") == [f"/fr/guidance/{SLUG}/"], url
    # The topic pills of the English article, read by a French reader, stay under /fr/ too.
    article = soup(client.get(f"/fr/guidance/{SLUG}/"))
    assert all(href.startswith("/fr/") for href in hrefs(article, ".topic-tags a"))


def test_spanish_readers_lists_link_their_own_translation_only(client, site):
    page = soup(client.get("/es/orientacion/"))
    assert hrefs(page, ".article-list h2 a") == [
        "/es/orientacion/como-sanar-despues-de-una-relacion-de-vinculo-traumatico/"
    ]
    assert page.select(".article-list .hit__language") == []


@pytest.mark.parametrize("code", ["en-gb", "es", "fr", "ar"])
def test_the_404_page_goes_home_in_the_readers_language(client, site, code):
    response = client.get(f"/{code}/no-such-page/")
    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == code
    assert f"/{code}/" in [a["href"] for a in page.select("main a")]
    assert "/" not in [a["href"] for a in page.select("main a")]


def test_the_original_updated_notice_names_the_language_in_the_readers_language(client, site):
    from review.services import mark_translations_outdated

    english = ArticlePage.objects.get(locale__language_code="en-gb")
    mark_translations_outdated(english)
    spanish = soup(client.get("/es/orientacion/como-sanar-despues-de-una-relacion-de-vinculo-traumatico/"))
    notice = spanish.select_one(".notice--source-updated").text
    assert "El original (inglés)" in notice and "English" not in notice
    arabic = soup(client.get(quote(AR_URL)))
    assert "الإنجليزية" in arabic.select_one(".notice--source-updated").text


def test_arabic_page_isolates_english_citations_and_keeps_numbers_and_dois_left_to_right(client, site):
    page = soup(client.get(quote(AR_URL)))
    assert page.html["dir"] == "rtl"
    citations = page.select(".reference cite")
    assert citations and all(cite.get("dir") == "auto" for cite in citations)
    assert any("Olff" in cite.text or "Trauma" in cite.text for cite in citations)
    numbers = page.select("a.phone-number")
    assert numbers and all(a["dir"] == "ltr" for a in numbers)
    assert all(a["dir"] == "ltr" for a in page.select(".reference__doi"))
