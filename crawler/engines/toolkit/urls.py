"""The URLs a post cites, and the links and query parameters engines read.

A post cites what its links point at (the href: forums cut long link texts
short) and the bare URLs it writes in its text; forum navigation is not
cited. Listings read the links of their own site.
"""

from __future__ import annotations

import copy
import re
from urllib.parse import parse_qsl, urljoin, urlsplit

from lxml import html as lxml_html
from parsel import Selector

from crawler.engines.toolkit.text import element_text
from crawler.engines.toolkit.tree import drop
from provenance.text.urls import normalise_url

BARE_URL = re.compile(r"\bhttps?://[^\s<>\"'\]\[)]+", re.IGNORECASE)
_NOT_LINKS = ("#", "javascript:", "mailto:")


def _text_outside_links(element: lxml_html.HtmlElement) -> str:
    parts: list[str] = []
    # elements still to read (with whether they sit inside a link), or text to take
    stack: list[tuple[lxml_html.HtmlElement, bool] | str] = [(element, False)]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        el, inside = item
        inside = inside or el.tag == "a"
        if isinstance(el.tag, str) and not inside and el.text:
            parts.append(el.text)
        for child in reversed(el):
            if child.tail and not inside:
                stack.append(child.tail)
            stack.append((child, inside))
    return " ".join(parts)


def cited_urls(element: lxml_html.HtmlElement, base_url: str, text: str) -> tuple[str, ...]:
    """URLs a post cites: every link's href (link text is often cut short by the
    forum) plus bare URLs in the text that the forum did not turn into links.
    (`text` is the body's text, for the callers that read other URLs from it.)"""
    found: list[str] = []
    for a in element.iter("a"):
        href = (a.get("href") or "").strip()
        if href and not href.startswith(_NOT_LINKS):
            found.append(urljoin(base_url, href))
    # bare URLs: only in text outside links (a link's text may be the URL cut short)
    for match in BARE_URL.finditer(_text_outside_links(element)):
        url = match.group(0)
        if "…" in url or "..." in url:
            continue  # link text cut short (at the end or in the middle): the href has it all
        found.append(url.rstrip(".,;:!?"))
    # a dict keeps the order and makes a post that repeats one URL 100,000 times cheap
    out: dict[str, None] = {}
    for url in dict.fromkeys(found):
        norm = normalise_url(url)
        if norm:
            out[norm] = None
    return tuple(out)


def cited_urls_outside_links(
    body: lxml_html.HtmlElement, base_url: str, text: str = ""
) -> tuple[str, ...]:
    """`cited_urls` of `body`, with bare URLs read only from text outside links.

    Forums shorten the text of long links in the middle ("https://a.b/2026/
    harb ... ement.html" in phpBB, "https://a.b/2026/harb...ement.html" in
    MyBB); read as a bare URL, that text would be cited as a URL that does not
    exist. The link's href is always there for the whole URL.
    """
    outside = copy.deepcopy(body)
    for a in outside.xpath(".//a"):
        a.text = None
        for child in list(a):
            drop(child)
    return cited_urls(body, base_url, element_text(outside))


def cited_urls_unshortened(
    body: lxml_html.HtmlElement, base_url: str, text: str
) -> tuple[str, ...]:
    """`cited_urls` without the link texts that the forum cut short in the middle
    ("http://host/news/releases/attorney...pill-ring") next to the href they shorten."""
    found = cited_urls(body, base_url, text)

    def shortened(url: str) -> bool:
        for mark in ("...", "\u2026"):
            head, cut, tail = url.partition(mark)
            if cut and any(
                other != url and other.startswith(head) and other.endswith(tail) for other in found
            ):
                return True
        return False

    return tuple(url for url in found if not shortened(url))


def absolute(base: str, href: str | None) -> str:
    """`href` resolved against `base` (blank for no href)."""
    href = (href or "").strip()
    return urljoin(base, href) if href else ""


def query(url: str) -> dict[str, str]:
    """The query parameters of `url` (of a repeated one, its last value)."""
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def same_host(a: str, b: str) -> bool:
    """True when two URLs name the same host."""
    return urlsplit(a).netloc.lower() == urlsplit(b).netloc.lower()


def same_site_path(a: str, b: str) -> bool:
    """True when two URLs share host and path (the forum's script)."""
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.netloc.lower(), pa.path) == (pb.netloc.lower(), pb.path)


def listing_links(sel: Selector, url: str) -> list[str]:
    """Absolute hrefs of the page's links to its own site, in page order, without duplicates."""
    out: list[str] = []
    for href in sel.css("a::attr(href)").getall():
        href = href.strip()
        if not href or href.startswith(_NOT_LINKS):
            continue
        target = urljoin(url, href)
        if same_host(target, url) and target not in out:
            out.append(target)
    return out


def last_link_match(el: lxml_html.HtmlElement, pattern: re.Pattern[str]) -> str | None:
    """Group 1 of `pattern` in the last href under `el` it matches (the quoted
    post's id in a quote header, say), or None."""
    found = None
    for a in el.iter("a"):
        match = pattern.search(a.get("href") or "")
        if match:
            found = match.group(1)
    return found
