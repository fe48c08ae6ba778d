"""A sign-off binds the words it approved, not a revision number. Wagtail 8 rewrites a revision
in place when the edit form posts `overwrite_revision_id` (what the editor's autosave sends) and
the revision is the page's latest and its poster's own. Each case is reproduced through the
requests the editor's browser, the reviewer's dialog, the emergency form and Wagtail's admin API
send, and judged by what an anonymous reader then sees; after each, `verify_signoffs` agrees
(the autouse fixture in conftest.py)."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Revision

from review.models import ClinicalSignOff, EmergencyPublication
from review.permissions import approval_refusal
from review.words import content_digest
from tests.factories import make_reviewer
from tests.helpers.edit_form import unchanged_edit_form_data
from tests.helpers.review import act, approve_all, refused, sign_off_dialog_digest, submit

UNREVIEWED = "Stop taking your medication at once."


@pytest.fixture
def signed_live(client, draft, staff):
    """The editor's draft, checked by a second editor, signed off by an en-gb reviewer: live."""
    submit(draft, staff["editor"])
    approve_all(client, draft, staff)
    draft.refresh_from_db()
    assert draft.live and ClinicalSignOff.objects.filter(page=draft).count() == 1
    return draft


def rewrite(client, page, user, summary=UNREVIEWED, revision=None):
    """`user` posts the edit form with new words and `overwrite_revision_id`, as autosave does."""
    page.refresh_from_db()
    revision = revision or page.get_latest_revision()
    client.force_login(user)
    data = {**unchanged_edit_form_data(page, user), "summary": summary, "overwrite_revision_id": str(revision.pk)}
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def reader_page(client, page):
    client.logout()
    page = Page.objects.get(pk=page.pk).specific
    return BeautifulSoup(client.get(page.url).content, "html.parser")


def verify_signoffs() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("verify_signoffs", stdout=out, stderr=out)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_a_signed_off_revision_is_never_rewritten_the_edit_saves_a_new_revision(client, signed_live, staff):
    signed = ClinicalSignOff.objects.get(page=signed_live).revision
    before = dict(signed.content)
    response = rewrite(client, signed_live, staff["editor"])
    assert response.status_code == 302
    signed.refresh_from_db()
    assert signed.content["summary"] == before["summary"]
    signed_live.refresh_from_db()
    latest = signed_live.get_latest_revision()
    assert latest.pk != signed.pk and latest.content["summary"] == UNREVIEWED
    assert UNREVIEWED not in reader_page(client, signed_live).text


def test_the_admin_api_publish_after_a_rewrite_does_not_put_unreviewed_words_live(client, signed_live, staff):
    rewrite(client, signed_live, staff["editor"])
    client.force_login(staff["superuser"])
    response = client.post(
        f"/admin/api/main/pages/{signed_live.pk}/action/publish/", {}, content_type="application/json"
    )
    assert response.status_code != 200
    html = reader_page(client, signed_live)
    assert UNREVIEWED not in html.text
    assert html.select(".reviewed-by")  # still the signed words, still reviewed


def test_the_rewriter_is_an_author_and_cannot_pass_the_editorial_check_of_their_own_words(client, signed_live, staff):
    rewrite(client, signed_live, staff["editor"])
    submit(signed_live, staff["editor"])
    assert refused(act(client, signed_live, staff["editor"], "approve"))
    signed_live.refresh_from_db()
    assert signed_live.current_workflow_task.specific.__class__.__name__ == "EditorialCheckTask"
    assert UNREVIEWED not in reader_page(client, signed_live).text


def test_an_editor_who_is_also_a_reviewer_cannot_approve_both_steps_of_their_own_rewrite(client, draft, staff):
    both = make_reviewer("both", "en-gb", name="Dr Both Roles")
    both.groups.add(Group.objects.get(name="Editors"))
    draft.summary = "Words the dual-role user wrote."
    draft.save_revision(user=both)
    submit(draft, both)
    approve_all(client, draft, staff)  # signed off by others: live, revision is `both`'s own
    rewrite(client, draft, both)
    submit(draft, both)
    assert refused(act(client, draft, both, "approve"))
    assert approval_refusal(draft, draft.get_latest_revision(), both)
    assert UNREVIEWED not in reader_page(client, draft).text


