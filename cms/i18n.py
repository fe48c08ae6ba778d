"""Locale facts for readers, from Babel: each language's name in itself, text direction,
long dates and numbers in the reader's locale."""

import datetime
from dataclasses import dataclass
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from django.conf import settings
from django.utils import translation
from wagtail.models import Page


@cache
def babel_locale(code: str) -> Locale:
    """Babel's locale for a Django language code such as 'en-gb' or 'ar'."""
    return Locale.parse(translation.to_locale(code), sep="_")


def language_name(code: str) -> str:
    """The language named in itself as it reads mid-sentence: English, español, français, العربية."""
    return babel_locale(code).get_language_name() or code


def language_name_in(code: str, reader_code: str) -> str:
    """The language `code` named in the reader's language: "inglés" for a Spanish reader."""
    return babel_locale(code).get_language_name(babel_locale(reader_code)) or code


def native_name(code: str) -> str:
    """The language named in itself as a label: English, Español, Français, العربية."""
    name = language_name(code)
    return name[:1].upper() + name[1:]


def text_direction(code: str) -> str:
    return babel_locale(code).text_direction


def current_code() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def source_language() -> str:
    """The language every other one falls back to (readers of a page not yet translated get it)."""
    return settings.LANGUAGE_CODE


def shown_to_readers_of(language: str) -> tuple[str, ...]:
    """The languages whose pages a reader of `language` is shown: their own, and the source
    language's pages not yet translated into it (served at their address with a notice)."""
    source = source_language()
    return (language,) if language == source else (language, source)


def reader_url(url: str, page_language: str, language: str) -> str:
    """A source-language page shown to a reader of another language: its address under the
    reader's language prefix, where the reader gets it with the notice in their own language."""
    prefix = f"/{page_language}/"
    if page_language != language and url.startswith(prefix):
        return f"/{language}/" + url[len(prefix) :]
    return url


def long_date(value: datetime.date, code: str | None = None) -> str:
    """'14 March 2026', '14 de marzo de 2026', '14 mars 2026', '14 مارس 2026'."""
    return format_date(value, format="long", locale=babel_locale(code or current_code()))


def local_number(value, code: str | None = None) -> str:
    return format_decimal(value, locale=babel_locale(code or current_code()))


@dataclass(frozen=True)
class Alternate:
    """One live translation of a page, as the switcher and hreflang links show it."""

    code: str
    name: str
    url: str  # absolute (hreflang, sitemap)
    current: bool
    path: str = ""  # root-relative (the switcher's links)

    @property
    def href(self) -> str:
        return self.path or self.url


def page_alternates(page, request) -> tuple[list[Alternate], str]:
    """The page's live, public translations (itself included), in the settings' language order,
    and the page's own language code (read from the same query)."""
    # The base Page table: the specific model's manager would load and decode every
    # translation's StreamFields just to build links.
    pages = list(Page.objects.filter(translation_key=page.translation_key).live().public().select_related("locale"))
    translations = {p.locale.language_code: p for p in pages}
    own_code = next((p.locale.language_code for p in pages if p.pk == page.pk), None) or page.locale.language_code
    active = current_code()
    alternates = [
        Alternate(
            code,
            native_name(code),
            translations[code].get_full_url(request),
            code == active,
            translations[code].get_url(request),
        )
        for code, _ in settings.LANGUAGES
        if code in translations
    ]
    return alternates, own_code
