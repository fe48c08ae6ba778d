"""Inline content: bold, italic and links kept as Wagtail rich text, everything else unwrapped,
text escaped exactly once; plain text for the fields that hold no formatting."""

import copy
import html
import re
from urllib.parse import urljoin, urlsplit

from bs4 import NavigableString, Tag
from bs4.element import Comment

BOLD = {"b", "strong"}
ITALIC = {"i", "em"}
LINK_SCHEMES = {"http", "https", "mailto"}
# What leads into a phone number in running text, taken out with it.
NUMBER_LEAD_IN = r"(?:\s*\b(?:at|on|call|phone|telephone|ring|llame al|appelez le|اتصل على)\s+)?"


class Links:
    """How the links of one import are resolved, and what the report says about those that
    cannot be kept."""

    def __init__(self, base_url: str = "", report=None):
        self.base_url = base_url
        self.report = report if report is not None else []

    def resolve(self, href: str, where: str) -> str:
        """The address a reader's link goes to, or "" to keep the words without a link."""
        href = href.strip()
        scheme = urlsplit(href).scheme.lower()
        if scheme == "tel":
            return ""  # numbers belong to the contact records: the contact call-to-action shows them
        if scheme in LINK_SCHEMES:
            return href
        if scheme:
            self.report.append(f"{where}: link “{href}” left out (only http, https and mailto links are kept)")
            return ""
        if href.startswith("#"):
            return ""
        if not self.base_url:
            self.report.append(f"{where}: relative link “{href}” kept as text: import with a base address to keep it")
            return ""
        return urljoin(self.base_url, href)


def without_numbers(node: Tag, raws: list[str]) -> Tag:
    """A copy of `node` with the phone numbers `raws` (and their "call"/"on") taken out of its
    text, and with its `tel:` links gone."""
    node = copy.copy(node)
    if not raws:
        return node
    for string in node.find_all(string=True):
        if isinstance(string, Comment):
            continue
        text = str(string)
        for raw in raws:
            text = re.sub(NUMBER_LEAD_IN + re.escape(raw), "", text, flags=re.IGNORECASE)
        if text != str(string):
            text = re.sub(r"\s+([,.;:])", r"\1", text)
            string.replace_with(NavigableString(text))
    return node


def rich_text(node: Tag, links: Links, where: str, *, block: str = "p") -> str:
    """`node`'s inline content as Wagtail rich text: "<p>…</p>" (or "" when it has no words)."""
    inner = " ".join(_inline(node, links, where).split())
    inner = re.sub(r"\s+([,.;:])", r"\1", inner)
    inner = re.sub(r"<(b|i)>\s*</\1>", "", inner)
    if not re.sub(r"<[^>]+>", "", inner).strip():
        return ""
    return f"<{block}>{inner}</{block}>"


def _inline(node, links: Links, where: str) -> str:
    if isinstance(node, Comment):
        return ""
    if isinstance(node, NavigableString):
        return html.escape(str(node), quote=False)
    if not isinstance(node, Tag):
        return ""
    if node.name in ("br",):
        return " "
    inner = "".join(_inline(child, links, where) for child in node.children)
    if node.name in BOLD and inner.strip():
        return f"<b>{inner}</b>"
    if node.name in ITALIC and inner.strip():
        return f"<i>{inner}</i>"
    if node.name == "a" and node.get("href") and inner.strip():
        href = links.resolve(str(node["href"]), where)
        return f'<a href="{html.escape(href)}">{inner}</a>' if href else inner
    return inner


def plain_text(node: Tag) -> str:
    text = " ".join(node.get_text().split())
    return re.sub(r"\s+([,.;:])", r"\1", text)
