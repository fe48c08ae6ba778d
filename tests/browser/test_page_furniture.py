"""The furniture readers expect from NHS.UK and GOV.UK, in Chromium: breadcrumbs and the guidance
link in the header, "Back to contents" on a phone, "Is this page useful?", the printed page, and
Wagtail's userbar for signed-in staff only."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.helpers.browser import screenshot

from .test_accessibility import WCAG_TAGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EN = "/en-gb/guidance/how-to-heal-after-a-trauma-bond-relationship/"
ES = "/es/orientacion/como-sanar-despues-de-una-relacion-de-vinculo-traumatico/"
PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}


def no_violations(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.response["violations"] == [], [v["id"] for v in results.response["violations"]]


def test_breadcrumbs_and_the_guidance_link_lead_back_up_in_the_readers_language(site, new_page):
    page = new_page("es-ES")
    page.goto(site + ES)
    crumbs = page.get_by_role("navigation", name="Ruta de navegación")
    expect(crumbs.get_by_role("link")).to_have_text(["Inicio", "Orientación"])
    crumbs.get_by_role("link", name="Orientación").click()
    expect(page).to_have_url(site + "/es/orientacion/")
    expect(page.locator("h1")).to_have_text("Orientación")
    page.goto(site + "/es/search/?q=trauma")
    page.locator(".site-header").get_by_role("link", name="Orientación", exact=True).click()
    expect(page).to_have_url(site + "/es/orientacion/")


def test_on_a_phone_breadcrumbs_fold_to_one_level_up_and_back_to_contents_follows_each_section(site, new_page):
    page = new_page(**PHONE)
    page.goto(site + EN)
    crumbs = page.locator(".breadcrumbs a")
    expect(crumbs).to_have_count(2)
    expect(crumbs.first).to_be_hidden()  # "Home" folded away
    expect(crumbs.last).to_be_visible()
    expect(crumbs.last).to_have_text("Guidance")
    sections = page.locator(".article__body h2").count()
    back = page.get_by_role("link", name="Back to contents")
    assert sections > 3 and back.count() == sections
    back.last.scroll_into_view_if_needed()
    screenshot(page, "furniture-back-to-contents-phone", full_page=False)
    back.last.click()
    expect(page.locator("#contents-heading")).to_be_in_viewport()


def test_a_reader_says_the_page_was_not_useful_and_what_was_missing(site, new_page):
    from feedback.models import PageFeedback

    page = new_page()
    page.goto(site + EN)
    feedback = page.get_by_role("region", name="Is this page useful?")
    feedback.get_by_role("button", name="No").click()
    expect(page.locator("h1")).to_have_text("Thank you for your answer")
    box = page.get_by_label("What was missing or could be better? (optional)")
    expect(page.get_by_text("Do not include personal details")).to_be_visible()
    box.fill("Please call me back on 07700 900123")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".form-field__error")).to_contain_text("Please remove the phone number")
    no_violations(page)
    page.get_by_label("What was missing or could be better? (optional)").fill("When does it start to feel better?")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("h1")).to_have_text("Thank you for your feedback")
    screenshot(page, "furniture-feedback-sent")
    answer = PageFeedback.objects.get()
    assert (answer.language, answer.useful, answer.comment) == ("en-gb", False, "When does it start to feel better?")
    page.get_by_role("link", name="Back to").click()
    expect(page).to_have_url(site + EN)


def test_the_printed_page_has_its_address_date_disclaimer_and_review_but_no_controls(site, new_page):
    from articles.models import ArticlePage
    from tests.factories import publish_signed_off

    # The sample is published urgently, awaiting review: sign it off so it has review dates.
    publish_signed_off(ArticlePage.objects.get(locale__language_code="en-gb"), reviewer_name="Dr Amina Rahman")
    page = new_page()
    page.goto(site + EN)
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    meta = page.locator(".print-meta")
    expect(meta).to_be_visible()
    expect(meta).to_contain_text(EN)
    expect(meta.locator("time")).to_have_attribute("datetime", re.compile(r"^\d{4}-\d{2}-\d{2}$"))
    expect(page.get_by_text("This guidance does not replace advice from your own doctor")).to_be_visible()
    expect(page.locator(".review-dates")).to_be_visible()
    expect(page.locator(".review-dates")).to_contain_text("Dr Amina Rahman")
    controls = (".exit-this-page", ".site-header", ".breadcrumbs", ".feedback", ".back-to-contents")
    for control in controls:
        expect(page.locator(control).first).to_be_hidden()
    expect(page.locator(".site-footer__links")).to_be_hidden()
    page.emulate_media(media="screen")
    expect(page.locator(".print-meta")).to_be_hidden()


def test_staff_see_the_userbar_on_reader_pages_readers_never_do(site, new_page):
    from tests.factories import make_user

    from .test_staff_journeys import sign_in

    make_user("editor", "Editors")
    editor = sign_in(new_page, site, "editor")
    editor.goto(site + EN)
    userbar = editor.locator("wagtail-userbar")
    expect(userbar).to_have_count(1)
    screenshot(editor, "furniture-userbar-staff", full_page=False)

    reader = new_page()
    reader.goto(site + EN)
    expect(reader.locator("wagtail-userbar")).to_have_count(0)
    assert "/admin/" not in reader.content()
