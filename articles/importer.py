"""Turn a plain-text or Markdown article into clinical blocks, and save it as a draft.

Parsing is pure (text in, `ParsedArticle` out) so a malformed file is refused before
anything touches the database; saving happens in one transaction. Phone numbers in the
text never reach the page: each becomes a contact call-to-action whose number comes
from the contact records, and is listed in the report. See docs/importer.md.
"""

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from django.db import transaction
from django.utils.text import slugify

from contacts.models import ContactNumber, ContactPurpose
from contacts.phone import find_numbers

from .blocks import SECTION_HEADING
from .blocks.references import normalise_doi
from .blocks.text import SectionHeadingBlock
from .models import ArticlePage

MAX_FILE_BYTES = 1_000_000
DEFAULT_COUNTRY = "GB"

_BULLET = re.compile(r"^\s*(?:[•\u2022\-\*·])\s+(?P<text>\S.*)$")
_HEADING = re.compile(r"^(?P<hashes>#{1,3})\s+(?P<text>\S.*?)\s*#*\s*$")
_DIRECTIVE_OPEN = re.compile(r"^:::\s*(?P<name>[a-z-]+)\s*(?P<args>.*?)\s*$")
_DIRECTIVE_CLOSE = re.compile(r"^:::\s*$")
_TERM = re.compile(r"^(?P<term>[^:]{2,60}):\s+(?P<explanation>\S.*)$")
_DOI_IN_TEXT = re.compile(r"(?:\bdoi:\s*|https?://(?:dx\.)?doi\.org/)10\.", re.IGNORECASE)
_REFERENCE = re.compile(
    r"^(?P<authors>.+?)\s*[“\"](?P<title>.+?)[”\"]\s*"
    r"(?P<journal>[^\d(]*?)\s*"
    r"(?:vol\.?\s*(?P<volume>[\w-]+)(?:\s*[,(]\s*(?P<issue>[\w-]+)\)?)?)?\s*"
    r"(?:\((?P<year>\d{4})\))?\s*:?\s*"
    r"(?P<pages>\d+(?:\s*[-–]\s*\d+)?)?\.?\s*"
    r"(?P<doi>(?:doi:\s*|https?://(?:dx\.)?doi\.org/)10\.\S+?)\.?\s*$",
    re.IGNORECASE,
)
_MD_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<url>https?://[^)\s]+)\)")
_MD_BOLD = re.compile(r"\*\*(?P<text>[^*]+)\*\*")
_NUMBER_LEAD_IN = r"(?:\s*\b(?:at|on|call|phone|telephone|ring)\s+)?"

CALLOUT_KINDS = {"information", "warning"}
CARE_LEVELS = {"non-urgent": "non_urgent", "urgent": "urgent", "emergency": "emergency"}


class ArticleFormatError(ValueError):
    """The file cannot be read as an article; the message says where and why."""


@dataclass
class PhoneNumberFound:
    line: int
    text: str
    e164: str
    purpose: str
    in_contact_records: bool


@dataclass
class ParsedArticle:
    title: str
    summary: str
    body: list[tuple[str, object]] = field(default_factory=list)
    references: list[dict] = field(default_factory=list)
    report: list[str] = field(default_factory=list)
    phone_numbers: list[PhoneNumberFound] = field(default_factory=list)

    def block_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for block_type, _value in self.body:
            counts[block_type] = counts.get(block_type, 0) + 1
        if self.references:
            counts["reference"] = len(self.references)
        return counts


# --- Reading -------------------------------------------------------------------------------


def read_article_file(path) -> str:
    """The file's text, or ArticleFormatError for a missing, empty, binary or huge file."""
    path = Path(path)
    if not path.exists():
        raise ArticleFormatError(f"File not found: {path}")
    if not path.is_file():
        raise ArticleFormatError(f"Not a file: {path}")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ArticleFormatError(f"{path} is {size:,} bytes; articles are at most {MAX_FILE_BYTES:,}.")
    return decode_article(path.read_bytes(), str(path))


