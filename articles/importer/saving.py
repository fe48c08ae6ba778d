"""Saving: a mapped article as a draft, in one transaction, never over another article and
never published; a re-import of the same file adds no revision."""

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from contacts.models import ContactNumber

from ..models import ArticlePage
from .mapping import ParsedArticle

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
