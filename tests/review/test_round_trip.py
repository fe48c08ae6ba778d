"""An unchanged edit form changes nothing: every block type, saved through the admin's edit view
with "Save draft" and with a workflow action, gives back the same content and no new revision
(so nobody becomes an author of text they only opened, and approving does not restart review)."""

from django.urls import reverse

from tests.helpers.edit_form import unchanged_edit_form_data
from tests.helpers.review import sign_off_from_the_edit_page, submit


def every_block_type(page):
    """The sample article's body (imported text, a DOI reference) plus each block type it lacks."""
    from articles.models import ArticlePage

    sample = ArticlePage.objects.get(locale__language_code="en-gb", slug__startswith="how-to-heal")
    values = {
        "bullet_list": {"intro": "Signs", "items": ["<p>One</p>", "<p>Two &amp; <b>three</b></p>"], "numbered": True},
        "care_level": {"level": "urgent", "heading": "Get help", "text": "<p>Call 111.</p>"},
        "do_dont": {
            "do_items": ["<p>Rest</p>"],
            "dont_items": ['<p>Isolate, see <a href="https://www.nhs.uk/">NHS</a></p>'],
        },
        "question_answer": {"question": "Is it normal?", "answer": "<p>Yes, <b>often</b>.</p>"},
    }
    body = [(child.block_type, child.value) for child in sample.body]
    stream_block = sample.body.stream_block
    for name, raw in values.items():
        body.append((name, stream_block.child_blocks[name].to_python(raw)))
    page.body = body
    page.references = sample.references.raw_data
    return page


def test_every_block_type_saved_unchanged_through_the_edit_view_makes_no_revision(client, draft, staff, sample_content):
    page = every_block_type(draft.get_latest_revision_as_object())
    page.save_revision(user=staff["editor"])
    draft.refresh_from_db()
    blocks_saved = {child.block_type for child in draft.get_latest_revision_as_object().body}
    assert blocks_saved == set(draft.body.stream_block.child_blocks)
    revisions = draft.revisions.count()
    content = draft.get_latest_revision().content

    client.force_login(staff["editor2"])
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = client.post(url, unchanged_edit_form_data(draft, staff["editor2"]))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    draft.refresh_from_db()
    assert draft.revisions.count() == revisions
    assert draft.get_latest_revision().content == content

    # The editorial check from the edit page: approved once, no revision, on to clinical review.
    submit(draft, staff["editor"])
    data = unchanged_edit_form_data(draft, staff["editor2"])
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.revisions.count() == revisions
    assert draft.current_workflow_task.name == "Clinical review"


def editorial_check_from_the_edit_page(client, draft, staff):
    """Submitted by its author, approved by another editor from the edit page's footer: the
    edit address and the form data that approval posted."""
    submit(draft, staff["editor"])
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    data = unchanged_edit_form_data(draft, staff["editor2"])
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})
    client.force_login(staff["editor2"])
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    return url, data


def test_the_reviewers_approval_posted_twice_from_the_edit_page_is_recorded_once_without_a_refusal(
    client, draft, staff
):
    """A slow page resubmits the edit form: the second post of the same approval, after it ended
    the reviewer's task, must not answer "no permission" (the reviewer would think the sign-off
    failed) nor save or approve anything again."""

    from review.models import ClinicalSignOff

    url, data = editorial_check_from_the_edit_page(client, draft, staff)
    revisions = draft.revisions.count()

    data = unchanged_edit_form_data(draft, staff["reviewer"])
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": sign_off_from_the_edit_page(client, draft, staff["reviewer"]),
        }
    )
    client.force_login(staff["reviewer"])
    first = client.post(url, data)
    assert first.status_code == 302
    draft.refresh_from_db()
    assert draft.live and ClinicalSignOff.objects.filter(page=draft).count() == 1
    second = client.post(url, data, follow=True)
    html = second.content.decode()
    assert "permission" not in html and "your decision is recorded" in html
    draft.refresh_from_db()
    assert ClinicalSignOff.objects.filter(page=draft).count() == 1 and draft.revisions.count() == revisions


def test_an_approval_posted_again_after_the_step_moved_on_saves_nothing(client, draft, staff):
    """The editorial check approved from the edit page, and the same form posted again (a double
    click, a slow page, or the reviewer's second post arriving while the first still runs): the
    step has moved on, so Wagtail would fall back to "Save draft" and make the checker an author
    of a new, unreviewed revision. Nothing is saved; the checker is told their decision stands."""
    url, data = editorial_check_from_the_edit_page(client, draft, staff)
    revisions = draft.revisions.count()
    latest = draft.latest_revision_id
    assert draft.current_workflow_task.name == "Clinical review"

    again = client.post(url, data, follow=True)
    html = again.content.decode()
    assert "your decision is recorded" in html
    draft.refresh_from_db()
    assert draft.revisions.count() == revisions and draft.latest_revision_id == latest
    assert draft.current_workflow_task.name == "Clinical review"


def test_a_workflow_action_posted_with_real_edits_after_the_step_moved_on_is_treated_as_save_draft(
    client, draft, staff
):
    """If the stale post carries real edits they are not thrown away: they go through "Save draft"
    (here refused, as the page is locked for clinical review, with the edits still in the form),
    and the editor is told the action itself was not taken."""
    url, data = editorial_check_from_the_edit_page(client, draft, staff)
    revisions = draft.revisions.count()

    data["title"] = draft.title + " (edited)"
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "your action was not taken" in html and "locked" in html
    assert response.context["form"]["title"].value().endswith("(edited)")
    draft.refresh_from_db()
    assert draft.revisions.count() == revisions
    assert draft.current_workflow_task.name == "Clinical review"


def test_a_request_that_loaded_the_page_before_the_sign_off_and_saves_it_unchanged_after_makes_no_revision(
    client, draft, staff
):
    """Two posts at once (the browser resubmitting a slow sign-off): the second loaded the page
    before the first's sign-off wrote the review dates into the revision it published, and saves
    after. The dates are the sign-off's, not an edit: no new revision (the CI failure of stop 22,
    an extra revision by the reviewer differing only in `last_reviewed`/`next_review_due`)."""
    from tests.helpers.review import approve_all

    submit(draft, staff["editor"])
    loaded_before = draft.get_latest_revision_as_object()
    approve_all(client, draft, staff)
    draft.refresh_from_db()
    assert draft.live and draft.last_reviewed is not None
    revisions = draft.revisions.count()

    assert loaded_before.last_reviewed is None
    assert loaded_before.save_revision(user=staff["reviewer"]).pk == draft.latest_revision_id
    assert draft.revisions.count() == revisions
