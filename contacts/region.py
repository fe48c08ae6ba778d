"""Which country's numbers a reader sees. In order: their explicit choice in the region
selector (remembered for the visit in a session cookie), the country header a CDN or proxy sets
(only when READER_COUNTRY_HEADER names one), then DEFAULT_READER_COUNTRY (the clinic's country).
Never the reader's language: an Arabic reader is not in Egypt, a Spanish reader not in Spain, and
a guess from language could show a reader in danger no number at all."""

import phonenumbers
from babel import Locale
from django.conf import settings
from django.utils import translation

COUNTRY_CODES = frozenset(phonenumbers.SUPPORTED_REGIONS)


def valid_country(value: str | None) -> str | None:
    code = (value or "").strip().upper()
    return code if code in COUNTRY_CODES else None


def resolve(request) -> tuple[str, str]:
    """(country, where it came from: 'choice', 'header' or 'default')."""
    chosen = valid_country(request.COOKIES.get(settings.READER_COUNTRY_COOKIE))
    if chosen:
        return chosen, "choice"
    if settings.READER_COUNTRY_HEADER:
        meta_key = "HTTP_" + settings.READER_COUNTRY_HEADER.upper().replace("-", "_")
        from_header = valid_country(request.META.get(meta_key))
        if from_header:
            return from_header, "header"
    return settings.DEFAULT_READER_COUNTRY, "default"


def country_name(code: str, language: str | None = None) -> str:
    locale = Locale.parse(translation.to_locale(language or translation.get_language() or settings.LANGUAGE_CODE))
    return locale.territories.get(code, code)


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """Every country libphonenumber knows, named in `language` (default: the active one), sorted."""
    return sorted(((code, country_name(code, language)) for code in COUNTRY_CODES), key=lambda item: item[1])
