from django.core.management.base import BaseCommand

from cms.scheduling import schedule_daily_tasks


class Command(BaseCommand):
    help = "Make sure the daily background tasks every app registers are queued (run at deploy)."

    def handle(self, *args, **options):
        for description in schedule_daily_tasks():
            self.stdout.write(f"Queued daily: {description}")
