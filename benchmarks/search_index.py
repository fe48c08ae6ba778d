#!/usr/bin/env python
"""Benchmark: reader search on OpenSearch (the suite's engine, search/engine/) through the official client, in one run.

    .venv/bin/python benchmarks/search_index.py [--sizes 10000,40000] [--queries 400]

Builds a temporary SQLite site, starts OpenSearch, and for each size generates articles up to
that many in each of the four locales and measures its indexing; then searches every size's
indices side by side (each query asked of each size in turn), and prints per size:
  - rebuild throughput (search_index rebuild: pages read, documents built, bulk-loaded, alias
    swapped) against a raw bulk load of the same, pre-built documents into the same server
    with the client's bulk helper (target: at least 0.9 of it), and against the same raw load
    in two streams (the fastest those documents go in); medians of --rounds runs;
  - search p50 / p95 through the query service (words, topic facets, highlights, suggestions):
    reader queries (target p95 under 20 ms) and broad queries (target p95 under 50 ms);
  - the engine's JVM heap in use after the size's indexing, and this process's peak memory (the
    site's query service);
and at the end the growth of each p95 from the first size to the last (target at most 1.5x) and
publish to searchable with `manage.py db_worker` running (target under 1 s).
"""

import argparse
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The words readers search for, per language: spread through each language's vocabulary, from
# common (in almost half the articles) to rare (in about one in fifty).
CLINICAL = {
    "en-gb": [
        "trauma",
        "bond",
        "healing",
        "therapy",
        "sleep",
        "anxiety",
        "grounding",
        "breathing",
        "relationship",
        "recovery",
        "support",
        "nightmares",
        "boundaries",
        "counselling",
        "medication",
        "ketamine",
        "routine",
        "grief",
        "shame",
        "loneliness",
    ],
    "es": [
        "vínculo",
        "trauma",
        "sanar",
        "terapia",
        "sueño",
        "ansiedad",
        "respiración",
        "relación",
        "apoyo",
        "pesadillas",
        "límites",
        "duelo",
        "vergüenza",
        "soledad",
        "medicación",
        "rutina",
    ],
    "fr": [
        "lien",
        "traumatisme",
        "guérir",
        "thérapie",
        "sommeil",
        "anxiété",
        "respiration",
        "relation",
        "soutien",
        "cauchemars",
        "limites",
        "deuil",
        "honte",
        "solitude",
        "médicaments",
        "routine",
    ],
    "ar": [
        "الصدمة",
        "التعافي",
        "العلاج",
        "النوم",
        "القلق",
        "التنفس",
        "العلاقة",
        "الدعم",
        "الكوابيس",
        "الحدود",
        "الحزن",
        "الخجل",
        "الوحدة",
        "الدواء",
    ],
}
ALPHABETS = {
    "en-gb": "abcdefghijklmnoprstuvwy",
    "es": "abcdefghijlmnopqrstuvyzáéíñóú",
    "fr": "abcdefghijlmnopqrstuvéèàêç",
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
}
VOCABULARY_SIZE = 5000


class Language:
    """Generated text with the shape of natural language: a vocabulary of VOCABULARY_SIZE words
    whose frequencies follow Zipf's law (the r-th most common word is r times rarer than the
    first), pseudo-words made of the language's letters, with the clinical words placed at ranks
    30 to ~1000. Readers' queries are clinical words; "broad" queries use the ten most common
    words, which are in nearly every article (the worst case for the engine)."""

    def __init__(self, code, rng):
        words = set()
        while len(words) < VOCABULARY_SIZE:
            words.add("".join(rng.choice(ALPHABETS[code]) for _ in range(rng.randint(3, 10))))
        vocabulary = sorted(words)
        rng.shuffle(vocabulary)
        for position, word in enumerate(CLINICAL[code]):
            vocabulary[30 + position * 50] = word
        self.vocabulary = vocabulary
        self.clinical = CLINICAL[code]
        self.broad = vocabulary[:10]
        total, cumulative = 0.0, []
        for rank in range(len(vocabulary)):
            total += 1 / (rank + 1)
            cumulative.append(total)
        self.cumulative = cumulative

    def sentence(self, rng, n):
        return " ".join(rng.choices(self.vocabulary, cum_weights=self.cumulative, k=n)).capitalize() + "."


