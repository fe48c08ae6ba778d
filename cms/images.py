"""Every image needs alternative text: readers using screen readers get the guidance too.
Used through WAGTAILIMAGES_IMAGE_FORM_BASE, so every image form in the admin (add, edit, and
the multiple uploader, whose uploads are refused until described) requires it."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm

MISSING = _("Describe the image for people who cannot see it.")


class AltTextRequiredImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("description")
        if field is not None:
            field.required = True
            field.error_messages["required"] = MISSING
            field.label = _("Alternative text")
            field.help_text = _("What the image shows, for people who cannot see it.")

    def clean_description(self):
        text = (self.cleaned_data.get("description") or "").strip()
        if not text:
            raise forms.ValidationError(MISSING)
        return text
