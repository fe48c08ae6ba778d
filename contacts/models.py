"""Contact numbers: the only source of phone numbers shown to readers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cms.panels import per_language_panels

from . import phone, region


class ContactPurpose(models.TextChoices):
    """What a reader calls the number for."""

    ADMISSIONS = "admissions", _("Admissions")
    ENQUIRIES = "enquiries", _("Enquiries")
    CRISIS = "crisis", _("Crisis line")


# The clinic's own numbers: shown to readers anywhere, in the format for where they are.
CLINIC_PURPOSES = (ContactPurpose.ADMISSIONS, ContactPurpose.ENQUIRIES)


def country_choices():
    """Every region libphonenumber knows, named in English for the admin."""
    return region.country_choices("en")


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
    opening_hours = models.CharField(
        max_length=120, blank=True, help_text=_("For example “24 hours, every day” or “Mon–Fri 9am–5pm”.")
    )
    active = models.BooleanField(default=True, help_text=_("Only active numbers are shown to readers."))
    verified = models.BooleanField(
        default=False,
        help_text=_(
            "An editor has checked this number by calling it. Crisis lines are shown to readers only once verified."
        ),
    )

    panels = [
        FieldPanel("purpose"),
        FieldPanel("country"),
        FieldPanel("number"),
        FieldPanel("active"),
        FieldPanel("verified"),
    ] + per_language_panels("label", "opening_hours")

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
        self.number = phone.normalise(self.number, self.country, allow_short=self.allows_short_code)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        try:
            self.number = phone.normalise(self.number, self.country, allow_short=self.allows_short_code)
        except ValidationError as error:
            raise ValidationError({"number": error}) from None

    @property
    def allows_short_code(self) -> bool:
        # Crisis lines are often short codes (116 123, 988); the clinic's numbers never are.
        return self.purpose == ContactPurpose.CRISIS

    @property
    def shown_to_readers(self) -> bool:
        return self.active and (self.verified or self.purpose != ContactPurpose.CRISIS)

    def for_reader(self, reader_country: str | None = None) -> phone.DisplayNumber:
        """The number formatted for a reader in `reader_country` (default: the site's)."""
        return phone.for_reader(self.number, reader_country or settings.DEFAULT_READER_COUNTRY)


def contact_directory(country: str | None = None) -> dict[str, ContactNumber]:
    """The numbers a reader in `country` sees, by purpose, in one query: the clinic's numbers
    for their country if it has any there, else the clinic's home numbers; a crisis line only
    for their own country, and only once an editor has verified it."""
    country = (country or settings.DEFAULT_READER_COUNTRY).upper()
    home = settings.CLINIC_COUNTRY
    rows = ContactNumber.objects.filter(active=True, country__in={country, home})
    directory: dict[str, ContactNumber] = {}
    for contact in sorted(rows, key=lambda c: c.country == country):  # reader's country wins
        if contact.purpose == ContactPurpose.CRISIS and (contact.country != country or not contact.verified):
            continue
        directory[contact.purpose] = contact
    return directory


class PreferredTime(models.TextChoices):
    MORNING = "morning", _("Morning (9am to 12 noon)")
    AFTERNOON = "afternoon", _("Afternoon (12 noon to 5pm)")
    EVENING = "evening", _("Evening (5pm to 8pm)")
    ANY = "any", _("Any time")


class CallbackRequest(models.Model):
    """A reader's request for a confidential call back: personal health data. Only the
    Admissions group reads it (see contacts/admissions.py); it is never logged, indexed or
    served by any API, and is deleted after CALLBACK_RETENTION_DAYS by a background task."""

    name = models.CharField(max_length=100)
    phone_number = models.CharField(max_length=20, help_text="E.164")
    preferred_time = models.CharField(max_length=16, choices=PreferredTime.choices)
    message = models.TextField(max_length=1000, blank=True)
    language = models.CharField(max_length=8)
    consent_given_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    called_at = models.DateTimeField(null=True, blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        # Never the reader's details: this string can end up in logs and admin messages.
        return f"Call-back request {self.pk}"

    def __repr__(self):
        return f"<CallbackRequest {self.pk}>"

    def phone_for_staff(self) -> phone.DisplayNumber:
        return phone.for_reader(self.phone_number, settings.CLINIC_COUNTRY)


def crisis_context(reader_country: str, directory: dict | None = None) -> dict:
    """The "need help now" element's context: the crisis line for the reader's country (or
    none) and the country's name. Pass a page's already-loaded directory to save the query."""
    if directory is None:
        directory = contact_directory(reader_country)
    crisis = directory.get(ContactPurpose.CRISIS)
    return {
        "crisis_line": crisis,
        "crisis_number": crisis.for_reader(reader_country) if crisis else None,
        "reader_country_name": region.country_name(reader_country),
    }
