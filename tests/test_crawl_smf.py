"""The real forum spider crawling real SMF 2.0 renders served on 127.0.0.1."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from provenance.app.commands import run_crawl
from provenance.app.options import CrawlOptions
from provenance.sample.server import serve_sites
from provenance.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "smf20"

FORUM = "http://127.0.0.1:8091/index.php"


# The rotation that reads a few stored pages again for edits is tested on its own
# (tests/test_crawl_machina.py); here it is off, so that a re-crawl's requests are
# exactly what the board lists ask for.
NO_REVISIT = ("PROVENANCE_REVISIT_LEAST=0", "PROVENANCE_REVISIT_SHARE=0")


def _crawl(db: Path, proxy: str, url: str = FORUM) -> list[dict]:
    options = CrawlOptions(
        url=url,
        forum="lab",
        allow_hosts=("127.0.0.1",),
        proxy=proxy,
        fetch_sources=False,
        no_throttle=True,
        extra=NO_REVISIT,
    )
    return run_crawl(str(db), options, echo=False)


def test_whole_forum_crawl_finds_every_post_of_every_page(tmp_path: Path, smf20_proxy: str) -> None:
    db = tmp_path / "crawl.duckdb"
    [summary] = _crawl(db, smf20_proxy)
    with Store.open(db, read_only=True) as store:
        per_thread = dict(
            store.query("SELECT thread_id, count(*) FROM posts GROUP BY 1 ORDER BY 1")[1]
        )
        threads = store.query("SELECT thread_id, page_count, views FROM threads ORDER BY 1")[1]
        positions = [
            r[0]
            for r in store.query(
                "SELECT position FROM posts WHERE thread_id = '4' ORDER BY position"
            )[1]
        ]
        leaks = store.query(
            "SELECT count(*) FROM posts WHERE signature <> '' AND contains(body, signature)"
        )[1][0][0]
        runs = store.query("SELECT kind, status FROM crawl_runs")[1]
        pages = store.counts()["pages"]
    # 8 + 1 + 47 (over 4 pages) + 2 posts; board 1 is not in the fixtures (404)
    assert per_thread == {"2": 8, "3": 1, "4": 47, "5": 2}
    # each page of thread 4 was rendered with its own "Read N times" counter
    assert threads[:2] == [("2", 1, 105), ("3", 1, 38)] and threads[3] == ("5", 1, 59)
    assert threads[2][:2] == ("4", 4) and 2319 <= threads[2][2] <= 2321
    assert positions == list(range(47))
    assert leaks == 0
    assert runs == [("forum", "finished")]
    assert pages == 10  # index, 2 boards, 7 thread pages
    assert summary["provenance/failed_requests"] == 1


def test_crawling_twice_leaves_row_counts_unchanged(tmp_path: Path, smf20_proxy: str) -> None:
    db = tmp_path / "crawl.duckdb"
    [full] = _crawl(db, smf20_proxy)
    with Store.open(db, read_only=True) as store:
        first = store.counts()
    [again] = _crawl(db, smf20_proxy)
    with Store.open(db, read_only=True) as store:
        second = store.counts()
        changed = store.query("SELECT count(*) FROM post_versions")[1][0][0]
    assert {k: v for k, v in second.items() if k != "crawl_runs"} == {
        k: v for k, v in first.items() if k != "crawl_runs"
    }
    assert second["crawl_runs"] == first["crawl_runs"] + 1
    assert changed == first["posts"]
    # nothing changed: the board lists say so, and no thread page is fetched again
    assert again["provenance/threads_unchanged"] == 4
    assert again.get("provenance/thread_pages", 0) == 0
    assert again["requests"] == full["requests"] - 7


def test_a_thread_url_crawls_only_that_thread(tmp_path: Path, smf20_proxy: str) -> None:
    db = tmp_path / "crawl.duckdb"
    _crawl(db, smf20_proxy, url=f"{FORUM}?topic=4.15")
    with Store.open(db, read_only=True) as store:
        rows = store.query("SELECT DISTINCT thread_id FROM posts")[1]
        count = store.counts()["posts"]
    assert rows == [("4",)] and count == 47


def _site(tmp_path: Path, name: str) -> Path:
    """A copy of the SMF fixtures served as host 127.0.0.1, to be changed by a test."""
    root = tmp_path / name
    shutil.copytree(FIXTURES, root / "127.0.0.1")
    return root


def _before_last_post(root: Path) -> None:
    """The forum as it was before msg57 was posted and msg56 was edited."""
    site = root / "127.0.0.1"
    board = site / "board_3_politics.html"
    board.write_text(
        board.read_text(encoding="utf-8")
        .replace("46 Replies", "45 Replies")
        .replace("topic=4.45#msg57", "topic=4.45#msg56"),
        encoding="utf-8",
    )
    page = site / "topic_4_long_offset45.html"
    html = page.read_text(encoding="utf-8")
    start = html.index('<a id="msg57"></a>')
    end = html.index('<hr class="post_separator" />', start) + len('<hr class="post_separator" />')
    html = html[:start] + html[end:]
    body = html.index('id="msg_56">') + len('id="msg_56">')
    page.write_text(html[:body] + "First draft. " + html[body:], encoding="utf-8")


def test_recrawl_fetches_only_changed_threads_and_stores_exactly_the_changes(
    tmp_path: Path,
) -> None:
    before, after = _site(tmp_path, "before"), _site(tmp_path, "after")
    _before_last_post(before)
    db = tmp_path / "crawl.duckdb"
    with serve_sites(sites_dir=before) as proxy:
        [full] = _crawl(db, proxy)
    with Store.open(db, read_only=True) as store:
        assert store.counts()["posts"] == 57
    with serve_sites(sites_dir=after) as proxy:
        [again] = _crawl(db, proxy)
    # robots.txt, index, boards 1 (404), 2, 3, then only the last page of thread 4
    assert again["provenance/thread_pages"] == 1
    assert again["provenance/threads_unchanged"] == 3
    assert again["provenance/threads_changed"] == 1
    assert again["requests"] <= 0.6 * full["requests"]
    assert again["provenance/stored/posts_new"] == 1
    assert again["provenance/stored/posts_changed"] == 1
    assert again.get("provenance/stored/posts_unchanged", 0) == 0  # the page held only msg56
    with Store.open(db, read_only=True) as store:
        versions = store.query(
            "SELECT post_id, count(*) FROM post_versions WHERE post_id IN ('56', '57') "
            "GROUP BY 1 ORDER BY 1"
        )[1]
        body = store.query("SELECT body FROM posts WHERE post_id = '56'")[1][0][0]
    assert versions == [("56", 2), ("57", 1)]
    assert not body.startswith("First draft.")


def test_a_full_recrawl_marks_vanished_posts_and_keeps_them(tmp_path: Path) -> None:
    before, after = _site(tmp_path, "before"), _site(tmp_path, "after")
    _before_last_post(after)  # msg57 is deleted on the forum after the first crawl
    db = tmp_path / "crawl.duckdb"
    with serve_sites(sites_dir=before) as proxy:
        _crawl(db, proxy)
    with serve_sites(sites_dir=after) as proxy:
        run_crawl(
            str(db),
            CrawlOptions(
                url=FORUM,
                forum="lab",
                allow_hosts=("127.0.0.1",),
                proxy=proxy,
                fetch_sources=False,
                no_throttle=True,
                full=True,
            ),
            echo=False,
        )
    with Store.open(db, read_only=True) as store:
        vanished = store.query("SELECT post_id FROM posts WHERE vanished_at IS NOT NULL")[1]
        total = store.counts()["posts"]
    assert vanished == [("57",)] and total == 58


def _table(db: Path, sql: str) -> list[tuple]:
    with Store.open(db, read_only=True) as store:
        return store.query(sql)[1]


POSTS = (
    "SELECT forum, thread_id, post_id, permalink, thread_title, position, author, author_id, "
    "posted_at, edited_at, editor, body, signature, quotes, quoted_post_ids, cited_urls, "
    "content_hash, page_url, vanished_at FROM posts ORDER BY thread_id, position"
)
VERSIONS = (
    "SELECT forum, thread_id, post_id, content_hash, body, signature, edited_at "
    "FROM post_versions ORDER BY thread_id, post_id, content_hash"
)
THREADS = "SELECT forum, thread_id, url, title, board, page_count FROM threads ORDER BY thread_id"


def test_a_crawl_killed_with_sigkill_resumes_with_nothing_lost_or_stored_twice(
    tmp_path: Path, smf20_proxy: str
) -> None:
    reference = tmp_path / "reference.duckdb"
    _crawl(reference, smf20_proxy)
    db = tmp_path / "killed.duckdb"
    command = [
        sys.executable,
        "-m",
        "crawler.runner",
        "forum",
        "--db",
        str(db),
        "--url",
        FORUM,
        "--forum",
        "lab",
        "--allow-host",
        "127.0.0.1",
        "--proxy",
        smf20_proxy,
        "--no-throttle",
        "--log-level",
        "DEBUG",
        "--set",
        "DOWNLOAD_DELAY=0.3",
        "--set",
        "CONCURRENT_REQUESTS=1",
        "--set",
        "PROVENANCE_BATCH_SIZE=5",
    ]
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert proc.stderr is not None
    deadline, thread_pages = time.monotonic() + 60, 0
    for line in proc.stderr:
        if "Crawled (200)" in line and "topic=" in line:
            thread_pages += 1
        if thread_pages >= 4 or time.monotonic() > deadline:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    partial = _table(db, "SELECT count(*) FROM posts")[0][0]
    assert 0 < partial < 58, "the kill should land mid-crawl"
    [resumed] = _crawl(db, smf20_proxy)
    assert resumed["provenance/stored/posts_new"] == 58 - partial
    for sql in (POSTS, VERSIONS, THREADS):
        assert _table(db, sql) == _table(reference, sql)


def test_boards_can_be_included_or_skipped(tmp_path: Path, smf20_proxy: str) -> None:
    def threads(db: Path, **boards: tuple[str, ...]) -> list[tuple]:
        options = CrawlOptions(
            url=FORUM,
            forum="lab",
            allow_hosts=("127.0.0.1",),
            proxy=smf20_proxy,
            fetch_sources=False,
            no_throttle=True,
            **boards,
        )
        run_crawl(str(db), options, echo=False)
        return _table(db, "SELECT DISTINCT thread_id FROM posts ORDER BY 1")

    assert threads(tmp_path / "a.duckdb", include_boards=("3",)) == [("4",), ("5",)]
    assert threads(tmp_path / "b.duckdb", skip_boards=(f"{FORUM}?board=3.0", "1")) == [
        ("2",),
        ("3",),
    ]


def test_a_start_url_that_cannot_be_fetched_fails_the_crawl(tmp_path: Path) -> None:
    from provenance.app.options import CliError

    with pytest.raises(CliError, match="forum crawl failed"):
        run_crawl(
            str(tmp_path / "x.duckdb"),
            CrawlOptions(
                url="http://127.0.0.1:9/index.php",
                allow_hosts=("127.0.0.1",),
                fetch_sources=False,
                no_throttle=True,
                extra=("RETRY_TIMES=0",),
            ),
            echo=False,
        )


def test_replay_from_stored_pages_gives_back_the_crawled_posts(
    tmp_path: Path, smf20_proxy: str
) -> None:
    from crawler.replay import replay

    db = tmp_path / "crawl.duckdb"
    _crawl(db, smf20_proxy)
    crawled = _table(db, POSTS)
    with Store.open(db) as store:
        store.query("DELETE FROM posts")
        store.query("DELETE FROM threads")
        summary = replay(store, workers=2)
    assert (summary.pages, summary.thread_pages, summary.unparsable) == (10, 7, 0)
    assert summary.posts == {"new": 58, "changed": 0, "unchanged": 0}
    assert _table(db, POSTS) == crawled
    assert _table(db, "SELECT count(*) FROM threads") == [(4,)]
    with Store.open(db) as store:
        again = replay(store, "lab")
    assert again.posts == {"new": 0, "changed": 0, "unchanged": 58}
