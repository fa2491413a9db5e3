"""Board lists: the boards, threads and pages a listing links to, and its hints.

Engines sort a listing's links by their own URL shapes; collecting them
without duplicates and reading the thread rows' counters (for incremental
re-crawls) is the same everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from parsel import Selector

from crawler.engines.base import ListingPage, ThreadHint
from crawler.engines.toolkit.text import to_int
from crawler.engines.toolkit.urls import absolute


class Links:
    """The links a listing page sorts into boards, threads and other pages,
    each kept once, in page order."""

    def __init__(self) -> None:
        self.boards: list[str] = []
        self.threads: list[str] = []
        self.pages: list[str] = []

    @staticmethod
    def _add(bucket: list[str], url: str | None) -> None:
        if url and url not in bucket:
            bucket.append(url)

    def board(self, url: str | None) -> None:
        self._add(self.boards, url)

    def thread(self, url: str | None) -> None:
        self._add(self.threads, url)

    def page(self, url: str | None) -> None:
        self._add(self.pages, url)

    def listing(
        self, hints: dict[str, ThreadHint] | None = None, pages: tuple[str, ...] | None = None
    ) -> ListingPage:
        """The listing page (`pages` instead of the collected pages when given)."""
        return ListingPage(
            board_urls=tuple(self.boards),
            thread_urls=tuple(self.threads),
            page_urls=tuple(self.pages) if pages is None else pages,
            thread_hints=hints or {},
        )


def row_hints(
    sel: Selector,
    url: str,
    rows: str,
    link: Callable[[Selector], str | None],
    canonical: Callable[[str], str | None],
    read: Callable[[Selector], ThreadHint],
) -> dict[str, ThreadHint]:
    """What each thread row of a board list (`rows`, CSS) says of its thread,
    keyed by the canonical URL of the row's `link`: the rows whose link is no
    thread are left out."""
    hints = {}
    for row in sel.css(rows):
        href = link(row)
        target = canonical(absolute(url, href)) if href else None
        if target:
            hints[target] = read(row)
    return hints


def last_match(hrefs: list[str], pattern: re.Pattern[str]) -> str | None:
    """Group 1 of `pattern` in the last of `hrefs` it matches, or None."""
    found = None
    for href in hrefs:
        match = pattern.search(href)
        if match:
            found = match.group(1)
    return found


def hint(replies: int | None, last_post_id: str | None = None) -> ThreadHint:
    """A thread's hint from its reply count (posts = replies + 1)."""
    return ThreadHint(posts=replies + 1 if replies is not None else None, last_post_id=last_post_id)


@dataclass(frozen=True)
class HintColumns:
    """Where a board list's thread rows show their counters (CSS selectors).

    `replies` selects the text holding the reply count (group 1 of `count`);
    `last` the links to the last post, whose id is group 1 of `last_id`.
    """

    rows: str
    link: str
    replies: str
    count: re.Pattern[str]
    last: str = ""
    last_id: re.Pattern[str] | None = None

    def read(
        self, sel: Selector, url: str, canonical: Callable[[str], str | None]
    ) -> dict[str, ThreadHint]:
        """The hint of each thread row, keyed by the thread's canonical URL."""
        return row_hints(sel, url, self.rows, self._link, canonical, self._hint)

    def _link(self, row: Selector) -> str | None:
        return row.css(f"{self.link}::attr(href)").get()

    def _hint(self, row: Selector) -> ThreadHint:
        found = self.count.search(" ".join(row.css(self.replies).getall()))
        last = None
        if self.last and self.last_id is not None:
            last = last_match(row.css(f"{self.last}::attr(href)").getall(), self.last_id)
        return hint(to_int(found.group(1)) if found else None, last)
