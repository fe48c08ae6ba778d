"""`manage.py db_worker`: django-tasks' database worker, sleeping when idle and woken on
PostgreSQL by the NOTIFY each new task sends (cms/task_wakeup.py). Same options; `--interval`
is now the longest wait between polls (default 30 s) rather than the poll period."""

import os

from django.core.management.base import CommandError
from django.db import close_old_connections
from django.db.utils import OperationalError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from cms.task_wakeup import Wakeup

IDLE_INTERVAL = 30.0


class WakingWorker(db_worker.Worker):
    def next_task(self):
        tasks = db_worker.DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
            except OperationalError as error:
                if is_locked_database_exception(error):
                    return None  # the database is busy: the next poll
                raise
            if task_result is not None:
                task_result.claim(self.worker_id)  # so that no other worker runs it
            return task_result

    def run(self) -> None:
        wakeup = Wakeup()
        try:
            while self.running:
                close_old_connections()
                task_result = self.next_task()
                if task_result is not None:
                    self.run_task(task_result)
                    if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                        return
                    continue
                if self.batch:
                    return
                close_old_connections()
                wakeup.wait(self.interval)
        finally:
            wakeup.close()


class Command(db_worker.Command):
    help = "Run background tasks; idle, wait for the next one to be enqueued (NOTIFY on PostgreSQL)."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(interval=IDLE_INTERVAL)

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = options["exclude_queues"].split(",") if options.get("exclude_queues") else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = WakingWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=options.get("max_tasks"),
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the reloader's child
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
