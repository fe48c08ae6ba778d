"""Phone-number rules, in one place: parse and validate with libphonenumber, store E.164,
show the national format to readers in the number's own country and the international
format to everyone else."""

from dataclasses import dataclass

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from phonenumbers import shortnumberinfo


@dataclass(frozen=True)
class DisplayNumber:
    """A number as a reader sees it: the text to show and what the `tel:` link dials
    (E.164, or a short code's digits, which only work inside their own country)."""

    text: str
    dial: str

    @property
    def tel_href(self) -> str:
        return f"tel:{self.dial}"


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
            params={"number": raw, "country": country.upper()},
        )
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