def decode_article(data: bytes, name: str) -> str:
    """The text of an uploaded or read file, or ArticleFormatError for an empty, binary, huge or
    non-UTF-8 one."""
    if len(data) > MAX_FILE_BYTES:
        raise ArticleFormatError(f"{name} is {len(data):,} bytes; articles are at most {MAX_FILE_BYTES:,}.")
    if b"\x00" in data:
        raise ArticleFormatError(f"{name} is a binary file, not a text or Markdown article.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleFormatError(
            f"{name} is not UTF-8 text (byte {error.start} cannot be read); save it as UTF-8."
        ) from None
    if not text.strip():
        raise ArticleFormatError(f"{name} is empty.")
    return text


# --- Tokenising ----------------------------------------------------------------------------


@dataclass
class _Element:
    kind: str  # title, heading, paragraph, list, directive
    line: int
    text: str = ""
    items: list[tuple[int, str]] = field(default_factory=list)
    name: str = ""
    args: str = ""
    children: list["_Element"] = field(default_factory=list)


def _tokenise(lines: list[tuple[int, str]], inside_directive: bool = False) -> list[_Element]:
    elements: list[_Element] = []
    paragraph: list[tuple[int, str]] = []
    bullets: list[tuple[int, str]] = []

    def flush():
        nonlocal paragraph, bullets
        if paragraph:
            elements.append(_Element("paragraph", paragraph[0][0], " ".join(t.strip() for _, t in paragraph)))
            paragraph = []
        if bullets:
            elements.append(_Element("list", bullets[0][0], items=bullets))
            bullets = []

    index = 0
    while index < len(lines):
        number, line = lines[index]
        stripped = line.strip()
        if not stripped:
            flush()
        elif (opened := _DIRECTIVE_OPEN.match(stripped)) and not _DIRECTIVE_CLOSE.match(stripped):
            if inside_directive:
                raise ArticleFormatError(f"line {number}: a ::: block cannot start inside another.")
            flush()
            end = index + 1
            while end < len(lines) and not _DIRECTIVE_CLOSE.match(lines[end][1].strip()):
                end += 1
            if end == len(lines):
                raise ArticleFormatError(f"line {number}: the “::: {opened['name']}” block is never closed with “:::”.")
            element = _Element("directive", number, name=opened["name"], args=opened["args"])
            element.children = _tokenise(lines[index + 1 : end], inside_directive=True)
            elements.append(element)
            index = end
        elif _DIRECTIVE_CLOSE.match(stripped):
            raise ArticleFormatError(f"line {number}: “:::” closes a block that was never opened.")
        elif heading := _HEADING.match(stripped):
            flush()
            kind = "title" if len(heading["hashes"]) == 1 and not inside_directive else "heading"
            elements.append(_Element(kind, number, heading["text"]))
        elif bullet := _BULLET.match(line):
            if paragraph:
                flush()
            bullets.append((number, bullet["text"].strip()))
        else:
            if bullets:
                flush()
            paragraph.append((number, stripped))
        index += 1
    flush()
    return elements


# --- Mapping to blocks ---------------------------------------------------------------------


def _rich_text(text: str) -> str:
    escaped = html.escape(text, quote=False)
    escaped = _MD_LINK.sub(lambda m: f'<a href="{html.escape(m["url"])}">{m["text"]}</a>', escaped)
    escaped = _MD_BOLD.sub(lambda m: f"<b>{m['text']}</b>", escaped)
    return f"<p>{escaped}</p>"


def _rich_paragraphs(elements: list[_Element]) -> str:
    return "".join(_rich_text(e.text) for e in elements if e.kind == "paragraph")


def _parse_reference(line: int, text: str) -> dict:
    match = _REFERENCE.match(text.strip())
    if not match:
        raise ArticleFormatError(
            f"line {line}: this reference has a DOI but cannot be read as "
            "Authors “Title.” Journal vol. V,I (Year): pages. doi:10.…"
        )
    try:
        doi = normalise_doi(re.sub(r"^doi:\s*", "doi:", match["doi"], flags=re.IGNORECASE))
    except ValueError:
        raise ArticleFormatError(f"line {line}: “{match['doi']}” is not a DOI.") from None
    return {
        "authors": match["authors"].strip().rstrip("."),
        "title": match["title"].strip().rstrip("."),
        "journal": (match["journal"] or "").strip().rstrip("."),
        "volume": match["volume"] or "",
        "issue": match["issue"] or "",
        "year": int(match["year"]) if match["year"] else None,
        "pages": (match["pages"] or "").replace(" ", ""),
        "doi": doi,
    }


