from .i18n import current_code, language_name, text_direction


def reader_locale(request):
    """`<html lang dir>` for every page, from Babel."""
    code = current_code()
    return {"html_lang": code, "text_direction": text_direction(code), "language_name": language_name(code)}
