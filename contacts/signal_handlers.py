"""Receivers only: joining Admissions (who may read readers' call-back requests) is recorded in
the audit log, with whoever made the change, and the superusers are told; a contact number's
change purges the cached pages of its country's readers (connected in `apps.py`)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.mail import mail_admins, send_mail
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from wagtail.log_actions import log

from cms.invalidation import purge_country

from .models import ADMISSIONS_GROUP

User = get_user_model()


@receiver(m2m_changed, sender=User.groups.through)
def admissions_membership_is_audited(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "post_add" or not pk_set:
        return
    admissions = Group.objects.filter(name=ADMISSIONS_GROUP).values_list("pk", flat=True).first()
    if reverse:  # group.user_set.add(...): instance is the group
        members = User.objects.filter(pk__in=pk_set) if instance.pk == admissions else User.objects.none()
    else:
        members = [instance] if admissions in pk_set else []
    for member in members:
        log(instance=member, action="admissions.member_added", data={"group": ADMISSIONS_GROUP})
        recipients = list(
            User.objects.filter(is_superuser=True, is_active=True).exclude(email="").values_list("email", flat=True)
        )
        subject = f"{member.get_username()} was added to {ADMISSIONS_GROUP} (may read call-back requests)"
        if recipients:
            send_mail(subject=subject, message=subject, from_email=None, recipient_list=recipients)
        else:
            mail_admins(subject, subject)


def remember_country(sender, instance, **kwargs):
    """The country a contact number had when loaded (post_init): a move changes two countries."""
    instance.country_when_loaded = instance.__dict__.get("country")


def purge_country_pages(sender, instance, **kwargs):
    for country in {instance.country, getattr(instance, "country_when_loaded", None)} - {None, ""}:
        purge_country(sender, country=country)
