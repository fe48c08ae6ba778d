"""`make run-search`: the site of `make run` with reader search on a local OpenSearch node.

Starts the engine (search/engine/, built by `make engine`), prints `Search engine: <url>` once it
answers, then runs `make run` with ELASTICSEARCH_URL pointing at it; the indices are rebuilt once
the sample content is loaded. The engine stops with the site."""

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from search.engine.launcher import OpenSearchEngine  # noqa: E402


def main() -> int:
    engine = OpenSearchEngine()
    print(f"Search engine: {engine.url}", flush=True)
    env = {
        **os.environ,
        "ELASTICSEARCH_URL": engine.url,
        # The official client's transport adjusted for OpenSearch (local use only).
        "ELASTICSEARCH_NODE_CLASS": "search.engine.launcher.OpenSearchNode",
    }
    python = str(ROOT / ".venv" / "bin" / "python")
    try:
        for command in (["migrate", "--noinput"], ["load_sample_content"], ["search_index", "rebuild"]):
            subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True)  # noqa: S603 (our own commands)
        # A first query warms the JVM, so that the reader's first search is not the slow one.
        urllib.request.urlopen(f"{engine.url}/_search?q=warm-up", timeout=30).close()  # noqa: S310 (loopback)
        return subprocess.call(["make", "run"], cwd=ROOT, env=env)  # noqa: S603, S607 (make from PATH, as a person runs it)
    except KeyboardInterrupt:
        return 0
    finally:
        engine.close()


if __name__ == "__main__":
    sys.exit(main())
