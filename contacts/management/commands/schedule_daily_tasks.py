from django.core.management.base import BaseCommand

from contacts.tasks import schedule_daily_purge
from review.tasks import schedule_daily_review_check


class Command(BaseCommand):
    help = "Make sure the daily background tasks are queued (run at deploy)."

    def handle(self, *args, **options):
        schedule_daily_purge()
        schedule_daily_review_check()
        self.stdout.write("Daily purge of expired call-back requests and daily review check are queued.")
