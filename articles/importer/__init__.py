"""The article importer: Markdown or plain text, Word (.docx) and HTML into clinical blocks,
saved as a draft. Three small parts: `reading` (a file into one HTML tree: markdown-it-py,
python-docx, BeautifulSoup), `mapping` (that tree into the body block's blocks, the same for
every format) and `saving` (a draft, never over another article). See docs/importer.md."""

from .mapping import DEFAULT_COUNTRY, ParsedArticle, PhoneNumberFound, map_article
from .reading import (
    FORMATS,
    MAX_DOCX_BYTES,
    MAX_FILE_BYTES,
    ArticleFormatError,
    decode_article,
    format_of,
    read,
    read_article_file,
)
from .saving import ImportResult, is_slug, known_contact_numbers, save_draft

__all__ = [
    "DEFAULT_COUNTRY",
    "FORMATS",
    "MAX_DOCX_BYTES",
    "MAX_FILE_BYTES",
    "ArticleFormatError",
    "ImportResult",
    "ParsedArticle",
    "PhoneNumberFound",
    "decode_article",
    "format_of",
    "import_file",
    "is_slug",
    "known_contact_numbers",
    "map_article",
    "parse_article",
    "read",
    "read_article_file",
    "save_draft",
]


def parse_article(
    text: str, *, known_numbers: dict[str, str] | None = None, country: str = DEFAULT_COUNTRY, base_url: str = ""
) -> ParsedArticle:
    """A Markdown or plain-text article's blocks."""
    return map_article(
        read("article.md", text.encode()), known_numbers=known_numbers, country=country, base_url=base_url
    )


def import_file(
    name: str,
    data: bytes,
    *,
    known_numbers: dict[str, str] | None = None,
    country: str = DEFAULT_COUNTRY,
    base_url: str = "",
) -> ParsedArticle:
    """The blocks of the file `name` (its suffix picks the reader) with contents `data`."""
    return map_article(read(name, data), known_numbers=known_numbers, country=country, base_url=base_url)
