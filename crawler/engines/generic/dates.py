"""When a post was written and edited, read without knowing the engine.

Machine-readable dates come first (`time[datetime]`, epoch `data-timestamp`,
a full date in a `title`), then date-looking text in the block outside the
body, skipping labels such as "Joined:" and keeping "edited" ones as the edit
date. Text dates go through crawler/engines/toolkit/dates.py for the common forum
spellings and "Today at", and through dateparser, in the page's language, for
the rest ("2 hours ago", other languages).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

import dateparser
from lxml.etree import _Element as Element

from crawler.engines.base import PageContext
from crawler.engines.generic.meta import meta_text
from crawler.engines.generic.tree import tag, text
from crawler.engines.toolkit.dates import parse_forum_date

_NOT_POST_META = re.compile(  # a label right before a date that is not the post's
    r"(?:joined|join date|registered|member since|last (?:visit|active|seen|login)|birthday"
    r"|local time|since)\s*:?\s*(?:\w{3}\s+)?$",
    re.IGNORECASE,
)
EDIT_WORD = re.compile(r"\bedit|\bmodified|\bupdated", re.IGNORECASE)
_EDITOR_AFTER = re.compile(r"^\s*by[:\s]+([^\s«»,;:()|]+?)[.,;)]*(?:\s|$)", re.IGNORECASE)
_EDITOR_ANY = re.compile(r"\bby[:\s]+([^\s«»,;:()|]+?)[.,;)]*(?:\s|$)", re.IGNORECASE)
_EDITOR_BEFORE = re.compile(r"\bedited by[:\s]+([^\s«»,;:()|]+)", re.I)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
# an ISO date and time with its offset, as some templates print it in a title
# ("2026-02-16 08:05:00+00:00 +1100": the instant, then the viewer's offset)
_ISO_STAMP = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
)
CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_CLOCK = (
    r"(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\b\.?)?|\d{1,2}\s*[ap]\.m\.|\d{1,2}\s*[ap]m\b"
    r"|noon|midnight)"
)
_AT_CLOCK = rf"(?:(?:,|\s+at|\s+-|,?\s+@)?\s+{_CLOCK})?"
DATE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}{_AT_CLOCK}"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}{_AT_CLOCK}"
    rf"|\b\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?)?"
    rf"|\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}{_AT_CLOCK}"
    rf"|\b(?:today|yesterday)(?:\s+at)?,?\s+{_CLOCK}"
    r"|\b\d+\s+(?:second|minute|min|hour|day|week|month|year)s?\s+ago\b",
    re.IGNORECASE,
)
_DATE_FORMATS = (  # tried before dateparser: the common forum spellings, after text_date
    "%B %d, %Y, %I:%M:%S %p", "%B %d, %Y, %I:%M %p", "%b %d, %Y, %I:%M:%S %p",
    "%b %d, %Y, %I:%M %p", "%b %d, %Y %I:%M %p", "%B %d, %Y %I:%M %p", "%a %b %d, %Y %I:%M %p",
    "%m-%d-%Y, %I:%M %p", "%m-%d-%Y %I:%M %p", "%m/%d/%Y, %I:%M %p", "%m/%d/%Y %I:%M %p",
    "%d %B %Y %H:%M", "%d %b %Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%B %d, %Y",
    "%b %d, %Y",
)  # fmt: skip


@dataclass(frozen=True)
class Clock:
    """What reading a date needs: the page context and the page's languages."""

    ctx: PageContext
    languages: tuple[str, ...] = ("en",)


def languages(root: Element) -> tuple[str, ...]:
    """The page's language (`<html lang>`) and English, for dateparser: trying every
    language on a string that is no date takes dateparser a second."""
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    code = lang.split("-")[0].strip().lower()
    return tuple(dict.fromkeys([code, "en"] if code.isalpha() and len(code) <= 3 else ["en"]))


