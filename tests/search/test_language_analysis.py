"""Language analysis proven on Lucene (OpenSearch in the suite), with the index settings
production sends (search/analysis.py): what a reader types and what an article says meet in the
same tokens. Each index's own analyzers are asked (`_analyze`), so the index-time analyzer of the
article's words and the search-time analyzer of the reader's query are the ones compared; osmem,
the stand-in before, had no stemmers, elision, stop words or synonyms, and failed every one."""

import pytest

from search.analysis import LANGUAGES, index_body


@pytest.fixture
def indices(es, settings):
    names = {}
    for code in LANGUAGES:
        name = f"{settings.SEARCH_INDEX_PREFIX}-analysis-{code}"
        es.indices.create(index=name, **index_body(code))
        names[code] = name
    return names


def tokens(es, index, analyzer, text):
    return {token["token"] for token in es.indices.analyze(index=index, analyzer=analyzer, text=text)["tokens"]}


def meets(es, index, query, article_text) -> bool:
    """Would an article saying `article_text` match the reader's `query`?"""
    searched = tokens(es, index, "clinic_search", query)
    return bool(searched) and searched <= tokens(es, index, "clinic_text", article_text)


@pytest.mark.parametrize(
    "code,query,article",
    [
        # Spanish: plurals and stems, accents folded either way.
        ("es", "terapias", "La terapia ayuda."),
        ("es", "ansiedad", "Síntomas de ansiédad."),
        ("es", "ansiédad", "La ansiedad es frecuente."),
        # French: elision (l', d', qu') and stems.
        ("fr", "l'anxiété", "Comprendre anxiété et peur."),
        ("fr", "anxiété", "Gérer l'anxiété au quotidien."),
        ("fr", "thérapies", "Une thérapie courte."),
        # Arabic: stems, and the alef, taa marbuta and alef maqsura forms normalised.
        ("ar", "العلاجات", "علاج الصدمة"),
        ("ar", "أمل", "امل"),
        ("ar", "صدمة", "صدمه"),
        ("ar", "مستشفى", "مستشفي"),
        # English: stems and possessives.
        ("en-gb", "therapies", "A therapy for trauma."),
        ("en-gb", "relationship", "Healing after relationships."),
        ("en-gb", "therapist", "Your therapist's advice."),
        ("en-gb", "patient's", "What a patient needs."),
    ],
)
def test_words_meet_their_forms(es, indices, code, query, article):
    assert meets(es, indices[code], query, article), (code, query, article)


@pytest.mark.parametrize(
    "code,query,article",
    [
        ("en-gb", "CBT", "Cognitive behavioural therapy helps."),
        ("en-gb", "cognitive behavioural therapy", "CBT helps."),
        ("es", "TCC", "La terapia cognitivo conductual ayuda."),
        ("fr", "TCC", "La thérapie cognitivo comportementale aide."),
        ("ar", "العلاج المعرفي السلوكي", "CBT"),
    ],
)
def test_synonyms_per_language(es, indices, code, query, article):
    searched = tokens(es, indices[code], "clinic_search", query)
    written = tokens(es, indices[code], "clinic_text", article)
    assert searched & written, (searched, written)


@pytest.mark.parametrize(
    "code,stop_words", [("es", "de la"), ("fr", "le la des"), ("en-gb", "the of and"), ("ar", "في من")]
)
def test_stop_words_alone_match_nothing(es, indices, code, stop_words):
    assert tokens(es, indices[code], "clinic_search", stop_words) == set()
