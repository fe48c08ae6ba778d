"""Template helpers for readers' pages: localised dates and numbers, language names."""

from django import template

from cms import i18n

register = template.Library()


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
