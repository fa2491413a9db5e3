"""Small DOM and URL helpers shared by the vBulletin, XenForo and Invision page objects.

Those engines cut a post body the same way (copy the body element, take the
quoted replies and edit notes out of the copy, keep the text around them),
spell the pages of a thread as numbers, and carry machine-readable dates in
attributes. The engine modules hold everything engine-specific; this module
holds only what they would otherwise each write again.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from lxml import html as lxml_html
from parsel import Selector

from crawler.engines.html import cited_urls, element_text

_INT = re.compile(r"\d[\d,.\s]*")
_ROUNDED = re.compile(r"[kKmM]\b")


def body_copy(sel: Selector) -> lxml_html.HtmlElement:
    """A detached copy of the element behind `sel` (without its tail), safe to cut up."""
    el = copy.deepcopy(sel[0].root if isinstance(sel, list) else sel.root)
    el.tail = None
    return el


def inner_text(el: lxml_html.HtmlElement) -> str:
    """`element_text` of `el` alone: the text after its closing tag is not its own."""
    tail, el.tail = el.tail, None
    try:
        return element_text(el)
    finally:
        el.tail = tail


def drop(el: lxml_html.HtmlElement) -> None:
    """Remove `el` from its tree but keep its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def text(sel: Selector | list[Selector] | None) -> str:
    """Visible text of the first element of `sel` (blank when there is none)."""
    if sel is None:
        return ""
    if isinstance(sel, list):
        if not sel:
            return ""
        sel = sel[0]
    return inner_text(sel.root) if isinstance(sel.root, lxml_html.HtmlElement) else ""


def post_cited_urls(body: lxml_html.HtmlElement, base_url: str, body_text: str) -> tuple[str, ...]:
    """`cited_urls` without the link texts that the forum cut short in the middle
    ("http://host/news/releases/attorney...pill-ring") next to the href they shorten."""
    found = cited_urls(body, base_url, body_text)

    def shortened(url: str) -> bool:
        for mark in ("...", "\u2026"):
            head, cut, tail = url.partition(mark)
            if cut and any(
                other != url and other.startswith(head) and other.endswith(tail) for other in found
            ):
                return True
        return False

    return tuple(url for url in found if not shortened(url))


def squash(value: str | None) -> str:
    """`value` with runs of white space (and no-break spaces) made single spaces."""
    return " ".join((value or "").replace("\xa0", " ").split())


def to_int(value: str | None) -> int | None:
    """The first number in `value` ("1,234", "12 004"), or None, also for numbers
    the forum rounded ("9.8k", "1.2K", "3M"): a wrong count is worse than none."""
    match = _INT.search(value or "")
    if not match or _ROUNDED.match((value or "")[match.end() :]):
        return None
    digits = re.sub(r"\D", "", match.group(0))
    return int(digits) if digits else None


def iso_datetime(value: str | None, tz: ZoneInfo) -> datetime | None:
    """An aware datetime from an ISO 8601 attribute; a value without offset is in `tz`."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


def unix_datetime(value: str | None) -> datetime | None:
    """An aware UTC datetime from a Unix timestamp attribute, or None."""
    value = (value or "").strip()
    if not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), UTC)


def page_numbers(current: int, seen: Iterable[int], total: int | None = None) -> list[int]:
    """Every page number of a paginated thread: 1 to the last page shown or announced.

    Forums elide middle pages ("1 2 3 ... 9"); the numbers are filled in.
    """
    last = max([current, total or 0, *seen])
    return list(range(1, max(last, 1) + 1))


def absolute(base: str, href: str | None) -> str:
    """`href` resolved against `base` (blank for no href)."""
    href = (href or "").strip()
    return urljoin(base, href) if href else ""


def _same_host(a: str, b: str) -> bool:
    return urlsplit(a).netloc.lower() == urlsplit(b).netloc.lower()


def listing_links(sel: Selector, url: str) -> list[str]:
    """Absolute hrefs of the page's links to its own site, in page order, without duplicates."""
    out: list[str] = []
    for href in sel.css("a::attr(href)").getall():
        href = href.strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        target = urljoin(url, href)
        if _same_host(target, url) and target not in out:
            out.append(target)
    return out
