#!/usr/bin/env python
"""Benchmark: the sample article under gunicorn (2 sync workers) measured with wrk, next to a
Django view returning fixed HTML of the same size under the same settings, nginx serving the
same bytes from disk (the physical limit here) and Varnish with the repository's VCL in front
of the site (the edge cache), all in the same run.

    .venv/bin/python benchmarks/article_page.py [--duration 15] [--connections 16]

Builds its own database (SQLite in a temporary folder, or --database-url), loads the sample
content, collects static files, starts gunicorn on a free local port (with Varnish in front,
`EDGE_CACHE_URL` set, when Debian's varnish is installed; nginx when it is) and prints a table:
requests/s, p50 and p99 latency, the ratios to nginx and to the fixed-HTML floor, and SQL
queries per page; then 200 readers of mixed pages through the edge (or straight to gunicorn).
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

# Run as a script from anywhere: the project root must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.production_site import (  # noqa: E402
    ROOT,
    free_port,
    prepare,
    production_env,
    start_gunicorn,
    wait_for,
)
from cms.edge.launcher import VARNISHD, Edge, SiteNames  # noqa: E402

ARTICLE = "/en-gb/guidance/how-to-heal-after-a-trauma-bond-relationship/"
FIXED = "/__bench__/fixed/"
SEARCH = "/en-gb/search/?q=trauma+bond"


def parse_latency(text: str, label: str) -> float:
    match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.MULTILINE)
    assert match, f"wrk printed no {label}% latency"
    value, unit = float(match[1]), match[2]
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


# The page cache never serves a request that carries a session cookie: that is how the
# uncached article is measured through the same server.
BYPASS_CACHE = ["-H", "Cookie: sessionid=benchmark-no-cache"]


def run_wrk(url: str, duration: int, connections: int, extra=()) -> dict:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", *extra, url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": float(re.findall(r"Requests/sec:\s+([\d.]+)", output)[0]),
        "p50": parse_latency(output, "50"),
        "p99": parse_latency(output, "99"),
        "errors": (int(errors[1]) if errors else 0) + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
    }


def measure_every_part_rendered(env, duration: int, connections: int) -> dict:
    """The uncached article with no rendered part kept (FRAGMENT_CACHE_SECONDS=0): what the first
    request after a change costs, on a second gunicorn started for it."""
    port = free_port()
    process = start_gunicorn({**env, "FRAGMENT_CACHE_SECONDS": "0"}, port)
    try:
        url = f"http://127.0.0.1:{port}{ARTICLE}"
        wait_for(url)
        run_wrk(url, 2, connections, BYPASS_CACHE)
        return run_wrk(url, duration, connections, BYPASS_CACHE)
    finally:
        process.terminate()
        process.wait(timeout=30)


def count_queries(env) -> int:
    """SQL queries for one warm request of the article, in-process with the same settings."""
    code = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client(HTTP_HOST='127.0.0.1')\n"
        f"client.get({ARTICLE!r})\n"
        "with CaptureQueriesContext(connection) as q:\n"
        f"    assert client.get({ARTICLE!r}).status_code == 200\n"
        "print(len(q))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "PAGE_CACHE_SECONDS": "0"},
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


NGINX_CONF = """worker_processes 2;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    server {{
        listen 127.0.0.1:{port};
        root {workdir}/nginx;
        location / {{ default_type text/html; }}
    }}
}}
"""


def start_nginx(workdir: Path, html: bytes):
    """nginx (Debian's) serving `html` as /article.html: the limit of this machine."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        return None, None
    root = workdir / "nginx"
    root.mkdir()
    (root / "article.html").write_bytes(html)
    for path in (workdir, root):
        path.chmod(0o755)
    (root / "article.html").chmod(0o644)
    port = free_port()
    conf = workdir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(workdir=workdir, port=port))
    process = subprocess.Popen([nginx, "-c", str(conf)], stderr=subprocess.DEVNULL)  # noqa: S603
    url = f"http://127.0.0.1:{port}/article.html"
    wait_for(url)
    return process, url


