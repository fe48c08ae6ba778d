"""After a publication: the safety net for unsigned copies, and translations following their source."""

import logging

from django.apps import apps
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Locale, Page
from wagtail.signals import page_published

from .models import OutdatedTranslation
from .roles import ensure_roles
from .signoff import is_authorised, sign_off_for

logger = logging.getLogger(__name__)


def _needs_sign_off(page) -> bool:
    from articles.models import ArticlePage

    return isinstance(page, ArticlePage)


@receiver(page_published)
def after_publication(sender, instance, revision=None, **kwargs):
    page = instance.specific
    if not _needs_sign_off(page):
        return
    revision = revision or page.live_revision
    if not is_authorised(revision):
        # A path that bypasses Page.publish (a page copied "kept live") lands here: take it down.
        logger.error("Unpublished page %s: it went live without clinical sign-off", page.pk)
        page.unpublish(log_action="review.unpublish_unsigned")
        return
    if sign_off_for(revision) is None:
        return  # emergency publication: translations follow once it is signed off
    # This language is now signed off against its source, whatever notice it carried.
    OutdatedTranslation.objects.filter(page=page).delete()
    if is_translation_source(page):
        from .tasks import rereview_translations

        rereview_translations.enqueue(page.pk)  # queued in this transaction: runs after commit


def is_translation_source(page) -> bool:
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.filter(object_id=page.translation_key).first()
    if source is not None:
        return source.locale_id == page.locale_id
    return page.locale_id == Locale.get_default().pk and page.get_translations().exists()


def mark_translations_outdated(source_page) -> list:
    """Each translation shows the source's new date and goes back to clinical review."""
    from .workflow_actions import start_review

    marked = []
    updated_at = timezone.now()
    for translation in source_page.get_translations().specific():
        OutdatedTranslation.objects.update_or_create(
            page=translation, defaults={"source_page": source_page, "source_updated_at": updated_at}
        )
        log(instance=translation, action="review.source_updated", data={"source_page_id": source_page.pk})
        start_review(translation, reason="source_updated")
        marked.append(translation)
    return marked


@receiver(post_save, sender=Locale)
def roles_for_new_locale(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_roles(apps)


@receiver(post_save)
def roles_for_new_home_page(sender, instance, created, raw=False, **kwargs):
    if created and not raw and isinstance(instance, Page) and instance.depth == 2:
        ensure_roles(apps)
