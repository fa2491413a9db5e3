"""Engine page objects completed by the generic reading of the same page, field by field.

An engine's selectors are written against one theme and one version; a
board that renamed a class, or an older release, leaves some fields empty
while the rest reads well. Rather than keep a post without author or date,
or lose every post of a page whose markup moved, the engine's result is
completed from the generic extractor's reading of the same page:

- a post with no author, no date or an empty body takes the generic post's
  (paired by post id), the author and date only where the generic reading
  agrees with the engine on the posts where both read one, and the author
  only when the engine reads that name on another post of the page;
- a post whose body still holds quoted replies the generic one kept apart
  takes the generic body and quotes; likewise a body that ends with the
  signature the generic one cut off;
Posts the engine skipped stay skipped: the ids the generic reading would give
them come from the same markup that made the engine refuse them.

The generic reading runs only when one of these is missing, so pages the
engine reads whole cost nothing more. `with_generic_fallback` applies this to
an engine's `parse_thread`.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
from collections.abc import Callable
from typing import TypeVar

from parsel import Selector

from crawler.engines.base import PageContext, ThreadPage
from crawler.engines.generic.tree import root_of
from crawler.items import Post

log = logging.getLogger(__name__)

Self = TypeVar("Self")
Parse = Callable[[Self, str, Selector, PageContext], ThreadPage]


def with_generic_fallback(parse: Parse[Self]) -> Parse[Self]:
    """`parse` (an engine's parse_thread) with its gaps filled from the generic reading."""

    @functools.wraps(parse)
    def parse_thread(self: Self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage:
        page = parse(self, url, sel, ctx)
        if root_of(sel) is None or not _has_gaps(page):
            return page
        from crawler.engines.generic import GENERIC  # the package imports this module

        try:
            generic = GENERIC.parse_thread(url, sel, ctx)
        except (RecursionError, ValueError) as exc:  # its tree walks recurse: very deep pages
            log.info("no generic reading of %s to complete it: %s", url, type(exc).__name__)
            return page
        completed = complete(page, generic)
        if completed is not page:
            log.info(
                "%s on %s: fields completed by the generic reading",
                getattr(self, "name", self),
                url,
            )
        return completed

    return parse_thread


def _has_gaps(page: ThreadPage) -> bool:
    return any(
        not p.author or p.posted_at is None or not p.body.strip() or _may_hold_quote(p)
        for p in page.posts
    )


_QUOTE_HEAD = re.compile(
    r"^(?:quote from:?|originally posted by|quote:?$)|^\S.{0,40}\s(?:wrote|said|posted):",
    re.IGNORECASE | re.MULTILINE,
)


def _may_hold_quote(post: Post) -> bool:
    """A body with a quote header left in it and no quote kept apart."""
    return not post.quotes and bool(_QUOTE_HEAD.search(post.body))


def complete(page: ThreadPage, generic: ThreadPage) -> ThreadPage:
    """`page` with what it lacks taken from `generic` (the same page read generically);
    `page` itself when nothing was taken."""
    by_id = {p.post_id: p for p in generic.posts}
    pairs = [(p, by_id[p.post_id]) for p in page.posts if p.post_id in by_id]
    trusted = {name for name in ("author", "posted_at") if _agrees(pairs, name)}
    names = {p.author for p in page.posts if p.author}
    changed = False
    posts = []
    for post in page.posts:
        other = by_id.get(post.post_id)
        filled = _fill(post, other, trusted, names) if other is not None else post
        changed = changed or filled is not post
        posts.append(filled)
    return dataclasses.replace(page, posts=tuple(posts)) if changed else page


def _agrees(pairs: list[tuple[Post, Post]], name: str) -> bool:
    """Whether the generic reading gives the engine's value of `name` on every post
    where both have one, and on one post at least: only then does it fill the posts
    where the engine has none (a wrong author is worse than none)."""
    both = [
        (getattr(mine, name), getattr(other, name))
        for mine, other in pairs
        if getattr(mine, name) and getattr(other, name)
    ]
    return bool(both) and all(a == b for a, b in both)


def _fill(post: Post, other: Post, trusted: set[str], names: set[str]) -> Post:
    """`post` with the fields it lacks from `other`; an author only among `names`
    (the page's authors as the engine reads them): a rank or a button label the
    generic reading took for a name must not become one."""
    taken: dict[str, object] = {}
    if not post.author and other.author in names and "author" in trusted:
        taken.update(author=other.author, author_id=post.author_id or other.author_id)
    if post.posted_at is None and other.posted_at is not None and "posted_at" in trusted:
        taken["posted_at"] = other.posted_at
    if not post.body.strip() and other.body.strip():
        taken.update(body=other.body, quotes=post.quotes or other.quotes)
    elif (
        not post.quotes
        and other.quotes
        and all(_words(q.text) in _words(post.body) for q in other.quotes)
    ):
        taken.update(body=other.body, quotes=other.quotes)
    if (
        not post.signature
        and other.signature
        and _words(post.body).endswith(_words(other.signature))
    ):
        taken.update(body=other.body, signature=other.signature)
    return dataclasses.replace(post, **taken) if taken else post  # type: ignore[arg-type]


def _words(value: str) -> str:
    return " ".join(re.sub(r"[^\w$%]+", " ", value.lower()).split())
