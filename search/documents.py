"""What a reader can find: one document per live, public article, its text taken from blocks."""

from types import SimpleNamespace

from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import PageViewRestriction

from articles.blocks import SECTION_HEADING
from articles.models import ArticlePage, Topic
from cms.i18n import source_language

from .analysis import LANGUAGES


def headings_and_text(page) -> tuple[list[str], str]:
    """The section headings, and every other block's searchable text (Wagtail's own
    get_searchable_content) without markup, in one pass over the body."""
    headings, parts = [], []
    for child in page.body:
        if child.block_type == SECTION_HEADING:
            headings.append(child.value["heading"])
        else:
            parts.extend(child.block.get_searchable_content(child.value))
    return headings, " ".join(strip_tags(part) for part in parts if part)


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


def site_urls():
    """Wagtail's cache object for its site root paths, as a request would be (without a site of
    its own: URLs come out as `get_url()` gives them). Without it every `get_url()` asks the
    shared cache again: on a rebuild that was a third of the time spent building documents."""
    return SimpleNamespace(_wagtail_site=None)


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
    rebuild passes each batch's `topics` ((id, name) pairs: `topics_of`) and `urls` (`site_urls`)."""

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
        "url": page.get_url(urls),
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
