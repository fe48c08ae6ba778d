"""Receivers only: the safety net for live copies, translations following a signed-off source,
roles for new locales."""

import logging

from django.apps import apps
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page
from wagtail.signals import page_published

from .gate import is_authorised
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


@receiver(post_save, sender=Locale)
def roles_for_new_locale(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_roles(apps)


@receiver(post_save)
def roles_for_new_home_page(sender, instance, created, raw=False, **kwargs):
    if created and not raw and isinstance(instance, Page) and instance.depth == 2:
        ensure_roles(apps)
