"""'Is this page useful?': a reader's yes or no is counted per page and language, the optional
comment refuses contact details, nothing identifies the reader, and editors read the counts in
a report with CSV."""

import csv
import io

import pytest
from bs4 import BeautifulSoup

from feedback.models import PageFeedback
from tests.factories import ArticlePageFactory, make_reviewer, make_user

pytestmark = pytest.mark.usefixtures("fresh_rate_limits")  # answers are counted per client an hour


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def article(guidance):
    return ArticlePageFactory(parent=guidance, title="Sleep after trauma")


def ask(client, article, code="en-gb"):
    """The form as the article page renders it: its action, as a reader's browser posts it."""
    page = soup(client.get(article.url.replace("/en-gb/", f"/{code}/")))
    form = page.select_one(".feedback form")
    assert form["method"] == "post" and [b["value"] for b in form.select("button")] == ["yes", "no"]
    return form["action"]


def test_a_yes_is_counted_for_the_page_and_language_and_nothing_identifies_the_reader(client, article):
    action = ask(client, article)
    response = client.post(action, {"useful": "yes"}, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200
    assert "Thank you for your feedback" in response.text
    assert not response.cookies  # no session, no CSRF cookie: nothing is left on the device
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    answer = PageFeedback.objects.get()
    assert (answer.page_id, answer.language, answer.useful, answer.comment) == (article.pk, "en-gb", True, "")
    stored = {f.name for f in PageFeedback._meta.get_fields()}
    assert stored == {"id", "page", "language", "useful", "comment", "given_on"}  # no address, time or session
    assert soup(response).select_one("main a[href]")["href"] == article.url


def test_a_client_s_answers_are_counted_up_to_the_hourly_limit_then_thanked_not_stored(client, article, settings):
    """The buttons have no CSRF token, so a script could post answers without end: each client's
    are counted up to FEEDBACK_VOTES_PER_HOUR; past it the reader is told, nothing is stored, and
    a reader on another connection still counts. The counter keeps no address."""
    from django.core.cache import cache

    settings.FEEDBACK_VOTES_PER_HOUR = 3
    action = ask(client, article)
    codes = [client.post(action, {"useful": "yes"}, REMOTE_ADDR="203.0.113.50").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    refused = client.post(action, {"useful": "no"}, REMOTE_ADDR="203.0.113.50")
    assert refused.status_code == 429
    assert "this one was not counted" in soup(refused).select_one("[role=alert]").text
    assert not soup(refused).select("form.feedback-comment")
    assert soup(refused).select_one("main a[href]")["href"] == article.url
    assert PageFeedback.objects.count() == 3
    assert client.post(action, {"useful": "no"}, REMOTE_ADDR="198.51.100.7").status_code == 200
    assert PageFeedback.objects.count() == 4
    keys = [key.decode() for key in cache._cache.get_client().keys("*feedback-votes*")]
    assert len(keys) == 2 and not any("203.0.113" in key or "198.51" in key for key in keys)


def test_the_article_page_with_the_buttons_stays_cacheable(client, article):
    response = client.get(article.url)
    assert not response.cookies
    assert soup(response).select_one(".feedback form")["action"] == f"/en-gb/feedback/{article.pk}/"


def test_a_no_then_what_was_missing_is_kept_once(client, article):
    action = ask(client, article, "es")
    response = client.post(action, {"useful": "no"})
    form = soup(response).select_one("form.feedback-comment")
    hint = soup(response).select_one(".form-field__hint").text
    assert "phone number" in hint or "teléfono" in hint
    token = form.select_one("input[name=token]")["value"]
    sent = client.post(action, {"token": token, "comment": "How long does it take to feel better?"})
    assert sent.status_code == 200
    answer = PageFeedback.objects.get()
    assert (answer.language, answer.useful, answer.comment) == ("es", False, "How long does it take to feel better?")
    again = client.post(action, {"token": token, "comment": "Something else"})
    assert again.status_code == 400
    assert PageFeedback.objects.get().comment == "How long does it take to feel better?"


@pytest.mark.parametrize(
    "comment, says",
    [
        ("Please call me on 07700 900123", "phone number"),
        ("ring +44 20 7946 0958 after six", "phone number"),
        ("my number is 0770-090-0123", "phone number"),
        ("write to me at someone@example.org", "e-mail address"),
        ("hidden \u202etext", "hidden formatting characters"),
        ("x" * 1001, "1,000 characters"),
    ],
)
def test_contact_details_and_bad_text_are_refused_with_a_message_and_not_kept(client, article, comment, says):
    action = ask(client, article)
    token = soup(client.post(action, {"useful": "no"})).select_one("input[name=token]")["value"]
    response = client.post(action, {"token": token, "comment": comment})
    assert response.status_code == 400
    assert says in soup(response).select_one(".form-field__error").text
    assert PageFeedback.objects.get().comment == ""


def test_a_forged_or_foreign_token_changes_nothing(client, article, guidance):
    other = ArticlePageFactory(parent=guidance, title="Other")
    action = ask(client, article)
    token = soup(client.post(action, {"useful": "no"})).select_one("input[name=token]")["value"]
    assert client.post(action, {"token": token + "x", "comment": "hello"}).status_code == 400
    # The same reader's token used on another page's address.
    assert client.post(f"/en-gb/feedback/{other.pk}/", {"token": token, "comment": "hello"}).status_code == 400
    assert PageFeedback.objects.get().comment == ""


@pytest.mark.parametrize("data", [{}, {"useful": "maybe"}, {"useful": ""}])
def test_an_answer_that_is_not_yes_or_no_gets_a_message_and_counts_nothing(client, article, data):
    response = client.post(ask(client, article), data)
    assert response.status_code == 400
    assert soup(response).select_one(".error-summary").text.strip()
    assert not PageFeedback.objects.exists()


def test_drafts_unknown_pages_and_gets_are_refused(client, article, guidance):
    draft = ArticlePageFactory(parent=guidance, title="Draft", publish=False)
    assert client.post(f"/en-gb/feedback/{draft.pk}/", {"useful": "yes"}).status_code == 404
    assert client.post("/en-gb/feedback/999999/", {"useful": "yes"}).status_code == 404
    assert client.get(f"/en-gb/feedback/{article.pk}/").status_code == 405
    assert not PageFeedback.objects.exists()


def test_editors_read_the_counts_and_comments_with_csv_others_are_refused(client, article):
    for useful, language, comment in [(True, "en-gb", ""), (False, "en-gb", "More on sleep"), (False, "es", "")]:
        PageFeedback.objects.create(page=article, language=language, useful=useful, comment=comment)

    client.force_login(make_user("translator", "Translators (es)"))
    assert client.get("/admin/reports/page-feedback/").status_code in (302, 403)
    client.force_login(make_reviewer("reviewer", "en-gb"))
    assert client.get("/admin/reports/page-feedback/").status_code in (302, 403)

    client.force_login(make_user("editor", "Editors"))
    page = soup(client.get("/admin/reports/page-feedback/"))
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in page.select("tbody tr")]
    assert ["Sleep after trauma", "English", "1", "1", "More on sleep"] in [row[:5] for row in rows]
    assert ["Sleep after trauma", "Español", "0", "1", ""] in [row[:5] for row in rows]
    exported = client.get("/admin/reports/page-feedback/?export=csv")
    assert exported.status_code == 200
    lines = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode())))
    assert lines[0] == ["Page", "Language", "Useful", "Not useful", "What was missing"]
    assert ["Sleep after trauma", "en-gb", "1", "1", "More on sleep"] in lines


