"""The feedback forms. The comment box warns readers not to give personal details and refuses
text that holds a phone number or an e-mail address, with a message (nothing is stored)."""

import re
from typing import Any

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from contacts.forms import no_hidden_characters

EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
# Seven or more digits, however spaced or punctuated: a phone number in any country's format.
DIGITS = re.compile(r"(?:\d[\s\-./()]*){7,}")


def no_contact_details(text: str, country: str) -> str:
    if EMAIL.search(text):
        raise ValidationError(
            _("Please remove the e-mail address. We cannot reply to feedback, and it is not private."),
            code="email",
        )
    found = DIGITS.search(text) or next(iter(phonenumbers.PhoneNumberMatcher(text, country or "GB")), None)
    if found:
        raise ValidationError(
            _("Please remove the phone number. We cannot reply to feedback, and it is not private."),
            code="phone",
        )
    return text


class UsefulForm(forms.Form):
    useful = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        error_messages={
            "required": _("Please say whether this page was useful."),
            "invalid_choice": _("Please answer yes or no."),
        },
    )


class CommentForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("What was missing or could be better? (optional)"),
        help_text=_(
            "Do not include personal details such as your name, phone number or e-mail address. We cannot reply."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[no_hidden_characters("\n\r\t")],
        error_messages={
            "required": _("Please write what was missing, or leave this page."),
            "max_length": _("Please keep it under 1,000 characters."),
        },
    )

    def __init__(self, *args: Any, reader_country: str = "GB", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reader_country = reader_country

    def clean_comment(self) -> str:
        return no_contact_details(self.cleaned_data["comment"].strip(), self.reader_country)
