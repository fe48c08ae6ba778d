from django.core.management.base import BaseCommand

from cms.scheduling import keep_one_queued
from contacts.tasks import schedule_daily_purge
from contacts.verification import flag_numbers_due_for_verification
from review.tasks import schedule_daily_review_check


class Command(BaseCommand):
    help = "Make sure the daily background tasks are queued (run at deploy)."

    def handle(self, *args, **options):
        schedule_daily_purge()
        schedule_daily_review_check()
        keep_one_queued(flag_numbers_due_for_verification)
        self.stdout.write(
            "Queued: the daily purge of expired call-back requests, the daily review check and the "
            "daily reminder of contact numbers due for re-verification."
        )
