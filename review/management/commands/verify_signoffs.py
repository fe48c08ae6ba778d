"""Prove the sign-off log: every live clinical page, in every locale, shows exactly the content
of the revision its newest sign-off or emergency publication names. Exit status 1 if not."""

import sys

from django.core.management.base import BaseCommand

from review.services import verify_live_clinical_pages


class Command(BaseCommand):
    help = "Report live clinical pages whose content differs from the revision their sign-off names."

    def handle(self, *args, **options):
        failures = 0
        for page, differences in verify_live_clinical_pages():
            failures += 1
            self.stderr.write(f"Page {page.pk} ({page.locale.language_code}) “{page.title}”: {', '.join(differences)}")
        if failures:
            self.stderr.write(f"{failures} live page(s) differ from what was signed off.")
            sys.exit(1)
        self.stdout.write("Every live clinical page shows the revision its sign-off names.")
