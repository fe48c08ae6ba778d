"""Indexing runs in the task worker (`manage.py db_worker`), never in an editor's request."""

import datetime

from django.utils import timezone
from django_tasks import default_task_backend, task

from .indexing import apply_pending

RETRY_AFTER = datetime.timedelta(seconds=30)


@task()
def apply_pending_index_changes() -> int:
    """Apply the outbox; if the cluster is down, try again later (changes stay in the outbox)."""

    applied, pending = apply_pending()
    if pending and default_task_backend.supports_defer:
        apply_pending_index_changes.using(run_after=timezone.now() + RETRY_AFTER).enqueue()
    return applied
