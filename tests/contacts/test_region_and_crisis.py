"""The right number for where the reader is, and the crisis line for their country."""

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory, override_settings
from django.utils import translation

from contacts import region
from contacts.crisis import suggests_crisis
from contacts.models import ContactNumber
from contacts.phone import for_reader, normalise
from tests.factories import ArticlePageFactory, ContactNumberFactory


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def crisis_lines(db):
    lines = {}
    for country, number, label in [("GB", "116 123", "Samaritans"), ("ES", "024", "Línea 024"), ("US", "988", "988")]:
        lines[country] = ContactNumberFactory(
            purpose="crisis", country=country, number=number, label=label, verified=True, opening_hours="24 hours"
        )
    return lines


@pytest.fixture
def article(guidance, clinic_numbers, crisis_lines):
    return ArticlePageFactory(
        parent=guidance,
        body=[("contact_cta", {"purpose": "admissions", "heading": "Call us", "text": ""})],
    )


@pytest.mark.parametrize(
    "typed,country,stored,shown",
    [
        ("116 123", "GB", "116123", "116 123"),
        ("988", "US", "988", "988"),
        ("024", "ES", "024", "024"),
        ("3114", "FR", "3114", "3114"),
    ],
)
def test_crisis_short_codes_are_kept_as_dialled(typed, country, stored, shown):
    assert normalise(typed, country, allow_short=True) == stored
    number = for_reader(stored, country)
    assert number.text == shown and number.tel_href == f"tel:{stored}"


@pytest.mark.django_db
def test_short_codes_are_refused_for_the_clinics_own_numbers():
    with pytest.raises(Exception) as error:
        ContactNumber(purpose="admissions", country="GB", number="116 123", label="x").full_clean()
    assert "number" in error.value.message_dict


def request_with(cookie=None, header=None, language="en-gb"):
    request = RequestFactory().get("/")
    if cookie:
        request.COOKIES["reader_country"] = cookie
    if header:
        request.META["HTTP_CF_IPCOUNTRY"] = header
    translation.activate(language)
    return request


def test_resolution_order_choice_then_header_then_the_clinics_country_never_the_language(settings):
    settings.READER_COUNTRY_HEADER = "CF-IPCountry"
    assert region.resolve(request_with(cookie="FR", header="ES", language="ar")) == ("FR", "choice")
    assert region.resolve(request_with(header="ES", language="ar")) == ("ES", "header")
    # An Arabic reader with no signal is placed in the clinic's country (which has lines), not Egypt.
    assert region.resolve(request_with(language="ar")) == ("GB", "default")
    assert region.resolve(request_with(language="es")) == ("GB", "default")
    assert region.resolve(request_with(cookie="not-a-country", header="??", language="es")) == ("GB", "default")
    settings.DEFAULT_READER_COUNTRY = "ES"
    assert region.resolve(request_with(language="fr")) == ("ES", "default")


def test_an_arabic_reader_with_no_signal_is_shown_the_clinics_emergency_lines(client, article):
    page = soup(client.get(article.url.replace("/en-gb/", "/ar/")))
    assert "Samaritans" in page.select_one(".need-help").text


def test_country_header_is_ignored_unless_a_setting_names_it(settings):
    settings.READER_COUNTRY_HEADER = ""
    assert region.resolve(request_with(header="US", language="fr")) == ("GB", "default")


def test_spanish_speaker_in_london_sees_london_numbers_in_national_format(client, article):
    client.cookies["reader_country"] = "GB"
    page = soup(client.get(article.url.replace("/en-gb/", "/es/")))
    assert page.select_one(".contact-cta a.phone-number").text == "020 7193 1128"
    assert "Samaritans" in page.select_one(".need-help").text


def test_english_speaker_in_spain_sees_international_format_and_spains_crisis_line(client, article):
    client.cookies["reader_country"] = "ES"
    page = soup(client.get(article.url))
    assert page.select_one(".contact-cta a.phone-number").text == "+44 20 7193 1128"
    assert page.select_one(".contact-cta a.phone-number")["href"] == "tel:+442071931128"
    lines = [(a.text, a["href"]) for a in page.select(".need-help a.phone-number")]
    # Spain's emergency number first (none on record: libphonenumber's), then its crisis line.
    assert lines == [("112", "tel:112"), ("024", "tel:024")]
    assert "Spain" in page.select_one(".need-help__region").text


@override_settings(READER_COUNTRY_HEADER="CF-IPCountry")
def test_pages_vary_on_what_chooses_the_country(client, article):
    response = client.get(article.url)
    vary = {v.strip().lower() for v in response["Vary"].split(",")}
    assert {"cookie", "accept-language", "cf-ipcountry"} <= vary


def test_every_article_shows_an_emergency_number_even_without_a_line_on_record(client, article):
    client.cookies["reader_country"] = "DE"  # nothing on record for Germany
    element = soup(client.get(article.url)).select_one(".need-help")
    assert element.find("h2").text == "Need help now?"
    assert [(a.text, a["href"]) for a in element.select("a.phone-number")] == [("112", "tel:112")]
    assert "Numbers for Germany." in element.text


