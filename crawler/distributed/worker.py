"""The worker side: heartbeats, shared thread progress, the distributed forum spider."""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
from collections.abc import AsyncIterator, Iterator
from typing import Any

import redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from twisted.internet.task import LoopingCall

from crawler.distributed.redis_keys import (
    STALE_AFTER,
    CrawlKeys,
    _text,
    connect,
    redis_time,
)
from crawler.distributed.requests import redis_settings
from crawler.items import Post
from crawler.runsettings import build_settings
from crawler.spiders.forum import ForumSpider, forum_key
from provenance.store import ThreadState

log = logging.getLogger(__name__)


# ------------------------------------------------------------- worker side
class WorkerCoordination:
    """Registers the worker, logs fetched URLs, and closes the spider only when
    the whole crawl is done (shared queue empty, no live worker busy)."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        prefix = settings.get("PROVENANCE_REDIS_PREFIX")
        if not prefix:
            raise ValueError("WorkerCoordination needs PROVENANCE_REDIS_PREFIX")
        self.crawler = crawler
        self.keys = CrawlKeys(prefix)
        self.server = connect(settings.get("REDIS_URL"))
        self.worker = f"{socket.gethostname()}-{os.getpid()}"
        self.idle_close = settings.getfloat("PROVENANCE_IDLE_CLOSE", 5.0)
        self.poll = settings.getfloat("PROVENANCE_REDIS_POLL", 0.5)
        self.seed_wait = settings.getfloat("PROVENANCE_SEED_WAIT", 300.0)
        self.opened_at = redis_time(self.server)
        self.quiet_since: float | None = None
        self.loop = LoopingCall(self.tick)
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.idle, signal=signals.spider_idle)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)
        crawler.signals.connect(self.fetched, signal=signals.response_received)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WorkerCoordination:
        return cls(crawler)

    def mark(self, state: str) -> None:
        self.server.hset(self.keys.workers, self.worker, f"{state} {redis_time(self.server)}")

    def opened(self, spider: Spider) -> None:
        spider.coordination = self  # type: ignore[attr-defined]
        self.mark("idle")
        self.loop.start(self.poll, now=False)

    def tick(self) -> None:
        engine = self.crawler.engine
        if engine is None:
            return
        try:
            idle = engine.spider_is_idle()
        except RuntimeError:  # the engine has no slot: not open yet, or closed
            return
        self.mark("idle" if idle else "busy")
        # Scrapy asks the scheduler for more only after a download or every
        # 5 s; other workers may have queued requests since, so ask now
        # whenever this worker has room for them.
        slot = getattr(engine, "_slot", None)
        if slot is not None and not engine.needs_backout():
            slot.nextcall.schedule()

    def idle(self) -> None:
        now = redis_time(self.server)
        if not self.server.exists(self.keys.seeded):
            if now - self.opened_at < self.seed_wait:
                raise DontCloseSpider
            log.error("no crawl was seeded within %.0f s: closing", self.seed_wait)
            return
        if self.server.zcard(self.keys.requests) or self._others_busy(now):
            self.quiet_since = None
            raise DontCloseSpider
        if self.quiet_since is None:
            self.quiet_since = now
        if now - self.quiet_since < self.idle_close:
            raise DontCloseSpider
        log.info("shared queue empty and no worker busy for %.1f s: closing", self.idle_close)

    def _others_busy(self, now: float) -> bool:
        for worker, value in self.server.hgetall(self.keys.workers).items():
            state, _, at = _text(value).partition(" ")
            if _text(worker) != self.worker and state == "busy" and now - float(at) < STALE_AFTER:
                return True
        return False

    def fetched(self, response: Response) -> None:
        self.server.hincrby(self.keys.fetched, response.url, 1)

    def closed(self) -> None:
        if self.loop.running:
            self.loop.stop()
        self.server.hdel(self.keys.workers, self.worker)


class DistributedForumSpider(ForumSpider):
    """The forum spider as a worker: no start request (the coordinator seeded
    the shared queue), thread states from Redis, progress published to Redis."""

    def __init__(self, worker: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.keys = CrawlKeys.for_forum(self.forum)
        self.authors: set[str] = set()
        self.run_settings = {**self.run_settings, "distributed": True, "worker": worker}

    async def start(self) -> AsyncIterator[Request]:
        if not self.full:
            self.states = load_states(self._server(), self.keys)
        nothing: tuple[Request, ...] = ()  # an async generator with nothing to start
        for request in nothing:
            yield request

    def _server(self) -> redis.Redis:
        return connect(self.settings.get("REDIS_URL"))

    def parse(self, response: Response) -> Iterator[Any]:
        for item in super().parse(response):
            if isinstance(item, Post) and item.author:
                self.authors.add(item.author)
            yield item

    def closed(self, reason: str) -> None:
        server = self._server()
        with server.pipeline(transaction=False) as pipe:
            for thread_id, pages in self.thread_pages.items():
                pipe.sadd(self.keys.threads, thread_id)
                for what, values in (
                    ("pages", pages),
                    ("parsed", self.pages_parsed[thread_id]),
                    ("seen", self.posts_seen[thread_id]),
                ):
                    if values:
                        pipe.sadd(self.keys.progress(what, thread_id), *values)
            if self.authors:
                pipe.sadd(self.keys.authors, *(json.dumps([self.forum, a]) for a in self.authors))
            pipe.execute()


def load_states(server: redis.Redis, keys: CrawlKeys) -> dict[str, ThreadState]:
    return {
        _text(url): ThreadState(**json.loads(value))
        for url, value in server.hgetall(keys.states).items()
    }


def run_worker(args: argparse.Namespace) -> int:
    """Crawl as one worker of a seeded crawl into the shard `args.db`; prints
    the worker's JSON summary last and returns the exit status."""

    forum = args.forum or forum_key(args.url)
    keys = CrawlKeys.for_forum(forum)
    settings = build_settings(args)
    overlay = redis_settings(args.redis_url, keys)
    # A worker takes from the shared queue only what it can fetch now (one
    # forum is one download slot); more would sit in its downloader while
    # other workers wait.
    overlay["CONCURRENT_REQUESTS"] = settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
    overlay["EXTENSIONS"] = {
        **settings.getdict("EXTENSIONS"),
        "crawler.distributed.worker.WorkerCoordination": 500,
    }
    for name, value in overlay.items():
        # above the project's settings, below --set, so a run can tune them
        settings.set(name, value, priority="spider")
    worker = f"{socket.gethostname()}-{os.getpid()}"
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(DistributedForumSpider)
    process.crawl(
        crawler,
        url=args.url,
        forum=args.forum,
        engine=args.engine,
        timezone=args.timezone,
        max_pages=args.max_pages,
        full=args.full,
        cookies_file=getattr(args, "cookies", ""),
        include_boards=getattr(args, "include_board", []),
        skip_boards=getattr(args, "skip_board", []),
        worker=worker,
    )
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    summary = {
        "spider": "forum",
        "worker": worker,
        "finish_reason": stats.get("finish_reason"),
        "requests": stats.get("downloader/request_count", 0),
        "responses": stats.get("downloader/response_count", 0),
        "errors": stats.get("log_count/ERROR", 0),
        **{k: v for k, v in stats.items() if str(k).startswith("provenance/")},
    }
    print(json.dumps(summary, sort_keys=True, default=str))
    return _status(summary)


def _status(summary: dict[str, Any]) -> int:
    if "provenance/start_failed" in summary:
        return 1
    return 0 if summary["finish_reason"] == "finished" else 1
