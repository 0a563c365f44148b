"""The client's address, the same for the lock-out (AXES_CLIENT_IP_CALLABLE) and the audit log.

X-Forwarded-For is believed only for the hops of TRUSTED_PROXY_COUNT proxies: each proxy appends the address it
saw, so the trustworthy entry is the N-th from the right; anything further left was written by the client.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR") or None
    hops = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops <= 0 or not forwarded:
        return remote
    chain = [part.strip() for part in forwarded.split(",") if part.strip()]
    if len(chain) < hops:
        return remote
    candidate = chain[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
