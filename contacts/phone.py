"""Phone-number rules, in one place: parse and validate with libphonenumber, store E.164,
show the national format to readers in the number's own country and the international
format to everyone else."""

from dataclasses import dataclass

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from phonenumbers import shortnumberinfo

from .region import country_name


@dataclass(frozen=True)
class DisplayNumber:
    """A number as a reader sees it: the text to show and what the `tel:` link dials
    (E.164, or a short code's digits, which only work inside their own country)."""

    text: str
    dial: str

    @property
    def tel_href(self) -> str:
        return f"tel:{self.dial}"

    @property
    def sms_href(self) -> str:
        return f"sms:{self.dial}"


def normalise(raw: str, country: str, *, allow_short: bool = False) -> str:
    """Return `raw` in E.164 (or, with `allow_short`, a short code such as 116 123 as its
    digits), or raise ValidationError saying why it is not a number for `country`."""
    raw = (raw or "").strip()
    if not raw:
        raise ValidationError(_("Enter a phone number."), code="required")
    if not country:
        raise ValidationError(_("Choose the country the number belongs to."), code="no_country")
    try:
        parsed = phonenumbers.parse(raw, country.upper())
    except phonenumbers.NumberParseException:
        raise ValidationError(
            _("“%(number)s” is not a phone number."), code="not_a_number", params={"number": raw}
        ) from None
    if allow_short and shortnumberinfo.is_valid_short_number_for_region(parsed, country.upper()):
        return short_code_digits(parsed)
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError(
            _("“%(number)s” is not a valid phone number."),
            code="invalid",
            params={"number": raw},
        )
    # For its country, not merely with its calling code: +44 is shared with Jersey,
    # Guernsey and the Isle of Man, +1 with Canada and the Caribbean.
    if not phonenumbers.is_valid_number_for_region(parsed, country.upper()):
        raise ValidationError(
            _("“%(number)s” is not a phone number in %(country)s."),
            code="wrong_country",
            params={"number": raw, "country": country_name(country.upper())},
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


# A call back rings a person: a mobile or a line at home (VoIP lines such as the UK's 056
# are charged like a landline and are some people's only number).
CALLABLE_TYPES = frozenset(
    {
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        phonenumbers.PhoneNumberType.VOIP,
    }
)


def _refusal_for_type(number_type) -> ValidationError:
    T = phonenumbers.PhoneNumberType
    messages = {
        T.PREMIUM_RATE: _("This is a premium-rate number. Please give a mobile or landline number."),
        T.SHARED_COST: _("This is a shared-cost number. Please give a mobile or landline number."),
        T.PERSONAL_NUMBER: _(
            "This is a personal (follow-me) number, which could ring somewhere you do not expect. "
            "Please give a mobile or landline number."
        ),
        T.TOLL_FREE: _("This is a freephone service number. Please give a mobile or landline number."),
        T.PAGER: _("This is a pager number. Please give a mobile or landline number."),
    }
    message = messages.get(
        number_type,
        _(
            "This is a non-geographic or service number, which we cannot call back. "
            "Please give a mobile or landline number."
        ),
    )
    return ValidationError(message, code="unsuitable_type")


def normalise_for_callback(raw: str, country: str) -> str:
    """A reader's number for a call back, in E.164, or a ValidationError in the reader's
    language. A number typed with + (or the country's international prefix, such as 00) and
    a country code is taken as that country's, whatever `country` says: an Arabic reader in
    London typing +44 7700 900123 is not refused for not being in Egypt. Refused: extensions,
    and numbers that would not reach a person (premium-rate, shared-cost, personal,
    non-geographic, freephone, pager)."""
    raw = (raw or "").strip()
    if not raw:
        raise ValidationError(_("Enter a phone number."), code="required")
    if not country:
        raise ValidationError(_("Choose the country the number belongs to."), code="no_country")
    country = country.upper()
    try:
        parsed = phonenumbers.parse(raw, country, keep_raw_input=True)
    except phonenumbers.NumberParseException:
        raise ValidationError(
            _("“%(number)s” is not a phone number."), code="not_a_number", params={"number": raw}
        ) from None
    if parsed.extension:
        raise ValidationError(
            _("Please give a number without an extension: one that rings the person we should speak to."),
            code="extension",
        )
    international = parsed.country_code_source in (
        phonenumbers.CountryCodeSource.FROM_NUMBER_WITH_PLUS_SIGN,
        phonenumbers.CountryCodeSource.FROM_NUMBER_WITH_IDD,
    )
    if not phonenumbers.is_valid_number(parsed):
        if international:
            raise ValidationError(
                _("“%(number)s” is not a valid phone number."), code="invalid", params={"number": raw}
            )
        raise ValidationError(
            _("“%(number)s” is not a valid phone number in %(country)s."),
            code="invalid",
            params={"number": raw, "country": country_name(country)},
        )
    if not international and not phonenumbers.is_valid_number_for_region(parsed, country):
        raise ValidationError(
            _("“%(number)s” is not a phone number in %(country)s."),
            code="wrong_country",
            params={"number": raw, "country": country_name(country)},
        )
    number_type = phonenumbers.number_type(parsed)
    if number_type not in CALLABLE_TYPES:
        raise _refusal_for_type(number_type)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def short_code_digits(parsed) -> str:
    """The digits dialled, keeping leading zeros (Spain's 024)."""
    zeros = (parsed.number_of_leading_zeros or 1) if parsed.italian_leading_zero else 0
    return "0" * zeros + str(parsed.national_number)


def format_short_code(digits: str) -> str:
    """116123 -> 116 123; shorter codes (988, 024, 3114) as they are dialled."""
    return f"{digits[:3]} {digits[3:]}" if len(digits) == 6 else digits


def for_reader(stored: str, reader_country: str) -> DisplayNumber:
    """Format a stored number for a reader in `reader_country`: E.164 numbers in national
    format at home and international format elsewhere; short codes as dialled locally."""
    if not stored.startswith("+"):
        return DisplayNumber(text=format_short_code(stored), dial=stored)
    parsed = phonenumbers.parse(stored, None)
    own_country = phonenumbers.region_code_for_number(parsed)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if reader_country and reader_country.upper() == own_country
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return DisplayNumber(text=phonenumbers.format_number(parsed, style), dial=stored)


def find_numbers(text: str, country: str):
    """Yield (matched text, E.164) for every valid phone number written in `text`."""
    for match in phonenumbers.PhoneNumberMatcher(text, country.upper()):
        yield match.raw_string, phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