def test_a_country_without_any_emergency_data_is_told_to_call_the_local_number_never_numbers_for(client, article):
    client.cookies["reader_country"] = "GN"  # libphonenumber has no emergency data for Guinea
    element = soup(client.get(article.url)).select_one(".need-help")
    assert element.select_one("a.phone-number") is None
    assert "call your local emergency number" in element.text
    assert "Numbers for" not in element.text and "We have no numbers on record for Guinea." in element.text


def help_numbers(client, url):
    return [a.text for a in soup(client.get(url)).select(".need-help a.phone-number")]


def test_unverified_or_inactive_crisis_lines_are_not_shown(client, article, crisis_lines):
    assert help_numbers(client, article.url) == ["999", "116 123"]
    line = crisis_lines["GB"]
    line.verified_at, line.verified_by, line.verification_source = None, "", ""
    line.save()
    assert help_numbers(client, article.url) == ["999"]  # the emergency number stays
    ContactNumber.objects.filter(pk=line.pk).update(verified_at="2026-01-01", active=False)
    assert help_numbers(client, article.url) == ["999"]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("I feel suicidal", True),
        ("self-harm", True),
        ("quiero quitarme la vida", True),
        ("autolesión", True),
        ("envie de mourir", True),
        ("أفكر في الانتحار", True),
        ("trauma bond", False),
        ("terapia dialéctica", False),
    ],
)
def test_crisis_queries_in_each_language(query, expected):
    assert suggests_crisis(query) is expected


def test_search_page_shows_the_crisis_line_for_a_crisis_query(client, article):
    assert help_numbers(client, "/en-gb/search/?q=suicide") == ["999", "116 123"]
    assert soup(client.get("/en-gb/search/", {"q": "self-care"})).select_one(".need-help") is None


def test_region_selector_remembers_the_choice_and_goes_back(client, article):
    response = client.get("/en-gb/region/", {"country": "es", "next": article.url})
    assert response.status_code == 302 and response["Location"] == article.url
    assert response.cookies["reader_country"].value == "ES"
    assert response.cookies["reader_country"]["httponly"]
    # Only for the visit: no lifetime, so the browser drops it when it closes.
    assert response.cookies["reader_country"]["max-age"] == "" and response.cookies["reader_country"]["expires"] == ""


def test_region_selector_refuses_unknown_countries_and_foreign_redirects(client, db, home):
    response = client.get("/en-gb/region/", {"country": "XX"})
    assert response.status_code == 400 and "Please choose a country from the list." in response.content.decode()
    assert "reader_country" not in response.cookies
    response = client.get("/en-gb/region/", {"country": "GB", "next": "https://evil.example/"})
    assert response["Location"] == "/en-gb/"


@pytest.mark.parametrize(
    ("code", "heading"),
    [
        ("en-gb", "Cover your tracks"),
        ("es", "Borre sus huellas"),
        ("fr", "Effacer vos traces"),
        ("ar", "أخفِ آثار تصفحك"),
    ],
)
def test_cover_your_tracks_in_each_language_linked_from_the_exit_bar_and_footer(client, article, code, heading):
    page = soup(client.get(f"/{code}/cover-your-tracks/"))
    assert page.find("h1").text == heading
    assert page.select_one(".need-help") is not None  # a number to call is on it too
    home = soup(client.get(f"/{code}/"))
    links = {a["href"] for a in home.select(".exit-this-page a, .site-footer a")}
    assert f"/{code}/cover-your-tracks/" in links


def test_an_arabic_reader_with_no_signal_gets_the_clinics_countrys_numbers(client, article):
    """Not Egypt's (none on record): the clinic is in London."""
    ContactNumber.objects.create(
        purpose="emergency", country="GB", number="999", label="Emergency services", verified_at=None
    )
    page = soup(client.get(article.url.replace("/en-gb/", "/ar/")))
    assert [a.text for a in page.select(".need-help a.phone-number")] == ["999", "116 123"]
    assert "المملكة المتحدة" in page.select_one(".need-help__region").text


@pytest.mark.parametrize(
    "path", ["/en-gb/", "/es/search/?q=trauma", "/ar/call-back/", "/fr/cover-your-tracks/", "/en-gb/no-such-page/"]
)
def test_every_page_has_get_help_now_in_its_header(client, article, path):
    link = soup(client.get(path)).select_one(".site-header a.site-header__help")
    assert link is not None and link["href"] == f"/{path.split('/')[1]}/get-help/"


def test_get_help_now_page_lists_the_readers_lines_and_the_clinics_numbers(client, article):
    client.cookies["reader_country"] = "ES"
    page = soup(client.get("/es/get-help/"))
    assert [a.text for a in page.select(".need-help a.phone-number")] == ["112", "024"]
    assert page.select_one(".contact-panel a.phone-number").text == "+44 20 7193 1128"
    assert page.find("a", href="/es/call-back/")
