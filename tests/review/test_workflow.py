"""The sign-off workflow: named approval of the exact revision, no self-approval, re-approval."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from wagtail.models import PageLogEntry, TaskState

from review.models import ClinicalSignOff
from tests.helpers.review import act, approve_all, refused, submit


def test_every_page_runs_editorial_check_then_clinical_review(draft):
    workflow = draft.get_workflow()
    assert workflow.name == "Clinical sign-off"
    assert [task.specific.__class__.__name__ for task in workflow.tasks] == ["EditorialCheckTask", "ClinicalReviewTask"]


def test_approval_records_a_named_sign_off_and_publishes_that_revision(client, draft, staff):
    submit(draft, staff["editor"])
    revision = draft.get_latest_revision()
    response = approve_all(client, draft, staff, comment="Checked against NICE CG26.")
    assert response.status_code == 302 and not refused(response)
    draft.refresh_from_db()
    assert draft.live and draft.live_revision_id == revision.pk

    sign_off = ClinicalSignOff.objects.get(page=draft)
    assert sign_off.revision_id == revision.pk
    assert sign_off.reviewer == staff["reviewer"]
    assert sign_off.reviewer_name == "Dr Amina Rahman"
    assert sign_off.reviewer_credentials == "Consultant Clinical Psychologist, HCPC PYL12345"
    assert sign_off.comment == "Checked against NICE CG26."
    assert PageLogEntry.objects.filter(page=draft, action="review.sign_off", user=staff["reviewer"]).exists()
    assert PageLogEntry.objects.filter(page=draft, action="wagtail.publish", revision=revision).exists()


def test_last_editor_cannot_approve_their_own_revision(client, draft, staff):
    draft.title = "Grounding techniques (revised by a reviewer)"
    draft.save_revision(user=staff["reviewer"])
    submit(draft, staff["reviewer"])
    act(client, draft, staff["editor2"], "approve")

    task = draft.current_workflow_task
    assert [name for name, *_ in task.get_actions(draft, staff["reviewer"])] == ["reject"]
    assert refused(act(client, draft, staff["reviewer"], "approve"))
    draft.refresh_from_db()
    assert not draft.live and not ClinicalSignOff.objects.exists()
    # Another reviewer can.
    assert not refused(act(client, draft, staff["reviewer2"], "approve"))
    draft.refresh_from_db()
    assert draft.live


def test_a_reviewer_of_another_language_cannot_approve(client, draft, staff):
    submit(draft, staff["editor"])
    act(client, draft, staff["editor2"], "approve")
    assert refused(act(client, draft, staff["reviewer_es"], "approve"))
    assert refused(act(client, draft, staff["superuser"], "approve"))
    draft.refresh_from_db()
    assert not draft.live


def test_a_reviewer_without_registration_cannot_sign_off(client, draft, staff):
    profile = staff["reviewer"].reviewer_profile
    profile.registration = ""
    profile.save()
    submit(draft, staff["editor"])
    act(client, draft, staff["editor2"], "approve")
    assert refused(act(client, draft, staff["reviewer"], "approve"))


def test_rejection_is_logged_and_nothing_goes_live(client, draft, staff):
    submit(draft, staff["editor"])
    act(client, draft, staff["editor2"], "approve")
    assert act(client, draft, staff["reviewer"], "reject", "Dosage wording unsafe").status_code == 302
    draft.refresh_from_db()
    assert not draft.live
    entry = PageLogEntry.objects.get(page=draft, action="wagtail.workflow.reject")
    assert entry.user == staff["reviewer"]
    assert TaskState.objects.get(status="rejected").comment == "Dosage wording unsafe"


def test_an_edit_after_approval_needs_approval_again(client, draft, staff):
    submit(draft, staff["editor"])
    approve_all(client, draft, staff)
    draft.refresh_from_db()
    live_revision = draft.live_revision_id

    draft.title = "Grounding techniques, updated"
    new_revision = draft.save_revision(user=staff["editor"])
    with pytest.raises(Exception, match="no clinical sign-off"):
        new_revision.publish()
    draft.refresh_from_db()
    assert draft.live_revision_id == live_revision

    submit(draft, staff["editor"])
    approve_all(client, draft, staff)
    draft.refresh_from_db()
    assert draft.live_revision_id == new_revision.pk and draft.title == "Grounding techniques, updated"
    assert ClinicalSignOff.objects.filter(page=draft).count() == 2


def test_an_edit_during_clinical_review_sends_it_back_to_the_start(client, draft, staff):
    submit(draft, staff["editor"])
    act(client, draft, staff["editor2"], "approve")
    draft.refresh_from_db()
    # The clinical task locks the page to everyone but that locale's reviewers.
    assert draft.current_workflow_task.locked_for_user(draft, staff["editor"])
    draft.title = "Edited while in review"
    draft.save_revision(user=staff["reviewer2"])
    act(client, draft, staff["reviewer"], "approve")
    draft.refresh_from_db()
    assert not draft.live and not ClinicalSignOff.objects.exists()


def test_reviewers_see_only_their_locale_in_their_task_list(draft, staff):
    from wagtail.models import TaskState

    submit(draft, staff["editor"])
    draft.current_workflow_state.current_task_state.approve(user=staff["editor2"])
    assert TaskState.objects.reviewable_by(staff["reviewer"]).count() == 1
    assert TaskState.objects.reviewable_by(staff["reviewer_es"]).count() == 0


def test_reader_page_shows_the_approval_and_json_ld(client, draft, staff):
    draft.review_interval_months = 6
    draft.save_revision(user=staff["editor"])
    submit(draft, staff["editor"])
    approve_all(client, draft, staff)
    client.logout()
    draft.refresh_from_db()
    sign_off = ClinicalSignOff.objects.get(page=draft)
    html = BeautifulSoup(client.get(draft.url).content, "html.parser")

    footer = html.select_one(".review-dates").get_text(" ", strip=True)
    assert "Reviewed by" in footer and "Dr Amina Rahman, Consultant Clinical Psychologist, HCPC PYL12345" in footer
    signed = sign_off.signed_off_at.date()
    assert html.select_one(".review-dates time")["datetime"] == signed.isoformat()
    assert draft.last_reviewed == signed
    assert draft.next_review_due == sign_off.next_review_due
    assert (sign_off.next_review_due.year * 12 + sign_off.next_review_due.month) - (
        signed.year * 12 + signed.month
    ) == 6
    assert not html.select(".notice--review")

    data = json.loads(html.find("script", type="application/ld+json").string)
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == signed.isoformat()
    assert data["reviewedBy"]["@type"] == "Person"
    assert data["reviewedBy"]["name"] == "Dr Amina Rahman"
    assert data["reviewedBy"]["hasCredential"]["name"] == "HCPC PYL12345"


def test_review_facts_cannot_be_typed_in_the_editor(draft):
    from articles.models import ArticlePage

    panels = {p.field_name: p for p in ArticlePage.settings_panels[-1].children}
    assert panels["last_reviewed"].read_only and panels["next_review_due"].read_only


def test_reviewers_are_emailed_when_a_review_is_started_by_the_system(draft, staff):
    from review.services import start_review

    assert start_review(draft, reason="due")
    assert sorted(mail.outbox[-1].to) == ["reviewer2@clinic.test", "reviewer@clinic.test"]
    assert "Clinical review due" in mail.outbox[-1].subject
    assert not start_review(draft, reason="due")  # already in review: not started twice
