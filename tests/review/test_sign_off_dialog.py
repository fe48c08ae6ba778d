"""The sign-off dialog says what is being signed and needs the reviewer's attestation; the
reviewer can see exactly what changed since the last sign-off."""

from bs4 import BeautifulSoup
from django.urls import reverse

from review.models import ClinicalSignOff
from tests.helpers.review import act, approve_all, submit


def at_clinical_review(client, page, staff):
    submit(page, staff["editor"])
    assert act(client, page, staff["editor2"], "approve").status_code == 302
    page.refresh_from_db()
    return page.current_workflow_state.current_task_state


def test_the_dialog_says_what_is_signed_and_an_approval_without_the_attestation_is_refused(client, draft, staff):
    state = at_clinical_review(client, draft, staff)
    client.force_login(staff["reviewer"])
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", state.pk])
    dialog = client.get(url, headers={"x-requested-with": "XMLHttpRequest"}).json()["html"]
    text = " ".join(BeautifulSoup(dialog, "html.parser").get_text(" ").split())
    for expected in (
        "Grounding techniques",
        "English",
        f"Revision {state.revision_id}, saved by editor",
        "Dr Amina Rahman, Consultant Clinical Psychologist, HCPC PYL12345",
        "Next review due",
        "clinically accurate and safe for readers",
        "See what changed since the last sign-off",
    ):
        assert expected in text, expected
    assert "Translation beside its source" not in text  # an original, not a translation

    assert act(client, draft, staff["reviewer"], "approve", "Looks fine.", attest=False).status_code in (200, 302)
    draft.refresh_from_db()
    assert not draft.live and not ClinicalSignOff.objects.exists()
    # A crafted request that skips the form's check is refused by the task itself.
    task = state.task.specific
    try:
        task.on_action(state, staff["reviewer"], "approve", comment="crafted")
    except Exception as refusal:  # noqa: BLE001
        assert "sign-off statement" in str(refusal)
    assert not ClinicalSignOff.objects.exists()

    assert act(client, draft, staff["reviewer"], "approve", "Accurate.").status_code == 302
    draft.refresh_from_db()
    assert draft.live and ClinicalSignOff.objects.get().comment == "Accurate."


def test_a_reviewer_sees_exactly_what_changed_since_the_last_sign_off(client, draft, staff):
    submit(draft, staff["editor"])
    approve_all(client, draft, staff)
    draft.refresh_from_db()
    changed = draft.get_latest_revision_as_object()
    changed.summary = "Now with a warning about dissociation."
    changed.save_revision(user=staff["editor"])
    at_clinical_review(client, draft, staff)

    url = reverse("review_changes_since_sign_off", args=[draft.pk])
    client.force_login(staff["reviewer"])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Now with a warning about dissociation." in html and "A short summary for readers." in html
    # Wagtail's own comparison is closed to reviewers; this one is for their locale only.
    client.force_login(staff["reviewer_es"])
    assert client.get(url).status_code in (302, 403)
    client.logout()
    assert client.get(url).status_code == 302


def test_wagtails_own_compare_and_history_open_to_the_pages_reviewers_only(client, draft, staff, guidance):
    """ "Compare with previous version", "Compare with live version" and the page history, as the
    edit page and the workflow dialog link them, answered "no permission" to reviewers."""
    submit(draft, staff["editor"])
    approve_all(client, draft, staff)
    draft.refresh_from_db()
    changed = draft.get_latest_revision_as_object()
    changed.summary = "Now with a warning about dissociation."
    changed.save_revision(user=staff["editor"])
    at_clinical_review(client, draft, staff)
    draft.refresh_from_db()
    latest = draft.get_latest_revision()
    previous = draft.revisions.exclude(pk=latest.pk).order_by("-created_at").first()
    urls = [
        reverse("wagtailadmin_pages:revisions_compare", args=[draft.pk, previous.pk, latest.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[draft.pk, "live", "latest"]),
        reverse("wagtailadmin_pages:history", args=[draft.pk]),
        reverse("wagtailadmin_pages:history_results", args=[draft.pk]),
    ]
    client.force_login(staff["reviewer"])
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Now with a warning about dissociation." in client.get(urls[1]).content.decode()

    # Not another locale's reviewer, not Admissions, not a reviewer on a page that is not clinical.
    for outsider in (staff["reviewer_es"], staff["admissions"]):
        client.force_login(outsider)
        for url in urls:
            assert client.get(url).status_code in (302, 403), (outsider, url)
    client.force_login(staff["reviewer"])
    assert client.get(reverse("wagtailadmin_pages:history", args=[guidance.pk])).status_code in (302, 403)
    # Editors keep Wagtail's own access.
    client.force_login(staff["editor"])
    assert client.get(urls[0]).status_code == 200
