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
