"""Reviewers are told when a page reaches them; authors are told when a reviewer asks for changes."""

from django.core import mail

from tests.helpers.review import act, submit


def test_reviewers_of_the_pages_language_are_emailed_when_it_reaches_clinical_review(client, draft, staff):
    submit(draft, staff["editor"])
    assert not [m for m in mail.outbox if "clinical sign-off" in m.subject]  # still at the editorial check
    act(client, draft, staff["editor2"], "approve")
    sent = [m for m in mail.outbox if m.subject.startswith("Ready for your clinical sign-off")]
    assert len(sent) == 1
    assert set(sent[0].to) == {"reviewer@clinic.test", "reviewer2@clinic.test"}  # not the Spanish reviewer
    assert "Grounding techniques" in sent[0].subject and f"/pages/{draft.pk}/edit/" in sent[0].body


def test_the_author_is_emailed_when_a_reviewer_requests_changes(client, draft, staff):
    submit(draft, staff["editor"])
    act(client, draft, staff["editor2"], "approve")
    mail.outbox.clear()
    act(client, draft, staff["reviewer"], "reject", "Please cite the NICE guideline for this advice.")
    sent = [m for m in mail.outbox if m.subject.startswith("Changes requested")]
    assert len(sent) == 1 and sent[0].to == ["editor@clinic.test"]
    assert "Please cite the NICE guideline" in sent[0].body

    # The author edits and resubmits: it goes straight back to the reviewer, whose one approval
    # signs it off and publishes it (the editorial check it passed is not asked for again).
    draft.refresh_from_db()
    changed = draft.get_latest_revision_as_object()
    changed.summary = "With the NICE guideline cited."
    changed.save_revision(user=staff["editor"])
    draft.current_workflow_state.resume(staff["editor"])
    draft.refresh_from_db()
    assert draft.current_workflow_task.name == "Clinical review"
    assert act(client, draft, staff["reviewer"], "approve", "Now accurate.").status_code == 302
    draft.refresh_from_db()
    assert draft.live and draft.live_revision.content["summary"] == "With the NICE guideline cited."
    assert draft.current_workflow_state is None
    skipped = draft.current_workflow_state or draft.workflow_states.latest("pk").task_states.latest("pk")
    assert skipped.task.name == "Editorial check" and skipped.status == "skipped"
