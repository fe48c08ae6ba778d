"""Where each source article's translations stand: up to date, out of date, draft or missing."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationLog, TranslationSource

UP_TO_DATE = "up_to_date"
OUT_OF_DATE = "out_of_date"
DRAFT = "draft"
MISSING = "missing"
LABELS = {
    UP_TO_DATE: _("Up to date"),
    OUT_OF_DATE: _("Out of date"),
    DRAFT: _("Draft"),
    MISSING: _("Missing"),
}


@dataclass
class LocaleState:
    code: str
    state: str
    page: Page | None

    @property
    def label(self):
        return LABELS[self.state]


@dataclass
class ArticleTranslations:
    source: Page
    locales: list[LocaleState]


def _state(source_page, translation, captured_at, generated_at) -> str:
    if translation is None or translation.alias_of_id:
        return MISSING
    # The source was republished after its text was last captured for translation, or the
    # translation was last generated from an older capture: readers see older guidance.
    stale = captured_at is None or (
        (source_page.last_published_at and source_page.last_published_at > captured_at)
        or generated_at is None
        or generated_at < captured_at
    )
    if not translation.live:
        return DRAFT
    return OUT_OF_DATE if stale else UP_TO_DATE


def article_translation_states(source_pages) -> list[ArticleTranslations]:
    """States for every target locale of each source page, in a fixed number of queries."""
    default = Locale.get_default()
    targets = [code for code, _ in settings.LANGUAGES if code != default.language_code]
    source_pages = list(source_pages)
    keys = [p.translation_key for p in source_pages]
    translations = {
        (p.translation_key, p.locale.language_code): p
        for p in Page.objects.filter(translation_key__in=keys).exclude(locale=default).select_related("locale")
    }
    sources = {s.object_id: s for s in TranslationSource.objects.filter(object_id__in=keys, locale=default)}
    generated = {
        (row["source__object_id"], row["locale__language_code"]): row["last"]
        for row in TranslationLog.objects.filter(source__in=sources.values())
        .values("source__object_id", "locale__language_code")
        .annotate(last=Max("created_at"))
    }
    rows = []
    for page in source_pages:
        source = sources.get(page.translation_key)
        captured_at = source.last_updated_at if source else None
        states = []
        for code in targets:
            translation = translations.get((page.translation_key, code))
            generated_at = generated.get((page.translation_key, code))
            states.append(LocaleState(code, _state(page, translation, captured_at, generated_at), translation))
        rows.append(ArticleTranslations(page, states))
    return rows
