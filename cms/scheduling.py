"""Periodic background tasks: each run queues the next, and at most one waits at a time. Each app
registers its own in its `AppConfig.ready()` (`register_daily`, or `register_periodic` for
another interval); `manage.py schedule_daily_tasks` queues them all at deploy (and `make run`).
A run also deletes that task's results finished more than a day ago, so that a task run every
minute does not fill the task table."""

import datetime
from typing import Any

from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

DAY = datetime.timedelta(days=1)


def keep_one_queued(task: Task[Any, Any], delay: datetime.timedelta = DAY) -> bool:
    """Queue `task` to run after `delay` unless one is already waiting (only where the backend
    can defer tasks; the test backend runs tasks at once). True if it queued one."""
    if not default_task_backend.supports_defer:
        return False
    results = DBTaskResult.objects.filter(task_path=task.module_path)
    results.filter(status=TaskResultStatus.SUCCESSFUL, finished_at__lt=timezone.now() - DAY).delete()
    if results.filter(status=TaskResultStatus.READY).exists():
        return False
    task.using(run_after=timezone.now() + delay).enqueue()
    return True


# (task, what it does, for the command's report, how often), in registration order.
PERIODIC_TASKS: list[tuple[Task[Any, Any], str, datetime.timedelta]] = []


def register_periodic(task: Task[Any, Any], description: str, every: datetime.timedelta) -> None:
    if all(existing is not task for existing, _, _ in PERIODIC_TASKS):
        PERIODIC_TASKS.append((task, description, every))


def register_daily(task: Task[Any, Any], description: str) -> None:
    register_periodic(task, description, DAY)


def schedule_daily_tasks() -> list[str]:
    """Queue every registered periodic task (one waiting at most; the first run after its
    interval); what they do."""
    for task, _, every in PERIODIC_TASKS:
        keep_one_queued(task, every)
    return [description for _, description, _ in PERIODIC_TASKS]
