"""The forum spider: board index → boards (every page) → threads (every page).

It starts from a forum root, a board or a thread URL, detects the engine from
the first page (or takes the one named, or falls back to the generic page
object), and follows only what the page object says belongs to the forum:
boards, board pages, threads and thread pages, in their canonical form
(session ids stripped), so pagination loops and sorting links collapse into
the dupe filter.

Re-crawls are incremental: what is stored of each thread (its post count and
last post, derived from the stored posts) is compared with what the board
list says of it. An unchanged thread is not fetched; a changed one is
fetched from its last stored page on; a new one from its first page. A crawl
killed at any point therefore resumes by running again: whatever was not
stored is seen as missing and fetched.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from http.cookiejar import LoadError, MozillaCookieJar
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from parsel import Selector
from scrapy import Request, Spider
from scrapy.http import Response, TextResponse

from crawler.decoding import page_selector, readable
from crawler.engines import Engine, ListingPage, PageContext, PageError, detect_engine, get_engine
from crawler.engines.base import ThreadHint, ThreadPage
from crawler.engines.generic import GENERIC
from crawler.items import RawPage
from crawler.settings import PROVENANCE_MAX_PAGES, PROVENANCE_MAX_THREAD_PAGES
from crawler.storage import store_for
from provenance.store import ThreadState
from provenance.text.urls import normalise_url

log = logging.getLogger(__name__)


def forum_key(url: str) -> str:
    """A forum's default key: host (and port) plus the path of its script."""
    parts = urlsplit(url)
    return f"{parts.netloc.lower()}{parts.path}"


def load_cookies(path: str, host: str) -> dict[str, str]:
    """The cookies of a Netscape cookies.txt file that apply to `host`.

    Raises ValueError naming the file when it cannot be read.
    """
    jar = MozillaCookieJar(path)
    try:
        jar.load(ignore_discard=True, ignore_expires=True)
    except (OSError, LoadError) as exc:
        raise ValueError(f"cannot read cookies file {path!r}: {exc}") from exc
    return {
        c.name: c.value or ""
        for c in jar
        if host == c.domain.lstrip(".") or host.endswith("." + c.domain.lstrip("."))
    }


def _listed(value: str | list[str]) -> list[str]:
    if isinstance(value, list):
        return [v for v in value if v]
    return [v.strip() for v in value.split(",") if v.strip()]


def _board_matches(url: str, board: str) -> bool:
    """A board given as a URL matches that board (any page of it); given as an
    id, it matches the board whose URL carries that number as its id
    (`board=7.0`, `f=7`, `/forums/name.7/`, `/forum/7-name`, `/c/name/7`)."""
    if board.startswith(("http://", "https://")):
        return _board_base(normalise_url(url) or url) == _board_base(normalise_url(board) or board)
    pattern = rf"(?:board=|[?&;]f=|forumid=|[./-]){re.escape(board)}(?:\.\d+|[./-]|$|&|;)"
    return re.search(pattern, url) is not None


def _board_base(url: str) -> str:
    """A board URL without its page part (SMF `board=2.40` → `board=2`)."""
    return re.sub(r"(board=\d+)\.\d+", r"\1", url)


def _bool(value: str | bool) -> bool:
    return value if isinstance(value, bool) else value.lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class _Continuation:
    """What a revisited thread page links, kept until following reaches it."""

    engine: Engine
    thread_id: str
    url: str
    pages: list[str]


