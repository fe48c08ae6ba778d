"""Signing off a revision, and the one rule every publish path goes through."""

import calendar
import datetime
import logging

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import ClinicalSignOff, EmergencyPublication
from .roles import is_reviewer_for

logger = logging.getLogger(__name__)


class ClinicalSignOffRequired(PermissionDenied):
    """Raised by every path that tries to publish an unsigned revision of clinical content."""


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def approval_refusal(page, revision, user) -> str | None:
    """Why `user` may not sign off `revision` of `page`, or None if they may."""
    if revision is None:
        return _("There is no revision to approve.")
    if not is_reviewer_for(user, page.locale_id):
        return _("Only a clinical reviewer for this page's language can approve it.")
    if revision.user_id == user.pk:
        return _("You made the last edit to this revision, so another clinical reviewer must approve it.")
    profile = getattr(user, "reviewer_profile", None)
    if profile is None or not profile.complete:
        return _("Add your name, job title and professional registration to your reviewer profile before signing off.")
    return None


def record_sign_off(task_state, user, comment: str = "") -> ClinicalSignOff:
    page = task_state.workflow_state.content_object.specific
    revision = task_state.revision
    latest = page.get_latest_revision()
    if latest is None or revision.pk != latest.pk:
        raise PermissionDenied(_("The page changed after it reached clinical review; it must be reviewed again."))
    refusal = approval_refusal(page, revision, user)
    if refusal:
        raise PermissionDenied(refusal)
    profile = user.reviewer_profile
    now = timezone.now()
    # The interval as written in the revision being approved, not the live page's.
    months = getattr(revision.as_object(), "review_interval_months", None) or 12
    sign_off = ClinicalSignOff.objects.create(
        page=page,
        revision=revision,
        revision_number=revision.pk,
        task_state=task_state,
        locale_id=page.locale_id,
        reviewer=user,
        reviewer_name=profile.display_name,
        reviewer_job_title=profile.job_title,
        reviewer_registration=profile.registration,
        comment=comment,
        signed_off_at=now,
        next_review_due=add_months(timezone.localdate(now), months),
    )
    log(
        instance=page,
        action="review.sign_off",
        user=user,
        revision=revision,
        data={
            "reviewer": profile.display_name,
            "credentials": sign_off.reviewer_credentials,
            "revision_id": revision.pk,
            "next_review_due": sign_off.next_review_due.isoformat(),
            "comment": comment,
        },
    )
    return sign_off


def sign_off_for(revision) -> ClinicalSignOff | None:
    if revision is None or revision.pk is None:
        return None
    return ClinicalSignOff.objects.filter(revision=revision).first()


def is_authorised(revision) -> bool:
    return sign_off_for(revision) is not None or (
        revision is not None and EmergencyPublication.objects.filter(revision=revision).exists()
    )


def refusal_message(page) -> str:
    return _(
        "“%(title)s” was not published: this revision has no clinical sign-off. Submit it for "
        "clinical review; it goes live when a clinical reviewer for its language approves it."
    ) % {"title": page.get_admin_display_title()}


def authorise_publication(page, revision, *, scheduled: bool = False) -> bool:
    """Called by ArticlePage.publish before anything changes. Copies the review dates of the
    sign-off into the revision about to go live; refuses an unsigned revision.

    Scheduled publishing (`publish_scheduled`) is refused with a logged error rather than an
    exception, so that one unsigned revision does not stop other pages' scheduled publishing."""
    sign_off = sign_off_for(revision)
    if sign_off is not None:
        revision.content["last_reviewed"] = timezone.localdate(sign_off.signed_off_at).isoformat()
        revision.content["next_review_due"] = sign_off.next_review_due.isoformat()
        revision.save(update_fields=["content"])
        return True
    if is_authorised(revision):
        return True  # an emergency publication: readers see it as awaiting review
    if scheduled:
        logger.error("Scheduled publishing refused for page %s revision %s: no clinical sign-off", page.pk, revision.pk)
        return False
    raise ClinicalSignOffRequired(refusal_message(page))
