"""A call back that cannot put the reader at risk: the safety questions reach Admissions above
the number; a UK mobile typed by an Arabic reader is taken; numbers that would not reach the
reader (premium-rate, shared-cost, personal, non-geographic, extensions) and hidden
characters are refused with a clear message, and nothing is stored."""

import phonenumbers
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from contacts.models import CallbackRequest
from tests.factories import make_user
from tests.helpers.callback import VALID_CALLBACK as VALID


def errors(response) -> list[str]:
    return [li.text for li in BeautifulSoup(response.content, "html.parser").select(".error-summary li")]


def test_the_form_asks_the_safety_questions_in_the_readers_language(client, home):
    page = BeautifulSoup(client.get("/ar/call-back/").content, "html.parser")
    legends = [legend.text for legend in page.select("fieldset.form-field--radios legend")]
    assert legends == ["هل من الآمن أن نترك لك رسالة صوتية؟", "إذا ردّ شخص آخر، هل يمكننا أن نقول إننا نتصل من العيادة؟"]
    assert page.find(id="id_safe_times") and page.find(id="id_safe_contact")
    # Digits left to right in a right-to-left page; the country defaults to the reader's (not Egypt).
    assert page.find(id="id_phone_number")["dir"] == "ltr"
    assert page.select_one("#id_country option[selected]")["value"] == "GB"


def test_safety_answers_are_stored_and_admissions_read_them_above_the_number(client, home):
    response = client.post(
        "/en-gb/call-back/",
        {
            **VALID,
            "voicemail_ok": "no",
            "may_say_clinic": "yes",
            "safe_times": "Weekdays 10am to 2pm only",
            "safe_contact": "My sister Sam: 07700 900456",
        },
    )
    assert response.status_code == 302
    stored = CallbackRequest.objects.get()
    assert (stored.voicemail_ok, stored.may_say_clinic) == ("no", "yes")
    assert stored.safe_times == "Weekdays 10am to 2pm only" and stored.safe_contact.startswith("My sister")

    client.force_login(make_user("admissions", "Admissions"))
    page = BeautifulSoup(client.get(reverse("callback_requests")).content, "html.parser")
    cell = page.select_one(f"tr[data-request='{stored.pk}'] .callback-safety").parent
    safety = cell.select_one(".callback-safety")
    assert "do NOT leave one" in safety.select_one("[data-safety=voicemail]").text
    assert "May say we are the clinic" in safety.select_one("[data-safety=say-clinic]").text
    assert "Weekdays 10am to 2pm only" in safety.text and "My sister Sam" in safety.text
    # Read before dialling: the answers come before the number in the cell.
    children = [child for child in cell.children if getattr(child, "name", None)]
    assert children.index(safety) < children.index(cell.select_one("a[href^='tel:']"))


def test_unanswered_safety_questions_are_read_as_no(client, home):
    assert client.post("/en-gb/call-back/", VALID).status_code == 302
    assert CallbackRequest.objects.get().voicemail_ok == ""
    client.force_login(make_user("admissions", "Admissions"))
    safety = BeautifulSoup(client.get(reverse("callback_requests")).content, "html.parser").select_one(
        ".callback-safety"
    )
    assert "not answered, do not leave one" in safety.select_one("[data-safety=voicemail]").text
    assert "Not answered: do not say we are the clinic" in safety.select_one("[data-safety=say-clinic]").text


@pytest.mark.parametrize(
    "country,typed",
    [
        ("EG", "+44 7400 123456"),  # chosen country left at Egypt, number typed with +44
        ("EG", "0044 7400 123456"),  # Egypt's international prefix
        ("GB", "07400 123456"),
        ("GB", "٠٧٤٠٠ ١٢٣٤٥٦"),  # Arabic-Indic digits
    ],
)
def test_an_arabic_reader_can_give_a_uk_mobile(client, home, country, typed):
    response = client.post("/ar/call-back/", {**VALID, "country": country, "phone_number": typed})
    assert response.status_code == 302, errors(response)
    assert CallbackRequest.objects.get().phone_number == "+447400123456"


