"""Varnish in front of the site, as the tests, `make run-edge` and the benchmark start it: the
repository's VCL (`varnish.vcl`) filled in with the site's address and cookie names, `varnishd`
(Debian's `varnish`) in the foreground on a free loopback port, a temporary working directory,
64 MB of memory for pages. `Edge(backend_port).url` is where readers go; `close()` stops it."""

import os
import re
import secrets
import shutil
import socket
import string
import subprocess
import tempfile
import time
from pathlib import Path

VCL = Path(__file__).with_name("varnish.vcl")
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The query parameters readers' cached pages use (the guidance index: ?topic=, ?page=); the edge
# drops every other before it hashes or asks the site.
READER_PARAMETERS = ("topic", "page")


def render_vcl(backend_port: int, *, purge_secret: str, backend_host: str = "127.0.0.1", settings=None) -> str:
    if len(purge_secret) < 32 or not re.fullmatch(r"[A-Za-z0-9_-]+", purge_secret):
        raise ValueError("the edge's purge secret must be 32 or more letters, digits, - or _")
    if settings is None:
        from django.conf import settings  # noqa: PLC0415 - only when the caller has none
    return string.Template(VCL.read_text()).substitute(
        backend_host=backend_host,
        backend_port=backend_port,
        admin_path=settings.ADMIN_PATH,
        session_cookie=settings.SESSION_COOKIE_NAME,
        country_cookie=settings.READER_COUNTRY_COOKIE,
        country_header=settings.READER_COUNTRY_HEADER or "X-No-Trusted-Country",
        reader_parameters="|".join(READER_PARAMETERS),
        purge_secret=purge_secret,
    )


class SiteNames:
    """The names the VCL needs, as the settings define them by default, for a caller without
    Django settings (`make run-edge`, the benchmark)."""

    ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/"
    SESSION_COOKIE_NAME = "sessionid"
    READER_COUNTRY_COOKIE = "reader_country"
    READER_COUNTRY_HEADER = os.environ.get("READER_COUNTRY_HEADER", "")


class Edge:
    """`purge_secret`: what PURGE and BAN must send in X-Purge-Secret (a fresh one by default:
    pass it to the site as EDGE_PURGE_SECRET)."""

    def __init__(self, backend_port: int, *, port: int | None = None, settings=None, purge_secret: str = ""):
        if not Path(VARNISHD).exists():
            raise RuntimeError("varnishd not found: `make services` installs Debian's varnish")
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workdir = Path(tempfile.mkdtemp(prefix="edge-"))
        self.workdir.chmod(0o755)  # varnishd reads the VCL as its own unprivileged user
        vcl = self.workdir / "site.vcl"
        self.purge_secret = purge_secret or secrets.token_urlsafe(32)
        vcl.write_text(render_vcl(backend_port, purge_secret=self.purge_secret, settings=settings))
        vcl.chmod(0o644)
        command = [VARNISHD, "-F", "-f", str(vcl), "-a", f"127.0.0.1:{self.port}", "-n", str(self.workdir / "n")]
        command += ["-s", "malloc,64m", "-p", "ban_lurker_sleep=0.01"]
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self._wait()

    def _wait(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.process.stdout.read() if self.process.stdout else ""
                raise RuntimeError(f"varnishd exited ({self.process.returncode}):\n{output[-4000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        self.close()
        raise RuntimeError(f"varnishd did not listen on {self.port} within {seconds:.0f} s")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
