"""List-shaped blocks: side-by-side comparison, definition list, do and don't, self-care."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .text import ListItemBlock


def _items(**kwargs):
    return blocks.ListBlock(ListItemBlock(), min_num=1, **kwargs)


class ComparisonBlock(blocks.StructBlock):
    """Two lists read side by side, e.g. a loving relationship against a trauma-bonded one.

    Flat on purpose: wagtail-localize does not extract list items nested two struct levels
    deep, so nested columns would leave their items untranslatable."""

    heading = blocks.CharBlock(required=False, max_length=160)
    healthy_heading = blocks.CharBlock(max_length=160, label=_("Healthy / helpful side"))
    healthy_items = _items()
    harmful_heading = blocks.CharBlock(max_length=160, label=_("Harmful / unhelpful side"))
    harmful_items = _items()

    class Meta:
        icon = "table"
        label = _("Two lists compared")
        template = "components/streamfield/comparison.html"


class DefinitionBlock(blocks.StructBlock):
    term = blocks.CharBlock(max_length=160)
    explanation = ListItemBlock(max_length=None)


class DefinitionListBlock(blocks.StructBlock):
    """Terms and their explanations, e.g. the barriers to healing."""

    intro = blocks.CharBlock(required=False, max_length=240)
    items = blocks.ListBlock(DefinitionBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Definition list")
        template = "components/streamfield/definition_list.html"


class DoDontBlock(blocks.StructBlock):
    do_items = _items(label=_("Do"))
    dont_items = _items(label=_("Don't"))

    class Meta:
        icon = "tasks"
        label = _("Do and don't")
        template = "components/streamfield/do_dont.html"


class SelfCareChecklistBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=160, default=_("Self-care ideas"))
    intro = blocks.CharBlock(required=False, max_length=240)
    items = _items()

    class Meta:
        icon = "tick-inverse"
        label = _("Self-care checklist")
        template = "components/streamfield/self_care_checklist.html"
