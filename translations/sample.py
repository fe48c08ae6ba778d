"""Sample translations for the demo site, applied through wagtail-localize as a translator's
work would be: es and ar complete and live, fr a draft in progress.

The strings live in translations/sample_content/<lang>.po (msgid: the English source text).
Every sample translation carries an admin comment saying it is sample content awaiting
clinical review."""

from pathlib import Path

import polib
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Comment, Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from articles.models import ArticlePage
from review.services import SAMPLE_CONTENT_REASON, publish_latest_before_review

SAMPLE_DIR = Path(__file__).resolve().parent / "sample_content"
# (language, publish): es and ar go live, fr stays a draft translation in progress.
SAMPLE_LANGUAGES = [("es", True), ("ar", True), ("fr", False)]
SAMPLE_NOTE = (
    "Sample translation made by the development team for the demo site. "
    "It has not been clinically reviewed and must be reviewed before real use."
)


def sample_strings(code: str) -> dict[str, str]:
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(SAMPLE_DIR / f"{code}.po")) if entry.msgstr}


def _sample_user():
    user, created = get_user_model().objects.get_or_create(
        username="sample-content", defaults={"is_active": False, "first_name": "Sample", "last_name": "content"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def translate_page(page, locale: Locale, strings: dict[str, str], *, publish: bool, user=None):
    """Translate `page` into `locale` from `strings`; return the target page (a draft unless
    `publish`). Untranslated segments keep the source text, as in the translation editor."""
    source, _ = TranslationSource.update_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale, defaults={"enabled": True})
    for segment in source.stringsegment_set.select_related("string", "context"):
        text = strings.get(segment.string.data)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
    translation.save_target(user=user, publish=False)
    target = page.get_translation(locale)
    if publish:
        if isinstance(target.specific, ArticlePage):
            publish_latest_before_review(target.specific, reason=SAMPLE_CONTENT_REASON)
        else:
            target.get_latest_revision().publish()  # by the system: the sample user has no rights
        target.refresh_from_db()
    return target


@transaction.atomic
def load_sample_translations(pages) -> list[str]:
    """Translate `pages` (source pages, parents first) into the sample languages. A language
    whose translation of the last page already exists is left alone."""
    user = _sample_user()
    report = []
    for code, publish in SAMPLE_LANGUAGES:
        locale = Locale.objects.get(language_code=code)
        if pages[-1].get_translations().filter(locale=locale).exists():
            continue
        strings = sample_strings(code)
        for page in pages:
            target = page.get_translations().filter(locale=locale).first()
            if target is None or target.alias_of_id:
                target = translate_page(page, locale, strings, publish=publish, user=user)
            if not Comment.objects.filter(page=target, user=user).exists():
                Comment.objects.create(page=target, user=user, text=SAMPLE_NOTE, contentpath="title")
        report.append(f"{code}: {'live' if publish else 'draft'}")
    return report
