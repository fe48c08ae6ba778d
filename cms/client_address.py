"""The address of the client that sent a request, for rate limits and the sign-in throttle.

Behind a proxy or load balancer REMOTE_ADDR is the proxy's: every reader would share one
limit. When TRUSTED_PROXY_HEADER names the header the proxies append to (X-Forwarded-For) and
TRUSTED_PROXY_COUNT says how many proxies of ours append to it, the client is the address the
outermost of them saw: the TRUSTED_PROXY_COUNT-th entry from the right. Entries further left
were written by the client and are ignored (anyone can send "X-Forwarded-For: 1.2.3.4").
Without a configured header, the header is ignored and REMOTE_ADDR is used.

Hand-written rather than django-ipware: ipware 8 counts proxies differently (it returns no
address for a single appending proxy with proxy_count=1), and the rule here is six lines."""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.TRUSTED_PROXY_HEADER
    if not header:
        return remote
    raw = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
    entries = [entry.strip() for entry in raw.split(",") if entry.strip()]
    count = max(1, settings.TRUSTED_PROXY_COUNT)
    if len(entries) < count:
        return remote  # did not come through all our proxies
    candidate = entries[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
