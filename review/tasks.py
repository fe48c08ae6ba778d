"""Background work for clinical review (django-tasks; `manage.py db_worker` runs it)."""

from django.utils import timezone
from django_tasks import task
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from cms.scheduling import keep_one_queued

from .models import ReviewReason
from .pages import live_clinical_pages
from .services import mark_translations_outdated, start_review


@task()
def rereview_translations(source_page_id: int) -> int:
    """After a source article is signed off and republished: refresh what translators see and
    send each translation back to clinical review in its locale."""
    page = Page.objects.filter(pk=source_page_id).first()
    if page is None:
        return 0
    page = page.specific
    if TranslationSource.objects.filter(object_id=page.translation_key, locale_id=page.locale_id).exists():
        TranslationSource.update_or_create_from_instance(page)
    return len(mark_translations_outdated(page))


def pages_due_for_review(on=None):
    return list(live_clinical_pages(next_review_due__lte=on or timezone.localdate()))


@task()
def start_due_reviews() -> int:
    """Daily: every live clinical page whose review has fallen due goes back into its workflow,
    and that locale's reviewers are e-mailed. Then the next daily run is queued."""
    started = sum(1 for page in pages_due_for_review() if start_review(page, reason=ReviewReason.DUE))
    schedule_daily_review_check()
    return started


def schedule_daily_review_check() -> None:
    keep_one_queued(start_due_reviews)
