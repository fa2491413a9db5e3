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


# ------------------------------------------------------ 8. one line and exit 2


def _one_line_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    from provenance.app.cli import main

    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    return err


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    import duckdb

    foreign = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE t AS SELECT range AS x FROM range(100000)")
    con.close()
    truncated = tmp_path / "truncated.duckdb"
    truncated.write_bytes(foreign.read_bytes()[:20000])
    noise = tmp_path / "noise.duckdb"
    noise.write_bytes(bytes(range(256)) * 40)
    return {"foreign": foreign, "truncated": truncated, "noise": noise}


@pytest.mark.parametrize(
    "command",
    [["link"], ["quotes"], ["report"], ["sql", "SELECT 1"], ["replay"], ["export", "out"]],
)
def test_a_truncated_or_foreign_database_gives_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    for kind, path in _bad_files(tmp_path).items():
        before = path.read_bytes()
        err = _one_line_exit_2(["--db", str(path), *command], capsys)
        assert str(path.name) in err, (kind, err)
        assert path.read_bytes() == before  # nothing written into someone else's file


@pytest.mark.parametrize("command", [["link"], ["report"], ["sql", "SELECT 1"], ["export", "o"]])
def test_a_missing_database_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    db = tmp_path / "missing.duckdb"
    assert "does not exist" in _one_line_exit_2(["--db", str(db), *command], capsys)
    assert not db.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["crawl", "http://a b/"], "not an http(s) URL"),
        (["crawl", "http://example.com/", "--cookies", "/etc/passwd"], "cookies.txt"),
        (["crawl", "http://example.com/", "--proxy", "not a proxy"], "not a proxy URL"),
        (["crawl", "http://example.com/", "--max-pages", "-1"], "--max-pages"),
        (["crawl", "http://example.com/", "--max-pages", "0"], "--max-pages"),
        (["crawl", "http://example.com/" + "a" * 100_000], "longer than"),
        (["crawl", "http://example.com/", "--allow-host", "a b"], "not an allowed host"),
        (["replay", "--workers", "0"], "--workers"),
        (["sql", "SELECT 1", "--memory-limit", "lots"], "memory limit"),
    ],
)
def test_bad_values_are_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    db = tmp_path / "p.duckdb"
    Store.open(db).close()
    assert message in _one_line_exit_2(["--db", str(db), *argv], capsys)


def test_sql_is_stopped_by_its_time_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.duckdb"
    Store.open(db).close()
    endless = "SELECT count(*) FROM range(100000000000) a"
    assert "stopped after" in _one_line_exit_2(["--db", str(db), "sql", endless, "--timeout", "0.5"], capsys)


def test_duckdb_never_loads_extensions_from_the_network(tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.duckdb") as store:
        settings = store.query(
            "SELECT current_setting('autoinstall_known_extensions'), "
            "current_setting('autoload_known_extensions')"
        )[1]
    assert settings == [(False, False)]
