"""What readers get beyond a plain match, on the engine and on the database fallback (no
cluster): highlights on the words they searched for (in every language), "did you mean" only
when the suggestion finds something, and a reader of a language the guidance is not yet
translated into searching the pages they are shown (the source language's, at their own
language's address, with the notice)."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from search.client import alias_name
from search.query import SearchParams, search
from tests.factories import ArticlePageFactory, paragraph

from .corpus import index_page_for

ENGINES = ["elasticsearch", "database"]


@pytest.fixture(params=ENGINES)
def engine_or_database(request, es, settings):
    """Each test once on the engine, once on the database fallback (no cluster configured)."""
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
    return request.param


HIGHLIGHTS = {  # language: (query, article index in CORPUS): the query's word in another form
    "en-gb": ("nightmare", 1),
    "es": ("pesadilla", 1),
    "fr": ("cauchemar", 1),
    "ar": ("كوابيس", 1),
}


@pytest.mark.parametrize("code", list(HIGHLIGHTS))
def test_highlights_land_on_the_words_searched_for(es, corpus, code):
    """Every <mark> is a form of the reader's word, as the language's own analyzer reads it."""
    query, position = HIGHLIGHTS[code]
    results = search(code, SearchParams(query=query))
    hit = next(hit for hit in results.hits if hit.page_id == corpus[code][position].pk)
    marked = BeautifulSoup(str(hit.snippet), "html.parser").find_all("mark")
    assert marked, hit.snippet

    def stems(text):
        tokens = es.indices.analyze(index=alias_name(code), analyzer="clinic_text", text=text)["tokens"]
        return {token["token"] for token in tokens}

    for mark in marked:
        assert stems(mark.text) & stems(query), (mark.text, query)


@pytest.mark.parametrize("code", list(HIGHLIGHTS))
def test_the_database_fallback_highlights_the_words_searched_for(es, corpus, settings, code):
    settings.ELASTICSEARCH_URL = ""
    query, position = HIGHLIGHTS[code]
    word = {"en-gb": "Nightmares", "es": "pesadillas", "fr": "cauchemars", "ar": "الكوابيس"}[code]
    results = search(code, SearchParams(query=word))
    assert results.engine == "database"
    hit = next(hit for hit in results.hits if hit.page_id == corpus[code][position].pk)
    marked = [mark.text for mark in BeautifulSoup(str(hit.snippet), "html.parser").find_all("mark")]
    assert marked and all(mark.casefold() == word.casefold() for mark in marked), hit.snippet


def test_highlighted_snippets_are_escaped(es, corpus, settings, engine_or_database):
    parent = index_page_for("en-gb")
    ArticlePageFactory(
        parent=parent, title="Markup", summary="<script>alert(1)</script> nightmares", body=[paragraph("x")]
    )
    html = search("en-gb", SearchParams(query="nightmares"))
    snippets = " ".join(str(hit.snippet) for hit in html.hits)
    assert "<script>" not in snippets and "&lt;script&gt;" in snippets


def test_did_you_mean_only_when_the_suggestion_finds_something(es, corpus, client, engine_or_database):
    data = client.get("/en-gb/search/api/", {"q": "nigthmares"}).json()
    if engine_or_database == "database":  # the engine's fuzziness finds it without a suggestion
        assert data["total"] == 0 and data["suggestion"] == "nightmares"
        again = client.get("/en-gb/search/api/", {"q": data["suggestion"]}).json()
        assert again["results"][0]["title"] == "Sleep after trauma"
    # Each word corrected on its own exists, but no article has both: nothing to suggest.
    data = client.get("/en-gb/search/api/", {"q": "ketamne nightmars"}).json()
    assert data["total"] == 0 and data["suggestion"] == ""
    html = BeautifulSoup(client.get("/en-gb/search/", {"q": "ketamne nightmars"}).content, "html.parser")
    assert html.select_one(".suggestion") is None
    # A word nowhere near any word of the guidance: no suggestion either.
    assert client.get("/en-gb/search/api/", {"q": "sourdough"}).json()["suggestion"] == ""


def test_a_reader_whose_topic_has_none_of_the_words_is_offered_every_topic(es, corpus, client, engine_or_database):
    """The words are only on pages outside the chosen topic, here pages with no topic at all, so
    there is no facet to turn to (another facet would narrow further): the answer offers the same
    words in every topic, one link away."""
    html = BeautifulSoup(client.get("/en-gb/search/", {"q": "nightmares", "topic": "therapies"}).content, "html.parser")
    assert html.select(".article-list__item") == [] and html.select(".facet") == []
    link = html.select_one("a.all-topics")
    assert link is not None and link.get_text(strip=True) == "Search all topics for “nightmares”"
    again = BeautifulSoup(client.get("/en-gb/search/" + link["href"]).content, "html.parser")
    assert [a.get_text(strip=True) for a in again.select(".article-list__item h2 a")][0] == "Sleep after trauma"
    # In the reader's language.
    html = BeautifulSoup(client.get("/es/search/", {"q": "pesadillas", "topic": "therapies"}).content, "html.parser")
    assert html.select_one("a.all-topics").get_text(strip=True) == "Buscar «pesadillas» en todos los temas"


def test_spanish_did_you_mean_on_the_database(es, corpus, client, settings):
    settings.ELASTICSEARCH_URL = ""
    data = client.get("/es/search/api/", {"q": "pesadilas"}).json()
    assert data["engine"] == "database" and data["suggestion"] == "pesadillas"


@pytest.fixture
def untranslated(corpus):
    """An English article with no translation, and one translated into Spanish only."""
    parent = index_page_for("en-gb")
    alone = ArticlePageFactory(
        parent=parent,
        title="Panic attacks at night",
        slug="panic-attacks-at-night",
        summary="Waking in a panic.",
        body=[paragraph("Panic attacks can wake you from sleep.")],
    )
    return alone


def test_a_reader_whose_language_has_no_translation_searches_the_page_they_are_shown(
    es, corpus, untranslated, client, engine_or_database
):
    data = client.get("/fr/search/api/", {"q": "panic"}).json()
    assert data["engine"] == engine_or_database
    (hit,) = [r for r in data["results"] if r["title"] == "Panic attacks at night"]
    assert hit["language"] == "en-gb" and hit["url"].startswith("/fr/")
    page = client.get(hit["url"])
    assert page.status_code == 200
    assert "pas encore disponible" in page.content.decode()  # the notice in French

    html = BeautifulSoup(client.get("/fr/search/", {"q": "panic"}).content, "html.parser")
    item = next(li for li in html.select(".article-list__item") if "Panic attacks" in li.text)
    assert item["lang"] == "en-gb" and "anglais" in item.select_one(".hit__language").text

    suggestions = client.get("/fr/search/autocomplete/", {"q": "panic"}).json()["results"]
    assert [(s["title"], s["url"][:4]) for s in suggestions] == [("Panic attacks at night", "/fr/")]


def test_a_translated_page_is_found_in_the_readers_language_only(es, corpus, client, engine_or_database):
    """Sleep after trauma exists in French: a French reader finds the French page, never the
    English one beside it; an English reader never gets the French one."""
    fr = client.get("/fr/search/api/", {"q": "cauchemars"}).json()
    assert [r["title"] for r in fr["results"]] == ["Dormir après un traumatisme"]
    assert fr["results"][0]["language"] == "fr"
    en = client.get("/fr/search/api/", {"q": "nightmares insomnia"}).json()
    assert "Sleep after trauma" not in [r["title"] for r in en["results"]]
    assert client.get("/en-gb/search/api/", {"q": "cauchemars"}).json()["total"] == 0


def test_a_new_translation_takes_the_source_pages_place_in_that_language(
    es, corpus, untranslated, client, engine_or_database
):
    from search.indexing import apply_pending

    parent = index_page_for("fr")
    french = ArticlePageFactory(
        parent=parent,
        locale=Locale.objects.get(language_code="fr"),
        title="Crises de panique la nuit",
        summary="Se réveiller en panique.",
        body=[paragraph("Les crises de panique peuvent réveiller.")],
        translation_key=untranslated.translation_key,
    )
    apply_pending()
    titles = [r["title"] for r in client.get("/fr/search/api/", {"q": "panique"}).json()["results"]]
    assert titles == ["Crises de panique la nuit"]
    english = [r["title"] for r in client.get("/fr/search/api/", {"q": "panic attacks"}).json()["results"]]
    assert "Panic attacks at night" not in english
    # Spanish readers still get the English page: it is not translated into Spanish.
    spanish = [r["title"] for r in client.get("/es/search/api/", {"q": "panic attacks"}).json()["results"]]
    assert "Panic attacks at night" in spanish

    french.unpublish()
    apply_pending()
    back = [r["title"] for r in client.get("/fr/search/api/", {"q": "panic attacks"}).json()["results"]]
    assert "Panic attacks at night" in back
