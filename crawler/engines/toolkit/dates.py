"""Forum dates as aware datetimes.

Forums print dates as text in the forum's own timezone (a setting of the
forum, not in the page), and recent ones relative to "now": "Today at
09:12 AM", "Yesterday at ...". Known formats are tried first (fast and
unambiguous); dateparser handles the rest. Newer engines also carry
machine-readable dates in attributes: ISO 8601 and Unix timestamps.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import dateparser

from crawler.engines.base import PageContext

log = logging.getLogger(__name__)

_RELATIVE_DAY = re.compile(r"^\s*(today|yesterday)\b(?:\s+at)?\s*,?\s*(.*)$", re.IGNORECASE)
_TIME_FORMATS = ("%I:%M:%S %p", "%I:%M %p", "%H:%M:%S", "%H:%M")
# The longest date a forum prints ("Wednesday, September 30, 2026, 11:58:12 PM") is
# far shorter; longer text is a broken page whose markup swallowed the post, and
# dateparser would spend seconds on it (and might find a wrong date in it).
MAX_DATE_CHARS = 100


def parse_forum_date(
    text: str, ctx: PageContext, formats: Sequence[str] = (), day_first: bool = False
) -> datetime | None:
    """Parse `text` as shown by a forum into an aware datetime, or None if it is no date.

    Relative dates are resolved against `ctx.fetched_at` in `ctx.timezone`;
    numeric dates that no format matched are read day-first when the
    forum's locale writes them so (`day_first`), month-first otherwise.
    """
    text = " ".join(text.split())
    if not text:
        return None
    if len(text) > MAX_DATE_CHARS:
        log.debug("not a date (%d characters): %.60r...", len(text), text)
        return None
    tz = ctx.timezone
    relative = _RELATIVE_DAY.match(text)
    if relative:
        day = ctx.fetched_at.astimezone(tz).date()
        if relative.group(1).lower() == "yesterday":
            day -= timedelta(days=1)
        clock = _parse_clock(relative.group(2))
        if clock is None:
            return None
        return datetime.combine(day, clock, tzinfo=tz)
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=tz)
        except ValueError:
            continue
    parsed = dateparser.parse(
        text,
        settings={
            "TIMEZONE": str(tz),
            "RETURN_AS_TIMEZONE_AWARE": True,
            "RELATIVE_BASE": ctx.fetched_at.astimezone(tz).replace(tzinfo=None),
            "PREFER_DATES_FROM": "past",
            "DATE_ORDER": "DMY" if day_first else "MDY",
        },
    )
    if parsed is None:
        log.debug("not a date: %r", text)
    return parsed


def _parse_clock(text: str) -> time | None:
    text = text.strip()
    for fmt in _TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt).time()
        except ValueError:
            continue
    return None


def iso_datetime(value: str | None, tz: ZoneInfo | None) -> datetime | None:
    """An aware datetime from an ISO 8601 attribute ("Z" is UTC), or None. A value
    without offset is in `tz`; with `tz` None it is not trusted (None)."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        return parsed
    return parsed.replace(tzinfo=tz) if tz is not None else None


def unix_datetime(value: str | None, scale: int = 1) -> datetime | None:
    """An aware UTC datetime from a Unix timestamp attribute (in seconds, or
    milliseconds with `scale` 1000), or None."""
    value = (value or "").strip()
    if not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value) / scale if scale != 1 else int(value), UTC)
