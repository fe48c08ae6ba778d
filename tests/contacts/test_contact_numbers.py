"""Contact numbers: validated for their country, stored in E.164, formatted for the reader."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contacts.models import ContactNumber, contact_directory
from contacts.phone import for_reader, normalise


@pytest.mark.parametrize(
    "typed,country,e164",
    [
        ("0207 193 1128", "GB", "+442071931128"),
        ("020 3984 7699", "GB", "+442039847699"),
        ("+44 20 7193 1128", "GB", "+442071931128"),
    ],
)
def test_valid_numbers_are_stored_in_e164(typed, country, e164):
    assert normalise(typed, country) == e164


@pytest.mark.parametrize(
    "typed,country,message",
    [
        ("", "GB", "Enter a phone number"),
        ("call us", "GB", "is not a phone number"),
        ("020 7193 11", "GB", "is not a valid phone number"),
        ("+33 1 23 45 67 89", "GB", "is not a phone number in United Kingdom"),
        ("0207 193 1128", "", "Choose the country"),
    ],
)
def test_invalid_numbers_are_refused_with_a_clear_message(typed, country, message):
    with pytest.raises(ValidationError) as error:
        normalise(typed, country)
    assert message in error.value.messages[0]


def test_reader_in_the_numbers_country_sees_national_format_others_international():
    assert for_reader("+442071931128", "GB").text == "020 7193 1128"
    assert for_reader("+442071931128", "ES").text == "+44 20 7193 1128"
    assert for_reader("+442071931128", "ES").tel_href == "tel:+442071931128"


@pytest.mark.django_db
def test_model_refuses_an_invalid_number_and_stores_nothing():
    contact = ContactNumber(purpose="admissions", country="GB", number="12345", label="Admissions")
    with pytest.raises(ValidationError) as error:
        contact.full_clean()
    assert "number" in error.value.message_dict
    with pytest.raises(ValidationError):
        contact.save()
    assert not ContactNumber.objects.exists()


@pytest.mark.django_db
def test_directory_loads_numbers_by_purpose(clinic_numbers, django_assert_num_queries):
    with django_assert_num_queries(1):
        directory = contact_directory("GB")
    assert directory["admissions"].number == "+442071931128"
    assert directory["enquiries"].for_reader("GB").text == "020 3984 7699"


@pytest.mark.django_db
def test_admin_form_refuses_an_invalid_number_with_a_message(admin_client):
    url = reverse("wagtailsnippets_contacts_contactnumber:add")
    form = {"channel": "call", "display_order": "0", "reverify_after_months": "6", "active": "on"}
    response = admin_client.post(
        url, {**form, "purpose": "admissions", "country": "GB", "number": "0207 193", "label": "Admissions"}
    )
    assert response.status_code == 200
    assert "is not a valid phone number" in response.content.decode()
    assert not ContactNumber.objects.exists()

    response = admin_client.post(
        url, {**form, "purpose": "admissions", "country": "GB", "number": "0207 193 1128", "label": "Admissions"}
    )
    assert response.status_code == 302
    assert ContactNumber.objects.get().number == "+442071931128"
