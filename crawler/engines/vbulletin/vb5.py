"""vBulletin 5.x / vBulletin Connect (and its successor 6.x markup): topics and channels.

A route-based site (`/forum/channel/412345-title/page2`) with
`li.b-post[data-node-id]` posts carrying Unix timestamps. Markup follows
vBulletin 5.3 (`display_contenttype_threadview_header`,
`conversation_userinfo`, `conversation_signature`, `conversation_posthistory`)
templates; see tests/fixtures/vbulletin5/README.md.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from parsel import Selector

from crawler.engines.base import (
    ListingPage,
    PageContext,
    PageError,
    PostSkipped,
    ThreadHint,
    ThreadPage,
)
from crawler.engines.generic.refine import with_generic_fallback
from crawler.engines.toolkit.dates import (
    iso_datetime,
    page_context,
    parse_forum_date,
    unix_datetime,
)
from crawler.engines.toolkit.listing import Links, hint, row_hints
from crawler.engines.toolkit.pages import numbered, page_numbers
from crawler.engines.toolkit.posts import PostHead, ThreadHead, make_post, read_message, thread_page
from crawler.engines.toolkit.text import css_text, first_text, squash, to_int
from crawler.engines.toolkit.tree import body_copy
from crawler.engines.toolkit.urls import absolute, cited_urls_unshortened, listing_links
from crawler.engines.vbulletin import common
from crawler.items import Post, Thread

_VB5_MEMBER = re.compile(r"/member/(\d+)")
_VB5_TOPIC = re.compile(r"^(\d+)(?:-[^/]*)?$")
_VB5_PAGE = re.compile(r"^page(\d+)$")
_PAGE_TOTAL = ".pagenav-controls .pagetotal::text"
# vBulletin 5 routes that are never board or topic pages.
_VB5_NOT_CONTENT = frozenset(
    {
        "member",
        "search",
        "login",
        "register",
        "lostpw",
        "privatemessage",
        "settings",
        "activity",
        "filedata",
        "ajax",
        "auth",
        "help",
        "contact-us",
        "calendar",
        "online",
        "memberlist",
        "css.php",
        "js",
    }
)


class VBulletin5:
    """Page object for vBulletin 5.x / vBulletin Connect (and its successor 6.x markup)."""

    name = "vbulletin5"

    def __init__(self, day_first: bool = False) -> None:
        self.day_first = day_first

    # ------------------------------------------------------------ detection
    def detect(self, url: str, sel: Selector) -> bool:
        generator = (sel.css('meta[name="generator"]::attr(content)').get() or "").lower()
        if generator.startswith(("vbulletin 5", "vbulletin 6")):
            return True
        if sel.css("body#vb-page-body"):
            return True
        return bool(sel.css("li.b-post[data-node-id]")) and bool(
            sel.css(".js-post__content-text, .conversation-list")
        )

    # ------------------------------------------------------------------ urls
    def _route(self, url: str) -> tuple[str, list[str], int] | None:
        """(site root, path segments without the page segment, page number)."""
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        page = 1
        if segments:
            match = _VB5_PAGE.match(segments[-1])
            if match:
                page = int(match.group(1))
                segments = segments[:-1]
        root = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        return root, segments, page

    def _topic_id(self, segments: list[str]) -> str | None:
        if segments:
            match = _VB5_TOPIC.match(segments[-1])
            if match and (len(segments) > 1 or "-" in segments[-1]):
                return match.group(1)
        return None

    def canonical_url(self, url: str) -> str | None:
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        route = self._route(url)
        if route is None:
            return None
        root, segments, page = route
        if any(s.lower() in _VB5_NOT_CONTENT for s in segments[:1]) or any(
            s.endswith(".php") for s in segments
        ):
            return None
        if self._topic_id(segments) and ("p" in query or query.get("view") == "stream"):
            return None  # a post permalink or the activity stream of a topic
        path = "/" + "/".join(segments) if segments else ""
        suffix = f"/page{page}" if page > 1 else ""
        return f"{root}{path}{suffix}" if path or suffix else f"{root}/"

    def page_kind(self, url: str, sel: Selector) -> str | None:
        if sel.css("li.b-post[data-node-id], #thread-view-tab"):
            return "thread"
        if sel.css(".forum-list-container, .topic-list-container, #topic-tab, .channel-list"):
            return "listing"
        return None

    # ---------------------------------------------------------------- thread
    @with_generic_fallback
    def parse_thread(self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage:
        ctx = page_context(ctx, sel)  # "All times are GMT -5"
        declared = absolute(url, sel.css('link[rel="canonical"]::attr(href)').get())
        canonical = self.canonical_url(url) or (self.canonical_url(declared) if declared else None)
        route = self._route(canonical) if canonical else None
        thread_id = self._topic_id(route[1]) if route else None
        if not route or not thread_id:
            hidden = sel.css('#thread-view-tab input[name="nodeid"]::attr(value)').get()
            raise PageError(
                f"not a vBulletin 5 topic URL: {url}"
                + (f" (the page names node {hidden})" if hidden else "")
            )
        root, segments, page = route
        first = f"{root}/" + "/".join(segments)
        title = squash(
            " ".join(sel.css(".page-title-widget h1.main-title ::text").getall())
            or " ".join(sel.css("h2.b-post__title ::text").getall())
            or (sel.css("title::text").get() or "").rsplit(" - ", 1)[0]
        )
        crumbs = [squash(t) for t in sel.css("#breadcrumbs li.crumb a.crumb-link::text").getall()]
        seen = [n for n in _page_links(sel) if n > 0]
        numbers = page_numbers(page, seen, to_int(sel.css(_PAGE_TOTAL).get()))
        head = ThreadHead(thread_id, first, title, crumbs[-1] if crumbs else None)
        per_page = to_int(sel.css('#thread-view-tab input[name="per-page"]::attr(value)').get())
        offset = (page - 1) * (per_page or 0)
        items = sel.css("ul.conversation-list > li.b-post[data-node-id]") or sel.css(
            "li.b-post[data-node-id]:not(.b-comment)"
        )
        return thread_page(
            ctx,
            head,
            numbered(first, numbers, lambda n: f"/page{n}"),
            items,
            lambda index, item, thread: self._post(item, offset + index, url, thread, ctx),
        )

    def _post(
        self, item: Selector, position: int, url: str, thread: Thread, ctx: PageContext
    ) -> Post:
        post_id = item.attrib.get("data-node-id", "")
        body_sel = item.css(".js-post__content-text")
        if not post_id.isdigit() or not body_sel:
            raise PostSkipped(common.unreadable(position, post_id, url))
        number = common.POST_NUMBER.search(" ".join(item.css("a.b-post__count::text").getall()))
        if number:
            position = int(number.group(1)) - 1
        author_link = item.css(".b-userinfo__details .author a")
        author = css_text(author_link) or css_text(item, ".b-userinfo__details .author ::text")
        member = _VB5_MEMBER.search(author_link.attrib.get("href", "")) if author_link else None
        note = " ".join(item.css(".b-post__edit ::text").getall())
        head = PostHead(
            post_id,
            f"{thread.url}?p={post_id}#post{post_id}",
            position,
            author or None,
            member.group(1) if member else None,
            self._posted_at(item, ctx),
            *common.edit_note(note, ctx, self.day_first),
        )
        quotes = common.take_bbcode_quotes
        message = read_message(body_copy(body_sel[0]), url, quotes, cited_urls_unshortened)
        return make_post(head, message, first_text(item.css(".post-signature")), thread, ctx, url)

    def _posted_at(self, item: Selector, ctx: PageContext) -> datetime | None:
        """The node's publish date (Unix), else the `time` element's, else its text."""
        published = unix_datetime(item.attrib.get("data-node-publishdate"))
        if published:
            return published.astimezone(ctx.timezone)
        stamp = item.css(".b-post__timestamp time")
        return iso_datetime(
            stamp.attrib.get("datetime") if stamp else None, ctx.timezone
        ) or parse_forum_date(
            css_text(item, ".b-post__timestamp ::text"), ctx, common.date_formats(self.day_first)
        )

    # --------------------------------------------------------------- listing
    def parse_listing(self, url: str, sel: Selector) -> ListingPage:
        """Subchannels below this one, topics (first pages) and every page of this list."""
        own = self.canonical_url(url)
        own_route = self._route(own) if own else None
        root, own_path, own_page = own_route if own_route else ("", [], 1)
        links = Links()
        seen_pages: list[int] = []
        for link in listing_links(sel, url):
            target = self.canonical_url(link)
            route = self._route(target) if target else None
            if not target or not route or target == own:
                continue
            _, segments, page = route
            if self._topic_id(segments):
                if page == 1:
                    links.thread(target)
            elif segments == own_path:
                seen_pages.append(page)
            elif segments[: len(own_path)] == own_path and page == 1:
                links.board(target)
        total = to_int(sel.css(_PAGE_TOTAL).get())
        base = f"{root}/" + "/".join(own_path)
        suffix = base.rstrip("/")
        pages = tuple(
            base if n == 1 else f"{suffix}/page{n}"
            for n in page_numbers(own_page, seen_pages, total)
            if n != own_page
        )
        hints = row_hints(sel, url, "tr.topic-item", _topic_link, self.canonical_url, _hint)
        return links.listing(hints, pages)


def _page_links(sel: Selector) -> list[int]:
    values = sel.css(".js-pagenav a[data-page]::attr(data-page)").getall()
    return [int(n) for n in values if n.isdigit()]


def _topic_link(row: Selector) -> str | None:
    return row.css("a.topic-title::attr(href)").get()


def _hint(row: Selector) -> ThreadHint:
    """Replies and last post of a topic row ("5 replies", the last-post link
    `...?p=5311#post5311`), for incremental re-crawls."""
    last = common.POST_HREF.search(row.css("a.go-to-last-post::attr(href)").get() or "")
    return hint(to_int(css_text(row, ".posts-count ::text")), last.group(1) if last else None)
