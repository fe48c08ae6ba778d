"""Reader search on Elasticsearch (OpenSearch here): one index per language behind an alias, kept in
sync by the outbox and worker, facets, highlights, typo tolerance, suggestions, autocomplete,
and the database fallback when the cluster is down."""

import io
import json
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Locale, PageViewRestriction

from search.analysis import LANGUAGES, index_body
from search.client import alias_name
from search.indexing import apply_pending, rebuild, status
from search.models import PendingIndexChange
from tests.factories import ArticlePageFactory, TopicFactory, paragraph, publish_signed_off

from .corpus import index_page_for
from .harness import RecordingNode

SNAPSHOTS = Path(__file__).parent / "snapshots"

RELEVANCE = {  # language: [(query, title expected first)]
    "en-gb": [("ketamine", 0), ("nightmares", 1), ("trauma bond", 2)],
    "es": [("ketamina", 0), ("pesadillas", 1), ("vínculo traumático", 2)],
    "fr": [("kétamine", 0), ("cauchemars", 1), ("lien traumatique", 2)],
    "ar": [("الكيتامين", 0), ("الكوابيس", 1), ("الرابطة الصادمة", 2)],
}


def ids(client, code, **query):
    response = client.search(index=alias_name(code), query=query or {"match_all": {}}, size=100)
    return {hit["_source"]["page_id"] for hit in response["hits"]["hits"]}


def test_each_language_has_its_own_index_behind_an_alias(es, corpus):
    for code, pages in corpus.items():
        assert ids(es, code) == {page.pk for page in pages}
        (index,) = es.indices.get_alias(name=alias_name(code)).keys()
        assert index.startswith(alias_name(code) + "-")


def test_index_settings_and_mappings_are_as_documented(es):
    """Snapshots of what is sent, reviewed against Elasticsearch's language-analyzer docs."""
    for code in LANGUAGES:
        expected = json.loads((SNAPSHOTS / f"index-{code}.json").read_text(encoding="utf-8"))
        assert index_body(code) == expected, code


def sent_searches():
    """(round trips, [(index, search)]) the recording node saw: an msearch is one trip with several."""
    trips = [(target.split("?")[0], body) for method, target, body in RecordingNode.sent]
    searches = []
    for target, body in trips:
        if target.endswith("/_msearch"):
            lines = [json.loads(line) for line in body.splitlines() if line.strip()]
            searches += [(header["index"], search) for header, search in zip(lines[::2], lines[1::2], strict=True)]
        elif target.endswith("/_search"):
            searches.append((target.split("/")[1], body))
    return len(trips), searches


