"""The call-back form. Every refusal has a clear message and stores nothing."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import phone
from .models import PreferredTime, YesNo
from .region import country_choices

_MARKUP_CHARACTERS = set("<>")
# Bidirectional embeddings, overrides and isolates: they can make a name or number read
# differently to the staff member than what was typed ("Trojan Source").
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible marks: left-to-right, right-to-left and Arabic letter marks, zero-width space and
# joiner, word joiner, byte order mark. Unseen by the staff member who reads the request, they can
# change how it reads or hide text. (The zero-width non-joiner stays: Persian and other scripts
# spell with it.)
_INVISIBLE_MARKS = set("\u200e\u200f\u061c\u200b\u200d\u2060\ufeff")


def _no_markup(value: str) -> None:
    if _MARKUP_CHARACTERS & set(value or ""):
        raise ValidationError(_("Please remove the characters < and > from this field."), code="markup")


def no_hidden_characters(allowed: str = ""):
    """A validator refusing control characters (except those in `allowed`), bidirectional
    embeddings, overrides and isolates, and invisible marks."""

    def validate(value: str) -> None:
        refused = _BIDI_CONTROLS | _INVISIBLE_MARKS
        if any(ch in refused or (unicodedata.category(ch) == "Cc" and ch not in allowed) for ch in value or ""):
            raise ValidationError(
                _(
                    "Please remove the hidden formatting characters from this field "
                    "(copying and pasting can bring them in)."
                ),
                code="hidden_characters",
            )

    return validate


class PhoneNumberText(forms.CharField):
    """A typed phone number. Direction marks, which phones add around a number copied from a
    contact or a message, are removed (they are no part of a number); anything else hidden is
    refused like in every other field."""

    def to_python(self, value):
        value = super().to_python(value)
        return "".join(ch for ch in value if ch not in "\u200e\u200f\u061c")


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
    phone_number = PhoneNumberText(
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
    # What the best services ask before they call someone who may not be safe at home.
    # All optional; unanswered, Admissions treat the answer as "no".
    voicemail_ok = forms.TypedChoiceField(
        label=_("Is it safe for us to leave a voicemail?"),
        choices=YesNo.choices,
        required=False,
        widget=forms.RadioSelect,
        empty_value="",
    )
    may_say_clinic = forms.TypedChoiceField(
        label=_("If someone else answers, may we say that we are calling from the clinic?"),
        choices=YesNo.choices,
        required=False,
        widget=forms.RadioSelect,
        empty_value="",
    )
    safe_times = forms.CharField(
        label=_("Times when it is safe to call, or times to avoid (optional)"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Please keep this to %(limit_value)d characters.")},
    )
    safe_contact = forms.CharField(
        label=_("Another safe way to reach you, such as a friend's number (optional)"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Please keep this to %(limit_value)d characters.")},
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
        self.fields["country"].choices = country_choices()  # type: ignore[attr-defined]  # a ChoiceField
        self.fields["country"].initial = reader_country
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        for field in ("name", "phone_number", "safe_times", "safe_contact", "message"):
            self.fields[field].validators.append(_no_markup)
        for field in ("name", "phone_number", "safe_times", "safe_contact"):
            self.fields[field].validators.append(no_hidden_characters())
        self.fields["message"].validators.append(no_hidden_characters(allowed="\n\r\t"))
        # autocomplete="off" (like the form): the browser neither saves what was typed for
        # suggestions nor restores it on Back. A reader's device may be watched.
        self.fields["name"].widget.attrs.update({"autocomplete": "off", "dir": "auto"})
        # Digits read left to right in every language, Arabic included.
        self.fields["phone_number"].widget.attrs.update({"autocomplete": "off", "inputmode": "tel", "dir": "ltr"})
        for field in ("safe_times", "safe_contact", "message"):
            self.fields[field].widget.attrs["dir"] = "auto"

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
                cleaned["phone_e164"] = phone.normalise_for_callback(number, country)
            except ValidationError as error:
                self.add_error("phone_number", error)
        return cleaned
