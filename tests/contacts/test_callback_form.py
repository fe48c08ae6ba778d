"""The confidential call-back form: validation, privacy, access, retention."""

import datetime
import logging

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.views.debug import SafeExceptionReporterFilter

from contacts.models import CallbackRequest
from contacts.tasks import purge_expired_callback_requests, schedule_daily_purge
from tests.helpers.callback import CALLBACK_URL as URL
from tests.helpers.callback import VALID_CALLBACK

VALID = {**VALID_CALLBACK, "message": "Please call after six; my partner is home before then."}


@pytest.fixture
def admissions_user(django_user_model, db):
    user = django_user_model.objects.create_user("admissions", "admissions@clinic.example", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Admissions"))
    return user


def error_texts(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [li.text for li in page.select(".error-summary li")]


def test_valid_request_is_stored_and_confirmed(client, home, admissions_user):
    response = client.post(URL, VALID, follow=True)
    assert response.redirect_chain[-1][0] == "/en-gb/call-back/thanks/"
    assert "we will call you back" in response.content.decode()
    stored = CallbackRequest.objects.get()
    assert stored.phone_number == "+447400123456" and stored.preferred_time == "evening"
    assert stored.consent_given_at is not None and stored.language == "en-gb"


def test_confirmation_is_in_the_readers_language(client, home):
    response = client.post("/es/call-back/", VALID, follow=True)
    assert response.redirect_chain[-1][0] == "/es/call-back/thanks/"
    assert "Gracias: le llamaremos" in response.content.decode()


@pytest.mark.parametrize(
    "change,message",
    [
        ({"phone_number": "12345"}, "is not a valid phone number"),
        ({"phone_number": "01 23 45 67 89"}, "is not a valid phone number in United Kingdom"),
        ({"phone_number": "call me"}, "is not a phone number"),
        ({"phone_number": ""}, "Please give the number we should call."),
        ({"name": ""}, "Please tell us your name"),
        ({"name": "x" * 101}, "at most 100 characters"),
        ({"message": "x" * 1001}, "to 1000 characters"),
        ({"consent": ""}, "Please tick this box"),
        ({"name": "<script>alert(1)</script>"}, "Please remove the characters < and >"),
        ({"message": "<b>hello</b>"}, "Please remove the characters < and >"),
        ({"preferred_time": "midnight"}, "Select a valid choice"),
        ({"country": "ZZ"}, "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(client, home, change, message):
    data = {**VALID, **change}
    if data["consent"] == "":
        del data["consent"]
    response = client.post(URL, data)
    assert response.status_code == 400
    assert any(message in text for text in error_texts(response)), error_texts(response)
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not CallbackRequest.objects.exists()
    assert mail.outbox == []


def test_errors_are_linked_to_their_fields(client, home):
    page = BeautifulSoup(client.post(URL, {**VALID, "phone_number": "12"}).content, "html.parser")
    link = page.select_one(".error-summary a")
    field = page.find(id=link["href"][1:])
    assert field["aria-invalid"] == "true"
    assert page.find(id=field["aria-describedby"]).text == link.text


def test_a_flood_of_submissions_is_refused(client, home, settings):
    settings.CALLBACK_RATE_LIMIT_PER_HOUR = 3
    for _ in range(3):
        assert client.post(URL, VALID).status_code == 302
    response = client.post(URL, VALID)
    assert response.status_code == 429
    assert "too many requests" in " ".join(error_texts(response))
    assert CallbackRequest.objects.count() == 3


def test_corrected_typos_do_not_count_towards_the_limit(client, home, settings):
    settings.CALLBACK_RATE_LIMIT_PER_HOUR = 1
    for _ in range(5):
        assert client.post(URL, {**VALID, "phone_number": "12"}).status_code == 400
    assert client.post(URL, VALID).status_code == 302


def test_honeypot_stores_nothing(client, home, admissions_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {**VALID, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not CallbackRequest.objects.exists() and mail.outbox == []


def test_form_requires_csrf(home):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(URL, VALID)
    assert response.status_code == 403
    assert not CallbackRequest.objects.exists()


def test_admissions_are_told_a_request_arrived_without_its_content(
    client, home, admissions_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, VALID)
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["admissions@clinic.example"]
    body = email.subject + email.body
    for value in ("Alex", "07400", "123456", "partner", "evening"):
        assert value not in body
    assert reverse("callback_requests") in email.body


def test_nothing_the_reader_sends_reaches_any_log(
    client, home, admissions_user, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.setLevel(logging.DEBUG)
    try:
        with django_capture_on_commit_callbacks(execute=True):  # the notification task runs too
            client.post(URL, VALID)
            client.post(URL, {**VALID, "phone_number": "12345", "name": "Alex <b>Example</b>"})
    finally:
        root.setLevel(old_level)
    assert caplog.records, "the capture saw nothing at all"
    logged = "\n".join(f"{r.getMessage()} {r.args} {getattr(r, 'request', '')}" for r in caplog.records)
    for value in ("Alex", "Example", "07700", "900123", "+447400123456", "partner", "12345"):
        assert value not in logged


def test_error_reports_mask_everything_the_reader_sent(client, home):
    """Django's error reports (and any handler using its filter) show the form as stars."""
    response = client.post(URL, VALID)
    masked = SafeExceptionReporterFilter().get_post_parameters(response.wsgi_request)
    assert set(masked) >= {"name", "phone_number", "message"}
    assert set(masked.values()) == {"********************"}


def test_requests_are_never_indexed_nor_in_the_api(client, home):
    from wagtail.search.index import Indexed

    client.post(URL, VALID)
    assert not issubclass(CallbackRequest, Indexed)
    for url in ("/api/v2/pages/?search=Alex", "/api/v2/callback-requests/", "/api/v2/pages/?fields=*"):
        assert "Alex" not in client.get(url).content.decode()
    assert "Alex" not in client.get("/en-gb/search/", {"q": "Alex"}).content.decode().split("</h1>", 1)[1].replace(
        "“Alex”", ""
    )


def test_only_the_admissions_group_reads_requests(client, home, admissions_user, admin_user, django_user_model):
    client.post(URL, VALID)
    listing = reverse("callback_requests")

    client.force_login(admissions_user)
    response = client.get(listing)
    assert response.status_code == 200 and "Alex Example" in response.content.decode()
    assert "+44 7700 900123" in response.content.decode() or "07400 123456" in response.content.decode()

    for outsider in (
        admin_user,  # a superuser outside the group: refused, these are health data
        django_user_model.objects.create_user("editor", password="pw", is_staff=True),
    ):
        client.force_login(outsider)
        response = client.get(listing)
        assert response.status_code in (302, 403)
        assert "Alex Example" not in response.content.decode()
        pk = CallbackRequest.objects.get().pk
        called = client.post(reverse("callback_request_called", args=[pk]), {"outcome": "spoke"})
        assert called.status_code in (302, 403)
        assert client.post(reverse("callback_request_undo", args=[pk])).status_code in (302, 403)
    assert CallbackRequest.objects.get().called_at is None

    client.logout()
    assert "/admin/login/" in client.get(listing)["Location"]


def test_admissions_record_each_call_with_its_outcome_and_can_undo_it(client, home, admissions_user):
    client.post(URL, VALID)
    request_id = CallbackRequest.objects.get().pk
    client.force_login(admissions_user)
    record = reverse("callback_request_called", args=[request_id])
    listing = reverse("callback_requests")

    # No outcome chosen: nothing recorded, a message.
    response = client.post(record, {"outcome": ""}, follow=True)
    assert "Choose what happened on the call." in response.content.decode()
    assert CallbackRequest.objects.get().called_at is None

    # Not safe to talk: recorded, and the reader still waits for another try.
    client.post(record, {"outcome": "not_safe"})
    stored = CallbackRequest.objects.get()
    assert stored.called_by == admissions_user and stored.call_outcome == "not_safe"
    waiting = client.get(listing).content.decode()
    assert "Alex Example" in waiting and "Not safe to talk: try again later" in waiting

    # Spoke to the reader: the request leaves the waiting list (still under "All").
    client.post(record, {"outcome": "spoke"})
    assert "Alex Example" not in client.get(listing).content.decode()
    everything = client.get(listing, {"show": "all"}).content.decode()
    assert "Alex Example" in everything and "Spoke to the reader" in everything

    # Recorded by mistake: undo, and it waits again as before the call.
    response = client.post(reverse("callback_request_undo", args=[request_id]), follow=True)
    assert "waiting for a call again" in response.content.decode()
    stored = CallbackRequest.objects.get()
    assert (stored.called_at, stored.called_by, stored.call_outcome) == (None, None, "")
    assert "Alex Example" in client.get(listing).content.decode()


def test_retention_purge_deletes_old_requests_only(client, home, settings):
    settings.CALLBACK_RETENTION_DAYS = 30
    client.post(URL, VALID)
    old = CallbackRequest.objects.create(
        name="Old",
        phone_number="+447400123457",
        preferred_time="any",
        language="en-gb",
        consent_given_at=timezone.now(),
    )
    CallbackRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))
    result = purge_expired_callback_requests.enqueue()
    assert result.return_value == 1
    assert list(CallbackRequest.objects.values_list("name", flat=True)) == ["Alex Example"]


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_with_the_database_backend_a_purge_stays_queued_for_tomorrow(db):
    from django_tasks_db.models import DBTaskResult

    schedule_daily_purge()
    schedule_daily_purge()  # idempotent
    queued = DBTaskResult.objects.filter(task_path=purge_expired_callback_requests.module_path)
    assert queued.count() == 1
    assert queued.get().run_after > timezone.now() + datetime.timedelta(hours=23)
