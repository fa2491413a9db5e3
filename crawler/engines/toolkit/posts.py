"""A post and a thread page, assembled from what an engine read.

An engine reads the parts that differ from one engine to the next (ids,
author, dates, which element is the body, how quotes look); the parts that
are the same everywhere (the body's text, its quotes and cited URLs, the
fields every post and thread carry from the page and the crawl) are put
together here, once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from lxml.html import HtmlElement as Element

from crawler.decoding import CUT_TAG, DEEP_REASON
from crawler.engines.base import PageContext, PostSkipped, ThreadPage, read_posts
from crawler.engines.toolkit.text import element_text
from crawler.engines.toolkit.urls import cited_urls
from crawler.items import Post, QuotedReply, Thread

Node = TypeVar("Node")
# (body element, page URL, body text) -> the URLs the post cites
CiteUrls = Callable[[Element, str, str], tuple[str, ...]]


@dataclass(frozen=True)
class PostHead:
    """What an engine reads of a post outside its body."""

    post_id: str
    permalink: str
    position: int
    author: str | None
    author_id: str | None
    posted_at: datetime | None
    edited_at: datetime | None = None
    editor: str | None = None


@dataclass(frozen=True)
class Message:
    """A post body taken apart: its text, the replies it quotes, the URLs it cites."""

    body: str
    quotes: tuple[QuotedReply, ...]
    cited_urls: tuple[str, ...]


def read_message(
    body: Element,
    page_url: str,
    take_quotes: Callable[[Element], tuple[QuotedReply, ...]],
    cite: CiteUrls = cited_urls,
) -> Message:
    """Take the quotes out of `body` (a copy: it is cut in place), then read its
    text and the URLs it cites outside the quotes."""
    quotes = take_quotes(body)
    text = element_text(body)
    return Message(text, quotes, cite(body, page_url, text))


def make_post(
    head: PostHead, message: Message, signature: str, thread: Thread, ctx: PageContext, url: str
) -> Post:
    """The post of `thread` on the page at `url`."""
    return Post(
        forum=ctx.forum,
        thread_id=thread.thread_id,
        post_id=head.post_id,
        permalink=head.permalink,
        thread_title=thread.title,
        position=head.position,
        author=head.author,
        author_id=head.author_id,
        posted_at=head.posted_at,
        body=message.body,
        signature=signature,
        quotes=message.quotes,
        cited_urls=message.cited_urls,
        edited_at=head.edited_at,
        editor=head.editor,
        page_url=url,
        fetched_at=ctx.fetched_at,
    )


@dataclass(frozen=True)
class ThreadHead:
    """What an engine reads of a thread on one of its pages."""

    thread_id: str
    url: str  # the first page
    title: str
    board: str | None
    views: int | None = None


def thread_page(
    ctx: PageContext,
    head: ThreadHead,
    page_urls: tuple[str, ...],
    nodes: Iterable[Node],
    read: Callable[[int, Node, Thread], Post],
) -> ThreadPage:
    """The thread page: the thread, the posts `read(index, node, thread)` builds
    from the page's post nodes (and the reasons of the ones it skipped)."""
    thread = Thread(
        forum=ctx.forum,
        thread_id=head.thread_id,
        url=head.url,
        title=head.title,
        board=head.board,
        page_count=len(page_urls),
        views=head.views,
        fetched_at=ctx.fetched_at,
    )
    posts, skipped = read_posts(nodes, lambda index, node: _whole(read, index, node, thread))
    return ThreadPage(thread=thread, posts=posts, page_urls=page_urls, skipped=skipped)


def _whole(
    read: Callable[[int, Node, Thread], Post], index: int, node: Node, thread: Thread
) -> Post:
    """The post `read` builds, or PostSkipped when a too-deep part of it was cut
    out before parsing (crawler.decoding.cut_deep): its text is not whole, and
    the other posts of the page are kept without it."""
    xpath = getattr(node, "xpath", None)
    cut = bool(xpath is not None and xpath(f".//{CUT_TAG}"))
    post = read(index, node, thread)
    if cut:
        raise PostSkipped(f"post {post.post_id} on {post.page_url}: {DEEP_REASON}")
    return post


def crumbs(texts: Iterable[str]) -> list[str]:
    """Breadcrumb texts, squashed, the blank ones left out."""
    return [" ".join(t.split()) for t in texts if t.strip()]
