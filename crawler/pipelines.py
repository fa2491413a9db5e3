"""Item validation and the hand-off to the DuckDB store.

Items are buffered and written in batches (one Arrow batch per table); the
run itself is recorded in `crawl_runs` with the crawl's stats, so that every
run can be audited later.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import socket
import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

from crawler.items import Article, Post, RawPage, SourcePage, Thread
from crawler.storage import close_all, store_for
from provenance.store import Store
from provenance.text.tails import learn_tails, strip_tail

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
    elif isinstance(item, SourcePage | RawPage | Article):
        if not item.url:
            return "page_without_url"
    else:
        return "unknown_item_type"
    return None


def strip_typed_signatures(store: Store, posts: list[Post]) -> list[Post]:
    """Move signatures typed into bodies (a tail repeated across an author's
    posts, see provenance.text.tails) into the signature field.

    Tails learned before (stored per forum and author) are applied first;
    then new tails are learned from these posts together with the author's
    stored ones, saved, and stripped from the stored posts as well.
    """
    authors = sorted({(p.forum, p.author) for p in posts if p.author})
    known = store.typed_tails(authors)
    stored = store.author_bodies(authors)
    by_author: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, post in enumerate(posts):
        if post.author:
            by_author[(post.forum, post.author)].append(i)
    out = list(posts)
    learned: list[tuple[str, str, str]] = []
    for key, indexes in by_author.items():
        tails = list(known.get(key, []))
        for i in indexes:
            out[i] = _without_tail(out[i], tails)
        in_batch = {(out[i].thread_id, out[i].post_id) for i in indexes}
        others = [body for t, p, body in stored.get(key, []) if (t, p) not in in_batch]
        new = [t for t in learn_tails([out[i].body for i in indexes] + others) if t not in tails]
        if not new:
            continue
        learned += [(key[0], key[1], t) for t in new]
        for i in indexes:
            out[i] = _without_tail(out[i], new)
        rows = []
        for thread_id, post_id, body, signature, _ in store.posts_of(*key):
            stripped, tail = strip_tail(body or "", new)
            if tail:
                rows.append((thread_id, post_id, stripped, _join(signature, tail)))
        store.update_bodies(key[0], rows)
    if learned:
        store.save_typed_tails(learned)
        log.info("learned %d typed signature(s)", len(learned))
    return out


def _without_tail(post: Post, tails: list[str]) -> Post:
    body, tail = strip_tail(post.body, tails)
    if not tail:
        return post
    return dataclasses.replace(post, body=body, signature=_join(post.signature, tail))


def _join(signature: str | None, tail: str) -> str:
    return f"{signature}\n{tail}" if signature else tail


class StorePipeline:
    """Buffer items and write them in batches; record the run in `crawl_runs`.

    A write that fails (a full disk, a database error) ends the run: the crawl
    is stopped, nothing more is written, and the run is recorded as 'failed'
    with the reason and the counts of what was stored before (each batch is one
    transaction, so what was stored stays whole). The stats carry the reason
    as `provenance/store_failed`, and the runner exits non-zero on it.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db = crawler.settings.get("PROVENANCE_DB")
        self.batch_size = crawler.settings.getint("PROVENANCE_BATCH_SIZE", 500)
        self.flush_seconds = crawler.settings.getfloat("PROVENANCE_FLUSH_SECONDS", 10.0)
        self.last_flush = time.monotonic()
        self.buffer: dict[type, list[Any]] = defaultdict(list)
        self.counts: dict[str, int] = defaultdict(int)
        self.run_id = ""
        self.failure = ""  # why a store write failed; '' while none has

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        name = spider.name if spider else "crawl"
        self.run_id = f"{name}-{uuid.uuid4().hex[:12]}"
        settings = {"spider": name, **getattr(spider, "run_settings", {})}
        store = store_for(self.db)
        mark_interrupted_runs(store)
        store.start_run(self.run_id, name, settings)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if self.failure:
            raise DropItem(f"{type(item).__name__} not stored: the store failed ({self.failure})")
        self.buffer[type(item)].append(item)
        buffered = sum(len(v) for v in self.buffer.values())
        if buffered >= self.batch_size or time.monotonic() - self.last_flush >= self.flush_seconds:
            try:
                self.flush()
            except Exception as exc:  # any failed write ends the run, recorded as failed
                self._failed(exc, stop=True)
        return item

    def flush(self) -> None:
        self.last_flush = time.monotonic()
        store = store_for(self.db)
        threads = self.buffer.pop(Thread, [])
        posts = self.buffer.pop(Post, [])
        pages = self.buffer.pop(RawPage, [])
        sources = self.buffer.pop(SourcePage, [])
        articles = self.buffer.pop(Article, [])
        counts: dict[str, int] = defaultdict(int)
        # one transaction: a thread's state is derived from its stored posts,
        # so a crawl killed mid-write must store all of a batch or none of it
        with store.transaction():
            if threads:
                store.save_threads(threads)
            if posts:
                posts = strip_typed_signatures(store, posts)
                for key, value in store.save_posts(posts).items():
                    counts[f"posts_{key}"] += value
            if pages:
                store.save_pages(pages)
                counts["pages"] += len(pages)
            if sources:
                store.save_sources(sources)
                counts["sources"] += len(sources)
            if articles:
                for key, value in store.save_posts(as_posts(articles), kind="article").items():
                    counts[f"articles_{key}"] += value
        # counted once committed: the run's counts say what is stored
        for key, value in counts.items():
            self.counts[key] += value

    def _failed(self, exc: BaseException, stop: bool) -> None:
        """Record the first failed write; with `stop`, end the crawl."""
        if self.failure:
            return
        self.failure = f"{type(exc).__name__}: {exc}"[:500]
        log.error("store write failed, the run stops: %s", self.failure)
        if self.crawler.stats:
            self.crawler.stats.set_value("provenance/store_failed", self.failure)
        engine = self.crawler.engine
        if not stop or engine is None:
            return
        close = getattr(engine, "close_spider_async", None)
        if close is not None:
            deferred_from_coro(close(reason="store_failed"))
        elif self.crawler.spider is not None:
            engine.close_spider(self.crawler.spider, "store_failed")

    def _mark_vanished(self, spider: Spider | None) -> None:
        """Posts missing from a thread whose every page was fetched are marked."""
        complete = getattr(spider, "complete_threads", None)
        if complete is None:
            return
        store = store_for(self.db)
        forum = getattr(spider, "forum", "")
        for thread_id, seen in complete().items():
            vanished = store.mark_vanished(forum, thread_id, sorted(seen))
            if vanished:
                self.counts["posts_vanished"] += vanished
                log.info("thread %s: %d post(s) vanished", thread_id, vanished)

    def close_spider(self, spider: Spider | None = None) -> None:
        try:
            if not self.failure:
                try:
                    self.flush()
                    self._mark_vanished(spider or self.crawler.spider)
                except Exception as exc:  # the last batch failed: the run failed
                    self._failed(exc, stop=False)
            self._finish()
        finally:
            try:
                close_all()
            except Exception as exc:  # closing writes the last checkpoint: it can fail too
                self._failed(exc, stop=False)

    def _finish(self) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        status = "failed" if self.failure else str(stats.get("finish_reason", "finished"))
        summary = {
            **self.counts,
            "requests": stats.get("downloader/request_count", 0),
            "responses": stats.get("downloader/response_count", 0),
            "errors": stats.get("log_count/ERROR", 0),
            **{k: v for k, v in stats.items() if str(k).startswith("provenance/")},
        }
        if self.crawler.stats:
            for key, value in self.counts.items():
                self.crawler.stats.set_value(f"provenance/stored/{key}", value)
        try:
            store_for(self.db).finish_run(self.run_id, status, summary, self.failure or None)
        except Exception as exc:  # the row stays 'running'; a later run marks it interrupted
            log.error("the run could not be recorded as %s: %s", status, exc)
            self._failed(exc, stop=False)


def mark_interrupted_runs(store: Store) -> list[str]:
    """Mark the runs of this host left 'running' by a process that is gone as
    'interrupted' (killed, or the machine stopped); returns their ids."""
    host = socket.gethostname()
    gone = []
    for run_id, pid in store.running_runs(host):
        if _alive(pid):
            continue
        store.mark_interrupted(run_id, f"process {pid} on {host} ended before the run finished")
        log.warning("run %s was interrupted (its process %d is gone)", run_id, pid)
        gone.append(run_id)
    return gone


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def as_posts(articles: Sequence[Article]) -> list[Post]:
    """Articles as documents of kind 'article' stored next to the posts: forum =
    the site's host, thread_id = the article URL, post_id 'article'."""
    return [
        Post(
            forum=a.site,
            thread_id=a.url,
            post_id="article",
            permalink=a.url,
            thread_title=a.title,
            position=0,
            author=a.author,
            author_id=None,
            posted_at=a.published,
            body=a.text,
            cited_urls=a.cited_urls,
            page_url=a.url,
            fetched_at=a.fetched_at,
        )
        for a in articles
    ]
