"""What SMF 2.0 and 2.1 share: URL forms, offset pagination, board lists.

Parameters are `;` or `&` separated (`index.php?topic=2.15;PHPSESSID=...`),
or spelled as a path (`index.php/topic,2.15.html`); a topic or board value is
"<id>.<offset>", the offset counting posts (or topics) before the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from parsel import Selector

from crawler.engines.base import ListingPage, ThreadHint
from crawler.engines.toolkit.listing import Links
from crawler.engines.toolkit.pages import fill_steps
from crawler.engines.toolkit.urls import same_site_path

# `index.php/topic,2.15.html` and `index.php/board,1.0.html` (search-engine friendly URLs)
_SEF = re.compile(r"/(topic|board),(\d+)\.(\d+|msg\d+|new)\.html$")
OFFSET = re.compile(r"^(\d+)\.(\d+)$")


def split(url: str, keep_blank: bool = False) -> tuple[str, dict[str, str]]:
    """The script URL and the SMF parameters of `url` (a bare name without "=" is
    a parameter only with `keep_blank`)."""
    parts = urlsplit(url)
    params: dict[str, str] = {}
    path = parts.path
    sef = _SEF.search(path)
    if sef:
        params[sef.group(1)] = f"{sef.group(2)}.{sef.group(3)}"
        path = path[: sef.start()]
    for piece in re.split(r"[;&]", parts.query):
        if "=" in piece:
            key, value = piece.split("=", 1)
            params.setdefault(key, value)
        elif piece:
            for key, value in parse_qsl(piece, keep_blank_values=keep_blank):
                params.setdefault(key, value)
    return urlunsplit((parts.scheme, parts.netloc, path, "", "")), params


def canonical(
    url: str, refused: Collection[str], noise: Collection[str], keep_blank: bool
) -> str | None:
    """The topic or board page `url` shows (`?topic=<id>.<offset>`), the script
    for the board index, or None: a parameter of `refused` (actions, post
    links) names no page to crawl, and one outside `noise` an unknown one."""
    script, params = split(url, keep_blank)
    if any(key in params for key in refused):
        return None  # profiles, print pages, login, search, post permalinks
    for kind in ("topic", "board"):
        if kind in params:
            match = OFFSET.match(params[kind])
            if not match:
                return None  # topic=2.msg3 / topic=2.new: the numbered pages cover them
            return f"{script}?{kind}={match.group(1)}.{match.group(2)}"
    return script if all(key in noise for key in params) else None


def page_urls(
    url: str,
    hrefs: list[str],
    script: str,
    thread_id: str,
    offset: int,
    keep_blank: bool,
    lone_from_zero: bool = False,
) -> tuple[str, ...]:
    """Every page of the thread. The page index elides middle pages ("1 2 3
    ... 9"), so the offsets are filled in from their common step; a page
    whose index shows no other page (cut short) is the only one known, unless
    `lone_from_zero` (then the pages from offset 0 to it, at its step)."""
    offsets = {offset}
    for href in hrefs:
        match = OFFSET.match(split(urljoin(url, href), keep_blank)[1].get("topic", ""))
        if match and match.group(1) == thread_id:
            offsets.add(int(match.group(2)))
    filled = fill_steps(offsets) if len(offsets) > 1 or lone_from_zero else sorted(offsets)
    return tuple(f"{script}?topic={thread_id}.{o}" for o in filled)


def listing(
    url: str,
    sel: Selector,
    canonical_url: Callable[[str], str | None],
    own: str,
    hints: dict[str, ThreadHint],
) -> ListingPage:
    """Boards, topics (first pages only: thread pages list their own pages) and
    the other pages of the board `own` (this page's canonical URL)."""
    links = Links()
    own_board = split(own)[1].get("board", "").split(".")[0]
    for href in sel.css("a::attr(href)").getall():
        target = canonical_url(urljoin(url, href))
        if not target or not same_site_path(target, url):
            continue
        params = split(target)[1]
        if "topic" in params:
            if params["topic"].endswith(".0"):
                links.thread(target)
        elif "board" in params and target != own:
            same = params["board"].split(".")[0] == own_board
            (links.page if same else links.board)(target)
    return links.listing(hints)
