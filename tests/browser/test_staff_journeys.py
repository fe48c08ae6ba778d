"""Staff journeys in a real browser: an editor writes and submits an article, the editorial
check and a clinical reviewer approve it and it is live; a translator translates it into Spanish
in the translation editor and submits it; the Spanish reviewer approves it."""

import re

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import screenshot
from tests.helpers.waiting import eventually

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-test-password"


@pytest.fixture
def staff(site):
    from tests.factories import make_reviewer, make_user

    make_user("editor", "Editors")
    make_user("editor2", "Editors")
    make_reviewer("reviewer", "en-gb", name="Dr Amina Rahman")
    make_reviewer("revisora", "es", name="Dra. Lucía Gómez")
    make_user("traductor", "Translators (es)")
    return site


def sign_in(new_page, base, username):
    """Password, then (for roles that must give one) the second factor: a recovery code, typed
    at the prompt as a person would type their app's code."""
    from django.contrib.auth import get_user_model

    from tests.helpers.second_factor import one_recovery_code
    from twofactor.policy import second_factor_required

    user = get_user_model().objects.get(username=username)
    code = one_recovery_code(user) if second_factor_required(user) else None
    page = new_page()
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    if code is not None:
        page.wait_for_url(re.compile(r".*/second-factor/verify/.*"))
        page.fill("input[name=token]", code)
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    return page


def add_block(page, label, index):
    page.locator("#panel-child-content-body-section button[title='Insert a block']").last.click()
    page.get_by_role("option", name=label, exact=True).click()
    expect(page.locator(f"input[name='body-{index}-type']")).to_have_count(1)


def type_rich_text(page, index, text):
    """Type into the rich-text editor of body block `index` (its field's id starts body-<index>)."""
    block = page.locator("[data-contentpath]").filter(has=page.locator(f"input[name='body-{index}-type']")).last
    editor = block.get_by_role("textbox").last
    editor.click()
    editor.press_sequentially(text)
    expect(editor).to_contain_text(text)
    # Draftail writes its hidden input on a short delay; leave the field, as a person would.
    page.locator("#id_title").focus()
    page.wait_for_timeout(300)


def footer_action(page, name):
    """A footer action, opening the "More actions" menu first if it is folded away."""
    button = page.locator(f"footer button[name='{name}'], footer a[name='{name}']").first
    if not button.is_visible():
        page.get_by_role("button", name="More actions").click()
    button.click()


def workflow_action(page, label, comment=None, *, row=None):
    """A workflow action from the editor's footer, or from a row of the dashboard's "Awaiting
    your review" panel; with a comment, through its dialog."""
    scope = page if row is None else row
    scope.get_by_role("button", name="More actions" if row is None else "Actions").click()
    scope.get_by_role("button", name=label, exact=True).click()
    if comment is not None:
        dialog = page.get_by_role("dialog")
        dialog.locator("textarea").fill(comment)
        attestation = dialog.get_by_role("checkbox")
        if attestation.count():
            expect(dialog).to_contain_text("What you are signing off", ignore_case=True, use_inner_text=False)
            attestation.check()
        dialog.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state("networkidle")


def approve_from_dashboard(page, title, label, comment=None):
    row = page.locator("tr", has_text=title).first
    expect(row).to_be_visible()
    workflow_action(page, label, comment, row=row)


SPANISH = {
    "Grounding in a panic attack": "Enraizamiento durante un ataque de pánico",
    "Simple ways to come back to the present.": "Formas sencillas de volver al presente.",
    "Notice five things": "Fíjese en cinco cosas",
    "Name five things you can see around you.": "Nombre cinco cosas que pueda ver a su alrededor.",
    "If you feel unsafe right now, call 999.": "Si ahora mismo no se siente seguro, llame al 999.",
}


