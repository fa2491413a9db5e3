"""Security: the fetch address guard against IP literals in every notation, a
read-only `sql`, and cookies kept out of logs, reports and the database.

The guard is tested on `blocked_reason` and the middleware alone: no test
here opens a connection, so a guard that failed could not make one reach
169.254.x.x or a private range.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.utils.test import get_crawler

from crawler.middlewares import AddressGuardMiddleware, BlockedAddress, blocked_reason
from provenance.app.cli import main
from provenance.app.commands import run_crawl
from provenance.app.options import CrawlOptions
from provenance.store import Store

# (URL as a stranger writes it, what it means)
LOOPBACK_AND_PRIVATE = [
    ("http://2130706433/", "127.0.0.1 as one decimal number"),
    ("http://017700000001/", "127.0.0.1 as one octal number"),
    ("http://0x7f000001/", "127.0.0.1 as one hex number"),
    ("http://0177.0.0.1/", "octal first part"),
    ("http://0x7f.1/", "hex, two parts"),
    ("http://127.1/", "two parts"),
    ("http://[::1]/", "IPv6 loopback"),
    ("http://[::ffff:127.0.0.1]/", "IPv4-mapped IPv6, dotted"),
    ("http://[::ffff:7f00:1]/", "IPv4-mapped IPv6, hex"),
    ("http://[::127.0.0.1]/", "IPv4-compatible IPv6"),
    ("http://[2002:7f00:1::]/", "6to4 carrying 127.0.0.1"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://0/", "unspecified, one number"),
    ("http://[::]/", "IPv6 unspecified"),
    ("http://169.254.169.254/latest/meta-data/", "cloud metadata (link-local)"),
    ("http://2852039166/", "169.254.169.254 as one number"),
    ("http://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254 in hex"),
    ("http://[::ffff:169.254.169.254]/", "metadata, IPv4-mapped"),
    ("http://[fe80::1]/", "IPv6 link-local"),
    ("http://10.0.0.1/", "private 10/8"),
    ("http://172.16.5.4/", "private 172.16/12"),
    ("http://192.168.1.1/", "private 192.168/16"),
    ("http://100.64.0.1/", "carrier-grade NAT"),
    ("http://[fd00::1]/", "IPv6 unique local"),
    ("http://224.0.0.1/", "multicast"),
    ("http://localhost/", "localhost by name"),
    ("http://LOCALHOST:8080/admin", "localhost, upper case, a port"),
    ("http://user:pass@127.0.0.1/", "credentials before the host"),
]


@pytest.mark.parametrize(("url", "meaning"), LOOPBACK_AND_PRIVATE)
def test_guard_refuses_every_notation(url: str, meaning: str) -> None:
    crawler = get_crawler(settings_dict={"PROVENANCE_ALLOWED_HOSTS": []})
    guard = AddressGuardMiddleware.from_crawler(crawler)
    with pytest.raises(BlockedAddress):
        guard.process_request(Request(url))
    assert crawler.stats.get_value("provenance/blocked_address") == 1


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "2130706433", "::1", "[::1]", "0x7f.1", "169.254.169.254"]
)
def test_blocked_reason_names_the_address(host: str) -> None:
    reason = blocked_reason(host, frozenset())
    assert reason is not None and host.strip("[]") in reason


@pytest.mark.parametrize(
    "host", ["1.1.1.1", "93.184.215.14", "2606:4700:4700::1111", "::ffff:8.8.8.8"]
)
def test_public_ip_literals_pass(host: str) -> None:
    # an IP literal resolves without DNS or any connection
    assert blocked_reason(host, frozenset()) is None


def test_a_host_that_does_not_resolve_is_refused() -> None:
    assert "does not resolve" in (blocked_reason("no-such-host.invalid", frozenset()) or "")


def test_allowing_one_spelling_does_not_allow_another() -> None:
    allowed = frozenset({"127.0.0.1"})
    assert blocked_reason("127.0.0.1", allowed) is None
    for other in ("2130706433", "127.1", "0x7f.1", "::ffff:127.0.0.1", "localhost"):
        assert blocked_reason(other, allowed) is not None, other


def test_redirect_targets_pass_the_guard_again() -> None:
    # a redirect is a new request through the downloader middlewares
    crawler = get_crawler(settings_dict={"PROVENANCE_ALLOWED_HOSTS": ["1.1.1.1"]})
    guard = AddressGuardMiddleware.from_crawler(crawler)
    guard.process_request(Request("http://1.1.1.1/"))  # passes: no exception
    with pytest.raises(BlockedAddress):
        guard.process_request(Request("http://0x7f.1/", meta={"redirect_times": 1}))


# --------------------------------------------------------------- sql is read-only
@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ro.duckdb"
    Store.open(path).close()
    return path


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE evil (x INTEGER)",
        "DROP TABLE posts",
        "ALTER TABLE posts ADD COLUMN evil INTEGER",
        "INSERT INTO crawl_runs VALUES ('x', 'y', now(), NULL, 'z', NULL, NULL)",
        "UPDATE posts SET body = 'x'",
        "DELETE FROM sources",
        "COPY posts FROM '/etc/hostname'",
        "ATTACH ':memory:' AS other; CREATE TABLE other.t (x INTEGER)",
        "SET enable_external_access = true",
    ],
)
def test_sql_refuses_every_write(
    db: Path, statement: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db, read_only=True) as store:
        before = store.counts()
    assert main(["--db", str(db), "sql", statement]) == 2
    err = capsys.readouterr().err
    assert err.startswith("provenance: error: SQL error") and err.count("\n") == 1
    with Store.open(db, read_only=True) as store:
        assert store.counts() == before
        assert "evil" not in {
            r[0] for r in store.query("SELECT table_name FROM duckdb_tables()")[1]
        }


def test_sql_writes_and_reads_no_file_outside_the_database(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.csv"
    assert main(["--db", str(db), "sql", f"COPY (SELECT 1) TO '{out}'"]) == 2
    assert main(["--db", str(db), "sql", f"ATTACH '{tmp_path / 'other.duckdb'}' AS o"]) == 2
    assert main(["--db", str(db), "sql", "SELECT * FROM read_text('/etc/hostname')"]) == 2
    assert not out.exists() and not (tmp_path / "other.duckdb").exists()
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 3 and all(e.startswith("provenance: error: SQL error") for e in errors)


# ------------------------------------------------------ cookies stay secret
def test_cookies_stay_out_of_debug_logs_reports_and_raw_pages(
    tmp_path: Path, members_proxy: str, capfd: pytest.CaptureFixture[str]
) -> None:
    """tests/test_cookies.py checks the default log level and the database file's
    bytes; raw pages are stored compressed and the reports read the database,
    so both are checked here, with the crawl logging at DEBUG."""
    from test_cookies import SECRET, _cookies_file

    db = tmp_path / "c.duckdb"
    options = CrawlOptions(
        url="http://127.0.0.1:8091/index.php?topic=2.0",
        forum="lab",
        allow_hosts=("127.0.0.1",),
        proxy=members_proxy,
        fetch_sources=False,
        no_throttle=True,
        cookies=str(_cookies_file(tmp_path)),
        extra=("LOG_LEVEL=DEBUG",),
    )
    run_crawl(str(db), options, echo=False)
    for argv in (["report", "--links"], ["report", "--format", "json"], ["sql", "FROM crawl_runs"]):
        assert main(["--db", str(db), *argv]) == 0
    out, err = capfd.readouterr()
    assert "DEBUG" in err  # the crawl did log at DEBUG
    assert SECRET not in out + err
    with Store.open(db, read_only=True) as store:
        bodies = [zlib.decompress(b) for (b,) in store.query("SELECT body FROM pages")[1] if b]
        text = " ".join(
            str(row)
            for t in ("crawl_runs", "threads", "posts")
            for row in store.query(f"SELECT * FROM {t}")[1]
        )
    assert bodies and not any(SECRET.encode() in b for b in bodies)
    assert SECRET not in text


@pytest.fixture()
def members_proxy(tmp_path: Path) -> Iterator[str]:
    """tests/test_cookies.py's members-only SMF forum, served on 127.0.0.1."""
    from test_cookies import FIXTURES, _MembersOnly

    from provenance.sample.server import load_sites

    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "127.0.0.1").symlink_to(FIXTURES / "smf20", target_is_directory=True)
    _MembersOnly.sites = load_sites(sites)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _MembersOnly)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _through_proxy(url: str) -> Request:
    # ProxyMiddleware runs first and sets the proxy in the request's meta
    return Request(url, meta={"proxy": "http://127.0.0.1:3128"})


