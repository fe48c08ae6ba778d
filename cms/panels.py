"""Admin panels for fields translated with django-modeltranslation: one clearly labelled input
per language. (Plain panels would bind to the editor's own interface language.)"""

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from .i18n import native_name


def _heading(code: str):
    if code == settings.LANGUAGE_CODE:
        return f"{native_name(code)} ({code})"
    return format_lazy("{} ({}), {}", native_name(code), code, gettext_lazy("optional"))


def per_language_panels(*field_names: str) -> list:
    """A panel per language holding each field's column for that language, English first."""
    return [
        MultiFieldPanel(
            [FieldPanel(f"{name}_{code.replace('-', '_')}") for name in field_names],
            heading=_heading(code),
        )
        for code, _name in settings.LANGUAGES
    ]
