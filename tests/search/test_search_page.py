"""The reader search page (database backend until the Elasticsearch issue)."""

import pytest

from tests.factories import ArticlePageFactory


@pytest.fixture
def searchable(guidance):
    ArticlePageFactory(parent=guidance, title="Ketamine-assisted therapy", summary="How ketamine may help.")
    ArticlePageFactory(parent=guidance, title="Self-care ideas", summary="Things you can do.")
    ArticlePageFactory(parent=guidance, title="Ketamine draft", publish=False)


def test_search_finds_live_articles_by_words(client, searchable):
    text = client.get("/en-gb/search/", {"q": "ketamine"}).content.decode()
    assert "Ketamine-assisted therapy" in text
    assert "Self-care ideas" not in text
    assert "Ketamine draft" not in text


@pytest.mark.parametrize(
    "query", ["", "   ", "x" * 10_000, "\"'<script>alert(1)</script> AND OR (", "صدمة", "\x00\x01"]
)
def test_any_query_is_safe(client, searchable, query):
    response = client.get("/en-gb/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
