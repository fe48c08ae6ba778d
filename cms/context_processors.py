from django.conf import settings
from django.urls import translate_url

from .i18n import Alternate, current_code, language_name, native_name, text_direction

# Reader views that are not Wagtail pages but exist in every language.
TRANSLATED_VIEWS = {"search", "callback", "callback_thanks", "choose_region"}


def reader_locale(request):
    """`<html lang dir>` for every page, from Babel; and, for reader views that are not pages
    (search, call-back, region), the same view in each language for the switcher."""
    code = current_code()
    context = {
        "html_lang": code,
        "text_direction": text_direction(code),
        "language_name": language_name(code),
        "view_alternates": [],
    }
    match = getattr(request, "resolver_match", None)
    if match and match.url_name in TRANSLATED_VIEWS:
        path = request.get_full_path()
        context["view_alternates"] = [
            Alternate(other, native_name(other), translate_url(path, other), other == code)
            for other, _name in settings.LANGUAGES
        ]
    return context
