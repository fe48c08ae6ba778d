"""Index settings and mappings per language, written against Elasticsearch's documentation.

Each language's analyzer is rebuilt as a custom analyzer the way Elasticsearch's "language
analyzers" page does (so a synonym filter can be added), with the synonyms of
search/synonyms/<lang>.txt applied at search time (synonym_graph belongs in search analyzers).
"""

from functools import cache
from pathlib import Path

SYNONYMS_DIR = Path(__file__).resolve().parent / "synonyms"

# What an index holds, recorded in its mapping's `_meta`. Raise it when a release adds or changes
# a field the searches read: an index built before it is answered from the database until it is
# rebuilt (search.query, search.tasks). 2: `spelling.stemmed`, which every search counts on.
SCHEMA = 2

# Django language code -> (Elasticsearch language name, synonyms file)
LANGUAGES = {"en-gb": ("english", "en"), "es": ("spanish", "es"), "fr": ("french", "fr"), "ar": ("arabic", "ar")}


@cache
def synonyms(code: str) -> tuple[str, ...]:
    path = SYNONYMS_DIR / f"{LANGUAGES[code][1]}.txt"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


def _filters(name: str) -> tuple[dict, list[str]]:
    """(filter definitions, filter chain) of the language analyzer, as the ES docs rebuild it."""
    if name == "english":
        return (
            {
                "english_possessive_stemmer": {"type": "stemmer", "language": "possessive_english"},
                "english_stop": {"type": "stop", "stopwords": "_english_"},
                "english_stemmer": {"type": "stemmer", "language": "english"},
            },
            ["english_possessive_stemmer", "lowercase", "english_stop", "english_stemmer"],
        )
    if name == "spanish":
        return (
            {
                "spanish_stop": {"type": "stop", "stopwords": "_spanish_"},
                "spanish_stemmer": {"type": "stemmer", "language": "light_spanish"},
            },
            ["lowercase", "spanish_stop", "spanish_stemmer"],
        )
    if name == "french":
        return (
            {
                "french_elision": {
                    "type": "elision",
                    "articles_case": True,
                    "articles": ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
                },
                "french_stop": {"type": "stop", "stopwords": "_french_"},
                "french_stemmer": {"type": "stemmer", "language": "light_french"},
            },
            ["french_elision", "lowercase", "french_stop", "french_stemmer"],
        )
    if name == "arabic":
        return (
            {
                "arabic_stop": {"type": "stop", "stopwords": "_arabic_"},
                "arabic_stemmer": {"type": "stemmer", "language": "arabic"},
            },
            ["lowercase", "decimal_digit", "arabic_stop", "arabic_normalization", "arabic_stemmer"],
        )
    raise ValueError(name)


def index_body(code: str) -> dict:
    """The settings and mappings of one language's index (the same for Elasticsearch in
    production and OpenSearch in the suite)."""
    name = LANGUAGES[code][0]
    filters, chain = _filters(name)
    filters = dict(filters)
    filters["clinic_synonyms"] = {"type": "synonym_graph", "synonyms": list(synonyms(code)), "lenient": True}
    # Synonyms go in after lowercasing and before stop words and stemming, as the docs advise.
    search_chain = chain[: chain.index("lowercase") + 1] + ["clinic_synonyms"] + chain[chain.index("lowercase") + 1 :]
    text = {"type": "text", "analyzer": "clinic_text", "search_analyzer": "clinic_search"}
    return {
        "settings": {
            "number_of_shards": 1,
            "analysis": {
                "filter": filters,
                "analyzer": {
                    "clinic_text": {"type": "custom", "tokenizer": "standard", "filter": chain},
                    "clinic_search": {"type": "custom", "tokenizer": "standard", "filter": search_chain},
                    # Plain words for "did you mean": no stemming, so suggestions are real words.
                    "clinic_spelling": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
                },
            },
        },
        "mappings": {
            "_meta": {"schema": SCHEMA},
            "dynamic": "strict",
            "properties": {
                "page_id": {"type": "integer"},
                "locale": {"type": "keyword"},
                "url": {"type": "keyword", "index": False},
                "title": {
                    **text,
                    "copy_to": "spelling",
                    "fields": {"autocomplete": {"type": "search_as_you_type", "analyzer": "clinic_spelling"}},
                },
                "summary": {**text, "copy_to": "spelling"},
                "headings": {
                    **text,
                    "copy_to": "spelling",
                    "fields": {"autocomplete": {"type": "search_as_you_type", "analyzer": "clinic_spelling"}},
                },
                "body": {**text, "copy_to": "spelling"},
                "spelling": {
                    "type": "text",
                    "analyzer": "clinic_spelling",
                    # Every text field in one, with the language's analysis: the last resort's
                    # fuzzy search expands each word once here instead of once a field (the
                    # expansion was most of its time: docs/performance.md).
                    "fields": {"stemmed": text},
                },
                "topic_ids": {"type": "integer"},
                "topic_names": {"type": "keyword"},
                "last_reviewed": {"type": "date"},
                "next_review_due": {"type": "date"},
                "first_published_at": {"type": "date"},
                # Source-language pages: the languages that have their own live translation.
                "translated_into": {"type": "keyword"},
            },
        },
    }
