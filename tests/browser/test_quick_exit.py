"""A reader who must leave at once: "Exit this page" (and Shift pressed three times) replaces the
page with a neutral site, and Back does not return to it. In English, Spanish and Arabic."""

import re

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import screenshot

from .test_keyboard_and_layout import ARTICLES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LABELS = {"en-gb": "Exit this page", "es": "Salir de esta página", "ar": "اخرج من هذه الصفحة"}


@pytest.fixture
def neutral(site, settings):
    # A neutral page on this machine (the tests reach no other host).
    settings.EXIT_PAGE_URL = f"{site}/static/css/print.css"
    return settings.EXIT_PAGE_URL


@pytest.mark.parametrize("code", ARTICLES)
def test_exit_button_leaves_and_back_does_not_return(site, new_page, neutral, code):
    page = new_page(viewport={"width": 375, "height": 812})
    page.goto(f"{site}/{code}/")
    page.goto(site + ARTICLES[code])
    button = page.get_by_role("link", name=LABELS[code])
    expect(button).to_be_in_viewport()
    screenshot(page, f"quick-exit-{code}")
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    button.click()
    page.wait_for_url(neutral)
    page.go_back()
    expect(page).not_to_have_url(re.compile(re.escape(ARTICLES[code]) + "$"))
    assert page.url.rstrip("/").endswith(f"/{code}")


@pytest.mark.parametrize("code", ARTICLES)
def test_shift_three_times_leaves(site, new_page, neutral, code):
    page = new_page()
    page.goto(f"{site}/{code}/")
    page.goto(site + ARTICLES[code])
    page.wait_for_load_state("load")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral)
    page.go_back()
    expect(page).not_to_have_url(re.compile(re.escape(ARTICLES[code]) + "$"))


def test_without_javascript_it_is_a_plain_link(site, browser, neutral):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + ARTICLES["en-gb"])
    assert page.get_by_role("link", name="Exit this page").get_attribute("href") == neutral
    context.close()


TYPED = {
    "#id_name": "Alex Example",
    "#id_phone_number": "07400 123456",
    "#id_safe_times": "He checks my phone in the evenings",
}


def fields_after_back(page) -> dict[str, str]:
    page.wait_for_selector("#id_name")
    return {selector: page.input_value(selector) for selector in TYPED}


@pytest.mark.parametrize("code", ARTICLES)
def test_back_after_sending_and_after_exiting_shows_the_call_back_form_empty(site, new_page, neutral, code):
    """Chromium restored the name, the number and "He checks my phone in the evenings" on Back,
    even after "Exit this page" on the thanks page."""
    page = new_page(viewport={"width": 375, "height": 812})
    page.goto(f"{site}/{code}/")
    page.goto(f"{site}/{code}/call-back/")
    for selector, text in TYPED.items():
        page.fill(selector, text)
    page.select_option("#id_preferred_time", index=1)
    page.check("#id_consent")
    page.locator("form.callback-form [type=submit]").click()
    page.wait_for_url(re.compile(r"/call-back/thanks/"))

    page.go_back()
    page.wait_for_url(re.compile(r"/call-back/$"))
    assert fields_after_back(page) == dict.fromkeys(TYPED, "")

    page.go_forward()
    page.wait_for_url(re.compile(r"/call-back/thanks/"))
    page.get_by_role("link", name=LABELS[code]).click()
    page.wait_for_url(neutral)
    page.go_back()  # the thanks page was replaced by the neutral site: Back is the form
    page.wait_for_url(re.compile(r"/call-back/$"))
    assert fields_after_back(page) == dict.fromkeys(TYPED, "")
    # The cookies the browser keeps: session cookies only (expires -1), nothing with a date.
    kept = {cookie["name"]: cookie["expires"] for cookie in page.context.cookies()}
    assert kept.get("csrftoken") == -1 and all(expires == -1 for expires in kept.values()), kept
    screenshot(page, f"call-back-after-back-{code}")
