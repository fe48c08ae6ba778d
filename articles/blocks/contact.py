"""The contact call-to-action: names a purpose; the number always comes from ContactNumber."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from contacts.models import CLINIC_PURPOSES, contact_directory


class ContactCallToActionBlock(blocks.StructBlock):
    # The clinic's own numbers only: crisis lines have their own "need help now" element,
    # which always shows advice even where no line is on record.
    purpose = blocks.ChoiceBlock(choices=[(purpose.value, purpose.label) for purpose in CLINIC_PURPOSES])
    heading = blocks.CharBlock(max_length=160)
    text = blocks.TextBlock(required=False)

    class Meta:
        icon = "mail"
        label = _("Contact call-to-action")
        template = "components/streamfield/contact_cta.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        # Pages load the directory once for all their blocks (see ArticlePage.get_context).
        directory = parent_context.get("contact_directory")
        if directory is None:
            directory = contact_directory(parent_context.get("reader_country"))
        contact = directory.get(value["purpose"])
        context["contact"] = contact
        context["display_number"] = contact.for_reader(parent_context.get("reader_country")) if contact else None
        return context

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context=context)
        contact = contact_directory().get(value["purpose"])
        data["number"] = contact.number if contact else None
        data["label"] = contact.label if contact else None
        return data
