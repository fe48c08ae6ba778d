"""The one mapping from an article's elements (any format: see `reading` and `elements`) to
the clinical blocks, with the structures a health writer uses recognised without directives.
Block names and fields are the body block's own (`ArticleBodyBlock`). See docs/importer.md."""

import html
import re
from dataclasses import dataclass, field
from typing import Any, NoReturn

from contacts.models import ContactPurpose
from contacts.phone import find_numbers

from ..blocks import SECTION_HEADING, ArticleBodyBlock
from ..blocks.references import normalise_doi
from ..blocks.text import SectionHeadingBlock
from .elements import Element, elements_of, text_of
from .inline import NUMBER_LEAD_IN, Links, plain_text, rich_text, without_numbers
from .reading import ArticleFormatError, Source

DEFAULT_COUNTRY = "GB"
ITEM_MAX_LENGTH = 500
BODY = ArticleBodyBlock()
CALLOUT_KINDS = {"information", "warning"}
CARE_LEVELS = {"non-urgent": "non_urgent", "urgent": "urgent", "emergency": "emergency"}

# Headings (or lines) a health writer puts above a list, per language.
DO_LABELS = {
    "do",
    "dos",
    "haga",
    "haz",
    "qué hacer",
    "que hacer",
    "à faire",
    "a faire",
    "faites",
    "افعل",
    "ما يجب فعله",
}
DONT_LABELS = {
    "don't",
    "do not",
    "dont",
    "don'ts",
    "no haga",
    "no haz",
    "qué no hacer",
    "que no hacer",
    "à ne pas faire",
    "a ne pas faire",
    "ne faites pas",
    "لا تفعل",
    "ما لا يجب فعله",
}
CALLOUT_LABELS = {
    **dict.fromkeys(("important", "importante", "note", "nota", "remarque", "مهم", "ملاحظة"), "information"),
    **dict.fromkeys(
        ("warning", "advertencia", "aviso", "precaución", "attention", "avertissement", "caution", "تحذير"), "warning"
    ),
}

_TERM = re.compile(r"^(?P<term>[^:]{2,60}):\s+(?P<explanation>\S.*)$")
_IDENTIFIER_IN_TEXT = re.compile(
    r"(?:\bdoi:\s*|https?://(?:dx\.)?doi\.org/)10\.|\bPMID:?\s*\d|pubmed\.ncbi\.nlm\.nih\.gov/\d", re.IGNORECASE
)
_REFERENCE = re.compile(
    r"^(?P<authors>.+?)\s*[“\"](?P<title>.+?)[”\"]\s*"
    r"(?P<journal>[^\d(]*?)\s*"
    r"(?:vol\.?\s*(?P<volume>[\w-]+)(?:\s*[,(]\s*(?P<issue>[\w-]+)\)?)?)?\s*"
    r"(?:\((?P<year>\d{4})\))?\s*:?\s*"
    r"(?P<pages>\d+(?:\s*[-–]\s*\d+)?)?\.?\s*"
    r"(?:(?P<doi>(?:doi:\s*|https?://(?:dx\.)?doi\.org/)10\.\S+?)"
    r"|(?:PMID:?\s*|https?://pubmed\.ncbi\.nlm\.nih\.gov/)(?P<pmid>\d{1,9})/?)\.?\s*$",
    re.IGNORECASE,
)


def _label(text: str) -> str:
    return " ".join(text.replace("’", "'").strip().rstrip(":").split()).casefold()


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