class _Mapper:
    def __init__(self, known_numbers: dict[str, str], country: str):
        self.known_numbers = known_numbers
        self.country = country
        self.body: list[tuple[str, Any]] = []
        self.references: list[dict] = []
        self.report: list[str] = []
        self.phone_numbers: list[PhoneNumberFound] = []

    # Phone numbers --------------------------------------------------------------------------
    def _take_numbers(self, line: int, text: str, default_purpose: str) -> tuple[str, list[str]]:
        """Remove every phone number from `text`; return the text and the purposes found."""
        purposes = []
        for raw, e164 in find_numbers(text, self.country):
            purpose = self.known_numbers.get(e164, default_purpose)
            known = e164 in self.known_numbers
            self.phone_numbers.append(PhoneNumberFound(line, raw, e164, purpose, known))
            self.report.append(
                f"line {line}: phone number “{raw}” ({e164}) → contact call-to-action “{purpose}”; "
                + (
                    "it matches a contact record"
                    if known
                    else "NOT in the contact records: add it there before publishing"
                )
                + " (numbers belong in contact records, not in the text)"
            )
            text = re.sub(_NUMBER_LEAD_IN + re.escape(raw), "", text, count=1)
            purposes.append(purpose)
        text = re.sub(r"\s+([,.;:])", r"\1", text)
        return " ".join(text.split()), purposes

    def _contact_block(self, purpose: str, heading: str, text: str = "") -> None:
        self.body.append(("contact_cta", {"purpose": purpose, "heading": heading, "text": text}))

    # Page top --------------------------------------------------------------------------------
    def page_top(self, elements: list[_Element]) -> None:
        texts, purposes = [], []
        for element in elements:
            for line, text in [(element.line, element.text)] + element.items:
                remaining, found = self._take_numbers(line, text, ContactPurpose.ADMISSIONS)
                purposes += found
                if remaining.strip(" .,-"):
                    texts.append(remaining)
        if not texts and not purposes:
            return
        purpose = purposes[0] if purposes else ContactPurpose.ADMISSIONS
        heading, rest = (texts[0], texts[1:]) if texts else ("Contact us", [])
        self._contact_block(purpose, heading[:160], " ".join(rest))
        self.report.append(
            f"lines {elements[0].line}-{elements[-1].line}: page-top call to action → "
            f"contact call-to-action “{purpose}”"
        )

    # Body ------------------------------------------------------------------------------------
    def elements(self, elements: list[_Element]) -> None:
        index = 0
        while index < len(elements):
            element = elements[index]
            following = elements[index + 1] if index + 1 < len(elements) else None
            if element.kind == "heading":
                self.body.append((SECTION_HEADING, {"heading": element.text[:160], "anchor": ""}))
                self.report.append(f"line {element.line}: section heading “{element.text}”")
            elif element.kind == "title":
                raise ArticleFormatError(f"line {element.line}: a second “# ” title; use “## ” for sections.")
            elif element.kind == "directive":
                self.directive(element)
            elif element.kind == "list":
                self.bullet_list(element, intro="")
            elif (
                following is not None
                and following.kind == "list"
                and element.text.endswith(":")
                and len(element.text) <= 240
                and not any(_DOI_IN_TEXT.search(t) for _, t in following.items)
            ):
                self.bullet_list(following, intro=element.text)
                index += 1
            else:
                self.paragraph(element)
            index += 1

    def paragraph(self, element: _Element) -> None:
        text, purposes = self._take_numbers(element.line, element.text, ContactPurpose.ENQUIRIES)
        if text:
            self.body.append(("paragraph", _rich_text(text)))
            self.report.append(f"line {element.line}: paragraph")
        for purpose in purposes:
            self._contact_block(purpose, "Contact us")

    def bullet_list(self, element: _Element, intro: str) -> None:
        items = []
        for line, text in element.items:
            if _DOI_IN_TEXT.search(text):
                self.references.append(_parse_reference(line, text))
                self.report.append(f"line {line}: reference → references (DOI {self.references[-1]['doi']})")
            else:
                items.append((line, text))
        if not items:
            return
        line = items[0][0]
        terms = [match for _, text in items if (match := _TERM.match(text))]
        if len(items) >= 2 and len(terms) == len(items):
            self.body.append(
                (
                    "definition_list",
                    {
                        "intro": intro,
                        "items": [{"term": m["term"].strip(), "explanation": m["explanation"].strip()} for m in terms],
                    },
                )
            )
            self.report.append(f"line {line}: “Term: explanation” bullets → definition list ({len(items)} terms)")
        else:
            self.body.append(("bullet_list", {"intro": intro, "items": [text for _, text in items]}))
            self.report.append(f"line {line}: bullet list ({len(items)} items)")

    # Directives ------------------------------------------------------------------------------
    def directive(self, element: _Element) -> None:
        handler = getattr(self, "directive_" + element.name.replace("-", "_"), None)
        if handler is None:
            raise ArticleFormatError(
                f"line {element.line}: unknown block “::: {element.name}”; known: "
                "callout, care, compare, contact, do-dont, question, self-care, therapy."
            )
        handler(element)
        self.report.append(f"line {element.line}: “::: {element.name}” → {self.body[-1][0].replace('_', ' ')}")

    def _fail(self, element: _Element, why: str) -> NoReturn:
        raise ArticleFormatError(f"line {element.line}: “::: {element.name}” {why}")

    def _lists_by_heading(self, element: _Element, expected: int) -> list[tuple[str, list[str]]]:
        groups: list[tuple[str, list[str]]] = []
        for child in element.children:
            if child.kind == "heading":
                groups.append((child.text.rstrip(":"), []))
            elif child.kind == "list" and groups:
                groups[-1][1].extend(text for _, text in child.items)
        if len(groups) != expected or not all(items for _, items in groups):
            self._fail(element, f"needs {expected} “### heading” lines, each followed by “- ” items.")
        return groups

    def directive_callout(self, element: _Element) -> None:
        kind, _, heading = element.args.partition(" ")
        if kind not in CALLOUT_KINDS:
            self._fail(element, "needs a kind: information or warning.")
        text = _rich_paragraphs(element.children)
        if not text:
            self._fail(element, "has no text.")
        self.body.append(("callout", {"kind": kind, "heading": heading.strip(), "text": text}))

    def directive_care(self, element: _Element) -> None:
        level, _, heading = element.args.partition(" ")
        if level not in CARE_LEVELS or not heading.strip():
            self._fail(element, "needs a level (non-urgent, urgent or emergency) and a heading.")
        self.body.append(
            (
                "care_level",
                {
                    "level": CARE_LEVELS[level],
                    "heading": heading.strip(),
                    "text": _rich_paragraphs(element.children),
                },
            )
        )

    def directive_compare(self, element: _Element) -> None:
        (healthy, healthy_items), (harmful, harmful_items) = self._lists_by_heading(element, 2)
        self.body.append(
            (
                "comparison",
                {
                    "heading": element.args,
                    "healthy_heading": healthy,
                    "healthy_items": healthy_items,
                    "harmful_heading": harmful,
                    "harmful_items": harmful_items,
                },
            )
        )

    def directive_do_dont(self, element: _Element) -> None:
        (_, do_items), (_, dont_items) = self._lists_by_heading(element, 2)
        self.body.append(("do_dont", {"do_items": do_items, "dont_items": dont_items}))

    def directive_therapy(self, element: _Element) -> None:
        match = re.match(r"^(?P<name>.+?)(?:\s*\((?P<abbr>[^)]+)\))?$", element.args)
        what = " ".join(c.text for c in element.children if c.kind == "paragraph")
        helps = [text for c in element.children if c.kind == "list" for _, text in c.items]
        if not match or not what or not helps:
            self._fail(element, "needs a name, a paragraph saying what it is and “- ” items it helps with.")
        self.body.append(
            (
                "therapy_card",
                {
                    "name": match["name"],
                    "abbreviation": match["abbr"] or "",
                    "what_it_is": what,
                    "helps_with": helps,
                },
            )
        )

    def directive_self_care(self, element: _Element) -> None:
        items = [text for c in element.children if c.kind == "list" for _, text in c.items]
        intro = " ".join(c.text for c in element.children if c.kind == "paragraph")
        if not items:
            self._fail(element, "needs “- ” items.")
        self.body.append(
            (
                "self_care_checklist",
                {"heading": element.args or "Self-care ideas", "intro": intro, "items": items},
            )
        )

    def directive_question(self, element: _Element) -> None:
        answer = _rich_paragraphs(element.children)
        if not element.args or not answer:
            self._fail(element, "needs the question after its name and the answer as text.")
        self.body.append(("question_answer", {"question": element.args, "answer": answer}))

    def directive_contact(self, element: _Element) -> None:
        purpose, _, heading = element.args.partition(" ")
        if purpose not in ContactPurpose.values or not heading.strip():
            self._fail(element, f"needs a purpose ({', '.join(ContactPurpose.values)}) and a heading.")
        text = " ".join(c.text for c in element.children if c.kind == "paragraph")
        text, _ = self._take_numbers(element.line, text, purpose)
        self._contact_block(purpose, heading.strip(), text)


