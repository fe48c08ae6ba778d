"""`make run-edge`: the site of `make run` behind a local Varnish (the repository's VCL).

Starts varnishd on EDGE_PORT (default 6081) in front of the site's PORT, prints
`Edge cache: <url>`, then runs `make run` with EDGE_CACHE_URL pointing at it, so each
publication purges exactly the addresses it changes there. Varnish stops with the site."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cms.edge.launcher import Edge, SiteNames  # noqa: E402


def site_environment(environ, edge_url: str, port: int, purge_secret: str = "") -> dict:
    """The site's environment behind the edge: purges go to it, and each reader is counted by
    the address Varnish appends to X-Forwarded-For (it is the only proxy), not by Varnish's own."""
    return {
        "TRUSTED_PROXY_HEADER": "X-Forwarded-For",
        "TRUSTED_PROXY_COUNT": "1",
        **environ,
        "EDGE_CACHE_URL": edge_url,
        "EDGE_PURGE_SECRET": purge_secret,
        "PORT": str(port),
    }


def main() -> int:
    port = int(os.environ.get("PORT", "8000"))
    edge = Edge(port, port=int(os.environ.get("EDGE_PORT", "6081")), settings=SiteNames)
    print(f"Edge cache: {edge.url} (in front of http://127.0.0.1:{port})", flush=True)
    env = site_environment(os.environ, edge.url, port, edge.purge_secret)
    try:
        return subprocess.call(["make", "run"], cwd=ROOT, env=env)  # noqa: S603, S607 (make from PATH)
    except KeyboardInterrupt:
        return 0
    finally:
        edge.close()


if __name__ == "__main__":
    sys.exit(main())
