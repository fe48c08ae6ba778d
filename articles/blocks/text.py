"""Text blocks: section headings (which build the contents list), rich text, bullet lists,
questions and answers."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

# Paragraph text: no headings (structure comes from section headings) and no images.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# A list item or an explanation: a line of text, with bold, italic and links.
INLINE_FEATURES = ["bold", "italic", "link"]


class ListItemBlock(blocks.RichTextBlock):
    """One item of a list (or a definition's explanation): rich text limited to bold, italic and
    links, shown inline (`{{ item|inline_richtext }}`). Until migration 0004 these were plain
    strings; it converted every stored one (pages, revisions, translation sources)."""

    def __init__(self, features=None, max_length=500, **kwargs):
        super().__init__(features=features or INLINE_FEATURES, max_length=max_length, **kwargs)


class SectionHeadingValue(blocks.StructValue):
    @property
    def anchor_id(self) -> str:
        """The fragment readers link to: the editor's anchor, or one made from the heading, in its
        own script (an Arabic heading gets an Arabic anchor, not "section")."""
        return slugify(self.get("anchor") or self.get("heading"), allow_unicode=True) or "section"


class SectionHeadingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=160)
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        help_text=_("Optional link name for this section; made from the heading when blank."),
    )

    class Meta:
        icon = "title"
        label = _("Section heading")
        template = "components/streamfield/section_heading.html"
        value_class = SectionHeadingValue


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "components/streamfield/paragraph.html"


class BulletListBlock(blocks.StructBlock):
    intro = blocks.CharBlock(required=False, max_length=240, help_text=_("Optional line introducing the list."))
    items = blocks.ListBlock(ListItemBlock(), min_num=1)
    numbered = blocks.BooleanBlock(required=False, help_text=_("Numbered steps, in this order."))

    class Meta:
        icon = "list-ul"
        label = _("Bullet list")
        template = "components/streamfield/bullet_list.html"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=240)
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "components/streamfield/question_answer.html"
