"""Template filters for the clinical blocks."""

import re

from django import template
from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import RichText, expand_db_html

register = template.Library()

_ONE_PARAGRAPH = re.compile(r"^\s*<p(?:\s[^>]*)?>(?P<inner>.*)</p>\s*$", re.DOTALL)


@register.filter
def inline_richtext(value) -> SafeString:
    """A list item's rich text inside its `<li>` (or `<dd>`): links expanded as Wagtail's
    `richtext` filter does, the single paragraph Draftail wraps it in left out."""
    source = value.source if isinstance(value, RichText) else str(value or "")
    html = expand_db_html(source)
    match = _ONE_PARAGRAPH.match(html)
    if match and "<p" not in match["inner"]:
        html = match["inner"]
    return mark_safe(html)  # noqa: S308 - Wagtail's own rich-text HTML, as `richtext` returns it
