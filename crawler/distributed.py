"""One forum crawled by several worker processes (or machines) sharing Redis.

`python -m crawler.runner forum --redis-url URL --workers N ...` runs the forum
spider on scrapy-redis: the frontier (scheduler queue) and the dupe filter
live in Redis, so each page is fetched by one worker only.

Why shards and a merge: DuckDB lets one process write a file at a time, so
each worker writes its own shard, `<db>.worker-<n>.duckdb` (same schema, via
`Store.open`), with the ordinary store pipeline; when the workers are done the
coordinator upserts the shards into the main database (`Store.merge_from`,
idempotent on the tables' natural keys) and deletes them. A Redis item queue
drained by one writer would have serialised every write through one process
and kept items only in memory while Redis holds them; shards keep the write
path of a single-process crawl, survive a dead coordinator (a shard left
behind is merged by the next run), and let a worker on another machine write
locally and ship its shard (`python -m crawler.distributed merge DB SHARD...`).

Why seeding: start requests bypass the dupe filter, so workers yield none;
the coordinator starts the workers, waits until they are registered, then
pushes the start request into the shared queue once and marks it in the dupe
filter. Workers wait for that seed, then pop work until the crawl is done:
a worker closes only when the queue has stayed empty, and no other live
worker was busy, for `PROVENANCE_IDLE_CLOSE` seconds (each worker publishes
busy/idle with a timestamp in a Redis hash). A worker is busy from the pop of
a request until its follow-ups are queued, so a worker that closes early only
costs parallelism, never pages.

What is shared through Redis besides the frontier: the thread states of the
main database (read once by the coordinator, so incremental re-crawls work
and a remote worker needs no copy of the database); each worker's thread
progress (pages listed, pages parsed, post ids seen), so that a thread whose
pages were split across workers still has its vanished posts marked after
the merge; the authors of stored posts, whose typed signatures are learned
again over the merged posts (a worker sees only its share of an author's
posts); and a log of fetched URLs, from which the coordinator counts pages
fetched twice. Requests go to Redis as JSON, not pickle, and never with
cookies: each worker attaches the cookies of its own `--cookies` file.

Not supported, or different from one process: `--max-pages` counts per
worker; each worker fetches robots.txt once; a worker killed mid-crawl loses
the requests it had popped (scrapy-redis has no acknowledgement): run the
crawl again, its incremental state sees what is missing; two crawls of one
forum on one Redis at the same time are refused; shards of remote workers
merged with `merge` get no vanished-post marking and no typed-signature
relearning (the Redis side of that is gone once the coordinator finishes).
"""

from __future__ import annotations

import argparse
import base64
import binascii
import dataclasses
import hashlib
import json
import logging
import os
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.exceptions import DontCloseSpider, ScrapyDeprecationWarning
from scrapy.http import Response
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from crawler.items import Post
from crawler.spiders.forum import ForumSpider, forum_key
from provenance.store import Store, StoreError, ThreadState
from provenance.tails import learn_tails, strip_tail

log = logging.getLogger(__name__)

# scrapy-redis 0.9.1 still calls APIs that Scrapy 2.13+ deprecates (Spider.log,
# stats with a spider argument); they work, and the warnings would be noise in
# every worker's log.
warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module="scrapy_redis")

# A worker whose heartbeat is older than this is taken for dead.
STALE_AFTER = 30.0


class DistributedError(Exception):
    """Redis cannot be reached, or another crawl of the forum is running on it."""


# ------------------------------------------------------------------- keys
@dataclasses.dataclass(frozen=True)
class CrawlKeys:
    """The Redis keys of one forum's crawl; every worker derives the same ones."""

    prefix: str

    @classmethod
    def for_forum(cls, forum: str) -> CrawlKeys:
        # hashed: a forum key may hold '%' or ':', which scrapy-redis or a reader would misread
        return cls("provenance:" + hashlib.sha1(forum.encode("utf-8")).hexdigest()[:16])

    @property
    def requests(self) -> str:
        return f"{self.prefix}:requests"

    @property
    def dupefilter(self) -> str:
        return f"{self.prefix}:dupefilter"

    @property
    def workers(self) -> str:
        """Hash: worker id -> "busy|idle <unix time>"."""
        return f"{self.prefix}:workers"

    @property
    def fetched(self) -> str:
        """Hash: URL -> times fetched, over all workers."""
        return f"{self.prefix}:fetched"

    @property
    def states(self) -> str:
        """Hash: thread URL -> JSON ThreadState of the main database."""
        return f"{self.prefix}:states"

    @property
    def threads(self) -> str:
        return f"{self.prefix}:threads"

    @property
    def authors(self) -> str:
        return f"{self.prefix}:authors"

    @property
    def seeded(self) -> str:
        """Set once the start request is queued: workers wait for it."""
        return f"{self.prefix}:seeded"

    def progress(self, what: str, thread_id: str) -> str:
        """The set of `what` (pages, parsed, seen) of a thread."""
        return f"{self.prefix}:{what}:{thread_id}"


