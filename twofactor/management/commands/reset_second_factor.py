"""A superuser removes a staff member's second factor (lost phone and recovery codes). They set
up a new one at their next sign-in. Recorded in the audit log with who reset it."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp import devices_for_user
from wagtail.log_actions import log


class Command(BaseCommand):
    help = "Remove a user's second-factor devices (authenticator app, recovery codes)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--by", required=True, help="The superuser doing the reset (not the same person).")

    def handle(self, username, by, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        superuser = User.objects.filter(username=by, is_superuser=True, is_active=True).first()
        if user is None:
            raise CommandError(f"No user “{username}”.")
        if superuser is None:
            raise CommandError(f"“{by}” is not an active superuser.")
        if superuser.pk == user.pk:
            raise CommandError("Another superuser must reset your second factor.")
        removed = 0
        for device in list(devices_for_user(user, confirmed=None)):
            device.delete()
            removed += 1
        log(instance=user, action="twofactor.reset", user=superuser, data={"devices_removed": removed})
        self.stdout.write(f"Removed {removed} device(s) of {username}; they set up a new one at their next sign-in.")
