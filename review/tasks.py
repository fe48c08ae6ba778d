"""Background work for clinical review (django-tasks; `manage.py db_worker` runs it)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from cms.scheduling import keep_one_queued

from .roles import reviewers_of

logger = logging.getLogger(__name__)

SUBJECTS = {
    "due": "Clinical review due: {title} ({language})",
    "source_updated": "Translation to re-review after its source changed: {title} ({language})",
    "emergency": "Urgent: published before clinical review: {title} ({language})",
}


@task()
def notify_reviewers(page_id: int, reason: str) -> int:
    """E-mail the clinical reviewers of the page's locale that it needs them."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    if page is None:
        return 0
    recipients = list(reviewers_of(page.locale_id).exclude(email="").values_list("email", flat=True))
    if recipients:
        url = settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=[page.pk])
        subject = SUBJECTS.get(reason, SUBJECTS["due"]).format(title=page.title, language=page.locale.language_code)
        send_mail(
            subject=subject, message=f"{subject}\n\nReview it here: {url}", from_email=None, recipient_list=recipients
        )
    return len(recipients)


@task()
def rereview_translations(source_page_id: int) -> int:
    """After a source article is signed off and republished: refresh what translators see and
    send each translation back to clinical review in its locale."""
    from wagtail.models import Page
    from wagtail_localize.models import TranslationSource

    from .signals import mark_translations_outdated

    page = Page.objects.filter(pk=source_page_id).first()
    if page is None:
        return 0
    page = page.specific
    if TranslationSource.objects.filter(object_id=page.translation_key, locale_id=page.locale_id).exists():
        TranslationSource.update_or_create_from_instance(page)
    return len(mark_translations_outdated(page))


def articles_due_for_review(on=None):
    from articles.models import ArticlePage

    return ArticlePage.objects.live().filter(next_review_due__lte=on or timezone.localdate())


@task()
def start_due_reviews() -> int:
    """Daily: every live article whose review has fallen due goes back into its workflow,
    and that locale's reviewers are e-mailed. Then the next daily run is queued."""
    from .workflow_actions import start_review

    started = sum(1 for page in articles_due_for_review() if start_review(page, reason="due"))
    schedule_daily_review_check()
    return started


def schedule_daily_review_check() -> None:
    keep_one_queued(start_due_reviews)
