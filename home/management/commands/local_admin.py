"""Give the local site an `admin` superuser with a fresh random password, and print it.
Refused outside DEBUG, so it can never reset a real site's admin."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create or reset the local `admin` superuser (DEBUG only) and print its login."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("local_admin only runs with DEBUG on (local development).")
        password = secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(username="admin", defaults={"email": "admin@localhost"})
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            self.style.SUCCESS(f"Local admin login: admin / {password}  (http://127.0.0.1:{port}/admin/)")
        )
