"""Faults mid-run: servers that answer 429/5xx or hang, a source that fails,
SIGKILL during `provenance link` and `provenance quotes`, and two commands on
one database at once. Every server here listens on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

import pytest
from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler
from twisted.internet.error import TimeoutError as TwistedTimeoutError

from crawler.items import Post, SourcePage
from crawler.middlewares import BackoffRetryMiddleware, backoff_delay, retry_after
from provenance.app.cli import main
from provenance.app.commands import run_articles, run_crawl
from provenance.app.options import CrawlOptions
from provenance.sample.server import SampleSiteHandler, SampleSiteServer, load_sites, split_target
from provenance.store import Store
from provenance.store import database as store_module

FIXTURES = Path(__file__).parent / "fixtures"
FORUM = "http://127.0.0.1:8091/index.php"


# ------------------------------------------------------------------ backoff
def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff_delay(n, 0.5, 60) for n in (1, 2, 3, 4)] == [0.5, 1.0, 2.0, 4.0]
    assert backoff_delay(12, 1.0, 30.0) == 30.0
    assert backoff_delay(1, 1.0, 30.0, retry_after=120) == 30.0  # a server may not stall us
    assert backoff_delay(3, 1.0, 30.0, retry_after=5) == 5.0


def test_retry_after_reads_seconds_and_dates() -> None:
    def answer(value: str) -> Response:
        return Response("http://x.example/", status=429, headers={"Retry-After": value})

    assert retry_after(answer("7")) == 7.0
    later = datetime.fromtimestamp(time.time() + 30, UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert 25 <= (retry_after(answer(later)) or 0) <= 31
    assert retry_after(answer("soon")) is None
    assert retry_after(Response("http://x.example/", status=503)) is None


def _middleware(**settings: object) -> BackoffRetryMiddleware:
    crawler = get_crawler(settings_dict={"PROVENANCE_RETRY_BACKOFF": 0.5, **settings})
    crawler.spider = crawler._create_spider("test")
    return BackoffRetryMiddleware.from_crawler(crawler)


def test_retries_of_429_5xx_and_timeouts_wait_longer_each_time() -> None:
    retry = _middleware(RETRY_TIMES=3)
    request = Request("http://forum.example/index.php?topic=2.0")
    delays = []
    for status in (503, 500, 502):
        result = retry.process_response(request, Response(request.url, status=status))
        assert isinstance(result, Request)
        delays.append(result.meta["retry_delay"])
        request = result
    assert delays == [0.5, 1.0, 2.0]
    given_up = retry.process_response(request, Response(request.url, status=503))
    assert isinstance(given_up, Response)  # RETRY_TIMES reached: the error goes on

    request = Request("http://forum.example/index.php?topic=3.0")
    asked = retry.process_response(
        request, Response(request.url, status=429, headers={"Retry-After": "3"})
    )
    assert isinstance(asked, Request) and asked.meta["retry_delay"] == 3.0
    timed_out = retry.process_exception(request, TwistedTimeoutError())
    assert isinstance(timed_out, Request) and timed_out.meta["retry_delay"] == 0.5


def test_the_project_settings_use_the_backoff_retry() -> None:
    from crawler import settings

    assert (
        settings.DOWNLOADER_MIDDLEWARES["scrapy.downloadermiddlewares.retry.RetryMiddleware"]
        is None
    )
    assert "crawler.middlewares.BackoffRetryMiddleware" in settings.DOWNLOADER_MIDDLEWARES
    assert {429, 500, 502, 503, 504} <= set(settings.RETRY_HTTP_CODES)


# ------------------------------------------------------------ a flaky forum
class _Flaky(SampleSiteHandler):
    """The SMF fixtures as an HTTP proxy that answers each route's planned faults
    first: '503', '429' (Retry-After: 1) or 'hang' (no answer for 2.5 s)."""

    plan: ClassVar[dict[str, list[str]]] = {}
    seen: ClassVar[list[tuple[float, str, str]]] = []

    def do_GET(self) -> None:
        _, route, _ = split_target(self.path, self.headers.get("Host"))
        faults = self.plan.get(route, [])
        fault = faults.pop(0) if faults else "ok"
        self.seen.append((time.monotonic(), route, fault))
        if fault == "hang":
            time.sleep(2.5)
            return
        if fault in ("503", "429"):
            self.send_response(int(fault))
            if fault == "429":
                self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._answer(with_body=True)


@pytest.fixture()
def flaky(tmp_path: Path) -> Iterator[type[_Flaky]]:
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "127.0.0.1").symlink_to(FIXTURES / "smf20", target_is_directory=True)
    server = SampleSiteServer(("127.0.0.1", 0), load_sites(sites))
    server.RequestHandlerClass = _Flaky
    _Flaky.plan, _Flaky.seen = {}, []
    _Flaky.proxy = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield _Flaky
    finally:
        server.shutdown()
        server.server_close()


def _crawl(db: Path, proxy: str, url: str, *extra: str) -> dict:
    options = CrawlOptions(
        url=url,
        forum="lab",
        allow_hosts=("127.0.0.1",),
        proxy=proxy,
        fetch_sources=False,
        no_throttle=True,
        extra=extra,
    )
    [summary] = run_crawl(str(db), options, echo=False)
    return summary


def test_a_forum_answering_503_429_and_hanging_is_retried_with_backoff(
    tmp_path: Path, flaky: type[_Flaky]
) -> None:
    route = "/index.php?topic=3.0"
    flaky.plan[route] = ["503", "429", "hang"]
    db = tmp_path / "f.duckdb"
    summary = _crawl(
        db,
        flaky.proxy,  # type: ignore[attr-defined]
        f"{FORUM}?topic=3.0",
        "DOWNLOAD_TIMEOUT=1",
        "PROVENANCE_RETRY_BACKOFF=0.5",
    )
    times = [t for t, r, _ in flaky.seen if r == route]
    assert [f for _, r, f in flaky.seen if r == route] == ["503", "429", "hang", "ok"]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert gaps[0] >= 0.45  # 0.5 s after the 503
    assert gaps[1] >= 0.95  # the 429's Retry-After: 1
    assert gaps[2] >= 1.0 + 1.95  # the 1 s timeout, then 2 s (0.5 doubled twice)
    assert summary["provenance/retry_wait_ms"] == 500 + 1000 + 2000
    with Store.open(db, read_only=True) as store:
        assert store.counts()["posts"] == 1


def test_a_thread_that_fails_every_retry_is_fetched_by_the_next_run(
    tmp_path: Path, flaky: type[_Flaky]
) -> None:
    flaky.plan["/index.php?topic=5.0"] = ["503"] * 2
    db = tmp_path / "f.duckdb"
    proxy = flaky.proxy  # type: ignore[attr-defined]
    first = _crawl(db, proxy, f"{FORUM}?board=3.0", "RETRY_TIMES=1", "PROVENANCE_RETRY_BACKOFF=0.1")
    with Store.open(db, read_only=True) as store:
        threads = store.query("SELECT DISTINCT thread_id FROM posts ORDER BY 1")[1]
    assert threads == [("4",)] and first["provenance/failed_requests"] == 1
    _crawl(db, proxy, f"{FORUM}?board=3.0")
    with Store.open(db, read_only=True) as store:
        threads = store.query("SELECT DISTINCT thread_id FROM posts ORDER BY 1")[1]
    assert threads == [("4",), ("5",)]


# ---------------------------------------------------------- failing sources
def _source(url: str, status: int) -> SourcePage:
    now = datetime.now(UTC)
    ok = status == 200
    return SourcePage(url, url, status, now, text="body" if ok else "", error="" if ok else "503")


def test_urls_to_fetch_retries_a_failed_source_on_later_runs_until_it_works(tmp_path: Path) -> None:
    url = "https://www.justice.gov/opa/pr/x"
    with Store.open(tmp_path / "s.duckdb") as store:
        assert store.urls_to_fetch([url]) == [url]
        store.save_sources([_source(url, 503)])
        assert store.urls_to_fetch([url]) == [url]  # failed once: asked again
        store.save_sources([_source(url, 200)])
        assert store.urls_to_fetch([url]) == []
        attempts = store.query("SELECT status, attempts FROM sources")[1]
    assert attempts == [(200, 2)]


def test_a_source_that_keeps_failing_is_kept_with_its_error_and_attempts(tmp_path: Path) -> None:
    url = "https://www.justice.gov/opa/pr/y"
    with Store.open(tmp_path / "s.duckdb") as store:
        for _ in range(3):
            assert store.urls_to_fetch([url], max_attempts=3) == [url]
            store.save_sources([_source(url, 503)])
        assert store.urls_to_fetch([url], max_attempts=3) == []
        rows = store.query("SELECT url, status, error, attempts FROM sources")[1]
    assert rows == [(url, 503, "503", 3)]  # not forgotten: the failure is on record


def _sources_run(db: Path, proxy: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "crawler.runner", "sources", "--db", str(db)]
        + ["--allow-host", "127.0.0.1:8091", "--proxy", proxy, "--no-throttle"]
        + ["--set", "RETRY_TIMES=0"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def test_a_cited_url_that_fails_is_fetched_again_by_the_next_sources_run(
    tmp_path: Path, flaky: type[_Flaky]
) -> None:
    cited = f"{FORUM}?topic=5.0"
    db = tmp_path / "s.duckdb"
    post = Post("f", "1", "1", "http://f/1", "T", 0, "a", None, None, "see", cited_urls=(cited,))
    with Store.open(db) as store:
        store.save_posts([post])
    flaky.plan["/index.php?topic=5.0"] = ["503"]
    proxy = flaky.proxy  # type: ignore[attr-defined]
    _sources_run(db, proxy)
    with Store.open(db, read_only=True) as store:
        assert store.query("SELECT status, attempts FROM sources")[1] == [(503, 1)]
    _sources_run(db, proxy)
    with Store.open(db, read_only=True) as store:
        assert store.query("SELECT status, attempts FROM sources")[1] == [(200, 2)]
    fetched = len(flaky.seen)
    _sources_run(db, proxy)  # fetched: not asked again
    assert [r for _, r, _ in flaky.seen[fetched:] if "topic" in r] == []


# --------------------------------------------------- SIGKILL during stages
@pytest.fixture(scope="module")
def analysed_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's crawl (sample forum, official site, content farm), its posts
    copied into 40 more threads so that link and quotes run for seconds."""
    from provenance.sample import FARM_URL, FORUM_URL, OFFICIAL_RELEASES_URL, SAMPLE_HOSTS
    from provenance.sample.server import serve_sites

    db = tmp_path_factory.mktemp("stages") / "base.duckdb"
    with serve_sites() as proxy:
        run_crawl(
            str(db),
            CrawlOptions(
                url=FORUM_URL,
                forum="townsquare",
                timezone="America/New_York",
                allow_hosts=SAMPLE_HOSTS,
                proxy=proxy,
                official_listings=(OFFICIAL_RELEASES_URL,),
                no_throttle=True,
            ),
            echo=False,
        )
        run_articles(
            str(db),
            CrawlOptions(url=FARM_URL, allow_hosts=SAMPLE_HOSTS, proxy=proxy, no_throttle=True),
            echo=False,
        )
    columns = "forum, thread_id, post_id, permalink, thread_title, position, author, author_id"
    columns += ", posted_at, body"
    with Store.open(db) as store:
        rows = store.query(f"SELECT {columns} FROM posts WHERE kind = 'post'")[1]
        copies = [Post(r[0], f"{r[1]}-copy{n}", *r[2:]) for n in range(40) for r in rows]
        store.save_posts(copies)
    return db


