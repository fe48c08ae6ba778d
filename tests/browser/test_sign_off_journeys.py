"""Sign-off from the edit page on the sample article (with its DOI reference), as editors and
reviewers really work: an unchanged form saves no revision, the editorial check passes once, and
the clinical reviewer's approval from the footer signs off and publishes."""

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import screenshot

from .test_staff_journeys import sign_in, workflow_action

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def staff(site):
    from tests.factories import make_reviewer, make_user

    make_user("editor2", "Editors")
    make_reviewer("reviewer", "en-gb", name="Dr Amina Rahman")
    return site


def extra_revisions(article, expected: int) -> str:
    """Who saved the revisions beyond `expected`, and what differed from the one before each (to
    find, if this ever fails, which field did not round-trip)."""
    from review.words import content_differences

    revisions = list(article.revisions.order_by("created_at", "pk"))
    lines = []
    for before, after in zip(revisions[expected - 1 : -1], revisions[expected:], strict=False):
        lines.append(f"{after.user}: {content_differences(type(article.specific), before.content, after.content)}")
    return "; ".join(lines)


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
    assert article.revisions.count() == revisions, "an unchanged form saved: " + extra_revisions(article, revisions)
    assert article.current_workflow_task.name == "Clinical review"

    reviewer = sign_in(new_page, staff, "reviewer")
    # Before signing, the reviewer reads what changed: Wagtail's comparison with the live version.
    reviewer.goto(f"{staff}/admin/pages/{article.pk}/revisions/compare/live...latest/")
    expect(reviewer.get_by_text("permission")).to_have_count(0)
    expect(reviewer.locator("main")).to_contain_text(article.title)
    screenshot(reviewer, "sign-off-reviewer-reads-the-diff", full_page=False)
    reviewer.goto(f"{staff}/admin/pages/{article.pk}/edit/")
    workflow_action(reviewer, "Approve and sign off", "Accurate and safe.")
    screenshot(reviewer, "sign-off-from-edit-page-reviewer")
    expect(reviewer.get_by_text("permission")).to_have_count(0)
    article.refresh_from_db()
    assert article.revisions.count() == revisions, extra_revisions(article, revisions)
    sign_off = ClinicalSignOff.objects.get(page=article)
    assert article.live_revision_id == sign_off.revision_id == article.latest_revision_id

    reader = new_page()
    reader.goto(staff + article.url)
    expect(reader.locator(".reviewed-by")).to_contain_text("Dr Amina Rahman")
    expect(reader.get_by_text("awaiting clinical review")).to_have_count(0)
    screenshot(reader, "sign-off-from-edit-page-reader")


def test_reviewer_requests_changes_author_is_told_edits_resubmits_one_approval_suffices(new_page, staff):
    """Journey (c): the reviewer asks for changes from the edit page; the author gets the e-mail,
    edits and resubmits from the edit page; the reviewer's one approval signs off and publishes."""
    import re

    from django.core import mail

    from articles.models import ArticlePage
    from review.models import ClinicalSignOff
    from tests.factories import make_user
    from tests.helpers.waiting import eventually

    author = make_user("author", "Editors")
    article = ArticlePage.objects.get(locale__language_code="en-gb")
    article.current_workflow_state.cancel(user=author)
    article.refresh_from_db()
    article.get_latest_revision_as_object().save_revision(user=author)
    article.get_workflow().start(article, author)  # the author submitted it
    edit_url = f"{staff}/admin/pages/{article.pk}/edit/"

    checker = sign_in(new_page, staff, "editor2")
    checker.goto(edit_url)
    workflow_action(checker, "Approve")
    article.refresh_from_db()
    assert article.current_workflow_task.name == "Clinical review"

    mail.outbox.clear()
    reviewer = sign_in(new_page, staff, "reviewer")
    reviewer.goto(edit_url)
    workflow_action(reviewer, "Request changes", "Please add when to call 999 to the first section.")
    screenshot(reviewer, "request-changes-reviewer")
    assert eventually(lambda: any("author@clinic.test" in m.to for m in mail.outbox))
    told = next(m for m in mail.outbox if "author@clinic.test" in m.to)
    assert "Please add when to call 999" in told.body and f"/admin/pages/{article.pk}/edit/" in told.body

    writer = sign_in(new_page, staff, "author")
    writer.goto(edit_url)
    summary = writer.locator("#id_summary")
    summary.fill(summary.input_value() + " If you are in danger now, call 999.")
    writer.get_by_role("button", name="More actions").click()
    writer.get_by_role("button", name=re.compile(r"^Resubmit")).click()
    writer.wait_for_load_state("networkidle")
    screenshot(writer, "request-changes-author-resubmitted")
    assert eventually(
        lambda: getattr(ArticlePage.objects.get(pk=article.pk).current_workflow_task, "name", "") == "Clinical review"
    )

    # The reviewer reads exactly what changed against what readers see now, then signs.
    reviewer.goto(f"{staff}/admin/pages/{article.pk}/revisions/compare/live...latest/")
    expect(reviewer.locator("main")).to_contain_text("If you are in danger now, call 999.")
    screenshot(reviewer, "request-changes-reviewer-reads-the-diff", full_page=False)
    reviewer.goto(edit_url)
    workflow_action(reviewer, "Approve and sign off", "The 999 advice is now there.")
    # One approval: the dialog posts in the background, then the page is live.
    assert eventually(lambda: ClinicalSignOff.objects.filter(page=article).exists())
    assert eventually(lambda: ArticlePage.objects.get(pk=article.pk).workflow_in_progress is False)
    article.refresh_from_db()
    sign_off = ClinicalSignOff.objects.filter(page=article).latest("pk")
    assert article.live_revision_id == sign_off.revision_id
    assert "call 999" in article.summary
    reader = new_page()
    reader.goto(staff + article.url)
    expect(reader.locator(".lead")).to_contain_text("If you are in danger now, call 999.")
    screenshot(reader, "request-changes-reader")