@pytest.mark.parametrize(
    "code, comment, says",
    [
        ("en-gb", "Please call me on 07700 900123", "ask for a confidential call back"),
        ("es", "Llámenme al 612 345 678, por favor", "pida una llamada confidencial"),
        ("ar", "راسلوني على someone@example.org", "اطلب مكالمة سرية"),
    ],
)
def test_a_comment_asking_to_be_contacted_points_to_the_call_back_and_the_numbers(client, article, code, comment, says):
    action = ask(client, article, code)
    token = soup(client.post(action, {"useful": "no"})).select_one("input[name=token]")["value"]
    response = client.post(action, {"token": token, "comment": comment})
    assert response.status_code == 400
    pointer = soup(response).select_one(".feedback-contact")
    assert pointer is not None and says in pointer.text
    links = {a["href"] for a in pointer.select("a")}
    assert links == {f"/{code}/call-back/", f"/{code}/get-help/"}
    assert PageFeedback.objects.get().comment == ""


def test_other_refusals_do_not_offer_contact(client, article):
    action = ask(client, article)
    token = soup(client.post(action, {"useful": "no"})).select_one("input[name=token]")["value"]
    response = client.post(action, {"token": token, "comment": "x" * 1001})
    assert response.status_code == 400 and soup(response).select_one(".feedback-contact") is None
