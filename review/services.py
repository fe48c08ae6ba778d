"""The rules of clinical review that change things: starting a review, the emergency exception,
a translator's submission, translations following their source, and the proof that every live
page is what was signed off (`unsigned_live_content`)."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from .gate import sign_off_for
from .models import ClinicalSignOff, EmergencyPublication, OutdatedTranslation, ReviewReason, SignedWords
from .notifications import notify_reviewers
from .pages import clinical_page_models
from .words import content_digest, digest_of_fields, field_digests, words_changed_since_signed

# No clinician has reviewed the demo copy loaded by `load_sample_content`: it goes live the only
# way unsigned content can, and readers see it marked as awaiting clinical review.
SAMPLE_CONTENT_REASON = "Sample content for local development and demonstration; not clinically reviewed."


def pages_in_review(pages) -> set[int]:
    """Ids of those of `pages` with a sign-off workflow in progress or waiting for changes."""
    pages = list(pages)
    if not pages:
        return set()
    keys = WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id__in=[str(page.pk) for page in pages]
    )
    return {int(key) for key in keys.values_list("object_id", flat=True)}


def review_in_progress(page) -> bool:
    return page.pk in pages_in_review([page])


def start_review(page, *, reason: str, user=None) -> bool:
    """Put `page` back into its clinical sign-off workflow (unless it is there already) and
    tell that locale's reviewers. True if a review was started."""
    if review_in_progress(page):
        return False
    workflow = page.get_workflow()
    if workflow is None:
        return False
    if page.get_latest_revision() is None:
        page.save_revision(user=user, log_action=False)
    workflow.start(page, user)
    log(instance=page, action="review.review_started", user=user, data={"reason": reason})
    notify_reviewers.enqueue(page.pk, reason)
    return True


class WordsChangedSinceShown(Exception):
    """The revision a form showed is no longer the page's latest, or its words changed."""


def emergency_candidate(page):
    """(revision, digest): what the emergency form shows and will publish, the page's latest
    revision; (None, "") if it has none."""
    revision = page.get_latest_revision()
    if revision is None:
        return None, ""
    return revision, content_digest(type(page), revision.content)


def publish_before_review(page, *, user, reason: str, revision_id: int | None = None, digest: str = ""):
    """The one exception to sign-off: put live the revision the form showed (`revision_id`, its
    words `digest`) with a written reason, record it in the audit log, tell the locale's
    reviewers and put the page into review. Readers see the page as awaiting clinical review
    until a reviewer signs it off. Raises WordsChangedSinceShown, changing nothing, if the latest
    revision or its words are no longer those the form showed."""
    page.refresh_from_db()
    with transaction.atomic():
        revision = page.get_latest_revision()
        if revision is None:
            raise WordsChangedSinceShown
        fields = field_digests(type(page), revision.content)
        if revision.pk != revision_id or digest != digest_of_fields(fields):
            raise WordsChangedSinceShown
        EmergencyPublication.objects.create(
            page=page, revision=revision, user=user, reason=reason, signed_fields=fields
        )
        log(
            instance=page,
            action="review.emergency_publish",
            user=user,
            revision=revision,
            data={"reason": reason, "revision_id": revision.pk, "content_digest": digest},
        )
        revision.publish(user=user, skip_permission_checks=True)
        page.refresh_from_db()
        if not start_review(page, reason=ReviewReason.EMERGENCY, user=user):
            notify_reviewers.enqueue(page.pk, ReviewReason.EMERGENCY)
    return revision


def publish_latest_before_review(page, *, reason: str, user=None):
    """For code that shows nobody a form (the sample loaders): the latest revision as it is now."""
    page.refresh_from_db()
    if page.get_latest_revision() is None:
        page.save_revision(user=user, log_action=False)
    revision, digest = emergency_candidate(page)
    return publish_before_review(page, user=user, reason=reason, revision_id=revision.pk, digest=digest)


def submit_translation(page, translation, *, user):
    """Write the translator's segments into a draft revision of the translated page (a live
    translation keeps its signed-off content: review.gate) and put that draft into clinical
    review in its locale (wagtail-localize itself offers only "publish")."""
    translation.save_target(user=user, publish=False)
    page.refresh_from_db()
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return state
    if state is not None:
        state.cancel(user=user)  # the text under review changed: review starts again
    return page.get_workflow().start(page, user)


def enabled_translation(page):
    """The wagtail-localize translation that writes `page`, if it is one (else None)."""
    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()


def is_translation_source(page) -> bool:
    source = TranslationSource.objects.filter(object_id=page.translation_key).first()
    if source is not None:
        return source.locale_id == page.locale_id
    return page.locale_id == Locale.get_default().pk and page.get_translations().exists()


def mark_translations_outdated(source_page) -> list:
    """Each translation shows the source's new date and goes back to clinical review."""
    marked = []
    updated_at = timezone.now()
    for translation in source_page.get_translations().specific():
        OutdatedTranslation.objects.update_or_create(
            page=translation, defaults={"source_page": source_page, "source_updated_at": updated_at}
        )
        log(instance=translation, action="review.source_updated", data={"source_page_id": source_page.pk})
        start_review(translation, reason=ReviewReason.SOURCE_UPDATED)
        marked.append(translation)
    return marked


def after_signed_off_publication(page, revision) -> bool:
    """A signed-off revision went live: its language no longer lags its source. True if the page
    is a translation source whose translations must now follow (the caller queues that)."""
    if sign_off_for(revision) is None:
        return False  # emergency publication: translations follow once it is signed off
    OutdatedTranslation.objects.filter(page=page).delete()
    return is_translation_source(page)


def unsigned_live_content(page) -> list[str]:
    """What readers of the live `page` see that no sign-off or emergency publication of its live
    revision approved: the fields whose words differ from the approved words (by their recorded
    digests, not the revision's content, which can have been rewritten since), or why there is
    nothing to compare with. A newer approval of a revision waiting for its go-live time is not
    a difference: readers still see words that were approved."""
    records: list[SignedWords] = [
        *ClinicalSignOff.objects.filter(page=page, revision_id=page.live_revision_id),
        *EmergencyPublication.objects.filter(page=page, revision_id=page.live_revision_id),
    ]
    if not records:
        return [f"live revision {page.live_revision_id} has no sign-off or emergency publication"]
    content = page.serializable_data()
    differences = [words_changed_since_signed(type(page), record.signed_fields, content) for record in records]
    return [] if any(not found for found in differences) else min(differences, key=len)


def verify_live_clinical_pages():
    """(page, differences) for every live clinical page, in every locale, that differs."""
    for model in clinical_page_models():
        for page in model.objects.live().order_by("pk"):
            differences = unsigned_live_content(page)
            if differences:
                yield page, differences