class _Mapper:
    def __init__(self, known_numbers: dict[str, str], country: str, unit: str, base_url: str):
        self.known_numbers = known_numbers
        self.country = country
        self.unit = unit
        self.body: list[tuple[str, Any]] = []
        self.references: list[dict] = []
        self.report: list[str] = []
        self.phone_numbers: list[PhoneNumberFound] = []
        self.links = Links(base_url, self.report)
        self.names = set(BODY.child_blocks)
        # The purposes of the numbers taken out of the element being mapped: its contact blocks
        # follow it (`flush_contacts`), wherever in it the numbers were.
        self.pending_contacts: list[str] = []

    def flush_contacts(self) -> None:
        for purpose in self.pending_contacts:
            self.contact(purpose, "Contact us")
        self.pending_contacts = []

    def where(self, line: int) -> str:
        return f"{self.unit} {line}"

    def add(self, block_type: str, value: Any) -> None:
        assert block_type in self.names, block_type  # the body block's own names only
        self.body.append((block_type, value))

    # Phone numbers --------------------------------------------------------------------------
    def take_numbers(self, line: int, text: str, default_purpose: str) -> tuple[str, list[str], list[str]]:
        """(the text without its phone numbers, the purposes found, the numbers as written). The
        caller adds the purposes to `pending_contacts` (the page top makes its own block)."""
        purposes, raws = [], []
        for raw, e164 in find_numbers(text, self.country):
            purpose = self.known_numbers.get(e164, default_purpose)
            known = e164 in self.known_numbers
            self.phone_numbers.append(PhoneNumberFound(line, raw, e164, purpose, known))
            self.report.append(
                f"{self.where(line)}: phone number “{raw}” ({e164}) → contact call-to-action “{purpose}”; "
                + (
                    "it matches a contact record"
                    if known
                    else "NOT in the contact records: add it there before publishing"
                )
                + " (numbers belong in contact records, not in the text)"
            )
            purposes.append(purpose)
            raws.append(raw)
        remaining = text
        for raw in raws:
            remaining = re.sub(NUMBER_LEAD_IN + re.escape(raw), "", remaining, count=1, flags=re.IGNORECASE)
        remaining = re.sub(r"\s+([,.;:])", r"\1", remaining)
        return " ".join(remaining.split()), purposes, raws

    def contact(self, purpose: str, heading: str, text: str = "") -> None:
        self.add("contact_cta", {"purpose": purpose, "heading": heading, "text": text})

    def rich(self, element_or_node, line: int, raws: list[str] | None = None) -> str:
        node = element_or_node.node if isinstance(element_or_node, Element) else element_or_node
        if node is None:
            return ""
        return rich_text(without_numbers(node, raws or []), self.links, self.where(line))

    def item(self, line: int, node) -> tuple[str, str]:
        """A list item (or cell) as rich text (bold, italic, links) and its words, both without
        its phone numbers (their contact blocks follow the element)."""
        text, purposes, raws = self.take_numbers(line, plain_text(node), ContactPurpose.ENQUIRIES)
        self.pending_contacts += purposes
        if len(text) > ITEM_MAX_LENGTH:
            self.report.append(
                f"{self.where(line)}: a list item of {len(text)} characters cut to {ITEM_MAX_LENGTH} "
                "(list items are at most that): check its end, or make it a paragraph"
            )
            return f"<p>{html.escape(text[:ITEM_MAX_LENGTH], quote=False)}</p>", text
        return self.rich(node, line, raws), text

    def explanation(self, term: str, rich: str, plain: str) -> str:
        """The rich text after "Term:" in a "Term: explanation" item."""
        lead = re.compile(r"^<p>(?:<[bi]>)?\s*" + re.escape(term) + r"\s*(?:</[bi]>)?\s*:\s*(?:</[bi]>)?\s*")
        if lead.match(rich):
            return lead.sub("<p>", rich, count=1)
        return f"<p>{html.escape(plain, quote=False)}</p>"

    # Page top --------------------------------------------------------------------------------
    def page_top(self, elements: list[Element]) -> None:
        texts, purposes = [], []
        for element in elements:
            pieces = [(element.line, element.text)] + [(line, plain_text(node)) for line, node in element.items]
            for line, text in pieces:
                remaining, found, _ = self.take_numbers(line, text, ContactPurpose.ADMISSIONS)
                purposes += found
                if remaining.strip(" .,-"):
                    texts.append(remaining)
        if not texts and not purposes:
            return
        purpose = purposes[0] if purposes else ContactPurpose.ADMISSIONS
        heading, rest = (texts[0], texts[1:]) if texts else ("Contact us", [])
        self.contact(purpose, heading[:160], " ".join(rest))
        self.report.append(
            f"{self.unit}s {elements[0].line}-{elements[-1].line}: page-top call to action → "
            f"contact call-to-action “{purpose}”"
        )

    # Body ------------------------------------------------------------------------------------
    def elements(self, elements: list[Element]) -> None:
        index = 0
        while index < len(elements):
            consumed = self.recognised(elements, index)
            if consumed:
                self.flush_contacts()
                index += consumed
                continue
            element = elements[index]
            following = elements[index + 1] if index + 1 < len(elements) else None
            if element.kind == "heading":
                self.add(SECTION_HEADING, {"heading": element.text[:160], "anchor": ""})
                self.report.append(f"{self.where(element.line)}: section heading “{element.text}”")
            elif element.kind == "title":
                raise ArticleFormatError(
                    f"{self.where(element.line)}: a second title (“# ”, <h1>); use a section heading (“## ”, <h2>)."
                )
            elif element.kind == "directive":
                self.directive(element)
            elif element.kind == "list":
                self.bullet_list(element, intro="")
            elif element.kind == "definitions":
                self.definitions(element, intro="")
            elif element.kind == "table":
                self.table(element)
            elif element.kind == "skipped":
                self.report.append(
                    f"{self.where(element.line)}: <{element.name}> left out (add images and media in the admin)"
                )
            elif (
                following is not None
                and following.kind == "list"
                and element.text.endswith(":")
                and len(element.text) <= 240
                and not any(_IDENTIFIER_IN_TEXT.search(plain_text(node)) for _, node in following.items)
            ):
                self.bullet_list(following, intro=element.text)
                index += 1
            else:
                self.paragraph(element)
            self.flush_contacts()
            index += 1

    def recognised(self, elements: list[Element], index: int) -> int:
        """The structures recognised without a directive; how many elements they took (0: none)."""
        element = elements[index]
        if element.kind not in ("heading", "paragraph"):
            return 0
        label = _label(element.text)
        if label in DO_LABELS | DONT_LABELS:
            return self.do_dont(elements, index)
        if label in CALLOUT_LABELS and element.kind == "heading":
            return self.callout_under_heading(elements, index, CALLOUT_LABELS[label])
        if element.kind == "paragraph":
            return self.labelled_callout(element)
        return 0

    def do_dont(self, elements: list[Element], index: int) -> int:
        """ "Do" above a list and "Don't" above another (either order, any language in
        DO_LABELS/DONT_LABELS): one do-and-don't block. One side alone stays as written."""
        window = elements[index : index + 4]
        if len(window) < 4 or window[1].kind != "list" or window[3].kind != "list":
            return 0
        first, second = _label(window[0].text), _label(window[2].text)
        if window[2].kind not in ("heading", "paragraph"):
            return 0
        if first in DO_LABELS and second in DONT_LABELS:
            do_list, dont_list = window[1], window[3]
        elif first in DONT_LABELS and second in DO_LABELS:
            do_list, dont_list = window[3], window[1]
        else:
            return 0
        do_items = self.items(do_list)
        dont_items = self.items(dont_list)
        self.add("do_dont", {"do_items": do_items, "dont_items": dont_items})
        self.report.append(
            f"{self.where(window[0].line)}: “{window[0].text}” and “{window[2].text}” lists → do and don't "
            f"({len(do_items)} and {len(dont_items)} items)"
        )
        return 4

    def callout_under_heading(self, elements: list[Element], index: int, kind: str) -> int:
        heading = elements[index]
        paragraphs = []
        for element in elements[index + 1 :]:
            if element.kind != "paragraph":
                break
            paragraphs.append(element)
        if not paragraphs:
            return 0
        text = "".join(self.paragraph_text(p) for p in paragraphs)
        self.add("callout", {"kind": kind, "heading": heading.text[:160], "text": text})
        self.report.append(f"{self.where(heading.line)}: “{heading.text}” heading and its text → {kind} callout")
        return 1 + len(paragraphs)

    def labelled_callout(self, element: Element) -> int:
        """ "Important: …" or "Warning – …" (the word in bold or not) → a callout."""
        match = re.match(r"^(?P<label>[^:–—-]{2,30}?)\s*[:–—-]\s*\S", element.text)
        bold = element.node.find(["b", "strong"]) if element.node is not None else None
        word = match["label"].strip() if match else ""
        if _label(word) not in CALLOUT_LABELS and bold is not None and element.text.startswith(text_of(bold)):
            word = text_of(bold).rstrip(":–—- ")
        label = _label(word)
        if label not in CALLOUT_LABELS or not element.text[len(word) :].strip(" :–—-*"):
            return 0
        _, purposes, raws = self.take_numbers(element.line, element.text, ContactPurpose.ENQUIRIES)
        text = self.rich(element, element.line, raws)
        # The label becomes the callout's heading; the text starts after it (and its colon).
        lead = re.compile(
            r"^<p>(?:<b>)?\s*" + re.escape(word) + r"\s*(?:</b>)?\s*[:–—-]?\s*(?:</b>)?\s*", re.IGNORECASE
        )
        text = lead.sub("<p>", text, count=1)
        text = re.sub(r"^<p>(\w)", lambda m: "<p>" + m[1].upper(), text)
        heading = word
        if not re.sub(r"<[^>]+>", "", text).strip():
            return 0
        kind = CALLOUT_LABELS[label]
        self.add("callout", {"kind": kind, "heading": heading[:160], "text": text})
        self.report.append(f"{self.where(element.line)}: “{heading or label}” paragraph → {kind} callout")
        self.pending_contacts += purposes
        return 1

    def paragraph_text(self, element: Element) -> str:
        """A paragraph as rich text without its phone numbers (their contact blocks follow)."""
        _, purposes, raws = self.take_numbers(element.line, element.text, ContactPurpose.ENQUIRIES)
        self.pending_contacts += purposes
        return self.rich(element, element.line, raws)

    def paragraph(self, element: Element) -> None:
        rich = self.paragraph_text(element)
        if rich:
            self.add("paragraph", rich)
            self.report.append(f"{self.where(element.line)}: paragraph")

    def items(self, element: Element) -> list[str]:
        return [rich for rich, _ in (self.item(line, node) for line, node in element.items) if rich]

    def bullet_list(self, element: Element, intro: str) -> None:
        items = []
        for line, node in element.items:
            plain = plain_text(node)
            if _IDENTIFIER_IN_TEXT.search(plain):
                self.references.append(self.reference(line, plain))
                identifier = self.references[-1]["doi"] or f"PMID {self.references[-1]['pmid']}"
                self.report.append(f"{self.where(line)}: reference → references ({identifier})")
                continue
            rich, words = self.item(line, node)
            if rich:
                items.append((line, rich, words))
        if items:
            line = items[0][0]
            terms = [(rich, plain, match) for _, rich, plain in items if (match := _TERM.match(plain))]
            if len(items) >= 2 and len(terms) == len(items):
                pairs = [
                    (m["term"].strip(), self.explanation(m["term"].strip(), rich, m["explanation"].strip()))
                    for rich, _, m in terms
                ]
                self.definition_list(line, intro, pairs)
            else:
                self.add(
                    "bullet_list",
                    {"intro": intro[:240], "items": [rich for _, rich, _ in items], "numbered": element.ordered},
                )
                kind = "numbered list" if element.ordered else "bullet list"
                self.report.append(f"{self.where(line)}: {kind} ({len(items)} items)")

    def definition_list(self, line: int, intro: str, pairs: list[tuple[str, str]]) -> None:
        self.add(
            "definition_list",
            {"intro": intro[:240], "items": [{"term": t[:160], "explanation": e} for t, e in pairs]},
        )
        self.report.append(f"{self.where(line)}: “Term: explanation” → definition list ({len(pairs)} terms)")

    def definitions(self, element: Element, intro: str) -> None:
        pairs = []
        for line, node in element.items:
            rich, words = self.item(line, node)
            term, _, explanation = words.partition(": ")
            pairs.append((term, self.explanation(term, rich, explanation)))
        self.definition_list(element.line, intro, pairs)

    def table(self, element: Element) -> None:
        """Two columns read as terms and explanations; any other table, one list item a row.
        Cells keep their bold, italic and links; their phone numbers go to contact blocks."""
        header = None
        if element.rows and all(cell.name == "th" for cell in element.rows[0]):
            header = [plain_text(cell) for cell in element.rows[0]]
        rows = element.rows[1:] if header else element.rows
        cells = [[self.item(element.line, cell)[0] for cell in row] for row in rows]
        intro = " – ".join(header or [])[:240]
        if cells and all(len(row) == 2 for row in cells):
            pairs = [(plain_text(row[0]), explanation) for (_, explanation), row in zip(cells, rows, strict=True)]
            self.definition_list(element.line, intro, pairs)
            return
        items = ["<p>" + " – ".join(_inner(cell) for cell in row if _inner(cell)) + "</p>" for row in cells]
        self.add("bullet_list", {"intro": intro, "items": items, "numbered": False})
        self.report.append(
            f"{self.where(element.line)}: table of {len(header or rows[0])} columns → bullet list, one item a row"
        )

    def reference(self, line: int, text: str) -> dict:
        match = _REFERENCE.match(text.strip())
        if not match:
            raise ArticleFormatError(
                f"{self.where(line)}: this reference has a DOI or PubMed ID but cannot be read as "
                "Authors “Title.” Journal vol. V,I (Year): pages. doi:10.… (or PMID: …)"
            )
        doi = ""
        if match["doi"]:
            try:
                doi = normalise_doi(re.sub(r"^doi:\s*", "doi:", match["doi"], flags=re.IGNORECASE))
            except ValueError:
                raise ArticleFormatError(f"{self.where(line)}: “{match['doi']}” is not a DOI.") from None
        return {
            "authors": match["authors"].strip().rstrip("."),
            "title": match["title"].strip().rstrip("."),
            "journal": (match["journal"] or "").strip().rstrip("."),
            "volume": match["volume"] or "",
            "issue": match["issue"] or "",
            "year": int(match["year"]) if match["year"] else None,
            "pages": (match["pages"] or "").replace(" ", ""),
            "doi": doi,
            "pmid": match["pmid"] or "",
        }

    # Directives ------------------------------------------------------------------------------
    def directive(self, element: Element) -> None:
        handler = getattr(self, "directive_" + element.name.replace("-", "_"), None)
        if handler is None:
            raise ArticleFormatError(
                f"{self.where(element.line)}: unknown block “::: {element.name}”; known: "
                "callout, care, compare, contact, do-dont, question, self-care, therapy."
            )
        handler(element)
        self.report.append(f"{self.where(element.line)}: “::: {element.name}” → {self.body[-1][0].replace('_', ' ')}")

    def fail(self, element: Element, why: str) -> NoReturn:
        raise ArticleFormatError(f"{self.where(element.line)}: “::: {element.name}” {why}")

    def paragraphs(self, element: Element) -> str:
        return "".join(self.paragraph_text(child) for child in element.children if child.kind == "paragraph")

    def lists_by_heading(self, element: Element, expected: int) -> list[tuple[str, list[str]]]:
        groups: list[tuple[str, list[str]]] = []
        for child in element.children:
            if child.kind == "heading":
                groups.append((child.text.rstrip(":"), []))
            elif child.kind == "list" and groups:
                groups[-1][1].extend(self.items(child))
        if len(groups) != expected or not all(items for _, items in groups):
            self.fail(element, f"needs {expected} “### heading” lines, each followed by “- ” items.")
        return groups

    def directive_callout(self, element: Element) -> None:
        kind, _, heading = element.args.partition(" ")
        if kind not in CALLOUT_KINDS:
            self.fail(element, "needs a kind: information or warning.")
        text = self.paragraphs(element)
        if not text:
            self.fail(element, "has no text.")
        self.add("callout", {"kind": kind, "heading": heading.strip(), "text": text})

    def directive_care(self, element: Element) -> None:
        level, _, heading = element.args.partition(" ")
        if level not in CARE_LEVELS or not heading.strip():
            self.fail(element, "needs a level (non-urgent, urgent or emergency) and a heading.")
        self.add(
            "care_level", {"level": CARE_LEVELS[level], "heading": heading.strip(), "text": self.paragraphs(element)}
        )

    def directive_compare(self, element: Element) -> None:
        (healthy, healthy_items), (harmful, harmful_items) = self.lists_by_heading(element, 2)
        self.add(
            "comparison",
            {
                "heading": element.args,
                "healthy_heading": healthy,
                "healthy_items": healthy_items,
                "harmful_heading": harmful,
                "harmful_items": harmful_items,
            },
        )

    def directive_do_dont(self, element: Element) -> None:
        (_, do_items), (_, dont_items) = self.lists_by_heading(element, 2)
        self.add("do_dont", {"do_items": do_items, "dont_items": dont_items})

    def directive_therapy(self, element: Element) -> None:
        match = re.match(r"^(?P<name>.+?)(?:\s*\((?P<abbr>[^)]+)\))?$", element.args)
        what = " ".join(c.text for c in element.children if c.kind == "paragraph")
        helps = [text for c in element.children if c.kind == "list" for text in self.items(c)]
        if not match or not what or not helps:
            self.fail(element, "needs a name, a paragraph saying what it is and “- ” items it helps with.")
        self.add(
            "therapy_card",
            {"name": match["name"], "abbreviation": match["abbr"] or "", "what_it_is": what, "helps_with": helps},
        )

    def directive_self_care(self, element: Element) -> None:
        items = [text for c in element.children if c.kind == "list" for text in self.items(c)]
        intro = " ".join(c.text for c in element.children if c.kind == "paragraph")
        if not items:
            self.fail(element, "needs “- ” items.")
        self.add("self_care_checklist", {"heading": element.args or "Self-care ideas", "intro": intro, "items": items})

    def directive_question(self, element: Element) -> None:
        answer = self.paragraphs(element)
        if not element.args or not answer:
            self.fail(element, "needs the question after its name and the answer as text.")
        self.add("question_answer", {"question": element.args, "answer": answer})

    def directive_contact(self, element: Element) -> None:
        purpose, _, heading = element.args.partition(" ")
        if purpose not in ContactPurpose.values or not heading.strip():
            self.fail(element, f"needs a purpose ({', '.join(ContactPurpose.values)}) and a heading.")
        text = " ".join(c.text for c in element.children if c.kind == "paragraph")
        text, _, _ = self.take_numbers(element.line, text, purpose)
        self.contact(purpose, heading.strip(), text)


