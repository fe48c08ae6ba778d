"""Receivers only: the safety net for live copies, translations following a signed-off source,
roles for new locales."""

import logging

from django.apps import apps
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, Revision
from wagtail.signals import page_published, task_rejected, task_submitted

from cms.invalidation import purge_page

from .gate import is_authorised
from .models import ClinicalReviewTask, ReviewReason
from .notifications import notify_authors_of_changes, notify_reviewers
from .pages import is_clinical
from .roles import ensure_roles
from .services import after_signed_off_publication
from .tasks import rereview_translations

logger = logging.getLogger(__name__)


@receiver(page_published)
def after_publication(sender, instance, revision=None, **kwargs):
    page = instance.specific
    if not is_clinical(page):
        return
    revision = revision or page.live_revision
    if not is_authorised(revision):
        # Only a path that goes live without publishing (a copy "kept live") lands here.
        logger.error("Unpublished page %s: it went live without clinical sign-off", page.pk)
        page.unpublish(log_action="review.unpublish_unsigned")
        return
    if after_signed_off_publication(page, revision):
        rereview_translations.enqueue(page.pk)  # queued in this transaction: runs after commit


def _is_clinical_review(task_state) -> bool:
    return isinstance(task_state.task.specific, ClinicalReviewTask)


@receiver(task_submitted)
def tell_reviewers_a_page_waits_for_them(sender, instance, user=None, **kwargs):
    """The page reached clinical review: that locale's reviewers are e-mailed (and see it under
    "Awaiting your review" on their dashboard)."""
    if _is_clinical_review(instance):
        notify_reviewers.enqueue(int(instance.workflow_state.object_id), ReviewReason.SUBMITTED)


@receiver(task_rejected)
def tell_authors_changes_were_requested(sender, instance, user=None, **kwargs):
    if not _is_clinical_review(instance):
        return
    page_id = int(instance.workflow_state.object_id)
    authors = set(
        Revision.page_revisions.filter(object_id=str(page_id), user__isnull=False)
        .order_by("-pk")
        .values_list("user_id", flat=True)[:1]
    )
    if instance.workflow_state.requested_by_id:
        authors.add(instance.workflow_state.requested_by_id)
    authors.discard(getattr(user, "pk", None))
    notify_authors_of_changes.enqueue(page_id, sorted(authors), instance.comment or "")


@receiver(post_save, sender=Locale)
def roles_for_new_locale(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_roles(apps)


@receiver(post_save)
def roles_for_new_home_page(sender, instance, created, raw=False, **kwargs):
    if created and not raw and isinstance(instance, Page) and instance.depth == 2:
        ensure_roles(apps)


def purge_review_facts(sender, instance, **kwargs):
    """A sign-off or an "original updated" notice recorded or removed: the page's reader copies
    (its review dates, its "awaiting clinical review" notice) change, in the page caches and
    rendered parts too, even when no publication follows."""
    try:
        page = Page.objects.get(pk=instance.page_id)
    except Page.DoesNotExist:
        return  # the page itself was deleted: that purged everything
    purge_page(sender, page)
