"""E-mails to clinical reviewers (a background task). They name the page, never a reader."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task
from wagtail.models import Page

from .models import ReviewReason
from .permissions import reviewers_of

SUBJECTS: dict[str, str] = {
    ReviewReason.DUE: "Clinical review due: {title} ({language})",
    ReviewReason.SOURCE_UPDATED: "Translation to re-review after its source changed: {title} ({language})",
    ReviewReason.EMERGENCY: "Urgent: published before clinical review: {title} ({language})",
    ReviewReason.SUBMITTED: "Ready for your clinical sign-off: {title} ({language})",
}
CHANGES_REQUESTED = "Changes requested by clinical review: {title} ({language})"


def _edit_url(page) -> str:
    return settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=[page.pk])


@task()
def notify_reviewers(page_id: int, reason: str) -> int:
    """E-mail the clinical reviewers of the page's locale that it needs them."""
    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    if page is None:
        return 0
    recipients = list(reviewers_of(page.locale_id).exclude(email="").values_list("email", flat=True))
    if recipients:
        url = _edit_url(page)
        subject = SUBJECTS.get(reason, SUBJECTS[ReviewReason.DUE]).format(
            title=page.title, language=page.locale.get_display_name()
        )
        send_mail(
            subject=subject, message=f"{subject}\n\nReview it here: {url}", from_email=None, recipient_list=recipients
        )
    return len(recipients)


@task()
def notify_authors_of_changes(page_id: int, author_ids: list[int], reviewer_comment: str) -> int:
    """E-mail those who wrote or submitted the page that a reviewer asked for changes, with the
    reviewer's comment (staff text about the page; nothing from readers)."""
    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    if page is None:
        return 0
    users = get_user_model().objects.filter(pk__in=author_ids, is_active=True).exclude(email="")
    recipients = list(users.values_list("email", flat=True))
    if recipients:
        subject = CHANGES_REQUESTED.format(title=page.title, language=page.locale.get_display_name())
        comment = f"\n\nThe reviewer wrote:\n{reviewer_comment}" if reviewer_comment else ""
        send_mail(
            subject=subject,
            message=f"{subject}{comment}\n\nEdit the page and resubmit it here: {_edit_url(page)}",
            from_email=None,
            recipient_list=recipients,
        )
    return len(recipients)
