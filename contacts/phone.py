"""Phone-number rules, in one place: parse and validate with libphonenumber, store E.164,
show the national format to readers in the number's own country and the international
format to everyone else."""

from dataclasses import dataclass

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class DisplayNumber:
    """A number as a reader sees it: the text to show and the `tel:` link (always E.164)."""

    text: str
    e164: str

    @property
    def tel_href(self) -> str:
        return f"tel:{self.e164}"


def normalise(raw: str, country: str) -> str:
    """Return `raw` in E.164, or raise ValidationError saying why it is not a number for `country`."""
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
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError(
            _("“%(number)s” is not a valid phone number."),
            code="invalid",
            params={"number": raw},
        )
    if phonenumbers.region_code_for_number(parsed) != country.upper():
        raise ValidationError(
            _("“%(number)s” is not a phone number in %(country)s."),
            code="wrong_country",
            params={"number": raw, "country": country.upper()},
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def for_reader(e164: str, reader_country: str) -> DisplayNumber:
    """Format a stored E.164 number for a reader in `reader_country`."""
    parsed = phonenumbers.parse(e164, None)
    own_country = phonenumbers.region_code_for_number(parsed)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if reader_country and reader_country.upper() == own_country
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return DisplayNumber(text=phonenumbers.format_number(parsed, style), e164=e164)


def find_numbers(text: str, country: str):
    """Yield (matched text, E.164) for every valid phone number written in `text`."""
    for match in phonenumbers.PhoneNumberMatcher(text, country.upper()):
        yield match.raw_string, phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