def row(label, result, floor, limit=None, queries="-") -> str:
    to_limit = f"{result['rps'] / limit['rps']:.2f}" if limit else "-"
    return (
        f"| {label} | {result['rps']:.0f} | {result['p50']:.1f} | {result['p99']:.1f} | {to_limit} | "
        f"{result['rps'] / floor['rps']:.3f} | {result['errors']} | {queries} |"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run (default 15)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--database-url", help="default: a fresh SQLite file in a temporary folder")
    parser.add_argument("--load-seconds", type=int, default=60, help="the 200-reader mixed load run (0: skip)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk).")

    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    env = production_env(
        args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}",
        workdir,
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        BENCH_FIXED_HTML=str(workdir / "fixed.html"),
    )
    print("Preparing: migrate, sample content, collectstatic ...", flush=True)
    prepare(env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    edge = Edge(port, settings=SiteNames) if Path(VARNISHD).exists() else None
    if edge is not None:
        env["EDGE_CACHE_URL"] = edge.url
        env["EDGE_PURGE_SECRET"] = edge.purge_secret
        env["TRUSTED_PROXY_HEADER"] = "X-Forwarded-For"  # production refuses an edge without it
    gunicorn = start_gunicorn(env, port)
    nginx = None
    try:
        wait_for(base + ARTICLE)
        with urllib.request.urlopen(base + ARTICLE) as response:
            article_html = response.read()
        Path(env["BENCH_FIXED_HTML"]).write_bytes(article_html)
        nginx, nginx_url = start_nginx(workdir, article_html)
        wait_for(base + FIXED)
        for url in (FIXED, ARTICLE):  # warm both workers (and the page cache)
            run_wrk(base + url, 2, args.connections)
        limit = run_wrk(nginx_url, args.duration, args.connections) if nginx else None
        edged = None
        if edge is not None:
            run_wrk(edge.url + ARTICLE, 2, args.connections)
            edged = run_wrk(edge.url + ARTICLE, args.duration, args.connections)
        fixed = run_wrk(base + FIXED, args.duration, args.connections)
        article = run_wrk(base + ARTICLE, args.duration, args.connections, BYPASS_CACHE)
        cached = run_wrk(base + ARTICLE, args.duration, args.connections)
        search = run_wrk(base + SEARCH, args.duration, args.connections)
        load = None
        if args.load_seconds:
            script = str(Path(__file__).with_name("readers.lua"))
            front = edge.url if edge is not None else base
            load = run_wrk(front + "/", args.load_seconds, 200, ["-s", script, "--timeout", "10s"])
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=10)
        if edge is not None:
            edge.close()
    every_part = measure_every_part_rendered(env, args.duration, args.connections)
    queries = count_queries(env)
    queries_every_part = count_queries({**env, "FRAGMENT_CACHE_SECONDS": "0"})
    shutil.rmtree(workdir, ignore_errors=True)

    print(
        f"\ngunicorn 2 sync workers, wrk -t2 -c{args.connections} -d{args.duration}s, "
        f"page size {len(article_html):,} bytes, database {env['DATABASE_URL'].split(':')[0]}\n"
    )
    print("| page | req/s | p50 ms | p99 ms | ratio to nginx | ratio to floor | errors | SQL queries |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    if limit:
        print(row("nginx, the same bytes from disk (the limit)", limit, fixed, limit))
    if edged:
        print(row("sample article through Varnish (edge cache)", edged, fixed, limit))
    print(row("sample article, app page cache", cached, fixed, limit, "0"))
    print(row("fixed HTML view (floor)", fixed, fixed, limit, "0"))
    print(row("sample article, uncached (rendered parts reused)", article, fixed, limit, str(queries)))
    label = "sample article, uncached, every part rendered (first after a change)"
    print(row(label, every_part, fixed, limit, str(queries_every_part)))
    print(row("search page (database search)", search, fixed, limit))
    ratio = article["rps"] / fixed["rps"]
    print(f"\nuncached / floor: {ratio:.3f} (1/{1 / ratio:.0f}); target >= 0.1")
    cold = every_part["rps"] / fixed["rps"]
    print(f"every part rendered / floor: {cold:.3f} (1/{1 / cold:.0f}), {queries_every_part} queries")
    if limit and edged:
        print(f"through Varnish / nginx: {edged['rps'] / limit['rps']:.2f}; target >= 0.5")
    if load:
        print(
            f"\n200 readers for {args.load_seconds}s {'through Varnish ' if edge else ''}across articles "
            f"(en-gb, es, ar), home, listing and search "
            f"(benchmarks/readers.lua): {load['rps']:.0f} req/s, p50 {load['p50']:.1f} ms, "
            f"p99 {load['p99']:.1f} ms, errors (non-2xx/3xx, socket, timeouts over 10 s): {load['errors']}"
        )


if __name__ == "__main__":
    main()
