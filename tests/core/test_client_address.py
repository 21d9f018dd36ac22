"""The client's address: the connection's own, or read from X-Forwarded-For only as far back
as our own proxies wrote it (issue 9, 4 and 13)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from apps.core.clients import client_address


def request(remote: str = "10.0.0.254", forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_HOPS = 0

    assert client_address(request(forwarded="192.0.2.1")) == "10.0.0.254"


@pytest.mark.parametrize(
    ("hops", "forwarded", "client"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        # Whatever the client wrote comes first; our proxy appended the last entry.
        (1, "192.0.2.1, 192.0.2.2, 203.0.113.7", "203.0.113.7"),
        (2, "192.0.2.1, 203.0.113.7, 10.1.0.1", "203.0.113.7"),
        # Fewer entries than proxies: not through all of them, so the connection's address.
        (2, "203.0.113.7", "10.0.0.254"),
        (1, "", "10.0.0.254"),
        (1, " , ", "10.0.0.254"),
    ],
)
def test_behind_proxies_the_entry_our_last_proxy_received_is_the_client(
    settings, hops, forwarded, client
):
    settings.TRUSTED_PROXY_HOPS = hops

    assert client_address(request(forwarded=forwarded)) == client
