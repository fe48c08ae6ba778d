"""Each reader language other than the source needs its sample translation for the demo site."""

from django.conf import settings
from django.core.checks import Tags, register

from cms.checks import missing_languages

from .sample import SAMPLE_DIR


@register(Tags.translation)
def sample_translation_per_language(app_configs, **kwargs):
    have = [settings.LANGUAGE_CODE] + [path.stem for path in SAMPLE_DIR.glob("*.po")]
    return missing_languages(
        have,
        "sample translation",
        "translations.E001",
        "Add translations/sample_content/<code>.po (msgid: the English text) and list it in SAMPLE_LANGUAGES.",
    )
