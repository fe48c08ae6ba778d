"""The reader search service: parameters in, one result shape out, from Elasticsearch or (with
no cluster configured, or the cluster down) from Wagtail's database search for the locale.
Nothing a reader types is logged: errors are logged by kind only."""

import logging
import math
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.db.models import Count, Q
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from rapidfuzz.distance import OSA
from wagtail.models import Locale

from articles.models import ArticlePage, Topic, shown_pages
from cms import page_cache
from cms.fulltext import database_terms
from cms.i18n import reader_url, shown_to_readers_of, source_language

from .client import READER_TIMEOUT, alias_name, get_client
from .documents import body_text
from .indexing import outdated as index_outdated
from .tasks import rebuild_outdated_indices
from .vocabulary import closest_words, word_matches

logger = logging.getLogger(__name__)

# Longer queries are cut, not refused: a reader pasting a paragraph still gets results.
MAX_QUERY_LENGTH = 200
MAX_TOPICS = 10
PAGE_SIZE = 10
MAX_PAGE = 50
SORTS = ("relevance", "reviewed")
_WORD = re.compile(r"\w+", re.UNICODE)


def clean_query(raw: str) -> str:
    """Collapse whitespace, drop control characters and cut to MAX_QUERY_LENGTH."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw or "")
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


@dataclass
class SearchParams:
    query: str = ""
    topics: list = field(default_factory=list)  # slugs as asked for
    page: int = 1
    sort: str = "relevance"

    @classmethod
    def from_request(cls, data) -> "SearchParams":
        try:
            page = int(data.get("page", 1))
        except (TypeError, ValueError):
            page = 1
        sort = data.get("sort", "relevance")
        topics = [clean_query(slug)[:120] for slug in data.getlist("topic")][:MAX_TOPICS]
        return cls(
            query=clean_query(data.get("q", "")),
            topics=[slug for slug in dict.fromkeys(topics) if slug],
            page=min(max(page, 1), MAX_PAGE),
            sort=sort if sort in SORTS else "relevance",
        )

    @property
    def active(self) -> bool:
        return bool(database_terms(self.query) or self.topics)


@dataclass
class Hit:
    page_id: int
    title: str
    url: str
    summary: str
    snippet: str  # safe HTML: escaped text with <mark> around matches
    last_reviewed: str | None = None
    language: str = ""  # the page's own language: another than the reader's when it falls back


@dataclass
class Facet:
    slug: str
    name: str
    count: int
    selected: bool


@dataclass
class Results:
    params: SearchParams
    hits: list = field(default_factory=list)
    total: int = 0
    facets: list = field(default_factory=list)
    suggestion: str = ""  # "Did you mean …?": offered, found something
    corrected: str = ""  # the words searched instead of a misspelling ("Showing results for …")
    engine: str = "database"
    unavailable: bool = False

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, max(1, math.ceil(self.total / PAGE_SIZE)))

    @property
    def has_previous(self) -> bool:
        return self.params.page > 1

    @property
    def has_next(self) -> bool:
        return self.params.page < self.pages

    def as_json(self) -> dict:
        return {
            "query": self.params.query,
            "topics": self.params.topics,
            "sort": self.params.sort,
            "page": self.params.page,
            "pages": self.pages,
            "total": self.total,
            "engine": self.engine,
            "suggestion": self.suggestion,
            "corrected": self.corrected,
            "facets": [facet.__dict__ for facet in self.facets],
            "results": [{**hit.__dict__, "snippet": str(hit.snippet)} for hit in self.hits],
        }


class TopicRow(NamedTuple):
    pk: int
    slug: str
    name: str


def _topic_rows(language: str) -> dict[int, TopicRow]:
    """Every topic, named in `language`: read once a process and kept until a topic changes
    (saving or deleting one purges the page cache, moving the generation in this key) or
    FRAGMENT_CACHE_SECONDS pass. Topics are few; a search used to read them twice."""
    try:
        key = f"search-topics:{page_cache.generation()}:{language}"
    except Exception:  # noqa: BLE001 - the shared cache down: read them, keep nothing
        key = ""
    rows = page_cache.fragments().get(key) if key else None
    if rows is None:
        with translation.override(language):
            rows = {t.pk: TopicRow(t.pk, t.slug, t.name) for t in Topic.objects.all()}
        if key and settings.FRAGMENT_CACHE_SECONDS > 0:
            page_cache.fragments().set(key, rows, settings.FRAGMENT_CACHE_SECONDS)
    return rows


def _topics(language: str, slugs) -> dict[str, TopicRow]:
    """The chosen topics that exist, by slug (one missing means the search finds nothing).
    No topic chosen reads nothing (a search of words alone needs no database row for it)."""
    if not slugs:
        return {}
    wanted = set(slugs)
    return {row.slug: row for row in _topic_rows(language).values() if row.slug in wanted}


class OutdatedIndex(Exception):
    """An index built by an earlier release lacks what the searches read (search.analysis.SCHEMA)."""


def search(language: str, params: SearchParams) -> Results:
    if not params.active:
        return Results(params)
    client = get_client(timeout=READER_TIMEOUT)
    if client is not None:
        try:
            _check_schema(client, language)
            return _elasticsearch(client, language, params)
        except Exception as error:  # noqa: BLE001 - any cluster failure falls back, never a 5xx
            logger.warning("Elasticsearch search failed (%s); answering from the database", type(error).__name__)
    return _database(language, params)


_current_schema: set[str] = set()  # aliases seen at SCHEMA (an index is only ever replaced by a newer one)


def _check_schema(client, language: str) -> None:
    """Raise OutdatedIndex if an index the reader's search reads was built by an earlier release
    (a search would find only the pages written since), after asking the worker to rebuild it
    (once in 15 minutes, whichever process asks first). Looked up once per process and index."""
    outdated = []
    for code in shown_to_readers_of(language):
        alias = alias_name(code)
        if alias not in _current_schema:
            state = index_outdated(client, alias)
            if state:
                outdated.append(code)
            elif state is False:
                _current_schema.add(alias)
    if outdated:
        if cache.add(f"search:rebuild-outdated:{','.join(outdated)}", 1, timeout=900):
            rebuild_outdated_indices.enqueue(outdated)
        raise OutdatedIndex(outdated)


def _indices(language: str) -> str:
    return ",".join(alias_name(code) for code in shown_to_readers_of(language))


def _shown_filter(language: str) -> list[dict]:
    source = source_language()
    if language == source:
        return []
    untranslated = {
        "bool": {"filter": [{"term": {"locale": source}}], "must_not": [{"term": {"translated_into": language}}]}
    }
    return [{"bool": {"should": [{"term": {"locale": language}}, untranslated], "minimum_should_match": 1}}]


def _found_query(text: str, *, fuzzy: bool = False) -> dict:
    """Which pages the reader's words find: most of the words (all of one or two, three of four)
    anywhere in a page's text (`spelling.stemmed`: title, headings, summary and body in one field,
    with the language's analysis: stems, stop words, elision, folding, synonyms). One field is
    cheap to count exactly; the ranking (`_ranking_query`) decides the order. `fuzzy` (the last
    resort): each word also matches words up to Lucene's AUTO edits away, at most 20 sharing its
    first letter (expanding a fuzzy word costs the engine the same for a small field as for a
    large one: over four fields it was three times an exact search)."""
    match: dict[str, object] = {"query": text, "minimum_should_match": "2<75%"}
    if fuzzy:
        match |= {"fuzziness": "AUTO", "prefix_length": 1, "max_expansions": 20}
    return {"match": {"spelling.stemmed": match}}


def _ranking_query(text: str) -> dict:
    """How the pages found are ranked: the words in one field, the title first, then headings
    and summary, then body (each field's own analysis). A page with the words only across
    fields is found, and ranked after those with them in one."""
    query = {"query": text, "fields": ["title^3", "headings^2", "summary^2", "body"], "type": "best_fields"}
    return {"multi_match": {**query, "minimum_should_match": "2<75%"}}


def _typo_allowance(word: str) -> int:
    """Edits a misspelling may be from the word meant and still be corrected without asking:
    Lucene's AUTO fuzziness (none up to 2 letters, 1 up to 5, then 2)."""
    return 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2


def _corrections(response) -> tuple[str, bool]:
    """From the term suggester (words not in any indexed text only): the reader's words with each
    unknown one replaced by its closest known word, and whether every replacement is within the
    typo allowance (then the corrected words are searched at once; else they are only offered)."""
    words, changed, close = [], False, True
    for entry in response.get("suggest", {}).get("spelling", []):
        if entry["options"]:
            option = entry["options"][0]["text"]
            words.append(option)
            changed = True
            close = close and OSA.distance(entry["text"], option) <= _typo_allowance(entry["text"])
        else:
            words.append(entry["text"])
    return (" ".join(words), close) if changed else ("", False)


def _elasticsearch(client, language: str, params: SearchParams) -> Results:
    """The words as typed are searched exactly, with the term suggester in the same round trip
    (`suggest_mode: missing`: it looks only for words no page contains). When the words matched
    nothing (in any topic: pages of other topics are counted in the facets, and are the answer):
    1. a word was unknown and each correction is a typo away (Lucene's AUTO fuzziness): the
       corrected words are searched, and shown ("here are the results for the closest words");
    2. else the words as typed are searched with fuzziness (a word spelt another way, or a form
       the stemmer does not join: "respiration" for "respirer");
    3. still nothing: a correction further away is offered ("Did you mean …?") if it finds
       something (counted in the same round trip as 2: `msearch`).
    A correctly spelt search is one round trip (`Searches`: the ranked page and the counts);
    fuzziness over every field, which used to be in every search, cost most of its time
    (docs/performance.md)."""
    selected = _topics(language, params.topics)
    if len(selected) < len(params.topics):
        return Results(params, engine="elasticsearch")  # a topic that does not exist: nothing
    text = params.query
    words = bool(database_terms(text))
    searches = _searches(language, params, selected, text)
    hits, counts = _search(client, language, searches, spelling=text if words else "")
    results = _results(hits, counts, language, params, selected)
    if results.total or not words or counts["hits"]["total"]["value"]:
        # Found; or the words are on pages, just none in the chosen topics (the facets say
        # where): no correction or fuzzier search stands in for the topic the reader chose.
        return results
    corrected, close = _corrections(counts)
    if corrected and close:
        searches = _searches(language, params, selected, corrected, counted_apart=False)
        hits, counts = _search(client, language, searches)
        found = _results(hits, counts, language, params, selected)
        if found.total:
            found.corrected = corrected
            return found
    fuzzy_searches = _searches(language, params, selected, text, fuzzy=True)
    if corrected and not close:
        # The correction is counted in the same round trip: offered only if it finds something.
        pages = {"bool": {"filter": [_found_query(corrected), *_shown_filter(language)]}}
        also = [{"query": pages, "size": 0, "track_total_hits": True}]
        hits, counts, counted = _search(client, language, fuzzy_searches, also=also)
        fuzzy = _results(hits, counts, language, params, selected)
        if not fuzzy.total and counted["hits"]["total"]["value"]:
            fuzzy.suggestion = corrected
        return fuzzy
    hits, counts = _search(client, language, fuzzy_searches)
    return _results(hits, counts, language, params, selected)


class Searches(NamedTuple):
    """One answer's searches, sent together (`msearch`: the engine runs them side by side).
    `hits`: the page of results, ranked, not counted (so the engine skips pages that cannot make
    the page: Lucene's block-max WAND). `counts`: how many pages the words find, in all and per
    topic, without ranking (filter context). Counted in the ranked search, a broad query scored
    every page it found and grew with the index (docs/performance.md).
    No `counts`: `hits` counts too (its total and facets; the chosen topics a `post_filter`). So
    the searches made only when the reader's words found nothing: the fuzzy last resort (few
    pages, and expanding its words a second time cost more than counting while ranking) and the
    corrected words (one search less where every millisecond is on top of a first round trip)."""

    hits: dict
    counts: dict | None


def _searches(language, params, selected, text, *, fuzzy=False, counted_apart=True) -> Searches:
    words = bool(database_terms(text))
    shown = _shown_filter(language)
    chosen = [{"term": {"topic_ids": t.pk}} for t in selected.values()]
    found = [_found_query(text, fuzzy=fuzzy)] if words else []
    ranking = [_ranking_query(text)] if words else []
    hits = {
        "query": {"bool": {"filter": found + shown + chosen, "should": ranking}},
        "highlight": {
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "fields": {"body": {"fragment_size": 180, "number_of_fragments": 1}, "summary": {"number_of_fragments": 0}},
            # The words as typed are marked (their stems and synonyms), in the fields they are
            # in; a fuzzy search's every variant is not: highlighting a fuzzy query rewrites it
            # for each hit, and cost more than the search.
            **({"highlight_query": ranking[0]} if fuzzy else {}),
        },
        "from": (params.page - 1) * PAGE_SIZE,
        "size": PAGE_SIZE,
        "_source": ["page_id", "locale", "title", "url", "summary", "last_reviewed"],
        "track_total_hits": False,
    }
    if params.sort == "reviewed":
        hits["sort"] = [{"last_reviewed": {"order": "desc", "missing": "_last"}}, "_score"]
    topics = {"topics": {"terms": {"field": "topic_ids", "size": 50}}}
    if fuzzy or not counted_apart:
        # A fuzzy search is ranked by the fuzzy match itself (an exact ranking would find nothing).
        pages = {"must": found, "filter": shown} if fuzzy else {"filter": found + shown, "should": ranking}
        hits |= {"query": {"bool": pages}, "post_filter": {"bool": {"filter": chosen}}}
        return Searches({**hits, "aggs": topics, "track_total_hits": True}, None)
    counts = {
        "query": {"bool": {"filter": found + shown}},
        "aggs": {**topics, **({"chosen": {"filter": {"bool": {"filter": chosen}}}} if chosen else {})},
        "size": 0,
        "track_total_hits": True,
    }
    return Searches(hits, counts)


def _search(client, language: str, searches: Searches, *, spelling: str = "", also=()) -> list[dict]:
    """The searches of the pages `language`'s readers are shown, and `also` (more counts),
    in one round trip. With `spelling`: the term suggester over the words of the reader's own
    language's pages, in the same trip (the counts' answer carries it). A reader of another
    language also searches the untranslated source-language pages, but not for corrections: in
    an index of another language every word the reader types is "missing", and looking each one
    up there tripled the engine's time for every such search (docs/performance.md). Fuzziness,
    the last resort, still searches both."""
    indices, own = _indices(language), alias_name(language)
    suggest = {"spelling": {"text": spelling, "term": {"field": "spelling", "suggest_mode": "missing"}}}
    counts = searches.counts
    if counts is not None and spelling and indices == own:
        counts = {**counts, "suggest": suggest}
    lines = [(indices, body) for body in (searches.hits, counts, *also) if body is not None]
    if spelling and indices != own:
        lines.append((own, {"size": 0, "track_total_hits": False, "suggest": suggest}))
    answers = _msearch(client, lines)
    if counts is None:
        answers.insert(1, answers[0])  # the ranked search counted
    if spelling and indices != own:
        answers[1] = {**answers[1], "suggest": answers.pop().get("suggest", {})}
    return answers


def _msearch(client, searches: list[tuple[str, dict]]) -> list[dict]:
    """Several searches in one round trip (the engine runs them side by side); a failed one
    fails the whole, as a failed search would."""
    lines: list[dict] = []
    for index, body in searches:
        lines += [{"index": index, "ignore_unavailable": True}, body]
    responses = client.msearch(searches=lines)["responses"]
    for answer in responses:
        if "error" in answer:
            raise RuntimeError(f"search failed: {answer['error'].get('type', 'error')}")
    return responses


def _results(hits_answer, counts_answer, language: str, params: SearchParams, selected: dict) -> Results:
    hits = []
    for hit in hits_answer["hits"]["hits"]:
        source, highlight = hit["_source"], hit.get("highlight", {})
        snippet = (highlight.get("body") or highlight.get("summary") or [escape(source.get("summary", ""))])[0]
        page_language = source.get("locale", language)
        hits.append(
            Hit(
                page_id=source["page_id"],
                title=source["title"],
                url=reader_url(source["url"], page_language, language),
                summary=source.get("summary", ""),
                snippet=mark_safe(snippet),  # noqa: S308 - the html encoder escaped the text
                last_reviewed=source.get("last_reviewed"),
                language=page_language,
            )
        )
    aggregations = counts_answer["aggregations"]
    counts = {int(b["key"]): b["doc_count"] for b in aggregations["topics"]["buckets"]}
    rows = _topic_rows(language)
    topics = [rows[pk] for pk in counts if pk in rows]  # a topic deleted since: its count is gone too
    facets = sorted(
        (Facet(t.slug, t.name, counts[t.pk], t.slug in selected) for t in topics), key=lambda f: (-f.count, f.name)
    )
    total = aggregations["chosen"]["doc_count"] if "chosen" in aggregations else counts_answer["hits"]["total"]["value"]
    return Results(params, hits, total, facets, engine="elasticsearch")


def _ranked_ids(language: str, terms: str, limit: int = 1000) -> list[int]:
    """Ranked in Wagtail's database search backend, which filters only on its declared filter
    fields (live, locale); what readers may see is then kept in the ORM."""

    locales = Locale.objects.filter(language_code__in=shown_to_readers_of(language))
    return [page.pk for page in ArticlePage.objects.live().filter(locale__in=locales).search(terms)[:limit]]


def _database(language: str, params: SearchParams, *, suggest: bool = True) -> Results:
    """Words (Wagtail's database search), topics with counts, sort, paging, highlights, and
    "did you mean" from the words of the pages' titles, summaries and headings."""

    try:
        selected = _topics(language, params.topics)
        if len(selected) < len(params.topics):
            return Results(params)
        articles = shown_pages(language)
        terms = database_terms(params.query)
        matched = articles
        if terms:
            ranked = _ranked_ids(language, terms)
            matched = articles.filter(pk__in=ranked)
        found = matched
        for topic in selected.values():
            found = found.filter(topics=topic.pk)
        if params.sort == "reviewed":
            found = found.order_by("-last_reviewed", "title")
        elif terms:
            order = {pk: position for position, pk in enumerate(ranked)}
            found = sorted(found.select_related("locale"), key=lambda page: order[page.pk])
        else:
            found = found.order_by("-first_published_at")
        paginator = Paginator(found, PAGE_SIZE)
        page = paginator.page(min(params.page, paginator.num_pages))
        pages = [p.specific for p in page.object_list]
        with translation.override(language):
            in_results = Q(articles__in=matched)
            topics = Topic.objects.filter(in_results).annotate(n=Count("articles", filter=in_results, distinct=True))
            facets = [Facet(t.slug, t.name, t.n, t.slug in selected) for t in topics.order_by("-n", "name")]
        suggestion = ""
        if suggest and terms and not paginator.count:
            suggestion = _database_suggestion(language, params)
    except DatabaseError as error:
        logger.error("Database search failed (%s)", type(error).__name__)
        return Results(params, unavailable=True)
    words = terms.split() if terms else []
    hits = []
    for p in pages:
        page_language = p.locale.language_code
        hits.append(
            Hit(
                page_id=p.pk,
                title=p.title,
                url=reader_url(p.url, page_language, language),
                summary=p.summary,
                snippet=highlight(_snippet_sources(p), words),
                last_reviewed=p.last_reviewed.isoformat() if p.last_reviewed else None,
                language=page_language,
            )
        )
    return Results(params, hits, paginator.count, facets, suggestion)


def _snippet_sources(page) -> list[str]:
    return [page.summary or "", body_text(page)]


def highlight(texts: list[str], words: list[str], size: int = 180) -> str:
    """Safe HTML: the first of `texts` with a word the reader searched for (compared without
    case or accents, and by stem so "nightmare" marks "nightmares"), cut to about `size`
    characters around it, escaped, with <mark> around each such word. Without a match, the
    first text (the summary), escaped."""

    for text in texts:
        spans = [m.span() for m in _WORD.finditer(text) if any(word_matches(m.group(), word) for word in words)]
        if not spans:
            continue
        start = max(0, spans[0][0] - size // 3)
        if start:
            start = text.rfind(" ", 0, start) + 1
        end = min(len(text), start + size)
        if end < len(text):
            end = text.rfind(" ", start, end) if " " in text[start:end] else end
        parts, cursor = [], start
        for first, last in spans:
            if first < start or last > end:
                continue
            parts.append(escape(text[cursor:first]) + "<mark>" + escape(text[first:last]) + "</mark>")
            cursor = last
        parts.append(escape(text[cursor:end]))
        return mark_safe(("… " if start else "") + "".join(parts) + (" …" if end < len(text) else ""))  # noqa: S308
    return escape(texts[0] if texts else "")


def _database_suggestion(language: str, params: SearchParams) -> str:
    """Each word the pages do not contain replaced by the closest one they do; offered only if
    searching for the suggestion finds something."""

    suggestion = closest_words(language, database_terms(params.query))
    if not suggestion:
        return ""
    retry = SearchParams(query=suggestion, topics=params.topics)
    return suggestion if _database(language, retry, suggest=False).total else ""


def autocomplete(language: str, text: str, limit: int = 8) -> list[dict]:
    text = clean_query(text)[:80]
    if not database_terms(text):
        return []
    client = get_client(timeout=READER_TIMEOUT)
    if client is not None:
        try:
            response = client.search(
                index=_indices(language),
                ignore_unavailable=True,
                query={
                    "bool": {
                        "filter": _shown_filter(language),
                        "must": {
                            "multi_match": {
                                "query": text,
                                "type": "bool_prefix",
                                "fields": [
                                    "title.autocomplete^3",
                                    "title.autocomplete._2gram",
                                    "title.autocomplete._3gram",
                                    "headings.autocomplete",
                                    "headings.autocomplete._2gram",
                                ],
                            }
                        },
                    }
                },
                source=["title", "url", "locale"],
                size=limit,
            )
            return [
                _suggested(h["_source"]["title"], h["_source"]["url"], h["_source"]["locale"], language)
                for h in response["hits"]["hits"]
            ]
        except Exception as error:  # noqa: BLE001
            logger.warning("Elasticsearch autocomplete failed (%s)", type(error).__name__)

    pages = shown_pages(language).select_related("locale")
    terms = database_terms(text)
    locales = Locale.objects.filter(language_code__in=shown_to_readers_of(language))
    try:
        # The search backend filters only on its declared filter fields (live, locale): rank
        # there, then keep what readers may see (public, not an alias) in the ORM.
        ranked = [page.pk for page in ArticlePage.objects.live().filter(locale__in=locales).autocomplete(terms)[:100]]
    except Exception as error:  # noqa: BLE001 - some database backends lack autocomplete
        logger.warning("Database autocomplete failed (%s)", type(error).__name__)
        ranked = list(pages.filter(title__icontains=terms).values_list("pk", flat=True)[:limit])
    visible = pages.in_bulk(ranked)
    found = [visible[pk] for pk in ranked if pk in visible][:limit]
    return [_suggested(page.title, page.url, page.locale.language_code, language) for page in found]


def _suggested(title: str, url: str, page_language: str, language: str) -> dict:
    return {"title": title, "url": reader_url(url, page_language, language), "language": page_language}
