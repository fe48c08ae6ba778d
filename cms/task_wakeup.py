"""The background-task worker sleeps when idle and wakes the moment a task is enqueued.

django-tasks' database worker polls the task table every second (6 % of a core here, idle).
On PostgreSQL each new task row sends `NOTIFY` (delivered when its transaction commits) and the
worker (`manage.py db_worker`, cms/management/commands/db_worker.py) `LISTEN`s between polls,
so it can wait long (`--interval`, default 30 s: a safety net if a notification were lost) and
still start a task within milliseconds. Other databases (SQLite under `make run`) keep polling,
once a second."""

import time

from django.db import connection
from django.db.models.signals import post_save

CHANNEL = "clinic_tasks"
POLL_WITHOUT_NOTIFY = 1.0


def notify_worker(sender, instance, created, **kwargs) -> None:
    if created and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"NOTIFY {CHANNEL}")


def connect() -> None:
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415 - a model: after the registry is ready

    post_save.connect(notify_worker, sender=DBTaskResult, dispatch_uid="notify_task_worker")


class Wakeup:
    """`wait(seconds)`: until a task is enqueued or `seconds` pass (PostgreSQL), or a short poll."""

    def __init__(self):
        self.listener = None
        if connection.vendor == "postgresql":
            import psycopg  # noqa: PLC0415 - PostgreSQL only

            params = connection.get_connection_params()
            self.listener = psycopg.connect(**params, autocommit=True)
            self.listener.execute(f"LISTEN {CHANNEL}")

    def wait(self, seconds: float) -> bool:
        """True if woken by a notification."""
        if self.listener is None:
            time.sleep(min(seconds, POLL_WITHOUT_NOTIFY))
            return False
        woken = False
        for _ in self.listener.notifies(timeout=seconds, stop_after=1):
            woken = True
        # Several tasks may have been enqueued at once: one poll claims them in turn.
        for _ in self.listener.notifies(timeout=0):
            pass
        return woken

    def close(self) -> None:
        if self.listener is not None:
            self.listener.close()
