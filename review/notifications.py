"""E-mails to clinical reviewers (a background task). They name the page, never a reader."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task
from wagtail.models import Page

from .models import ReviewReason
from .permissions import reviewers_of

SUBJECTS = {
    ReviewReason.DUE: "Clinical review due: {title} ({language})",
    ReviewReason.SOURCE_UPDATED: "Translation to re-review after its source changed: {title} ({language})",
    ReviewReason.EMERGENCY: "Urgent: published before clinical review: {title} ({language})",
    ReviewReason.SUBMITTED: "Submitted for clinical review: {title} ({language})",
}


@task()
def notify_reviewers(page_id: int, reason: str) -> int:
    """E-mail the clinical reviewers of the page's locale that it needs them."""
    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    if page is None:
        return 0
    recipients = list(reviewers_of(page.locale_id).exclude(email="").values_list("email", flat=True))
    if recipients:
        url = settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=[page.pk])
        subject = SUBJECTS.get(reason, SUBJECTS[ReviewReason.DUE]).format(
            title=page.title, language=page.locale.language_code
        )
        send_mail(
            subject=subject, message=f"{subject}\n\nReview it here: {url}", from_email=None, recipient_list=recipients
        )
    return len(recipients)
