"""Every change that can alter what readers find records an outbox entry and wakes the worker:
publish, unpublish, delete, move, a parent's new slug (its articles' URLs change), privacy
changes (and so published translations)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from articles.models import ArticlePage
from cms.i18n import source_language

from .client import search_enabled
from .models import PendingIndexChange
from .tasks import apply_pending_index_changes


def record(pages) -> None:
    if not search_enabled():
        return

    articles = [page for page in pages if issubclass(page.specific_class or Page, ArticlePage)]
    changes = [PendingIndexChange(page_id=page.pk, language=page.locale.language_code) for page in articles]
    # A translation appearing or going changes who is shown (and searches) its source page.
    keys = {page.translation_key for page in articles if page.locale.language_code != source_language()}
    if keys:
        sources = ArticlePage.objects.filter(translation_key__in=keys, locale__language_code=source_language())
        changes += [
            PendingIndexChange(page_id=pk, language=source_language()) for pk in sources.values_list("pk", flat=True)
        ]
    if changes:
        PendingIndexChange.objects.bulk_create(changes)
        apply_pending_index_changes.enqueue()


def _articles_at_and_below(page):
    return list(ArticlePage.objects.filter(path__startswith=page.path).select_related("locale"))


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    record([instance])


@receiver(post_page_move)
@receiver(page_slug_changed)
def page_moved(sender, instance, **kwargs):
    """The page and every article under it have a new URL."""
    record(_articles_at_and_below(instance))


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    # Sent once per model in the page's inheritance chain: record it for the base Page only.
    if sender is Page:
        record([instance])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def privacy_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        record(_articles_at_and_below(page))
