"""Member-only boards: a cookies.txt file lets the crawl in, and its values
never reach the logs, the database or the run settings."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from provenance.app.commands import run_crawl
from provenance.app.options import CliError, CrawlOptions
from provenance.sample.server import load_sites, split_target
from provenance.store import Store

SECRET = "s3cr3t-session-value"
FIXTURES = Path(__file__).parent / "fixtures"
LOGIN_WALL = (
    b"<html><body><div id='fatal_error'>The topic or board you are looking for appears "
    b"to be either missing or off limits to you.</div></body></html>"
)


class _MembersOnly(BaseHTTPRequestHandler):
    sites: dict = {}

    def do_GET(self) -> None:  # noqa: N802
        host, route, _ = split_target(self.path, self.headers.get("Host"))
        page = self.sites.get(host, {}).get(route)
        member = f"SMFCookie956={SECRET}" in (self.headers.get("Cookie") or "")
        if page is None or (not member and route != "/robots.txt"):
            body = LOGIN_WALL if page is not None else b"not found"
            self.send_response(200 if page is not None else 404)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(200)
        self.send_header("Content-Type", page.content_type)
        self.end_headers()
        self.wfile.write(page.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def proxy(tmp_path: Path) -> Iterator[str]:
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


def _cookies_file(tmp_path: Path) -> Path:
    path = tmp_path / "cookies.txt"
    path.write_text(
        "# Netscape HTTP Cookie File\n"
        f"127.0.0.1\tFALSE\t/\tFALSE\t0\tSMFCookie956\t{SECRET}\n"
        f"other.example\tFALSE\t/\tFALSE\t0\tunrelated\tnot-for-this-forum\n"
    )
    return path


def _crawl(db: Path, proxy: str, cookies: str = "") -> list[dict]:
    return run_crawl(
        str(db),
        CrawlOptions(
            url="http://127.0.0.1:8091/index.php?topic=2.0",
            forum="lab",
            allow_hosts=("127.0.0.1",),
            proxy=proxy,
            fetch_sources=False,
            no_throttle=True,
            cookies=cookies,
        ),
        echo=False,
    )


def test_without_cookies_the_board_is_off_limits(tmp_path: Path, proxy: str) -> None:
    db = tmp_path / "c.duckdb"
    _crawl(db, proxy)
    with Store.open(db, read_only=True) as store:
        assert store.counts()["posts"] == 0


def test_a_cookies_file_lets_the_crawl_in_and_its_values_stay_secret(
    tmp_path: Path, proxy: str, capfd: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.duckdb"
    _crawl(db, proxy, cookies=str(_cookies_file(tmp_path)))
    with Store.open(db, read_only=True) as store:
        assert store.counts()["posts"] == 8
        settings = store.query("SELECT settings FROM crawl_runs")[1][0][0]
    assert "cookies.txt" in settings and SECRET not in settings
    out, err = capfd.readouterr()
    assert SECRET not in out + err
    assert SECRET.encode() not in db.read_bytes()


def test_a_missing_cookies_file_is_one_clear_error(tmp_path: Path, proxy: str) -> None:
    with pytest.raises(CliError, match="cookies file not found"):
        _crawl(tmp_path / "c.duckdb", proxy, cookies=str(tmp_path / "nope.txt"))
