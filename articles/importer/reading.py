"""Reading: a file's bytes into one HTML tree, whatever its format.

Markdown and plain text go through markdown-it-py (CommonMark, with mdit-py-plugins' container
for the `:::` blocks), Word `.docx` through python-docx, HTML through BeautifulSoup. Each reader
produces HTML whose block elements carry their place in the source (`data-line`: a line, or a
Word paragraph), so the one mapping (`mapping.py`) reports where each block came from. Anything
that cannot be read is refused here, before the database is touched."""

import html
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from markdown_it import MarkdownIt
from mdit_py_plugins.container import container_plugin

MAX_FILE_BYTES = 1_000_000
MAX_DOCX_BYTES = 5_000_000
MAX_DOCX_UNPACKED_BYTES = 50_000_000  # a zip bomb is refused before it is unpacked
# An article is a few hundred paragraphs; a file with far more is refused before any is read
# (a 4 KB file can unpack to a million-byte document.xml of empty paragraphs).
MAX_DOCX_PARAGRAPHS = 5_000

FORMATS = {".txt": "markdown", ".md": "markdown", ".markdown": "markdown", ".docx": "docx"}
FORMATS |= dict.fromkeys((".html", ".htm"), "html")

# Elements that run code or pull in other documents: an HTML file with any is refused.
ACTIVE_ELEMENTS = ("script", "iframe", "object", "embed", "applet", "frame", "frameset")
_ACTIVE_URL = re.compile(r"^\s*(?:javascript|vbscript|data):", re.IGNORECASE)

_DIRECTIVE_OPEN = re.compile(r"^:::\s*(?P<name>[a-z-]+)\s*(?P<args>.*?)\s*$")
_DIRECTIVE_CLOSE = re.compile(r"^:::\s*$")
_PLAIN_BULLET = re.compile(r"^\s*[•\u2022·]\s+")


class ArticleFormatError(ValueError):
    """The file cannot be read as an article; the message says where and why."""


@dataclass
class Source:
    """One file read: its HTML tree and what a place in it is called in the report."""

    soup: BeautifulSoup
    unit: str  # "line" (Markdown, HTML) or "paragraph" (Word)


