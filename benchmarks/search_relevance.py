#!/usr/bin/env python
"""Benchmark: how well reader search ranks, per language, on the judged set of
benchmarks/relevance.py (the sample article and eleven short articles per language, at least
fifteen judged queries per language), on OpenSearch and on the database fallback.

    .venv/bin/python benchmarks/search_relevance.py

Prints nDCG@5 and MRR per language and engine, and the queries whose answer was not first.
tests/search/test_relevance.py holds the engine's figures above floors.
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main():
    from benchmarks.search_index import setup
    from search.engine.launcher import OpenSearchEngine

    engine = OpenSearchEngine()
    with tempfile.TemporaryDirectory() as tmp:
        try:
            setup(Path(tmp), engine.url)
            os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
            from django.conf import settings
            from django.core.management import call_command

            from benchmarks.relevance import build_corpus, evaluate
            from search.analysis import LANGUAGES
            from search.indexing import rebuild

            call_command("migrate", verbosity=0)
            keys = build_corpus()
            for code in LANGUAGES:
                rebuild(code)
            on_engine = evaluate(keys)
            url = settings.ELASTICSEARCH_URL
            settings.ELASTICSEARCH_URL = ""
            # Wagtail's database index is written by queued tasks in production settings.
            call_command("update_index", verbosity=0)
            on_database = evaluate(keys)
            settings.ELASTICSEARCH_URL = url
        finally:
            engine.close()
    print("| language | articles | queries | engine | nDCG@5 | MRR |")
    print("|---|---:|---:|---|---:|---:|")
    for figures in (on_engine, on_database):
        for code, row in figures.items():
            cells = [code, row["articles"], row["queries"], row["engine"], f"{row['ndcg']:.3f}", f"{row['mrr']:.3f}"]
            print("| " + " | ".join(str(cell) for cell in cells) + " |")
    for name, figures in (("OpenSearch", on_engine), ("database", on_database)):
        print(f"\nQueries whose answer was not first ({name}):")
        for code, row in figures.items():
            for query, top in row["misses"]:
                print(f"  {code}: {query!r} -> {top}")


if __name__ == "__main__":
    main()
