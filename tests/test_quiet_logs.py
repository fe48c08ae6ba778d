"""The console is quiet by default, and no log carries what a reader typed: the development
server's request log keeps the path but drops the query string (search words)."""

import io
import logging
import logging.config

import pytest


@pytest.fixture
def console(settings):
    """The project's logging as configured, its two console handlers writing to buffers."""
    logging.config.dictConfig(settings.LOGGING)
    streams = {}
    for name in ("root", "django.server"):
        logger = logging.getLogger() if name == "root" else logging.getLogger(name)
        for handler in logger.handlers:
            if isinstance(handler, logging.StreamHandler):
                streams[name] = io.StringIO()
                handler.setStream(streams[name])
    yield streams
    logging.config.dictConfig(settings.LOGGING)


def test_the_request_log_never_carries_a_readers_search_words(console):
    logging.getLogger("django.server").info(
        '"%s" %s %s',
        "GET /en-gb/search/?q=leaving+my+partner&topic=abuse HTTP/1.1",
        "200",
        "5120",
        extra={"status_code": 200},
    )
    line = console["django.server"].getvalue()
    assert "GET /en-gb/search/?" in line and "200" in line
    assert "partner" not in line and "abuse" not in line


def test_the_task_worker_prints_no_line_per_task_but_still_its_failures(console):
    worker = logging.getLogger("django_tasks_db")
    worker.setLevel(logging.INFO)  # what `db_worker` does at its default verbosity
    worker.info("Task id=%s path=%s state=%s", 1, "search.tasks.apply_pending_index_changes", "SUCCEEDED")
    assert console["root"].getvalue() == ""
    worker.error("Task id=%s failed unexpectedly", 2)
    assert "failed unexpectedly" in console["root"].getvalue()
