"""What every engine page object takes and returns.

A page object is pure: a URL, the HTML and a `PageContext` in, items out. It
knows nothing of the network, the scheduler or the store, so it is tested
with saved pages alone. Spiders decide what to follow from what it returns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from parsel import Selector

from crawler.items import Post, Thread


class PageError(ValueError):
    """A page could not be read as the page kind its engine expected."""


@dataclass(frozen=True)
class PageContext:
    """What a page object needs besides the HTML."""

    forum: str  # the forum's key
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))


@dataclass(frozen=True)
class ThreadPage:
    thread: Thread
    posts: tuple[Post, ...]
    page_urls: tuple[str, ...]  # canonical URLs of every page of the thread


@dataclass(frozen=True)
class ThreadHint:
    """What a board list says of a thread, so a re-crawl can skip it unchanged."""

    posts: int | None = None  # number of posts (replies + 1)
    last_post_id: str | None = None


@dataclass(frozen=True)
class ListingPage:
    """A board index or a board's thread list."""

    board_urls: tuple[str, ...] = ()
    thread_urls: tuple[str, ...] = ()
    page_urls: tuple[str, ...] = ()  # other pages of the same listing
    # thread first-page URL -> what the list says of it (engines that show it)
    thread_hints: Mapping[str, ThreadHint] = field(default_factory=dict)


class Engine(Protocol):
    name: str

    def detect(self, url: str, sel: Selector) -> bool:
        """True when the page was rendered by this engine."""
        ...

    def canonical_url(self, url: str) -> str | None:
        """The URL without session ids and noise, or None if it is not a forum page to crawl."""
        ...

    def page_kind(self, url: str, sel: Selector) -> str | None:
        """'thread', 'listing' or None for pages that are neither."""
        ...

    def parse_thread(self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage: ...

    def parse_listing(self, url: str, sel: Selector) -> ListingPage: ...
