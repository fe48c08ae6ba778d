"""Emergency numbers from libphonenumber's short-number data (the `phonenumbers` package).

Curated emergency numbers (ContactNumber rows with the *emergency* purpose, each with its
source) come first. For a country with none on record the help box still shows a number: the
one readers there are most likely to know, chosen from the numbers libphonenumber lists as
emergency numbers for that country. An emergency number is never hidden for want of a
verification date; the box never shows a country without a number when one is known."""

import phonenumbers
from phonenumbers import PhoneMetadata, shortnumberinfo

SOURCE = f"libphonenumber short-number data (phonenumbers {phonenumbers.__version__})"
# The numbers people in most countries know, in the order a reader would reach for them:
# North America's 911, the 999 of the UK and many Commonwealth countries, Australia's 000,
# then 112 (the EU's and GSM's, routed to the emergency services on most mobile networks).
_PREFERRED = ("911", "999", "000", "112")


def is_emergency_number(number: str, country: str) -> bool:
    """Does libphonenumber list `number` as an emergency number of `country`?"""
    return shortnumberinfo.is_emergency_number(number, country.upper())


def fallback_emergency_number(country: str) -> str | None:
    """The emergency number for `country` from libphonenumber, or None if it has no data."""
    country = country.upper()
    for candidate in _PREFERRED:
        if is_emergency_number(candidate, country):
            return candidate
    metadata = PhoneMetadata.short_metadata_for_region(country)
    example = metadata.emergency.example_number if metadata and metadata.emergency else None
    return example or None
