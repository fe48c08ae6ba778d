"""Property-based tests: whatever comes in, no 5xx and no partial writes when input is refused."""

import string

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page, Revision

from articles.importer import ArticleFormatError, parse_article
from contacts.models import CallbackRequest
from contacts.phone import normalise

FIXTURES = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
# Text with the characters that matter to the importer: headings, bullets, colons, quotes,
# directives, digits (phone numbers, DOIs), other scripts and control characters.
article_text = st.text(
    alphabet=st.sampled_from(
        list('#-*•:“”"().,/ \n\t:::10doi') + list(string.ascii_letters + string.digits) + list("éñحب\x00")
    ),
    max_size=600,
)


@given(article_text)
@settings(max_examples=300, deadline=None)
def test_importer_parses_or_refuses_clearly(text):
    try:
        parsed = parse_article(text)
    except ArticleFormatError as error:
        assert str(error)
    else:
        assert parsed.title and parsed.summary and parsed.body


@given(st.binary(max_size=400))
@FIXTURES
def test_import_command_changes_nothing_when_it_refuses(guidance, tmp_path_factory, data):
    path = tmp_path_factory.mktemp("import") / "article.txt"
    path.write_bytes(data)
    before = (Page.objects.count(), Revision.objects.count())
    try:
        call_command("import_article", str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    except CommandError as error:
        assert str(error).startswith("Nothing imported")
        assert (Page.objects.count(), Revision.objects.count()) == before


@given(st.text(max_size=40), st.sampled_from(["GB", "ES", "FR", "US", "EG", "", "ZZ", "gb"]), st.booleans())
@settings(max_examples=400, deadline=None)
def test_phone_parsing_returns_a_number_or_a_clear_refusal(raw, country, allow_short):
    try:
        stored = normalise(raw, country, allow_short=allow_short)
    except ValidationError as error:
        assert error.messages and error.messages[0]
    else:
        assert stored.startswith("+") or stored.isdigit()


query_text = st.text(max_size=300) | st.sampled_from(["", "x" * 10_000, "AND OR NOT (", "\"'", "%00", "../../etc"])


@given(q=query_text, page=st.text(max_size=12), topic=st.text(max_size=30))
@FIXTURES
def test_search_and_listing_parameters_never_give_an_error_page(client, guidance, q, page, topic):
    assert client.get("/en-gb/search/", {"q": q, "page": page}).status_code == 200
    assert client.get(guidance.url, {"topic": topic, "page": page}).status_code == 200


form_text = st.text(max_size=120) | st.sampled_from(["", "<script>alert(1)</script>", "x" * 2000, "07400 123456"])


@given(
    name=form_text,
    country=st.sampled_from(["GB", "ES", "ZZ", ""]),
    phone=form_text,
    preferred_time=st.sampled_from(["morning", "any", "", "midnight"]),
    message=form_text,
    consent=st.sampled_from(["on", ""]),
)
@FIXTURES
def test_call_back_form_never_fails_and_stores_only_valid_requests(
    client, home, name, country, phone, preferred_time, message, consent
):
    cache.clear()
    before = CallbackRequest.objects.count()
    data = {
        "name": name,
        "country": country,
        "phone_number": phone,
        "preferred_time": preferred_time,
        "message": message,
    }
    if consent:
        data["consent"] = consent
    response = client.post("/en-gb/call-back/", data)
    assert response.status_code in (302, 400, 429)
    stored = CallbackRequest.objects.count() - before
    assert stored == (1 if response.status_code == 302 else 0)
    if stored:
        request = CallbackRequest.objects.latest("created_at")
        assert "<" not in request.name + request.message and request.phone_number.startswith("+")


@pytest.mark.django_db
def test_database_down_gives_the_styled_error_page(client, home, monkeypatch):
    from django.db import OperationalError
    from django.db.backends.base.base import BaseDatabaseWrapper

    def refuse(self, *args, **kwargs):
        raise OperationalError("database unavailable")

    client.raise_request_exception = False
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)
    response = client.get("/en-gb/guidance/")
    monkeypatch.undo()
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body and "Traceback" not in body and "OperationalError" not in body


@given(
    search=query_text | st.sampled_from(['"', "'", '"unclosed', "a:b", "* ?", "\\", "‏عربي", "%"]),
    operator=st.sampled_from([None, "and", "or", "xor", ""]),
    order=st.sampled_from([None, "title", "-title", "random", "nonsense", "id;drop"]),
    locale=st.sampled_from([None, "en-gb", "ar", "xx", ""]),
)
@FIXTURES
def test_the_read_apis_search_answers_every_input_without_a_server_error(
    client, guidance, search, operator, order, locale
):
    """Wagtail's read API with any ?search= (a lone quote used to raise): 200 with results, or a
    400 saying what is wrong, never a 5xx."""
    params = {"search": search, "type": "articles.ArticlePage"}
    for name, value in (("search_operator", operator), ("order", order), ("locale", locale)):
        if value is not None:
            params[name] = value
    response = client.get("/api/v2/pages/", params)
    # 404 is the API's answer to a language it does not have.
    assert response.status_code in ((200, 400, 404) if locale in ("xx", "") else (200, 400)), (
        params,
        response.status_code,
    )
    body = response.json()
    assert ("items" in body) if response.status_code == 200 else body.get("message")
