"""The one gate every publication of clinical content passes, and the live row it protects.

Two rules, each at the deepest point Wagtail offers:

1. `PublishRevisionAction.execute` (installed from `ReviewConfig.ready`) is where every publish
   path meets: `Page.publish`, `revision.publish()`, the admin's buttons, bulk actions,
   `publish_scheduled`, the workflow's finish action, wagtail-localize and Wagtail's admin API,
   which builds the action itself. For pages that opt in (`review.pages.ClinicalPageMixin`) a
   revision without a clinical sign-off of that exact revision, or an emergency publication, is
   refused before anything is written.
2. Readers are served the page's row. For a live clinical page only a publication or an
   unpublication of that page writes it (`ClinicalPageMixin.save`): any other full save of the
   row (wagtail-localize writing a translation, an edit form saved by a request that read the
   page before it went live) writes only the row's bookkeeping, and the new content stays in the
   revision it also saves, for review.
"""

import contextlib
import logging
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.actions.publish_revision import PublishRevisionAction
from wagtail.models import Page, PageLogEntry, TaskState

from .models import ClinicalSignOff, EmergencyPublication

logger = logging.getLogger(__name__)

# Row columns that a save outside a publication may still write on a live clinical page: where
# it sits in the tree, who owns and locks it. Content and publication state are not among them.
BOOKKEEPING_FIELDS = ["url_path", "owner", "locked", "locked_at", "locked_by"]


_publishing: ContextVar[frozenset[int]] = ContextVar("clinical_publication", default=frozenset())


class ClinicalSignOffRequired(PermissionDenied):
    """Raised by every path that tries to publish an unsigned revision of clinical content."""


def alias_refusal() -> str:
    return _(
        "A clinical page cannot have an alias: an alias shows another page's text, live, without a "
        "sign-off of its own, and follows every later change of that page unreviewed. Copy or translate "
        "the page and submit it for clinical review instead."
    )


def requires_sign_off(obj) -> bool:
    return getattr(obj, "clinical_sign_off_required", False)


@contextlib.contextmanager
def publication_of(page_id):
    """While this runs, the row of `page_id` may be written in full (publish or unpublish)."""
    token = _publishing.set(_publishing.get() | {page_id})
    try:
        yield
    finally:
        _publishing.reset(token)


def save_kwargs_for(page, kwargs: dict) -> dict:
    """Called by `ClinicalPageMixin.save` inside a transaction: the `save()` arguments that keep a
    live row's content and publication state unless this is that page's own publication."""
    if page.pk is None and page.alias_of_id:
        # Wagtail's create_alias (admin copy form, admin API) and wagtail-localize's aliases.
        raise ClinicalSignOffRequired(alias_refusal())
    if kwargs.get("update_fields") is not None or page.pk is None or page.pk in _publishing.get():
        return kwargs
    # Locked until the transaction ends: a publication running now finishes first, and is seen.
    live = type(page)._base_manager.select_for_update().filter(pk=page.pk).values_list("live", flat=True).first()
    if not live:
        return kwargs
    logger.info("Kept the live content of page %s: only a signed-off publication writes it", page.pk)
    return {**kwargs, "update_fields": BOOKKEEPING_FIELDS}


def _model_of(revision):
    return revision.content_type.model_class() or type(revision.content_object)


def sign_off_for(revision) -> ClinicalSignOff | None:
    """The sign-off of `revision` whose words it still holds, or None."""
    if revision is None or revision.pk is None:
        return None
    model = _model_of(revision)
    return next(
        (s for s in ClinicalSignOff.objects.filter(revision=revision) if s.approves(model, revision.content)), None
    )


def emergency_publication_for(revision) -> EmergencyPublication | None:
    """The emergency publication of `revision` whose words it still holds, or None."""
    if revision is None or revision.pk is None:
        return None
    model = _model_of(revision)
    records = EmergencyPublication.objects.filter(revision=revision)
    return next((e for e in records if e.approves(model, revision.content)), None)


