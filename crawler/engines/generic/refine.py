"""Engine page objects completed by the generic reading of the same page, field by field.

An engine's selectors are written against one theme and one version; a
board that renamed a class, or an older release, leaves some fields empty
while the rest reads well. Rather than keep a post without author or date,
or lose every post of a page whose markup moved, the engine's result is
completed from the generic extractor's reading of the same page:

- a post with no author, no date or an empty body takes the generic post's
  (paired by post id);
- a post whose body still holds quoted replies the generic one kept apart
  takes the generic body and quotes; likewise a body that ends with the
  signature the generic one cut off;
- a page on which the engine skipped every post takes the generic posts.

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

        generic = GENERIC.parse_thread(url, sel, ctx)
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
    if not page.posts:
        return bool(page.skipped)
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
    if not page.posts and page.skipped and generic.posts:
        rescued = tuple(
            dataclasses.replace(p, thread_id=page.thread.thread_id) for p in generic.posts
        )
        return dataclasses.replace(page, posts=rescued, skipped=())
    by_id = {p.post_id: p for p in generic.posts}
    changed = False
    posts = []
    for post in page.posts:
        other = by_id.get(post.post_id)
        filled = _fill(post, other) if other is not None else post
        changed = changed or filled is not post
        posts.append(filled)
    return dataclasses.replace(page, posts=tuple(posts)) if changed else page


def _fill(post: Post, other: Post) -> Post:
    taken: dict[str, object] = {}
    if not post.author and other.author:
        taken.update(author=other.author, author_id=post.author_id or other.author_id)
    if post.posted_at is None and other.posted_at is not None:
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
