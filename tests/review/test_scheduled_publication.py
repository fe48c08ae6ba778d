"""Scheduled publication runs on its own: the worker runs Wagtail's `publish_scheduled` every
minute (cms.tasks, queued by `schedule_daily_tasks`, which `make run` and a deploy run). A signed
revision goes live at its time; an unsigned one never does."""

import datetime
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, Revision

from cms.tasks import publish_scheduled_pages
from tests.factories import ArticlePageFactory
from tests.helpers.review import approve_all, submit

# The worker closes the database connection between tasks: committed data, as in production.
pytestmark = [pytest.mark.live_db, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def scheduled(page, user):
    """`page` given a go-live time an hour away and saved by `user`; its revision."""
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    return page.save_revision(user=user)


def the_hour_passes(revision):
    past = timezone.now() - datetime.timedelta(seconds=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    Revision.objects.filter(pk=revision.pk).update(content=revision.content, approved_go_live_at=past)
    DBTaskResult.objects.filter(task_path=publish_scheduled_pages.module_path).update(run_after=timezone.now())


def reader_sees(client, page) -> bool:
    client.logout()
    page = Page.objects.get(pk=page.pk).specific
    return page.live and client.get(page.url).status_code == 200 and page.title in client.get(page.url).text


def test_the_worker_publishes_a_signed_revision_at_its_time_and_never_an_unsigned_one(
    client, database_tasks, draft, guidance, staff
):
    scheduled(draft, staff["editor"])
    submit(draft, staff["editor"])
    approve_all(client, draft, staff)  # signed off: waits for its time
    signed = Revision.objects.get(object_id=str(draft.pk), approved_go_live_at__isnull=False)

    unsigned_page = ArticlePageFactory(parent=guidance, title="Never signed", publish=False)
    unsigned = scheduled(unsigned_page, staff["editor"])
    Revision.objects.filter(pk=unsigned.pk).update(approved_go_live_at=unsigned.content["go_live_at"])

    out = StringIO()
    call_command("schedule_daily_tasks", stdout=out)
    assert "scheduled publication" in out.getvalue()
    assert not reader_sees(client, draft)

    the_hour_passes(signed)
    the_hour_passes(unsigned)
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())

    assert reader_sees(client, draft)
    html = BeautifulSoup(client.get(Page.objects.get(pk=draft.pk).url).content, "html.parser")
    assert html.select(".reviewed-by")
    assert not reader_sees(client, unsigned_page)
    # It keeps itself queued for the next minute, one waiting at a time.
    waiting = DBTaskResult.objects.filter(task_path=publish_scheduled_pages.module_path, status="READY")
    assert waiting.count() == 1
    assert waiting.get().run_after > timezone.now()