def test_editor_writes_reviewer_signs_off_translator_translates_and_it_is_live(new_page, staff):
    from articles.models import ArticleIndexPage, ArticlePage

    guidance = ArticleIndexPage.objects.get(locale__language_code="en-gb")

    # Editor: a new article from several block types, submitted for sign-off.
    editor = sign_in(new_page, staff, "editor")
    editor.goto(f"{staff}/admin/pages/add/articles/articlepage/{guidance.pk}/")
    expect(editor.locator("footer button[name='action-publish']")).to_have_count(0)
    editor.fill("#id_title", "Grounding in a panic attack")
    editor.fill("#id_summary", "Simple ways to come back to the present.")
    add_block(editor, "Section heading", 0)
    editor.fill("input[name='body-0-value-heading']", "Notice five things")
    add_block(editor, "Text", 1)
    type_rich_text(editor, 1, "Name five things you can see around you.")
    add_block(editor, "Callout", 2)
    type_rich_text(editor, 2, "If you feel unsafe right now, call 999.")
    # Wagtail autosaves the new page as a draft; submit once that has settled.
    expect(editor.get_by_text("Saved", exact=True)).to_be_visible()
    footer_action(editor, "action-submit")
    expect(editor.get_by_text(re.compile("submitted for moderation"))).to_be_visible()
    article = ArticlePage.objects.get(title="Grounding in a panic attack")
    assert not article.live and [b.block_type for b in article.get_latest_revision_as_object().body] == [
        "section_heading",
        "paragraph",
        "callout",
    ]

    # Editorial check by another editor, from their dashboard.
    checker = sign_in(new_page, staff, "editor2")
    checker.get_by_role("link", name="Grounding in a panic attack").first.click()
    workflow_action(checker, "Approve")

    # Clinical reviewer: finds it in their tasks, approves and signs off.
    reviewer = sign_in(new_page, staff, "reviewer")
    tasks = reviewer.locator("section", has_text="Awaiting your review")
    expect(tasks.get_by_text("Grounding in a panic attack")).to_be_visible()
    tasks.get_by_role("link", name="Grounding in a panic attack").first.click()
    workflow_action(reviewer, "Approve and sign off", "Accurate and safe.")
    assert eventually(lambda: ArticlePage.objects.get(pk=article.pk).live), "signed off but not live"
    article.refresh_from_db()

    reader = new_page()
    reader.goto(staff + article.url)
    expect(reader.locator("h1")).to_have_text("Grounding in a panic attack")
    expect(reader.locator(".reviewed-by")).to_contain_text("Dr Amina Rahman")
    screenshot(reader, "staff-journey-signed-off-article")

    # The editor sends it for translation into Spanish.
    editor.goto(f"{staff}/admin/localize/submit/page/{article.pk}/")
    editor.get_by_label("Español").check()
    editor.get_by_role("button", name="Submit").click()
    expect(editor.get_by_text("successfully submitted for translation into Español")).to_be_visible()
    spanish = article.get_translations().get(locale__language_code="es")

    # The translator translates each segment in the translation editor, then submits it.
    translator = sign_in(new_page, staff, "traductor")
    translator.goto(f"{staff}/admin/pages/{spanish.pk}/edit/")
    for source_text, spanish_text in SPANISH.items():
        segment = translator.locator("li", has_text=source_text).last
        segment.get_by_role("button", name="Translate", exact=True).click()
        segment.locator("textarea").fill(spanish_text)
        segment.get_by_role("button", name="Save", exact=True).click()
        expect(segment.get_by_text(spanish_text)).to_be_visible()
    expect(translator.get_by_role("button", name="Translate", exact=True)).to_have_count(0)
    screenshot(translator, "staff-journey-translation-editor")
    # Not offered on a clinical page: stopping the sync (refused by the server too) or deleting.
    expect(translator.locator('[data-w-action-url-value$="/disable/"]')).to_have_count(0)
    expect(translator.get_by_role("button", name="Delete")).to_have_count(0)
    # Submitted from the translation editor itself, which it comes back to.
    spanish_title = SPANISH["Grounding in a panic attack"]
    translator.get_by_role("button", name="Submit for clinical review").click()
    expect(translator.get_by_text("submitted for clinical review in")).to_be_visible()
    expect(translator.locator(".js-translation-editor")).to_have_count(1)
    screenshot(translator, "staff-journey-translation-submitted-from-editor")

    # Before sign-off a Spanish reader does not see it.
    lector = new_page("es-ES")
    response = lector.goto(staff + spanish.url)
    assert response.status == 404

    # Editorial check, then the Spanish clinical reviewer opens the side-by-side view and signs
    # it off there.
    checker.goto(f"{staff}/admin/")
    approve_from_dashboard(checker, spanish_title, "Approve")
    revisora = sign_in(new_page, staff, "revisora")
    revisora.goto(f"{staff}/admin/pages/{spanish.pk}/edit/")
    bar = revisora.locator("[data-translation-review]")
    expect(bar).to_be_visible()
    expect(revisora.locator(".js-translation-editor")).to_contain_text("Nombre cinco cosas")
    screenshot(revisora, "staff-journey-side-by-side-review")
    bar.get_by_role("button", name="Approve and sign off").click()
    dialog = revisora.get_by_role("dialog")
    expect(dialog).to_contain_text("What you are signing off", ignore_case=True, use_inner_text=False)
    dialog.locator("textarea").fill("Traducción fiel y segura.")
    dialog.get_by_role("checkbox").check()
    dialog.get_by_role("button", name="Approve and sign off", exact=True).click()
    assert eventually(lambda: type(spanish).objects.get(pk=spanish.pk).live)
    revisora.wait_for_load_state("networkidle")  # the dialog reloads the page: let it finish

    lector.goto(staff + spanish.url)
    expect(lector.locator("h1")).to_have_text("Enraizamiento durante un ataque de pánico")
    expect(lector.locator(".reviewed-by")).to_contain_text("Dra. Lucía Gómez")
    screenshot(lector, "staff-journey-signed-off-translation-es")