def test_a_number_wrong_for_the_country_is_refused_naming_the_country_in_the_readers_language(client, home):
    response = client.post("/ar/call-back/", {**VALID, "country": "EG", "phone_number": "07400 123456"})
    assert response.status_code == 400
    text = " ".join(errors(response))
    assert "مصر" in text and "EG" not in text
    response = client.post("/es/call-back/", {**VALID, "country": "FR", "phone_number": "07400 123456"})
    assert "Francia" in " ".join(errors(response))
    assert not CallbackRequest.objects.exists()


def example(region, kind):
    number = phonenumbers.example_number_for_type(region, kind)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


T = phonenumbers.PhoneNumberType


@pytest.mark.parametrize(
    "country,kind,message",
    [
        ("GB", T.PREMIUM_RATE, "premium-rate"),
        ("FR", T.SHARED_COST, "shared-cost"),
        ("GB", T.PERSONAL_NUMBER, "personal (follow-me)"),
        ("GB", T.UAN, "non-geographic or service number"),
        ("GB", T.TOLL_FREE, "freephone"),
        ("GB", T.PAGER, "pager"),
        ("CH", T.VOICEMAIL, "non-geographic or service number"),
        ("GB", T.VOIP, None),  # taken: some readers' only line
        ("GB", T.MOBILE, None),
        ("FR", T.FIXED_LINE, None),
    ],
)
def test_numbers_that_would_not_reach_the_reader_are_refused_others_taken(client, home, country, kind, message):
    typed = example(country, kind)
    response = client.post("/en-gb/call-back/", {**VALID, "country": country, "phone_number": typed})
    if message is None:
        assert response.status_code == 302, errors(response)
        return
    assert response.status_code == 400
    assert any(message in error for error in errors(response)), (typed, errors(response))
    assert not CallbackRequest.objects.exists()


@pytest.mark.parametrize("typed", ["07400 123456 ext. 12", "07400 123456 x12", "+44 7400 123456;ext=4"])
def test_numbers_with_extensions_are_refused(client, home, typed):
    response = client.post("/en-gb/call-back/", {**VALID, "phone_number": typed})
    assert response.status_code == 400
    assert any("without an extension" in error for error in errors(response)), errors(response)
    assert not CallbackRequest.objects.exists()


@pytest.mark.parametrize(
    "field,value",
    [
        ("name", "Alex\u202e elpmaxE"),  # right-to-left override
        ("name", "Alex\u2066Example\u2069"),  # isolates
        ("name", "Alex\x00Example"),
        ("name", "Alex\tExample"),
        ("safe_contact", "Sam\x1b[2J"),
        ("message", "Hello\u202ethere"),
        # Invisible marks (issue 34 item 9): left-to-right, right-to-left and Arabic letter marks,
        # zero-width space and joiner, word joiner, byte order mark.
        ("name", "Alex\u200eExample"),
        ("name", "Alex\u200fExample"),
        ("name", "\u061cسارة"),
        ("safe_times", "after\u200bsix"),
        ("safe_contact", "Sam\u200d"),
        ("message", "Call\u2060me"),
        ("message", "\ufeffHello"),
    ],
)
def test_hidden_characters_are_refused(client, home, field, value):
    response = client.post("/en-gb/call-back/", {**VALID, field: value})
    assert response.status_code == 400
    assert any("hidden formatting characters" in error for error in errors(response)), errors(response)
    assert not CallbackRequest.objects.exists()


def test_direction_marks_a_phone_adds_around_a_copied_number_are_dropped_not_refused(client, home):
    response = client.post("/ar/call-back/", {**VALID, "phone_number": "\u200e" + VALID["phone_number"] + "\u200f"})
    assert response.status_code == 302
    assert "\u200e" not in CallbackRequest.objects.get().phone_number
    hidden = client.post("/ar/call-back/", {**VALID, "phone_number": VALID["phone_number"] + "\u200b1"})
    assert hidden.status_code == 400


def test_a_message_may_have_line_breaks_and_a_name_may_be_arabic(client, home):
    response = client.post("/ar/call-back/", {**VALID, "name": "سارة أحمد", "message": "مرحبا\nشكرا"})
    assert response.status_code == 302
    assert CallbackRequest.objects.get().name == "سارة أحمد"
