"""The background-task worker (`manage.py db_worker`, cms/task_wakeup.py) waits long between
polls when idle, yet runs a task as soon as it is enqueued: on PostgreSQL the new task's row
sends NOTIFY and the worker LISTENs (elsewhere it polls each second). Publish → searchable
depends on it. The CPU it saves is measured in benchmarks/worker_idle.py, not here."""

import threading
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from cms.management.commands.db_worker import WakingWorker

pytestmark = [pytest.mark.live_db, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def worker_in_a_thread(interval: float):
    worker = WakingWorker(
        queue_names=["default"],
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    thread = threading.Thread(target=worker.run, daemon=True)
    thread.start()
    return worker, thread


def stop(worker, thread):
    worker.running = False
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("NOTIFY clinic_tasks")
    thread.join(10)


def test_an_idle_worker_runs_a_task_when_it_is_enqueued_not_at_its_next_poll(database_tasks):
    from contacts.tasks import purge_expired_callback_requests

    worker, thread = worker_in_a_thread(interval=120)  # its next poll: two minutes away
    try:
        time.sleep(1.5)  # it has polled, found nothing, and sleeps
        result = purge_expired_callback_requests.enqueue()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not DBTaskResult.objects.filter(pk=result.id, status="SUCCESSFUL"):
            time.sleep(0.05)
        assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"
    finally:
        stop(worker, thread)
    assert not thread.is_alive()


def test_the_worker_command_runs_the_queued_tasks_and_exits_in_batch_mode(database_tasks):
    from contacts.tasks import purge_expired_callback_requests

    result = purge_expired_callback_requests.enqueue()
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"
