"""osmem-server for the suite and the benchmark: started once, its stderr kept so that a test can
fail when osmem says it ignored an index setting; the official client talks to it through
search.compat.PlainJsonNode. With ELASTICSEARCH_URL in the environment, a real cluster is used."""

import json
import os
import subprocess
import threading

from search.compat import PlainJsonNode  # noqa: F401  (osmem's, until it goes)

from .engine import OpenSearchNode

REAL_CLUSTER = os.environ.get("ELASTICSEARCH_URL", "")


class Osmem:
    def __init__(self):
        from osmem_server import resolve_binary

        args = [resolve_binary(None), "--parent-pid", str(os.getpid()), "--no-ja"]
        self.process = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self.url = None
        for line in self.process.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if isinstance(message, dict) and "url" in message:
                self.url = message["url"]
                break
        if not self.url:
            raise RuntimeError("osmem-server did not start")
        self.stderr: list[str] = []
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.process.stderr:
            self.stderr.append(line.rstrip())

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()


class RecordingNode(OpenSearchNode):
    """Keeps the body of every request, for the snapshot of the queries the code sends."""

    sent: list = []

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if body:
            try:
                RecordingNode.sent.append((method, target, json.loads(body)))
            except (ValueError, TypeError):
                RecordingNode.sent.append((method, target, body))
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)
