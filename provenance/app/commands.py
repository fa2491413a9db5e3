"""Each command's work: the crawl as a Scrapy subprocess (the Twisted reactor
does not restart), then the stages, reports, SQL, export, replay and demo.
Errors a user can cause are raised as :class:`CliError` for the CLI to print.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from provenance.app.options import CliError, CrawlOptions
from provenance.app.progress import StageProgress
from provenance.report import markdown as report
from provenance.store import Store
from provenance.store.jsonvalues import dumps

log = logging.getLogger(__name__)

EXIT_USAGE = 2
DEFAULT_DB = "provenance.duckdb"


def run_crawl(db: str, options: CrawlOptions, echo: bool = True) -> list[dict[str, Any]]:
    """Crawl the forum, then fetch the cited and official sources; returns both summaries."""
    _check_url(options.url)
    _check_engine(options.engine)
    timezone = options.timezone or "UTC"
    _check_timezone(timezone)
    Store.open(db).close()  # fail early, in this process, on a locked or bad file
    _warn_unset(options, timezone=True)
    common = _common_args(db, options)
    forum_args = ["forum", "--url", options.url, "--timezone", timezone, *common]
    if options.forum:
        forum_args += ["--forum", options.forum]
    if options.engine:
        forum_args += ["--engine", options.engine]
    if options.max_pages:
        forum_args += ["--max-pages", str(options.max_pages)]
    if options.max_thread_pages:
        forum_args += ["--max-thread-pages", str(options.max_thread_pages)]
    if options.full:
        forum_args.append("--full")
    if options.redis_url:
        forum_args += ["--redis-url", options.redis_url, "--workers", str(options.workers)]
    for board in options.include_boards:
        forum_args += ["--include-board", board]
    for board in options.skip_boards:
        forum_args += ["--skip-board", board]
    if options.cookies:
        _check_cookies(options.cookies)
        forum_args += ["--cookies", str(Path(options.cookies).resolve())]
    summaries = [_run_spider(forum_args, echo)]
    if options.fetch_sources:
        source_args = ["sources", *common]
        for url in options.official_listings:
            source_args += ["--official-listing", url]
        for domain in options.official_domains:
            source_args += ["--official-domain", domain]
        try:
            summaries.append(_run_spider(source_args, echo))
        except CliError as exc:
            # the forum's posts are stored: a source fetch never ends the run
            print(f"provenance: warning: {exc}; link and quotes still run", file=sys.stderr)
    if echo:
        _print_total("crawl", summaries)
    return summaries


def _print_total(command: str, summaries: list[dict[str, Any]]) -> None:
    """The command's last line: what its spider runs did together."""
    requests = sum(int(s.get("requests", 0)) for s in summaries)
    errors = sum(int(s.get("errors", 0)) + int(s.get("provenance/failed_requests", 0))
                 for s in summaries)  # fmt: skip
    stored = sum(
        int(v) for s in summaries for k, v in s.items()
        if k.startswith("provenance/stored/") and k.endswith(("_new", "_changed"))
    )  # fmt: skip
    runs = " and ".join(str(s["spider"]) for s in summaries)
    print(f"{command}: done ({runs}): {requests} requests, {stored} new or changed, "
          f"{errors} errors")  # fmt: skip


def _warn_unset(options: CrawlOptions, timezone: bool) -> None:
    """One warning line for what a polite and correct crawl should be told: the
    forum's timezone (times are read as UTC without it) and a contact in the
    User-Agent (forum admins write to it before they block a crawler)."""
    missing = []
    if timezone and not options.timezone:
        missing.append("--timezone (the forum's times are read as UTC)")
    if not options.user_agent:
        missing.append("--user-agent with your contact (forum admins cannot reach you)")
    if missing:
        log.warning("not set: %s", "; ".join(missing))


def _common_args(db: str, options: CrawlOptions) -> list[str]:
    """The runner arguments every spider takes."""
    from crawler.middlewares import parse_allowed
    from crawler.runsettings import allowed_hosts

    try:
        parse_allowed(list(options.allow_hosts))
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if options.proxy:
        _check_proxy(options.proxy)
    common = ["--db", db]
    # the sources run has no start URL: it is given the forum's own origin here
    hosts = allowed_hosts(argparse.Namespace(allow_host=list(options.allow_hosts), url=options.url))
    for host in hosts:
        common += ["--allow-host", host]
    if options.proxy:
        common += ["--proxy", options.proxy]
    if options.user_agent:
        common += ["--user-agent", options.user_agent]
    if options.no_throttle:
        common.append("--no-throttle")
    for pair in options.extra:
        common += ["--set", pair]
    return common


