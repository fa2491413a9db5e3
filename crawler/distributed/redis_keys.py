"""Where a distributed crawl keeps its state in Redis: the keys, the settings, the connection."""

from __future__ import annotations

import dataclasses
import hashlib
import logging

import redis

log = logging.getLogger(__name__)


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
