"""Hostile and random search words never make a 500: the read API's `?search=`, the reader search
page, its JSON and autocomplete, in every language, on PostgreSQL and on SQLite (the database of
`make run`: its full-text syntax answered an unmatched `"` with "unterminated string", a 500)."""

import os
import random
import subprocess
import sys
from pathlib import Path

from tests.factories import ArticlePageFactory

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = [
    '"', "'", 'a"b', '"a', "(", ")", "((a)", "*", "a*", "AND", "OR", "NOT", "a AND", "NEAR(a b)",
    "-", "--", "a:b", "title:a", "^", "\\", "&", "|", "!", "<->", "a & | b", ":*", "''", '""',
    "%", "_", "{a}", "[a]", "a\u202eb", "\ufeff", "😀", "ال", "é" * 300,
]  # fmt: skip
SYNTAX = "\"'()*:^-+&|!<>{}[]%_\\ab é ال"
ENDPOINTS = [
    "/api/v2/pages/?search={q}",
    "/{lang}/search/?q={q}",
    "/{lang}/search/api/?q={q}",
    "/{lang}/search/autocomplete/?q={q}",
]  # noqa: E501


def random_queries(count: int, seed: int = 20261208) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(SYNTAX) for _ in range(rng.randint(1, 12))) for _ in range(count)]


def server_errors(client, queries, languages) -> list[tuple[str, str, int]]:
    errors = []
    for query in queries:
        for lang in languages:
            for endpoint in ENDPOINTS:
                url = endpoint.format(lang=lang, q="")
                response = client.get(url, {"search" if "api/v2" in url else "q": query})
                if response.status_code not in (200, 400):
                    errors.append((url, query, response.status_code))
    return errors


def test_no_search_words_make_a_server_error(client, guidance):
    ArticlePageFactory(parent=guidance, title="Sleep after a trauma bond", summary="Sleep and grounding.")
    assert server_errors(client, HOSTILE, ("en-gb", "es", "fr", "ar")) == []
    assert server_errors(client, random_queries(40), ("en-gb", "ar")) == []


def test_the_read_apis_search_still_finds_the_words_around_a_stray_quote(client, guidance):
    ArticlePageFactory(parent=guidance, title="Sleep after a trauma bond", summary="Sleep and grounding.")
    found = client.get("/api/v2/pages/", {"search": '"sleep'})
    assert found.status_code == 200
    assert [item["title"] for item in found.json()["items"]] == ["Sleep after a trauma bond"]


def test_the_same_fuzz_passes_on_sqlite():
    """The suite runs on PostgreSQL (CI): this runs the module's other tests again on SQLite,
    `make run`'s database."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "COV_CORE_SOURCE"}}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", __file__, "-k", "not the_same_fuzz"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
