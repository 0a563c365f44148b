"""The client's address, the same for the lock-out (AXES_CLIENT_IP_CALLABLE) and the audit log.

X-Forwarded-For is believed only when the peer that connected (REMOTE_ADDR) is a proxy listed in
TRUSTED_PROXIES (addresses or networks, from the environment; none by default). Each proxy appends the address
it saw, so the header is read from the right: entries written by further listed proxies are skipped, and the
first address that is not a listed proxy is the client. Anything left of it was typed by the client and is never
believed. Header parsing (ports, IPv6 brackets, IPv4-mapped addresses, junk tokens) is django-ipware's.
"""

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from ipware import get_client_ip

# A chain longer than this is not a real deployment; stop walking rather than loop over a huge header.
MAX_PROXY_HOPS = 10


@functools.lru_cache(maxsize=8)
def _networks(entries):
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES holds {entry!r}, which is neither an address nor a network (e.g. 10.0.0.0/8)."
            ) from error
    return tuple(networks)


def trusted_networks():
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))


def is_trusted_proxy(address):
    if address is None:
        return False
    address = ipaddress.ip_address(address)
    return any(address.version == network.version and address in network for network in trusted_networks())


def _peer(request):
    peer, _routable = get_client_ip(request, request_header_order=["REMOTE_ADDR"])
    return peer


def client_ip(request):
    peer = _peer(request)
    if peer is None:
        return request.META.get("REMOTE_ADDR") or None
    if not is_trusted_proxy(peer):
        return peer  # a direct client: whatever headers it sent are its own words
    address = peer
    for hops in range(MAX_PROXY_HOPS):
        # The entry `hops` places from the right of X-Forwarded-For (None when the chain is shorter).
        candidate, _routable = get_client_ip(
            request, proxy_count=hops, request_header_order=["HTTP_X_FORWARDED_FOR"], strict=False
        )
        if candidate is None:
            break
        address = candidate
        if not is_trusted_proxy(candidate):
            break
    return address
