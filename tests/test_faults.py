"""Faults under gunicorn: the database goes away and comes back.

The site runs with production settings in gunicorn (2 workers) against its own PostgreSQL
database, reached through a TCP proxy that the test cuts and restores."""

import contextlib
import secrets
import socket
import subprocess
import threading
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest

from benchmarks.production_site import free_port, prepare, production_env, start_gunicorn

ROOT = Path(__file__).resolve().parents[1]
POSTGRES = ("127.0.0.1", 5432)
ARTICLE = "/en-gb/guidance/how-to-heal-after-a-trauma-bond-relationship/"


class TcpProxy:
    """Forwards a local port to PostgreSQL until cut; `cut` also drops open connections."""

    def __init__(self, port: int):
        self.port = port
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
            upstream = socket.create_connection(POSTGRES)
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
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    proxy = TcpProxy(free_port())
    proxy.start()
    # Every request needs the database: the page cache is off.
    env = production_env(f"postgres://postgres@127.0.0.1:{proxy.port}/{name}", tmp_path, PAGE_CACHE_SECONDS="0")
    prepare(env)
    port = free_port()
    gunicorn = start_gunicorn(env, port, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        yield base, proxy, gunicorn
    finally:
        gunicorn.terminate()
        gunicorn.communicate(timeout=30)
        proxy.cut()
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_database_outage_gives_the_styled_error_page_and_the_site_recovers(site_on_gunicorn):
    base, proxy, gunicorn = site_on_gunicorn
    assert get(base + ARTICLE)[0] == 200

    proxy.cut()
    for path in (ARTICLE, "/en-gb/", "/es/", "/en-gb/search/?q=trauma"):
        status, body = get(base + path)
        assert status == 500, path
        assert "Something went wrong" in body and 'href="/static/css/site' in body
        for leak in ("Traceback", "OperationalError", "psycopg", "DATABASE", "SECRET_KEY"):
            assert leak not in body

    proxy.start()
    statuses = [get(base + ARTICLE)[0] for _ in range(4)]
    assert statuses == [200, 200, 200, 200], statuses
