"""Template helpers for readers' pages: localised dates and numbers, language names."""

from django import template
from django.conf import settings

from cms import i18n

register = template.Library()


@register.simple_tag
def exit_page_url() -> str:
    """Where "Exit this page" goes: a neutral site (EXIT_PAGE_URL)."""
    return settings.EXIT_PAGE_URL


@register.filter
def long_date(value):
    """A date in the reader's locale, long format."""
    return i18n.long_date(value) if value else ""


@register.filter
def local_number(value):
    return i18n.local_number(value) if value is not None else ""


@register.filter
def native_language_name(code):
    return i18n.native_name(code)


@register.filter
def text_direction_of(code):
    return i18n.text_direction(code)


@register.filter
def language_name_for_reader(code):
    """`code`'s language named in the language of the page being rendered."""
    from django.utils import translation

    return i18n.language_name_in(code, translation.get_language())


@register.simple_tag(takes_context=True)
def medical_web_page_json_ld(context, page, sign_off):
    from review.reader import medical_web_page_json_ld as build

    language = context.get("page_language") or context.get("html_lang")
    return build(page, context.get("request"), sign_off, language)
