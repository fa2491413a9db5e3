"""What a crawl is asked to do: the options shared by the CLI, forums.toml and the scheduler."""

from __future__ import annotations

from dataclasses import dataclass, field


class CliError(Exception):
    """A user error, printed as one line."""


@dataclass(frozen=True)
class CrawlOptions:
    url: str
    forum: str = ""
    engine: str = ""
    timezone: str = ""  # not set: the forum's times are read as UTC, with a warning
    allow_hosts: tuple[str, ...] = ()
    proxy: str = ""
    official_listings: tuple[str, ...] = ()
    official_domains: tuple[str, ...] = ()
    user_agent: str = ""
    max_pages: int = 0  # 0: the crawler's default bound (crawler.settings)
    max_thread_pages: int = 0  # 0: the crawler's default bound
    full: bool = False
    cookies: str = ""
    include_boards: tuple[str, ...] = ()
    skip_boards: tuple[str, ...] = ()
    redis_url: str = ""
    workers: int = 2
    fetch_sources: bool = True
    no_throttle: bool = False
    extra: tuple[str, ...] = field(default=())
