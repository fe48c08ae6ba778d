"""What readers see on the home page, the article index and an article."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, TopicFactory, paragraph


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def sectioned_body(sections: int, with_contacts: bool = True):
    body: list[tuple[str, object]] = []
    for n in range(sections):
        body.append(("section_heading", {"heading": f"Section {n}", "anchor": ""}))
        body.append(paragraph(f"Text of section {n}."))
        body.append(("bullet_list", {"intro": "", "items": ["<p>One</p>", "<p>Two</p>"]}))
        body.append(("callout", {"kind": "warning", "heading": "", "text": "<p>Take care.</p>"}))
        if with_contacts:
            body.append(("contact_cta", {"purpose": "admissions", "heading": "Call us", "text": ""}))
            body.append(("contact_cta", {"purpose": "enquiries", "heading": "Ask us", "text": ""}))
    return body


@pytest.fixture
def article(guidance, clinic_numbers):
    return ArticlePageFactory(
        parent=guidance,
        title="Healing after a trauma bond",
        summary="How to recognise a trauma bond and where to get help.",
        body=sectioned_body(2),
        topics=[TopicFactory(name="Trauma bonds", slug="trauma-bonds")],
        references=[
            (
                "reference",
                {"authors": "Olff, Miranda et al", "title": "The role of oxytocin", "doi": "10.1016/j.x.2013.06.019"},
            )
        ],
    )


def test_article_page_shows_title_summary_contents_blocks_and_references(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").text == "Healing after a trauma bond"
    assert "How to recognise a trauma bond" in page.select_one(".lead").text
    contents = [(a["href"], a.text) for a in page.select("nav.contents a")]
    assert contents == [("#section-0", "Section 0"), ("#section-1", "Section 1")]
    for href, _ in contents:
        assert page.find(id=href[1:]).name == "h2"
    assert page.select_one(".references a")["href"] == "https://doi.org/10.1016/j.x.2013.06.019"
    assert [a.text for a in page.select(".topic-tags a")] == ["Trauma bonds"]


def test_index_lists_live_articles_and_filters_by_topic(client, guidance):
    topic = TopicFactory(name="Self-care", slug="self-care")
    tagged = ArticlePageFactory(parent=guidance, title="Looking after yourself", topics=[topic])
    untagged = ArticlePageFactory(parent=guidance, title="What is a trauma bond?")
    ArticlePageFactory(parent=guidance, title="Unfinished draft", publish=False)

    titles = [h.text for h in soup(client.get(guidance.url)).select(".article-list h2")]
    assert sorted(titles) == sorted([tagged.title, untagged.title])

    filtered = soup(client.get(guidance.url, {"topic": "self-care"}))
    assert [h.text for h in filtered.select(".article-list h2")] == ["Looking after yourself"]
    assert filtered.select_one(".topic-filter a[aria-current]").text == "Self-care"


def test_index_with_unknown_topic_says_so(client, guidance):
    ArticlePageFactory(parent=guidance)
    response = client.get(guidance.url, {"topic": "no-such-topic", "page": "abc"})
    assert response.status_code == 200
    assert "There is no topic by that name." in response.content.decode()


def test_readers_never_see_drafts_or_private_articles(client, guidance):
    draft = ArticlePageFactory(parent=guidance, title="Draft guidance", publish=False)
    private = ArticlePageFactory(parent=guidance, title="Private guidance")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")

    assert client.get(f"/en-gb/guidance/{draft.slug}/").status_code == 404
    assert "Private guidance" not in client.get(private.url).content.decode()
    listing = client.get(guidance.url).content.decode()
    assert "Draft guidance" not in listing and "Private guidance" not in listing


def test_home_page_shows_latest_articles_and_contact_numbers(client, home, guidance, clinic_numbers):
    from tests.factories import ContactNumberFactory

    # A verified crisis line belongs in the "need help" element, not the clinic's numbers.
    ContactNumberFactory(purpose="crisis", country="GB", number="116 123", label="Samaritans", verified=True)
    ArticlePageFactory(parent=guidance, title="Healing after a trauma bond")
    response = client.get("/en-gb/")
    page = soup(response)
    assert "Healing after a trauma bond" in page.select_one(".article-list").text
    assert [a["href"] for a in page.select(".contact-panel a.phone-number")] == [
        "tel:+442071931128",
        "tel:+442039847699",
    ]


def test_root_redirects_to_the_language_prefix(client, home):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en-gb/"


def test_missing_page_gets_the_sites_404(client, home):
    response = client.get("/en-gb/no-such-page/")
    assert response.status_code == 404
    page = soup(response)
    assert page.find("h1").text == "Page not found"
    assert page.select_one("link[rel=stylesheet]")["href"].endswith("css/site.css")


def test_server_error_page_is_styled_and_needs_no_database(rf):
    from django.views.defaults import server_error

    # No django_db mark: pytest-django fails any database access, as a down database would.
    response = server_error(rf.get("/en-gb/"))
    assert response.status_code == 500
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("h1").text == "Something went wrong"
    assert page.select_one("link[rel=stylesheet]")["href"].endswith("css/site.css")


def test_public_pages_have_no_inline_scripts_or_styles(client, article):
    """So a strict Content-Security-Policy (no unsafe-inline) can be applied."""
    for url in ["/en-gb/", article.get_parent().url, article.url, "/en-gb/search/?q=trauma", "/en-gb/missing/"]:
        page = soup(client.get(url))
        assert not page.find("style"), url
        assert not page.select("[style]"), url
        # JSON-LD is a data block, never executed, so the policy does not apply to it.
        scripts = [s for s in page.find_all("script") if not s.get("src")]
        assert not [s for s in scripts if s.get("type") != "application/ld+json"], url
        assert not [tag for tag in page.find_all(True) if any(attr.startswith("on") for attr in tag.attrs)], url


def test_article_pages_link_a_print_stylesheet(client, article):
    sheets = {
        link["href"].rsplit("/", 1)[-1]: link.get("media")
        for link in soup(client.get(article.url)).select("link[rel=stylesheet]")
    }
    assert sheets["print.css"] == "print"