def redis_settings(redis_url: str, keys: CrawlKeys) -> dict[str, Any]:
    """The scrapy-redis overlay of a worker's settings."""
    return {
        "SCHEDULER": "crawler.distributed.SharedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": keys.requests,
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter,
        "SCHEDULER_SERIALIZER": JsonRequestCodec,
        # a worker that closes first must not flush the others' frontier:
        # the coordinator deletes the keys once every worker is done
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_FLUSH_ON_START": False,
        # no blocking pop: it would stall the reactor; WorkerCoordination waits
        "SCHEDULER_IDLE_BEFORE_CLOSE": 0,
        "REDIS_URL": redis_url,
        "PROVENANCE_REDIS_PREFIX": keys.prefix,
        "PROVENANCE_IDLE_CLOSE": 5.0,
        "PROVENANCE_SEED_WAIT": 300.0,
        "PROVENANCE_REDIS_POLL": 0.5,
    }


def connect(redis_url: str) -> redis.Redis:
    """A client for `redis_url`; raises DistributedError when it does not answer."""
    try:
        server = redis.Redis.from_url(redis_url, socket_connect_timeout=10, decode_responses=True)
        server.ping()
    except (redis.RedisError, ValueError) as exc:
        raise DistributedError(f"cannot reach Redis at {_safe(redis_url)}: {exc}") from exc
    return server


def redis_time(server: redis.Redis) -> float:
    """Redis's clock: workers on several machines compare heartbeats on one clock."""
    seconds, micros = server.time()
    return float(seconds) + micros / 1e6


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    _, sep, tail = url.rpartition("@")
    return f"{url.split('://')[0]}://***@{tail}" if sep else url


# ------------------------------------------------------------ requests
class JsonRequestCodec:
    """Requests in Redis as JSON (bytes and non-string dict keys tagged), not
    pickle: whoever can write to Redis must not be able to run code on workers."""

    @staticmethod
    def dumps(obj: dict[str, Any]) -> str:
        if "_class" in obj:
            raise TypeError(f"only plain Requests are shared, got {obj['_class']}")
        return json.dumps(_encode(obj), separators=(",", ":"))

    @staticmethod
    def loads(data: bytes | str) -> dict[str, Any]:
        """The request dict; raises ValueError for anything but a plain request."""
        try:
            obj = _decode(json.loads(data))
        except (KeyError, TypeError, binascii.Error) as exc:
            raise ValueError(f"not a shared request: {exc}") from exc
        if not isinstance(obj, dict) or "_class" in obj:
            raise ValueError("not a shared plain request")
        return obj