class ForumSpider(Spider):
    name = "forum"

    def __init__(
        self,
        url: str = "",
        forum: str = "",
        engine: str = "",
        timezone: str = "UTC",
        max_pages: str | int = PROVENANCE_MAX_PAGES,
        max_thread_pages: str | int = PROVENANCE_MAX_THREAD_PAGES,
        full: str | bool = False,
        cookies_file: str = "",
        include_boards: str | list[str] = "",
        skip_boards: str | list[str] = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if not url or urlsplit(url).scheme not in ("http", "https"):
            raise ValueError(f"forum spider needs an http(s) start url, got {url!r}")
        try:
            self.tz = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {timezone!r}") from exc
        self.start_url = url
        self.engine: Engine | None = get_engine(engine) if engine else None
        self.forum = forum or forum_key(url)
        self.max_pages = int(max_pages or 0)  # 0: no bound
        self.max_thread_pages = int(max_thread_pages or 0)
        # thread -> its page URLs stored or requested: what counts towards the cap
        self.thread_known: dict[str, set[str]] = defaultdict(set)
        self.capped_threads: set[str] = set()
        self.run_capped = False
        # A page requested as a revisit and also reached by following pagination
        # is fetched once (the dupe filter drops the second request), so the
        # following must go on from the revisit's response: revisit URL -> None
        # while it is on its way, or the thread pages it links once it was read;
        # and revisit URL -> incremental, for a following request that reached
        # it before its response did.
        self.revisits: dict[str, _Continuation | None] = {}
        self.followed_revisits: dict[str, bool] = {}
        self.full = _bool(full)
        self.host = urlsplit(url).netloc.lower()
        self.allowed_domains = [urlsplit(url).hostname or ""]
        self.states: dict[str, ThreadState] = {}
        # thread -> page URLs it has and page URLs parsed, and the post ids seen
        self.thread_pages: dict[str, set[str]] = defaultdict(set)
        self.pages_parsed: dict[str, set[str]] = defaultdict(set)
        self.posts_seen: dict[str, set[str]] = defaultdict(set)
        # member-only boards: cookies of a logged-in browser session (values
        # are sent to the forum only, never logged or stored)
        self.cookies: dict[str | bytes, Any] = {}
        if cookies_file:
            self.cookies.update(load_cookies(cookies_file, self.allowed_domains[0]))
        self.include_boards = _listed(include_boards)
        self.skip_boards = _listed(skip_boards)
        self.run_settings = {
            "cookies_file": cookies_file,
            "include_boards": self.include_boards,
            "skip_boards": self.skip_boards,
            "url": url,
            "forum": self.forum,
            "engine": engine,
            "timezone": timezone,
            "full": self.full,
            "max_pages": self.max_pages,
            "max_thread_pages": self.max_thread_pages,
        }

    async def start(self) -> AsyncIterator[Request]:
        revisit: list[str] = []
        if not self.full:
            store = store_for(self.settings.get("PROVENANCE_DB"))
            self.states = store.thread_states(self.forum)
            revisit = store.pages_to_revisit(
                self.forum,
                self.settings.getfloat("PROVENANCE_REVISIT_SHARE", 0.03),
                self.settings.getint("PROVENANCE_REVISIT_LEAST", 3),
            )
        if self.max_thread_pages:
            store = store_for(self.settings.get("PROVENANCE_DB"))
            self.thread_known.update(store.thread_page_urls(self.forum))
        yield Request(
            self.start_url, callback=self.parse, errback=self.failed, cookies=self.cookies
        )
        for url in revisit:
            if urlsplit(url).netloc.lower() == self.host and url != self.start_url:
                self.revisits[url] = None
                self.crawler.stats.inc_value("provenance/pages_revisited")
                yield Request(
                    url,
                    callback=self.parse,
                    errback=self.failed,
                    cookies=self.cookies,
                    meta={"revisit": url},
                    priority=-1,
                )

    def parse(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("provenance/not_html")
            log.warning("not an HTML page: %s", response.url)
            return
        fetched_at = datetime.now(UTC)
        yield RawPage(
            url=response.url,
            status=response.status,
            fetched_at=fetched_at,
            body=response.body,
            content_type=(response.headers.get("Content-Type") or b"").decode("latin-1"),
        )
        response = readable(response)
        sel, unread = page_selector(response)
        engine = self._engine(response, sel)
        if sel.type != "html" and not getattr(engine, "reads_json", False):
            # a JSON or plain-text answer (a rate limit, an error) to an HTML engine
            self.crawler.stats.inc_value("provenance/not_html")
            log.warning("not an HTML page (%s): %s", sel.type, response.url)
            return
        kind = engine.page_kind(response.url, sel)
        if kind == "thread":
            yield from self._thread(engine, response, sel, unread, fetched_at)
        elif kind == "listing":
            if unread:
                self.crawler.stats.inc_value("provenance/listing_pages_unread")
                log.warning("listing %s read in part: %s", response.url, unread)
            listing = engine.parse_listing(response.url, sel)
            yield from self._listing(engine, listing)
        else:
            self.crawler.stats.inc_value("provenance/unknown_page")
            log.warning("neither a thread nor a listing: %s", response.url)

    def _engine(self, response: TextResponse, sel: Selector) -> Engine:
        if self.engine is None:
            self.engine = detect_engine(response.url, sel)
        if self.engine is not None:
            return self.engine
        self.crawler.stats.inc_value("provenance/fallback_pages")
        log.info("no engine recognises %s: generic fallback", response.url)
        return GENERIC

    def _listing(self, engine: Engine, listing: ListingPage) -> Iterator[Request]:
        for url in listing.board_urls:
            if self._board_wanted(url):
                yield from self._follow(engine, url)
            else:
                self.crawler.stats.inc_value("provenance/boards_skipped")
        unchanged = 0
        for url in listing.thread_urls:
            decision = self._thread_decision(url, listing.thread_hints.get(url))
            self.crawler.stats.inc_value(f"provenance/threads_{decision}")
            if decision == "unchanged":
                unchanged += 1
            elif decision == "changed" and self.states[url].contiguous:
                state = self.states[url]
                yield from self._follow(engine, state.last_page_url, incremental=True)
            else:
                yield from self._follow(engine, url)
        # Board lists are sorted by last post: a page whose every thread is
        # unchanged means the pages after it hold older, unchanged threads.
        if listing.thread_urls and unchanged == len(listing.thread_urls):
            self.crawler.stats.inc_value("provenance/listing_pages_unchanged")
            return
        for url in listing.page_urls:
            yield from self._follow(engine, url)

    def _thread_decision(self, url: str, hint: ThreadHint | None) -> str:
        """'new', 'changed' or 'unchanged' for a thread listed on a board page.

        A changed thread is fetched from its last stored page on when the
        stored posts have no gap, else (a crawl killed while pages were stored
        out of order) from its first page.
        """
        state = self.states.get(url)
        if state is None:
            return "new"
        if hint is None or hint.posts is None:
            return "changed"  # nothing to compare: look at its last page
        if hint.posts == state.posts and hint.last_post_id in (None, state.last_post_id):
            return "unchanged"
        return "changed"

    def _thread(
        self,
        engine: Engine,
        response: TextResponse,
        sel: Selector,
        unread: str,
        fetched_at: datetime,
    ) -> Iterator[Any]:
        ctx = PageContext(forum=self.forum, fetched_at=fetched_at, timezone=self.tz)
        try:
            page = engine.parse_thread(response.url, sel, ctx)
        except PageError as exc:
            page = self._read_anyway(engine, response, sel, ctx, exc)
            if page is None:
                return
            engine = GENERIC
        self.crawler.stats.inc_value("provenance/thread_pages")
        page = self._checked(page, response, unread)
        thread_id = page.thread.thread_id
        self.thread_pages[thread_id].update(page.page_urls)
        self.thread_pages[thread_id].update(self._next_pages(engine, response.url, sel))
        if not page.skipped:
            # a page that lost posts does not show which posts vanished
            self.pages_parsed[thread_id].add(engine.canonical_url(response.url) or response.url)
        self.posts_seen[thread_id].update(p.post_id for p in page.posts)
        if not unread:  # a page read in part may lack its page links: a wrong page count
            yield page.thread
        yield from page.posts
        here = engine.canonical_url(response.url) or response.url
        incremental = bool(response.meta.get("incremental"))
        pages = list(page.page_urls)
        pages += [url for url in self._next_pages(engine, response.url, sel) if url not in pages]
        revisit = response.meta.get("revisit")
        if revisit:
            # read again for edits. Pagination goes on from it when following
            # asked for this page (the dupe filter dropped that request), or
            # like an incremental read from a thread's last stored page (a board
            # list may have asked for it)
            if revisit in self.followed_revisits:
                incremental = self.followed_revisits.pop(revisit)
            elif here in {state.last_page_url for state in self.states.values()}:
                incremental = True
            else:
                self.revisits[revisit] = _Continuation(engine, thread_id, response.url, pages)
                return
            self.revisits.pop(revisit, None)
        yield from self._follow_pages(engine, thread_id, response.url, pages, incremental)

    def _follow_pages(
        self, engine: Engine, thread_id: str, url: str, pages: list[str], incremental: bool
    ) -> Iterator[Request]:
        """Requests for the thread pages `pages` that a page of the thread at
        `url` links: after it only when `incremental`, within the thread's cap."""
        here = engine.canonical_url(url) or url
        if incremental:
            # only the pages after the last stored one can hold new posts
            pages = pages[pages.index(here) + 1 :] if here in pages else pages
        pages = self._within_thread_cap(engine, thread_id, url, pages)
        for page_url in pages:
            # a next page the engine has no spelling for is followed as the generic reader spells it
            spelling = engine if engine.canonical_url(page_url) else GENERIC
            yield from self._follow(spelling, page_url, incremental=incremental)

    def _read_anyway(
        self,
        engine: Engine,
        response: TextResponse,
        sel: Selector,
        ctx: PageContext,
        refusal: PageError,
    ) -> ThreadPage | None:
        """The page read by the generic extractor when `engine` refused it (its
        markup says thread but its URL is not one the engine knows: a forum
        installed under another path, SEO-rewritten addresses); None, logged
        and counted, when the generic extractor finds no post either."""
        stats = self.crawler.stats
        if engine is not GENERIC:
            page = GENERIC.parse_thread(response.url, sel, ctx)
            if page.posts:
                stats.inc_value("provenance/engine_refused_generic_read")
                log.info(
                    "%s refused %s (%s): read by the generic extractor",
                    engine.name,
                    response.url,
                    refusal,
                )
                return page
        stats.inc_value("provenance/unparsable_page")
        log.error("cannot parse %s: %s", response.url, refusal)
        return None

    def _next_pages(self, engine: Engine, url: str, sel: Selector) -> list[str]:
        """The next page a thread page declares (`rel="next"` on a link or an
        anchor), in `engine`'s spelling, so that pagination is followed whatever
        the page object made of the page's links."""
        found = []
        for href in sel.xpath(
            '//link[contains(concat(" ", normalize-space(@rel), " "), " next ")]/@href'
            '|//a[contains(concat(" ", normalize-space(@rel), " "), " next ")]/@href'
        ).getall():
            absolute = urljoin(url, href.strip())
            canonical = engine.canonical_url(absolute) or GENERIC.canonical_url(absolute)
            here = engine.canonical_url(url) or url
            if canonical and canonical != here and canonical not in found:
                found.append(canonical)
        return found

    def _checked(self, page: ThreadPage, response: TextResponse, unread: str) -> ThreadPage:
        """`page` without the last post read from a page read in part (`unread`
        says why: its body may be cut too); every skipped post and every post
        missing a field is logged and counted, so that nothing is dropped silently."""
        stats = self.crawler.stats
        if unread and page.posts:
            stats.inc_value("provenance/pages_read_in_part")
            cut = page.posts[-1]
            reason = f"post {cut.post_id} on {response.url} and what follows it: {unread}"
            page = replace(page, posts=page.posts[:-1], skipped=(*page.skipped, reason))
        for reason in page.skipped:
            stats.inc_value("provenance/skipped_posts")
            log.warning("skipped %s", reason)
        for field, missing in (("author", "author"), ("date", "posted_at")):
            count = sum(1 for post in page.posts if getattr(post, missing) is None)
            if count:
                stats.inc_value(f"provenance/posts_without_{field}", count)
                log.warning("%d post(s) without %s on %s", count, field, response.url)
        return page

    def _start_canonical(self) -> str:
        return normalise_url(self.start_url) or self.start_url

    def _board_wanted(self, url: str) -> bool:
        """Whether a board URL passes --include-board / --skip-board."""
        if self.include_boards:
            return any(_board_matches(url, b) for b in self.include_boards)
        return not any(_board_matches(url, b) for b in self.skip_boards)

    def complete_threads(self) -> dict[str, set[str]]:
        """Threads whose every page was parsed in this run, with the post ids seen."""
        return {
            thread_id: self.posts_seen[thread_id]
            for thread_id, pages in self.thread_pages.items()
            if pages and pages <= self.pages_parsed[thread_id]
        }

    def _follow(self, engine: Engine, url: str, incremental: bool = False) -> Iterator[Request]:
        canonical = engine.canonical_url(url)
        if not canonical or urlsplit(canonical).netloc.lower() != self.host:
            return
        if canonical in self.revisits:
            # requested already as a revisit: go on from its response
            read = self.revisits.pop(canonical)
            if read is None:
                earlier = self.followed_revisits.get(canonical, incremental)
                self.followed_revisits[canonical] = earlier and incremental
                self.revisits[canonical] = None
            else:
                yield from self._follow_pages(
                    read.engine, read.thread_id, read.url, read.pages, incremental
                )
            return
        stats = self.crawler.stats
        if self.max_pages and stats.get_value("downloader/request_count", 0) >= self.max_pages:
            if not self.run_capped:
                self.run_capped = True
                stats.set_value("provenance/run_page_cap_reached", self.max_pages)
                log.warning(
                    "page cap reached: %d requests (--max-pages / max_pages); "
                    "no more pages are followed in this run",
                    self.max_pages,
                )
            stats.inc_value("provenance/pages_over_run_cap")
            return
        yield Request(
            canonical,
            callback=self.parse,
            errback=self.failed,
            meta={"incremental": incremental},
        )

    def _within_thread_cap(
        self, engine: Engine, thread_id: str, here: str, urls: list[str]
    ) -> list[str]:
        """The page URLs of `urls` that stay within the thread's page cap: pages
        stored already (by earlier runs) or requested in this run count, so a
        thread capped once is not extended by the next run either."""
        if not self.max_thread_pages:
            return urls
        known = self.thread_known[thread_id]
        known.add(engine.canonical_url(here) or here)
        kept = []
        for url in urls:
            canonical = engine.canonical_url(url) or url
            if canonical not in known and len(known) >= self.max_thread_pages:
                self._thread_capped(thread_id)
                continue
            known.add(canonical)
            kept.append(url)
        return kept

    def _thread_capped(self, thread_id: str) -> None:
        stats = self.crawler.stats
        stats.inc_value("provenance/thread_pages_over_cap")
        if thread_id in self.capped_threads:
            return
        self.capped_threads.add(thread_id)
        stats.inc_value("provenance/threads_at_page_cap")
        log.warning(
            "thread %s: page cap reached (%d pages, --max-thread-pages / max_thread_pages); "
            "its later pages are not fetched",
            thread_id,
            self.max_thread_pages,
        )

    def failed(self, failure: Any) -> None:
        request = getattr(failure, "request", None)
        self.crawler.stats.inc_value("provenance/failed_requests")
        if request is not None and request.url in (self.start_url, self._start_canonical()):
            # nothing to crawl: the run fails instead of finishing empty
            self.crawler.stats.set_value("provenance/start_failed", str(failure.value)[:200])
        log.warning("failed %s: %s", getattr(request, "url", "?"), failure.value)
