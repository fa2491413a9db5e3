"""The `provenance` command: crawl, link, quotes, report, sql, run, demo.

Thin on purpose: it parses arguments, runs crawls as subprocesses (the
Twisted reactor does not restart), calls the stages and prints. Every error
a user can cause is one line on stderr and a non-zero exit, no traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from provenance.app import alerting
from provenance.app.commands import (
    DEFAULT_DB,
    EXIT_USAGE,
    ReportOptions,
    run_all,
    run_articles,
    run_crawl,
    run_demo,
    run_engines,
    run_export,
    run_link,
    run_quotes,
    run_replay,
    run_report,
    run_scheduled,
    run_serve,
    run_sql,
)
from provenance.app.options import CliError, CrawlOptions
from provenance.store import StoreError


# ------------------------------------------------------------------ parser
def _crawl_arguments(parser: argparse.ArgumentParser, stages: bool = False) -> None:
    """The crawl's options; with `stages` (`run`) --workers also sizes link and quotes."""
    parser.add_argument("url", help="a forum root, board or thread URL")
    parser.add_argument("--forum", default="", help="a name for the forum (default: host/path)")
    parser.add_argument("--engine", default="", help="forum engine, instead of detection")
    parser.add_argument(
        "--timezone",
        default="",
        help="the forum's timezone, e.g. America/New_York (default UTC, with a warning)",
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        help="fetch this host even if it resolves to a private or loopback address",
    )
    parser.add_argument("--proxy", default="", help="HTTP proxy for every request")
    parser.add_argument(
        "--official-listing",
        action="append",
        default=[],
        help="a press-release listing page of an official site (repeatable)",
    )
    parser.add_argument(
        "--official-domain", action="append", default=[], help="a domain whose pages are official"
    )
    parser.add_argument(
        "--max-pages",
        type=int,
        default=None,
        help="stop following pages after N requests (N > 0; default 100,000)",
    )
    parser.add_argument(
        "--max-thread-pages",
        type=int,
        default=None,
        help="fetch at most N pages of one thread, stored ones included (N > 0; default 1,000)",
    )
    parser.add_argument(
        "--user-agent",
        default="",
        help="User-Agent with your contact, e.g. 'my-study (you@example.org)'",
    )
    parser.add_argument(
        "--no-sources", action="store_true", help="do not fetch cited and official sources"
    )
    parser.add_argument(
        "--cookies", default="", help="Netscape cookies.txt file for member-only boards"
    )
    parser.add_argument(
        "--redis-url",
        default="",
        help="crawl with scrapy-redis workers sharing this Redis (redis://host:6379/0)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="link and quote processes (default: one per core); with --redis-url also "
        "the local crawl workers (default 2)"
        if stages
        else "local workers with --redis-url (default 2)",
    )
    boards = parser.add_mutually_exclusive_group()
    boards.add_argument(
        "--include-board",
        action="append",
        default=[],
        help="crawl only this board (its URL or id; repeatable)",
    )
    boards.add_argument(
        "--skip-board", action="append", default=[], help="do not crawl this board (URL or id)"
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="re-fetch every thread page (default: only threads the board lists show changed)",
    )


def _crawl_options(args: argparse.Namespace) -> CrawlOptions:
    return CrawlOptions(
        url=args.url,
        forum=args.forum,
        engine=args.engine,
        timezone=args.timezone,
        allow_hosts=tuple(args.allow_host),
        proxy=args.proxy,
        official_listings=tuple(args.official_listing),
        official_domains=tuple(args.official_domain),
        user_agent=args.user_agent,
        max_pages=args.max_pages or 0,
        max_thread_pages=args.max_thread_pages or 0,
        full=args.full,
        cookies=args.cookies,
        include_boards=tuple(args.include_board),
        skip_boards=tuple(args.skip_board),
        redis_url=args.redis_url,
        workers=args.workers or 2,
        fetch_sources=not args.no_sources,
    )


