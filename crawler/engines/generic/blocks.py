"""Where the posts of a page are: repeated sibling blocks, found by structure.

Post blocks are sibling elements that repeat (same tag, same leading class or
id prefix), each holding text plus a profile link or a date. Groups whose
members have both win; among them the one with the most text outside links,
unless an inner group holds most of it with as many full posts (a layout
grid's rows are not posts, nor are the cells of one post). A group whose rows
link other threads or boards, or whose text is mostly links, is a listing. A
page without a repeated group of full posts may hold one post: the deepest
element with a profile link, a date and text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from lxml.etree import _Element as Element

from crawler.engines.generic.body import ChunkCache
from crawler.engines.generic.dates import CLOCK_TIME, DATE
from crawler.engines.generic.listing import is_listing
from crawler.engines.generic.tree import SKIP, inside, is_quote, sibling_key, tag
from crawler.engines.generic.urls import PROFILE

# per element: [text length, link text length, has a profile link, has a date]
Stats = dict[Element, list]


@dataclass(frozen=True)
class _Group:
    score: int  # text outside links in its post-like members
    full: int  # members with a profile link and a date
    parent: Element
    members: list[Element]


def locate(root: Element, url: str, cache: ChunkCache) -> tuple[list[Element], str]:
    """The post blocks and how they were found: "blocks" (a repeated group of full
    posts, or of posts with an author or a date only: guests), "single" (one post),
    "listing" (the repeated rows link other threads) or "none"."""
    stats = _measure(root)
    groups = _groups(root, stats)
    full = [g for g in groups if g.full >= 2]
    if full:
        blocks = _best_group(full)
        return ([], "listing") if is_listing(blocks, url, cache) else (blocks, "blocks")
    single = _single_block(root, stats)
    if single is not None and not is_listing([single], url, cache):
        return [single], "single"
    if groups:
        blocks = _best_group(groups)
        return ([], "listing") if is_listing(blocks, url, cache) else (blocks, "blocks")
    return [], "none"


def _measure(root: Element) -> Stats:
    stats: Stats = {}
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    for el in reversed(elements):  # children before their parents
        name = tag(el)
        if name in SKIP:
            stats[el] = [0, 0, False, False]
            continue
        own = [el.text or ""] + [child.tail or "" for child in el]
        size = sum(len(t.strip()) for t in own)
        date = name == "time" or any(
            any(c.isdigit() for c in t) and (DATE.search(t) or CLOCK_TIME.search(t)) for t in own
        )
        link = 0
        author = name == "a" and bool(PROFILE.search(el.get("href") or ""))
        for child in el:
            child_stats = stats.get(child)
            if child_stats is None:
                continue
            size += child_stats[0]
            link += child_stats[1]
            author = author or child_stats[2]
            date = date or child_stats[3]
        stats[el] = [size, size if name == "a" else min(link, size), author, bool(date)]
    return stats


def _is_post_like(el: Element, stats: Stats) -> bool:
    size, links, author, date = stats[el]
    return size - links >= 10 and (author or date) and not is_quote(el)


def _groups(root: Element, stats: Stats) -> list[_Group]:
    """Every repeating sibling group with two or more post-like members."""
    groups: list[_Group] = []
    for parent in root.iter():
        if not isinstance(parent.tag, str) or tag(parent) in SKIP or len(parent) < 2:
            continue
        buckets: dict[tuple[str, str], list[Element]] = defaultdict(list)
        for child in parent:
            if isinstance(child.tag, str) and tag(child) not in SKIP:
                buckets[sibling_key(child)].append(child)
        for members in buckets.values():
            posts = [m for m in members if _is_post_like(m, stats)]
            if len(posts) >= 2:
                score = sum(stats[m][0] - stats[m][1] for m in posts)
                full = sum(1 for m in posts if stats[m][2] and stats[m][3])
                groups.append(_Group(score, full, parent, posts))
    return groups


def _best_group(groups: list[_Group]) -> list[Element]:
    """The group with the most post-like text, or an inner group that holds most of it."""
    groups.sort(key=lambda g: -g.score)
    best = groups[0]
    changed = True
    while changed:
        # An inner group with most of the text and at least as many full posts wins:
        # the rows of a layout grid are not posts, the cells of one post are not either.
        changed = False
        outer = set(best.members)
        for group in groups:
            if (
                group is not best
                and group.score >= 0.5 * best.score
                and group.full >= max(2, best.full)
                and inside(group.parent, outer)
            ):
                best, changed = group, True
                break
    return best.members


def _single_block(root: Element, stats: Stats) -> Element | None:
    """A page with one post: the deepest element with a profile link, a date and text."""
    best: Element | None = None
    best_text = 0
    for el, (size, links, author, date) in stats.items():
        if not (author and date) or size - links < 20 or tag(el) in SKIP:
            continue
        if any(isinstance(c.tag, str) and c in stats and _holds_post(stats[c]) for c in el):
            continue  # a child holds it all: not the deepest
        if size - links > best_text:
            best, best_text = el, size - links
    return best


def _holds_post(child_stats: list) -> bool:
    size, links, author, date = child_stats
    return bool(author and date and size - links >= 20)
