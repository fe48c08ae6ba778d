"""Each reader language needs crisis terms: a reader in crisis searching in it gets the line."""

from django.conf import settings
from django.core.checks import Tags, register

from cms.checks import missing_languages

from .crisis import CRISIS_TERMS


@register(Tags.translation)
def crisis_terms_per_language(app_configs, **kwargs):
    have = [code for code, _name in settings.LANGUAGES if code.split("-")[0] in CRISIS_TERMS]
    return missing_languages(
        have, "crisis search terms", "contacts.E001", "Add the language's terms to contacts.crisis.CRISIS_TERMS."
    )
