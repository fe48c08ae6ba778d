"""Who must sign in with a second factor: staff who hold health data (Admissions: readers'
call-back requests) or sign off clinical content (clinical reviewers), and superusers. Anyone
else who has set up a device (editors and translators may opt in) is asked for it too."""

from django.db.models import Q
from django_otp import devices_for_user

from contacts.models import ADMISSIONS_GROUP
from review.roles import REVIEWERS


def second_factor_required(user) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(Q(name=ADMISSIONS_GROUP) | Q(locale_role__role=REVIEWERS)).exists()


def has_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def must_verify(user) -> bool:
    """Signed in with a password only, and a second factor is required or was set up."""
    if not (user and user.is_authenticated) or user.is_verified():
        return False
    return second_factor_required(user) or has_device(user)
