"""Item validation and the hand-off to the DuckDB store.

Items are buffered and written in batches (one Arrow batch per table); the
run itself is recorded in `crawl_runs` with the crawl's stats, so that every
run can be audited later.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import Post, RawPage, SourcePage, Thread
from crawler.storage import close_all, store_for

log = logging.getLogger(__name__)


class ValidationPipeline:
    """Refuse items that would store a wrong row; the reason is logged and counted."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidationPipeline:
        return cls(crawler)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        problem = _problem(item)
        if problem:
            if self.stats:
                self.stats.inc_value(f"provenance/dropped/{problem}")
            raise DropItem(f"{type(item).__name__} dropped: {problem}")
        return item


def _problem(item: Any) -> str | None:
    if isinstance(item, Post):
        if not item.forum or not item.thread_id or not item.post_id:
            return "post_without_key"
        if item.posted_at is not None and item.posted_at.tzinfo is None:
            return "naive_timestamp"
    elif isinstance(item, Thread):
        if not item.forum or not item.thread_id:
            return "thread_without_key"
    elif isinstance(item, SourcePage | RawPage):
        if not item.url:
            return "page_without_url"
    else:
        return "unknown_item_type"
    return None


class StorePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db = crawler.settings.get("PROVENANCE_DB")
        self.batch_size = crawler.settings.getint("PROVENANCE_BATCH_SIZE", 500)
        self.buffer: dict[type, list[Any]] = defaultdict(list)
        self.counts: dict[str, int] = defaultdict(int)
        self.run_id = ""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        name = spider.name if spider else "crawl"
        self.run_id = f"{name}-{uuid.uuid4().hex[:12]}"
        settings = {"spider": name, **getattr(spider, "run_settings", {})}
        store_for(self.db).start_run(self.run_id, name, settings)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        self.buffer[type(item)].append(item)
        if sum(len(v) for v in self.buffer.values()) >= self.batch_size:
            self.flush()
        return item

    def flush(self) -> None:
        store = store_for(self.db)
        threads = self.buffer.pop(Thread, [])
        posts = self.buffer.pop(Post, [])
        pages = self.buffer.pop(RawPage, [])
        sources = self.buffer.pop(SourcePage, [])
        if threads:
            store.save_threads(threads)
        if posts:
            for key, value in store.save_posts(posts).items():
                self.counts[f"posts_{key}"] += value
        if pages:
            store.save_pages(pages)
            self.counts["pages"] += len(pages)
        if sources:
            store.save_sources(sources)
            self.counts["sources"] += len(sources)

    def close_spider(self, spider: Spider | None = None) -> None:
        try:
            self.flush()
            stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
            reason = str(stats.get("finish_reason", "finished"))
            summary = {
                **self.counts,
                "requests": stats.get("downloader/request_count", 0),
                "responses": stats.get("downloader/response_count", 0),
                "errors": stats.get("log_count/ERROR", 0),
                **{k: v for k, v in stats.items() if str(k).startswith("provenance/")},
            }
            store_for(self.db).finish_run(self.run_id, reason, summary)
            if self.crawler.stats:
                for key, value in self.counts.items():
                    self.crawler.stats.set_value(f"provenance/stored/{key}", value)
        finally:
            close_all()
