"""Who is calling: the client's address, trusting proxy headers only as far as settings say.

A client may send any X-Forwarded-For it likes. Each proxy in front of the site appends the
address it received the connection from, so with `TRUSTED_PROXY_HOPS` proxies of our own (1 when
`BEHIND_TLS_PROXY` is set) the client is the entry that many places from the right; anything left
of it was written by the client. With no trusted proxy the connection's own address is used.
Rate limits, the sign-in slowdowns and django-axes all ask this one function.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address of the client that made the request, as our own proxies saw it."""
    hops = settings.TRUSTED_PROXY_HOPS
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if hops <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < hops:
        # Fewer entries than proxies: the request did not pass through all of them.
        return remote
    return forwarded[-hops]
