"""OpenSearch for the suite, `make run-search` and the benchmark: one node (search/engine/, built
by `make engine` from Maven Central) started once, on a free loopback port, with a temporary
data path and a bounded heap; it stops when the process that started it goes away (its stdin
closes). The official Elasticsearch client talks to it through OpenSearchNode (test-only)."""

import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from elastic_transport import Urllib3HttpNode

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "search" / "engine"
JAR = ENGINE / "target" / "search-engine-1.jar"
CLASSPATH = ENGINE / "target" / "classpath.txt"
HEAP = os.environ.get("SEARCH_ENGINE_HEAP", "512m")
_VERSIONED = "application/vnd.elasticsearch+"


class OpenSearchEngine:
    def __init__(self, timeout: float = 90):
        if not JAR.exists() or not CLASSPATH.exists():
            raise RuntimeError("The search engine is not built: run `make engine` (Maven, Java 17).")
        self.home = Path(tempfile.mkdtemp(prefix="clinic-search-"))
        port_file = self.home / "port"
        java = shutil.which("java") or "java"
        classpath = f"{JAR}{os.pathsep}{CLASSPATH.read_text().strip()}"
        self.log = (self.home / "engine.log").open("w")
        self.process = subprocess.Popen(
            [
                java,
                f"-Xms{HEAP}",
                f"-Xmx{HEAP}",
                "-cp",
                classpath,
                "clinic.search.EngineNode",
                str(self.home),
                str(port_file),
            ],
            stdin=subprocess.PIPE,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while not port_file.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"OpenSearch did not start; see {self.home / 'engine.log'}")
            time.sleep(0.1)
        self.url = f"http://127.0.0.1:{port_file.read_text().strip()}"
        self.wait_for_green(deadline)

    def wait_for_green(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_cluster/health?wait_for_status=green&timeout=5s") as r:
                    if b'"green"' in r.read():
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("OpenSearch did not turn green")

    def close(self) -> None:
        if self.process.poll() is None:
            if self.process.stdin:
                self.process.stdin.close()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()
        shutil.rmtree(self.home, ignore_errors=True)


class OpenSearchNode(Urllib3HttpNode):
    """The official Elasticsearch client's transport, for OpenSearch: plain JSON instead of
    Elasticsearch's versioned media type, and the product header the client checks for. Tests
    only: production talks to Elasticsearch and knows nothing of this."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for key in list(headers.keys()):
                if key.lower() in ("accept", "content-type") and _VERSIONED in headers[key]:
                    headers[key] = "application/" + headers[key].split("+", 1)[1].split(";")[0].strip()
        response = super().perform_request(method, target, body=body, headers=headers, **kwargs)
        response.meta.headers["x-elastic-product"] = "Elasticsearch"
        return response
