"""XenForo 2: thread pages and forum listings.

XenForo routes are paths (`/threads/title.412345/page-2`, `/forums/news.7/`)
or, without friendly URLs, the same route after `index.php?`; the number
after the last dot is the id and the slug follows the title. A post is an
`article.message--post` with `data-author` and `data-content="post-<ID>"`;
dates are `time.u-dt[datetime]` with an offset (relative text such as
"Today at 1:14 PM" is only the label); quotes are
`blockquote.bbCodeBlock--quote` naming the quoted post in
`data-source="post: <ID>"` and ending with a "Click to expand..." link;
signatures are `aside.message-signature`; an edit shows
"Last edited: <time>" under the body. Markup follows the XenForo 2.2
templates `post_macros`, `message_macros`, `bb_code_tag_quote` and
`page_nav` (see tests/fixtures/xenforo2/README.md).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from lxml import html as lxml_html
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
from crawler.engines.toolkit.dates import iso_datetime
from crawler.engines.toolkit.pages import page_numbers
from crawler.engines.toolkit.posts import Message, PostHead, ThreadHead, make_post, thread_page
from crawler.engines.toolkit.text import element_text, first_text, squash, to_int
from crawler.engines.toolkit.tree import body_copy, drop, has_class, outermost
from crawler.engines.toolkit.urls import absolute, cited_urls_unshortened, listing_links
from crawler.items import Post, QuotedReply, Thread

_ROUTES = re.compile(r"(?:^|/)(threads|forums|categories|posts|members|goto)/")
# XenForo routes that are never forums or threads: a path through one of them is not a
# forum root installed in a folder.
_OTHER_ROUTES = frozenset(
    {
        "whats-new",
        "login",
        "logout",
        "register",
        "lost-password",
        "account",
        "conversations",
        "search",
        "help",
        "misc",
        "tags",
        "find-threads",
        "watched",
        "online",
        "media",
        "resources",
        "attachments",
        "pages",
        "inline-mod",
        "reports",
        "members",
        "posts",
        "goto",
    }
)
_ID = re.compile(r"^(?:(?P<slug>.*)\.)?(?P<id>\d+)$")
_PAGE = re.compile(r"^page-(\d+)$")
_POSITION = re.compile(r"#\s*([\d,]+)")
_SOURCE = re.compile(r"post:\s*(\d+)")
_GOTO_POST = re.compile(r"(?:goto/post\?id=|posts/)(\d+)")
_CLASS = 'contains(concat(" ", normalize-space(@class), " "), " {} ")'


class XenForo2:
    """Page object for XenForo 2.x (default style)."""

    name = "xenforo2"

    # ------------------------------------------------------------ detection
    def detect(self, url: str, sel: Selector) -> bool:
        if sel.css("html#XF"):
            return True
        if sel.css("html[data-app][data-template]") and sel.css(".p-pageWrapper"):
            return True
        return bool(sel.css('a[href*="xenforo.com"]')) and bool(sel.css("article.message--post"))

    # ------------------------------------------------------------------ urls
    def _route(self, url: str) -> tuple[str, str, list[str]] | None:
        """(prefix to put a route after, route name, route segments) or None.

        `https://h/threads/t.1/page-2` gives ("https://h/", "threads", ["t.1", "page-2"]);
        `https://h/index.php?threads/t.1/` gives ("https://h/index.php?", "threads", ["t.1"]).
        The forum root gives its prefix with an empty route name.
        """
        parts = urlsplit(url)
        origin = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        path = parts.path or "/"
        first_query = parts.query.split("&", 1)[0]
        if path.endswith("index.php") and first_query and "=" not in first_query:
            prefix, route_path = f"{origin}{path}?", first_query
        else:
            match = _ROUTES.search(path)
            if match is None:
                if _OTHER_ROUTES.intersection(path.split("/")):
                    return None
                is_root = path.endswith("/") or path.endswith("index.php")
                return (f"{origin}{path}", "", []) if is_root and not parts.query else None
            prefix = f"{origin}{path[: match.start(1)]}"
            route_path = path[match.start(1) :]
        segments = [s for s in route_path.split("/") if s]
        if not segments:
            return prefix, "", []
        return prefix, segments[0], segments[1:]

    def _target(self, url: str) -> tuple[str, str, str, str, int] | None:
        """(kind, prefix, slug.id, id, page) for thread, forum and category URLs."""
        route = self._route(url)
        if route is None:
            return None
        prefix, name, rest = route
        if name == "" and not rest:
            return "index", prefix, "", "", 1
        if name not in ("threads", "forums", "categories") or not rest:
            return (
                ("index", f"{prefix}forums/", "", "", 1) if name == "forums" and not rest else None
            )
        ident = _ID.match(rest[0])
        if not ident:
            return None
        page = 1
        if len(rest) > 2:
            return None
        if len(rest) == 2:
            paged = _PAGE.match(rest[1])
            if not paged:
                return None  # post-N, unread, latest, reply, watch, ...
            page = int(paged.group(1))
        kind = {"threads": "thread", "forums": "forum", "categories": "category"}[name]
        return kind, prefix, rest[0], ident.group("id"), page

    def canonical_url(self, url: str) -> str | None:
        target = self._target(url)
        if target is None:
            return None
        kind, prefix, key, _, page = target
        if kind == "index":
            return prefix
        route = {"thread": "threads", "forum": "forums", "category": "categories"}[kind]
        suffix = f"page-{page}" if page > 1 else ""
        return f"{prefix}{route}/{key}/{suffix}"

    def page_kind(self, url: str, sel: Selector) -> str | None:
        if sel.css("article.message--post"):
            return "thread"
        if sel.css(".structItemContainer, .block--category, .node--forum, .structItem--thread"):
            return "listing"
        return None

    # ---------------------------------------------------------------- thread
    @with_generic_fallback
    def parse_thread(self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage:
        own = self._target(url)
        canonical = absolute(url, sel.css('link[rel="canonical"]::attr(href)').get())
        declared = self._target(canonical) if canonical else None
        target = own if own and own[0] == "thread" else declared
        if not target or target[0] != "thread":
            raise PageError(f"not a XenForo thread page: {url}")
        _, prefix, key, thread_id, page = target
        if own and own[0] == "thread":
            page = own[4]
        first = f"{prefix}threads/{key}/"
        title_el = sel.css("h1.p-title-value")
        title = ""
        if title_el:
            copy_el = body_copy(title_el[0])
            for label in copy_el.xpath(
                f".//*[{_CLASS.format('label')} or {_CLASS.format('label-append')}]"
            ):
                drop(label)
            title = squash(copy_el.text_content())
        title = title or squash((sel.css("title::text").get() or "").rsplit(" | ", 1)[0])
        crumbs = [squash(t) for t in sel.css(".p-breadcrumbs li a span::text").getall()]
        seen = []
        for href in sel.css(".pageNav-main a::attr(href), link[rel=next]::attr(href)").getall():
            linked = self._target(absolute(url, href))
            if linked and linked[0] == "thread" and linked[3] == thread_id:
                seen.append(linked[4])
        page_urls = tuple(first if n == 1 else f"{first}page-{n}" for n in page_numbers(page, seen))
        head = ThreadHead(thread_id, first, title, crumbs[-1] if crumbs else None)
        return thread_page(
            ctx,
            head,
            page_urls,
            sel.css("article.message--post[data-content]"),
            lambda index, article, thread: self._post(article, index, url, thread, ctx),
        )

    def _post(
        self, article: Selector, index: int, url: str, thread: Thread, ctx: PageContext
    ) -> Post:
        post_id = article.attrib.get("data-content", "").removeprefix("post-")
        body_sel = article.css(".message-userContent article.message-body .bbWrapper")
        if not post_id.isdigit():
            raise PostSkipped(f"post {index} on {url} has no post id")
        if not body_sel:  # deleted or ignored placeholders have no body
            raise PostSkipped(f"post {post_id} on {url} has no message (deleted or ignored)")
        position = index
        for label in article.css(".message-attribution-opposite a::text").getall():
            number = _POSITION.search(label)
            if number:
                position = int(number.group(1).replace(",", "")) - 1
        name_link = article.css(".message-name a.username")
        author = article.attrib.get("data-author") or squash(
            " ".join(article.css(".message-name ::text").getall())
        )
        author_id = name_link.attrib.get("data-user-id") if name_link else None
        stamp = article.css(".message-attribution-main time.u-dt")
        posted_at = iso_datetime(stamp.attrib.get("datetime") if stamp else None, ctx.timezone)
        body_el = body_copy(body_sel[0])
        quotes = _take_quotes(body_el)
        body = element_text(body_el)
        edit = article.css(".message-lastEdit")
        edited_at = editor = None
        if edit:
            edit_time = edit.css("time.u-dt")
            edited_at = iso_datetime(
                edit_time.attrib.get("datetime") if edit_time else None, ctx.timezone
            )
            # "Last edited:" is the author's own edit; "...by a moderator:" names nobody
            if "moderator" not in squash(" ".join(edit.css("::text").getall())).lower():
                editor = author or None
        own_link = next(
            (
                href
                for href in article.css(".message-attribution-main a::attr(href)").getall()
                if f"post-{post_id}" in href
            ),
            f"{thread.url}post-{post_id}",
        )
        head = PostHead(
            post_id,
            absolute(url, own_link),
            position,
            author or None,
            author_id,
            posted_at,
            edited_at,
            editor,
        )
        message = Message(body, quotes, cited_urls_unshortened(body_el, url, body))
        return make_post(
            head,
            message,
            first_text(article.css("aside.message-signature .bbWrapper"))
            or first_text(article.css("aside.message-signature")),
            thread,
            ctx,
            url,
        )

    # --------------------------------------------------------------- listing
    def parse_listing(self, url: str, sel: Selector) -> ListingPage:
        """Sub-forums and categories, threads (first pages) and every page of this forum."""
        own = self._target(url)
        own_forum = own[3] if own and own[0] == "forum" else None
        own_canonical = self.canonical_url(url)
        boards: list[str] = []
        threads: list[str] = []
        seen_pages: list[int] = []
        for link in listing_links(sel, url):
            target = self._target(link)
            canonical = self.canonical_url(link)
            if target is None or canonical is None or canonical == own_canonical:
                continue
            kind, _, _, ident, page = target
            if kind == "thread" and page == 1 and canonical not in threads:
                threads.append(canonical)
            elif kind == "forum" and ident == own_forum:
                seen_pages.append(page)
            elif kind in ("forum", "category") and page == 1 and canonical not in boards:
                boards.append(canonical)
        pages: tuple[str, ...] = ()
        if own and own_forum:
            _, prefix, key, _, own_page = own
            first = f"{prefix}forums/{key}/"
            pages = tuple(
                first if n == 1 else f"{first}page-{n}"
                for n in page_numbers(own_page, seen_pages)
                if n != own_page
            )
        return ListingPage(
            board_urls=tuple(boards),
            thread_urls=tuple(threads),
            page_urls=pages,
            thread_hints=self._hints(url, sel),
        )

    def _hints(self, url: str, sel: Selector) -> dict[str, ThreadHint]:
        """Replies of each thread row ("Replies 5"), for incremental re-crawls. The
        list links the last post only as `.../latest`, so its id is not known."""
        hints = {}
        for row in sel.css(".structItem--thread"):
            href = row.css(".structItem-title a[data-tp-primary]::attr(href)").get() or next(
                (
                    h
                    for h in row.css(".structItem-title a::attr(href)").getall()
                    if "/threads/" in h
                ),
                None,
            )
            target = self.canonical_url(absolute(url, href)) if href else None
            if not target:
                continue
            replies = None
            for pair in row.css(".structItem-cell--meta dl"):
                if squash(pair.css("dt::text").get()).lower() == "replies":
                    replies = to_int(pair.css("dd::text").get())
            hints[target] = ThreadHint(posts=replies + 1 if replies is not None else None)
        return hints


def _is_quote(el: lxml_html.HtmlElement) -> bool:
    return el.tag == "blockquote" and has_class(el, "bbCodeBlock--quote")


def _take_quotes(body: lxml_html.HtmlElement) -> tuple[QuotedReply, ...]:
    """Remove the top-level quoted replies from `body` (in place) and return them."""
    quotes = []
    for block in outermost(body, _is_quote):
        source = _SOURCE.search(block.get("data-source") or "")
        if source is None:  # before 2.2 only the title's link names the quoted post
            jumps = block.xpath(
                f"./div[{_CLASS.format('bbCodeBlock-title')}]"
                f"//a[{_CLASS.format('bbCodeBlock-sourceJump')}]/@href"
            )
            source = _GOTO_POST.search(str(jumps[0])) if jumps else None
        author = squash(block.get("data-quote")) or None
        if author is None:
            title = block.xpath(f".//div[{_CLASS.format('bbCodeBlock-title')}]")
            said = squash(title[0].text_content()) if title else ""
            author = re.sub(r"\s+said:?$", "", said) or None
        content = block.xpath(f"./div[{_CLASS.format('bbCodeBlock-content')}]")
        quoted = content[0] if content else block
        for furniture in quoted.xpath(f".//div[{_CLASS.format('bbCodeBlock-expandLink')}]"):
            drop(furniture)
        quotes.append(
            QuotedReply(
                text=element_text(quoted),
                author=author,
                quoted_post_id=source.group(1) if source else None,
            )
        )
        drop(block)
    return tuple(quotes)
