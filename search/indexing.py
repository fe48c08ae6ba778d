"""Writing to the per-language indices: one page at a time through the outbox, or a whole
language rebuilt into a fresh index and swapped in behind its alias atomically."""

import logging
import time
from concurrent.futures import ThreadPoolExecutor

from django.utils import timezone
from elasticsearch import helpers
from wagtail.models import Page

from .analysis import LANGUAGES, index_body
from .client import alias_name, get_client
from .documents import (
    document_for,
    indexable_pages,
    is_indexable,
    site_urls,
    source_language,
    topics_of,
    translations_readers_see,
)
from .models import PendingIndexChange

logger = logging.getLogger(__name__)


_mapping_brought_up_to_date: set[str] = set()


def ensure_index(client, code: str) -> None:
    """Create the language's first index behind its alias if there is none yet."""
    alias = alias_name(code)
    if client.indices.exists_alias(name=alias):
        if alias not in _mapping_brought_up_to_date:
            # Fields added since the index was built (e.g. `translated_into`) are added to it, once
            # per process: its strict mapping would refuse every document until a rebuild.
            client.indices.put_mapping(index=alias, properties=index_body(code)["mappings"]["properties"])
            _mapping_brought_up_to_date.add(alias)
        return
    index = f"{alias}-{timezone.now():%Y%m%d%H%M%S%f}"
    client.indices.create(index=index, **index_body(code))
    client.indices.update_aliases(actions=[{"add": {"index": index, "alias": alias}}])


def apply_change(client, page_id: int, language: str) -> str:
    """Bring one page's document in line with the page as it is now."""

    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    page = page.specific if page is not None else None
    current = page.locale.language_code if page is not None else language
    for code in {language, current} & set(LANGUAGES):
        if page is not None and code == current and is_indexable(page):
            ensure_index(client, code)
            client.index(index=alias_name(code), id=str(page_id), document=document_for(page), refresh=True)
            action = "indexed"
        else:
            if client.indices.exists_alias(name=alias_name(code)):
                client.options(ignore_status=404).delete(index=alias_name(code), id=str(page_id), refresh=True)
            action = "removed"
    return action


def apply_pending(limit: int = 500) -> tuple[int, int]:
    """Apply the outbox in order. Returns (applied, still pending). A failure stops the run
    and leaves the change (and everything after it) for the next one."""

    client = get_client()
    if client is None:
        return 0, PendingIndexChange.objects.count()
    applied = 0
    for change in PendingIndexChange.objects.all()[:limit]:
        try:
            apply_change(client, change.page_id, change.language)
        except Exception as error:  # noqa: BLE001 - kept in the outbox whatever went wrong
            change.attempts += 1
            change.last_error = type(error).__name__
            change.save(update_fields=["attempts", "last_error"])
            logger.warning(
                "Search index unavailable (%s); %s change(s) kept for later",
                type(error).__name__,
                PendingIndexChange.objects.count(),
            )
            break
        PendingIndexChange.objects.filter(pk=change.pk).delete()
        applied += 1
    return applied, PendingIndexChange.objects.count()


def rebuild(code: str, progress=None, batch_size: int = 500) -> dict:
    """Build a fresh index for `code`, fill it, then point the alias at it in one atomic
    update; readers never see an empty or half-built index. Old indices are deleted.

    Documents are built here (the database is read on this thread only) while the previous
    batch is being indexed by the cluster on a sender thread, so building and indexing overlap
    instead of taking turns."""

    client = get_client()
    alias = alias_name(code)
    index = f"{alias}-{timezone.now():%Y%m%d%H%M%S%f}"
    started = time.perf_counter()
    client.indices.create(index=index, **index_body(code))
    pages = indexable_pages(code)
    total = pages.count()
    done = 0
    translations = translations_readers_see() if code == source_language() else {}

    urls = site_urls()

    def documents(chunk):
        topics = topics_of(chunk, code)
        return [
            {
                "_index": index,
                "_id": str(page.pk),
                "_source": document_for(
                    page, translations.get(page.translation_key, []), topics=topics[page.pk], urls=urls
                ),
            }
            for page in chunk
        ]

    def batches():
        chunk = []
        for page in pages.iterator(chunk_size=batch_size):
            chunk.append(page)
            if len(chunk) == batch_size:
                yield documents(chunk)
                chunk = []
        if chunk:
            yield documents(chunk)

    def send(batch):
        helpers.bulk(client, batch, chunk_size=len(batch), raise_on_error=True)
        return len(batch)

    def finish(future):
        nonlocal done
        done += future.result()  # a failed batch raises here
        if progress:
            progress(done, total)

    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-rebuild") as sender:
            in_flight = None
            for batch in batches():  # built while the batch before it is being indexed
                queued = sender.submit(send, batch)
                if in_flight is not None:
                    finish(in_flight)
                in_flight = queued
            if in_flight is not None:
                finish(in_flight)
        client.indices.refresh(index=index)
    except Exception:
        # The alias still points at the old index: readers saw nothing of this attempt.
        client.options(ignore_status=404).indices.delete(index=index)
        raise
    old = list(client.indices.get_alias(name=alias).keys()) if client.indices.exists_alias(name=alias) else []
    client.indices.update_aliases(
        actions=[{"remove": {"index": name, "alias": alias}} for name in old]
        + [{"add": {"index": index, "alias": alias}}]
    )
    for name in old:
        client.indices.delete(index=name, ignore_unavailable=True)
    if progress and total == 0:
        progress(0, 0)
    return {"language": code, "index": index, "documents": total, "seconds": time.perf_counter() - started}


def status(code: str) -> dict:
    """Documents in the language's index against its live, public articles, and the drift."""
    client = get_client()
    live_ids = set(indexable_pages(code).values_list("pk", flat=True))
    alias = alias_name(code)
    if not client.indices.exists_alias(name=alias):
        return {
            "language": code,
            "index": None,
            "documents": 0,
            "live": len(live_ids),
            "missing": sorted(live_ids),
            "stale": [],
        }
    index = next(iter(client.indices.get_alias(name=alias).keys()))
    ids = indexed_ids(client, alias)
    return {
        "language": code,
        "index": index,
        "documents": len(ids),
        "live": len(live_ids),
        "missing": sorted(live_ids - ids),
        "stale": sorted(ids - live_ids),
    }


def indexed_ids(client, alias: str, page_size: int = 5000) -> set[int]:
    """Every page id in the index, page by page (search_after on page_id): no 10,000 cap."""
    ids: set[int] = set()
    after = None
    while True:
        extra: dict[str, object] = {"search_after": after} if after else {}
        response = client.search(
            index=alias, query={"match_all": {}}, source=["page_id"], sort=[{"page_id": "asc"}], size=page_size, **extra
        )
        hits = response["hits"]["hits"]
        ids.update(hit["_source"]["page_id"] for hit in hits)
        if len(hits) < page_size:
            return ids
        after = hits[-1]["sort"]
