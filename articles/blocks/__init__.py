"""The clinical blocks articles are built from, and the one StreamBlock every page reuses."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError

from .clinical import CalloutBlock, CareLevelBlock, TherapyCardBlock
from .contact import ContactCallToActionBlock
from .lists import ComparisonBlock, DefinitionListBlock, DoDontBlock, SelfCareChecklistBlock
from .references import ReferenceBlock
from .text import BulletListBlock, ParagraphBlock, QuestionAnswerBlock, SectionHeadingBlock

# Block type names used outside the body's definition (contents, anchors, search headings).
SECTION_HEADING = "section_heading"

__all__ = [
    "SECTION_HEADING",
    "ArticleBodyBlock",
    "ReferenceBlock",
    "ContactCallToActionBlock",
    "SectionHeadingBlock",
]


class ArticleBodyBlock(blocks.StreamBlock):
    section_heading = SectionHeadingBlock()  # SECTION_HEADING
    paragraph = ParagraphBlock()
    bullet_list = BulletListBlock()
    comparison = ComparisonBlock()
    definition_list = DefinitionListBlock()
    callout = CalloutBlock()
    care_level = CareLevelBlock()
    do_dont = DoDontBlock()
    therapy_card = TherapyCardBlock()
    self_care_checklist = SelfCareChecklistBlock()
    question_answer = QuestionAnswerBlock()
    contact_cta = ContactCallToActionBlock()

    def clean(self, value):
        value = super().clean(value)
        errors = duplicate_anchor_errors(value)
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value


def duplicate_anchor_errors(value) -> dict:
    """{block index: error} for each section heading whose anchor an earlier one already uses:
    two sections with the same anchor would make one contents link unreachable."""
    seen, errors = set(), {}
    for index, child in enumerate(value):
        if child.block_type != SECTION_HEADING:
            continue
        anchor = child.value.anchor_id
        if anchor in seen:
            errors[index] = ValidationError(
                _("Another section already uses the link name “%(anchor)s”; give this one its own anchor."),
                params={"anchor": anchor},
            )
        seen.add(anchor)
    return errors


class ReferenceListBlock(blocks.StreamBlock):
    reference = ReferenceBlock()
