"""Forum dates as aware datetimes.

Forums print dates as text in the forum's own timezone (a setting of the
forum, not in the page), and recent ones relative to "now": "Today at
09:12 AM", "Yesterday at ...". Known formats are tried first (fast and
unambiguous); dateparser handles the rest. Newer engines also carry
machine-readable dates in attributes: ISO 8601 and Unix timestamps.
Some print the timezone they render in ("All times are GMT -5", "All times
are UTC - 5 hours [ DST ]", phpBB's zone name in a title): `page_context`
reads it, and it wins over the configured timezone for that page.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dateparser
from parsel import Selector

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


_TIMES_ARE = re.compile(
    r"all times are\s+(?:in\s+)?(?:GMT|UTC)\s*(?:(?P<sign>[+\-−–])\s*(?P<h>\d{1,2})"
    r"(?::(?P<m>\d{2})|\.(?P<frac>\d+))?(?:\s*hours?)?)?\s*(?P<dst>\[\s*DST\s*\])?",
    re.IGNORECASE,
)


def page_timezone(sel: Selector) -> tzinfo | None:
    """The timezone a page says its times are in, or None when it says nothing:
    a zone name in the notice's title (phpBB 3.1+), else its offset from GMT/UTC,
    one hour more with "[DST]" (vBulletin 3, phpBB 2 and 3.0)."""
    for notice in sel.xpath('//*[contains(text(), "times are")]'):
        for name in notice.xpath(".//@title").getall():
            try:
                return ZoneInfo(name.strip().replace(" ", "_"))
            except (ZoneInfoNotFoundError, ValueError):
                continue
        shown = " ".join(" ".join(notice.xpath(".//text()").getall()).split())
        found = _TIMES_ARE.search(shown)
        if found:
            return _fixed_zone(found)
    return None


def _fixed_zone(found: re.Match[str]) -> tzinfo:
    minutes = int(found.group("h") or 0) * 60 + int(found.group("m") or 0)
    if found.group("frac"):  # phpBB 2's "GMT + 5.5 Hours"
        minutes += round(float("0." + found.group("frac")) * 60)
    if found.group("sign") and found.group("sign") != "+":
        minutes = -minutes
    if found.group("dst"):
        minutes += 60
    if minutes % 60 == 0 and abs(minutes) <= 12 * 60:
        hours = minutes // 60
        # the Etc zones' signs are POSIX's: Etc/GMT+5 is five hours behind GMT
        return ZoneInfo("Etc/GMT" + (f"{-hours:+d}" if hours else ""))
    return timezone(timedelta(minutes=minutes))


def page_context(ctx: PageContext, sel: Selector) -> PageContext:
    """`ctx` with the timezone the page says it renders in, where it says one."""
    zone = page_timezone(sel)
    return replace(ctx, timezone=zone) if zone is not None else ctx  # type: ignore[arg-type]
