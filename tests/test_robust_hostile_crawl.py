"""Hostile world, the crawl's side: runs that tell the truth when the disk
fills, bounds on endless pagination, one hostile post skipped alone, redirect
loops and short reads recorded. Every server listens on 127.0.0.1."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crawler.pipelines import mark_interrupted_runs
from provenance.store import Store
from tests.hostile_inputs import DISK_FULL, DISK_FULL_CASES, endless_forum_args
from tests.hostile_servers import endless_thread, serve


def _runs(db: Path) -> list[tuple[str, str, dict[str, object], str | None]]:
    with Store.open(db, read_only=True) as store:
        rows = store.query("SELECT kind, status, counts, error FROM crawl_runs ORDER BY started_at")
    return [(k, s, json.loads(c or "{}"), e) for k, s, c, e in rows[1]]


def _stored_posts(db: Path) -> int:
    with Store.open(db, read_only=True) as store:
        return int(store.query("SELECT count(*) FROM posts")[1][0][0])


# ---------------------------------------------------- 3. runs tell the truth
@pytest.mark.parametrize(("allowed", "extra"), DISK_FULL_CASES.values(), ids=list(DISK_FULL_CASES))
def test_a_full_disk_fails_the_run_and_keeps_what_was_stored(
    tmp_path: Path, allowed: int, extra: list[str]
) -> None:
    db = tmp_path / "full.duckdb"
    with serve({}, endless_thread) as (port, _):
        proc = subprocess.run(
            [sys.executable, "-c", DISK_FULL, str(allowed), *endless_forum_args(db, port, *extra)],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    assert proc.returncode != 0, proc.stderr[-2000:]
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert "No space left" in summary["provenance/store_failed"]
    [(kind, status, counts, error)] = _runs(db)
    assert (kind, status) == ("forum", "failed")
    assert error and "No space left" in error
    stored = _stored_posts(db)
    assert counts.get("posts_new", 0) == stored  # the counts say what was stored
    assert (stored > 0) == (allowed > 0)  # the batches written before the failure stay


def test_a_run_whose_process_is_gone_is_marked_interrupted(tmp_path: Path) -> None:
    db = tmp_path / "r.duckdb"
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    host = socket.gethostname()
    with Store.open(db) as store:
        store.start_run("dead", "forum", {}, pid=gone.pid, host=host)
        store.start_run("alive", "forum", {})  # this process
        store.start_run("elsewhere", "forum", {}, pid=gone.pid, host=host + "-other")
        assert mark_interrupted_runs(store) == ["dead"]
        rows = dict(store.query("SELECT run_id, status FROM crawl_runs")[1])
        error = store.query("SELECT error FROM crawl_runs WHERE run_id = 'dead'")[1][0][0]
    assert rows == {"dead": "interrupted", "alive": "running", "elsewhere": "running"}
    assert str(gone.pid) in error and host in error


# ------------------------------------------------------- 4. visible bounds
def _endless_crawl(db: Path, port: int, **bounds: int) -> dict[str, object]:
    from provenance.app.commands import run_crawl
    from provenance.app.options import CrawlOptions

    options = CrawlOptions(
        url=f"http://127.0.0.1:{port}/index.php?topic=4.0",
        engine="smf",
        allow_hosts=(f"127.0.0.1:{port}",),
        no_throttle=True,
        fetch_sources=False,
        **bounds,
    )
    [summary] = run_crawl(str(db), options, echo=False)
    return summary


def _offsets(hits: list[str]) -> set[int]:
    return {int(h.rsplit(".", 1)[1]) for h in hits if "topic=4." in h}


def test_an_endless_thread_stops_at_its_page_cap_and_a_rerun_goes_no_further(
    tmp_path: Path,
) -> None:
    db = tmp_path / "endless.duckdb"
    with serve({}, endless_thread) as (port, hits):
        first = _endless_crawl(db, port, max_thread_pages=4)
        assert _offsets(hits) == {0, 15, 30, 45}
        hits.clear()
        second = _endless_crawl(db, port, max_thread_pages=4)
        assert max(_offsets(hits)) == 45  # the rerun does not resume past the cap
        hits.clear()
        # a higher cap: the rerun walks on past the pages it revisits for edits
        _endless_crawl(db, port, max_thread_pages=6)
        assert {60, 75} <= _offsets(hits) and max(_offsets(hits)) == 75
    for summary in (first, second):
        assert summary["finish_reason"] == "finished"
        assert summary["provenance/threads_at_page_cap"] == 1
        assert summary["provenance/thread_pages_over_cap"] >= 1
    assert _stored_posts(db) == 6 * 15


def test_a_run_stops_following_at_its_request_cap(tmp_path: Path) -> None:
    db = tmp_path / "capped.duckdb"
    with serve({}, endless_thread) as (port, hits):
        summary = _endless_crawl(db, port, max_pages=3)
    assert summary["provenance/run_page_cap_reached"] == 3
    assert summary["requests"] <= 3 + 1  # the cap, and a request already on its way
    assert "provenance/threads_at_page_cap" not in summary  # the default 1,000 is far off


def test_forums_toml_sets_both_bounds() -> None:
    from provenance.app.config import loads

    config = loads(
        '[[forum]]\nname = "a"\nurl = "https://a.example/"\nmax_pages = 50\nmax_thread_pages = 7\n'
    )
    [options] = config.forums[0].crawl_options()
    assert (options.max_pages, options.max_thread_pages) == (50, 7)


# ------------------------------------------- 7. one hostile post skipped alone
HTML_FOLDERS = ["invision4", "machina", "mybb", "nodebb", "phpbb", "smf20", "smf21"]
HTML_FOLDERS += ["vbulletin4", "vbulletin5", "xenforo2"]


def _first_case_with_posts(folder: str, at_least: int = 3) -> tuple[Any, Any]:
    from engine_cases import load_cases

    for case in load_cases():
        if case.folder.name == folder:
            page = case.parse()
            if len(page.posts) >= at_least:
                return case, page
    pytest.skip(f"no page of {at_least} posts in {folder}")


@pytest.mark.parametrize("folder", HTML_FOLDERS)
def test_3000_nested_quotes_in_one_post_lose_that_post_only(folder: str) -> None:
    from mutations import _insert_in_post, response

    from crawler.decoding import DEEP_REASON, page_selector, readable
    from crawler.engines import get_engine

    case, whole = _first_case_with_posts(folder)
    body = (case.folder / case.page).read_bytes()
    # the body of the first post: the first body element after its id
    first = re.search(
        rf"""(?:id|data-pid)=["'][^"'0-9]*{whole.posts[0].post_id}["']""".encode(), body
    )
    assert first, "the first post's id is in the page"
    hostile = b"<blockquote>" * 3000 + b"deep" + b"</blockquote>" * 3000
    body = body[: first.end()] + _insert_in_post(body[first.end() :], hostile)
    sel, unread = page_selector(readable(response(case.url, body)))
    page = get_engine(case.engine).parse_thread(case.url, sel, case.ctx)
    assert unread == ""  # read whole: the spider stores the thread row
    assert page.thread.thread_id == whole.thread.thread_id
    kept = [p.post_id for p in page.posts]
    assert kept == [p.post_id for p in whole.posts[1:]]
    assert len(page.skipped) == 1 and DEEP_REASON in page.skipped[0]
    assert whole.posts[0].post_id in page.skipped[0]


# ------------------------------------ 8. redirect loops and short reads recorded
def test_a_redirect_loop_and_a_short_read_are_failed_sources_with_reasons(
    tmp_path: Path,
) -> None:
    from provenance.app.commands import _run_spider
    from tests.hostile_inputs import SOURCE_TRAPS
    from tests.hostile_servers import cite

    db = tmp_path / "s.duckdb"
    with serve(SOURCE_TRAPS) as (port, hits):
        urls = [
            f"http://127.0.0.1:{port}{path}" for path in ("/loop-a", "/self", "/short", "/fine")
        ]
        cite(db, urls)
        args = ["sources", "--db", str(db), "--no-throttle", "--set", "ROBOTSTXT_OBEY=false"]
        args += ["--allow-host", f"127.0.0.1:{port}", "--set", "RETRY_TIMES=0"]
        summary = _run_spider(args, echo=False)
    assert summary["finish_reason"] == "finished"
    with Store.open(db, read_only=True) as store:
        rows = {
            url.rsplit("/", 1)[1]: (status, error)
            for url, status, error in store.query("SELECT url, status, error FROM sources")[1]
        }
    assert rows["fine"][0] == 200 and not rows["fine"][1]
    for name in ("loop-a", "self", "short"):
        status, error = rows[name]  # each is a row: not dropped, and retried on a later run
        assert status != 200 and error, (name, rows[name])
    assert "redirect" in rows["loop-a"][1].lower() and "redirect" in rows["self"][1].lower()
    assert "content-length" in rows["short"][1].lower()