def test_a_reviewers_emergency_publish_after_a_rewrite_shows_awaiting_review_not_reviewed_by(
    client, signed_live, staff
):
    rewrite(client, signed_live, staff["editor"])
    client.force_login(staff["reviewer"])
    url = reverse("review_emergency_publish", args=[signed_live.pk])
    form = BeautifulSoup(client.get(url).content, "html.parser")
    shown = {i["name"]: i.get("value", "") for i in form.select("form input[type=hidden]")}
    response = client.post(url, {**shown, "reason": "The crisis line changed this morning; it cannot wait."})
    assert response.status_code == 302
    html = reader_page(client, signed_live)
    assert UNREVIEWED in html.text
    assert html.select(".notice--review") and not html.select(".reviewed-by")
    assert "reviewedBy" not in html.find("script", type="application/ld+json").string


def test_the_emergency_form_publishes_the_revision_it_showed_not_a_later_one(client, signed_live, staff):
    client.force_login(staff["reviewer"])
    url = reverse("review_emergency_publish", args=[signed_live.pk])
    form = BeautifulSoup(client.get(url).content, "html.parser")
    shown = {i["name"]: i.get("value", "") for i in form.select("form input[type=hidden]")}
    rewrite(client, signed_live, staff["editor"])  # someone saves new words meanwhile
    client.force_login(staff["reviewer"])
    response = client.post(url, {**shown, "reason": "The crisis line changed this morning; it cannot wait."})
    assert response.status_code == 200
    assert "changed since you opened" in response.content.decode()
    assert not EmergencyPublication.objects.exists()
    assert UNREVIEWED not in reader_page(client, signed_live).text


def test_a_reviewer_is_not_credited_with_words_changed_after_their_dialog_opened(client, draft, staff):
    """R opens the sign-off dialog; the words change (here as a Wagtail upgrade or any code that
    writes a revision directly would); R confirms: refused, nothing signed, nothing live."""
    submit(draft, staff["editor"])
    assert act(client, draft, staff["editor2"], "approve").status_code == 302
    draft.refresh_from_db()
    state = draft.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", state.pk])
    client.force_login(staff["reviewer"])
    digest = sign_off_dialog_digest(client, url)
    assert digest == content_digest(type(draft), state.revision.content)
    revision = Revision.objects.get(pk=state.revision_id)
    revision.content["summary"] = UNREVIEWED
    revision.save()
    response = client.post(url, {"comment": "Fine.", "attest": "on", "digest": digest})
    assert response.status_code in (302, 403)
    assert not ClinicalSignOff.objects.filter(page=draft).exists()
    draft.refresh_from_db()
    assert not draft.live


def test_a_sign_off_without_the_dialogs_digest_is_refused(client, draft, staff):
    submit(draft, staff["editor"])
    assert act(client, draft, staff["editor2"], "approve").status_code == 302
    draft.refresh_from_db()
    state = draft.current_workflow_state.current_task_state
    client.force_login(staff["reviewer"])
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", state.pk])
    client.post(url, {"comment": "Fine.", "attest": "on"})
    assert not ClinicalSignOff.objects.filter(page=draft).exists()