def _is_number_only(element: _Element, country: str) -> bool:
    if element.kind != "paragraph":
        return False
    numbers = list(find_numbers(element.text, country))
    rest = element.text
    for raw, _ in numbers:
        rest = rest.replace(raw, "")
    return bool(numbers) and not rest.strip(" .,-:")


def _unique_anchors(mapper) -> None:
    """Every section heading its own anchor: a heading whose anchor an earlier one already has
    ("Do" three times) gets the anchor with a suffix ("do-2", "do-3"), as its link name."""

    block, seen = SectionHeadingBlock(), set()
    for block_type, value in mapper.body:
        if block_type != SECTION_HEADING:
            continue
        anchor = base = block.to_python(value).anchor_id
        suffix = 1
        while anchor in seen:
            suffix += 1
            anchor = f"{base}-{suffix}"
        if anchor != base:
            value["anchor"] = anchor
            mapper.report.append(f"section heading “{value['heading']}” repeats an earlier one → link name “{anchor}”")
        seen.add(anchor)


def parse_article(
    text: str, *, known_numbers: dict[str, str] | None = None, country: str = DEFAULT_COUNTRY
) -> ParsedArticle:
    """Map an article's text to blocks. `known_numbers` maps E.164 numbers to contact purposes."""
    lines = list(enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1))
    elements = _tokenise(lines)
    if not elements:
        raise ArticleFormatError("The file has no text.")

    titles = [i for i, e in enumerate(elements) if e.kind == "title"]
    if titles:
        title_index = titles[0]
    else:
        # Plain text: a page-top call to action ends with its phone number; the title follows.
        number_only = [i for i, e in enumerate(elements[:6]) if _is_number_only(e, country)]
        title_index = number_only[0] + 1 if number_only else 0
    if title_index >= len(elements) or elements[title_index].kind not in {"title", "paragraph"}:
        raise ArticleFormatError("Could not find the article's title (a “# Title” line, or its first line).")
    title_element = elements[title_index]
    if len(title_element.text) > 200:
        raise ArticleFormatError(
            f"line {title_element.line}: the title would be {len(title_element.text)} characters long; "
            "start the file with a “# Title” line."
        )

    mapper = _Mapper(known_numbers or {}, country)
    mapper.report.append(f"line {title_element.line}: title “{title_element.text}”")
    mapper.page_top(elements[:title_index])

    rest = elements[title_index + 1 :]
    summary = ""
    if rest and rest[0].kind == "paragraph" and not list(find_numbers(rest[0].text, country)):
        summary = rest[0].text
        mapper.report.append(f"line {rest[0].line}: first paragraph → summary")
        rest = rest[1:]
    mapper.elements(rest)
    # A heading left with nothing under it (typically "References", whose entries go to the
    # page's reference list) would be an empty section.
    while mapper.body and mapper.body[-1][0] == SECTION_HEADING:
        heading = mapper.body.pop()[1]["heading"]
        mapper.report.append(f"section heading “{heading}” has no text under it → left out")
    _unique_anchors(mapper)
    if not any(block_type != "contact_cta" for block_type, _ in mapper.body):
        raise ArticleFormatError("The article has a title but no text.")
    if not summary:
        raise ArticleFormatError("The article needs a first paragraph after its title to use as its summary.")
    return ParsedArticle(
        title=title_element.text,
        summary=summary[:600],
        body=mapper.body,
        references=mapper.references,
        report=mapper.report,
        phone_numbers=mapper.phone_numbers,
    )


