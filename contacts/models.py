"""Contact numbers: the only source of phone numbers shown to readers."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cms.dates import add_months
from cms.panels import per_language_panels

from . import emergency, phone, region

# The group whose members read readers' call-back requests (Admin → Call-back requests).
ADMISSIONS_GROUP = "Admissions"


class ContactPurpose(models.TextChoices):
    """What a reader calls the number for."""

    ADMISSIONS = "admissions", _("Admissions")
    ENQUIRIES = "enquiries", _("Enquiries")
    CRISIS = "crisis", _("Crisis line")
    DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse helpline")
    EMERGENCY = "emergency", _("Emergency number")


# The clinic's own numbers: shown to readers anywhere, in the format for where they are.
CLINIC_PURPOSES = (ContactPurpose.ADMISSIONS, ContactPurpose.ENQUIRIES)
# The "Need help now?" box, in this order: emergency numbers first, then the helplines.
HELP_PURPOSES = (ContactPurpose.EMERGENCY, ContactPurpose.CRISIS, ContactPurpose.DOMESTIC_ABUSE)
# Lines that may be short codes (999, 116 123, 3919): never the clinic's own numbers.
SHORT_CODE_PURPOSES = HELP_PURPOSES


class Channel(models.TextChoices):
    CALL = "call", _("Call")
    TEXT = "text", _("Text message only")


DEFAULT_REVERIFY_MONTHS = 6


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
    channel = models.CharField(
        max_length=8,
        choices=Channel.choices,
        default=Channel.CALL,
        help_text=_("“Text message only” lines are shown with a link that opens a text message, not a call."),
    )
    display_order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Lines of the same kind are shown in this order (lowest first).")
    )
    active = models.BooleanField(default=True, help_text=_("Only active numbers are shown to readers."))
    # The verification record. Helplines are shown to readers only once verified; emergency
    # numbers and the clinic's own are always shown, but are reported when due all the same.
    verified_by = models.CharField(
        max_length=120, blank=True, help_text=_("Who checked the number (your name is filled in for you).")
    )
    verified_at = models.DateField(null=True, blank=True, help_text=_("The day the number was checked."))
    verification_source = models.URLField(
        max_length=300,
        blank=True,
        help_text=_("Where it was checked: the service's own page (or the official page that lists it)."),
    )
    reverify_after_months = models.PositiveSmallIntegerField(
        default=DEFAULT_REVERIFY_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("How long a check holds; then editors are asked to check the number again."),
    )
    reverify_by = models.DateField(null=True, blank=True, editable=False, db_index=True)

    panels = [
        FieldPanel("purpose"),
        FieldPanel("country"),
        FieldPanel("number"),
        FieldPanel("channel"),
        FieldPanel("display_order"),
        FieldPanel("active"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("verified_by"), FieldPanel("verified_at")]),
                FieldPanel("verification_source"),
                FieldPanel("reverify_after_months"),
            ],
            heading=_("Verification"),
        ),
    ] + per_language_panels("label", "opening_hours")

    class Meta:
        ordering = ["country", "purpose", "display_order", "pk"]
        constraints = [
            # One admissions and one enquiries number per country (pages name a purpose);
            # a country may have several emergency numbers and helplines.
            models.UniqueConstraint(
                fields=["purpose", "country"],
                condition=Q(purpose__in=["admissions", "enquiries"]),
                name="one_clinic_number_per_purpose_and_country",
            ),
            models.UniqueConstraint(
                fields=["purpose", "country", "number", "channel"], name="contact_number_listed_once"
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.country}): {self.number}"

    def save(self, *args, **kwargs):
        # Nothing reaches the table that is not a valid E.164 number for its country,
        # whether it comes from the admin form, a fixture or the shell.
        self.number = phone.normalise(self.number, self.country, allow_short=self.allows_short_code)
        if self.purpose == ContactPurpose.EMERGENCY and not emergency.is_emergency_number(self.number, self.country):
            raise ValidationError(f"{self.number} is not an emergency number of {self.country}.")
        self.reverify_by = self.compute_reverify_by()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "reverify_by"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        try:
            self.number = phone.normalise(self.number, self.country, allow_short=self.allows_short_code)
        except ValidationError as error:
            errors["number"] = error
        else:
            if self.purpose == ContactPurpose.EMERGENCY and not emergency.is_emergency_number(
                self.number, self.country
            ):
                errors["number"] = ValidationError(
                    _("%(number)s is not an emergency number in %(country)s (libphonenumber's short-number data)."),
                    params={"number": self.number, "country": region.country_name(self.country)},
                )
        if self.verified_at:
            if self.verified_at > timezone.localdate():
                errors["verified_at"] = ValidationError(_("A check cannot be dated in the future."))
            if not self.verified_by.strip():
                errors["verified_by"] = ValidationError(_("Say who checked the number."))
            if not self.verification_source.strip():
                errors["verification_source"] = ValidationError(_("Say where the number was checked."))
        elif self.verified_by.strip() or self.verification_source.strip():
            errors["verified_at"] = ValidationError(_("Give the day the number was checked."))
        if errors:
            raise ValidationError(errors)

    @property
    def allows_short_code(self) -> bool:
        # Emergency numbers and helplines are often short codes (999, 116 123, 3919); the
        # clinic's own numbers never are.
        return self.purpose in SHORT_CODE_PURPOSES

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    def compute_reverify_by(self) -> datetime.date | None:
        if self.verified_at is None:
            return None
        return add_months(self.verified_at, self.reverify_after_months or DEFAULT_REVERIFY_MONTHS)

    def verification_problem(self, today: datetime.date | None = None) -> str | None:
        """Why editors should check this number now, or None while its check holds."""
        today = today or timezone.localdate()
        if self.verified_at is None:
            return str(_("Never verified"))
        if not self.verification_source:
            return str(_("No source recorded"))
        due = add_months(self.verified_at, self.reverify_after_months or DEFAULT_REVERIFY_MONTHS)
        if due <= today:
            return str(_("Re-verification due since %(date)s")) % {"date": due.isoformat()}
        return None

    @property
    def shown_to_readers(self) -> bool:
        # A helpline only once someone has checked it; an emergency number and the clinic's
        # own numbers always (an overdue check is reported to editors, never hidden from readers).
        if not self.active:
            return False
        return self.purpose not in (ContactPurpose.CRISIS, ContactPurpose.DOMESTIC_ABUSE) or self.is_verified

    def for_reader(self, reader_country: str | None = None) -> phone.DisplayNumber:
        """The number formatted for a reader in `reader_country` (default: the site's)."""
        return phone.for_reader(self.number, reader_country or settings.DEFAULT_READER_COUNTRY)


def due_for_verification(today: datetime.date | None = None):
    """Active numbers editors should check now: never checked, no source, or past due."""
    today = today or timezone.localdate()
    return ContactNumber.objects.filter(active=True).filter(
        Q(verified_at__isnull=True) | Q(verification_source="") | Q(reverify_by__lte=today)
    )


@dataclass(frozen=True)
class HelpLine:
    """One line of the "Need help now?" box, as the reader sees it."""

    purpose: str
    label: str
    number: phone.DisplayNumber
    opening_hours: str = ""
    channel: str = Channel.CALL

    @property
    def href(self) -> str:
        return self.number.sms_href if self.channel == Channel.TEXT else self.number.tel_href

    @property
    def is_emergency(self) -> bool:
        return self.purpose == ContactPurpose.EMERGENCY


class Directory(dict):
    """The clinic's numbers for a reader, by purpose (a dict, for the page blocks), and the
    help lines of the reader's own country (`help_lines`), all from one query."""

    def __init__(self, clinic: dict, help_lines: list[HelpLine]):
        super().__init__(clinic)
        self.help_lines = help_lines


def contact_directory(country: str | None = None) -> Directory:
    """The numbers a reader in `country` sees, in one query: the clinic's numbers for their
    country if it has any there, else the clinic's home numbers; and the "need help" lines of
    their own country: its emergency numbers (libphonenumber's when none is on record), then
    the verified crisis and domestic abuse helplines."""
    country = (country or settings.DEFAULT_READER_COUNTRY).upper()
    home = settings.CLINIC_COUNTRY
    rows = ContactNumber.objects.filter(active=True, country__in={country, home})
    clinic: dict[str, ContactNumber] = {}
    helplines: list[ContactNumber] = []
    for contact in sorted(rows, key=lambda c: c.country == country):  # reader's country wins
        if contact.purpose in CLINIC_PURPOSES:
            clinic[contact.purpose] = contact
        elif contact.country == country and contact.shown_to_readers:
            helplines.append(contact)
    order: dict[str, int] = {purpose: index for index, purpose in enumerate(HELP_PURPOSES)}
    helplines.sort(key=lambda c: (order[c.purpose], c.display_order, c.pk))
    lines = [HelpLine(c.purpose, c.label, c.for_reader(country), c.opening_hours or "", c.channel) for c in helplines]
    if not any(line.is_emergency for line in lines):
        fallback = emergency.fallback_emergency_number(country)
        if fallback:
            lines.insert(
                0, HelpLine(ContactPurpose.EMERGENCY, str(_("Emergency services")), phone.for_reader(fallback, country))
            )
    return Directory(clinic, lines)


class PreferredTime(models.TextChoices):
    MORNING = "morning", _("Morning (9am to 12 noon)")
    AFTERNOON = "afternoon", _("Afternoon (12 noon to 5pm)")
    EVENING = "evening", _("Evening (5pm to 8pm)")
    ANY = "any", _("Any time")


class CallOutcome(models.TextChoices):
    """What happened when Admissions called. The first two close the request; the others keep it
    waiting for another try."""

    SPOKE = "spoke", _("Spoke to the reader")
    WRONG_NUMBER = "wrong_number", _("Wrong number")
    NO_ANSWER = "no_answer", _("No answer (no message left)")
    NOT_SAFE = "not_safe", _("Not safe to talk: try again later")


FINAL_OUTCOMES = (CallOutcome.SPOKE, CallOutcome.WRONG_NUMBER)


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


class CallbackRequest(models.Model):
    """A reader's request for a confidential call back: personal health data. Only the
    Admissions group reads it (see contacts/admissions.py); it is never logged, indexed or
    served by any API, and is deleted after CALLBACK_RETENTION_DAYS by a background task."""

    name = models.CharField(max_length=100)
    phone_number = models.CharField(max_length=20, help_text="E.164")
    preferred_time = models.CharField(max_length=16, choices=PreferredTime.choices)
    message = models.TextField(max_length=1000, blank=True)
    # Safety answers, shown to Admissions above the number. Blank: not answered (treat as no).
    voicemail_ok = models.CharField(max_length=3, choices=YesNo.choices, blank=True)
    may_say_clinic = models.CharField(max_length=3, choices=YesNo.choices, blank=True)
    safe_times = models.CharField(max_length=200, blank=True)
    safe_contact = models.CharField(max_length=200, blank=True)
    # Arrived while the whole site was over its hourly limit: stored, but in a surge.
    arrived_in_surge = models.BooleanField(default=False)
    language = models.CharField(max_length=8)
    consent_given_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    called_at = models.DateTimeField(null=True, blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    call_outcome = models.CharField(max_length=16, choices=CallOutcome.choices, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        # Never the reader's details: this string can end up in logs and admin messages.
        return f"Call-back request {self.pk}"

    def __repr__(self):
        return f"<CallbackRequest {self.pk}>"

    @property
    def is_waiting(self) -> bool:
        return self.call_outcome not in FINAL_OUTCOMES

    @classmethod
    def waiting(cls):
        """Not yet called, or called without reaching the reader (no answer, not safe to talk)."""
        return cls.objects.exclude(call_outcome__in=FINAL_OUTCOMES)

    def phone_for_staff(self) -> phone.DisplayNumber:
        return phone.for_reader(self.phone_number, settings.CLINIC_COUNTRY)


def help_context(reader_country: str, directory: Directory | None = None) -> dict:
    """The "Need help now?" box's context: the reader's country's lines and the country's
    name. Pass a page's already-loaded directory to save the query."""
    if directory is None:
        directory = contact_directory(reader_country)
    return {
        "help_lines": directory.help_lines,
        "reader_country_name": region.country_name(reader_country),
    }
