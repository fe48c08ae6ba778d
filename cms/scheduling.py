"""Daily background tasks: each run queues the next, and at most one waits at a time. Each app
registers its own in its `AppConfig.ready()` (`register_daily`); `manage.py schedule_daily_tasks`
queues them all at deploy."""

import datetime
from typing import Any

from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult


def keep_one_queued(task: Task[Any, Any], delay: datetime.timedelta = datetime.timedelta(days=1)) -> bool:
    """Queue `task` to run after `delay` unless one is already waiting (only where the backend
    can defer tasks; the test backend runs tasks at once). True if it queued one."""
    if not default_task_backend.supports_defer:
        return False

    if DBTaskResult.objects.filter(task_path=task.module_path, status=TaskResultStatus.READY).exists():
        return False
    task.using(run_after=timezone.now() + delay).enqueue()
    return True


# (task, what it does, for the command's report), in registration order.
DAILY_TASKS: list[tuple[Task[Any, Any], str]] = []


def register_daily(task: Task[Any, Any], description: str) -> None:
    if all(existing is not task for existing, _ in DAILY_TASKS):
        DAILY_TASKS.append((task, description))


def schedule_daily_tasks() -> list[str]:
    """Queue every registered daily task (one waiting at most); what they do."""
    for task, _ in DAILY_TASKS:
        keep_one_queued(task)
    return [description for _, description in DAILY_TASKS]