@pytest.mark.parametrize(("url", "meaning"), LOOPBACK_AND_PRIVATE)
def test_through_a_proxy_every_notation_is_still_refused(url: str, meaning: str) -> None:
    crawler = get_crawler(settings_dict={"PROVENANCE_PROXY": "http://127.0.0.1:3128"})
    guard = AddressGuardMiddleware.from_crawler(crawler)
    with pytest.raises(BlockedAddress):
        guard.process_request(_through_proxy(url))


def test_through_a_proxy_a_host_name_is_not_resolved_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import socket

    looked_up: list[str] = []
    numeric = socket.getaddrinfo

    def spy(host: str, *args: object, **kwargs: object) -> object:
        if not int(kwargs.get("flags", 0)) & socket.AI_NUMERICHOST:  # type: ignore[call-overload]
            looked_up.append(host)
        return numeric(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", spy)
    crawler = get_crawler(settings_dict={"PROVENANCE_PROXY": "http://127.0.0.1:3128"})
    guard = AddressGuardMiddleware.from_crawler(crawler)
    # a name only the proxy's side knows: refused without a proxy, passed on with one
    assert guard.process_request(_through_proxy("http://intranet-only.invalid/x")) is None
    assert looked_up == []
    with pytest.raises(BlockedAddress, match="does not resolve"):
        guard.process_request(Request("http://intranet-only.invalid/x"))
    assert looked_up == ["intranet-only.invalid"]
