"""What a reader can find: one document per live, public article, its text taken from blocks."""

import re
from types import SimpleNamespace
from urllib.parse import quote

from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.models import Page, PageViewRestriction

from articles.blocks import SECTION_HEADING
from articles.models import ArticlePage, Topic
from cms.i18n import source_language

from .analysis import LANGUAGES

# A URL path segment Wagtail's serve pattern accepts (wagtail.urls: `(?:[\w\-]+/)*`).
_SLUG = re.compile(r"[\w\-]+")


def headings_and_text(page) -> tuple[list[str], str]:
    """The section headings, and every other block's searchable text, in one pass over the
    body: Wagtail's own get_searchable_content, which already gives rich text as plain text
    (tags out, a space between paragraphs, entities decoded). Stripping "tags" from that again
    took out whatever an editor had typed between "<" and ">" (a test keeps it found)."""
    headings, parts = [], []
    for child in page.body:
        if child.block_type == SECTION_HEADING:
            headings.append(child.value["heading"])
        else:
            parts.extend(child.block.get_searchable_content(child.value))
    return headings, " ".join(part for part in parts if part)


def body_text(page) -> str:
    return headings_and_text(page)[1]


def is_indexable(page) -> bool:
    """Live, not an alias of another language's page, in a language we index, and readable by
    anyone (no view restriction on it or above it)."""

    if not isinstance(page, ArticlePage) or not page.live or page.alias_of_id:
        return False
    if page.locale.language_code not in LANGUAGES:
        return False
    return not PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True)).exists()


def indexable_pages(code: str):
    restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
    pages = ArticlePage.objects.live().filter(locale__language_code=code, alias_of__isnull=True)
    for path in restricted:
        pages = pages.exclude(path__startswith=path)
    return pages.select_related("locale")


class SiteUrls:
    """Page URLs for a rebuild, each as `page.get_url()` gives it: Wagtail's own for each parent
    page, once; a page's is its parent's and its slug, quoted as Django's `reverse` quotes it
    (Wagtail's serve pattern), which is what Wagtail would return for it. `get_url()` resolved
    the URL pattern under the page's language for every page: a fifth of building a document.
    Anything else (a parent with no URL, a slug the serve pattern would refuse) asks Wagtail.
    The request-like object is Wagtail's cache of its site root paths for the run."""

    def __init__(self):
        self.request = SimpleNamespace(_wagtail_site=None)
        self.parents: dict[str, str | None] = {}

    def __call__(self, page) -> str | None:
        parent_path, slug = page.path[: -Page.steplen], page.url_path.rstrip("/").rpartition("/")[2]
        if parent_path not in self.parents:
            parent = Page.objects.filter(path=parent_path).select_related("locale").first()
            self.parents[parent_path] = parent.specific.get_url(self.request) if parent is not None else None
        parent_url = self.parents[parent_path]
        model = page.model if isinstance(page, PageRow) else type(page)
        routed_by_wagtail = model.get_url_parts is Page.get_url_parts  # no routing of its own
        usable = WAGTAIL_APPEND_SLASH and _SLUG.fullmatch(slug)
        if parent_url is None or not parent_url.endswith("/") or not (routed_by_wagtail and usable):
            if isinstance(page, PageRow):
                page = model.objects.get(pk=page.pk)
            return page.get_url(self.request)
        return parent_url + quote(slug, safe=RFC3986_SUBDELIMS + "/~:@") + "/"


class PageRow(SimpleNamespace):
    """An article as `document_for` reads it in a rebuild: its columns' values (`page_rows`), no
    model instance. Making one per page (Django's, Wagtail's and modelcluster's __init__) was ~40 %
    of building a document, and a rebuild builds them on the cores the engine indexes
    on (docs/performance.md). `model`: the page's class, for its URL (SiteUrls)."""


# What `document_for` reads of a page in a rebuild (with `topics_of` and `SiteUrls`).
ROW_COLUMNS = (
    "pk",
    "path",
    "url_path",
    "title",
    "summary",
    "body",
    "last_reviewed",
    "next_review_due",
    "first_published_at",
    "translation_key",
)


def page_rows(pages, code: str, chunk_size: int):
    """`pages` (of one model, in `code`) as PageRows, read `chunk_size` at a time. Each column is
    converted as on a page (the body is a StreamValue)."""
    locale = SimpleNamespace(language_code=code)
    for values in pages.values_list(*ROW_COLUMNS).iterator(chunk_size=chunk_size):
        yield PageRow(model=pages.model, locale=locale, **dict(zip(ROW_COLUMNS, values, strict=True)))


def site_urls() -> SiteUrls:
    return SiteUrls()


def topics_of(pages, code: str) -> dict[int, list]:
    """{page id: its topics, named in `code` and in name order} for a batch of pages, in one
    query for the links (the topics themselves are few and read once a batch)."""
    links = ArticlePage.topics.through.objects.filter(articlepage_id__in=[page.pk for page in pages])
    pairs = list(links.values_list("articlepage_id", "topic_id"))
    with translation.override(code):  # names in the pages' language (modeltranslation)
        names = {topic.pk: topic.name for topic in Topic.objects.filter(pk__in={topic for _page, topic in pairs})}
    found: dict[int, list] = {page.pk: [] for page in pages}
    for page_id, topic_id in sorted(pairs, key=lambda pair: (names[pair[1]], pair[1])):
        found[page_id].append((topic_id, names[topic_id]))
    return found


def translations_readers_see(keys=None) -> dict:
    """{translation_key: sorted languages with a live, public translation readers can open},
    for the source language's pages with those keys (all of them when `keys` is None)."""

    pages = (
        ArticlePage.objects.live()
        .public()
        .filter(alias_of__isnull=True)
        .exclude(locale__language_code=source_language())
    )
    if keys is not None:
        pages = pages.filter(translation_key__in=keys)
    found: dict[str, set[str]] = {}
    for key, code in pages.values_list("translation_key", "locale__language_code"):
        found.setdefault(key, set()).add(code)
    return {key: sorted(codes) for key, codes in found.items()}


def document_for(page, translated_into=None, *, topics=None, urls=None) -> dict:
    """`translated_into` (source-language pages only): the languages whose readers get their own
    translation; every other language's readers are shown this page and search it too. A
    rebuild passes each batch's `topics` ((id, name) pairs: `topics_of`) and `urls` (a `SiteUrls`)."""

    code = page.locale.language_code
    if code != source_language():
        translated_into = []
    elif translated_into is None:
        translated_into = translations_readers_see([page.translation_key]).get(page.translation_key, [])
    if topics is None:
        with translation.override(code):  # topic names in the page's language (modeltranslation)
            topics = [(topic.pk, topic.name) for topic in page.topics.all()]
    headings, text = headings_and_text(page)
    return {
        "page_id": page.pk,
        "locale": code,
        "url": urls(page) if urls is not None else page.get_url(),
        "title": page.title,
        "summary": page.summary,
        "headings": headings,
        "body": text,
        "topic_ids": [pk for pk, _name in topics],
        "topic_names": [name for _pk, name in topics],
        "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else None,
        "next_review_due": page.next_review_due.isoformat() if page.next_review_due else None,
        "first_published_at": page.first_published_at.isoformat() if page.first_published_at else None,
        "translated_into": translated_into,
    }