def run_articles(
    db: str, options: CrawlOptions, max_articles: int = 500, echo: bool = True
) -> list[dict[str, Any]]:
    """Crawl a site's feeds or sitemaps for articles, then fetch the sources they cite."""
    _check_url(options.url)
    Store.open(db).close()
    _warn_unset(options, timezone=False)
    common = _common_args(db, options)
    args = ["articles", "--url", options.url, "--max-articles", str(max_articles), *common]
    summaries = [_run_spider(args, echo)]
    if options.fetch_sources:
        summaries.append(_run_spider(["sources", *common], echo))
    if echo:
        _print_total("articles", summaries)
    return summaries


def _run_spider(args: list[str], echo: bool) -> dict[str, Any]:
    # the crawl logs at this process's level: -v shows its INFO lines, -q hides its progress
    level = logging.getLevelName(logging.getLogger().getEffectiveLevel())
    proc = subprocess.run(
        [sys.executable, "-m", "crawler.runner", *args, "--log-level", level],
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise CliError(f"the {args[0]} crawl failed (exit {proc.returncode}); see the log above")
    summary: dict[str, Any] = json.loads(lines[-1])
    if echo:
        _print_summary(summary)
    if proc.returncode != 0:
        reason = (
            summary.get("provenance/start_failed")
            or summary.get("provenance/store_failed")
            or summary.get("finish_reason")
        )
        raise CliError(f"the {args[0]} crawl failed: {reason}")
    return summary


def _print_summary(summary: dict[str, Any]) -> None:
    stored = {
        k.removeprefix("provenance/stored/"): v
        for k, v in summary.items()
        if k.startswith("provenance/stored/")
    }
    parts = [f"{summary['spider']}: {summary['requests']} requests"]
    parts += [f"{k.replace('_', ' ')} {v}" for k, v in sorted(stored.items())]
    other = {
        k.removeprefix("provenance/"): v
        for k, v in summary.items()
        if k.startswith("provenance/") and not k.startswith("provenance/stored/")
    }
    parts += [f"{k.replace('_', ' ')} {v}" for k, v in sorted(other.items())]
    print(", ".join(parts))


def default_workers() -> int:
    """Stage processes when none are asked for: one per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_link(db: str, rebuild: bool = False, workers: int | None = None) -> None:
    from provenance.link.stage import link_posts

    progress = StageProgress("link", "links")
    with Store.open(db) as store:
        progress.start()
        summary = link_posts(
            store, rebuild=rebuild, workers=workers or default_workers(), progress=progress
        )
        total = store.counts()["links"]
    progress.done()
    verdicts = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_verdict.items())) or "none"
    print(
        f"link: {summary.posts} new or changed posts, {summary.sources} new sources, "
        f"{summary.links} links written ({verdicts}); {total} links in all"
    )


def run_quotes(db: str, workers: int | None = None) -> None:
    from provenance.quotes.stage import trace_quotes

    progress = StageProgress("quotes", "occurrences")
    with Store.open(db) as store:
        progress.start()
        summary = trace_quotes(store, workers=workers or default_workers(), progress=progress)
    progress.done()
    labels = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_label.items())) or "none"
    print(
        f"quotes: {summary.statements} official statements, "
        f"{summary.occurrences} occurrences ({labels})"
    )


@dataclass(frozen=True)
class ReportOptions:
    """What `provenance report` selects (filters given together must all hold) and
    where it goes: `out` is a file, or with `site` the directory of an HTML site."""

    query: str | None = None
    speaker: str = ""
    source: str = ""
    fmt: str = ""  # markdown, json or html; default markdown, html for a site
    links: bool = False
    out: str = ""
    site: bool = False
    summary: bool = False


def _report_summary(db: str, options: ReportOptions) -> None:
    from provenance.report.summary import summary_html, summary_markdown

    if options.fmt not in ("", "markdown", "html", "json"):
        raise CliError("--summary is Markdown, HTML or JSON")
    with Store.open(db, read_only=True) as store:
        data = store.summary()
    if options.fmt == "json":
        text = report.summary_json(data) + "\n"
    else:
        text = summary_html(data) if options.fmt == "html" else summary_markdown(data)
    if options.out:
        Path(options.out).write_text(text, encoding="utf-8")
        print(f"report: wrote {options.out}")
    else:
        print(text, end="")


def run_report(db: str, options: ReportOptions) -> None:
    """Print or write the provenance report of the selected statements (all by default)."""
    from provenance.quotes import speaker_key
    from provenance.report import html as report_html
    from provenance.report.data import cluster_unmatched
    from provenance.text.urls import normalise_url

    if options.summary:
        _report_summary(db, options)
        return
    if options.fmt == "claimreview":
        from provenance.app.alerting import run_claimreview

        run_claimreview(db, options.out)
        return
    fmt = options.fmt or ("html" if options.site else "markdown")
    if options.site and (fmt != "html" or not options.out):
        raise CliError("--all writes an HTML site: give --out DIR (and no other --format)")
    key = speaker_key(options.speaker) if options.speaker else None
    if options.speaker and key is None:
        raise CliError(f"not a speaker name: {options.speaker!r}")
    urls = [options.source.strip(), normalise_url(options.source)] if options.source else []
    if options.source and urls[1] is None:
        raise CliError(f"not an http(s) URL: {options.source!r}")
    wanted = [repr(options.query)] if options.query else []
    wanted += [f"speaker {options.speaker!r}"] if options.speaker else []
    wanted += [f"source {options.source!r}"] if options.source else []
    with Store.open(db, read_only=True) as store:
        rows = store.statement_report_rows(
            options.query, speaker_key=key, source_urls=[u for u in urls if u]
        )
        if wanted and not rows:
            raise CliError(f"no statement matches {' and '.join(wanted)}")
        links = store.post_links() if options.links or options.site else []
        unmatched = [] if wanted else store.unmatched_report_rows()
        summary = store.summary() if options.site else None
    if fmt == "json":
        text = report.statements_json(rows, links if options.links else None)
    elif fmt == "markdown":
        text = "\n".join(
            ["# Provenance report", ""]
            + ([report.links_markdown(links)] if links else [])
            + [report.statements_markdown(rows)]
            + [report.unmatched_markdown(cluster_unmatched(unmatched))]
        )
    elif options.site:
        pages = report_html.site_pages(rows, cluster_unmatched(unmatched), links, summary)
        _write_site(Path(options.out), pages)
        return
    else:
        text = report_html.report_page(rows, cluster_unmatched(unmatched), links)
    if not options.out:
        print(text)
        return
    try:
        Path(options.out).write_text(text if text.endswith("\n") else text + "\n", "utf-8")
    except OSError as exc:
        raise CliError(f"cannot write {options.out!r}: {exc.strerror or exc}") from None
    print(f"report: wrote {options.out}")


def _write_site(directory: Path, pages: dict[str, str]) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, page in pages.items():
            (directory / name).write_text(page, "utf-8")
    except OSError as exc:
        raise CliError(f"cannot write to {str(directory)!r}: {exc.strerror or exc}") from None
    statements = sum(1 for name in pages if name.startswith("statement-"))
    print(f"report: {statements} statement pages and {directory / 'index.html'}")


def run_engines() -> None:
    """Print every forum engine a crawl can use, with what its page object reads."""
    from crawler.engines import ENGINES

    width = max(map(len, ENGINES))
    for name, engine in sorted(ENGINES.items()):
        doc = (type(engine).__doc__ or "").strip().splitlines()
        print(f"{name:<{width}}  {doc[0] if doc else type(engine).__name__}")


def run_serve(db: str, port: int) -> None:
    """Serve the reports of `db` on 127.0.0.1 until interrupted."""
    from provenance.app.serve import make_server

    if not Path(db).exists():
        raise CliError(f"no database at {db!r}: run a crawl or `provenance demo` first")
    try:
        server = make_server(db, port)
    except OSError as exc:
        raise CliError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from None
    host, bound = server.server_address[:2]
    print(f"serve: http://{host}:{bound}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()


def run_sql(db: str, sql: str, fmt: str, timeout: float = 60.0, memory_limit: str = "2GB") -> None:
    with Store.open(db, read_only=True) as store:
        store.seal(memory_limit)
        columns, rows = store.query(sql, timeout)
    if fmt == "json":
        print(dumps([dict(zip(columns, r, strict=True)) for r in rows], indent=2))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        Console().print(table)
        print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")


def run_all(db: str, options: CrawlOptions, workers: int | None = None) -> None:
    """Crawl, link and trace quotes: what `run` and scheduled runs do. `workers`
    processes link and trace quotes (default: one per core)."""
    from provenance.app.alerting import run_alert_step

    run_crawl(db, options)
    run_link(db, workers=workers)
    run_quotes(db, workers=workers)
    run_alert_step(db)


def run_replay(db: str, forum: str | None, workers: int) -> None:
    from crawler.replay import replay

    with Store.open(db) as store:
        try:
            summary = replay(store, forum, workers)
        except ValueError as exc:
            raise CliError(str(exc)) from None
    posts = ", ".join(f"{k} {v}" for k, v in summary.posts.items())
    print(
        f"replay: {summary.pages} stored pages, {summary.thread_pages} thread pages, "
        f"{summary.unparsable} unparsable; posts {posts}"
    )


def run_export(db: str, fmt: str, out_dir: str) -> None:
    import sqlite3

    export = {"parquet": "export_parquet", "jsonl": "export_jsonl", "sqlite": "export_sqlite"}
    with Store.open(db, read_only=True) as store:
        try:
            counts = getattr(store, export[fmt])(out_dir)
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or exc
            raise CliError(f"cannot write to {out_dir!r}: {reason}") from None
    total = sum(counts.values())
    kinds = "tables and views" if fmt == "sqlite" else "tables"
    print(f"export: {len(counts)} {kinds}, {total} rows as {fmt} in {out_dir}")


# the demo crawls only its own sample sites, served on this machine
DEMO_AGENT = "forum-provenance-demo (bundled sample sites on 127.0.0.1)"


def run_demo(db: str, echo_report: bool = True) -> None:
    from provenance.sample import FARM_URL, FORUM_URL, OFFICIAL_RELEASES_URL, SAMPLE_HOSTS
    from provenance.sample.server import serve_sites

    with serve_sites() as proxy:
        print(f"demo: sample forum {FORUM_URL} and official site served through {proxy}")
        run_crawl(
            db,
            CrawlOptions(
                user_agent=DEMO_AGENT,
                url=FORUM_URL,
                forum="townsquare",
                timezone="America/New_York",
                allow_hosts=SAMPLE_HOSTS,
                proxy=proxy,
                official_listings=(OFFICIAL_RELEASES_URL,),
                no_throttle=True,
            ),
        )
        run_articles(
            db,
            CrawlOptions(
                url=FARM_URL,
                user_agent=DEMO_AGENT,
                allow_hosts=SAMPLE_HOSTS,
                proxy=proxy,
                no_throttle=True,
            ),
        )
    run_link(db)
    run_quotes(db)
    if echo_report:
        print()
        run_report(db, ReportOptions(links=True))


def run_scheduled(args: argparse.Namespace, db: str | None) -> None:
    """`provenance schedule`: the config's forums at an interval or cron expression.

    An explicit --db wins over the config's `db`.
    """
    from provenance.app import schedule
    from provenance.app.config import ConfigError

    when = args.every or args.cron
    try:
        if args.print_cron:
            print(schedule.cron_line(args.config, db, when))
            return
        runs, failed = schedule.run_schedule(args.config, db, when, once=args.once)
    except (ConfigError, schedule.ScheduleError) as exc:
        raise CliError(str(exc)) from None
    print(f"schedule: {runs} run{'s' if runs != 1 else ''}, {runs - failed} ok, {failed} failed")
    if failed:
        raise CliError(f"{failed} scheduled run(s) failed; see crawl_runs")


# ------------------------------------------------------------------ checks
MAX_URL = 2048


def _check_url(url: str) -> None:
    if len(url) > MAX_URL:
        raise CliError(f"URL longer than {MAX_URL} characters: {url[:60]!r}...")
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        raise CliError(f"not an http(s) URL: {url!r} (spaces or control characters)")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port out of range)
    except ValueError as exc:
        raise CliError(f"not an http(s) URL: {url!r} ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CliError(f"not an http(s) URL: {url!r}")


def _check_cookies(path: str) -> None:
    from http.cookiejar import LoadError, MozillaCookieJar

    if not Path(path).is_file():
        raise CliError(f"cookies file not found: {path!r}")
    try:
        MozillaCookieJar(path).load(ignore_discard=True, ignore_expires=True)
    except (OSError, LoadError, UnicodeDecodeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CliError(f"not a Netscape cookies.txt file: {path!r} ({reason[:120]})") from None


def _check_proxy(proxy: str) -> None:
    try:
        parts = urlsplit(proxy)
        parts.port  # noqa: B018  (raises ValueError for a port out of range)
    except ValueError:
        raise CliError(f"not a proxy URL: {proxy!r} (write http://host:port)") from None
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in proxy:
        raise CliError(f"not a proxy URL: {proxy!r} (write http://host:port)")


def _check_timezone(name: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise CliError(f"unknown timezone {name!r} (an IANA name, e.g. America/New_York)") from None


def _check_engine(name: str) -> None:
    if not name:
        return
    from crawler.engines import UnknownEngine, get_engine

    try:
        get_engine(name)
    except UnknownEngine as exc:
        raise CliError(str(exc)) from None
