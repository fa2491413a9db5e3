"""Live progress of a crawl: pages, items, requests per second, errors.

A forum crawl runs for minutes or hours as a subprocess whose standard output
carries only its JSON summary, so without this the user sees nothing between
the command and the summary line. This extension is the crawl's display: on a
terminal a rich progress line redrawn in place, otherwise (a pipe, a log file,
scrapyd) a plain line on standard error every PROVENANCE_PROGRESS_INTERVAL
seconds and every PROVENANCE_PROGRESS_PAGES pages, and one last line when the
spider closes, so that even a crawl shorter than the interval shows one.

It writes to standard error itself instead of logging: the CLI runs crawls at
LOG_LEVEL WARNING so that its output stays readable, and progress is not a
warning. PROVENANCE_PROGRESS: "auto" (the default), "lines" or "off"; a
crawl at LOG_LEVEL ERROR or above (`provenance -q`) shows none.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.items import Article, Post, SourcePage

MODES = ("auto", "lines", "off")
_ITEM_NAMES = {Post: "posts", Article: "articles", SourcePage: "sources"}


class CrawlProgress:
    """Counts responses and items by the crawler's signals and shows them."""

    def __init__(self, crawler: Crawler, stream: IO[str] | None = None) -> None:
        settings = crawler.settings
        mode = settings.get("PROVENANCE_PROGRESS", "auto")
        if mode not in MODES:
            raise ValueError(f"PROVENANCE_PROGRESS must be one of {MODES}, not {mode!r}")
        if mode == "off" or str(settings.get("LOG_LEVEL", "INFO")).upper() in ("ERROR", "CRITICAL"):
            raise NotConfigured  # without a message: Scrapy logs none
        self.crawler = crawler
        self.stream = stream or sys.stderr
        self.interval = settings.getfloat("PROVENANCE_PROGRESS_INTERVAL", 2.0)
        self.every_pages = settings.getint("PROVENANCE_PROGRESS_PAGES", 100)
        if self.interval <= 0 or self.every_pages <= 0:
            raise ValueError("PROVENANCE_PROGRESS_INTERVAL and _PAGES must be more than 0")
        self.live = mode == "auto" and self.stream.isatty()
        self.pages = 0
        self.items: dict[str, int] = {}
        self.started = time.monotonic()
        self.name = ""
        self._timer: task.LoopingCall | None = None
        self._rich: Any = None
        self._task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        progress = cls(crawler)
        crawler.signals.connect(progress.opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.closed, signal=signals.spider_closed)
        crawler.signals.connect(progress.response, signal=signals.response_received)
        crawler.signals.connect(progress.item, signal=signals.item_scraped)
        return progress

    # ----------------------------------------------------------------- signals
    def opened(self, spider: Any) -> None:
        self.name = spider.name
        self.started = time.monotonic()
        if self.live:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._rich = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
                transient=False,
            )
            self._task = self._rich.add_task(self.text())
            self._rich.start()
        else:
            self._timer = task.LoopingCall(self.show)
            self._timer.start(self.interval, now=False)

    def response(self, response: Any, request: Any, spider: Any) -> None:
        self.pages += 1
        if self.live:
            self._rich.update(self._task, description=self.text())
        elif self.pages % self.every_pages == 0:
            self.show()

    def item(self, item: Any, response: Any, spider: Any) -> None:
        name = _ITEM_NAMES.get(type(item))
        if name:
            self.items[name] = self.items.get(name, 0) + 1

    def closed(self, spider: Any, reason: str) -> None:
        if self._timer is not None and self._timer.running:
            self._timer.stop()
        if self.live:
            self._rich.update(self._task, description=self.text() + f", {reason}")
            self._rich.stop()
        else:
            self.show(reason)

    # ----------------------------------------------------------------- display
    def counts(self) -> dict[str, float]:
        """pages, items by kind, requests per second and errors so far."""
        stats = self.crawler.stats
        requests = stats.get_value("downloader/request_count", 0) if stats else 0
        errors = (
            stats.get_value("log_count/ERROR", 0) + stats.get_value("provenance/failed_requests", 0)
            if stats
            else 0
        )
        elapsed = max(time.monotonic() - self.started, 1e-3)
        return {"pages": self.pages, **self.items, "requests/s": requests / elapsed,
                "errors": errors}  # fmt: skip

    def text(self) -> str:
        """'forum: 12 pages, 45 posts, 3.1 requests/s, 0 errors'."""
        parts = [
            f"{value:.1f} {name}" if isinstance(value, float) else f"{value} {name}"
            for name, value in self.counts().items()
        ]
        return f"{self.name}: " + ", ".join(parts)

    def show(self, reason: str = "") -> None:
        """One plain progress line on the stream."""
        end = f" ({reason})" if reason else ""
        self.stream.write(f"progress {self.text()}{end}\n")
        self.stream.flush()
