"""Where each source article's translations stand: up to date, out of date, draft or missing."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import TranslationLog, TranslationSource

from articles.models import ArticlePage

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
    # Out of date on the site, but an update from the current source is saved as a draft.
    update_in_draft: bool = False

    @property
    def label(self):
        return LABELS[self.state]


@dataclass
class ArticleTranslations:
    source: Page
    locales: list[LocaleState]


def _state(source_page, translation, captured_at, logs) -> tuple[str, bool]:
    """(state, update_in_draft) for one translation.

    `logs` maps revision id -> when wagtail-localize generated that revision of the translation.
    A live translation is up to date when readers see a revision generated from the source's
    current text: generated after the last capture, and the source not republished since."""
    if translation is None or translation.alias_of_id:
        return MISSING, False
    if not translation.live:
        return DRAFT, False
    source_changed = captured_at is None or bool(
        source_page.last_published_at and source_page.last_published_at > captured_at
    )
    live_generated_at = logs.get(translation.live_revision_id, translation.last_published_at)
    if not source_changed and live_generated_at and live_generated_at >= captured_at:
        return UP_TO_DATE, False
    latest = max(logs.values(), default=None)
    return OUT_OF_DATE, bool(not source_changed and latest and latest >= captured_at)


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
    logs: dict[tuple, dict] = {}
    for row in TranslationLog.objects.filter(source__in=sources.values()).values(
        "source__object_id", "locale__language_code", "revision_id", "created_at"
    ):
        key = (row["source__object_id"], row["locale__language_code"])
        logs.setdefault(key, {})[row["revision_id"]] = row["created_at"]
    rows = []
    for page in source_pages:
        source = sources.get(page.translation_key)
        captured_at = source.last_updated_at if source else None
        states = []
        for code in targets:
            translation = translations.get((page.translation_key, code))
            state, update_in_draft = _state(page, translation, captured_at, logs.get((page.translation_key, code), {}))
            states.append(LocaleState(code, state, translation, update_in_draft))
        rows.append(ArticleTranslations(page, states))
    return rows


CHANGES_REQUESTED = "changes_requested"
WAITING_LABELS = {
    OUT_OF_DATE: _("Out of date: the original changed"),
    DRAFT: _("Draft: not yet published"),
    CHANGES_REQUESTED: _("Changes requested by the reviewer"),
}


@dataclass
class WaitingTranslation:
    source: Page
    code: str
    state: str
    page: Page | None

    @property
    def label(self):
        return WAITING_LABELS[self.state]

    @property
    def language(self):
        return dict(settings.LANGUAGES).get(self.code, self.code)


def translations_waiting(locale_ids) -> list[WaitingTranslation]:
    """What a translator of `locale_ids` has to do, most urgent first: translations whose
    reviewer asked for changes, then out-of-date and draft ones. (A missing translation is an
    editor's to start: translators cannot create one.)"""

    codes = set(Locale.objects.filter(pk__in=locale_ids).values_list("language_code", flat=True))
    if not codes:
        return []
    sources = ArticlePage.objects.filter(locale=Locale.get_default()).order_by("title")
    in_changes = WorkflowState.objects.filter(status=WorkflowState.STATUS_NEEDS_CHANGES).values_list(
        "object_id", flat=True
    )
    needs_changes = set(
        Page.objects.filter(locale_id__in=locale_ids, pk__in=[int(pk) for pk in in_changes]).values_list(
            "pk", flat=True
        )
    )
    waiting = []
    for row in article_translation_states(sources):
        for state in row.locales:
            if state.code not in codes:
                continue
            if state.page is not None and state.page.pk in needs_changes:
                waiting.append(WaitingTranslation(row.source, state.code, CHANGES_REQUESTED, state.page))
            elif state.state in (OUT_OF_DATE, DRAFT):
                waiting.append(WaitingTranslation(row.source, state.code, state.state, state.page))
    order = [CHANGES_REQUESTED, OUT_OF_DATE, DRAFT]
    return sorted(waiting, key=lambda item: order.index(item.state))
