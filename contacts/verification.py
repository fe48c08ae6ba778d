"""Contact numbers due for re-verification: the editors' report and the daily reminder.

A number is due when it was never checked, its check has no source, or its check is older than
its re-verification interval (six months unless set otherwise). Due numbers stay on readers'
pages (an emergency number is never hidden; a helpline checked once is likelier right than
missing); editors see them in Reports and on their dashboard, and the daily task e-mails them
every day until each is checked again."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from cms.scheduling import keep_one_queued

from . import region
from .models import due_for_verification

MAINTAIN_PERMISSION = "contacts.change_contactnumber"


def can_maintain_numbers(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(MAINTAIN_PERMISSION))


def due_rows(today=None):
    today = today or timezone.localdate()
    return [
        {
            "contact": contact,
            "country": region.country_name(contact.country),
            "problem": contact.verification_problem(today),
            "edit_url": reverse("wagtailsnippets_contacts_contactnumber:edit", args=[contact.pk]),
        }
        for contact in due_for_verification(today).order_by("reverify_by", "country", "purpose")
    ]


def due_report(request):
    if not can_maintain_numbers(request.user):
        raise PermissionDenied
    return TemplateResponse(request, "contacts/admin/numbers_due.html", {"rows": due_rows()})


def maintainers():
    """Active users who may change contact numbers (by group or directly, or superusers)."""
    User = get_user_model()
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(
                groups__permissions__codename="change_contactnumber",
                groups__permissions__content_type__app_label="contacts",
            )
            | Q(user_permissions__codename="change_contactnumber", user_permissions__content_type__app_label="contacts")
        )
        .exclude(email="")
        .distinct()
    )


@task()
def flag_numbers_due_for_verification() -> int:
    """E-mail the editors who keep the numbers a list of those due, every day until each is
    checked again; then queue tomorrow's run. Returns how many numbers are due."""

    rows = due_rows()
    if rows:
        recipients = list(maintainers().values_list("email", flat=True))
        if recipients:
            lines = [
                f"- {row['contact'].label} ({row['country']}, {row['contact'].number}): {row['problem']}\n"
                f"  {settings.WAGTAILADMIN_BASE_URL}{row['edit_url']}"
                for row in rows
            ]
            send_mail(
                subject=f"{len(rows)} contact number(s) due for re-verification",
                message=(
                    "These numbers are shown to readers and are due to be checked again. Call each one, "
                    "then record who checked it, when and from which source.\n\n"
                    + "\n".join(lines)
                    + f"\n\nThe report: {settings.WAGTAILADMIN_BASE_URL}{reverse('contact_numbers_due')}"
                ),
                from_email=None,
                recipient_list=recipients,
            )
    keep_one_queued(flag_numbers_due_for_verification)
    return len(rows)
