"""The coordinator side: seed the frontier once, start and wait for workers, merge their shards."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import redis
from scrapy import Request
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue

from crawler.distributed.redis_keys import (
    STALE_AFTER,
    CrawlKeys,
    DistributedError,
    _text,
    connect,
    redis_time,
)
from crawler.distributed.requests import JsonRequestCodec
from crawler.distributed.worker import _status, run_worker
from crawler.spiders.forum import ForumSpider
from provenance.store import Store, StoreError
from provenance.text.tails import learn_tails, strip_tail

log = logging.getLogger(__name__)


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