# --- Saving --------------------------------------------------------------------------------


_BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def _without_ids(data):
    """Stream data minus the block ids and rich-text block keys that change on every parse."""
    if isinstance(data, list):
        return [_without_ids(item) for item in data]
    if isinstance(data, dict):
        return {key: _without_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, str):
        return _BLOCK_KEY.sub("", data)
    return data


def _content_of(page) -> dict:
    return {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": _without_ids(page.body.get_prep_value()),
        "references": _without_ids(page.references.get_prep_value()),
    }


@dataclass
class ImportResult:
    page: object
    status: str  # created, updated, unchanged
    parsed: ParsedArticle


def known_contact_numbers() -> dict[str, str]:
    return dict(ContactNumber.objects.values_list("number", "purpose"))


def is_slug(value: str) -> bool:
    """Lower-case letters (any script), digits and hyphens, as `--slug` and the upload form take."""
    return bool(value) and slugify(value, allow_unicode=True) == value


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _page_for(parsed: ParsedArticle, parent, locale, slug: str | None):
    """(the article's slug, its existing page or None). With `slug` given, that page is this
    article. Otherwise the slug comes from the title, Unicode kept, and a page already there is
    this article only if its title is the same: another article whose title makes the same slug
    ("Sleep!" and "Sleep?") keeps its draft, and this one gets the next free slug ("sleep-2")."""

    siblings = ArticlePage.objects.child_of(parent).filter(locale=locale)
    if slug:
        return slug, siblings.filter(slug=slug).first()
    base = slugify(parsed.title, allow_unicode=True)[:240] or "article"
    taken = {page.slug: page for page in siblings.filter(slug__startswith=base)}
    candidate, suffix = base, 1
    while candidate in taken:
        if _same_title(taken[candidate].get_latest_revision_as_object().title, parsed.title):
            return candidate, taken[candidate]
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate, None


def save_draft(parsed: ParsedArticle, *, parent, locale, user=None, slug: str | None = None) -> ImportResult:
    """Create the article as a draft under `parent`, or add a draft revision to the same
    article there (see `_page_for`: never another article's draft). Never publishes; an
    unchanged article gets no new revision."""

    with transaction.atomic():
        slug, existing = _page_for(parsed, parent, locale, slug)
        if existing is not None:
            page = existing.get_latest_revision_as_object()
        else:
            page = ArticlePage(slug=slug, locale=locale, live=False)
        before = _content_of(page) if existing is not None else None
        page.title = parsed.title
        page.summary = parsed.summary
        page.body = parsed.body
        page.references = [("reference", reference) for reference in parsed.references]
        if existing is None:
            parent.add_child(instance=page)
            page.save_revision(user=user, log_action=True)
            return ImportResult(page, "created", parsed)
        if _content_of(page) == before:
            return ImportResult(existing, "unchanged", parsed)
        page.save_revision(user=user, log_action=True)
        existing.refresh_from_db()  # its latest_revision pointer has moved on
        return ImportResult(existing, "updated", parsed)
