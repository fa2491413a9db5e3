"""Board indexes and thread lists, told apart from thread pages and read for links.

A thread list repeats too, and its rows carry a last poster and a date like
posts do; what gives it away is that most rows link another thread or board
of the forum (a post links its own thread), or that their main text is link
text (titles). A listing's links are sorted into boards, threads (first
pages only) and the other pages of the same listing.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from lxml.etree import _Element as Element

from crawler.engines.base import ListingPage
from crawler.engines.generic.body import ChunkCache, mostly_links
from crawler.engines.generic.meta import meta_elements
from crawler.engines.generic.urls import (
    BOARD_LINK,
    PERMALINK,
    PROFILE,
    THREAD_LINK,
    canonical_url,
    hrefs,
    page_parts,
    page_urls,
    same_thread,
    thread_of_post,
)


def is_listing(blocks: list[Element], url: str, cache: ChunkCache) -> bool:
    """Whether repeated `blocks` are the rows of a board index or thread list."""
    if mostly_links(blocks, cache):
        return True
    own = page_parts(canonical_url(url) or url)
    host = urlsplit(url).netloc.lower()
    rows = 0
    for block in blocks:
        for link in meta_elements(block, None, "a"):
            href = link.get("href") or ""
            if (
                len(" ".join(link.text_content().split())) < 8
                or not (THREAD_LINK.search(href) or BOARD_LINK.search(href))
                or PROFILE.search(href)
                or PERMALINK.search(href)
            ):
                continue
            target = canonical_url(urljoin(url, href))
            if target and urlsplit(target).netloc == host and not same_thread(target, own):
                rows += 1
                break
    return rows > len(blocks) / 2


def listing(url: str, root: Element) -> ListingPage:
    """The boards, threads (first pages) and other pages of the listing at `url`.

    A link is a thread when its URL says so (topic, thread, t=, ...) or when the
    page also links a post or a later page of it (a thread list's last-post and
    page links); else a board when its URL says so. Post permalinks that name
    no thread and later pages of other threads are left out.
    """
    here = canonical_url(url) or url
    own = page_parts(here)
    host = urlsplit(url).netloc.lower()
    candidates: list[tuple[str, str]] = []  # (first-page URL, its base)
    has_posts: set[str] = set()  # bases linked with a post anchor or a later page
    for href in hrefs(root):
        absolute = urljoin(url, href)
        target = canonical_url(absolute)
        if not target or urlsplit(target).netloc != host:
            continue
        part = page_parts(target)
        if part.base == own.base:
            continue  # this listing's own pages: page_urls below
        if part.value not in (None, 0, 1):
            has_posts.add(part.base)
        if PERMALINK.search(absolute):
            thread = thread_of_post(absolute)
            has_posts.add(page_parts(thread).base if thread else part.base)
        if part.value not in (None, 0, 1) or PERMALINK.search(target):
            continue  # a later page, or a post link that does not name its thread
        candidates.append((target, part.base))
    boards: dict[str, None] = {}
    threads: dict[str, None] = {}
    for target, base in candidates:
        if THREAD_LINK.search(target) or base in has_posts:
            threads[target] = None
        elif BOARD_LINK.search(target):
            boards[target] = None
    pages = tuple(u for u in page_urls(here, root, own) if u != here)
    return ListingPage(tuple(boards), tuple(threads), pages)
