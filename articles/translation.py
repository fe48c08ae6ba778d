"""django-modeltranslation: a topic keeps one row (one identity for facets) with its name and
description in every language; a missing translation falls back to English."""

from modeltranslation.translator import TranslationOptions, register

from .models import Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "description")
