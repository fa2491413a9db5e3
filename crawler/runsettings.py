"""The command line of a crawl subprocess and the Scrapy settings it becomes."""

from __future__ import annotations

import argparse

from scrapy.settings import Settings

from crawler import settings as project_settings
from crawler.middlewares import DEFAULT_PORTS, origin, parse_allowed


def build_settings(args: argparse.Namespace) -> Settings:
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.set("PROVENANCE_DB", args.db, priority="cmdline")
    settings.set("PROVENANCE_ALLOWED_HOSTS", allowed_hosts(args), priority="cmdline")
    settings.set("PROVENANCE_PROXY", args.proxy, priority="cmdline")
    settings.set("LOG_LEVEL", args.log_level, priority="cmdline")
    if args.user_agent:
        settings.set("USER_AGENT", args.user_agent, priority="cmdline")
    if args.no_throttle:
        settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
        settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
    if getattr(args, "cookies", ""):
        settings.set("COOKIES_ENABLED", True, priority="cmdline")
    for pair in args.set:
        key, _, value = pair.partition("=")
        settings.set(key, value, priority="cmdline")
    return settings


def allowed_hosts(args: argparse.Namespace) -> list[str]:
    """The --allow-host entries, plus the start URL's own port when its host is
    listed bare: the forum named on the command line is allowed where it is,
    while other ports of that host stay refused."""
    entries = list(args.allow_host)
    url = getattr(args, "url", "")
    if url:
        try:
            scheme, host, port = origin(url)
        except ValueError:
            return entries
        if (scheme, host, DEFAULT_PORTS.get(scheme, 0)) in parse_allowed(entries):
            entries.append(f"{scheme}://[{host}]:{port}" if ":" in host else f"{scheme}://{host}:{port}")
    return entries


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m crawler.runner")
    sub = parser.add_subparsers(dest="spider", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", required=True)
    common.add_argument("--allow-host", action="append", default=[])
    common.add_argument("--proxy", default="")
    common.add_argument("--user-agent", default="")
    common.add_argument("--log-level", default="WARNING")
    common.add_argument("--no-throttle", action="store_true")
    common.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    forum = sub.add_parser("forum", parents=[common])
    forum.add_argument("--url", required=True)
    forum.add_argument("--forum", default="")
    forum.add_argument("--engine", default="")
    forum.add_argument("--timezone", default="UTC")
    forum.add_argument("--max-pages", type=int, default=project_settings.PROVENANCE_MAX_PAGES)
    forum.add_argument(
        "--max-thread-pages", type=int, default=project_settings.PROVENANCE_MAX_THREAD_PAGES
    )
    forum.add_argument("--full", action="store_true", help="re-fetch every thread page")
    forum.add_argument("--cookies", default="", help="Netscape cookies.txt for member-only boards")
    forum.add_argument("--include-board", action="append", default=[])
    forum.add_argument("--skip-board", action="append", default=[])
    forum.add_argument("--redis-url", default="", help="workers share a Redis frontier")
    forum.add_argument("--workers", type=int, default=2, help="with --redis-url: local workers")
    forum.add_argument("--join", action="store_true", help="with --redis-url: be one worker only")
    articles = sub.add_parser("articles", parents=[common])
    articles.add_argument("--url", required=True, help="a site's home page, feed or sitemap")
    articles.add_argument("--max-articles", type=int, default=500)
    sources = sub.add_parser("sources", parents=[common])
    sources.add_argument("--official-listing", action="append", default=[])
    sources.add_argument("--official-domain", action="append", default=[])
    return parser.parse_args(argv)