def test_the_query_sent_is_as_documented(es, corpus, client):
    # One round trip, two searches: the page of results, ranked and not counted; the counts
    # (in all, per topic, in the chosen topic) unranked, with the term suggester.
    RecordingNode.sent.clear()
    client.get("/en-gb/search/", {"q": "ketamine", "topic": "therapies", "sort": "reviewed"})
    trips, searches = sent_searches()
    assert trips == 1 and [index for index, _ in searches] == [alias_name("en-gb")] * 2
    body = {"hits": searches[0][1], "counts": searches[1][1]}
    body["hits"]["query"]["bool"]["filter"][1]["term"]["topic_ids"] = "<therapies>"
    body["counts"]["aggs"]["chosen"]["filter"]["bool"]["filter"][0]["term"]["topic_ids"] = "<therapies>"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        (SNAPSHOTS / "query.json").write_text(json.dumps(body, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads((SNAPSHOTS / "query.json").read_text(encoding="utf-8"))
    assert body == expected

    # A French reader searches French pages and the English ones not translated into French.
    # In the same round trip, corrections are looked for among the French pages' words alone (in
    # the English index every French word is "missing", and looking each up cost most of the time).
    RecordingNode.sent.clear()
    client.get("/fr/search/", {"q": "kétamine"})
    trips, searches = sent_searches()
    (hits_index, hits), (counts_index, counts), (spelling_index, spelling) = searches
    assert trips == 1 and hits_index == counts_index == f"{alias_name('fr')},{alias_name('en-gb')}"
    assert "suggest" not in hits and "suggest" not in counts
    assert spelling_index == alias_name("fr") and spelling["size"] == 0
    assert spelling["suggest"]["spelling"]["text"] == "kétamine"
    assert spelling["suggest"]["spelling"]["term"] == {"field": "spelling", "suggest_mode": "missing"}
    body = {"hits": hits, "counts": counts}
    if os.environ.get("UPDATE_SNAPSHOTS"):
        (SNAPSHOTS / "query-fr.json").write_text(json.dumps(body, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    assert body == json.loads((SNAPSHOTS / "query-fr.json").read_text(encoding="utf-8"))

    # A misspelling a typo away: the term suggester rides in the first request (it looks only for
    # words no page contains); the corrected words are the second, sent only as nothing matched.
    def searches_for(words):
        RecordingNode.sent.clear()
        client.get("/en-gb/search/", {"q": words})
        trips, searches = sent_searches()
        return trips, [search for _, search in searches]

    trips, searches = searches_for("ketamne")
    # (the corrected words' one search counts while ranking: "suggest" is not asked again)
    assert trips == 2 and len(searches) == 3 and "suggest" not in searches[2] and searches[2]["track_total_hits"]
    if os.environ.get("UPDATE_SNAPSHOTS"):
        (SNAPSHOTS / "suggest.json").write_text(
            json.dumps(searches[1]["suggest"], indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
    assert searches[1]["suggest"] == json.loads((SNAPSHOTS / "suggest.json").read_text(encoding="utf-8"))
    corrected = searches[2]["query"]["bool"]
    assert corrected["should"][0]["multi_match"]["query"] == "ketamine"
    assert corrected["filter"][0]["match"]["spelling.stemmed"] == {"query": "ketamine", "minimum_should_match": "2<75%"}
    # Further away: the words as typed with fuzziness, and in the same round trip the correction
    # counted (it is offered as "did you mean" only if it finds something).
    trips, searches = searches_for("tarma")
    # (fuzzy over all the text at once, with the language's analysis: one expansion of each word,
    # counted in the same search: not expanded a second time for the counts)
    fuzzy = searches[2]["query"]["bool"]["must"][0]["match"]["spelling.stemmed"]
    assert trips == 2 and len(searches) == 4 and fuzzy["query"] == "tarma" and fuzzy["fuzziness"] == "AUTO"
    assert searches[2]["track_total_hits"] is True and "topics" in searches[2]["aggs"]
    count = searches[3]
    assert count["size"] == 0 and "aggs" not in count
    assert count["query"]["bool"]["filter"][0]["match"]["spelling.stemmed"]["query"] == "trauma"
    assert "fuzziness" not in count["query"]["bool"]["filter"][0]["match"]["spelling.stemmed"]


@pytest.mark.parametrize("code", list(RELEVANCE))
def test_relevance_per_language(es, corpus, code):
    from search.query import SearchParams, search

    for query, expected in RELEVANCE[code]:
        results = search(code, SearchParams(query=query))
        assert results.engine == "elasticsearch"
        assert results.hits and results.hits[0].page_id == corpus[code][expected].pk, (code, query)


def test_drafts_private_and_unpublished_pages_never_found(es, corpus, guidance):
    draft = ArticlePageFactory(parent=guidance, title="Draft about ketamine", publish=False)
    english = corpus["en-gb"]
    assert draft.pk not in ids(es, "en-gb")

    english[1].unpublish()
    assert english[1].pk not in ids(es, "en-gb")

    PageViewRestriction.objects.create(page=english[0], restriction_type="login")
    assert english[0].pk not in ids(es, "en-gb")

    english[2].delete()
    assert ids(es, "en-gb") == set()
    assert not PendingIndexChange.objects.exists()


def test_moves_and_a_new_parent_slug_change_the_urls_readers_are_sent_to(
    es, corpus, guidance, client, django_capture_on_commit_callbacks
):
    def indexed_url(page):
        return es.get(index=alias_name("en-gb"), id=str(page.pk))["_source"]["url"]

    page = corpus["en-gb"][1]
    page.move(guidance, pos="last-child")
    assert indexed_url(page) == f"/en-gb/guidance/{page.slug}/"

    guidance.slug = "help"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail signals a new slug on commit
        guidance.save_revision().publish()
    assert indexed_url(page) == f"/en-gb/help/{page.slug}/"
    assert client.get(indexed_url(page)).status_code == 200


def test_a_published_translation_goes_into_its_own_language(es, corpus):
    english = ArticlePageFactory(parent=index_page_for("en-gb"), title="Ketamine aftercare")
    spanish = english.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    assert spanish.pk not in ids(es, "es")
    spanish.title = "Ketamina: cuidados posteriores"
    publish_signed_off(spanish)
    assert spanish.pk in ids(es, "es") and spanish.pk not in ids(es, "en-gb")
    # The English page now says Spanish readers have their own (so they search that one).
    source = es.get(index=alias_name("en-gb"), id=str(english.pk))["_source"]
    assert source["translated_into"] == ["es"]


def test_a_change_made_while_the_cluster_is_down_is_applied_when_it_is_back(es, corpus, settings):
    page = corpus["en-gb"][1]
    url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing answers there
    from search import client as search_client

    search_client._client.cache_clear()
    page.title = "Sleep after trauma, revised"
    publish_signed_off(page)
    assert PendingIndexChange.objects.filter(page_id=page.pk).count() == 1
    out = io.StringIO()

    settings.ELASTICSEARCH_URL = url
    search_client._client.cache_clear()
    call_command("search_index", "status", "--locale", "en-gb", stdout=out)
    assert "pending changes: 1" in out.getvalue()
    assert apply_pending() == (1, 0)
    hit = es.get(index=alias_name("en-gb"), id=str(page.pk))
    assert hit["_source"]["title"] == "Sleep after trauma, revised"


def test_rebuild_swaps_the_alias_and_readers_never_see_an_empty_index(es, corpus):
    (old,) = es.indices.get_alias(name=alias_name("en-gb")).keys()
    seen_during_build, reported = [], []

    def progress(done, total):
        reported.append((done, total))
        seen_during_build.append(len(ids(es, "en-gb")))

    # Batches of 2: one batch is built while the one before it is being indexed.
    result = rebuild("en-gb", progress=progress, batch_size=2)
    assert result["documents"] == 3
    assert reported == [(2, 3), (3, 3)]
    (new,) = es.indices.get_alias(name=alias_name("en-gb")).keys()
    assert new != old and not es.indices.exists(index=old)
    assert seen_during_build and min(seen_during_build) == 3
    assert ids(es, "en-gb") == {page.pk for page in corpus["en-gb"]}
    # Filled without refreshes, then handed over refreshing as any index does.
    assert "refresh_interval" not in es.indices.get_settings(index=new)[new]["settings"]["index"]


def segments(client, index) -> int:
    shards = client.indices.segments(index=index)["indices"][index]["shards"]
    return sum(len(copy["segments"]) for copies in shards.values() for copy in copies if copy["routing"]["primary"])


def test_a_rebuilt_index_is_live_at_once_then_merged_into_one_segment(es, corpus, guidance, caplog):
    """Each flush of a rebuild's fill leaves a segment (here a refresh after each one-page batch),
    and every search pays for each; the rebuild merges them once readers already search it, and
    the command says so. A merge the engine refuses is logged; the rebuild stands."""
    from search.indexing import merge

    for number in range(6):
        ArticlePageFactory(parent=guidance, title=f"Grounding exercise {number}")
    pattern = f"{alias_name('en-gb')}-*"
    (old,) = es.indices.get_alias(name=alias_name("en-gb")).keys()
    filled = []

    def progress(done, total):
        (new,) = set(es.indices.get(index=pattern)) - {old}
        es.indices.refresh(index=new)
        filled.append(segments(es, new))

    result = rebuild("en-gb", progress=progress, batch_size=1)
    assert filled[-1] > 2  # a segment for each refresh that found new pages
    assert segments(es, result["index"]) == 1
    assert result["merge_seconds"] is not None
    assert len(ids(es, "en-gb")) == len(corpus["en-gb"]) + 6

    out = io.StringIO()
    call_command("search_index", "rebuild", "--locale", "en-gb", stdout=out, stderr=io.StringIO())
    assert "alias swapped; merged into one segment in" in out.getvalue()

    with caplog.at_level("WARNING", logger="search.indexing"):
        assert merge(es, f"{alias_name('en-gb')}-gone") is None
    assert "Merging search index" in caplog.text and len(ids(es, "en-gb")) == len(corpus["en-gb"]) + 6


def test_text_typed_between_angle_brackets_is_found(es, corpus, client):
    """Wagtail gives rich text as plain text (tags out, "&lt;" back to "<"); stripping "tags" from
    that again took what an editor typed between "<" and ">" out of the index."""
    ArticlePageFactory(
        parent=corpus["en-gb"][0].get_parent(),
        title="Making a plan",
        body=[paragraph("Write down who to call &lt;before you are alone&gt; and keep it close.")],
    )
    rebuild("en-gb")
    data = client.get("/en-gb/search/api/", {"q": "alone"}).json()
    assert [r["title"] for r in data["results"]] == ["Making a plan"]


def test_words_on_different_parts_of_a_page_find_it_after_pages_with_them_together(es, corpus, client):
    """A reader's words need not all be in one part of a page: "grounding" in a title and "panic"
    only in the body is found for "grounding panic" (it was not while one field had to hold
    most of the words), after the page with both in its title; the count says two."""
    parent = corpus["en-gb"][0].get_parent()
    ArticlePageFactory(parent=parent, title="Grounding exercises", body=[paragraph("When panic rises, press down.")])
    ArticlePageFactory(parent=parent, title="Grounding in panic", body=[paragraph("Name five things you see.")])
    rebuild("en-gb")
    data = client.get("/en-gb/search/api/", {"q": "grounding panic"}).json()
    assert [r["title"] for r in data["results"]] == ["Grounding in panic", "Grounding exercises"]
    assert data["total"] == 2


def test_a_rebuild_writes_the_documents_a_publication_writes(es, corpus):
    """A rebuild reads topics a batch at a time and keeps Wagtail's site paths for the run: the
    documents must not differ from those written one publication at a time (topic names in each
    page's language, in that language's order)."""
    from articles.models import ArticlePage, Topic
    from search.documents import document_for

    calm = TopicFactory(name="Calm", slug="calm")
    calm.name_es = "Tranquilidad"
    calm.save()
    therapies = Topic.objects.get(slug="therapies")
    therapies.name_es = "Terapias"
    therapies.save()
    for code in ("en-gb", "es"):
        page = corpus[code][0]
        ArticlePage.topics.through.objects.get_or_create(articlepage_id=page.pk, topic=therapies)
        ArticlePage.topics.through.objects.create(articlepage_id=page.pk, topic=calm)

    # URLs are built from each parent's (SiteUrls): pages one section deeper, and slugs in
    # Arabic script (percent-encoded, as Django's reverse writes them).
    from tests.factories import ArticleIndexPageFactory

    deeper = {}
    for code, slug in (("en-gb", "deeper-article"), ("ar", "التعافي-بعد-الصدمة")):
        parent = corpus[code][0].get_parent()
        section = ArticleIndexPageFactory(parent=parent, locale=parent.locale, slug=f"section-{code}")
        deeper[code] = [ArticlePageFactory(parent=section, locale=section.locale, slug=slug, title=f"Deeper {code}")]
    assert "%D8%A7" in deeper["ar"][0].get_url()
    # A slug Wagtail's serve pattern refuses (written by an import, say): the URL Wagtail gives.
    dotted = ArticlePageFactory(parent=corpus["en-gb"][0].get_parent(), slug="dotted", title="Dotted")
    ArticlePage.objects.filter(pk=dotted.pk).update(slug="v1.2", url_path=dotted.url_path.replace("dotted", "v1.2"))
    deeper["en-gb"].append(ArticlePage.objects.get(pk=dotted.pk))
    assert deeper["en-gb"][1].get_url() != deeper["en-gb"][1].get_parent().get_url() + "v1.2/"

    for code in ("en-gb", "es", "ar"):
        rebuild(code, batch_size=2)
        response = es.search(index=alias_name(code), query={"match_all": {}}, size=100)
        indexed = {hit["_source"]["page_id"]: hit["_source"] for hit in response["hits"]["hits"]}
        extra = [page.pk for page in deeper.get(code, [])]
        pages = ArticlePage.objects.filter(pk__in=[page.pk for page in corpus[code]] + extra)
        assert indexed == {page.pk: document_for(page) for page in pages}
        assert indexed == {page.pk: {**document_for(page), "url": page.get_url()} for page in pages}
        if code != "ar":
            assert indexed[corpus[code][0].pk]["topic_names"] == (
                ["Calm", "Therapies"] if code == "en-gb" else ["Terapias", "Tranquilidad"]
            )


def test_a_rebuild_reads_the_pages_a_batch_at_a_time_whatever_their_number(es, corpus, guidance):
    """The rebuild loads only the columns documents are made of: one missing would be read page
    by page (Django loads a deferred column on first use), and this count would grow."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert rebuild("en-gb")["documents"] == len(ids(es, "en-gb"))
        return len(captured.captured_queries)

    ArticlePageFactory(parent=guidance, title="Grounding exercise")
    few = queries()  # (a parent page's URL is read once a rebuild: both runs have the same parents)
    for number in range(6):
        ArticlePageFactory(parent=guidance, title=f"Grounding exercise {number}")
    assert len(ids(es, "en-gb")) == len(corpus["en-gb"]) + 7
    assert queries() == few


def test_facets_name_topics_read_once_until_a_topic_changes(es, corpus, client):
    """Topic names for the facets are kept per process: a search reads no topic rows, and a
    renamed or new topic shows in the very next search (saving one purges, moving the key)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.models import Topic
    from search.query import SearchParams, search

    search("en-gb", SearchParams(query="ketamine"))
    with CaptureQueriesContext(connection) as captured:
        results = search("en-gb", SearchParams(query="ketamine", topics=["therapies"]))
    assert [(f.name, f.count, f.selected) for f in results.facets] == [("Therapies", 1, True)]
    assert captured.captured_queries == []

    therapies = Topic.objects.get(slug="therapies")
    therapies.name = "Talking therapies"
    therapies.save()
    ketamine = corpus["en-gb"][0]
    calm = TopicFactory(name="Calm", slug="calm")
    ketamine.topics.add(calm)
    publish_signed_off(ketamine)
    data = client.get("/en-gb/search/api/", {"q": "ketamine", "topic": "calm"}).json()
    assert [(f["name"], f["selected"]) for f in data["facets"]] == [("Calm", True), ("Talking therapies", False)]
    assert [r["title"] for r in data["results"]] == ["Ketamine-assisted therapy"]


def test_a_failed_rebuild_leaves_readers_on_the_old_index(es, corpus, monkeypatch):
    from search import indexing

    (old,) = es.indices.get_alias(name=alias_name("en-gb")).keys()
    build = indexing.document_for
    last = corpus["en-gb"][2].pk

    def broken(page, *args, **kwargs):  # a document the strict mapping refuses, in the second batch
        document = build(page, *args, **kwargs)
        return {**document, "unexpected": "field"} if page.pk == last else document

    monkeypatch.setattr(indexing, "document_for", broken)
    with pytest.raises(Exception, match="document"):
        rebuild("en-gb", batch_size=2)
    assert list(es.indices.get_alias(name=alias_name("en-gb")).keys()) == [old]
    assert list(es.indices.get(index=f"{alias_name('en-gb')}-*").keys()) == [old]  # the half-built one is gone
    assert ids(es, "en-gb") == {page.pk for page in corpus["en-gb"]}


def test_status_reads_every_indexed_id_page_by_page(es, corpus):
    from search.indexing import indexed_ids

    expected = {page.pk for page in corpus["fr"]}
    assert indexed_ids(es, alias_name("fr"), page_size=2) == expected
    assert indexed_ids(es, alias_name("fr"), page_size=1) == expected


def test_rebuild_and_status_commands(es, corpus):
    out, err = io.StringIO(), io.StringIO()
    call_command("search_index", "rebuild", "--locale", "es", stdout=out, stderr=err)
    assert "es: 3 documents" in out.getvalue() and "3/3" in err.getvalue()

    es.delete(index=alias_name("es"), id=str(corpus["es"][0].pk), refresh=True)
    out = io.StringIO()
    call_command("search_index", "status", stdout=out)
    text = out.getvalue()
    assert f"es: index {alias_name('es')}-" in text
    assert f"drift: 1 live page(s) missing [{corpus['es'][0].pk}]" in text
    assert "en-gb:" in text and "in sync" in text
    assert status("fr")["documents"] == 3


def test_search_page_words_facets_highlights_and_pagination(es, corpus, client):
    html = BeautifulSoup(client.get("/en-gb/search/", {"q": "ketamine"}).content, "html.parser")
    titles = [a.text for a in html.select(".article-list h2 a")]
    assert titles[0] == "Ketamine-assisted therapy"
    assert html.select_one(".snippet mark").text.lower() == "ketamine"
    facet = html.select_one(".facets a")
    assert "Therapies" in facet.text and "(1)" in facet.text

    filtered = BeautifulSoup(client.get("/en-gb/search/" + facet["href"]).content, "html.parser")
    assert [a.text for a in filtered.select(".article-list h2 a")] == ["Ketamine-assisted therapy"]
    assert filtered.select_one(".facets a[aria-current]") is not None

    # A topic on its own lists that topic's articles.
    data = client.get("/en-gb/search/api/", {"topic": "therapies"}).json()
    assert [r["title"] for r in data["results"]] == ["Ketamine-assisted therapy"]


def test_typo_tolerance_and_did_you_mean(es, corpus, client):
    data = client.get("/en-gb/search/api/", {"q": "ketamne"}).json()
    assert data["results"] and data["results"][0]["title"] == "Ketamine-assisted therapy"
    assert data["corrected"] == "ketamine" and data["suggestion"] == ""
    html = BeautifulSoup(client.get("/en-gb/search/", {"q": "ketamne"}).content, "html.parser")
    assert "“ketamne”" in html.select_one(".corrected").text
    assert html.select_one(".corrected + p").text == "1 result for “ketamine”"
    assert [m.text.casefold() for m in html.select(".snippet mark")][:1] == ["ketamine"]
    # A word with no close correction that fuzziness still finds ("respiration" for "respirer"):
    # the French judged query in tests/search/test_relevance.py (it misses without the fallback).
    data = client.get("/en-gb/search/api/", {"q": "tarma"}).json()
    assert data["total"] == 0 and data["suggestion"] == "trauma"
    html = BeautifulSoup(client.get("/en-gb/search/", {"q": "tarma"}).content, "html.parser")
    assert html.select_one(".suggestion a").text == "trauma"
    # A Spanish reader's typo is corrected from the Spanish pages' words (asked for in the same
    # round trip as the search of Spanish and untranslated English pages).
    data = client.get("/es/search/api/", {"q": "pesadilas"}).json()
    assert data["corrected"] == "pesadillas" and data["results"][0]["title"] == "Dormir después de un trauma"
    # Corrected, "ketamine trauma" is in no article together: nothing found, nothing offered.
    data = client.get("/en-gb/search/api/", {"q": "ketamne tarma"}).json()
    assert data["total"] == 0 and data["suggestion"] == "" and data["corrected"] == ""


def test_words_found_only_outside_the_chosen_topic_are_not_stood_in_for(es, corpus, client):
    """ "rest" is on a page of no topic; within Therapies it is on no page. The reader is told
    so (and the pages of other topics are counted in the facets): no fuzzier search stands in
    for the topic they chose ("rest" is a letter from "reset", on a Therapies page)."""
    from articles.models import Topic

    therapies = Topic.objects.get(slug="therapies")
    ArticlePageFactory(
        parent=corpus["en-gb"][0].get_parent(),
        title="A reset before treatment",
        summary="Reset your routine first.",
        topics=[therapies],
    )
    rebuild("en-gb")
    data = client.get("/en-gb/search/api/", {"q": "rest", "topic": "therapies"}).json()
    assert (data["total"], data["results"], data["corrected"], data["suggestion"]) == (0, [], "", "")
    assert [r["title"] for r in client.get("/en-gb/search/api/", {"q": "rest"}).json()["results"]] == [
        "Sleep after trauma"
    ]


def test_json_endpoint_sort_and_paging(es, corpus, client):
    data = client.get("/en-gb/search/api/", {"q": "trauma", "sort": "reviewed", "page": "x"}).json()
    assert data["engine"] == "elasticsearch" and data["sort"] == "reviewed" and data["page"] == 1
    assert {r["title"] for r in data["results"]} >= {"Sleep after trauma", "Healing after a trauma bond"}
    assert all(set(r) >= {"title", "url", "snippet", "last_reviewed"} for r in data["results"])


def test_autocomplete(es, corpus, client):
    data = client.get("/en-gb/search/autocomplete/", {"q": "ketam"}).json()
    assert data["results"][0]["title"] == "Ketamine-assisted therapy"
    data = client.get("/es/search/autocomplete/", {"q": "dorm"}).json()
    assert [r["title"] for r in data["results"]] == ["Dormir después de un trauma"]


@pytest.mark.parametrize(
    "query",
    ["", "x" * 10_000, "\"'<script>alert(1)</script> AND OR ( title:* ~ ^2 \\", "صدمة", "\x00\x01", "*?{}[]"],
)
def test_any_query_is_safe(es, corpus, client, query):
    for url in ("/en-gb/search/", "/en-gb/search/api/", "/en-gb/search/autocomplete/"):
        response = client.get(url, {"q": query, "topic": ["does-not-exist", "therapies"]})
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("text/html"):
            assert "<script>alert(1)</script>" not in response.content.decode()
        else:
            assert response["Content-Type"] == "application/json"


def test_cluster_down_falls_back_to_the_database(corpus, cluster_down, client, caplog):
    response = client.get("/en-gb/search/api/", {"q": "ketamine"})
    assert response.status_code == 200
    data = response.json()
    assert data["engine"] == "database" and data["results"][0]["title"] == "Ketamine-assisted therapy"
    assert "ketamine" not in caplog.text  # the reader's words are never logged


def test_without_a_cluster_search_uses_the_database(corpus, settings, client):
    settings.ELASTICSEARCH_URL = ""
    data = client.get("/es/search/api/", {"q": "ketamina", "topic": "therapies"}).json()
    assert data["engine"] == "database"
    assert [r["title"] for r in data["results"]] == ["Terapia asistida con ketamina"]
    assert data["facets"][0]["slug"] == "therapies" and data["facets"][0]["count"] == 1


def test_without_a_cluster_autocomplete_answers_from_the_database(corpus, settings, client, caplog):
    """It raised FilterFieldError on every request (alias_of and public() are not filter fields of
    the search backend) and fell back to a title match, with a warning each time."""
    settings.ELASTICSEARCH_URL = ""
    with caplog.at_level("WARNING"):
        data = client.get("/en-gb/search/autocomplete/", {"q": "ketam"}).json()
        spanish = client.get("/es/search/autocomplete/", {"q": "ketam"}).json()
    assert [item["title"] for item in data["results"]] == ["Ketamine-assisted therapy"]
    assert [item["title"] for item in spanish["results"]] == ["Terapia asistida con ketamina"]
    assert "autocomplete failed" not in caplog.text


def test_synonyms_on_lucene(es, corpus):
    from search.query import SearchParams, search

    results = search("en-gb", SearchParams(query="CBT"))
    assert results.hits and results.hits[0].page_id == corpus["en-gb"][2].pk


def test_spanish_stop_words_on_lucene(es, corpus):
    from search.query import SearchParams, search

    assert search("es", SearchParams(query="de la")).total == 0


def test_a_spanish_plural_finds_the_singular_through_the_sites_search(es, corpus):
    from search.query import SearchParams, search

    titles = [hit.title for hit in search("es", SearchParams(query="terapias")).hits]
    assert "Terapia asistida con ketamina" in titles


def test_the_outdated_index_rebuild_builds_an_index_gone_since_it_was_asked_for(es, corpus, client):
    """Between a reader's search asking for the rebuild and the worker running it, the index may
    have gone (deleted by hand, a lost cluster): the worker builds it, and readers find pages."""
    from search.tasks import rebuild_outdated_indices

    es.indices.delete(index=f"{alias_name('en-gb')}-*")
    assert rebuild_outdated_indices.call(["en-gb"]) == ["en-gb"]
    data = client.get("/en-gb/search/api/", {"q": "ketamine"}).json()
    assert (data["engine"], [r["title"] for r in data["results"]]) == ("elasticsearch", ["Ketamine-assisted therapy"])


def test_an_index_an_earlier_release_built_is_answered_from_the_database_until_rebuilt(es, corpus, client, caplog):
    """Every search counts pages in `spelling.stemmed`; an index built before it (no schema in
    its mapping) has the field on no page, and would find nothing. The reader is answered from
    the database and the worker asked to rebuild it (here at once: tasks run immediately in
    tests); the next reader is answered by the engine, from the new index."""
    from django.core.cache import cache

    from search import query

    alias = alias_name("en-gb")
    documents = [(hit["_id"], hit["_source"]) for hit in es.search(index=alias, size=100)["hits"]["hits"]]
    es.indices.delete(index=f"{alias}-*")
    body = index_body("en-gb")
    del body["mappings"]["_meta"], body["mappings"]["properties"]["spelling"]["fields"]
    es.indices.create(index=f"{alias}-old", **body)
    es.indices.update_aliases(actions=[{"add": {"index": f"{alias}-old", "alias": alias}}])
    for document_id, document in documents:
        es.index(index=alias, id=document_id, document=document)
    es.indices.refresh(index=alias)
    query._current_schema.discard(alias)
    cache.delete("search:rebuild-outdated:en-gb")

    data = client.get("/en-gb/search/api/", {"q": "ketamine"}).json()
    assert (data["engine"], [r["title"] for r in data["results"]]) == ("database", ["Ketamine-assisted therapy"])
    assert "OutdatedIndex" in caplog.text
    assert status("en-gb")["outdated"] is False and status("en-gb")["index"] != f"{alias}-old"
    data = client.get("/en-gb/search/api/", {"q": "ketamine"}).json()
    assert (data["engine"], [r["title"] for r in data["results"]]) == ("elasticsearch", ["Ketamine-assisted therapy"])


def test_an_index_built_before_a_new_field_takes_documents_with_it(es, corpus, settings):
    """An index built by an earlier release (no `translated_into` in its strict mapping) gets the
    new field added when the worker next writes to it, instead of refusing every document until
    someone rebuilds."""
    from search import indexing

    alias = alias_name("en-gb")
    es.indices.delete(index=f"{alias}-*")
    body = index_body("en-gb")
    del body["mappings"]["properties"]["translated_into"]
    es.indices.create(index=f"{alias}-old", **body)
    es.indices.update_aliases(actions=[{"add": {"index": f"{alias}-old", "alias": alias}}])
    indexing._mapping_brought_up_to_date.discard(alias)
    page = corpus["en-gb"][1]
    assert indexing.apply_change(es, page.pk, "en-gb") == "indexed"
    assert ids(es, "en-gb") == {page.pk}
