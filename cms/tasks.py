"""Site-wide background work (django-tasks; `manage.py db_worker` runs it)."""

import datetime
import io

from django.core.management import call_command
from django_tasks import task

from .scheduling import keep_one_queued

# How often Wagtail's scheduled publication runs: a revision approved for a go-live time goes live
# at most this long (plus the worker's idle wait) after it.
PUBLISH_SCHEDULED_EVERY = datetime.timedelta(minutes=1)


@task()
def publish_scheduled_pages() -> str:
    """Wagtail's `publish_scheduled`: revisions whose go-live time has come are published (for a
    clinical page only with a sign-off of their exact words: review.gate) and pages past their
    expiry are unpublished. Then the next run is queued."""
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    keep_one_queued(publish_scheduled_pages, PUBLISH_SCHEDULED_EVERY)
    return out.getvalue()
