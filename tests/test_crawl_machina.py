"""The real forum spider crawling a real django-machina forum served on 127.0.0.1.

The forum is seeded from tests/forums/machina_site/data.py, which is also the
expected truth: every post, author, date, quote, cited URL and signature.
machina renders dates in the site's TIME_ZONE, so the crawl is told that zone.
"""

from __future__ import annotations

import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from forums.machina_site import data
from machina_forum import MachinaForum
from parsel import Selector

from crawler.engines import PageContext, get_engine
from provenance.app.commands import run_crawl
from provenance.app.options import CrawlOptions
from provenance.store import Store

POST_COLUMNS = (
    "post_id, thread_id, thread_title, position, permalink, author, author_id, posted_at, "
    "edited_at, editor, body, signature, quotes, cited_urls, page_url"
)


def _crawl(db: Path, url: str, engine: str = "", full: bool = False) -> dict[str, Any]:
    options = CrawlOptions(
        url=url,
        forum="machina-lab",
        engine=engine,
        full=full,
        timezone=data.TIME_ZONE,
        allow_hosts=("127.0.0.1",),
        fetch_sources=False,
        no_throttle=True,
    )
    [summary] = run_crawl(str(db), options, echo=False)
    return summary


def _posts(db: Path) -> dict[str, dict[str, Any]]:
    with Store.open(db, read_only=True) as store:
        columns, rows = store.query(f"SELECT {POST_COLUMNS} FROM posts")
    return {row[0]: dict(zip(columns, row, strict=True)) for row in rows}


@pytest.fixture(scope="module")
def crawled(
    machina_forum_server: MachinaForum, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, Any]]:
    """One crawl of the whole shared forum from its index, the engine detected."""
    db = tmp_path_factory.mktemp("machina_crawl") / "crawl.duckdb"
    return db, _crawl(db, machina_forum_server.url)


def _page_of(root: str, path: str, page: int) -> str:
    return f"{root}{path}" + (f"?page={page}" if page > 1 else "")


def test_crawl_reads_every_seeded_post_field_by_field(
    crawled: tuple[Path, dict[str, Any]], machina_forum_server: MachinaForum
) -> None:
    forum = machina_forum_server
    db, summary = crawled
    got = _posts(db)
    expected = data.expected_posts()
    assert sorted(got, key=int) == [p.post_id for p in expected]
    for want in expected:
        post = got[want.post_id]
        assert post["thread_id"] == want.topic_id
        assert post["thread_title"] == want.thread_title
        assert post["position"] == want.position, want.post_id
        assert post["permalink"] == forum.root + want.permalink_path
        assert post["page_url"] == _page_of(
            forum.root, data.topic_path(int(want.topic_id) - 1), want.page
        )
        assert (post["author"], post["author_id"]) == (want.author, want.author_id)
        assert post["posted_at"] == want.posted_at, want.post_id
        assert (post["edited_at"], post["editor"]) == (want.edited_at, want.editor), want.post_id
        assert post["body"] == want.body, want.post_id
        assert post["signature"] == want.signature, want.post_id
        assert [(q["text"], q["author"], q["quoted_post_id"]) for q in post["quotes"]] == [
            (q.text, q.author, q.quoted_post_id) for q in want.quotes
        ], want.post_id
        assert tuple(post["cited_urls"]) == want.cited_urls, want.post_id
    with Store.open(db, read_only=True) as store:
        threads = store.query("SELECT thread_id, url, title, board, page_count FROM threads")[1]
        runs = store.query("SELECT kind, status FROM crawl_runs")[1]
    assert sorted(threads) == [
        (t.topic_id, forum.root + t.path, t.subject, t.board, t.page_count)
        for t in data.expected_threads()
    ]
    assert runs == [("forum", "finished")]
    # index, category, board, topic 1 (3 pages), topics 2 and 3; robots.txt is a 404
    assert summary["provenance/stored/pages"] == 8
    assert summary.get("provenance/failed_requests", 0) == 0


def test_no_signature_or_forum_furniture_reaches_a_body(
    crawled: tuple[Path, dict[str, Any]],
) -> None:
    posts = _posts(crawled[0]).values()
    signatures = [u.signature_text for u in data.USERS if u.signature_text]
    furniture = ["Thomas Jefferson", "Posts:", "By:", "Last edited by", "Reason:", "wrote:"]
    for post in posts:
        for text in (*signatures, *furniture):
            assert text not in post["body"], (post["post_id"], text)
    jefferson = [p for p in posts if data.JEFFERSON in p["signature"]]
    assert len(jefferson) == sum(1 for p in data.expected_posts() if p.author == "rangerrebew")


