"""Hostile world, second round: probes with servers on 127.0.0.1 started here.

Each probe family says what a stranger can write or serve and what must hold.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy import Request
from scrapy.utils.test import get_crawler
from twisted.internet.address import IPv4Address

from crawler.middlewares import (
    AddressGuardMiddleware,
    BlockedAddress,
    _GuardedReceiver,
    parse_allowed,
)
from provenance.app.commands import _run_spider
from provenance.store import Store
from tests.hostile_servers import ARTICLE, canary_urls, cite, serve

# ------------------------------------------------ 1. the guard keys on the port


def test_a_bare_host_allows_its_default_ports_only() -> None:
    crawler = get_crawler(settings_dict={"PROVENANCE_ALLOWED_HOSTS": ["127.0.0.1"]})
    guard = AddressGuardMiddleware.from_crawler(crawler)
    assert guard.process_request(Request("http://127.0.0.1/x")) is None
    assert guard.process_request(Request("https://127.0.0.1/x")) is None
    for url in ("http://127.0.0.1:8080/x", "http://127.0.0.1:443/x", "https://127.0.0.1:80/"):
        with pytest.raises(BlockedAddress):
            guard.process_request(Request(url))


def test_host_and_port_allows_that_port_only() -> None:
    crawler = get_crawler(settings_dict={"PROVENANCE_ALLOWED_HOSTS": ["127.0.0.1:8092"]})
    guard = AddressGuardMiddleware.from_crawler(crawler)
    assert guard.process_request(Request("http://127.0.0.1:8092/x")) is None
    for url in ("http://127.0.0.1/x", "http://127.0.0.1:8093/x", "http://127.1:8093/x"):
        with pytest.raises(BlockedAddress):
            guard.process_request(Request(url))


@pytest.mark.parametrize("entry", ["http://", "a b", "127.0.0.1:99999", "user@h", "ftp://h", "h/p"])
def test_a_bad_allow_entry_is_refused_by_name(entry: str) -> None:
    with pytest.raises(ValueError, match="not an allowed host"):
        parse_allowed([entry])


def test_the_connect_time_check_drops_a_non_public_address() -> None:
    # what the resolver hands to the connection, after the middleware passed:
    # a name that now resolves to loopback (DNS rebinding) gets no address
    got: list[object] = []

    class Receiver:
        def resolutionBegan(self, r: object) -> None:  # noqa: N802
            pass

        def addressResolved(self, a: object) -> None:  # noqa: N802
            got.append(a)

        def resolutionComplete(self) -> None:  # noqa: N802
            pass

    _GuardedReceiver(Receiver(), "rebind.example", 80, False, None).addressResolved(
        IPv4Address("TCP", "127.0.0.1", 80)
    )
    _GuardedReceiver(Receiver(), "public.example", 80, False, None).addressResolved(
        IPv4Address("TCP", "1.1.1.1", 80)
    )
    _GuardedReceiver(Receiver(), "127.0.0.1", 8092, True, None).addressResolved(
        IPv4Address("TCP", "127.0.0.1", 8092)
    )
    assert [a.host for a in got] == ["1.1.1.1", "127.0.0.1"]  # type: ignore[attr-defined]


def _sources(db: Path, allow: list[str]) -> dict[str, object]:
    args = ["sources", "--db", str(db), "--no-throttle", "--set", "ROBOTSTXT_OBEY=false"]
    for entry in allow:
        args += ["--allow-host", entry]
    return _run_spider(args, echo=False)


@pytest.mark.parametrize("allow", ["port", "bare+forum"])
def test_cited_urls_never_reach_another_port_of_an_allowed_host(tmp_path: Path, allow: str) -> None:
    with serve({}) as (canary, canary_hits):
        routes = {
            "/article": ARTICLE,
            "/redirect-to-canary": (302, {"Location": f"http://127.0.0.1:{canary}/via"}, b""),
        }
        with serve(routes) as (forum, _):  # type: ignore[arg-type]
            db = tmp_path / "g.duckdb"
            urls = canary_urls(forum, canary)
            cite(db, [f"http://127.0.0.1:{forum}/article", *urls])
            entries = [f"127.0.0.1:{forum}"] if allow == "port" else ["127.0.0.1", f"127.0.0.1:{forum}"]
            _sources(db, entries)
    assert canary_hits == []
    with Store.open(db, read_only=True) as store:
        ok = store.query("SELECT url FROM sources WHERE status = 200")[1]
    assert ok == [(f"http://127.0.0.1:{forum}/article",)]


# ------------------------------------------- 5. official is configured or verified


@pytest.mark.parametrize(
    ("url", "official"),
    [
        ("https://www.justice.gov/opa/pr/x", True),
        ("https://www.army.mil/article/1", True),
        ("https://www.gov.uk/government/news/x", True),  # gov.uk is a government suffix
        ("https://www.justice.gov.uk/news", True),
        ("https://agency.gov./x", True),
        ("https://www.justice.gov.attacker-news.com/x", False),
        ("https://fbi.gov.ru/x", False),
        ("https://gov.evil.com/x", False),
        ("https://evilgov/x", False),
        ("https://news.example/x", False),
        ("https://press.county.example/x", True),  # configured
        ("https://county.example.evil.com/x", False),
    ],
)
def test_official_means_configured_or_a_government_registrable_domain(
    url: str, official: bool
) -> None:
    from crawler.spiders.sources import is_official

    assert is_official(url, frozenset({"county.example"})) is official
