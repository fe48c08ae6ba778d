"""A reader in danger, on a phone: the "Need help now?" box, with the emergency number of where
they are and its helplines as links that call, lies within the first screen (375 x 812) of the
article and the home page, for readers in the UK, Spain and France, reading in English,
Spanish or Arabic, with the "published urgently" notice on the page. Every page has "Get help
now" in its header."""

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import screenshot

from .test_keyboard_and_layout import ARTICLES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 375, "height": 812}
# What the sample data gives each country: its emergency number first, and how many lines.
FIRST_LINE = {"GB": ("999", 5), "ES": ("112", 3), "FR": ("112", 4)}
GET_HELP = {"en-gb": "Get help now", "es": "Ayuda inmediata", "ar": "احصل على المساعدة الآن"}


def reader(new_page, site, country):
    page = new_page(viewport=PHONE)
    page.context.add_cookies([{"name": "reader_country", "value": country, "url": site}])
    return page


def assert_box_on_first_screen(page, country):
    box = page.locator(".need-help")
    expect(box).to_be_visible()
    links = box.locator("a.phone-number")
    first, count = FIRST_LINE[country]
    expect(links).to_have_count(count)
    expect(links.first).to_have_text(first)
    assert links.first.get_attribute("href") == f"tel:{first}"
    bottom = box.evaluate("el => el.getBoundingClientRect().bottom + window.scrollY")
    assert bottom <= PHONE["height"], f"the help box ends at {bottom}px, below the first screen"


@pytest.mark.parametrize("code", ARTICLES)
def test_help_box_is_on_the_first_screen_of_the_article(site, new_page, code):
    for country in FIRST_LINE:
        page = reader(new_page, site, country)
        page.goto(site + ARTICLES[code])
        # The sample article went live before clinical review: its notice is on the page, and
        # still the box comes first.
        expect(page.locator(".notice--review")).to_have_count(1)
        screenshot(page, f"help-first-screen-article-{code}-{country}", full_page=False)
        assert_box_on_first_screen(page, country)


@pytest.mark.parametrize("code", ARTICLES)
def test_help_box_is_on_the_first_screen_of_the_home_page(site, new_page, code):
    for country in FIRST_LINE:
        page = reader(new_page, site, country)
        page.goto(f"{site}/{code}/")
        assert_box_on_first_screen(page, country)


@pytest.mark.parametrize("code", ARTICLES)
def test_get_help_now_in_the_header_leads_to_the_numbers(site, new_page, code):
    page = reader(new_page, site, "GB")
    page.goto(site + ARTICLES[code])
    link = page.locator(".site-header").get_by_role("link", name=GET_HELP[code])
    expect(link).to_be_in_viewport()
    link.click()
    page.wait_for_url(f"**/{code}/get-help/")
    expect(page.locator(".need-help a.phone-number").first).to_have_text("999")
    # The text-only line opens a text message, not a call.
    assert page.locator(".need-help a[href='sms:85258']").count() == 1
