"""Wagtail's read API serves live, public pages only, with their blocks as JSON."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory


@pytest.fixture
def articles(guidance, clinic_numbers):
    live = ArticlePageFactory(
        parent=guidance,
        title="Live guidance",
        body=[
            ("section_heading", {"heading": "What is a trauma bond?", "anchor": ""}),
            ("contact_cta", {"purpose": "admissions", "heading": "Call us", "text": ""}),
        ],
    )
    draft = ArticlePageFactory(parent=guidance, title="Draft guidance", publish=False)
    private = ArticlePageFactory(parent=guidance, title="Private guidance")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    return live, draft, private


def test_api_lists_live_public_articles_with_blocks(client, articles):
    live, draft, private = articles
    data = client.get("/api/v2/pages/", {"type": "articles.ArticlePage", "fields": "body,summary"}).json()
    assert [item["title"] for item in data["items"]] == ["Live guidance"]
    body = data["items"][0]["body"]
    assert [block["type"] for block in body] == ["section_heading", "contact_cta"]
    assert body[0]["value"]["heading"] == "What is a trauma bond?"
    # The number comes from the contact record, in E.164.
    assert body[1]["value"]["number"] == "+442071931128"


def test_api_detail_of_a_draft_or_private_page_is_not_found(client, articles):
    live, draft, private = articles
    assert client.get(f"/api/v2/pages/{live.id}/").status_code == 200
    assert client.get(f"/api/v2/pages/{draft.id}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private.id}/").status_code == 404


def test_a_search_with_a_nul_character_is_refused_with_a_message(client, guidance):
    """Found by the property test: PostgreSQL refuses NUL in any text, and the API answered 500."""
    response = client.get("/api/v2/pages/", {"search": "\x00", "type": "articles.ArticlePage"})
    assert response.status_code == 400
    assert "NUL" in response.json()["message"]
