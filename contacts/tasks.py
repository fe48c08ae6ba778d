"""Background work for call-back requests (django-tasks; `manage.py db_worker` runs it)."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from cms.scheduling import keep_one_queued

from .models import ADMISSIONS_GROUP, CallbackRequest


@task()
def purge_expired_callback_requests() -> int:
    """Delete requests older than the retention period, then schedule the next daily run."""

    cutoff = timezone.now() - datetime.timedelta(days=settings.CALLBACK_RETENTION_DAYS)
    deleted, _ = CallbackRequest.objects.filter(created_at__lt=cutoff).delete()
    schedule_daily_purge()
    return deleted


def schedule_daily_purge() -> None:
    keep_one_queued(purge_expired_callback_requests)


@task()
def notify_admissions_of_new_request() -> int:
    """Tell the Admissions group that a request arrived, without any of its content."""
    recipients = list(
        get_user_model()
        .objects.filter(groups__name=ADMISSIONS_GROUP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if recipients:
        url = settings.WAGTAILADMIN_BASE_URL + reverse("callback_requests")
        send_mail(
            subject="New call-back request",
            message=f"A new call-back request has arrived. Sign in to read it: {url}",
            from_email=None,
            recipient_list=recipients,
        )
    return len(recipients)
