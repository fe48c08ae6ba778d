"""Clinical blocks: callouts, care-level cards (as the NHS uses them) and therapy cards."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .text import RICH_TEXT_FEATURES, ListItemBlock


class CalloutBlock(blocks.StructBlock):
    KINDS = [("information", _("Information")), ("warning", _("Important"))]

    kind = blocks.ChoiceBlock(choices=KINDS, default="information")
    heading = blocks.CharBlock(required=False, max_length=160)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "components/streamfield/callout.html"


class CareLevelBlock(blocks.StructBlock):
    """When and where to get help: non-urgent, urgent or emergency."""

    LEVELS = [
        ("non_urgent", _("Non-urgent advice")),
        ("urgent", _("Urgent advice")),
        ("emergency", _("Emergency")),
    ]

    level = blocks.ChoiceBlock(choices=LEVELS)
    heading = blocks.CharBlock(max_length=160)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        label = _("Care-level card")
        template = "components/streamfield/care_level.html"


class TherapyCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=160)
    abbreviation = blocks.CharBlock(required=False, max_length=20)
    what_it_is = blocks.TextBlock(label=_("What it is"))
    helps_with = blocks.ListBlock(ListItemBlock(max_length=240), label=_("What it helps with"), min_num=1)

    class Meta:
        icon = "user"
        label = _("Therapy or treatment card")
        template = "components/streamfield/therapy_card.html"