def format_of(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        raise ArticleFormatError(
            f"{Path(name).name}: only Markdown or plain text (.md, .txt), Word (.docx) and HTML (.html) "
            "files can be imported."
        )
    return FORMATS[suffix]


def read_article_file(path) -> bytes:
    """The file's bytes, or ArticleFormatError for a missing or huge file."""
    path = Path(path)
    if not path.exists():
        raise ArticleFormatError(f"File not found: {path}")
    if not path.is_file():
        raise ArticleFormatError(f"Not a file: {path}")
    word = path.suffix.lower() == ".docx"
    limit = MAX_DOCX_BYTES if word else MAX_FILE_BYTES
    size = path.stat().st_size
    if size > limit:
        kind = "Word files" if word else "articles"
        raise ArticleFormatError(f"{path} is {size:,} bytes; {kind} are at most {limit:,}.")
    return path.read_bytes()


def decode_article(data: bytes, name: str) -> str:
    """The text of an uploaded or read text file, or ArticleFormatError for an empty, binary,
    huge or non-UTF-8 one."""
    if len(data) > MAX_FILE_BYTES:
        raise ArticleFormatError(f"{name} is {len(data):,} bytes; articles are at most {MAX_FILE_BYTES:,}.")
    if b"\x00" in data:
        raise ArticleFormatError(f"{name} is a binary file, not a text, Markdown or HTML article.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleFormatError(
            f"{name} is not UTF-8 text (byte {error.start} cannot be read); save it as UTF-8."
        ) from None
    if not text.strip():
        raise ArticleFormatError(f"{name} is empty.")
    return text


def read(name: str, data: bytes) -> Source:
    """The file `name` (its suffix says the format) with contents `data`, as an HTML tree."""
    kind = format_of(name)
    if kind == "docx":
        return Source(docx_to_soup(data, name), "paragraph")
    text = decode_article(data, name)
    if kind == "html":
        return Source(html_to_soup(text, name), "line")
    return Source(markdown_to_soup(text), "line")


# --- Markdown and plain text -----------------------------------------------------------------


def _check_directives(lines: list[str]) -> None:
    """The `:::` blocks are closed, opened before they close, and not nested: a forgotten `:::`
    would otherwise swallow the rest of the article silently."""
    opened_at = None
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if _DIRECTIVE_CLOSE.match(stripped):
            if opened_at is None:
                raise ArticleFormatError(f"line {number}: “:::” closes a block that was never opened.")
            opened_at = None
        elif opened := _DIRECTIVE_OPEN.match(stripped):
            if opened_at is not None:
                raise ArticleFormatError(f"line {number}: a ::: block cannot start inside another.")
            opened_at = (number, opened["name"])
    if opened_at is not None:
        number, name = opened_at
        raise ArticleFormatError(f"line {number}: the “::: {name}” block is never closed with “:::”.")


def _render_directive(renderer, tokens, index, options, env) -> str:
    token = tokens[index]
    if token.nesting != 1:
        return "</div>\n"
    name, _, args = token.info.strip().partition(" ")
    line = token.map[0] + 1 if token.map else 0
    return f'<div data-directive="{html.escape(name)}" data-args="{html.escape(args.strip())}" data-line="{line}">\n'


def _number_lines(state) -> None:
    for token in state.tokens:
        if token.nesting == 1 and token.map and not token.type.startswith("container"):
            token.attrSet("data-line", str(token.map[0] + 1))


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    # Health writers indent and fence text for layout, not for code: it stays text.
    md.disable(["code", "fence"])
    md.use(container_plugin, name="directive", validate=lambda params, *args: True, render=_render_directive)
    md.core.ruler.push("number_lines", _number_lines)
    return md


_MD = _markdown()


def markdown_to_soup(text: str) -> BeautifulSoup:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    _check_directives(lines)
    # Plain text pasted from a web page or a word processor lists with "•": a list all the same.
    lines = [_PLAIN_BULLET.sub("- ", line) for line in lines]
    return html_to_soup(_MD.render("\n".join(lines)), "the Markdown")


# --- HTML ------------------------------------------------------------------------------------


def html_to_soup(text: str, name: str) -> BeautifulSoup:
    soup = BeautifulSoup(text, "html.parser")
    active = soup.find(ACTIVE_ELEMENTS)
    if active is not None:
        raise ArticleFormatError(
            f"{name}, line {active.sourceline}: it contains a <{active.name}> element; articles are text "
            "(remove it, then import again)."
        )
    for tag in soup.find_all(True):
        handlers = [attribute for attribute in tag.attrs if attribute.lower().startswith("on")]
        links = [tag.get(attribute) for attribute in ("href", "src", "action", "formaction") if tag.get(attribute)]
        if handlers or any(_ACTIVE_URL.match(str(link)) for link in links):
            raise ArticleFormatError(
                f"{name}, line {tag.sourceline}: a <{tag.name}> runs a script "
                f"({(handlers or ['a script address'])[0]}); remove it, then import again."
            )
        if tag.sourceline and "data-line" not in tag.attrs:
            tag["data-line"] = str(tag.sourceline)
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(["head", "title", "style", "template", "noscript", "form", "nav", "button"]):
        tag.decompose()
    if title and soup.find("h1") is None:
        heading = soup.new_tag("h1", attrs={"data-line": "1"})
        heading.string = title
        (soup.body or soup).insert(0, heading)
    return soup


# --- Word ------------------------------------------------------------------------------------


def docx_to_soup(data: bytes, name: str) -> BeautifulSoup:
    """A `.docx` through python-docx: headings by style (Title, Heading 1-6), lists by style or
    numbering (List Number... ordered), runs' bold and italic, hyperlinks with their address,
    tables; each block's `data-line` is its paragraph's number in the document."""

    if len(data) > MAX_DOCX_BYTES:
        raise ArticleFormatError(f"{name} is {len(data):,} bytes; Word files are at most {MAX_DOCX_BYTES:,}.")
    if not data.strip():
        raise ArticleFormatError(f"{name} is empty.")
    not_word = f"{name} is not a Word document (.docx); save it from Word as “Word Document (.docx)”."
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_DOCX_UNPACKED_BYTES:
                raise ArticleFormatError(f"{name} unpacks to more than {MAX_DOCX_UNPACKED_BYTES:,} bytes.")
            if "word/document.xml" not in archive.namelist():
                raise ArticleFormatError(not_word)
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        if isinstance(error, ArticleFormatError):
            raise
        raise ArticleFormatError(not_word) from None
    paragraphs = len(document.element.body.xpath(".//w:p"))
    if paragraphs > MAX_DOCX_PARAGRAPHS:
        raise ArticleFormatError(
            f"{name} has {paragraphs:,} paragraphs; an article has at most {MAX_DOCX_PARAGRAPHS:,}. "
            "Split it into several articles."
        )
    return BeautifulSoup(_docx_html(document), "html.parser")


def _style_names(document):
    """A paragraph's style name by its style id, looked up once per document: python-docx's
    `paragraph.style` searches every style of the document for each paragraph (a minute of CPU
    for a small file that unpacks to many paragraphs)."""
    names = {style.style_id: style.name for style in document.styles if style.type == WD_STYLE_TYPE.PARAGRAPH}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    fallback = default.name if default is not None else ""
    return lambda paragraph: names.get(paragraph._p.style, fallback)  # noqa: SLF001 - its style id


def _docx_html(document) -> str:

    out: list[str] = []
    open_list: str | None = None
    style_of = _style_names(document)
    has_title_style = any(style_of(p) == "Title" for p in document.paragraphs)
    title_seen = False
    number = 0

    def close_list():
        nonlocal open_list
        if open_list:
            out.append(f"</{open_list}>")
            open_list = None

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            close_list()
            rows = []
            for row in block.rows:
                cells = "".join(f"<td>{' '.join(_runs_html(p) for p in cell.paragraphs)}</td>" for cell in row.cells)
                rows.append(f"<tr>{cells}</tr>")
            out.append(f'<table data-line="{number + 1}">{"".join(rows)}</table>')
            continue
        number += 1
        content = _runs_html(block)
        if not content.strip():
            continue
        style = style_of(block) or ""
        list_kind = _docx_list_kind(block, style)
        if list_kind:
            if open_list != list_kind:
                close_list()
                out.append(f"<{list_kind}>")
                open_list = list_kind
            out.append(f'<li data-line="{number}">{content}</li>')
            continue
        close_list()
        level = _docx_heading_level(style)
        if level is not None:
            # The document's title: its Title paragraph, else its first Heading 1. Every other
            # heading is a section heading (Word writers use Heading 1 for sections too).
            is_title = (style == "Title") if has_title_style else (level == 1 and not title_seen)
            if is_title and not title_seen:
                title_seen = True
                out.append(f'<h1 data-line="{number}">{content}</h1>')
            else:
                out.append(f'<h{max(level, 2)} data-line="{number}">{content}</h{max(level, 2)}>')
        else:
            out.append(f'<p data-line="{number}">{content}</p>')
    close_list()
    return "\n".join(out)


def _docx_heading_level(style: str) -> int | None:
    if style == "Title":
        return 1
    match = re.fullmatch(r"Heading ([1-6])", style)
    return int(match[1]) if match else None


def _docx_list_kind(paragraph, style: str) -> str | None:
    if style.startswith("List Number"):
        return "ol"
    if style.startswith(("List Bullet", "List Paragraph")):
        return "ul"
    properties = paragraph._p.pPr  # noqa: SLF001 - python-docx exposes numbering only here
    return "ul" if properties is not None and properties.numPr is not None else None


def _runs_html(paragraph) -> str:

    parts = []
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            text = "".join(_run_html(run) for run in item.runs)
            address = item.url
            parts.append(f'<a href="{html.escape(address)}">{text}</a>' if address else text)
        else:
            parts.append(_run_html(item))
    return "".join(parts)


def _run_html(run) -> str:
    text = html.escape(run.text, quote=False)
    if not text:
        return ""
    if run.bold:
        text = f"<b>{text}</b>"
    if run.italic:
        text = f"<i>{text}</i>"
    return text
