"""The search box's suggestions, as a reader uses them: typed, chosen with the keyboard or the
mouse, closed with Escape, announced to screen readers, laid out right to left in Arabic, and
the plain form still there without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BOX = "#site-search-q"
ENGLISH_TITLE = "How to Heal After a Trauma Bond Relationship"


def test_a_reader_types_chooses_a_suggestion_with_the_keyboard_and_lands_on_it(site, new_page):
    page = new_page()
    page.goto(site + "/en-gb/")
    box = page.locator(BOX)
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("trauma bo", delay=40)
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    option = listbox.get_by_role("option", name=ENGLISH_TITLE)
    expect(option).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="suggestion")).to_contain_text("1 suggestion")
    screenshot(page, "search-suggestions-en", full_page=False)

    box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("trauma bo")  # the first Escape closes, keeps the words

    box.press("ArrowDown")  # opens again, on the first suggestion
    expect(listbox).to_be_visible()
    box.press("Enter")
    page.wait_for_url(re.compile(r".*/en-gb/guidance/how-to-heal-after-a-trauma-bond-relationship/$"))
    expect(page.locator("h1")).to_have_text(ENGLISH_TITLE)


def test_enter_without_choosing_searches_and_a_click_opens_the_suggestion(site, new_page):
    page = new_page()
    page.goto(site + "/en-gb/")
    box = page.locator(BOX)
    box.press_sequentially("trauma", delay=40)
    expect(page.get_by_role("listbox")).to_be_visible()
    box.press("Enter")
    page.wait_for_url("**/search/?q=trauma")
    expect(page.locator(".article-list")).to_contain_text(ENGLISH_TITLE)

    page.goto(site + "/en-gb/")
    page.locator(BOX).press_sequentially("trauma", delay=40)
    page.get_by_role("option", name=ENGLISH_TITLE).click()
    page.wait_for_url("**/guidance/how-to-heal-after-a-trauma-bond-relationship/")


def test_arabic_suggestions_are_laid_out_right_to_left(site, new_page):
    from articles.models import ArticlePage

    title = ArticlePage.objects.live().get(locale__language_code="ar").title
    page = new_page(language="ar")
    page.goto(site + "/ar/")
    box = page.locator(BOX)
    box.press_sequentially(title.split()[0], delay=40)
    listbox = page.get_by_role("listbox")
    option = listbox.get_by_role("option", name=title)
    expect(option).to_be_visible()
    screenshot(page, "search-suggestions-ar", full_page=False)
    box_right = box.evaluate("el => el.closest('form').getBoundingClientRect().right")
    list_box = listbox.bounding_box()
    assert abs(list_box["x"] + list_box["width"] - box_right) < 2, "the list starts at the form's right edge"
    assert option.evaluate("el => getComputedStyle(el).direction") == "rtl"


def test_without_javascript_the_search_box_is_the_plain_form(site, new_page):
    page = new_page(java_script_enabled=False)
    page.goto(site + "/en-gb/")
    box = page.locator(BOX)
    assert box.get_attribute("role") is None and page.get_by_role("listbox").count() == 0
    box.fill("trauma")
    box.press("Enter")
    page.wait_for_url("**/search/?q=trauma")
    expect(page.locator(".article-list")).to_contain_text(ENGLISH_TITLE)
