"""django-modeltranslation: a contact number's label and opening hours in every language (falls back to English)."""

from modeltranslation.translator import TranslationOptions, register

from .models import ContactNumber


@register(ContactNumber)
class ContactNumberTranslationOptions(TranslationOptions):
    fields = ("label", "opening_hours")
