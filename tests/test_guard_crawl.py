"""The address guard inside real crawls: a cited URL written by a stranger must
not reach loopback or private addresses, directly, by name or by redirect."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawler.items import Post
from provenance.app.commands import _run_spider
from provenance.app.options import CrawlOptions
from provenance.store import Store

ARTICLE = b"""<html><head><title>Release</title></head><body><article><h1>Release</h1>
<p>The county announced a new flood plan today with money for sea walls and marshes.</p>
<p>It will be reviewed every two years by an advisory council of residents.</p>
</article></body></html>"""


class _Site(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        type(self).hits.append(self.path)
        port = self.server.server_address[1]
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{port}/internal")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(ARTICLE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def site() -> Iterator[int]:
    _Site.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def _cite(db: Path, urls: list[str]) -> None:
    with Store.open(db) as store:
        store.save_posts(
            [
                Post(
                    "f",
                    "1",
                    "1",
                    "http://f/?topic=1.msg1",
                    "T",
                    0,
                    "a",
                    "1",
                    datetime(2026, 1, 5, tzinfo=UTC),
                    "see below",
                    cited_urls=tuple(urls),
                )
            ]
        )


def test_cited_urls_to_loopback_by_name_or_redirect_are_refused(tmp_path: Path, site: int) -> None:
    db = tmp_path / "g.duckdb"
    allowed = f"http://127.0.0.1:{site}/article"
    _cite(db, [allowed, f"http://127.0.0.1:{site}/redirect", f"http://localhost:{site}/direct"])
    summary = _run_spider(
        [
            "sources",
            "--db",
            str(db),
            "--allow-host",
            f"127.0.0.1:{site}",
            "--no-throttle",
            "--set",
            "ROBOTSTXT_OBEY=false",
        ],
        echo=False,
    )
    # the allowed host was fetched; the redirect was followed to its target and
    # refused there, and the host name resolving to loopback was refused at once
    assert "/article" in _Site.hits and "/redirect" in _Site.hits
    assert "/internal" not in _Site.hits and "/direct" not in _Site.hits
    assert summary["provenance/blocked_address"] == 2
    with Store.open(db, read_only=True) as store:
        ok = store.query("SELECT url FROM sources WHERE status = 200")[1]
    assert ok == [(allowed,)]


def test_the_forum_start_url_is_guarded_too(tmp_path: Path, site: int) -> None:
    from provenance.app.commands import run_crawl
    from provenance.app.options import CliError

    with pytest.raises(CliError, match="localhost resolves to non-public address"):
        run_crawl(
            str(tmp_path / "g.duckdb"),
            CrawlOptions(
                url=f"http://localhost:{site}/index.php", fetch_sources=False, no_throttle=True
            ),
            echo=False,
        )
    assert _Site.hits == []
