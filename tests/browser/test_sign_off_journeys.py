"""Sign-off from the edit page on the sample article (with its DOI reference), as editors and
reviewers really work: an unchanged form saves no revision, the editorial check passes once, and
the clinical reviewer's approval from the footer signs off and publishes."""

import pytest
from playwright.sync_api import expect

from .conftest import screenshot
from .test_staff_journeys import sign_in, workflow_action

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def staff(site):
    from tests.factories import make_reviewer, make_user

    make_user("editor2", "Editors")
    make_reviewer("reviewer", "en-gb", name="Dr Amina Rahman")
    return site


def test_editorial_check_and_sign_off_from_the_edit_page_save_no_revision(new_page, staff):
    from articles.models import ArticlePage
    from review.models import ClinicalSignOff

    article = ArticlePage.objects.get(locale__language_code="en-gb")
    assert article.references and article.current_workflow_task.name == "Editorial check"
    revisions = article.revisions.count()

    checker = sign_in(new_page, staff, "editor2")
    checker.goto(f"{staff}/admin/pages/{article.pk}/edit/")
    workflow_action(checker, "Approve")
    article.refresh_from_db()
    assert article.revisions.count() == revisions, "an unchanged form saved a new revision"
    assert article.current_workflow_task.name == "Clinical review"

    reviewer = sign_in(new_page, staff, "reviewer")
    reviewer.goto(f"{staff}/admin/pages/{article.pk}/edit/")
    workflow_action(reviewer, "Approve and sign off", "Accurate and safe.")
    screenshot(reviewer, "sign-off-from-edit-page-reviewer")
    expect(reviewer.get_by_text("permission")).to_have_count(0)
    article.refresh_from_db()
    assert article.revisions.count() == revisions
    sign_off = ClinicalSignOff.objects.get(page=article)
    assert article.live_revision_id == sign_off.revision_id == article.latest_revision_id

    reader = new_page()
    reader.goto(staff + article.url)
    expect(reader.locator(".reviewed-by")).to_contain_text("Dr Amina Rahman")
    expect(reader.get_by_text("awaiting clinical review")).to_have_count(0)
    screenshot(reader, "sign-off-from-edit-page-reader")
