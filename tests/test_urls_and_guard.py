"""URL normalisation and the fetch address guard."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.utils.test import get_crawler

from crawler.middlewares import AddressGuardMiddleware, BlockedAddress, blocked_reason
from provenance.text.urls import normalise_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "HTTP://Forum.Example:80/index.php?topic=2.0;PHPSESSID=abc123",
            "http://forum.example/index.php?topic=2.0",
        ),
        (
            "http://x.example/index.php?PHPSESSID=abc&topic=2.0",
            "http://x.example/index.php?topic=2.0",
        ),
        ("http://bb.example/viewtopic.php?t=5&sid=0123abcd", "http://bb.example/viewtopic.php?t=5"),
        (
            "https://www.agency.gov/news/x?utm_source=tw&utm_medium=s#frag",
            "https://www.agency.gov/news/x",
        ),
        ("https://Agency.gov:443", "https://agency.gov/"),
        ("http://a.example:8092/p", "http://a.example:8092/p"),
    ],
)
def test_normalise_url(url: str, expected: str) -> None:
    assert normalise_url(url) == expected


@pytest.mark.parametrize("url", ["javascript:alert(1)", "mailto:a@b.c", "ftp://x/y", "", "http://"])
def test_normalise_url_refuses_what_is_not_http(url: str) -> None:
    assert normalise_url(url) is None


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "10.1.2.3",
        "192.168.0.1",
        "169.254.169.254",
        "::1",
        "0.0.0.0",
        "::ffff:127.0.0.1",
        "224.0.0.1",
    ],
)
def test_guard_blocks_non_public_addresses(host: str) -> None:
    assert blocked_reason(host, frozenset()) is not None


def test_guard_lets_listed_hosts_through() -> None:
    assert blocked_reason("127.0.0.1", frozenset({"127.0.0.1"})) is None


def test_guard_middleware_raises_and_counts() -> None:
    crawler = get_crawler(settings_dict={"PROVENANCE_ALLOWED_HOSTS": ["forum.example"]})
    guard = AddressGuardMiddleware.from_crawler(crawler)
    with pytest.raises(BlockedAddress):
        guard.process_request(Request("http://127.0.0.1:8092/news/1"))
    with pytest.raises(BlockedAddress):
        guard.process_request(Request("http://localhost/admin"))
    assert guard.process_request(Request("http://forum.example/index.php")) is None
    assert crawler.stats.get_value("provenance/blocked_address") == 2
