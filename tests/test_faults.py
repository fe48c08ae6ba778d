"""Faults under gunicorn: the database, or the search cluster, goes away and comes back.

The site runs with production settings in gunicorn (2 workers), reaching PostgreSQL (or the
search server) through a TCP proxy that the test cuts and restores."""

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import pytest

from benchmarks.production_site import free_port, prepare, production_env, start_gunicorn

ROOT = Path(__file__).resolve().parents[1]
POSTGRES = ("127.0.0.1", 5432)
# The role that .ci/services creates (it may create databases), or the one DATABASE_URL names.
_pg = urllib.parse.urlsplit(
    os.environ.get("DATABASE_URL", "")
    if os.environ.get("DATABASE_URL", "").startswith("postgres")
    else "postgres://clinic:clinic@127.0.0.1:5432/postgres"
)
PG_ADMIN_URL = f"postgresql://{_pg.netloc}/postgres"


def pg_url_via(port: int, name: str) -> str:
    credentials = _pg.netloc.rsplit("@", 1)[0]
    return f"postgres://{credentials}@127.0.0.1:{port}/{name}"


ARTICLE = "/en-gb/guidance/how-to-heal-after-a-trauma-bond-relationship/"


class TcpProxy:
    """Forwards a local port to PostgreSQL (or `upstream`) until cut; `cut` also drops open
    connections."""

    def __init__(self, port: int, upstream=POSTGRES):
        self.port = port
        self.upstream = upstream
        self.connections: list[socket.socket] = []
        self.server = None

    def start(self):
        self.server = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        threading.Thread(target=self._accept, args=(self.server,), daemon=True).start()

    def _accept(self, server):
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.upstream)
            self.connections += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would leave the
        # listening socket alive on Linux.
        with contextlib.suppress(OSError):
            self.server.shutdown(socket.SHUT_RDWR)
        self.server.close()
        for connection in self.connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
                connection.close()
            except OSError:
                pass
        self.connections.clear()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def site_on_gunicorn(tmp_path):
    name = f"faults_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    proxy = TcpProxy(free_port())
    proxy.start()
    # Every request needs the database: the page cache is off.
    env = production_env(pg_url_via(proxy.port, name), tmp_path, PAGE_CACHE_SECONDS="0")
    prepare(env)
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    gunicorn = start_gunicorn(env, port, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        yield base, proxy, gunicorn
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        log.close()
        proxy.cut()
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_database_outage_gives_the_styled_error_page_and_the_site_recovers(site_on_gunicorn):
    base, proxy, gunicorn = site_on_gunicorn
    assert get(base + ARTICLE)[0] == 200

    proxy.cut()
    # Search several times: each gunicorn worker keeps the request's Site once it has read it
    # (cms.middleware.KnownSiteMiddleware), and one that has not must still answer search's 503.
    search = ["/en-gb/search/?q=trauma", "/en-gb/search/?q=sleep", "/en-gb/search/?q=grief", "/en-gb/search/?q=shame"]
    for path in (ARTICLE, "/en-gb/", "/es/", *search):
        status, body = get(base + path)
        if "search" in path:  # search says so itself, in the site's layout
            assert status == 503 and "Search is not working just now" in body, path
        else:
            assert status == 500, path
            assert "Something went wrong" in body
        assert 'href="/static/css/site' in body
        for leak in ("Traceback", "OperationalError", "psycopg", "DATABASE", "SECRET_KEY"):
            assert leak not in body

    proxy.start()
    statuses = [get(base + ARTICLE)[0] for _ in range(4)]
    assert statuses == [200, 200, 200, 200], statuses


SEARCH_JSON = "/en-gb/search/api/?q=trauma"


def manage(env, *args, code=None):
    command = [sys.executable, "manage.py", *args] + (["-c", code] if code else [])
    return subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout


PUBLISH_DURING_OUTAGE = """
from articles.models import ArticlePage
from tests.factories import record_sign_off_for_tests
page = ArticlePage.objects.get(locale__language_code="en-gb")
page.title = "Healing after a trauma bond (updated during the outage)"
revision = page.save_revision()
record_sign_off_for_tests(revision)
revision.publish()
from search.models import PendingIndexChange
print("pending", PendingIndexChange.objects.count())
"""


def test_search_cluster_outage_under_load_gives_no_errors_and_loses_no_update(tmp_path):
    from urllib.parse import urlparse

    from search.engine.launcher import OpenSearchEngine

    engine = OpenSearchEngine()
    upstream = urlparse(engine.url)
    proxy = TcpProxy(free_port(), upstream=(upstream.hostname, upstream.port))
    proxy.start()
    env = production_env(
        f"sqlite:///{tmp_path / 'site.sqlite3'}",
        tmp_path,
        PAGE_CACHE_SECONDS="0",
        ELASTICSEARCH_URL=f"http://127.0.0.1:{proxy.port}",
        ELASTICSEARCH_NODE_CLASS="search.engine.launcher.OpenSearchNode",
    )
    prepare(env)
    manage(env, "search_index", "rebuild")
    manage(env, "search_index", "apply")  # the sample content's own changes
    port = free_port()
    # The site's log goes to a file: a pipe nobody reads fills up under this many warnings and
    # then blocks the workers mid-request.
    log_path = tmp_path / "gunicorn.log"
    log = log_path.open("w")
    gunicorn = start_gunicorn(env, port, stderr=log)
    base = f"http://127.0.0.1:{port}"
    statuses, engines, stop = [], [], threading.Event()

    def reader():
        while not stop.is_set():
            for path in (SEARCH_JSON, "/en-gb/search/?q=trauma+bond", ARTICLE):
                status, body = get(base + path)
                statuses.append(status)
                if path == SEARCH_JSON and status == 200:
                    engines.append(json.loads(body)["engine"])

    try:
        readers = [threading.Thread(target=reader) for _ in range(4)]
        for thread in readers:
            thread.start()
        time.sleep(2)
        proxy.cut()  # the cluster goes away in the middle of the load
        time.sleep(2)
        assert "pending 1" in manage(env, "shell", code=PUBLISH_DURING_OUTAGE)
        time.sleep(1)
        proxy.start()
        time.sleep(2)
        stop.set()
        for thread in readers:
            thread.join(30)

        assert statuses and not [s for s in statuses if s >= 500], sorted(set(statuses))
        assert {"elasticsearch", "database"} <= set(engines)  # fell back, then came back

        # The change made during the outage was kept, and is applied now the cluster is back.
        assert "applied 1 pending change(s); 0 still pending" in manage(env, "search_index", "apply")
        status, body = get(base + SEARCH_JSON)
        data = json.loads(body)
        assert data["engine"] == "elasticsearch"
        assert "Healing after a trauma bond (updated during the outage)" in [r["title"] for r in data["results"]]

        # The operator sees the fallback in the log; the readers' words are not there.
        logged = log_path.read_text()
        assert "Elasticsearch search failed (ConnectionError); answering from the database" in logged
        assert "trauma" not in logged.lower()
    finally:
        stop.set()
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        log.close()
        proxy.cut()
        engine.close()
