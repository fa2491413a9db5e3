"""`provenance serve`: the reports as a local site, started on a free port of 127.0.0.1
in a subprocess and read over HTTP, with markup planted in the data."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import lxml.html
import pytest

from provenance.app.serve import SERVE_CSP
from provenance.store import Store

ROOT = Path(__file__).parents[1]
SCRIPT = "<script>document.title='pwned'</script>"
SOURCE = "http://ag.example/news/operation-lantern"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small database served on a free port; yields the base URL."""
    db = tmp_path_factory.mktemp("serve") / "s.duckdb"
    with Store.open(str(db)) as store:
        store.upsert(
            "posts",
            [
                {"forum": forum, "thread_id": "1", "post_id": str(n), "kind": "post",
                 "permalink": f"http://{forum}.example/t/1#p{n}", "thread_title": "Lantern",
                 "position": n, "author": f"user{n}{SCRIPT}", "body": "…"}
                for n, forum in ((1, "townsquare"), (2, "elsewhere"))
            ],
        )  # fmt: skip
        store.upsert(
            "sources",
            [{"url": SOURCE, "official": True, "title": "Operation Lantern", "status": 200,
              "published": datetime(2026, 1, 8, 15, tzinfo=UTC), "published_has_time": True}],
        )  # fmt: skip
        store.upsert(
            "statements",
            [{"statement_id": "s1aaaaaaaaaaaaaaaaaaaaaa", "source_url": SOURCE, "position": 0,
              "speaker": "Dana Whitcomb", "speaker_key": "whitcomb",
              "text": f"We will follow the packages and the money {SCRIPT}"}],
        )  # fmt: skip
        store.upsert(
            "quote_occurrences",
            [
                {"occurrence_id": f"o{n}", "doc_kind": "post", "forum": forum, "thread_id": "1",
                 "post_id": str(n), "text": "We will follow the packages and the money",
                 "speaker": "Whitcomb", "statement_id": "s1aaaaaaaaaaaaaaaaaaaaaa",
                 "label": "verbatim", "diff": "",
                 "seen_at": datetime(2026, 1, 8, 16, 4 + n, tzinfo=UTC)}
                for n, forum in ((1, "townsquare"), (2, "elsewhere"))
            ],
        )  # fmt: skip
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "provenance.app.cli", "--db", str(db), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("serve: http://127.0.0.1:"), (line, proc.stderr)
        yield line.split()[1].rstrip("/")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _get(url: str) -> tuple[int, dict[str, str], lxml.html.HtmlElement]:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, dict(resp.headers), lxml.html.document_fromstring(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), lxml.html.document_fromstring(err.read())


@pytest.mark.parametrize(
    "path",
    ["/", "/index.html", "/summary.html", "/statement-s1aaaaaaaaaa.html", "/sources.html",
     "/forums.html", f"/source?url={quote(SOURCE, safe='')}", "/forum?name=townsquare",
     "/search?q=packages+money"],
)  # fmt: skip
def test_every_page_is_served_escaped_under_the_csp(site: str, path: str) -> None:
    status, headers, doc = _get(site + path)
    assert status == 200
    assert headers["Content-Security-Policy"] == SERVE_CSP
    assert "default-src 'none'" in SERVE_CSP and "script" not in SERVE_CSP
    assert doc.xpath("//script | //img | //link | //iframe") == []
    assert doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content") == [SERVE_CSP]
    for href in doc.xpath("//@href | //@action"):
        # links to the pages of this site, or out to the crawled pages: no other host
        assert (
            not href.startswith("//")
            and ":" not in href.split("?")[0]
            or href.startswith(
                ("http://townsquare.example/", "http://elsewhere.example/", "http://ag.example/")
            )
        ), href


def test_the_pages_link_each_other(site: str) -> None:
    _, _, index = _get(site + "/")
    assert "statement-s1aaaaaaaaaa.html" in index.xpath("//table[@class='statements']//a/@href")
    assert index.xpath("//header//a/@href") == [
        "index.html", "summary.html", "sources.html", "forums.html",
    ]  # fmt: skip
    _, _, forums = _get(site + "/forums.html")
    assert forums.xpath("//table[@class='places']//a/@href") == [
        "forum?name=elsewhere", "forum?name=townsquare",
    ]  # fmt: skip
    _, _, statement = _get(site + "/statement-s1aaaaaaaaaa.html")
    assert SCRIPT in statement.text_content()  # shown as text
    assert "(1 h after the release)" in statement.text_content()


def test_a_forum_page_shows_only_that_forums_quotes(site: str) -> None:
    _, _, doc = _get(site + "/forum?name=townsquare")
    cells = doc.xpath("//table[@class='statements']//tr[td]/td[@class='n']/text()")
    assert cells == ["1"]


def test_search_finds_statements_by_every_word(site: str) -> None:
    _, _, hit = _get(site + "/search?q=packages+MONEY")
    assert len(hit.xpath("//table[@class='statements']//tr[td]")) == 1
    _, _, miss = _get(site + "/search?q=packages+lottery")
    assert miss.xpath("//table[@class='statements']//tr[td]") == []
    assert "0 statements with every word" in miss.text_content()
    _, _, planted = _get(site + "/search?q=" + quote('"><script>x</script>'))
    assert planted.xpath("//script") == []


def test_an_unknown_page_is_a_404_and_writes_are_refused(site: str) -> None:
    assert _get(site + "/statement-nope.html")[0] == 404
    assert _get(site + "/../etc/passwd")[0] == 404
    request = urllib.request.Request(site + "/", data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=30)
    assert err.value.code == 501
