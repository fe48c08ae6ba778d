from django.core.management.base import BaseCommand

from contacts.tasks import schedule_daily_purge


class Command(BaseCommand):
    help = "Make sure the daily purge of expired call-back requests is queued (run at deploy)."

    def handle(self, *args, **options):
        schedule_daily_purge()
        self.stdout.write("Daily purge of expired call-back requests is queued.")
