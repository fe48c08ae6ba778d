"""What readers in each language see: switcher, hreflang, rtl, the not-available notice,
localised dates, translated labels, and 404s for unknown prefixes."""

import datetime
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.utils import translation

from articles.models import ArticlePage, Topic
from tests.factories import TopicFactory, publish_signed_off

SLUG = "how-to-heal-after-a-trauma-bond-relationship"
EN_URL = f"/en-gb/guidance/{SLUG}/"
ES_URL = "/es/orientacion/como-sanar-despues-de-una-relacion-de-vinculo-traumatico/"
AR_URL = "/ar/الإرشادات/كيف-تتعافى-بعد-علاقة-الرابطة-الصادمة/"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def site(sample_content):
    """The demo site: the article live in en-gb, es and ar; a draft translation in fr."""


def test_switcher_and_hreflang_list_exactly_the_live_translations(client, site):
    page = soup(client.get(ES_URL))
    switcher = [(a["hreflang"], a.text, a.get("aria-current")) for a in page.select(".language-switcher a")]
    assert switcher == [("en-gb", "English", None), ("es", "Español", "true"), ("ar", "العربية", None)]
    hreflang = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
    assert set(hreflang) == {"en-gb", "es", "ar", "x-default"}  # no fr: its translation is a draft
    assert hreflang["es"].endswith(ES_URL) and unquote(hreflang["ar"]).endswith(AR_URL)
    assert hreflang["x-default"].endswith(EN_URL)
    assert page.find("link", rel="canonical")["href"].endswith(ES_URL)


def test_arabic_renders_right_to_left_with_numbers_left_to_right(client, site):
    page = soup(client.get(AR_URL))
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    assert page.find("h1").text == "كيف تتعافى بعد علاقة الرابطة الصادمة"
    for number in page.select("a.phone-number"):
        assert number["dir"] == "ltr"
    assert page.select_one(".reference__doi")["dir"] == "ltr"
    assert "الروابط الصادمة" in [a.text for a in page.select(".topic-tags a")]


def test_translated_article_keeps_synchronised_numbers_and_citation(client, site):
    # A Spanish-language reader with no other signal is placed in the clinic's country, never in
    # Spain by their language: London numbers in national format. One who chose Spain gets them
    # in international format.
    page = soup(client.get(ES_URL))
    numbers = {a.text: a["href"] for a in page.select(".contact-cta a.phone-number")}
    assert numbers == {"020 7193 1128": "tel:+442071931128", "020 3984 7699": "tel:+442039847699"}
    client.cookies["reader_country"] = "ES"
    numbers = {a.text: a["href"] for a in soup(client.get(ES_URL)).select(".contact-cta a.phone-number")}
    assert numbers == {"+44 20 7193 1128": "tel:+442071931128", "+44 20 3984 7699": "tel:+442039847699"}
    del client.cookies["reader_country"]
    assert "Admisiones" in page.select_one(".contact-cta").text
    assert page.select_one(".reference__doi")["href"] == "https://doi.org/10.1016/j.psyneuen.2013.06.019"
    assert "The role of oxytocin in social bonding" in page.select_one(".reference cite").text


def test_untranslated_page_shows_the_source_with_a_notice_and_canonical(client, site):
    page = soup(client.get(f"/fr/guidance/{SLUG}/"))
    assert page.html["lang"] == "fr"
    notice = page.select_one(".notice--language")
    assert "Cette page n’est pas encore disponible en français" in notice.text
    assert page.find("h1").text == "How to Heal After a Trauma Bond Relationship"
    assert page.find("article")["lang"] == "en-gb"
    assert page.find("link", rel="canonical")["href"].endswith(EN_URL)


def test_translated_page_has_no_notice(client, site):
    for url in (EN_URL, ES_URL, AR_URL):
        assert soup(client.get(url)).select_one(".notice--language") is None, url


def test_missing_translation_below_a_translated_index_falls_back_to_the_source(client, site):
    """es has its own tree; a page that exists only in English still reaches Spanish readers."""
    from tests.factories import ArticlePageFactory

    english_only = ArticlePageFactory(parent=ArticlePage.objects.get(locale__language_code="en-gb").get_parent())
    page = soup(client.get(f"/es/guidance/{english_only.slug}/"))
    assert "aún no está disponible en español" in page.select_one(".notice--language").text
    assert page.find("link", rel="canonical")["href"].endswith(english_only.url)


@pytest.mark.parametrize("url", ["/xx/", "/xx/guidance/", "/de/", "/es/no-such-page/", "/ar/guidance/nothing/"])
def test_unknown_prefixes_and_pages_get_the_sites_404(client, site, url):
    response = client.get(url, follow=True)
    assert response.status_code == 404
    assert BeautifulSoup(response.content, "html.parser").find("h1") is not None


def test_root_sends_readers_to_their_language(client, site):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")["Location"] == "/ar/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")["Location"] == "/es/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")["Location"] == "/en-gb/"


def test_review_dates_in_the_readers_locale(client, site):
    article = ArticlePage.objects.get(locale__language_code="es")
    publish_signed_off(article, when=datetime.datetime(2026, 3, 14, 12, tzinfo=datetime.UTC))
    text = soup(client.get(ES_URL)).select_one(".review-dates").text
    assert "Última revisión de la página" in text and "14 de marzo de 2026" in text


def test_interface_strings_are_translated(client, site):
    page = soup(client.get(AR_URL))
    assert page.select_one(".skip-link").text == "الانتقال إلى المحتوى الرئيسي"
    assert page.select_one("#contents-heading").text == "المحتويات"


@pytest.mark.django_db
def test_topic_names_fall_back_to_english():
    topic = TopicFactory(name_en_gb="Trauma bonds", name_es="Vínculos traumáticos", slug="tb")
    english_only = TopicFactory(name_en_gb="Self-care", slug="sc")
    with translation.override("es"):
        topic, english_only = Topic.objects.get(slug="tb"), Topic.objects.get(slug="sc")
        assert topic.name == "Vínculos traumáticos"
        assert english_only.name == "Self-care"
    with translation.override("fr"):
        assert Topic.objects.get(slug="tb").name == "Trauma bonds"


def test_sitemap_lists_each_translation_with_its_alternates(client, site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urlset = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in urlset.findall("s:url/s:loc", ns)]
    assert any(url.endswith(ES_URL) for url in locations)
    assert not any("/fr/" in url for url in locations)
    entry = next(url for url in urlset.findall("s:url", ns) if unquote(url.find("s:loc", ns).text).endswith(AR_URL))
    assert {link.get("hreflang") for link in entry.findall("x:link", ns)} == {"en-gb", "es", "ar", "x-default"}


@pytest.mark.django_db
def test_search_and_call_back_have_a_language_switcher_too(client, home):
    page = BeautifulSoup(client.get("/es/call-back/").content, "html.parser")
    links = {a["hreflang"]: a["href"] for a in page.select(".language-switcher a")}
    assert links == {
        "en-gb": "/en-gb/call-back/",
        "es": "/es/call-back/",
        "fr": "/fr/call-back/",
        "ar": "/ar/call-back/",
    }
    page = BeautifulSoup(client.get("/ar/search/", {"q": "صدمة"}).content, "html.parser")
    assert page.select_one('.language-switcher a[hreflang="fr"]')["href"].startswith("/fr/search/?q=")
