"""Contact numbers: the only source of phone numbers shown to readers."""

import phonenumbers
from babel import Locale
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cms.panels import per_language_panels

from . import phone


class ContactPurpose(models.TextChoices):
    """What a reader calls the number for. The contacts issue adds crisis lines."""

    ADMISSIONS = "admissions", _("Admissions")
    ENQUIRIES = "enquiries", _("Enquiries")


def country_choices():
    """Every region libphonenumber knows, named in English for the admin."""
    names = Locale("en").territories
    return sorted(
        ((code, names.get(code, code)) for code in phonenumbers.SUPPORTED_REGIONS),
        key=lambda item: item[1],
    )


class ContactNumber(models.Model):
    """A number readers may call, stored in E.164 after validation for its country."""

    purpose = models.CharField(max_length=32, choices=ContactPurpose.choices)
    country = models.CharField(
        max_length=2,
        choices=country_choices,
        default="GB",
        help_text=_("The country the number belongs to (ISO 3166)."),
    )
    number = models.CharField(
        max_length=20,
        help_text=_("Typed as you would dial it in that country; stored in international form."),
    )
    label = models.CharField(max_length=120, help_text=_("What readers see next to the number, e.g. “Admissions”."))

    panels = [FieldPanel("purpose"), FieldPanel("country"), FieldPanel("number")] + per_language_panels("label")

    class Meta:
        ordering = ["country", "purpose"]
        constraints = [
            models.UniqueConstraint(fields=["purpose", "country"], name="one_contact_number_per_purpose_and_country")
        ]

    def __str__(self):
        return f"{self.label} ({self.country}): {self.number}"

    def save(self, *args, **kwargs):
        # Nothing reaches the table that is not a valid E.164 number for its country,
        # whether it comes from the admin form, a fixture or the shell.
        self.number = phone.normalise(self.number, self.country)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        try:
            self.number = phone.normalise(self.number, self.country)
        except ValidationError as error:
            raise ValidationError({"number": error}) from None

    def for_reader(self, reader_country: str | None = None) -> phone.DisplayNumber:
        """The number formatted for a reader in `reader_country` (default: the site's)."""
        return phone.for_reader(self.number, reader_country or settings.DEFAULT_READER_COUNTRY)


def contact_directory(country: str | None = None) -> dict[str, ContactNumber]:
    """All contact numbers for a country, by purpose, in one query."""
    country = (country or settings.DEFAULT_READER_COUNTRY).upper()
    return {c.purpose: c for c in ContactNumber.objects.filter(country=country)}
