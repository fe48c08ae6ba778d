"""Keyboard only, small screens, large text and paper."""

import pytest

from tests.helpers.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTICLE = "/{code}/guidance/how-to-heal-after-a-trauma-bond-relationship/"
ARTICLES = {
    "en-gb": ARTICLE.format(code="en-gb"),
    "es": "/es/orientacion/como-sanar-despues-de-una-relacion-de-vinculo-traumatico/",
    "ar": "/ar/الإرشادات/كيف-تتعافى-بعد-علاقة-الرابطة-الصادمة/",
}


def focused(page):
    return page.evaluate(
        """() => { const el = document.activeElement; const style = getComputedStyle(el);
        return {tag: el.tagName, id: el.id, cls: el.className, text: el.innerText,
                outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth)}; }"""
    )


def horizontal_overflow(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_skip_link_and_visible_focus(site, new_page):
    page = new_page()
    page.goto(site + ARTICLES["en-gb"])
    page.keyboard.press("Tab")
    assert "exit-this-page__button" in focused(page)["cls"]  # reachable first: a reader may need to leave
    page.keyboard.press("Tab")
    assert "exit-this-page__tracks" in focused(page)["cls"]  # then how to leave fewer traces
    page.keyboard.press("Tab")
    first = focused(page)
    assert "skip-link" in first["cls"] and first["outline"] != "none" and first["outlineWidth"] >= 2
    assert page.locator(".skip-link").evaluate("el => el.getBoundingClientRect().top >= 0")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"


def test_search_and_call_back_by_keyboard_alone(site, new_page):
    page = new_page()
    page.goto(site + "/en-gb/")
    for _ in range(10):  # tab until the search box
        page.keyboard.press("Tab")
        if focused(page)["id"] == "site-search-q":
            break
    assert focused(page)["id"] == "site-search-q"
    page.keyboard.type("trauma bond")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=trauma+bond")
    assert page.locator(".article-list a").count() >= 1

    page.goto(site + "/en-gb/call-back/")
    page.locator("#id_name").focus()
    page.keyboard.type("Sam Reader")
    page.keyboard.press("Tab")  # country (already the reader's)
    page.keyboard.press("Tab")
    page.keyboard.type("12")  # a mistake
    for _ in range(3):  # preferred time, message, consent
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    # The error is announced (role=alert), linked to its field, and the link moves focus there.
    summary = page.locator(".error-summary")
    assert summary.get_attribute("role") == "alert"
    summary.locator("a").first.focus()
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_phone_number"
    page.keyboard.press("Control+A")
    page.keyboard.type("07400 123456")
    page.locator("#id_consent").focus()
    if not page.locator("#id_consent").is_checked():
        page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/call-back/thanks/")


@pytest.mark.parametrize("code", ARTICLES)
def test_readable_at_320_pixels_without_horizontal_scrolling(site, new_page, code):
    page = new_page(viewport={"width": 320, "height": 640})
    for path in (ARTICLES[code], f"/{code}/", f"/{code}/call-back/", f"/{code}/search/?q=trauma"):
        page.goto(site + path)
        assert horizontal_overflow(page) <= 0, path
    page.goto(site + ARTICLES[code])
    screenshot(page, f"article-{code}-320px")


def test_text_at_200_percent_does_not_overflow(site, new_page):
    page = new_page(viewport={"width": 1280, "height": 800})
    for path in (ARTICLES["en-gb"], "/en-gb/call-back/"):
        page.goto(site + path)
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
        assert horizontal_overflow(page) <= 0, path
        assert page.locator("h1").is_visible()


def test_headings_are_in_order(site, new_page):
    page = new_page()
    for path in ARTICLES.values():
        page.goto(site + path)
        levels = page.evaluate("() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_print_shows_the_article_without_navigation(site, new_page):
    page = new_page()
    page.goto(site + ARTICLES["en-gb"])
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer__links").is_visible()  # the disclaimer above them prints
    assert page.locator("h1").is_visible() and page.locator(".references").is_visible()


BELOW_THE_BAR = """(id) => {
    const bar = document.querySelector('.exit-this-page').getBoundingClientRect();
    const target = document.getElementById(id).getBoundingClientRect();
    return {gap: target.top - bar.bottom, top: target.top, scrolled: window.scrollY};
}"""


@pytest.mark.parametrize("code", ARTICLES)
def test_a_contents_jump_shows_its_heading_below_the_exit_bar_on_a_phone(site, new_page, code):
    """The sticky exit bar covered the heading every contents link and "Back to contents" jumps to."""
    page = new_page(viewport={"width": 375, "height": 812})
    page.goto(site + ARTICLES[code])
    links = page.locator("nav.contents a")
    assert links.count() >= 2
    for index in (1, links.count() - 1):
        target = page.evaluate("(a) => decodeURIComponent(a.hash.slice(1))", links.nth(index).element_handle())
        links.nth(index).click()
        page.wait_for_function("(id) => decodeURIComponent(location.hash.slice(1)) === id", arg=target)
        where = page.evaluate(BELOW_THE_BAR, target)
        assert where["scrolled"] > 0 and where["gap"] >= 0, (target, where)
        back = page.locator(".back-to-contents a").first
        back.click()
        page.wait_for_function("() => location.hash === '#contents'")
        assert page.evaluate(BELOW_THE_BAR, "contents-heading")["gap"] >= 0
    screenshot(page, f"contents-jump-{code}-375px")
