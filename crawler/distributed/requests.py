"""Requests through Redis: a JSON codec (never pickle, never cookies) and the shared scheduler."""

from __future__ import annotations

import base64
import binascii
import json
import logging
import warnings
from typing import Any

from scrapy import Request
from scrapy.exceptions import ScrapyDeprecationWarning
from scrapy_redis.scheduler import Scheduler

from crawler.distributed.redis_keys import CrawlKeys

log = logging.getLogger(__name__)


# scrapy-redis 0.9.1 still calls APIs that Scrapy 2.13+ deprecates (Spider.log,
# stats with a spider argument); they work, and the warnings would be noise in
# every worker's log.
warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module="scrapy_redis")


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


def redis_settings(redis_url: str, keys: CrawlKeys) -> dict[str, Any]:
    """The scrapy-redis overlay of a worker's settings."""
    return {
        "SCHEDULER": "crawler.distributed.requests.SharedScheduler",
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
