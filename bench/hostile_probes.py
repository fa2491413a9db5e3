"""The hostile-world probe families of bench/robustness.py that need a server,
a crawl, a database file or the command line: what a stranger can serve, cite,
write or type, and what must hold. Each family returns a Tally: probes tried,
failures (a property that did not hold), data lost (something that was there
and should have been kept, but is gone or was never stored).

The inputs are those of the tests (tests/hostile_servers.py,
tests/hostile_inputs.py, tests/mutations.py); every server listens on 127.0.0.1.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

from provenance.store import Store
from tests.hostile_inputs import (
    BAD_VALUES,
    BIDI,
    DB_COMMANDS,
    DISK_FULL,
    DISK_FULL_CASES,
    SOURCE_TRAPS,
    TRAP_PATHS,
    UNFETCHABLE,
    bad_files,
    endless_forum_args,
    hostile_payloads,
    hostile_rows,
)
from tests.hostile_servers import ARTICLE, canary_urls, cite, endless_thread, serve


@dataclass
class Tally:
    """What one probe family found."""

    tried: int = 0
    failures: int = 0
    lost: int = 0
    notes: list[str] = field(default_factory=list)

    def fail(self, note: str, count: int = 1) -> None:
        self.failures += count
        self.notes.append(note)

    def lose(self, note: str, count: int = 1) -> None:
        self.lost += count
        self.notes.append(note)


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with Store.open(db, read_only=True) as store:
        return list(store.query(sql)[1])


def _sources_run(db: Path, allow: list[str]) -> dict[str, object]:
    from provenance.app.commands import _run_spider

    args = ["sources", "--db", str(db), "--no-throttle", "--set", "ROBOTSTXT_OBEY=false"]
    args += ["--set", "RETRY_TIMES=0"]
    for entry in allow:
        args += ["--allow-host", entry]
    return _run_spider(args, echo=False)


# ------------------------------------------------------------ address guard
def guard(work: Path) -> Tally:
    """Cited URLs spelling another port of an allowed host (decimal, hex, octal,
    user info, backslashes, CRLF, a mapped IPv6 address, a redirect): the canary
    on that port counts every request that reaches it. One article is allowed."""
    tally = Tally()
    with serve({}) as (canary, canary_hits):
        routes = {
            "/article": ARTICLE,
            "/redirect-to-canary": (302, {"Location": f"http://127.0.0.1:{canary}/via"}, b""),
        }
        with serve(routes) as (forum, _):  # type: ignore[arg-type]
            db = work / "guard.duckdb"
            urls = canary_urls(forum, canary)
            article = f"http://127.0.0.1:{forum}/article"
            cite(db, [article, *urls])
            _sources_run(db, [f"127.0.0.1:{forum}"])
    tally.tried = len(urls)
    if canary_hits:
        tally.fail(f"guard: the canary was reached: {sorted(set(canary_hits))}", len(canary_hits))
    if _rows(db, "SELECT url FROM sources WHERE status = 200") != [(article,)]:
        tally.lose("guard: the allowed article was not stored alone")
    return tally


# ------------------------------------------------------------- cited URLs
def cited(work: Path) -> Tally:
    """Cited URLs that cannot be fetched (IPv6 literals, malformed hosts and
    ports, redirect loops, a short read): each a failed source row with its
    reason, the good article stored, and link and quotes still run."""
    from provenance.app.commands import run_link, run_quotes

    tally = Tally()
    db = work / "cited.duckdb"
    with serve(SOURCE_TRAPS) as (port, _):
        served = [f"http://127.0.0.1:{port}{path}" for path in (*TRAP_PATHS, "/fine")]
        cite(db, [*UNFETCHABLE, *served], 'The mayor said "we will rebuild the sea walls".')
        _sources_run(db, [f"127.0.0.1:{port}"])
    rows = {str(u): (s, e) for u, s, e in _rows(db, "SELECT url, status, error FROM sources")}
    fine = served.pop()
    tally.tried = len(UNFETCHABLE) + len(served) + 2  # and the link and quote stages
    for url in [*UNFETCHABLE, *served]:
        found = [key for key in rows if url.replace(" ", "%20") in key or key in url]
        if not found:
            tally.lose(f"cited: no source row for {url!r}")
        elif any(rows[key][0] == 200 or not rows[key][1] for key in found):
            tally.fail(f"cited: {url!r} is not a failed source with a reason: {rows[found[0]]}")
    if rows.get(fine, (None,))[0] != 200:
        tally.lose("cited: the good article was not stored")
    for name, stage in (("link", run_link), ("quotes", run_quotes)):
        try:
            with redirect_stdout(io.StringIO()):
                stage(str(db))
        except Exception as exc:  # what this probe counts
            tally.fail(f"cited: {name} failed: {type(exc).__name__}: {exc}")
    return tally


# ---------------------------------------------------------------- disk full
def disk(work: Path) -> Tally:
    """The store's post writes fail with ENOSPC mid-crawl and as the crawl
    closes: the runner exits non-zero, the run is 'failed' with the reason, and
    the posts committed before the failure stay, as many as the run says."""
    tally = Tally()
    for name, (allowed, extra) in DISK_FULL_CASES.items():
        db = work / f"disk-{name}.duckdb"
        with serve({}, endless_thread) as (port, _):
            proc = subprocess.run(
                [sys.executable, "-c", DISK_FULL, str(allowed)]
                + endless_forum_args(db, port, *extra),
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
        tally.tried += 1
        runs = _rows(db, "SELECT status, counts, error FROM crawl_runs")
        stored = int(_rows(db, "SELECT count(*) FROM posts")[0][0])  # type: ignore[call-overload]
        if proc.returncode == 0:
            tally.fail(f"disk {name}: the runner exited 0")
        if len(runs) != 1 or runs[0][0] != "failed" or "No space left" not in str(runs[0][2]):
            tally.fail(f"disk {name}: the run row does not say failed, no space: {runs}")
            continue
        said = int(json.loads(str(runs[0][1] or "{}")).get("posts_new", 0))
        if said != stored:
            tally.lose(f"disk {name}: the run says {said} posts stored, {stored} are", 1)
        if allowed and not stored:
            tally.lose(f"disk {name}: the batches written before the failure are gone")
    return tally


# ------------------------------------------------------- endless pagination
def _endless_crawl(
    db: Path, port: int, max_pages: int = 0, max_thread_pages: int = 0
) -> dict[str, object]:
    from provenance.app.commands import run_crawl
    from provenance.app.options import CrawlOptions

    options = CrawlOptions(
        url=f"http://127.0.0.1:{port}/index.php?topic=4.0",
        engine="smf",
        allow_hosts=(f"127.0.0.1:{port}",),
        no_throttle=True,
        fetch_sources=False,
        max_pages=max_pages,
        max_thread_pages=max_thread_pages,
    )
    [summary] = run_crawl(str(db), options, echo=False)
    return summary


def _offsets(hits: list[str]) -> set[int]:
    return {int(h.rsplit(".", 1)[1]) for h in hits if "topic=4." in h}


def endless(work: Path) -> Tally:
    """A thread whose every page links a next one: the crawl stops at the thread
    page cap, a rerun goes no further, a rerun with a higher cap walks on from
    the stored pages; a run stops at its request cap."""
    tally = Tally()
    db = work / "endless.duckdb"
    step = 15
    with serve({}, endless_thread) as (port, hits):
        for cap in (4, 4, 6):
            hits.clear()
            summary = _endless_crawl(db, port, max_thread_pages=cap)
            tally.tried += 1
            furthest = max(_offsets(hits), default=-1)
            if furthest != (cap - 1) * step or summary.get("finish_reason") != "finished":
                tally.fail(f"endless: cap {cap} pages, fetched up to offset {furthest}")
            stored = int(_rows(db, "SELECT count(*) FROM posts")[0][0])  # type: ignore[call-overload]
            if stored < cap * step:
                tally.lose(f"endless: cap {cap}: {stored} posts stored of {cap * step}")
        hits.clear()
        summary = _endless_crawl(work / "run-cap.duckdb", port, max_pages=3)
        tally.tried += 1
        if int(summary.get("requests", 0)) > 4:  # type: ignore[call-overload]
            tally.fail(f"endless: run cap 3, {summary.get('requests')} requests")
    return tally


# ---------------------------------------------------------- hostile posts
HTML_FOLDERS = ["invision4", "machina", "mybb", "nodebb", "phpbb", "smf20", "smf21"]
HTML_FOLDERS += ["vbulletin4", "vbulletin5", "xenforo2"]


def posts(work: Path) -> Tally:
    """3,000 nested quotes in the first post of a page, for each HTML engine:
    that post is skipped with its reason, every other post and the thread are kept."""
    from engine_cases import load_cases
    from mutations import _insert_in_post, response

    from crawler.decoding import page_selector, readable
    from crawler.engines import get_engine

    tally = Tally()
    hostile = b"<blockquote>" * 3000 + b"deep" + b"</blockquote>" * 3000
    for folder in HTML_FOLDERS:
        case = next(
            (c for c in load_cases() if c.folder.name == folder and len(c.parse().posts) >= 3),
            None,
        )
        if case is None:
            continue
        whole = case.parse()
        body = (case.folder / case.page).read_bytes()
        first = re.search(
            rf"""(?:id|data-pid)=["'][^"'0-9]*{whole.posts[0].post_id}["']""".encode(), body
        )
        if first is None:
            continue
        tally.tried += 1
        body = body[: first.end()] + _insert_in_post(body[first.end() :], hostile)
        try:
            sel, unread = page_selector(readable(response(case.url, body)))
            page = get_engine(case.engine).parse_thread(case.url, sel, case.ctx)
        except Exception as exc:  # what this probe counts
            tally.fail(f"posts {folder}: {type(exc).__name__}: {str(exc)[:80]}")
            tally.lose(f"posts {folder}: the page lost", len(whole.posts) - 1)
            continue
        kept = {p.post_id for p in page.posts}
        missing = [p.post_id for p in whole.posts[1:] if p.post_id not in kept]
        if missing or unread or page.thread.thread_id != whole.thread.thread_id:
            tally.lose(f"posts {folder}: other posts lost {missing} {unread}", len(missing) or 1)
        if len(page.skipped) != 1 or whole.posts[0].post_id not in page.skipped[0]:
            tally.fail(f"posts {folder}: skipped {page.skipped!r:.120}")
    return tally


# -------------------------------------------------------- Markdown payloads
_TAG_OR_LINK = re.compile(r"<(script|img|iframe|svg|object|embed|style)\b|href=\"(?!http)", re.I)


def markdown(work: Path) -> Tally:
    """Every payload of tests/hostile_inputs.py in every scraped field of a
    statements report and a links report, rendered by markdown-it-py as
    CommonMark with raw HTML on: no tag, image or link comes from scraped text,
    no bidirectional control is left, and the text itself is still shown."""
    from markdown_it import MarkdownIt

    from provenance.report.markdown import links_markdown, statements_markdown

    tally = Tally()
    render = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render
    allowed_links = ('<a href="http://127.0.0.1:9/source-url"', '<a href="http://f.example')
    payloads = hostile_payloads("http://127.0.0.1:9")
    for kind, payload in [*payloads.items(), ("all", "")]:
        rows = hostile_rows("http://127.0.0.1:9", f" {payload} marker{kind} " if payload else "")
        occ = rows[0]["occurrences"][0]  # type: ignore[index]
        report = statements_markdown(rows) + links_markdown(
            [(occ["permalink"], occ["author"], occ["thread_title"], occ["text"], "m", "v", 1.0)]
        )
        html = render(report)
        tally.tried += 1
        bad = _TAG_OR_LINK.search(html)
        links = html.count("<a ") - sum(html.count(prefix) for prefix in allowed_links)
        if bad or links or set(BIDI) & set(report):
            tally.fail(f"markdown {kind}: {bad and bad.group(0)!r}, {links} other links")
        if kind in ("script", "img", "md-image") and not _TAG_OR_LINK.search(render(payload)):
            tally.fail(f"markdown {kind}: blind, the payload written as it is shows no tag")
        if payload and f"marker{kind}" not in html:
            tally.lose(f"markdown {kind}: the scraped text is not shown")
    return tally


# ------------------------------------------------------ bad files, bad values
def _one_line_exit_2(argv: list[str]) -> tuple[bool, str]:
    from provenance.app.cli import main

    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code  # type: ignore[assignment]
    message = err.getvalue().strip()
    return code == 2 and len(message.splitlines()) == 1, message


def db_files(work: Path) -> Tally:
    """Another program's DuckDB file, the same cut short and bytes that are no
    database, opened by every command that reads one: one line naming the file,
    exit 2, and the file left as it was."""
    tally = Tally()
    for n, command in enumerate(DB_COMMANDS):
        (work / str(n)).mkdir()
        for kind, path in bad_files(work / str(n)).items():
            before = path.read_bytes()
            tally.tried += 1
            ok, message = _one_line_exit_2(["--db", str(path), *command])
            if not ok or path.name not in message:
                tally.fail(f"db {kind} {command[0]}: {message[:120]!r}")
            if path.read_bytes() != before:
                tally.lose(f"db {kind} {command[0]}: the file was written to")
    return tally


def cli_values(work: Path) -> Tally:
    """Bad command-line values: one line naming the value, exit 2."""
    tally = Tally()
    db = work / "cli.duckdb"
    Store.open(db).close()
    for argv, expected in BAD_VALUES:
        tally.tried += 1
        ok, message = _one_line_exit_2(["--db", str(db), *argv])
        if not ok or expected not in message:
            tally.fail(f"cli {' '.join(argv)[:40]}: {message[:120]!r}")
    return tally


FAMILIES: dict[str, Callable[[Path], Tally]] = {
    "guard": guard,
    "cited": cited,
    "disk": disk,
    "endless": endless,
    "posts": posts,
    "markdown": markdown,
    "db": db_files,
    "cli": cli_values,
}


def run(name: str) -> Tally:
    """Run one family in a fresh temporary folder."""
    with tempfile.TemporaryDirectory(prefix=f"robust-{name}-") as folder:
        return FAMILIES[name](Path(folder))