def _encode(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$b": base64.b64encode(value).decode("ascii")}
    if isinstance(value, dict):
        return {"$d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot share a {type(value).__name__} in a request: {value!r}")


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "$b" in value:
            return base64.b64decode(value["$b"])
        return {_decode(k): _decode(v) for k, v in value["$d"]}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


class SharedScheduler(Scheduler):
    """scrapy-redis's scheduler; a worker is marked busy as soon as it pops,
    and cookies stay out of Redis (each worker holds them from `--cookies`)."""

    def enqueue_request(self, request: Request) -> bool:
        if request.cookies or b"Cookie" in request.headers:
            headers = {k: v for k, v in request.headers.items() if k != b"Cookie"}
            request = request.replace(cookies={}, headers=headers)
        return bool(super().enqueue_request(request))

    def next_request(self) -> Request | None:
        request: Request | None = super().next_request()
        if request is None:
            return None
        coordination = getattr(self.spider, "coordination", None)
        if coordination is not None:
            coordination.mark("busy")
        cookies = getattr(self.spider, "cookies", None)
        if cookies:
            request = request.replace(cookies=dict(cookies))
        return request


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


# -------------------------------------------------------- coordinator side
def seed(server: redis.Redis, keys: CrawlKeys, spider: ForumSpider) -> None:
    """Push the start request into the shared queue once, marked in the dupe filter."""
    request = Request(spider.start_url, callback=spider.parse, errback=spider.failed)
    if RFPDupeFilter(server, keys.dupefilter).request_seen(request):
        raise DistributedError(f"{spider.start_url} was already queued: stale keys?")
    PriorityQueue(server, spider, keys.requests, serializer=JsonRequestCodec).push(request)
    server.set(keys.seeded, "1")


def wait_for_workers(
    server: redis.Redis, keys: CrawlKeys, procs: list[subprocess.Popen[str]], timeout: float
) -> None:
    """Return once every local worker is registered (so that all of them start
    with the crawl), one has exited, or `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while server.hlen(keys.workers) < len(procs) and time.monotonic() < deadline:
        if any(proc.poll() is not None for proc in procs):
            return
        time.sleep(0.05)


def reset(server: redis.Redis, keys: CrawlKeys) -> None:
    """Delete the keys of a finished or dead crawl; refuse while one is running."""
    now = redis_time(server)
    for worker, value in server.hgetall(keys.workers).items():
        at = float(_text(value).partition(" ")[2] or 0)
        if now - at < STALE_AFTER:
            raise DistributedError(
                f"worker {_text(worker)} is crawling this forum on this Redis now"
            )
    delete_keys(server, keys)


def delete_keys(server: redis.Redis, keys: CrawlKeys) -> None:
    for key in server.scan_iter(match=f"{keys.prefix}:*", count=1000):
        server.delete(key)


def shard_path(db: str, n: int) -> str:
    return f"{db}.worker-{n}.duckdb"


def merge_shards(
    store: Store, shards: list[str], server: redis.Redis | None, keys: CrawlKeys, forum: str
) -> dict[str, int]:
    """Merge `shards` into `store` and delete them; then, from what the workers
    published to Redis, mark vanished posts and learn typed signatures again.

    Returns the stored counts of the merged crawl (posts_new, posts_changed, ...).
    """
    counts: dict[str, int] = {}
    for shard in shards:
        rows = store.merge_from(shard)
        for key in ("posts_new", "posts_changed", "posts_unchanged"):
            counts[key] = counts.get(key, 0) + rows[key]
        for suffix in ("", ".wal"):
            Path(shard + suffix).unlink(missing_ok=True)
        log.info("merged %s: %d post(s)", shard, rows["posts"])
    if server is None:
        return counts
    authors = [tuple(json.loads(a)) for a in server.smembers(keys.authors)]
    counts["typed_signatures_learned"] = relearn_typed_signatures(store, authors)
    vanished = 0
    for raw in server.smembers(keys.threads):
        thread_id = _text(raw)
        pages, parsed, seen = (
            {_text(v) for v in server.smembers(keys.progress(what, thread_id))}
            for what in ("pages", "parsed", "seen")
        )
        if pages and pages <= parsed:
            vanished += store.mark_vanished(forum, thread_id, sorted(seen))
    counts["posts_vanished"] = vanished
    return counts


def relearn_typed_signatures(store: Store, authors: list[tuple[str, ...]]) -> int:
    """Strip the known typed signatures of these authors from their stored posts,
    then learn new ones over all their stored posts (each worker saw only its
    share of them). Returns the number of tails learned."""
    learned: list[tuple[str, str, str]] = []
    for forum, author in sorted({(a[0], a[1]) for a in authors}):
        tails = store.typed_tails([(forum, author)]).get((forum, author), [])
        posts = [
            (thread_id, post_id, body or "", signature or "")
            for thread_id, post_id, body, signature, _ in store.posts_of(forum, author)
        ]
        new = [
            t for t in learn_tails([strip_tail(p[2], tails)[0] for p in posts]) if t not in tails
        ]
        rows = []
        for thread_id, post_id, body, signature in posts:
            # as the store pipeline does: known tails first, then the new ones
            known_stripped, known_tail = strip_tail(body, tails)
            stripped, new_tail = strip_tail(known_stripped, new)
            for tail in (known_tail, new_tail):
                if tail:
                    signature = f"{signature}\n{tail}" if signature else tail
            if known_tail or new_tail:
                rows.append((thread_id, post_id, stripped, signature))
        with store.transaction():
            store.update_bodies(forum, rows)
            learned += [(forum, author, t) for t in new]
    if learned:
        store.save_typed_tails(learned)
    return len(learned)


def coordinate(args: argparse.Namespace, argv: list[str]) -> int:
    """Seed the crawl, run `args.workers` local workers, merge their shards.

    Prints the crawl's JSON summary last (as crawler.runner does) and returns
    the exit status. Raises DistributedError (Redis) or StoreError (database).
    """
    if args.workers < 1:
        raise DistributedError(f"--workers must be at least 1, got {args.workers}")
    spider = ForumSpider(url=args.url, forum=args.forum, engine=args.engine, timezone=args.timezone)
    keys = CrawlKeys.for_forum(spider.forum)
    server = connect(args.redis_url)
    reset(server, keys)
    shards = [shard_path(args.db, n) for n in range(1, args.workers + 1)]
    with Store.open(args.db) as store:
        leftovers = [s for s in shards if Path(s).exists()]
        if leftovers:  # a crawl that died before its merge: keep its work
            log.warning("merging %d shard(s) left by an earlier crawl", len(leftovers))
            merge_shards(store, leftovers, None, keys, spider.forum)
        states = {} if args.full else store.thread_states(spider.forum)
    if states:
        server.hset(
            keys.states,
            mapping={url: json.dumps(dataclasses.asdict(s)) for url, s in states.items()},
        )
    started = time.monotonic()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "crawler.runner", *argv, "--db", shard, "--join"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for shard in shards
    ]
    try:
        wait_for_workers(server, keys, procs, timeout=60.0)
        seed(server, keys, spider)
    except BaseException:
        for proc in procs:  # they would wait for a seed that never comes
            proc.terminate()
        raise
    workers = [_worker_summary(proc) for proc in procs]
    crawled = time.monotonic()
    with Store.open(args.db) as store:
        stored = merge_shards(
            store, [s for s in shards if Path(s).exists()], server, keys, spider.forum
        )
    fetched = {_text(k): int(v) for k, v in server.hgetall(keys.fetched).items()}
    delete_keys(server, keys)
    summary = _combine(workers, stored, fetched)
    summary["provenance/distributed/crawl_seconds"] = round(crawled - started, 2)
    summary["provenance/distributed/merge_seconds"] = round(time.monotonic() - crawled, 2)
    print(json.dumps(summary, sort_keys=True, default=str))
    return _status(summary)


def _worker_summary(proc: subprocess.Popen[str]) -> dict[str, Any]:
    out, _ = proc.communicate()
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if not lines:
        return {"finish_reason": f"worker exited {proc.returncode}", "requests": 0}
    summary: dict[str, Any] = json.loads(lines[-1])
    return summary


def _combine(
    workers: list[dict[str, Any]], stored: dict[str, int], fetched: dict[str, int]
) -> dict[str, Any]:
    reasons = {w.get("finish_reason") for w in workers}
    total: dict[str, Any] = {
        "spider": "forum",
        "finish_reason": "finished" if reasons == {"finished"} else ",".join(map(str, reasons)),
    }
    for worker in workers:
        for key, value in worker.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                total[key] = total.get(key, 0) + value
            elif key == "provenance/start_failed":
                total[key] = value
    for key, value in stored.items():
        total[f"provenance/stored/{key}"] = value
    pages = {url: n for url, n in fetched.items() if not url.endswith("/robots.txt")}
    total["provenance/distributed/workers"] = len(workers)
    total["provenance/distributed/duplicate_fetches"] = sum(n - 1 for n in pages.values() if n > 1)
    total["workers"] = [
        {k: w.get(k) for k in ("worker", "finish_reason", "requests", "responses")}
        | {"pages": w.get("provenance/stored/pages", 0)}
        for w in workers
    ]
    return total


def run_worker(args: argparse.Namespace) -> int:
    """Crawl as one worker of a seeded crawl into the shard `args.db`; prints
    the worker's JSON summary last and returns the exit status."""
    from crawler.runner import build_settings

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
        "crawler.distributed.WorkerCoordination": 500,
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


def main(args: argparse.Namespace, argv: list[str]) -> int:
    """`crawler.runner forum --redis-url`: a worker with --join, else the coordinator."""
    try:
        return run_worker(args) if args.join else coordinate(args, argv)
    except (DistributedError, StoreError) as exc:
        print(f"crawler.distributed: error: {exc}", file=sys.stderr)
        return 2


def merge_main(argv: list[str] | None = None) -> int:
    """`python -m crawler.distributed merge DB SHARD...`: merge shards written
    by workers on other machines (`--join --db SHARD`) into DB."""
    parser = argparse.ArgumentParser(prog="python -m crawler.distributed")
    sub = parser.add_subparsers(dest="command", required=True)
    merge = sub.add_parser("merge", help="upsert worker shards into a database, then delete them")
    merge.add_argument("db")
    merge.add_argument("shards", nargs="+")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        with Store.open(args.db) as store:
            counts = merge_shards(store, args.shards, None, CrawlKeys(""), "")
    except StoreError as exc:
        print(f"crawler.distributed: error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(counts, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(merge_main())