def test_the_press_release_keeps_its_source_url_alone_on_the_last_line(
    crawled: tuple[Path, dict[str, Any]],
) -> None:
    release = _posts(crawled[0])["1"]
    source = f"{data.SOURCES}/news/releases/whitfield-coastal-resilience-plan"
    assert release["body"].splitlines()[-1] == source
    assert release["body"].startswith("FOR IMMEDIATE RELEASE\n\n")
    assert list(release["cited_urls"]) == [source]
    assert data.JEFFERSON in release["signature"]


def test_a_topic_url_crawls_only_that_topic_every_page(
    tmp_path: Path, machina_forum_server: MachinaForum
) -> None:
    db = tmp_path / "crawl.duckdb"
    _crawl(db, machina_forum_server.topic_url(1, page=2), engine="machina")
    posts = _posts(db)
    assert {p["thread_id"] for p in posts.values()} == {"1"}
    assert sorted(p["position"] for p in posts.values()) == list(range(35))


def test_live_pages_carry_the_forums_utc_offset_across_the_dst_change(
    machina_forum_server: MachinaForum,
) -> None:
    url = machina_forum_server.topic_url(3)
    with urllib.request.urlopen(url, timeout=10) as response:
        sel = Selector(text=response.read().decode("utf-8"))
    ctx = PageContext(forum="x", timezone=ZoneInfo(data.TIME_ZONE))
    before, after = get_engine("machina").parse_thread(url, sel, ctx).posts
    assert before.posted_at is not None and after.posted_at is not None
    assert before.posted_at.utcoffset() == timedelta(hours=-5)  # 1:59 a.m. EST
    assert after.posted_at.utcoffset() == timedelta(hours=-4)  # 3:01 a.m. EDT
    assert after.posted_at.astimezone(UTC) - before.posted_at.astimezone(UTC) == timedelta(
        minutes=2
    )
    assert before.posted_at.astimezone(UTC) == datetime(2026, 3, 8, 6, 59, tzinfo=UTC)


def test_recrawls_see_added_pages_and_edited_posts(
    tmp_path: Path, fresh_machina_forum: MachinaForum
) -> None:
    forum = fresh_machina_forum
    db = tmp_path / "crawl.duckdb"
    _crawl(db, forum.url)
    added = forum.add_posts(1, 16, author="carol")  # 35 + 16 = 51 posts: a 4th page
    on_last_page = forum.edit_post(33, "Reply 32: edited after the first crawl.")
    # incremental: topic 1 is read again from its last stored page, 2 and 3 are skipped
    second = _crawl(db, forum.url)
    posts = _posts(db)
    with Store.open(db, read_only=True) as store:
        page_count = store.query("SELECT page_count FROM threads WHERE thread_id = '1'")[1]
    assert second["provenance/stored/posts_new"] == 16
    assert second["provenance/threads_unchanged"] == 2
    assert page_count == [(4,)]
    positions = sorted(p["position"] for p in posts.values() if p["thread_id"] == "1")
    assert positions == list(range(51))
    for new in added:
        post = posts[new["post_id"]]
        assert (post["author"], post["posted_at"], post["body"]) == (
            "carol",
            new["posted_at"],
            new["body"],
        )
        assert post["signature"] == "Carol C. — quoting is not endorsing"
    assert added[0]["posted_at"] == data.THREADS[0].posts[-1].at + timedelta(minutes=10)
    assert posts["33"]["body"] == "Reply 32: edited after the first crawl."
    assert posts["33"]["edited_at"] == on_last_page["edited_at"]
    # a full crawl reads every page again
    on_first_page = forum.edit_post(2, "Reply 1: on reflection, wetlands are not cheap.")
    _crawl(db, forum.url, full=True)
    post = _posts(db)["2"]
    with Store.open(db, read_only=True) as store:
        versions = store.query("SELECT count(*) FROM post_versions WHERE post_id = '2'")[1]
    assert post["body"] == "Reply 1: on reflection, wetlands are not cheap."
    assert (post["edited_at"], post["editor"]) == (on_first_page["edited_at"], "libertybelle")
    assert versions == [(2,)]


def test_a_plain_recrawl_stores_an_edit_on_the_first_page_of_a_three_page_topic(
    tmp_path: Path, fresh_machina_forum: MachinaForum
) -> None:
    """No board list shows an edit: the re-crawl reads stored pages again on a
    rotation, most recently active topics first, a few pages a run."""
    forum = fresh_machina_forum
    db = tmp_path / "crawl.duckdb"
    _crawl(db, forum.url)
    edited = forum.edit_post(2, "Reply 1: on reflection, wetlands are not cheap.")
    second = _crawl(db, forum.url)
    post = _posts(db)["2"]
    assert post["body"] == "Reply 1: on reflection, wetlands are not cheap."
    assert (post["edited_at"], post["editor"]) == (edited["edited_at"], "libertybelle")
    assert second["provenance/stored/posts_changed"] == 1
    assert second["provenance/pages_revisited"] == 3
    assert second["provenance/threads_unchanged"] == 3


