"""Two requests at once: two reviewers approving the same task, an edit saved while the first
publication is approved. Real concurrent connections, so these run with the browser tests
(marker `live_db`: committed transactions, database restored afterwards)."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from articles.models import ArticlePage
from review.models import ClinicalSignOff
from tests.factories import ArticleIndexPageFactory, ArticlePageFactory, make_reviewer, make_user
from tests.helpers.edit_form import unchanged_edit_form_data
from tests.helpers.review import sign_off_dialog_digest, sign_off_from_the_edit_page

pytestmark = [pytest.mark.live_db, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def run_at_once(*calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(10)
            results[i] = call()
        except Exception as error:  # noqa: BLE001 - handed to the test
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.fixture
def in_clinical_review():
    """An article past its editorial check, waiting for a clinical reviewer; two reviewers."""
    home = Page.objects.get(depth=2, locale__language_code="en-gb")
    guidance = ArticleIndexPageFactory(parent=home, slug="guidance")
    editor, editor2 = make_user("editor", "Editors"), make_user("editor2", "Editors")
    reviewers = [make_reviewer("reviewer", name="Dr Amina Rahman"), make_reviewer("reviewer2", name="Dr Ben Carter")]
    page = ArticlePageFactory(parent=guidance, title="Grounding techniques", publish=False)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    page.refresh_from_db()
    state = page.current_workflow_state.current_task_state
    editor2_client = Client()
    editor2_client.force_login(editor2)
    editor2_client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk]))
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Clinical review"
    return page, reviewers, editor


def approve_as(page, user):
    client = Client()
    client.force_login(user)
    state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    data = {"comment": f"Approved by {user.username}", "attest": "on", "digest": sign_off_dialog_digest(client, url)}
    return lambda: client.post(url, data).status_code


def test_two_reviewers_approving_at_once_record_exactly_one_sign_off(in_clinical_review):
    page, (first, second), _ = in_clinical_review
    results = run_at_once(approve_as(page, first), approve_as(page, second))
    assert not [r for r in results if isinstance(r, Exception)], results
    page.refresh_from_db()
    assert page.live
    sign_off = ClinicalSignOff.objects.get(page=page)  # exactly one
    assert sign_off.revision_id == page.live_revision_id
    html = Client().get(page.url).content.decode()
    assert sign_off.reviewer_name in html


def test_an_approval_of_a_task_state_already_approved_is_refused(in_clinical_review):
    """The same race, made deterministic: the second approval holds a task state read before
    the first approval finished."""
    page, (first, second), _ = in_clinical_review
    stale_state = page.current_workflow_state.current_task_state
    assert approve_as(page, first)() == 302
    task = stale_state.task.specific
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied from the task's own check
        task.on_action(stale_state, second, "approve", comment="me too")
    assert ClinicalSignOff.objects.filter(page=page).count() == 1


def test_an_edit_saved_while_the_first_publication_is_approved_does_not_unpublish_it(in_clinical_review):
    page, (reviewer, _), editor = in_clinical_review
    # The editor's request read the page before the approval published it (not live yet)...
    stale = ArticlePage.objects.get(pk=page.pk)
    assert approve_as(page, reviewer)() == 302
    # ...and its form saves it as Wagtail's edit view saves a page it believes is a draft.
    stale.title = "Edited during approval"
    stale.save()
    stale.save_revision(user=editor)
    page.refresh_from_db()
    assert page.live and page.title == "Grounding techniques"
    assert "Edited during approval" not in Client().get(page.url).content.decode()


def test_edit_and_approval_at_once_over_http(in_clinical_review):
    page, (reviewer, _), editor = in_clinical_review
    editor_client = Client()
    editor_client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    data = {**unchanged_edit_form_data(page, editor), "title": "Edited during approval"}

    def edit():
        return editor_client.post(edit_url, data).status_code

    results = run_at_once(approve_as(page, reviewer), edit)
    assert not [r for r in results if isinstance(r, Exception)], results
    page.refresh_from_db()
    assert page.live
    assert ClinicalSignOff.objects.filter(page=page).count() == 1
    assert page.title == "Grounding techniques"


def test_the_same_sign_off_posted_twice_at_once_from_the_edit_page_answers_both_without_a_refusal(in_clinical_review):
    """Wagtail's own workflow-action script can submit the edit form twice (seen in the browser
    journey: two POSTs of the same approval, the second while the first still ran). Whichever
    arrives second must not answer "Sorry, you do not have permission" (the reviewer would think
    the sign-off failed, and it is the message left in their session for the next page), nor
    approve, save or publish anything again."""

    page, (reviewer, _), _ = in_clinical_review
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = unchanged_edit_form_data(page, reviewer)
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": sign_off_from_the_edit_page(Client(), page, reviewer),
        }
    )
    revisions = page.revisions.count()
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(reviewer)

    def post(client):
        def call():
            response = client.post(url, data, follow=True)
            return response.status_code, response.content.decode()

        return call

    results = run_at_once(post(clients[0]), post(clients[1]))
    assert not [r for r in results if isinstance(r, Exception)], results
    for status, html in results:
        assert status == 200
        assert "do not have permission" not in html
    page.refresh_from_db()
    assert page.live and page.revisions.count() == revisions
    sign_off = ClinicalSignOff.objects.get(page=page)
    assert sign_off.revision_id == page.live_revision_id