STAGE_TABLES = {
    "links": "SELECT * EXCLUDE (linked_at) FROM links ORDER BY ALL",
    "link_state": "SELECT * EXCLUDE (linked_at) FROM link_state ORDER BY ALL",
    "signatures": "SELECT * FROM signatures ORDER BY ALL",
    "statements": "SELECT * FROM statements ORDER BY ALL",
    "quote_occurrences": "SELECT * FROM quote_occurrences ORDER BY ALL",
    "posts": "SELECT * EXCLUDE (first_seen, last_seen) FROM posts ORDER BY ALL",
    "sources": "SELECT * FROM sources ORDER BY ALL",
}


def _tables(db: Path) -> dict[str, list[tuple]]:
    with Store.open(db, read_only=True) as store:
        return {name: store.query(sql)[1] for name, sql in STAGE_TABLES.items()}


def _command(db: Path, *argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "provenance", "--db", str(db), *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


# Runs the command with every SQL statement counted; with a number, the process
# kills itself (SIGKILL, no cleanup) right after that statement, wherever it is:
# inside a transaction or between two. The count goes to stdout at the end.
_KILL_AT = """
import os, signal, sys
from provenance.store.database import Database
kill_at, seen, run = int(sys.argv[1]), [0], Database._run
def counted(self, *args, **kwargs):
    result = run(self, *args, **kwargs)
    seen[0] += 1
    if seen[0] == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    return result
Database._run = counted
from provenance.app.cli import main
status = main(sys.argv[2:])
print(seen[0])
sys.exit(status)
"""


def _statements(db: Path, stage: str, kill_at: int = 0) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _KILL_AT, str(kill_at), "--db", str(db), stage],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.timeout(900)
@pytest.mark.parametrize("stage", ["link", "quotes"])
def test_sigkill_during_a_stage_then_rerun_equals_an_uninterrupted_run(
    tmp_path: Path, analysed_base: Path, stage: str
) -> None:
    before = ["link"] if stage == "quotes" else []
    reference = tmp_path / "reference.duckdb"
    shutil.copy(analysed_base, reference)
    for command in before:
        assert _command(reference, command).wait(timeout=300) == 0
    counted = _statements(reference, stage)
    assert counted.returncode == 0, counted.stderr
    statements = int(counted.stdout.split()[-1])
    expected = _tables(reference)
    assert expected["links"] and expected["quote_occurrences"] or stage == "link"

    # kills at a quarter, half and three quarters of the stage's statements
    for kill_at in sorted({max(1, statements * k // 4) for k in (1, 2, 3)}):
        db = tmp_path / f"killed-{kill_at}.duckdb"
        shutil.copy(analysed_base, db)
        for command in before:
            assert _command(db, command).wait(timeout=300) == 0
        killed = _statements(db, stage, kill_at)
        assert killed.returncode == -signal.SIGKILL, f"no kill at statement {kill_at}"
        rerun = _command(db, stage)
        assert rerun.wait(timeout=300) == 0, rerun.stderr.read() if rerun.stderr else ""
        assert _tables(db) == expected, f"killed after statement {kill_at} of {statements}"


# ------------------------------------------------------ two commands at once
def test_reading_while_a_crawl_writes_works_or_says_busy_and_corrupts_nothing(
    tmp_path: Path,
    smf20_proxy: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the commands run here give up after 0.2 s; the crawl (a subprocess) waits
    # the default LOCK_WAIT for them, and must not fail because of them
    monkeypatch.setattr(store_module, "LOCK_WAIT", 0.2)
    reference = tmp_path / "reference.duckdb"
    _crawl(reference, smf20_proxy, FORUM)
    db = tmp_path / "busy.duckdb"
    Store.open(db).close()
    crawl = subprocess.Popen(
        [sys.executable, "-m", "provenance", "--db", str(db), "crawl", FORUM, "--forum", "lab"]
        + ["--allow-host", "127.0.0.1", "--proxy", smf20_proxy, "--no-sources"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    outcomes = []
    deadline = time.monotonic() + 120
    while crawl.poll() is None and time.monotonic() < deadline:
        for argv in (["sql", "SELECT count(*) FROM posts", "--csv"], ["report"], ["link"]):
            code = main(["--db", str(db), *argv])
            err = capsys.readouterr().err
            assert code in (0, 2)
            if code == 2:
                assert "is busy" in err and err.count("\n") == 1 and "Traceback" not in err
            outcomes.append(code)
        time.sleep(0.05)
    assert crawl.wait(timeout=120) == 0
    assert 2 in outcomes, "some reads should have met the running crawl"
    posts = "SELECT * EXCLUDE (first_seen, last_seen) FROM posts ORDER BY ALL"
    with Store.open(db, read_only=True) as a, Store.open(reference, read_only=True) as b:
        assert a.query(posts)[1] == b.query(posts)[1]
        assert a.counts()["crawl_runs"] == 1


def test_a_writer_waits_for_a_reader_to_finish(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    Store.open(db).close()
    reader = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], "
         "read_only=True); print('ok', flush=True); time.sleep(1.5)", str(db)],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "ok"
        assert main(["--db", str(db), "link"]) == 0
        # the reader holds the file until its process ends: linking could only
        # have written after it was gone, so it waited
        assert reader.poll() is not None
    finally:
        reader.kill()
        reader.wait()