def test_a_revision_rewritten_behind_wagtails_back_is_refused_at_the_gate_and_by_readers(client, signed_live, staff):
    """The backstop: whatever rewrites a signed revision (code, a future Wagtail), the gate
    refuses to publish it, readers are not told it was reviewed, and verify_signoffs fails."""
    signed = ClinicalSignOff.objects.get(page=signed_live).revision
    signed_summary = signed.content["summary"]
    signed.content["summary"] = UNREVIEWED
    signed.save()
    from review.gate import ClinicalSignOffRequired

    with pytest.raises(ClinicalSignOffRequired, match="changed after"):
        signed.publish(user=staff["superuser"], skip_permission_checks=True)
    # Now the rewritten words reach the live row, as a bug would put them there.
    rows = type(signed_live).objects.filter(pk=signed_live.pk)
    rows.update(summary=UNREVIEWED)
    html = reader_page(client, signed_live)
    assert not html.select(".reviewed-by") and html.select(".notice--review")
    code, out = verify_signoffs()
    assert code == 1 and "summary" in out
    # Put back what was signed: then all agree again.
    rows.update(summary=signed_summary)
    signed.content["summary"] = signed_summary
    signed.save()
    assert verify_signoffs()[0] == 0


def test_verify_signoffs_keeps_block_keys_in_plain_text_fields(signed_live):
    """Only rich text carries the editor's `data-block-key`; in a plain field it is words."""
    signed_live.refresh_from_db()
    type(signed_live).objects.filter(pk=signed_live.pk).update(summary=signed_live.summary + ' data-block-key="x1"')
    code, out = verify_signoffs()
    assert code == 1 and "summary" in out
    type(signed_live).objects.filter(pk=signed_live.pk).update(summary=signed_live.summary)


def test_rich_text_block_keys_are_not_differences():
    from articles.models import ArticlePage

    body = '[{"type": "paragraph", "value": "<p>Breathe.</p>", "id": "a"}]'
    keyed = '[{"type": "paragraph", "value": "<p data-block-key=\\"k9\\">Breathe.</p>", "id": "a"}]'
    assert content_digest(ArticlePage, {"body": body}) == content_digest(ArticlePage, {"body": keyed})
    assert content_digest(ArticlePage, {"summary": "a"}) != content_digest(ArticlePage, {"summary": "b"})


def test_an_authors_own_unreferenced_draft_is_still_overwritten_by_autosave(client, draft, staff):
    before = Revision.objects.filter(object_id=str(draft.pk)).count()
    assert rewrite(client, draft, staff["editor"], summary="First autosave.").status_code == 302
    assert rewrite(client, draft, staff["editor"], summary="Second autosave.").status_code == 302
    assert Revision.objects.filter(object_id=str(draft.pk)).count() == before
    draft.refresh_from_db()
    assert draft.get_latest_revision().content["summary"] == "Second autosave."


def test_a_submitted_revision_is_not_overwritten(client, draft, staff):
    submit(draft, staff["editor"])
    draft.refresh_from_db()
    submitted = draft.current_workflow_state.current_task_state.revision
    rewrite(client, draft, staff["editor"])
    submitted.refresh_from_db()
    assert submitted.content["summary"] != UNREVIEWED


def test_digest_is_shown_in_the_dialog_as_a_hidden_field(client, draft, staff):
    submit(draft, staff["editor"])
    act(client, draft, staff["editor2"], "approve")
    draft.refresh_from_db()
    state = draft.current_workflow_state.current_task_state
    client.force_login(staff["reviewer"])
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", state.pk])
    assert re.fullmatch(r"[0-9a-f]{64}", sign_off_dialog_digest(client, url))


def test_the_order_topics_are_read_in_is_not_a_change_of_words():
    from articles.models import ArticlePage

    assert content_digest(ArticlePage, {"topics": [4, 2, 3]}) == content_digest(ArticlePage, {"topics": [2, 3, 4]})
    assert content_digest(ArticlePage, {"topics": [2, 3]}) != content_digest(ArticlePage, {"topics": [2, 3, 4]})


def test_the_live_words_read_for_readers_are_the_rows_serialised_content(signed_live):
    from review.words import NOT_SIGNED, live_words

    page = Page.objects.get(pk=signed_live.pk).specific
    full = {k: v for k, v in page.serializable_data().items() if k not in NOT_SIGNED}
    assert content_digest(type(page), live_words(page)) == content_digest(type(page), full)
