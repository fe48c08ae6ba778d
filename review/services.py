"""The rules of clinical review that change things: starting a review, the emergency exception,
a translator's submission, translations following their source, and the proof that every live
page is what was signed off (`unsigned_live_content`)."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from .gate import content_differences, sign_off_for
from .models import ClinicalSignOff, EmergencyPublication, OutdatedTranslation, ReviewReason
from .notifications import notify_reviewers
from .pages import clinical_page_models

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


def publish_before_review(page, *, user, reason: str):
    """The one exception to sign-off: put the latest revision live with a written reason,
    record it in the audit log, tell the locale's reviewers and put the page into review.
    Readers see the page as awaiting clinical review until a reviewer signs it off."""
    page.refresh_from_db()
    revision = page.get_latest_revision() or page.save_revision(user=user, log_action=False)
    with transaction.atomic():
        EmergencyPublication.objects.create(page=page, revision=revision, user=user, reason=reason)
        log(
            instance=page,
            action="review.emergency_publish",
            user=user,
            revision=revision,
            data={"reason": reason, "revision_id": revision.pk},
        )
        revision.publish(user=user, skip_permission_checks=True)
        page.refresh_from_db()
        if not start_review(page, reason=ReviewReason.EMERGENCY, user=user):
            notify_reviewers.enqueue(page.pk, ReviewReason.EMERGENCY)
    return revision


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


def _authorising_revision(page):
    """The revision named by the page's newest sign-off or emergency publication."""
    records = [
        record
        for record in (
            ClinicalSignOff.objects.filter(page=page).order_by("-signed_off_at", "-id").first(),
            EmergencyPublication.objects.filter(page=page).order_by("-created_at", "-id").first(),
        )
        if record is not None
    ]
    if not records:
        return None
    newest = max(records, key=lambda r: getattr(r, "signed_off_at", None) or r.created_at)
    return newest.revision


def unsigned_live_content(page) -> list[str]:
    """What readers of the live `page` see that its newest sign-off or emergency publication did
    not approve: the differing content fields, or why there is nothing to compare with."""
    revision = _authorising_revision(page)
    if revision is None:
        return ["live with no sign-off or emergency publication"]
    if page.live_revision_id != revision.pk:
        return [f"live revision {page.live_revision_id} is not the authorised revision {revision.pk}"]
    return content_differences(page.serializable_data(), revision.content)


def verify_live_clinical_pages():
    """(page, differences) for every live clinical page, in every locale, that differs."""
    for model in clinical_page_models():
        for page in model.objects.live().order_by("pk"):
            differences = unsigned_live_content(page)
            if differences:
                yield page, differences