def _workers_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workers", type=int, default=None, help="processes (default: one per core)"
    )


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("forum-provenance")
    except PackageNotFoundError:
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="provenance",
        description="Crawl forums, link reposts to official sources, trace quoted statements.",
    )
    parser.add_argument("--db", default=None, help=f"DuckDB file (default: ./{DEFAULT_DB})")
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument(
        "-v", "--verbose", action="store_true", help="log what every stage does (INFO)"
    )
    loudness.add_argument(
        "-q", "--quiet", action="store_true", help="errors only: no warnings, no progress"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    crawl = sub.add_parser("crawl", help="crawl a forum, board or thread and fetch its sources")
    _crawl_arguments(crawl)
    articles = sub.add_parser(
        "articles", help="crawl a site's RSS/Atom feeds or sitemaps for articles"
    )
    articles.add_argument("url", help="the site's home page, a feed or a sitemap URL")
    articles.add_argument(
        "--max-articles", type=int, default=500, help="stop after N articles (default 500)"
    )
    articles.add_argument(
        "--allow-host",
        action="append",
        default=[],
        help="fetch this host even if it resolves to a private or loopback address",
    )
    articles.add_argument("--proxy", default="", help="HTTP proxy for every request")
    articles.add_argument("--user-agent", default="", help="User-Agent with your contact")
    articles.add_argument(
        "--no-sources", action="store_true", help="do not fetch the sources articles cite"
    )
    link = sub.add_parser("link", help="link stored posts to the sources they copy or cite")
    link.add_argument(
        "--rebuild", action="store_true", help="forget every link and link everything again"
    )
    _workers_argument(link)
    quotes = sub.add_parser("quotes", help="extract official statements and label every quote")
    _workers_argument(quotes)
    rep = sub.add_parser("report", help="provenance report per quote")
    rep.add_argument("query", nargs="?", help="statement id prefix, speaker or words of the quote")
    rep.add_argument(
        "--speaker", default="", help="statements of this speaker (any form: 'AG Garland')"
    )
    rep.add_argument("--source", default="", help="statements of this official source URL")
    rep.add_argument(
        "--format",
        choices=("markdown", "json", "html", "claimreview"),
        default="",
        help="markdown (default), json, a self-contained HTML page with timeline charts, "
        "or claimreview (schema.org ClaimReview JSON-LD of altered and misattributed quotes)",
    )
    rep.add_argument("--out", default="", help="write to this file (with --all: directory)")
    rep.add_argument(
        "--all",
        dest="site",
        action="store_true",
        help="write an HTML site to --out DIR: index.html and one page per statement",
    )
    rep.add_argument(
        "--links",
        action="store_true",
        help='also list post → source links (JSON: {"statements": [...], "links": [...]})',
    )
    rep.add_argument(
        "--summary",
        action="store_true",
        help="headline counts and reposts over time for the whole database "
        "(markdown, html or json)",
    )
    sql = sub.add_parser("sql", help="run a read-only SQL query on the database")
    sql.add_argument("query", help='e.g. "SELECT verdict, count(*) FROM links GROUP BY 1"')
    out = sql.add_mutually_exclusive_group()
    out.add_argument("--csv", dest="fmt", action="store_const", const="csv")
    out.add_argument("--json", dest="fmt", action="store_const", const="json")
    sql.add_argument(
        "--timeout", type=float, default=60.0, help="seconds before the query is stopped (60)"
    )
    sql.add_argument(
        "--memory-limit", default="2GB", help="most memory the query may use (DuckDB size, 2GB)"
    )
    run = sub.add_parser("run", help="crawl, link and trace quotes in one go")
    _crawl_arguments(run, stages=True)
    sub.add_parser("engines", help="list the forum engines a crawl can use (--engine NAME)")
    sub.add_parser("demo", help="run everything on the bundled sample forum and print a report")
    replay = sub.add_parser(
        "replay",
        help="extract posts again from the stored raw pages (after a page object improves)",
    )
    replay.add_argument("--forum", default=None, help="only this forum key (default: all)")
    replay.add_argument("--workers", type=int, default=1, help="parsing processes")
    export = sub.add_parser(
        "export", help="write every table as Parquet or JSON Lines, or all into a SQLite file"
    )
    export.add_argument(
        "--format",
        choices=("parquet", "jsonl", "sqlite"),
        default="parquet",
        help="parquet or jsonl: one file per table in OUT; sqlite: the file OUT with every "
        "table and every view (as a table), for Datasette",
    )
    export.add_argument(
        "out_dir", metavar="OUT", help="a folder (parquet, jsonl) or a file (sqlite)"
    )
    serve = sub.add_parser(
        "serve", help="serve the reports as a local web site on 127.0.0.1 (read-only)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (0: a free one)")
    sch = sub.add_parser(
        "schedule",
        help="crawl, link and trace quotes for the forums of a forums.toml, on a schedule",
    )
    sch.add_argument("--config", required=True, help="forums.toml (see docs/forums.toml.example)")
    when = sch.add_mutually_exclusive_group()
    when.add_argument("--every", help="interval: 30m, 6h, 1d (default: the config's)")
    when.add_argument("--cron", help='cron expression, e.g. "0 */6 * * *"')
    sch.add_argument("--once", action="store_true", help="run every forum once now and exit")
    sch.add_argument(
        "--print-cron", action="store_true", help="print the equivalent crontab line and exit"
    )
    _alert_commands(sub)
    return parser


def _alert_commands(sub: argparse._SubParsersAction) -> None:
    """`watch` and `alerts` (provenance.app.alerting)."""
    watch = sub.add_parser("watch", help="watch statements, speakers, official sources or sites")
    wsub = watch.add_subparsers(dest="watch_action", required=True, metavar="ACTION")
    add = wsub.add_parser(
        "add", help="watch KIND VALUE (statement id or words, speaker, URL, site)"
    )
    add.add_argument("kind", choices=("statement", "speaker", "source", "site"))
    add.add_argument("value")
    wsub.add_parser("list", help="every watch")
    remove = wsub.add_parser("remove", help="stop watching (an id from `watch list`)")
    remove.add_argument("value", metavar="WATCH_ID")
    alerts = sub.add_parser("alerts", help="list alerts, or with --config deliver pending ones")
    alerts.add_argument("--config", default="", help="forums.toml whose [alerts] to deliver to")
    alerts.add_argument("--json", action="store_true", help="one JSON alert per line")


# the commands that create the database, or need none; every other one needs it
CREATING = ("crawl", "run", "demo", "articles", "schedule", "engines")


def _check_arguments(args: argparse.Namespace) -> None:
    """Refuse, as one line, the values argparse lets through."""
    if args.command not in CREATING and not Path(args.db).exists():
        raise CliError(f"database {args.db!r} does not exist")
    for name in ("max_pages", "max_thread_pages"):
        value = getattr(args, name, None)
        if value is not None and value <= 0:
            flag = "--" + name.replace("_", "-")
            raise CliError(f"{flag} must be more than 0, not {value}")
    if getattr(args, "workers", None) is not None and args.workers <= 0:
        raise CliError(f"--workers must be more than 0, not {args.workers}")
    if args.command == "sql" and not 0 < args.timeout <= 86400:
        raise CliError(f"--timeout must be in (0, 86400] seconds, not {args.timeout}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    explicit_db = args.db
    args.db = args.db or DEFAULT_DB
    level = logging.INFO if args.verbose else logging.ERROR if args.quiet else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger().setLevel(level)  # also when a host (a test runner) set logging up
    commands = {
        "crawl": lambda: run_crawl(args.db, _crawl_options(args)),
        "articles": lambda: run_articles(
            args.db,
            CrawlOptions(
                url=args.url,
                allow_hosts=tuple(args.allow_host),
                proxy=args.proxy,
                user_agent=args.user_agent,
                fetch_sources=not args.no_sources,
            ),
            args.max_articles,
        ),
        "link": lambda: run_link(args.db, args.rebuild, args.workers),
        "quotes": lambda: run_quotes(args.db, args.workers),
        "report": lambda: run_report(
            args.db,
            ReportOptions(
                args.query,
                args.speaker,
                args.source,
                args.format,
                args.links,
                args.out,
                args.site,
                args.summary,
            ),
        ),
        "sql": lambda: run_sql(
            args.db, args.query, args.fmt or "table", args.timeout, args.memory_limit
        ),
        "run": lambda: run_all(args.db, _crawl_options(args), args.workers),
        "demo": lambda: run_demo(args.db),
        "export": lambda: run_export(args.db, args.format, args.out_dir),
        "replay": lambda: run_replay(args.db, args.forum, args.workers),
        "schedule": lambda: run_scheduled(args, explicit_db),
        "watch": lambda: alerting.run_watch(
            args.db, args.watch_action, getattr(args, "kind", ""), getattr(args, "value", "")
        ),
        "alerts": lambda: alerting.run_alerts(args.db, args.config, args.json),
        "serve": lambda: run_serve(args.db, args.port),
        "engines": run_engines,
    }
    try:
        _check_arguments(args)
        commands[args.command]()
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader went away (`report | head`): stop quietly, and keep the interpreter's
        # own flush at exit from raising again on the closed descriptor
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # as a shell reports a process ended by SIGPIPE
    except (CliError, StoreError) as exc:
        print(f"provenance: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
