"""The call-back form. Every refusal has a clear message and stores nothing."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import phone
from .models import PreferredTime
from .region import country_choices

_MARKUP_CHARACTERS = set("<>")


def _no_markup(value: str) -> str:
    if _MARKUP_CHARACTERS & set(value or ""):
        raise ValidationError(_("Please remove the characters < and > from this field."), code="markup")
    return value


class CallbackForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        error_messages={
            "required": _("Please tell us your name, or the name you would like us to use."),
            "max_length": _("Please use at most %(limit_value)d characters for your name."),
        },
    )
    country = forms.ChoiceField(label=_("Country of your phone number"))
    phone_number = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        error_messages={
            "required": _("Please give the number we should call."),
            "max_length": _("That is too long to be a phone number."),
        },
    )
    preferred_time = forms.ChoiceField(
        label=_("When should we call?"),
        choices=PreferredTime.choices,
        error_messages={"required": _("Please choose when we should call.")},
    )
    message = forms.CharField(
        label=_("Anything you would like us to know (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Please keep your message to %(limit_value)d characters.")},
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the clinic may store these details to call me back, and delete them "
            "after the retention period."
        ),
        error_messages={"required": _("Please tick this box so that we may call you back.")},
    )
    # A honeypot: hidden from people (and assistive technology), filled in by bots.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, reader_country: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()
        self.fields["country"].initial = reader_country
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        for field in ("name", "phone_number", "message"):
            self.fields[field].validators.append(_no_markup)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone_number"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})

    def describe_errors(self) -> None:
        """Point each invalid input at its message, so screen readers announce it."""
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].id_for_label}-error"}
                )

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        number, country = cleaned.get("phone_number"), cleaned.get("country")
        if number and country:
            try:
                cleaned["phone_e164"] = phone.normalise(number, country)
            except ValidationError as error:
                self.add_error("phone_number", error)
        return cleaned
