"""Replay extraction from stored raw pages, without crawling again.

Raw pages are the truth (DESIGN: "Raw fetched pages are kept so that
extraction can be replayed when a page object improves"). Replaying runs the
page objects again over the `pages` table, for the forums the crawl runs
recorded (their start URL, forum key, engine and timezone come from
`crawl_runs`), and writes threads and posts as a crawl would: the same
typed-signature stripping, the same idempotent upserts, edits as versions.
Pages are parsed in forked worker processes (page objects are pure),
written by this one.
"""

from __future__ import annotations

import json
import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from itertools import islice
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from parsel import Selector

from crawler.decoding import page_text
from crawler.engines import PageContext, PageError, ThreadPage, detect_engine, get_engine
from crawler.pipelines import strip_typed_signatures
from provenance.store import Store
from provenance.store.parallel import map_batches

log = logging.getLogger(__name__)
PAGES_PER_BATCH = 32


@dataclass(frozen=True)
class ForumRun:
    """How a forum was crawled: what its pages need to be read again."""

    forum: str
    url: str
    engine: str = ""
    timezone: str = "UTC"

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc.lower()


@dataclass
class ReplaySummary:
    pages: int = 0
    thread_pages: int = 0
    unparsable: int = 0
    posts: dict[str, int] = field(default_factory=lambda: {"new": 0, "changed": 0, "unchanged": 0})


def forum_runs(store: Store, forum: str | None = None) -> list[ForumRun]:
    """The forums recorded in crawl_runs (latest settings per forum key)."""
    rows = store.query("SELECT settings FROM crawl_runs WHERE kind = 'forum' ORDER BY started_at")[
        1
    ]
    runs: dict[str, ForumRun] = {}
    for (settings,) in rows:
        data = json.loads(settings or "{}")
        if not data.get("forum") or not data.get("url"):
            continue
        runs[data["forum"]] = ForumRun(
            data["forum"], data["url"], data.get("engine") or "", data.get("timezone") or "UTC"
        )
    if forum is not None:
        if forum not in runs:
            known = ", ".join(sorted(runs)) or "none"
            raise ValueError(f"no crawl of forum {forum!r} is recorded (known: {known})")
        return [runs[forum]]
    return list(runs.values())


def parse_page(
    run: ForumRun, url: str, fetched_at: datetime, body: bytes
) -> ThreadPage | str | None:
    """A stored page read again: its ThreadPage, None for a non-thread page, or
    the reason it could not be read (a string)."""
    # as the spider reads it (crawler.decoding): the declared charset is not
    # stored, and UTF-8 with Windows-1252 for the bytes that are not UTF-8 reads
    # both kinds of page; mojibake repaired, characters lxml refuses removed
    sel = Selector(text=page_text(body, "utf-8"))
    try:
        engine = get_engine(run.engine) if run.engine else detect_engine(url, sel)
        if engine is None:
            from crawler.engines.generic import GENERIC

            engine = GENERIC
        if engine.page_kind(url, sel) != "thread":
            return None
        ctx = PageContext(forum=run.forum, fetched_at=fetched_at, timezone=ZoneInfo(run.timezone))
        return engine.parse_thread(url, sel, ctx)
    except PageError as exc:
        return f"{url}: {exc}"


def _parse_batch(run: ForumRun, pages: list[tuple[str, datetime, bytes]]) -> list[Any]:
    """`parse_page` of each stored (zlib-compressed) page of a batch."""
    return [parse_page(run, url, at, zlib.decompress(body)) for url, at, body in pages]


def replay(
    store: Store, forum: str | None = None, workers: int = 1, batch: int = PAGES_PER_BATCH
) -> ReplaySummary:
    """Read every stored page of the recorded forums again and store what it says.

    Pages are inflated and parsed `batch` at a time in `workers` forked processes
    (`provenance.store.parallel.map_batches`: in order, a few batches in flight,
    so memory stays flat), and written by this process.
    """
    summary = ReplaySummary()
    for run in forum_runs(store, forum):
        chunks = _chunks(store.raw_pages(run.host, "forum", compressed=True), batch)
        pending: list[ThreadPage] = []
        for results in map_batches(partial(_parse_batch, run), chunks, workers):
            for result in results:
                summary.pages += 1
                if isinstance(result, str):
                    summary.unparsable += 1
                    log.warning("cannot parse %s", result)
                elif result is not None:
                    summary.thread_pages += 1
                    pending.append(result)
                    if len(pending) >= 200:
                        _write(store, pending, summary)
                        pending = []
        _write(store, pending, summary)
    return summary


def _chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _write(store: Store, pages: list[ThreadPage], summary: ReplaySummary) -> None:
    if not pages:
        return
    with store.transaction():
        store.save_threads([p.thread for p in pages])
        posts = strip_typed_signatures(store, [post for p in pages for post in p.posts])
        for key, value in store.save_posts(posts).items():
            summary.posts[key] += value
