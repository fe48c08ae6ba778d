"""axe-core on every reader page in every language: zero WCAG 2.2 A and AA violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
ARTICLE = {
    "en-gb": "/en-gb/guidance/how-to-heal-after-a-trauma-bond-relationship/",
    "es": "/es/orientacion/como-sanar-despues-de-una-relacion-de-vinculo-traumatico/",
    "fr": "/fr/guidance/how-to-heal-after-a-trauma-bond-relationship/",
    "ar": "/ar/الإرشادات/كيف-تتعافى-بعد-علاقة-الرابطة-الصادمة/",
}
INDEX = {"en-gb": "/en-gb/guidance/", "es": "/es/orientacion/", "fr": "/fr/guidance/", "ar": "/ar/الإرشادات/"}


def violations(page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("code", ["en-gb", "es", "fr", "ar"])
def test_reader_pages_have_no_wcag_violations(site, new_page, code):
    page = new_page()
    found = {}
    pages = {
        "home": f"/{code}/",
        "article index": INDEX[code],
        "article": ARTICLE[code],
        "search with results": f"/{code}/search/?q=trauma",
        "search without results": f"/{code}/search/?q=zzzzqqq",
        "crisis search": f"/{code}/search/?q=suicide",
        "call-back form": f"/{code}/call-back/",
        "confirmation": f"/{code}/call-back/thanks/",
        "not found": f"/{code}/no-such-page/",
        "region": f"/{code}/region/",
        "cover your tracks": f"/{code}/cover-your-tracks/",
        "get help now": f"/{code}/get-help/",
        "confirmation in a surge": f"/{code}/call-back/thanks/?queued=1",
    }
    for name, path in pages.items():
        page.goto(site + path)
        found[name] = violations(page)

    page.goto(site + f"/{code}/call-back/")
    page.locator("#id_phone_number").fill("12")
    page.locator(".callback-form button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    found["call-back form with errors"] = violations(page)

    assert {name: v for name, v in found.items() if v} == {}