def is_authorised(revision) -> bool:
    return sign_off_for(revision) is not None or emergency_publication_for(revision) is not None


def overwritable(revision) -> bool:
    """May Wagtail rewrite `revision` in place (the edit form's `overwrite_revision_id`)? Only an
    author's own draft that nothing refers to: not one that was submitted to a workflow, signed
    off, published (now or before), published urgently or scheduled."""
    if revision is None or revision.pk is None or revision.approved_go_live_at is not None:
        return False
    referred = (
        TaskState.objects.filter(revision=revision).exists()
        or ClinicalSignOff.objects.filter(revision=revision).exists()
        or EmergencyPublication.objects.filter(revision=revision).exists()
        or PageLogEntry.objects.filter(revision=revision, action__startswith="wagtail.publish").exists()
        or Page.objects.filter(live_revision=revision).exists()
    )
    return not referred


def refusal_message(page) -> str:
    return _(
        "“%(title)s” was not published: this revision has no clinical sign-off. Submit it for "
        "clinical review; it goes live when a clinical reviewer for its language approves it."
    ) % {"title": page.get_admin_display_title()}


def _set_review_dates(action, last_reviewed, next_review_due) -> None:
    """The dates readers and the due-review task see come from this page's own sign-off, never
    from what the revision carries (wagtail-localize copies them from the source)."""
    for field, value in (("last_reviewed", last_reviewed), ("next_review_due", next_review_due)):
        setattr(action.object, field, value)
        action.revision.content[field] = value.isoformat() if value else None
    action.revision.save(update_fields=["content"])


def rewritten_message(page, revision) -> str:
    return _(
        "“%(title)s” was not published: revision %(revision)s was changed after it was approved, so "
        "its approval does not cover these words. Submit it for clinical review."
    ) % {"title": page.get_admin_display_title(), "revision": revision.pk}


def authorise(action) -> bool:
    """True if `action` may publish its revision; False for a scheduled publication that must be
    skipped (logged, so that one unsigned page does not stop the others); raises otherwise.
    A revision is authorised by a sign-off or emergency publication whose recorded words it
    still holds: a revision rewritten after its approval is not."""
    page, revision = action.object, action.revision
    sign_off = sign_off_for(revision)
    if sign_off is not None:
        _set_review_dates(action, timezone.localdate(sign_off.signed_off_at), sign_off.next_review_due)
        return True
    if emergency_publication_for(revision) is not None:
        # Readers see it as awaiting review; the page keeps the dates of its own last sign-off.
        row = type(page)._base_manager.filter(pk=page.pk).values("last_reviewed", "next_review_due").first() or {}
        _set_review_dates(action, row.get("last_reviewed"), row.get("next_review_due"))
        return True
    rewritten = (
        ClinicalSignOff.objects.filter(revision=revision).exists()
        or EmergencyPublication.objects.filter(revision=revision).exists()
    )
    message = rewritten_message(page, revision) if rewritten else refusal_message(page)
    if action.log_action == "wagtail.publish.scheduled":
        logger.error("Scheduled publishing refused for page %s revision %s: %s", page.pk, revision.pk, message)
        return False
    raise ClinicalSignOffRequired(message)


def install() -> None:
    """Wrap `PublishRevisionAction.execute` once (see the module's docstring)."""
    original = PublishRevisionAction.execute
    if getattr(original, "_clinical_gate", False):
        return

    def execute(self, skip_permission_checks=False):
        if not requires_sign_off(self.object):
            return original(self, skip_permission_checks=skip_permission_checks)
        with transaction.atomic():
            if not authorise(self):
                return None
            with publication_of(self.object.pk):
                return original(self, skip_permission_checks=skip_permission_checks)

    setattr(execute, "_clinical_gate", True)  # noqa: B010 - a marker on the wrapped function
    PublishRevisionAction.execute = execute
