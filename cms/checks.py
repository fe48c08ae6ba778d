"""`settings.LANGUAGES` is the one list of readers' languages. Each app checks what it keeps per
language against it (search analysis, crisis terms, sample translations); this checks the
interface catalogs. Adding a fifth language fails `manage.py check`, naming what is missing."""

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.utils.translation import to_locale


def missing_languages(available: Iterable[str], what: str, check_id: str, hint: str) -> list[Error]:
    """An error for each of `settings.LANGUAGES` not among `available` (language codes)."""
    return [
        Error(f"Language '{code}' is in settings.LANGUAGES but has no {what}.", hint=hint, id=check_id)
        for code, _name in settings.LANGUAGES
        if code not in set(available)
    ]


@register(Tags.translation)
def interface_catalogs(app_configs: Any, **kwargs: Any) -> list[Error]:
    locale_dir = Path(settings.LOCALE_PATHS[0])
    have = [
        code
        for code, _name in settings.LANGUAGES
        if code == settings.LANGUAGE_CODE or (locale_dir / to_locale(code) / "LC_MESSAGES" / "django.po").exists()
    ]
    return missing_languages(
        have,
        "interface catalog",
        "cms.E001",
        "Run `manage.py catalogs update` after adding it to LANGUAGES, then translate the new catalog.",
    )
