"""Which country's numbers a reader sees. In order: their explicit choice in the region
selector (remembered in a cookie), the country header a CDN or proxy sets (only when
READER_COUNTRY_HEADER names one), then the territory of their language (Babel), then
DEFAULT_READER_COUNTRY. Country, not language: a Spanish speaker in London gets London."""

from functools import cache

import phonenumbers
from babel import Locale
from babel.core import get_global
from django.conf import settings
from django.utils import translation

COUNTRY_CODES = frozenset(phonenumbers.SUPPORTED_REGIONS)


def valid_country(value: str | None) -> str | None:
    code = (value or "").strip().upper()
    return code if code in COUNTRY_CODES else None


@cache
def territory_of_language(code: str) -> str | None:
    """en-gb -> GB; es -> ES; fr -> FR; ar -> EG (Babel's likely territory)."""
    locale_name = translation.to_locale(code)
    locale = Locale.parse(locale_name)
    if locale.territory:
        return locale.territory
    likely = get_global("likely_subtags").get(locale.language, "")
    return valid_country(likely.split("_")[-1]) if likely else None


def resolve(request) -> tuple[str, str]:
    """(country, where it came from: 'choice', 'header', 'language' or 'default')."""
    chosen = valid_country(request.COOKIES.get(settings.READER_COUNTRY_COOKIE))
    if chosen:
        return chosen, "choice"
    if settings.READER_COUNTRY_HEADER:
        meta_key = "HTTP_" + settings.READER_COUNTRY_HEADER.upper().replace("-", "_")
        from_header = valid_country(request.META.get(meta_key))
        if from_header:
            return from_header, "header"
    language = translation.get_language()
    from_language = territory_of_language(language) if language else None
    if from_language:
        return from_language, "language"
    return settings.DEFAULT_READER_COUNTRY, "default"


def country_name(code: str, language: str | None = None) -> str:
    locale = Locale.parse(translation.to_locale(language or translation.get_language() or settings.LANGUAGE_CODE))
    return locale.territories.get(code, code)


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """Every country libphonenumber knows, named in `language` (default: the active one), sorted."""
    return sorted(((code, country_name(code, language)) for code in COUNTRY_CODES), key=lambda item: item[1])
