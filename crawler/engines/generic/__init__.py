"""The generic fallback page object: forums whose engine nothing recognises.

When no engine recognises a page, the spider falls back to `GENERIC`. It
knows no markup; it relies on what every forum template does, one stage per
module:

- blocks.py: posts are sibling blocks that repeat, each with text and a
  profile link or a date; a repeated group whose rows link other threads or
  boards is a listing (listing.py), which is read for its links;
- body.py: the container of each block that holds the post's own text;
- quotes.py, posts.py: quoted replies, signatures, edit notes and labels out
  of the body, and the Post items;
- meta.py, dates.py: author, ids, permalink, position, dates read outside
  the body;
- urls.py: one spelling per page, non-pages refused, a thread's pages;
- thread.py: title, board, and trafilatura's main text as the last resort
  (post id `trafilatura-<hash>`, `Extraction.method == "trafilatura"`).

Nothing here raises on arbitrary HTML: a page with no posts gives none.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from parsel import Selector

from crawler.engines.base import ListingPage, PageContext, ThreadPage
from crawler.engines.generic import urls
from crawler.engines.generic.blocks import locate
from crawler.engines.generic.body import ChunkCache
from crawler.engines.generic.listing import listing
from crawler.engines.generic.posts import posts
from crawler.engines.generic.thread import board, title, trafilatura_post
from crawler.engines.generic.tree import root_of
from crawler.items import Post, Thread

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Extraction:
    """What the fallback found on a page, and how (for the run's stats)."""

    page: ThreadPage
    method: str  # "blocks" (repeated post blocks), "single", "trafilatura", "listing", "none"


class GenericForum:
    """Page object for any forum: repeated post blocks, found by structure."""

    name = "generic"

    def detect(self, url: str, sel: Selector) -> bool:
        return False  # the fallback is never detected: it is used when nothing else is

    def canonical_url(self, url: str) -> str | None:
        return urls.canonical_url(url)

    def page_kind(self, url: str, sel: Selector) -> str | None:
        """'thread' when post blocks are found (not the rows of a thread list),
        'listing' when the page links threads or boards, else None (also for URLs
        that are no forum page: profiles, login, search)."""
        root = root_of(sel)
        if root is None or urls.canonical_url(url) is None:
            return None
        _, found = locate(root, url, {})
        if found in ("blocks", "single"):
            return "thread"
        links = listing(url, root)
        return "listing" if links.thread_urls or links.board_urls else None

    def parse_thread(self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage:
        return self.extract(url, sel, ctx).page

    def extract(self, url: str, sel: Selector, ctx: PageContext) -> Extraction:
        """The thread page and the method that found its posts ("none" when none was found)."""
        root = root_of(sel)
        page_url = urls.canonical_url(url) or url
        own = urls.page_parts(page_url)
        pages = urls.page_urls(page_url, root, own) if root is not None else (page_url,)
        thread = Thread(
            forum=ctx.forum,
            thread_id=urls.thread_id(own.base),
            url=pages[0],
            title=title(root) if root is not None else "",
            board=board(root, page_url) if root is not None else None,
            page_count=len(pages),
            fetched_at=ctx.fetched_at,
        )
        if root is None:
            return Extraction(ThreadPage(thread, (), pages), "none")
        cache: ChunkCache = {}
        blocks, method = locate(root, url, cache)
        found: tuple[Post, ...]
        if blocks:
            found = posts(blocks, url, own, thread, ctx, cache)
        elif method == "none":
            found = trafilatura_post(sel, url, thread, ctx)
            method = "trafilatura" if found else "none"
        else:
            found = ()  # a list of threads, not posts
        if method != "blocks":
            log.info("generic fallback on %s: %s, %d post(s)", url, method, len(found))
        return Extraction(ThreadPage(thread=thread, posts=found, page_urls=pages), method)

    def parse_listing(self, url: str, sel: Selector) -> ListingPage:
        root = root_of(sel)
        return listing(url, root) if root is not None else ListingPage()


GENERIC = GenericForum()

__all__ = ["GENERIC", "Extraction", "GenericForum"]