def _is_number_only(element: Element, country: str) -> bool:
    if element.kind != "paragraph":
        return False
    numbers = list(find_numbers(element.text, country))
    rest = element.text
    for raw, _ in numbers:
        rest = rest.replace(raw, "")
    return bool(numbers) and not rest.strip(" .,-:")


def _inner(rich: str) -> str:
    """A one-paragraph rich text's inside."""
    return rich[3:-4] if rich.startswith("<p>") and rich.endswith("</p>") else rich


def _unique_anchors(mapper: _Mapper) -> None:
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


def map_article(
    source: Source, *, known_numbers: dict[str, str] | None = None, country: str = DEFAULT_COUNTRY, base_url: str = ""
) -> ParsedArticle:
    """Map a read file to blocks. `known_numbers` maps E.164 numbers to contact purposes;
    `base_url` resolves relative links (without it they are kept as their words)."""
    elements = elements_of(source.soup)
    unit = source.unit
    if not any(e.kind != "skipped" for e in elements):
        raise ArticleFormatError("The file has no text.")

    titles = [i for i, e in enumerate(elements) if e.kind == "title"]
    if titles:
        title_index = titles[0]
    else:
        # Plain text: a page-top call to action ends with its phone number; the title follows.
        number_only = [i for i, e in enumerate(elements[:6]) if _is_number_only(e, country)]
        title_index = number_only[0] + 1 if number_only else 0
    if title_index >= len(elements) or elements[title_index].kind not in {"title", "paragraph"}:
        raise ArticleFormatError("Could not find the article's title (a “# Title” line, an <h1>, or its first line).")
    title_element = elements[title_index]
    title = plain_text(title_element.node) if title_element.node is not None else ""
    if len(title) > 200:
        raise ArticleFormatError(
            f"{unit} {title_element.line}: the title would be {len(title)} characters long; "
            "start the file with a “# Title” line (an <h1>, or Word's Title style)."
        )

    mapper = _Mapper(known_numbers or {}, country, unit, base_url)
    mapper.report.append(f"{unit} {title_element.line}: title “{title}”")
    mapper.page_top(elements[:title_index])

    rest = elements[title_index + 1 :]
    summary = ""
    if rest and rest[0].kind == "paragraph" and not list(find_numbers(rest[0].text, country)):
        summary = rest[0].text
        mapper.report.append(f"{unit} {rest[0].line}: first paragraph → summary")
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
        title=title,
        summary=summary[:600],
        body=mapper.body,
        references=mapper.references,
        report=mapper.report,
        phone_numbers=mapper.phone_numbers,
    )
