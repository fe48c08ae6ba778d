"""Faults under gunicorn: the database goes away and comes back.

The site runs with production settings in gunicorn (2 workers) against its own PostgreSQL
database, reached through a TCP proxy that the test cuts and restores."""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[1]
POSTGRES = ("127.0.0.1", 5432)
ARTICLE = "/en-gb/guidance/how-to-heal-after-a-trauma-bond-relationship/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}} | {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{proxy.port}/{name}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "PAGE_CACHE_SECONDS": "0",  # every request needs the database
    }
    for command in (["migrate", "--noinput"], ["load_sample_content"], ["collectstatic", "--noinput"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "cms.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/static/css/site.css", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
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
