"""Emergency publication, the daily due-review task and the "Reviews due" report."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from review.models import ClinicalSignOff, EmergencyPublication
from review.tasks import start_due_reviews
from tests.factories import ArticlePageFactory, record_sign_off_for_tests
from tests.helpers.review import approve_all, refused

REASON = "Crisis line number in section 3 changed today; readers must not call the old one."


def emergency(client, page, user, reason=REASON):
    """The form opened, then sent with the revision and digest it showed, as the browser does."""
    client.force_login(user)
    url = reverse("review_emergency_publish", args=[page.pk])
    form = BeautifulSoup(client.get(url).content, "html.parser")
    shown = {field["name"]: field.get("value", "") for field in form.select("form input[type=hidden]")}
    return client.post(url, {**shown, "reason": reason})


def test_emergency_publish_needs_a_reason_and_changes_nothing_without_one(client, draft, staff):
    response = emergency(client, draft, staff["reviewer"], reason="urgent")
    assert response.status_code == 200
    assert "at least 20 characters" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.live and not EmergencyPublication.objects.exists()


def test_emergency_publish_goes_live_marked_awaiting_review_until_signed_off(client, draft, staff):
    mail.outbox.clear()
    response = emergency(client, draft, staff["reviewer"])
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live

    entry = PageLogEntry.objects.get(page=draft, action="review.emergency_publish")
    assert entry.user == staff["reviewer"] and entry.data["reason"] == REASON
    assert any("Urgent: published before clinical review" in m.subject for m in mail.outbox)
    assert "reviewer2@clinic.test" in mail.outbox[-1].to
    assert draft.workflow_in_progress  # back in review at once

    client.logout()
    html = BeautifulSoup(client.get(draft.url).content, "html.parser")
    assert "awaiting clinical review" in html.select_one(".notice--review").text
    assert not html.select(".review-dates")  # nothing claims a review that did not happen
    assert "reviewedBy" not in html.find("script", type="application/ld+json").string

    # A reviewer (not the one who published it) signs it off: the notice goes.
    approve_all(client, draft, {**staff, "reviewer": staff["reviewer2"]})
    assert ClinicalSignOff.objects.filter(page=draft).exists()
    client.logout()
    html = BeautifulSoup(client.get(draft.url).content, "html.parser")
    assert not html.select(".notice--review") and html.select(".review-dates")


@pytest.mark.parametrize("role", ["editor", "translator_es", "admissions", "reviewer_es"])
def test_emergency_publish_is_refused_to_other_roles(client, draft, staff, role):
    assert refused(emergency(client, draft, staff[role]))
    draft.refresh_from_db()
    assert not draft.live and not EmergencyPublication.objects.exists()


def test_superuser_may_emergency_publish(client, draft, staff):
    emergency(client, draft, staff["superuser"])
    draft.refresh_from_db()
    assert draft.live


def _signed_off(guidance, title, days_ago):
    page = ArticlePageFactory(parent=guidance, title=title, publish=False)
    revision = page.get_latest_revision()
    record_sign_off_for_tests(revision, when=timezone.now() - datetime.timedelta(days=days_ago))
    revision.publish()
    page.refresh_from_db()
    return page


def test_daily_task_reopens_review_of_articles_that_fell_due(guidance, staff):
    due = _signed_off(guidance, "Due article", days_ago=400)
    fresh = _signed_off(guidance, "Fresh article", days_ago=10)
    assert due.next_review_due < timezone.localdate() < fresh.next_review_due
    mail.outbox.clear()

    assert start_due_reviews.call() == 1
    due.refresh_from_db()
    fresh.refresh_from_db()
    assert due.workflow_in_progress and not fresh.workflow_in_progress
    assert due.current_workflow_state.workflow.name == "Clinical sign-off"
    assert PageLogEntry.objects.filter(page=due, action="review.review_started", data__reason="due").exists()
    ours = [m for m in mail.outbox if m.subject.startswith("Clinical review due")]
    assert [m.subject for m in ours] == ["Clinical review due: Due article (English)"]
    assert sorted(ours[0].to) == ["reviewer2@clinic.test", "reviewer@clinic.test"]
    # The next day: still in review, not started again.
    assert start_due_reviews.call() == 0


def test_reviews_due_report_and_csv(client, guidance, staff):
    overdue = _signed_off(guidance, "Overdue article", days_ago=400)
    _signed_off(guidance, "Fresh article", days_ago=10)
    client.force_login(staff["editor"])
    page = client.get(reverse("reviews_due")).content.decode()
    assert "Overdue article" in page and "Fresh article" not in page

    response = client.get(reverse("reviews_due") + "?export=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["Article"] for row in rows] == ["Overdue article"]
    assert rows[0]["Next review due"] == overdue.next_review_due.isoformat()
    assert rows[0]["Reviewed by"] == "Dr Test Reviewer, Consultant Psychiatrist, GMC 1234567"
    assert rows[0]["Review"] == "Overdue"


@pytest.mark.parametrize("role", ["translator_es", "admissions"])
def test_reviews_due_report_is_refused_to_other_roles(client, staff, role):
    client.force_login(staff[role])
    assert refused(client.get(reverse("reviews_due")))
    assert refused(client.get(reverse("reviews_due") + "?export=csv"))


def test_emergency_publish_of_a_revision_the_editor_could_not_save_is_refused_with_a_message(client, draft, staff):
    """An imported draft with two sections of the same anchor (which the admin refuses to save)
    was put live by the emergency path. Now the publication validates it: the reviewer is told
    what to fix, nothing goes live, nothing is recorded."""
    page = draft.get_latest_revision_as_object()
    heading = ("section_heading", {"heading": "Do", "anchor": ""})
    page.body = [heading, ("paragraph", "<p>One</p>"), heading, ("paragraph", "<p>Two</p>")]
    page.save_revision(clean=False)
    response = emergency(client, draft, staff["reviewer"])
    assert response.status_code == 200
    assert "link name" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.live and not EmergencyPublication.objects.exists()
    assert not PageLogEntry.objects.filter(page=draft, action="review.emergency_publish").exists()
