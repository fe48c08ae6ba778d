"""Connect page-cache purges to everything that can change what a reader sees."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .page_cache import purge


def connect():
    page_published.connect(purge, dispatch_uid="page_cache_published")
    page_unpublished.connect(purge, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(purge, dispatch_uid="page_cache_moved")
    post_delete.connect(purge, sender=Page, dispatch_uid="page_cache_deleted")
    for model in (PageViewRestriction,):
        post_save.connect(purge, sender=model, dispatch_uid=f"page_cache_saved_{model.__name__}")
        post_delete.connect(purge, sender=model, dispatch_uid=f"page_cache_deleted_{model.__name__}")

    from articles.models import Topic
    from contacts.models import ContactNumber

    for model in (Topic, ContactNumber):
        post_save.connect(purge, sender=model, dispatch_uid=f"page_cache_saved_{model.__name__}")
        post_delete.connect(purge, sender=model, dispatch_uid=f"page_cache_deleted_{model.__name__}")
