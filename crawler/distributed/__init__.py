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

from crawler.distributed.coordinator import main, merge_main

__all__ = ["main", "merge_main"]
