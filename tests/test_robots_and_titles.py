"""/robots.txt answers, and no page's title says the site's name twice."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_search_and_points_at_the_sitemap(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://guidance.example"
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Disallow: /{settings.ADMIN_PATH}" in lines
    for code, _name in settings.LANGUAGES:
        assert f"Disallow: /{code}/search/" in lines
    assert "Sitemap: https://guidance.example/sitemap.xml" in lines
    assert client.post("/robots.txt").status_code == 405


def title(client, url):
    return BeautifulSoup(client.get(url, follow=True).content, "html.parser").title.text.strip()


def test_no_title_says_the_sites_name_twice(client, sample_content):
    for url in ("/en-gb/", "/es/", "/ar/", "/en-gb/guidance/how-to-heal-after-a-trauma-bond-relationship/"):
        text = title(client, url)
        name = text.split(" | ")[-1]
        assert text.count(name) == 1, text
    assert title(client, "/en-gb/guidance/how-to-heal-after-a-trauma-bond-relationship/").endswith(
        " | Clinical guidance"
    )
    assert title(client, "/en-gb/search/?q=trauma").endswith(" | Clinical guidance")
