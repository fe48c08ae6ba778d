"""The site as it runs in production, for the benchmark and the fault tests: production
settings in a fresh environment, the sample content loaded, gunicorn with 2 sync workers on a
free local port."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(database_url: str, workdir: Path, **extra: str) -> dict[str, str]:
    """Production settings with a random secret, local hosts and no HTTPS redirect."""
    inherited = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}}
    return inherited | {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        # Production requires the shared cache (rate limits across workers): `make services` runs it.
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1"),
        "STATIC_ROOT": str(workdir / "static"),
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def prepare(env: dict[str, str]) -> None:
    """Migrate, load the sample content and collect static files."""
    for command in (["migrate", "--noinput"], ["load_sample_content"], ["collectstatic", "--noinput"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)


def wait_for(url: str, timeout: float = 30, headers: dict[str, str] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout}s")


def start_gunicorn(
    env: dict[str, str], port: int, ready_headers: dict[str, str] | None = None, **popen_options
) -> subprocess.Popen:
    """gunicorn with 2 sync workers; returns once it serves a static file (asked with
    `ready_headers`, such as the Host and X-Forwarded-Proto a TLS proxy sends)."""
    process = subprocess.Popen(
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
        **popen_options,
    )
    wait_for(f"http://127.0.0.1:{port}/static/css/site.css", headers=ready_headers)
    return process
