"""The forum spider: board index → boards (every page) → threads (every page).

It starts from a forum root, a board or a thread URL, detects the engine from
the first page (or takes the one named), and follows only what the engine's
page object says belongs to the forum: boards, board pages, threads and
thread pages, in their canonical form (session ids stripped), so pagination
loops and sorting links collapse into the dupe filter.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scrapy import Request, Spider
from scrapy.http import Response, TextResponse

from crawler.engines import Engine, PageContext, PageError, detect_engine, get_engine
from crawler.items import RawPage

log = logging.getLogger(__name__)


def forum_key(url: str) -> str:
    """A forum's default key: host (and port) plus the path of its script."""
    parts = urlsplit(url)
    return f"{parts.netloc.lower()}{parts.path}"


class ForumSpider(Spider):
    name = "forum"

    def __init__(
        self,
        url: str = "",
        forum: str = "",
        engine: str = "",
        timezone: str = "UTC",
        max_pages: str | int = 0,
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
        self.max_pages = int(max_pages or 0)
        self.host = urlsplit(url).netloc.lower()
        self.allowed_domains = [urlsplit(url).hostname or ""]
        self.run_settings = {
            "url": url,
            "forum": self.forum,
            "engine": engine,
            "timezone": timezone,
        }

    async def start(self) -> AsyncIterator[Request]:
        yield Request(self.start_url, callback=self.parse, errback=self.failed)

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
        engine = self.engine or detect_engine(response.url, response.selector)
        if engine is None:
            self.crawler.stats.inc_value("provenance/unknown_engine")
            log.error("no engine recognises %s; name one with --engine", response.url)
            return
        self.engine = engine
        kind = engine.page_kind(response.url, response.selector)
        if kind == "thread":
            yield from self._thread(engine, response, fetched_at)
        elif kind == "listing":
            listing = engine.parse_listing(response.url, response.selector)
            for url in (*listing.page_urls, *listing.board_urls, *listing.thread_urls):
                yield from self._follow(engine, url)
        else:
            self.crawler.stats.inc_value("provenance/unknown_page")
            log.warning("neither a thread nor a listing: %s", response.url)

    def _thread(
        self, engine: Engine, response: TextResponse, fetched_at: datetime
    ) -> Iterator[Any]:
        ctx = PageContext(forum=self.forum, fetched_at=fetched_at, timezone=self.tz)
        try:
            page = engine.parse_thread(response.url, response.selector, ctx)
        except PageError as exc:
            self.crawler.stats.inc_value("provenance/unparsable_page")
            log.error("cannot parse %s: %s", response.url, exc)
            return
        self.crawler.stats.inc_value("provenance/thread_pages")
        yield page.thread
        yield from page.posts
        for url in page.page_urls:
            yield from self._follow(engine, url)

    def _follow(self, engine: Engine, url: str) -> Iterator[Request]:
        canonical = engine.canonical_url(url)
        if not canonical or urlsplit(canonical).netloc.lower() != self.host:
            return
        if (
            self.max_pages
            and self.crawler.stats.get_value("downloader/request_count", 0) >= self.max_pages
        ):
            return
        yield Request(canonical, callback=self.parse, errback=self.failed)

    def failed(self, failure: Any) -> None:
        request = getattr(failure, "request", None)
        self.crawler.stats.inc_value("provenance/failed_requests")
        log.warning("failed %s: %s", getattr(request, "url", "?"), failure.value)
