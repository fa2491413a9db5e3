"""Records the store hands to the stages, and the small helpers that make keys."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime

log = logging.getLogger(__name__)


def now() -> datetime:
    return datetime.now(UTC)


def content_hash(*parts: str | None) -> str:
    """A short stable hash of text parts, used as a version and identity key."""
    digest = hashlib.sha256("\x1f".join(p or "" for p in parts).encode("utf-8"))
    return digest.hexdigest()[:24]


@dataclass(frozen=True)
class PostRecord:
    """A stored post as the analysis stages read it."""

    forum: str
    thread_id: str
    post_id: str
    permalink: str
    thread_title: str
    author: str | None
    posted_at: datetime | None
    body: str
    cited_urls: tuple[str, ...]
    content_hash: str = ""

    @property
    def key(self) -> str:
        """One string naming the post, for state tables and the linker."""
        return f"{self.forum}\x1f{self.thread_id}\x1f{self.post_id}"


@dataclass(frozen=True)
class ThreadState:
    """What is stored of a thread, for incremental re-crawls."""

    posts: int
    last_post_id: str
    last_page_url: str
    max_position: int = -1

    @property
    def contiguous(self) -> bool:
        """True when the stored posts are positions 0..posts-1 with no gap: a
        crawl can then go on from the last stored page."""
        return self.max_position + 1 == self.posts


@dataclass(frozen=True)
class SourceRecord:
    url: str
    final_url: str
    domain: str
    official: bool
    title: str
    published: str | None
    body: str


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        log.warning("not an ISO date: %r", value)
        return None


def _published(value: str | None) -> tuple[datetime | None, bool]:
    """A stored publication time from an item's ISO 8601 text: (timestamp, has_time).
    A date alone, or a time with no zone, is kept as that day's midnight UTC, flagged."""
    day = _iso_date(value)
    if day is None or value is None:
        return None, False
    if len(value) > 10:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return moment.astimezone(UTC), True
    return datetime(day.year, day.month, day.day, tzinfo=UTC), False


def iso_time_sql(column: str) -> str:
    """SQL text of `column` (a TIMESTAMPTZ; the connection's zone is UTC) as ISO 8601
    with its offset written in full, '2026-01-08T16:04:17+00:00', as every JSON output
    writes times (a CAST to VARCHAR would give '2026-01-08 16:04:17+00')."""
    return f"strftime({column}, '%Y-%m-%dT%H:%M:%S+00:00')"


# A source's publication time as report and stage text: ISO 8601 with the zone when the
# time is known, the date alone when not (the alias of `sources` is `src`).
PUBLISHED_TEXT = (
    "CASE WHEN src.published_has_time THEN strftime(src.published, '%Y-%m-%dT%H:%M:%S+00:00') "
    "ELSE strftime(src.published, '%Y-%m-%d') END"
)


def _domain(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:  # a cited URL that is not one (an unclosed IPv6 bracket)
        return ""