def test_a_no_change_recrawl_of_a_bigger_forum_costs_under_a_tenth_and_changes_are_exact(
    tmp_path: Path, fresh_machina_forum: MachinaForum, capsys: pytest.CaptureFixture[str]
) -> None:
    """40 more topics of 2 pages each; the board lists say what changed."""
    forum = fresh_machina_forum
    bulk = forum.add_topics(40, 20)
    db = tmp_path / "crawl.duckdb"
    full = _crawl(db, forum.url)
    with Store.open(db, read_only=True) as store:
        before = store.counts()
    unchanged = _crawl(db, forum.url)
    ratio = unchanged["requests"] / full["requests"]
    with capsys.disabled():
        print(
            f"\nmachina re-crawl: full {full['requests']} requests, no change "
            f"{unchanged['requests']} ({ratio:.1%})"
        )
    assert ratio <= 0.10
    # the only thread pages read are the rotation's few, for edits no board list shows
    assert unchanged.get("provenance/thread_pages", 0) == unchanged["provenance/pages_revisited"]
    assert unchanged["provenance/pages_revisited"] == 3
    with Store.open(db, read_only=True) as store:
        assert {k: v for k, v in store.counts().items() if k != "crawl_runs"} == {
            k: v for k, v in before.items() if k != "crawl_runs"
        }
    # 5 new posts on one topic and 1 edit on that topic's last stored page; new
    # posts bump a topic to the top of its board, as they do on a live forum
    topic = bulk[-1]
    added = forum.add_posts(topic, 5)
    with Store.open(db, read_only=True) as store:
        last = store.query(
            "SELECT post_id FROM posts WHERE thread_id = ? ORDER BY position DESC LIMIT 1".replace(
                "?", f"'{topic}'"
            )
        )[1][0][0]
    forum.edit_post(int(last), "Edited: the line item moved by 12 percent, not 57.")
    changed = _crawl(db, forum.url)
    assert changed["provenance/stored/posts_new"] == 5
    assert changed["provenance/stored/posts_changed"] == 1
    assert changed["provenance/threads_changed"] == 1
    with Store.open(db, read_only=True) as store:
        after = store.counts()
        body = store.query(f"SELECT body FROM posts WHERE post_id = '{last}'")[1][0][0]
    assert after["posts"] == before["posts"] + 5
    assert after["post_versions"] == before["post_versions"] + 6
    assert body.startswith("Edited: the line item")
    assert {a["post_id"] for a in added} <= set(_posts(db))


def test_a_crawl_of_the_live_forum_killed_with_sigkill_resumes_exactly(
    tmp_path: Path, fresh_machina_forum: MachinaForum
) -> None:
    import signal
    import subprocess
    import sys
    import time

    forum = fresh_machina_forum
    forum.add_topics(12, 20)
    reference = tmp_path / "reference.duckdb"
    _crawl(reference, forum.url)
    db = tmp_path / "killed.duckdb"
    command = [
        sys.executable,
        "-m",
        "crawler.runner",
        "forum",
        "--db",
        str(db),
        "--url",
        forum.url,
        "--forum",
        "machina-lab",
        "--timezone",
        data.TIME_ZONE,
        "--allow-host",
        "127.0.0.1",
        "--no-throttle",
        "--log-level",
        "DEBUG",
        "--set",
        "DOWNLOAD_DELAY=0.2",
        "--set",
        "CONCURRENT_REQUESTS=2",
        "--set",
        "PROVENANCE_BATCH_SIZE=7",
    ]
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert proc.stderr is not None
    deadline, pages = time.monotonic() + 60, 0
    for line in proc.stderr:
        pages += "Crawled (200)" in line and "/topic/" in line
        if pages >= 8 or time.monotonic() > deadline:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store.open(db, read_only=True) as store:
        partial = store.counts()["posts"]
    with Store.open(reference, read_only=True) as store:
        total = store.counts()["posts"]
    assert 0 < partial < total
    _crawl(db, forum.url)
    columns = (
        "forum, thread_id, post_id, permalink, position, author, posted_at, edited_at, editor, "
        "body, signature, quotes, cited_urls, content_hash"
    )
    query = f"SELECT {columns} FROM posts ORDER BY thread_id, position"
    with Store.open(db, read_only=True) as a, Store.open(reference, read_only=True) as b:
        assert a.query(query)[1] == b.query(query)[1]
        versions = "SELECT post_id, content_hash FROM post_versions ORDER BY 1, 2"
        assert a.query(versions)[1] == b.query(versions)[1]