def setup(workdir: Path, engine_url: str) -> dict:
    env = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "STATIC_ROOT": str(workdir / "static"),
        "ELASTICSEARCH_URL": engine_url,
        "ELASTICSEARCH_NODE_CLASS": "search.engine.launcher.OpenSearchNode",
        "SEARCH_INDEX_PREFIX": "bench",
        # Production settings need the shared cache (`make services` starts Redis).
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3"),
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    import django

    django.setup()
    return env


def generate(per_locale: int, languages: dict, rng) -> None:
    """Live pages written straight into the tree, a batch of rows at a time (no revisions, no
    signals, no per-page tree bookkeeping) until each locale has `per_locale`: the benchmark
    measures indexing and search, not publishing. The rows are those `add_child` writes (the
    tree path after the index page's last child, the URL path, the locale)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    from articles.models import ArticleIndexPage, ArticlePage, Topic

    topics = [Topic.objects.get_or_create(slug=f"topic-{i}", defaults={"name": f"Topic {i}"})[0] for i in range(8)]
    english_home = Page.objects.get(depth=2, locale__language_code="en-gb").specific
    content_type = ContentType.objects.get_for_model(ArticlePage)
    child_fields = ArticlePage._meta.local_concrete_fields  # page_ptr and the article's own columns
    for code, language in languages.items():
        locale = Locale.objects.get(language_code=code)
        home = Page.objects.filter(depth=2, locale=locale).first() or english_home.copy_for_translation(locale)
        index = ArticleIndexPage.objects.filter(locale=locale, slug="bench").first() or home.add_child(
            instance=ArticleIndexPage(title="Bench", slug="bench", locale=locale, live=True)
        )
        existing = ArticlePage.objects.filter(locale=locale).count()
        started = time.perf_counter()
        for first in range(existing, per_locale, 500):
            articles = []
            for i in range(first, min(first + 500, per_locale)):
                body = [
                    ("section_heading", {"heading": language.sentence(rng, 4), "anchor": ""}),
                    ("paragraph", "<p>" + " ".join(language.sentence(rng, 14) for _ in range(10)) + "</p>"),
                ]
                title = language.sentence(rng, 5)[:-1]
                articles.append(
                    ArticlePage(
                        title=title,
                        draft_title=title,
                        slug=f"a{i}",
                        locale=locale,
                        summary=language.sentence(rng, 18),
                        body=body,
                        live=True,
                        content_type=content_type,
                        depth=index.depth + 1,
                        path=Page._get_path(index.path, index.depth + 1, index.numchild + 1 + i - existing),
                        url_path=f"{index.url_path}a{i}/",
                        numchild=0,
                    )
                )
            Page.objects.bulk_create(articles)  # the page rows; their ids come back
            for article in articles:
                article.page_ptr_id = article.id
            ArticlePage._base_manager._insert(articles, fields=child_fields)
            ArticlePage.topics.through.objects.bulk_create(
                ArticlePage.topics.through(articlepage_id=article.pk, topic_id=rng.choice(topics).pk)
                for article in articles
            )
        Page.objects.filter(pk=index.pk).update(numchild=index.numchild + per_locale - existing)
        print(
            f"  generated {per_locale - existing} {code} articles (now {per_locale}) "
            f"in {time.perf_counter() - started:.0f} s",
            flush=True,
        )


def measure_indexing(rounds: int) -> list[tuple]:
    """Per language, the medians of `rounds` alternating runs of: the rebuild; a raw bulk load of
    the same documents, built beforehand, with the client's bulk helper (one stream of requests,
    what the issue compares with); and the same raw load in two streams (`parallel_bulk`, as many
    as the rebuild's senders: the fastest these documents go in). The engine is warmed first by
    two rebuilds nobody times: its JIT compiles the indexing code over the first ~30,000
    documents (a running cluster is warm)."""
    from elasticsearch import helpers

    from search.analysis import LANGUAGES, index_body
    from search.client import get_client
    from search.documents import document_for, indexable_pages
    from search.indexing import SENDERS, rebuild

    client = get_client()

    def raw(code, documents, streams) -> float:
        client.indices.create(index=f"raw-{code}", **index_body(code))
        started = time.perf_counter()
        if streams == 1:
            helpers.bulk(client, documents, chunk_size=500)
        else:
            for _ok, _item in helpers.parallel_bulk(client, documents, chunk_size=500, thread_count=streams):
                pass
        client.indices.refresh(index=f"raw-{code}")
        seconds = time.perf_counter() - started
        client.indices.delete(index=f"raw-{code}")
        return seconds

    first = next(iter(LANGUAGES))
    for _ in range(2):
        rebuild(first)
    rows = []
    for code in LANGUAGES:
        documents = [
            {"_index": f"raw-{code}", "_id": str(page.pk), "_source": document_for(page)}
            for page in indexable_pages(code).iterator(chunk_size=500)
        ]
        rebuilds, raws, streamed, merges = [], [], [], []
        for _ in range(rounds):
            result = rebuild(code)
            rebuilds.append(result["seconds"])  # until readers search it: the raw load is not merged either
            merges.append(result["merge_seconds"])
            raws.append(raw(code, documents, 1))
            streamed.append(raw(code, documents, SENDERS))
        rows.append(
            (
                code,
                len(documents),
                statistics.median(rebuilds),
                statistics.median(raws),
                statistics.median(streamed),
                statistics.median(merges),
            )
        )
    return rows


KINDS = {"spelt": "correctly spelt", "typo": "a letter missing", "far": "too far off"}


def reader_query(language, rng) -> tuple[str, str]:
    """(1-3 clinical words, kind): one query in ten has a typo in one word ("typo": corrected
    in a second round trip), one in twenty is a misspelling too far off to match ("far": the
    fuzzy search and the "did you mean" count in a second)."""
    words = [rng.choice(language.clinical) for _ in range(rng.choice([1, 2, 3]))]
    roll = rng.random()
    kind = "spelt"
    if roll < 0.10:
        word = words[0]
        cut = rng.randrange(1, len(word))
        words[0] = word[:cut] + word[cut + 1 :]  # one letter dropped
        kind = "typo"
    elif roll < 0.15:
        words = ["".join(rng.sample(words[0], len(words[0])))[::-1] + "q"]
        kind = "far"
    return " ".join(words), kind


def _percentiles(timings: list[float]) -> tuple[float, float]:
    timings = sorted(timings)
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)]


def ask(languages, rng, broad: bool) -> tuple[float, int, str]:
    """One query drawn from `rng` through the query service: (ms, total found, kind)."""
    from search.query import SearchParams, search

    code = rng.choice(list(languages))
    language = languages[code]
    if broad:
        words, kind = " ".join(rng.sample(language.broad, rng.choice([1, 2, 3]))), "broad"
    else:
        words, kind = reader_query(language, rng)
    params = SearchParams(query=words, topics=[f"topic-{rng.randrange(8)}"] if rng.random() < 0.3 else [])
    started = time.perf_counter()
    results = search(code, params)
    elapsed = (time.perf_counter() - started) * 1000
    assert results.engine == "elasticsearch"
    return elapsed, results.total, kind


def summarise(samples: list[tuple[float, int, str]]):
    """(p50 ms, p95 ms, share of queries with no result, median found, {kind: (share, p50, p95)})."""
    kinds: dict[str, list[float]] = {}
    for elapsed, _total, kind in samples:
        kinds.setdefault(kind, []).append(elapsed)
    totals = [total for _elapsed, total, _kind in samples]
    return (
        *_percentiles([elapsed for elapsed, _total, _kind in samples]),
        sum(1 for total in totals if total == 0) / len(totals),
        statistics.median(totals),
        {kind: (len(found) / len(samples), *_percentiles(found)) for kind, found in kinds.items()},
    )


def measure_publish(env, rounds=10):
    """(median s, max s) from `revision.publish()` until the page is found, over `rounds`
    publications of random English articles, after one not timed: the worker up and polling,
    the engine's single-document path warm (a running site's worker is)."""
    from articles.models import ArticlePage
    from benchmarks.content import signed_off
    from search.client import alias_name, get_client

    log = tempfile.TemporaryFile("w+")  # noqa: SIM115 - closed with the worker, below
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.05", "--no-startup-delay"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    client = get_client()
    delays = []
    try:
        time.sleep(2)
        for round_ in range(rounds + 1):
            page = ArticlePage.objects.filter(locale__language_code="en-gb").order_by("?").first()
            page.title = f"Freshly published {round_} {secrets.token_hex(4)}"
            revision = page.save_revision()
            signed_off(revision)
            started = time.perf_counter()
            revision.publish()
            while True:
                found = client.search(index=alias_name("en-gb"), query={"match_phrase": {"title": page.title}})
                if found["hits"]["total"]["value"]:
                    break
                if time.perf_counter() - started > 30:
                    log.seek(0)
                    state = "still running" if worker.poll() is None else f"exited with {worker.returncode}"
                    raise RuntimeError(f"not searchable after 30 s; the worker {state}:\n{log.read()[-3000:]}")
                time.sleep(0.01)
            if round_:
                delays.append(time.perf_counter() - started)
    finally:
        worker.terminate()
        worker.wait(10)
        log.close()
    return statistics.median(delays), max(delays)


def memory(client) -> tuple[float, float, float]:
    """(engine heap in use MB, engine heap max MB, this process's peak resident MB)."""
    import resource

    stats = client.nodes.stats(metric="jvm")["nodes"]
    jvm = next(iter(stats.values()))["jvm"]["mem"]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    return jvm["heap_used_in_bytes"] / 2**20, jvm["heap_max_in_bytes"] / 2**20, peak


def print_size(size, rows, reader, broad, heap) -> None:
    print(f"\n## {size:,} articles per locale\n")
    print(
        "| locale | documents | rebuild s | rebuild docs/s | raw bulk docs/s | rebuild / raw "
        "| raw, two streams docs/s | rebuild / two-stream raw | then merged in s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")

    def line(code, documents, rebuild_s, raw_s, streamed_s, merge_s):
        print(
            f"| {code} | {documents} | {rebuild_s:.1f} | {documents / rebuild_s:.0f} | {documents / raw_s:.0f} | "
            f"{raw_s / rebuild_s:.2f} | {documents / streamed_s:.0f} | {streamed_s / rebuild_s:.2f} | {merge_s:.1f} |"
        )

    for row in rows:
        line(*row)
    line("all", *(sum(row[column] for row in rows) for column in range(1, 6)))
    print()
    for name, (p50, p95, empty, hits, kinds) in (("reader queries", reader), ("broad queries (worst case)", broad)):
        print(
            f"  {name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
            f"({empty:.0%} with no result, median {hits:.0f} matching articles)"
        )
        if len(kinds) > 1:
            print(
                "    "
                + "; ".join(
                    f"{KINDS[kind]} ({share:.0%}): p50 {p50:.1f}, p95 {p95:.1f} ms"
                    for kind, (share, p50, p95) in sorted(kinds.items(), key=lambda item: list(KINDS).index(item[0]))
                )
            )
    used, limit, peak = heap
    print(f"  engine heap in use {used:.0f} MB of {limit:.0f} MB; this process's peak memory {peak:.0f} MB")


def keep_for_searching(size: int, languages, last: bool) -> None:
    """The size's indices stay in the engine, behind aliases of their own (prefix `bench<size>`),
    for the searches measured once every size is indexed; the next size's rebuilds start from
    no index. The last size's also stay behind the site's (the publish measurement writes there)."""
    from django.conf import settings

    from search.client import alias_name, get_client

    client = get_client()
    actions = []
    for code in languages:
        alias = alias_name(code)
        for index in client.indices.get_alias(name=alias):
            kept = alias.replace(settings.SEARCH_INDEX_PREFIX, f"bench{size}", 1)
            actions.append({"add": {"index": index, "alias": kept}})
            if not last:
                actions.append({"remove": {"index": index, "alias": alias}})
    client.indices.update_aliases(actions=actions)


def measure_sizes_side_by_side(sizes, queries, languages, rng) -> dict:
    """{size: (reader, broad)}: the searches of every size, each query asked of each size's indices
    in turn (in a random order), after the same warm-up. Measured one size after another, a p95
    also moved with what the engine and the machine were doing at the time (the broad queries'
    growth was 1.24x and 1.53x in two runs of the same code): side by side, the sizes differ only
    in their indices. A query is drawn once and asked of each size: the same words and topics."""
    from django.conf import settings

    from search.client import get_client

    site_prefix = settings.SEARCH_INDEX_PREFIX
    # A search's counts are a size-0 request, which the engine's shard request cache keeps until
    # the next refresh, and the broad queries repeat (ten words): off here, so every count is
    # computed as a reader's first one is.
    get_client().indices.put_settings(
        index=",".join(f"bench{size}-articles-*" for size in sizes), settings={"index.requests.cache.enable": False}
    )

    def measure(count, broad):
        per_size = {size: [] for size in sizes}
        for _ in range(count):
            size_order = rng.sample(sizes, len(sizes))
            state = rng.getstate()
            for size in size_order:
                rng.setstate(state)  # the same query for every size
                settings.SEARCH_INDEX_PREFIX = f"bench{size}"
                per_size[size].append(ask(languages, rng, broad))
        settings.SEARCH_INDEX_PREFIX = site_prefix
        return {size: summarise(samples) for size, samples in per_size.items()}

    # Warm-up: connections, caches, and the engine's JIT (a running site's engine is warm; its
    # search code still speeds up after a few hundred queries).
    measure(1000, False)
    measure(200, True)
    reader, broad = measure(queries, False), measure(queries, True)
    return {size: (reader[size], broad[size]) for size in sizes}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--sizes", default="10000,40000", help="articles per locale: indexed in turn, searched side by side"
    )
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3, help="rebuild and raw loads per language (medians)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    rng = random.Random(20261123)
    from search.engine.launcher import OpenSearchEngine

    engine = OpenSearchEngine()
    indexing, heaps = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        try:
            env = setup(Path(tmp), engine.url)
            from django.core.management import call_command

            from search.client import get_client

            call_command("migrate", verbosity=0)
            languages = {code: Language(code, rng) for code in CLINICAL}
            for size in sizes:
                print(f"Generating up to {size} articles in each of 4 locales...", flush=True)
                generate(size, languages, rng)
                indexing[size] = measure_indexing(args.rounds)
                heaps[size] = memory(get_client())
                keep_for_searching(size, languages, last=size == sizes[-1])
            print(f"Searching the {len(sizes)} sizes side by side...", flush=True)
            searched = measure_sizes_side_by_side(sizes, args.queries, languages, rng)
            final = memory(get_client())
            for size in sizes:
                print_size(size, indexing[size], *searched[size], heaps[size])
            print(
                f"\n  with every size's indices in the engine: heap in use {final[0]:.0f} MB of {final[1]:.0f} MB; "
                f"this process's peak memory {final[2]:.0f} MB"
            )
            try:
                publish = measure_publish(env)
            except RuntimeError as error:  # the sizes' figures above still stand; say why
                publish = error
        finally:
            engine.close()
    if len(sizes) > 1:
        first, last = searched[sizes[0]], searched[sizes[-1]]
        print(f"\nGrowth from {sizes[0]:,} to {sizes[-1]:,} articles per locale (p95, target <= 1.5x):")
        print(f"  reader queries {last[0][1] / first[0][1]:.2f}x, broad queries {last[1][1] / first[1][1]:.2f}x")
    if isinstance(publish, Exception):
        print(f"Publish to searchable: not measured ({publish})")
    else:
        print(f"Publish to searchable with db_worker running: median {publish[0]:.2f} s, max {publish[1]:.2f} s")


if __name__ == "__main__":
    main()
