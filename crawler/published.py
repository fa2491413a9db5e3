"""When a page says it was published: the time of day and zone where the markup gives
them, else only the date.

A release's hour matters: a repost one hour after a 10:00 release is not "16 h later",
which is what a bare date read as midnight would say. The structured marks a page
carries are read first, in the order publishers fill them most reliably: the
`article:published_time` meta property (and its `datePublished`/`date` siblings), a
JSON-LD `datePublished`, the first `<time datetime>` with a time of day. Only when none
of them has a time and a zone does htmldate's search give the date, and the result says
so: a date is never dressed up as a midnight timestamp.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from htmldate import find_date
from parsel import Selector

log = logging.getLogger(__name__)

__all__ = ["Published", "published"]

_META = (
    "meta[property='article:published_time']::attr(content)",
    "meta[name='article:published_time']::attr(content)",
    "meta[itemprop='datePublished']::attr(content)",
    "meta[name='datePublished']::attr(content)",
    "meta[name='pubdate']::attr(content)",
    "meta[name='date']::attr(content)",
)


@dataclass(frozen=True)
class Published:
    """A publication time: `moment` in UTC, and whether the page gave its time of day
    (False: only the date is known and `moment` is that day's midnight UTC)."""

    moment: datetime
    has_time: bool

    def iso(self) -> str:
        """'2026-01-08T15:00:00+00:00' with a time of day, '2026-01-08' without."""
        return self.moment.isoformat() if self.has_time else self.moment.date().isoformat()


def _parse(value: object) -> Published | None:
    """A zoned ISO 8601 time from markup, or None (a time without a zone is ambiguous:
    it counts as a date)."""
    if not isinstance(value, str) or len(value.strip()) < 10:
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            day = date.fromisoformat(text[:10])
        except ValueError:
            return None
        return Published(datetime(day.year, day.month, day.day, tzinfo=UTC), False)
    if len(text) <= 10 or moment.tzinfo is None:
        return Published(datetime(moment.year, moment.month, moment.day, tzinfo=UTC), False)
    return Published(moment.astimezone(UTC), True)


def _json_ld(sel: Selector) -> list[Any]:
    values: list[Any] = []
    for script in sel.css("script[type='application/ld+json']::text").getall():
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                if "datePublished" in node:
                    values.append(node["datePublished"])
                stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
    return values


def published(html: str, url: str | None = None) -> Published | None:
    """When the page `html` says it was published, or None when it does not say."""
    sel = Selector(text=html)
    candidates: list[Any] = [sel.css(q).get() for q in _META]
    candidates += _json_ld(sel)
    candidates += sel.css("time[datetime]::attr(datetime)").getall()[:3]
    found = [p for p in map(_parse, candidates) if p is not None]
    timed = next((p for p in found if p.has_time), None)
    if timed is not None:
        return timed
    if found:
        return found[0]
    day = find_date(html, url=url, original_date=True, extensive_search=True)
    return _parse(day) if day else None
