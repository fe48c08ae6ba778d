"""Connect page-cache purges (app and edge) to every change of Wagtail's own that can alter what
a reader sees. Each app connects its own models' changes (`purge_on_change`) in its
`AppConfig.ready()`. Which addresses a change affects: `cms.invalidation`."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .invalidation import purge_page
from .page_cache import purge


def connect():
    page_published.connect(purge_page, dispatch_uid="page_cache_published")
    page_unpublished.connect(purge_page, dispatch_uid="page_cache_unpublished")
    # Rare, and every address below the page changes: everything.
    post_page_move.connect(purge, dispatch_uid="page_cache_moved")
    post_delete.connect(purge, sender=Page, dispatch_uid="page_cache_deleted")
    purge_on_change(PageViewRestriction)
    # A site's host or root page: every address, and the site each request is served by.
    purge_on_change(Site)


def purge_on_change(*models, receiver=purge) -> None:
    """Purge (by default: every cached page) whenever a row of these models is saved or deleted."""
    for model in models:
        post_save.connect(receiver, sender=model, dispatch_uid=f"page_cache_saved_{model.__name__}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"page_cache_deleted_{model.__name__}")
