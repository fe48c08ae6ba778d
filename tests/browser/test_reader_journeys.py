"""A reader's journey in English, Spanish and Arabic, in a real browser."""

import re
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

JOURNEYS = {
    "en-gb": {
        "accept": "en-GB",
        "dir": "ltr",
        "other": "Español",
        "search": "ketamine",
        "topic": "Self-care",
        "thanks": "Thank you: we will call you back",
        "submit": "Ask for a call back",
    },
    "es": {
        "accept": "es-ES",
        "dir": "ltr",
        "other": "English",
        "search": "ketamina",
        "topic": "Autocuidado",
        "thanks": "Gracias: le llamaremos",
        "submit": "Pedir que nos llamen",
    },
    "ar": {
        "accept": "ar",
        "dir": "rtl",
        "other": "English",
        "search": "الكيتامين",
        "topic": "الرعاية الذاتية",
        "thanks": "شكرًا لك: سنتصل بك",
        "submit": "اطلب معاودة الاتصال",
    },
}


@pytest.mark.parametrize("code", JOURNEYS)
def test_reader_journey(site, new_page, code):
    journey = JOURNEYS[code]
    page = new_page(journey["accept"])
    # In London, whatever the language: national numbers and the Samaritans.
    page.context.add_cookies([{"name": "reader_country", "value": "GB", "url": site}])

    page.goto(site + "/")
    assert page.url == f"{site}/{code}/"
    assert page.locator("html").get_attribute("lang") == code
    assert page.locator("html").get_attribute("dir") == journey["dir"]

    page.locator(".article-list a").first.click()
    page.wait_for_url(lambda url: url.rstrip("/") != f"{site}/{code}")
    page.wait_for_load_state("load")
    article_url = page.url
    expect(page.locator("h1")).to_be_visible()
    screenshot(page, f"article-{code}")

    # The contents list takes the reader to the section.
    first = page.locator("nav.contents a").first
    heading_text = first.inner_text()
    first.click()
    # The anchor is in the heading's own script (Arabic headings get Arabic anchors).
    fragment = unquote(urlsplit(page.url).fragment)
    assert re.fullmatch(r"[\w-]+", fragment) and page.locator(f"[id={fragment!r}]").count() == 1
    target = page.locator(f"h2:has-text({heading_text!r})").first
    assert target.is_visible() and target.evaluate("el => el.getBoundingClientRect().top < window.innerHeight")

    # The number to call, and the crisis line.
    tel = page.locator(".contact-cta a.phone-number").first
    assert tel.get_attribute("href") == "tel:+442071931128"
    assert tel.inner_text() == "020 7193 1128"
    # The help box: the emergency number first, then the UK's crisis and domestic abuse lines.
    help_links = page.locator(".need-help a.phone-number")
    assert help_links.first.inner_text() == "999" and help_links.first.get_attribute("href") == "tel:999"
    assert "116 123" in help_links.all_inner_texts()

    # Language switch and back.
    page.locator(".language-switcher a", has_text=journey["other"]).click()
    assert page.locator("html").get_attribute("lang") != code
    page.go_back()
    assert page.url.split("#")[0] == article_url

    # Search by words.
    page.locator("#site-search-q").fill(journey["search"])
    page.locator("#site-search-q").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.locator(".article-list a").count() >= 1
    # Narrow the results by a topic facet on the search page.
    page.locator(".facets a", has_text=journey["topic"]).click()
    expect(page.locator(".facets a[aria-current]")).to_contain_text(journey["topic"])
    assert page.locator(".article-list__item").count() == 1

    # Browse by a topic from the article.
    page.goto(article_url)
    page.locator(".topic-tags a", has_text=journey["topic"]).click()
    assert page.locator(".topic-filter a[aria-current]").inner_text() == journey["topic"]
    assert page.locator(".article-list__item").count() == 1  # one article (its topic pills are links too)

    # A confidential call back, through to its confirmation.
    page.goto(f"{site}/{code}/call-back/")
    page.locator("#id_name").fill("Sam Reader")
    page.locator("#id_country").select_option("GB")
    page.locator("#id_phone_number").fill("07400 123456")
    page.locator("#id_consent").check()
    page.get_by_role("button", name=journey["submit"]).click()
    page.wait_for_url(re.compile(r"/call-back/thanks/$"))
    assert page.locator("h1").inner_text() == journey["thanks"]


def test_untranslated_article_in_french_says_so(site, new_page):
    page = new_page("fr-FR")
    page.goto(site + "/fr/guidance/how-to-heal-after-a-trauma-bond-relationship/")
    assert "pas encore disponible en français" in page.locator(".notice--language").inner_text()
    assert page.locator("article").get_attribute("lang") == "en-gb"
    screenshot(page, "article-fr-fallback")
