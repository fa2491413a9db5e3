"""The real forum spider crawling real SMF 2.0 renders served on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from provenance.cli import CrawlOptions, run_crawl
from provenance.store import Store

FORUM = "http://127.0.0.1:8091/index.php"


def _crawl(db: Path, proxy: str, url: str = FORUM) -> list[dict]:
    options = CrawlOptions(
        url=url,
        forum="lab",
        allow_hosts=("127.0.0.1",),
        proxy=proxy,
        fetch_sources=False,
        no_throttle=True,
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
    _crawl(db, smf20_proxy)
    with Store.open(db, read_only=True) as store:
        first = store.counts()
    _crawl(db, smf20_proxy)
    with Store.open(db, read_only=True) as store:
        second = store.counts()
        changed = store.query("SELECT count(*) FROM post_versions")[1][0][0]
    assert {k: v for k, v in second.items() if k != "crawl_runs"} == {
        k: v for k, v in first.items() if k != "crawl_runs"
    }
    assert second["crawl_runs"] == first["crawl_runs"] + 1
    assert changed == first["posts"]


def test_a_thread_url_crawls_only_that_thread(tmp_path: Path, smf20_proxy: str) -> None:
    db = tmp_path / "crawl.duckdb"
    _crawl(db, smf20_proxy, url=f"{FORUM}?topic=4.15")
    with Store.open(db, read_only=True) as store:
        rows = store.query("SELECT DISTINCT thread_id FROM posts")[1]
        count = store.counts()["posts"]
    assert rows == [("4",)] and count == 47