def post_dates(
    block: Element, body: Element, meta: list[Element], clock: Clock
) -> tuple[datetime | None, datetime | None, str | None]:
    """When the post was written, and when and by whom it was edited, where shown
    (None where not): machine-readable dates first, then date-looking text outside
    the body."""
    posted_at = edited_at = None
    editor: str | None = None
    for el in meta:
        if not has_machine_date(el):
            continue
        parent = el.getparent() if el is not block else None
        context = " ".join((parent if parent is not None else el).text_content().split())[:80]
        when = machine_date(el, clock)
        if when is None or re.match(r"\s*(?:joined|registered|member since)", context, re.I):
            continue
        if el is not block and EDIT_WORD.search(context):
            if edited_at is None:
                edited_at = when
                who = _EDITOR_BEFORE.search(context) or _EDITOR_ANY.search(context)
                editor = editor_name(who.group(1)) if who else None
        elif posted_at is None:
            posted_at = when
    around = meta_text(block, body)
    for match in DATE.finditer(around):
        before = around[max(0, match.start() - 40) : match.start()]
        if _NOT_POST_META.search(before[-25:]):
            continue
        if EDIT_WORD.search(before):
            if edited_at is None:
                edited_at = text_date(match.group(0), clock)
                who = _EDITOR_AFTER.search(around[match.end() :]) or _EDITOR_BEFORE.search(before)
                editor = editor_name(who.group(1)) if who else None
        elif posted_at is None:
            posted_at = text_date(match.group(0), clock)
    if posted_at is None and body is block:
        found = DATE.search(text(block))
        posted_at = text_date(found.group(0), clock) if found else None
    return posted_at, edited_at, editor


def editor_name(word: str) -> str | None:
    """An editor's name, not the article of "edited by a moderator"."""
    return None if word.lower() in ("a", "an", "the") else word


def has_machine_date(el: Element) -> bool:
    return (
        tag(el) == "time"
        or bool(el.get("data-timestamp") or el.get("data-time") or el.get("datetime"))
        or _is_title_date(el.get("title") or "")
    )


def _is_title_date(title: str) -> bool:
    """A full date and time in a title attribute (shown as "2 hours ago" or a day)."""
    if _ISO.match(title):
        return True
    found = DATE.fullmatch(title.strip())
    return bool(found) and bool(CLOCK_TIME.search(title))


def machine_date(el: Element, clock: Clock) -> datetime | None:
    """The date an element carries in its attributes (or a `<time>`'s text), or None."""
    for name in ("datetime", "data-datetime", "title"):
        value = (el.get(name) or "").strip()
        if name == "title" and value and not _ISO.match(value):
            if _is_title_date(value):
                return text_date(value, clock)
            continue
        if value:
            stamp = _ISO_STAMP.match(value)
            try:
                parsed = datetime.fromisoformat(
                    (stamp.group(0) if stamp else value).replace("Z", "+00:00")
                )
            except ValueError:
                return text_date(value, clock)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=clock.ctx.timezone)
    for name in ("data-timestamp", "data-time"):
        value = (el.get(name) or "").strip()
        if value.isdigit():
            seconds = int(value) / (1000 if len(value) > 11 else 1)
            try:
                return datetime.fromtimestamp(seconds, UTC)
            except (OverflowError, OSError, ValueError):
                return None
    return text_date(el.text_content(), clock) if tag(el) == "time" else None


def text_date(value: str, clock: Clock) -> datetime | None:
    """A date written as text, in the forum's timezone, or None: known spellings and
    "Today at" through parse_forum_date, anything else through dateparser in the
    page's language."""
    value = re.sub(r"\b([ap])\.\s?m\.?", lambda m: m.group(1).upper() + "M", value, flags=re.I)
    value = re.sub(r"\bnoon\b", "12:00 PM", value, flags=re.I)
    value = re.sub(r"\bmidnight\b", "12:00 AM", value, flags=re.I)
    value = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", value)
    value = re.sub(r"\b([a-z]{3,9})\.(?=\s)", r"\1", value, flags=re.I)  # "Jan." -> "Jan"
    value = re.sub(r"(\d{4}),?\s+(?:at|-|@)\s+", r"\1 ", value)
    value = re.sub(r"(?<![:\d])(\d{1,2})\s*(AM|PM)\b", r"\1:00 \2", value)
    value = " ".join(value.split())
    if not value:
        return None
    if re.match(r"(?:today|yesterday)\b", value, re.I) or any(
        _strptime_ok(value, fmt) for fmt in _DATE_FORMATS
    ):
        return parse_forum_date(value, clock.ctx, _DATE_FORMATS)
    tz = clock.ctx.timezone
    try:
        return dateparser.parse(
            value,
            languages=list(clock.languages),
            settings={
                "TIMEZONE": str(tz),
                "RETURN_AS_TIMEZONE_AWARE": True,
                "RELATIVE_BASE": clock.ctx.fetched_at.astimezone(tz).replace(tzinfo=None),
                "PREFER_DATES_FROM": "past",
            },
        )
    except (ValueError, OverflowError, TypeError):  # dateparser on odd input
        return None


def _strptime_ok(value: str, fmt: str) -> bool:
    try:
        datetime.strptime(value, fmt)
    except ValueError:
        return False
    return True
