"""Starting a clinical review, and what happens when the workflow's last task is approved."""

# Imported while wagtail.models loads (WAGTAIL_FINISH_WORKFLOW_ACTION): Wagtail imports stay inside.


def publish_signed_off(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION. The approving reviewer's sign-off is what authorises
    publication (reviewers hold no publish permission); ArticlePage.publish checks it again."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)


def pages_in_review(pages) -> set[int]:
    """Ids of those of `pages` with a sign-off workflow in progress or waiting for changes."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, WorkflowState

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
    from wagtail.log_actions import log

    workflow.start(page, user)
    log(instance=page, action="review.review_started", user=user, data={"reason": reason})
    from .tasks import notify_reviewers

    notify_reviewers.enqueue(page.pk, reason)
    return True


# No clinician has reviewed the demo copy loaded by `load_sample_content`: it goes live the only
# way unsigned content can, and readers see it marked as awaiting clinical review.
SAMPLE_CONTENT_REASON = "Sample content for local development and demonstration; not clinically reviewed."


def publish_before_review(page, *, user, reason: str):
    """The one exception to sign-off: put the latest revision live with a written reason,
    record it in the audit log, tell the locale's reviewers and put the page into review.
    Readers see the page as awaiting clinical review until a reviewer signs it off."""
    from django.db import transaction
    from wagtail.log_actions import log

    from .models import EmergencyPublication
    from .tasks import notify_reviewers

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
        if not start_review(page, reason="emergency", user=user):
            notify_reviewers.enqueue(page.pk, "emergency")
    return revision


def submit_translation(page, translation, *, user):
    """Write the translator's segments into a draft of the translated page and put that draft
    into clinical review in its locale (wagtail-localize itself offers only "publish")."""
    from wagtail.models import WorkflowState

    translation.save_target(user=user, publish=False)
    page.refresh_from_db()
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return state
    if state is not None:
        state.cancel(user=user)  # the text under review changed: review starts again
    return page.get_workflow().start(page, user)
