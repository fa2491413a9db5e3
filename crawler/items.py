"""Typed items that leave the crawler: a thread, its posts, and fetched source pages.

Page objects build them from HTML; the store pipeline writes them. They are
frozen dataclasses so that nothing downstream can change what a page said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class QuotedReply:
    """A quoted earlier post kept apart from the body that quotes it."""

    text: str
    author: str | None = None
    quoted_post_id: str | None = None  # engine post id, where the markup links to it


@dataclass(frozen=True)
class Post:
    forum: str  # the forum's key (its configured name, or host + path of its index)
    thread_id: str
    post_id: str  # engine post id, e.g. "2" for SMF's msg2
    permalink: str
    thread_title: str
    position: int  # 0-based position in the thread
    author: str | None
    author_id: str | None
    posted_at: datetime | None  # timezone-aware
    body: str  # clean text: no signature, badges, counters or quoted replies
    signature: str = ""
    quotes: tuple[QuotedReply, ...] = ()
    cited_urls: tuple[str, ...] = ()
    edited_at: datetime | None = None
    editor: str | None = None
    page_url: str = ""
    fetched_at: datetime | None = None


@dataclass(frozen=True)
class Thread:
    forum: str
    thread_id: str
    url: str  # canonical URL of the first page
    title: str
    board: str | None = None
    page_count: int = 1
    views: int | None = None
    fetched_at: datetime | None = None


@dataclass(frozen=True)
class RawPage:
    """A fetched page kept so that extraction can be replayed without crawling again."""

    url: str
    status: int
    fetched_at: datetime
    body: bytes
    content_type: str = ""
    kind: str = "forum"  # forum | source


@dataclass(frozen=True)
class SourcePage:
    """An article reduced to its text: a cited URL or an official site's release."""

    url: str  # the URL as cited or listed (normalised)
    final_url: str  # after redirects
    status: int
    fetched_at: datetime
    title: str = ""
    # ISO 8601: '2026-01-08T15:00:00+00:00' when the page gives the time, else '2026-01-08'
    published: str | None = None
    text: str = ""
    error: str = ""
    official: bool = False
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Article:
    """A news or content-farm article found through a site's feed or sitemap.

    Stored next to forum posts (kind 'article'), so that linking and quote
    tracing treat a spun copy published as an article like a reposted post.
    """

    url: str  # normalised
    site: str  # the site's host
    title: str
    text: str
    fetched_at: datetime
    author: str | None = None
    published: datetime | None = None
    cited_urls: tuple[str, ...] = ()
