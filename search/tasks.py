"""Indexing runs in the task worker (`manage.py db_worker`), never in an editor's request."""

import datetime

from django.utils import timezone
from django_tasks import default_task_backend, task

from .client import alias_name, get_client
from .indexing import apply_pending, outdated, rebuild

RETRY_AFTER = datetime.timedelta(seconds=30)


@task()
def apply_pending_index_changes() -> int:
    """Apply the outbox; if the cluster is down, try again later (changes stay in the outbox)."""

    applied, pending = apply_pending()
    if pending and default_task_backend.supports_defer:
        apply_pending_index_changes.using(run_after=timezone.now() + RETRY_AFTER).enqueue()
    return applied


@task()
def rebuild_outdated_indices(languages: list[str]) -> list[str]:
    """Rebuild the languages' indices that an earlier release built (search.analysis.SCHEMA);
    readers are answered from the database until then. An index gone since it was asked for is
    built too (readers would otherwise search nothing). Returns the languages rebuilt."""

    client = get_client()
    rebuilt = []
    for code in languages:
        if client is not None and outdated(client, alias_name(code)) is not False:
            rebuild(code)
            rebuilt.append(code)
    return rebuilt
