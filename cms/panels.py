"""Admin panels for fields translated with django-modeltranslation: one clearly labelled input
per language. (Plain panels would bind to the editor's own interface language.)"""

from django.conf import settings
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from .i18n import native_name


def per_language_panels(*field_names: str) -> list:
    """A panel per language holding each field's column for that language, English first."""
    return [
        MultiFieldPanel(
            [FieldPanel(f"{name}_{code.replace('-', '_')}") for name in field_names],
            heading=f"{native_name(code)} ({code})" + ("" if code == settings.LANGUAGE_CODE else " — optional"),
        )
        for code, _ in settings.LANGUAGES
    ]
