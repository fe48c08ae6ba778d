"""Writing to the per-language indices: one page at a time through the outbox, or a whole
language rebuilt into a fresh index and swapped in behind its alias atomically."""

import logging
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor

from django.utils import timezone
from elasticsearch import ApiError, TransportError, helpers
from wagtail.models import Page

from .analysis import LANGUAGES, SCHEMA, index_body
from .client import alias_name, get_client
from .documents import (
    document_for,
    indexable_pages,
    is_indexable,
    page_rows,
    site_urls,
    source_language,
    topics_of,
    translations_readers_see,
)
from .models import PendingIndexChange

logger = logging.getLogger(__name__)


_mapping_brought_up_to_date: set[str] = set()

# Batches a rebuild has in the cluster at once: one stream of bulk requests leaves a cluster idle
# between them (docs/performance.md: two streams load the same documents ~1.6x as fast).
SENDERS = 2


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


def _chunks(items, size: int):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _send(client, batch: tuple[int, list[bytes]]) -> int:
    count, lines = batch
    response = client.bulk(operations=lines, filter_path="errors,items.*.error")
    if response["errors"]:
        errors = [item for item in response["items"] if any("error" in action for action in item.values())]
        raise helpers.BulkIndexError(f"{len(errors)} document(s) failed to index", errors)
    return count


def _load(client, batches, sent) -> None:
    """Each batch (built while the ones before it are being indexed) sent by one of SENDERS
    threads; `sent(count)` called in order as each is indexed. A failed batch raises here."""
    with ThreadPoolExecutor(max_workers=SENDERS, thread_name_prefix="search-rebuild") as sender:
        in_flight: deque = deque()
        for batch in batches:
            in_flight.append(sender.submit(_send, client, batch))
            while len(in_flight) > SENDERS:
                sent(in_flight.popleft().result())
        while in_flight:
            sent(in_flight.popleft().result())


def rebuild(code: str, progress=None, batch_size: int = 500) -> dict:
    """Build a fresh index for `code`, fill it, then point the alias at it in one atomic
    update; readers never see an empty or half-built index. Old indices are deleted.

    Documents are built and serialised here (the database is read on this thread only) while
    the batches before are being indexed by the cluster, SENDERS at a time, so building and
    indexing overlap instead of taking turns, and the cluster is never idle waiting for the
    next batch. The senders only send bytes and read back the errors alone (`filter_path`):
    they hardly need the interpreter while the builder works."""

    client = get_client()
    alias = alias_name(code)
    index = f"{alias}-{timezone.now():%Y%m%d%H%M%S%f}"
    started = time.perf_counter()
    body = index_body(code)
    # No refreshes while the fresh index fills (nobody searches it before the alias moves):
    # each made a segment to merge later. Set back to the default once every batch is in.
    body["settings"]["refresh_interval"] = "-1"
    client.indices.create(index=index, **body)
    pages = indexable_pages(code)
    total = pages.count()
    done = 0
    translations = translations_readers_see() if code == source_language() else {}

    urls = site_urls()
    dumps = client.transport.serializers.get_serializer("application/json").dumps

    def documents(chunk) -> tuple[int, list[bytes]]:
        topics = topics_of(chunk, code)
        lines = []
        for page in chunk:
            document = document_for(page, translations.get(page.translation_key, []), topics=topics[page.pk], urls=urls)
            lines += [dumps({"index": {"_index": index, "_id": str(page.pk)}}), dumps(document)]
        return len(chunk), lines

    def sent(count):
        nonlocal done
        done += count
        if progress:
            progress(done, total)

    try:
        rows = page_rows(pages, code, batch_size)  # the columns documents are made of, no page instances
        batches = (documents(chunk) for chunk in _chunks(rows, batch_size))
        _load(client, batches, sent)
        client.indices.put_settings(index=index, settings={"refresh_interval": None})
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
    live = time.perf_counter() - started
    if progress and total == 0:
        progress(0, 0)
    return {
        "language": code,
        "index": index,
        "documents": total,
        "seconds": live,
        "merge_seconds": merge(client, index),
    }


def merge(client, index: str) -> float | None:
    """Merge a rebuilt index into one segment, once readers already search it; the seconds it
    took, or None if the engine refused (logged: the index is live and whole, only slower).

    The fill leaves one segment per flush of the engine's indexing buffer (10-12 for 40,000
    articles, 3-5 for 10,000), and a search pays for each: every word's postings looked up and
    the top ten's threshold met again, segment by segment. One segment made broad searches at
    40,000 articles a fifth faster, so their p95 grows 1.3x from 10,000 instead of 1.6x
    (docs/performance.md). Done after the alias moves, so a rebuild is live as soon as it is
    filled; a site's index (megabytes) stays far below the 5 GB beyond which Elasticsearch
    warns that a forced merge leaves a segment the merge policy no longer merges. Publications
    meanwhile are indexed as usual."""
    started = time.perf_counter()
    try:
        client.options(request_timeout=600).indices.forcemerge(index=index, max_num_segments=1)
        client.indices.refresh(index=index)  # searches read the merged segment from now, not the next refresh
    except (ApiError, TransportError) as error:
        logger.warning("Merging search index %s failed (%s); it is live, in more segments", index, error)
        return None
    return time.perf_counter() - started


def outdated(client, alias: str) -> bool | None:
    """Whether the index behind `alias` was built by an earlier release (its mapping's `_meta`
    schema, 0 if it recorded none, is below search.analysis.SCHEMA); None if there is no index."""
    mappings = client.indices.get_mapping(index=alias, ignore_unavailable=True, allow_no_indices=True)
    if not mappings:
        return None
    return min(mapping["mappings"].get("_meta", {}).get("schema", 0) for mapping in mappings.values()) < SCHEMA


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
            "outdated": False,
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
        "outdated": bool(outdated(client, alias)),
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
