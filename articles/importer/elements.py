"""The HTML tree of any format as a flat list of the elements an article is made of: title,
headings, paragraphs, lists, tables, definition lists and `:::` blocks. Wrappers (`section`,
`div`, `article`, `main`, `blockquote`...) are looked through, as a health-content API's
fragments wrap their sections."""

from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SKIPPED = {"img", "figure", "picture", "svg", "video", "audio", "hr", "br", "canvas", "map", "aside"}


@dataclass
class Element:
    kind: str  # title, heading, paragraph, list, table, definitions, directive, skipped
    line: int
    node: Tag | None = None  # the inline content (paragraph, heading)
    items: list[tuple[int, Tag]] = field(default_factory=list)  # list items / dl pairs
    ordered: bool = False
    name: str = ""
    args: str = ""
    children: list["Element"] = field(default_factory=list)
    rows: list[list[Tag]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return text_of(self.node) if self.node is not None else ""


def text_of(node) -> str:
    """Its words, as a reader sees them: tags gone, entities decoded, spaces collapsed."""
    if node is None:
        return ""
    return " ".join(node.get_text().split())


def _line(tag: Tag, default: int) -> int:
    try:
        return int(str(tag.get("data-line") or default))
    except (TypeError, ValueError):
        return default


def _wrap(soup: BeautifulSoup, nodes, line: int) -> Tag:
    paragraph = soup.new_tag("p", attrs={"data-line": str(line)})
    for node in nodes:
        paragraph.append(node)
    return paragraph


def elements_of(soup: BeautifulSoup, root: Tag | None = None, inside_directive: bool = False) -> list[Element]:
    root = root if root is not None else (soup.body or soup)
    found: list[Element] = []
    loose: list = []  # text and inline tags straight inside a wrapper: one paragraph
    last_line = 0

    def flush_loose():
        nonlocal loose
        if loose and any(text_of(n) if isinstance(n, Tag) else str(n).strip() for n in loose):
            found.append(Element("paragraph", last_line, node=_wrap(soup, loose, last_line)))
        loose = []

    for child in list(root.children):
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            if str(child).strip():
                loose.append(child.extract())
            continue
        if not isinstance(child, Tag):
            continue
        line = _line(child, last_line)
        last_line = line
        name = child.name
        if name in ("b", "strong", "i", "em", "a", "span", "u", "small", "sup", "sub", "abbr", "code", "mark"):
            loose.append(child.extract())
            continue
        flush_loose()
        found.extend(_block(soup, child, line, inside_directive))
    flush_loose()
    return found


def _block(soup: BeautifulSoup, child: Tag, line: int, inside_directive: bool) -> list[Element]:
    name = child.name
    if name in _HEADINGS:
        level = _HEADINGS[name]
        kind = "title" if level == 1 and not inside_directive else "heading"
        return [Element(kind, line, node=child, name=str(level))]
    if name == "p":
        return [Element("paragraph", line, node=child)] if text_of(child) else []
    if name in ("ul", "ol"):
        items = [(_line(li, line), li) for li in _list_items(child)]
        return [Element("list", line, items=items, ordered=name == "ol")] if items else []
    if name == "dl":
        pairs = _definition_pairs(child, line)
        return [Element("definitions", line, items=pairs)] if pairs else []
    if name == "table":
        rows = [list(row.find_all(["td", "th"])) for row in child.find_all("tr")]
        rows = [cells for cells in rows if any(text_of(cell) for cell in cells)]
        return [Element("table", line, rows=rows, node=child)] if rows else []
    if name == "div" and child.get("data-directive") is not None:
        element = Element("directive", line, name=str(child["data-directive"]), args=str(child.get("data-args", "")))
        element.children = elements_of(soup, child, inside_directive=True)
        return [element]
    if name in _SKIPPED:
        return [] if name in ("hr", "br") else [Element("skipped", line, name=name)]
    return elements_of(soup, child, inside_directive)


def _list_items(list_tag: Tag) -> list[Tag]:
    """Its items; a nested list's items follow their parent's (the blocks have one level)."""
    items = []
    for li in list_tag.find_all("li", recursive=False):
        nested = [sub.extract() for sub in li.find_all(["ul", "ol"], recursive=False)]
        for paragraph in li.find_all("p", recursive=False):  # a loose list's items
            paragraph.unwrap()
        items.append(li)
        for sub in nested:
            items.extend(_list_items(sub))
    return items


def _definition_pairs(dl: Tag, line: int) -> list[tuple[int, Tag]]:
    """(line, <li> holding "term: explanation") pairs, as a "Term: explanation" list reads."""
    pairs = []
    for term in dl.find_all("dt", recursive=False):
        explanation = term.find_next_sibling("dd")
        if explanation is None:
            continue
        item = BeautifulSoup("", "html.parser").new_tag("li")
        item.append(f"{text_of(term)}: ")
        for node in list(explanation.contents):
            item.append(node)
        pairs.append((_line(term, line), item))
    return pairs
