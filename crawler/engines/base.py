"""What every engine page object takes and returns.

A page object is pure: a URL, the HTML and a `PageContext` in, items out. It
knows nothing of the network, the scheduler or the store, so it is tested
with saved pages alone. Spiders decide what to follow from what it returns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

from parsel import Selector

from crawler.items import Post, Thread


class PageError(ValueError):
    """A page could not be read as the page kind its engine expected."""


class PostSkipped(PageError):
    """One post of a thread page cannot be read (no post id, no message); the
    page's other posts can. The message names the post and the page."""


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
    # one reason per post of the page that was left out (see PostSkipped)
    skipped: tuple[str, ...] = ()


Node = TypeVar("Node")


def read_posts(
    nodes: Iterable[Node], read: Callable[[int, Node], Post]
) -> tuple[tuple[Post, ...], tuple[str, ...]]:
    """The posts `read(index, node)` builds from a page's post nodes, and the
    reasons of the ones it skipped (raised as PostSkipped)."""
    posts: list[Post] = []
    skipped: list[str] = []
    for index, node in enumerate(nodes):
        try:
            posts.append(read(index, node))
        except PostSkipped as exc:
            skipped.append(str(exc))
    return tuple(posts), tuple(skipped)


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
    """A forum engine's page object.

    `sel` is the page as `crawler.decoding.page_selector` reads it: an HTML
    document, or for an engine whose class sets `reads_json = True` (an API
    such as Discourse's) a JSON answer too; the spider does not hand other
    engines what is not HTML. Any method may raise PageError, and no other
    exception, whatever the page holds.
    """

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
