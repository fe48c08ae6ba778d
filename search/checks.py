"""Each reader language needs its search analysis: an analyzer and a synonyms file."""

from django.core.checks import Tags, register

from cms.checks import missing_languages

from .analysis import LANGUAGES, SYNONYMS_DIR


@register(Tags.translation)
def search_analysis_per_language(app_configs, **kwargs):
    have = [code for code, (_analyzer, short) in LANGUAGES.items() if (SYNONYMS_DIR / f"{short}.txt").exists()]
    return missing_languages(
        have,
        "search analysis (an analyzer and synonyms file in search/analysis.py, search/synonyms/)",
        "search.E001",
        "Add the language's analyzer to search.analysis.LANGUAGES and its synonyms to search/synonyms/.",
    )
