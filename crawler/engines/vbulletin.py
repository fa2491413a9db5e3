"""vBulletin 4 and vBulletin 5 (vBulletin Connect): thread pages and board listings.

The two share a name and the BB code renderer (quoted replies are
`div.bbcode_container` with an "Originally Posted by" header and a
`div.message`), and nothing else: vBulletin 4 is PHP scripts with query
strings (`showthread.php?t=412345&page=2`, `s=` session hashes, friendly
forms `showthread.php?412345-title/page2`) and `li.postcontainer` posts with
text dates; vBulletin 5 is a route-based site (`/forum/channel/412345-title/page2`)
with `li.b-post[data-node-id]` posts carrying Unix timestamps.

Text dates ("05-02-2023, 01:14 PM", "Today, 01:14 PM") are month-first on
US boards and day-first elsewhere: the board's locale decides, so the order
is an option of the page object (`day_first`), month-first by default.
Markup follows vBulletin 4.2 (`postbit_legacy`, `pagenav`, `bbcode_quote`)
and vBulletin 5.3 (`display_contenttype_threadview_header`,
`conversation_userinfo`, `conversation_signature`, `conversation_posthistory`)
templates; see the README of each fixture folder.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from lxml import html as lxml_html
from parsel import Selector

from crawler.engines.base import (
    ListingPage,
    PageContext,
    PageError,
    PostSkipped,
    ThreadHint,
    ThreadPage,
    read_posts,
)
from crawler.engines.toolkit.dates import iso_datetime, parse_forum_date, unix_datetime
from crawler.engines.toolkit.pages import page_numbers
from crawler.engines.toolkit.text import element_text, first_text, squash, to_int
from crawler.engines.toolkit.tree import body_copy, drop, has_class, outermost
from crawler.engines.toolkit.urls import absolute, cited_urls_unshortened, listing_links
from crawler.items import Post, QuotedReply, Thread

MONTH_FIRST_FORMATS = (
    "%m-%d-%Y %I:%M %p",
    "%m-%d-%Y, %I:%M %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y, %I:%M %p",
    "%m-%d-%Y %H:%M",
    "%m-%d-%Y, %H:%M",
)
DAY_FIRST_FORMATS = tuple(
    f.replace("%m-%d", "%d-%m").replace("%m/%d", "%d/%m") for f in MONTH_FIRST_FORMATS
)

# URL parameters that never change which page is shown (vBulletin 4 session hash included).
_VB4_NOISE = frozenset(
    {"s", "highlight", "viewfull", "order", "sort", "pp", "daysprune", "prefixid"}
)
_VB4_SCRIPTS = (
    "showthread.php",
    "forumdisplay.php",
    "forum.php",
    "index.php",
    "member.php",
    "showpost.php",
    "printthread.php",
)
_FRIENDLY = re.compile(r"^(\d+)(?:-[^/]*)?(?:/page(\d+))?/?$")
_PAGE_OF = re.compile(r"Page\s+(\d+)\s+of\s+(\d+)", re.IGNORECASE)
_POST_NUMBER = re.compile(r"#\s*(\d+)")
_POST_HREF = re.compile(r"(?:[?&]p=|#post)(\d+)")
_VB4_EDIT = re.compile(
    r"Last edited by (?P<who>.+?);\s*(?P<when>.+?)\.?\s*(?:Reason:.*)?$", re.IGNORECASE
)
_REPLIES = re.compile(r"Replies:?\s*([\d,.\s]+)", re.IGNORECASE)
_VIEWS = re.compile(r"Thread\s+views?:\s*([\d,.\s]+)", re.IGNORECASE)
_VB5_MEMBER = re.compile(r"/member/(\d+)")
_VB5_TOPIC = re.compile(r"^(\d+)(?:-[^/]*)?$")
_VB5_PAGE = re.compile(r"^page(\d+)$")
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

_CLASS = 'contains(concat(" ", normalize-space(@class), " "), " {} ")'


def _date_formats(day_first: bool) -> tuple[str, ...]:
    return DAY_FIRST_FORMATS if day_first else MONTH_FIRST_FORMATS


def _unreadable(position: int, post_id: str, url: str) -> str:
    if not post_id.isdigit():
        return f"post {position} on {url} has no post id"
    return f"post {post_id} on {url} has no message (deleted or ignored)"


def _is_container(el: lxml_html.HtmlElement) -> bool:
    return el.tag == "div" and has_class(el, "bbcode_container")


def _take_quotes(body: lxml_html.HtmlElement) -> tuple[QuotedReply, ...]:
    """Remove the top-level quoted replies from `body` (in place) and return them.

    Code blocks are `bbcode_container` too; only containers holding a
    `bbcode_quote` are quotes. A nested quote stays inside its outer quote.
    """
    quotes = []
    quote = f".//div[{_CLASS.format('bbcode_quote')}]"
    for block in outermost(body, _is_container):
        if not block.xpath(quote):
            continue
        posted_by = block.xpath(f".//div[{_CLASS.format('bbcode_postedby')}]")
        author = quoted_id = None
        if posted_by:
            names = posted_by[0].xpath(".//strong")
            author = squash(names[0].text_content()) if names else None
            for a in posted_by[0].iter("a"):
                found = _POST_HREF.search(a.get("href") or "")
                if found:
                    quoted_id = found.group(1)
                    break
        messages = block.xpath(f".//div[{_CLASS.format('message')}]")
        if messages:
            quoted = messages[0]
        else:  # an anonymous [quote]: the text sits in the quote container itself
            quoted = block
            for furniture in block.xpath(
                f".//div[{_CLASS.format('bbcode_quote_container')} or "
                f"{_CLASS.format('bbcode_postedby')}]"
            ):
                drop(furniture)
        quotes.append(
            QuotedReply(text=element_text(quoted), author=author or None, quoted_post_id=quoted_id)
        )
        drop(block)
    # the "Code:" / "Quote:" labels over the remaining BB code blocks are not the poster's words
    for label in body.xpath(f".//div[{_CLASS.format('bbcode_description')}]"):
        drop(label)
    return tuple(quotes)


def _edit_note(note: str, ctx: PageContext, day_first: bool) -> tuple[datetime | None, str | None]:
    """(edited_at, editor) from "Last edited by X; 05-02-2023 at 03:20 PM. Reason: ..."."""
    match = _VB4_EDIT.search(squash(note))
    if not match:
        return None, None
    when = re.sub(r"\s+at\s+", " ", match.group("when").strip(), count=1)
    return parse_forum_date(when, ctx, _date_formats(day_first)), match.group("who").strip()


# ====================================================================== vBulletin 4
class VBulletin4:
    """Page object for vBulletin 4.x (default style, `postbit_legacy`)."""

    name = "vbulletin4"

    def __init__(self, day_first: bool = False) -> None:
        self.day_first = day_first

    # ------------------------------------------------------------ detection
    def detect(self, url: str, sel: Selector) -> bool:
        generator = sel.css('meta[name="generator"]::attr(content)').get() or ""
        if generator.lower().startswith("vbulletin 4"):
            return True
        if not sel.css("html#vbulletin_html"):
            return False
        return bool(sel.css("li.postcontainer, ol#forums, ol#threads, #threadlist, #postlist"))

    # ------------------------------------------------------------------ urls
    def _parse(self, url: str) -> tuple[str, str, dict[str, str]] | None:
        """(directory of the scripts, script name, parameters) of a vBulletin 4 URL.

        Friendly URLs ("showthread.php?412345-Title/page2" and
        "showthread.php/412345-Title/page2") become `t`/`f` and `page`.
        """
        parts = urlsplit(url)
        path = parts.path
        script = ""
        extra = ""
        for name in _VB4_SCRIPTS:
            marker = "/" + name
            at = path.find(marker)
            if at >= 0:
                script = name
                extra = path[at + len(marker) :].lstrip("/")
                path = path[: at + 1]
                break
        if not script:
            if path.endswith("/"):
                return urlunsplit((parts.scheme, parts.netloc, path, "", "")), "", {}
            return None
        base = urlunsplit((parts.scheme, parts.netloc, path, "", ""))
        params: dict[str, str] = {}
        friendly = extra
        for piece in parts.query.split("&"):
            if not piece:
                continue
            if "=" not in piece and not friendly:
                friendly = piece
                continue
            for key, value in parse_qsl(piece, keep_blank_values=True):
                params.setdefault(key.lower(), value)
        if friendly:
            match = _FRIENDLY.match(friendly)
            if match:
                key = {"showthread.php": "t", "forumdisplay.php": "f", "member.php": "u"}.get(
                    script, "id"
                )
                params.setdefault(key, match.group(1))
                if match.group(2):
                    params.setdefault("page", match.group(2))
        return base, script, params

    def canonical_url(self, url: str) -> str | None:
        parsed = self._parse(url)
        if parsed is None:
            return None
        base, script, params = parsed
        params = {k: v for k, v in params.items() if k not in _VB4_NOISE}
        page = int(params["page"]) if params.get("page", "").isdigit() else 1
        suffix = f"&page={page}" if page > 1 else ""
        if script == "showthread.php":
            # a post permalink (p=) or a jump (goto=newpost) is covered by the numbered pages
            if "p" in params or "goto" in params or not params.get("t", "").isdigit():
                return None
            return f"{base}showthread.php?t={params['t']}{suffix}"
        if script == "forumdisplay.php":
            if not params.get("f", "").isdigit():
                return None
            return f"{base}forumdisplay.php?f={params['f']}{suffix}"
        if script in ("forum.php", "index.php", ""):
            return f"{base}{script}" if not params else None
        return None  # profiles, single posts, print views

    def page_kind(self, url: str, sel: Selector) -> str | None:
        if sel.css("li.postcontainer, #postlist"):
            return "thread"
        if sel.css("ol#threads, #threadlist, ol#forums, .forumbits, #forumbits"):
            return "listing"
        return None

    def _thread_and_page(self, url: str, sel: Selector) -> tuple[str, str, int]:
        """(scripts directory, thread id, page number) of a thread page."""
        for candidate in (url, absolute(url, sel.css('link[rel="canonical"]::attr(href)').get())):
            canonical = self.canonical_url(candidate) if candidate else None
            if canonical:
                parsed = self._parse(canonical)
                if parsed and parsed[1] == "showthread.php":
                    base, _, params = parsed
                    return base, params["t"], int(params.get("page", "1"))
        hidden = sel.css('input[name="t"]::attr(value)').get()
        parsed = self._parse(url)
        if hidden and hidden.isdigit() and parsed:
            return parsed[0], hidden, 1
        raise PageError(f"not a vBulletin 4 thread page: {url}")

    # ---------------------------------------------------------------- thread
    def parse_thread(self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage:
        base, thread_id, page = self._thread_and_page(url, sel)
        first = f"{base}showthread.php?t={thread_id}"
        title = squash(
            " ".join(sel.css("#pagetitle .threadtitle ::text").getall())
            or " ".join(sel.css("#breadcrumb li.lastnavbit ::text").getall())
            or sel.css("title::text").get()
        )
        crumbs = [
            squash(t) for t in sel.css("#breadcrumb li.navbit:not(.lastnavbit) a::text").getall()
        ]
        outside = " ".join(sel.xpath("//body//text()[not(ancestor::*[@id='postlist'])]").getall())
        views = _VIEWS.search(outside)
        page_urls = self._page_urls(url, sel, thread_id, page, first)
        thread = Thread(
            forum=ctx.forum,
            thread_id=thread_id,
            url=first,
            title=title,
            board=crumbs[-1] if crumbs else None,
            page_count=len(page_urls),
            views=to_int(views.group(1)) if views else None,
            fetched_at=ctx.fetched_at,
        )
        # the list is numbered from the page's first post: <ol id="posts" start="11">
        start = to_int(sel.css("ol#posts::attr(start)").get()) or 1
        posts, skipped = read_posts(
            sel.css("li.postcontainer"),
            lambda index, item: self._post(item, start - 1 + index, url, base, thread, ctx),
        )
        return ThreadPage(thread=thread, posts=posts, page_urls=page_urls, skipped=skipped)

    def _page_urls(
        self, url: str, sel: Selector, thread_id: str, page: int, first: str
    ) -> tuple[str, ...]:
        seen: list[int] = []
        total = None
        for nav in sel.css(".pagination, #pagination_top, #pagination_bottom"):
            announced = _PAGE_OF.search(" ".join(nav.css("::text").getall()))
            if announced:
                total = max(total or 0, int(announced.group(2)))
            for href in nav.css("a::attr(href)").getall():
                canonical = self.canonical_url(absolute(url, href))
                parsed = self._parse(canonical) if canonical else None
                if parsed and parsed[2].get("t") == thread_id:
                    seen.append(int(parsed[2].get("page", "1")))
        return tuple(
            first if n == 1 else f"{first}&page={n}" for n in page_numbers(page, seen, total)
        )

    def _post(
        self,
        item: Selector,
        fallback_position: int,
        url: str,
        base: str,
        thread: Thread,
        ctx: PageContext,
    ) -> Post:
        post_id = (item.attrib.get("id") or "").removeprefix("post_")
        body_sel = item.css('div[id^="post_message_"] blockquote.postcontent')
        if not post_id.isdigit() or not body_sel:
            # deleted or ignored posts show no message
            raise PostSkipped(_unreadable(fallback_position, post_id, url))
        counter = item.css("a.postcounter::text").get() or ""
        number = _POST_NUMBER.search(counter)
        count_name = item.css('a[id^="postcount"]::attr(name)').get() or ""
        position = (
            int(number.group(1)) - 1
            if number
            else (int(count_name) - 1 if count_name.isdigit() else fallback_position)
        )
        author_link = item.css(".username_container a.username")
        author = squash(" ".join(author_link.css("::text").getall())) or squash(
            " ".join(item.css(".username_container .username ::text").getall())
        )
        author_id = None
        if author_link:
            member = self._parse(absolute(url, author_link.attrib.get("href")))
            author_id = member[2].get("u") if member else None
        date_text = squash(" ".join(item.css(".posthead .date ::text").getall()))
        posted_at = parse_forum_date(date_text, ctx, _date_formats(self.day_first))
        body_el = body_copy(body_sel[0])
        quotes = _take_quotes(body_el)
        body = element_text(body_el)
        signature = first_text(item.css("blockquote.signature .signaturecontainer")) or first_text(
            item.css("blockquote.signature")
        )
        edited_at, editor = _edit_note(
            " ".join(item.css("blockquote.lastedited ::text").getall()), ctx, self.day_first
        )
        return Post(
            forum=ctx.forum,
            thread_id=thread.thread_id,
            post_id=post_id,
            permalink=f"{base}showthread.php?t={thread.thread_id}&p={post_id}#post{post_id}",
            thread_title=thread.title,
            position=position,
            author=author or None,
            author_id=author_id,
            posted_at=posted_at,
            body=body,
            signature=signature,
            quotes=quotes,
            cited_urls=cited_urls_unshortened(body_el, url, body),
            edited_at=edited_at,
            editor=editor,
            page_url=url,
            fetched_at=ctx.fetched_at,
        )

    # --------------------------------------------------------------- listing
    def parse_listing(self, url: str, sel: Selector) -> ListingPage:
        """Subforums, threads (first pages) and every page of this forum's thread list."""
        own_canonical = self.canonical_url(url)
        own = self._parse(own_canonical or url)
        own_forum = own[2].get("f") if own else None
        own_page = int(own[2].get("page", "1")) if own else 1
        boards: list[str] = []
        threads: list[str] = []
        seen_pages: list[int] = []
        for link in listing_links(sel, url):
            target = self.canonical_url(link)
            parsed = self._parse(target) if target else None
            if not target or not parsed or target == own_canonical:
                continue
            _, script, params = parsed
            if script == "showthread.php":
                if "page" not in params and target not in threads:
                    threads.append(target)
            elif script == "forumdisplay.php":
                if params["f"] == own_forum:
                    seen_pages.append(int(params.get("page", "1")))
                elif "page" not in params and target not in boards:
                    boards.append(target)
        pages: tuple[str, ...] = ()
        if own and own_forum:
            announced = _PAGE_OF.search(" ".join(sel.css(".pagination ::text").getall()))
            total = int(announced.group(2)) if announced else None
            first = f"{own[0]}forumdisplay.php?f={own_forum}"
            pages = tuple(
                first if n == 1 else f"{first}&page={n}"
                for n in page_numbers(own_page, seen_pages, total)
                if n != own_page
            )
        return ListingPage(
            board_urls=tuple(boards),
            thread_urls=tuple(threads),
            page_urls=pages,
            thread_hints=self._hints(url, sel),
        )

    def _hints(self, url: str, sel: Selector) -> dict[str, ThreadHint]:
        """Replies and last post of each thread row ("Replies: 5", the last-post
        link `showthread.php?t=5120&p=700206#post700206`), for incremental re-crawls."""
        hints = {}
        for row in sel.css("li.threadbit"):
            target = self.canonical_url(absolute(url, row.css("a.title::attr(href)").get()))
            if not target:
                continue
            replies = _REPLIES.search(" ".join(row.css(".threadstats ::text").getall()))
            last = None
            for href in row.css(".threadlastpost a::attr(href)").getall():
                found = _POST_HREF.search(href)
                if found:
                    last = found.group(1)
            count = to_int(replies.group(1)) if replies else None
            hints[target] = ThreadHint(
                posts=count + 1 if count is not None else None, last_post_id=last
            )
        return hints


# ====================================================================== vBulletin 5
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
    def parse_thread(self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage:
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
        total = to_int(sel.css(".pagenav-controls .pagetotal::text").get())
        seen = [
            int(n)
            for n in sel.css(".js-pagenav a[data-page]::attr(data-page)").getall()
            if n.isdigit()
        ]
        numbers = page_numbers(page, [n for n in seen if n > 0], total)
        page_urls = tuple(first if n == 1 else f"{first}/page{n}" for n in numbers)
        thread = Thread(
            forum=ctx.forum,
            thread_id=thread_id,
            url=first,
            title=title,
            board=crumbs[-1] if crumbs else None,
            page_count=len(page_urls),
            views=None,
            fetched_at=ctx.fetched_at,
        )
        per_page = to_int(sel.css('#thread-view-tab input[name="per-page"]::attr(value)').get())
        offset = (page - 1) * (per_page or 0)
        items = sel.css("ul.conversation-list > li.b-post[data-node-id]") or sel.css(
            "li.b-post[data-node-id]:not(.b-comment)"
        )
        posts, skipped = read_posts(
            items, lambda index, item: self._post(item, offset + index, url, thread, ctx)
        )
        return ThreadPage(thread=thread, posts=posts, page_urls=page_urls, skipped=skipped)

    def _post(
        self, item: Selector, position: int, url: str, thread: Thread, ctx: PageContext
    ) -> Post:
        post_id = item.attrib.get("data-node-id", "")
        body_sel = item.css(".js-post__content-text")
        if not post_id.isdigit() or not body_sel:
            raise PostSkipped(_unreadable(position, post_id, url))
        number = _POST_NUMBER.search(" ".join(item.css("a.b-post__count::text").getall()))
        if number:
            position = int(number.group(1)) - 1
        author_link = item.css(".b-userinfo__details .author a")
        author = squash(" ".join(author_link.css("::text").getall())) or squash(
            " ".join(item.css(".b-userinfo__details .author ::text").getall())
        )
        member = _VB5_MEMBER.search(author_link.attrib.get("href", "")) if author_link else None
        stamp = item.css(".b-post__timestamp time")
        published = unix_datetime(item.attrib.get("data-node-publishdate"))
        posted_at = (
            (published.astimezone(ctx.timezone) if published else None)
            or iso_datetime(stamp.attrib.get("datetime") if stamp else None, ctx.timezone)
            or parse_forum_date(
                squash(" ".join(item.css(".b-post__timestamp ::text").getall())),
                ctx,
                _date_formats(self.day_first),
            )
        )
        body_el = body_copy(body_sel[0])
        quotes = _take_quotes(body_el)
        body = element_text(body_el)
        edited_at, editor = _edit_note(
            " ".join(item.css(".b-post__edit ::text").getall()), ctx, self.day_first
        )
        return Post(
            forum=ctx.forum,
            thread_id=thread.thread_id,
            post_id=post_id,
            permalink=f"{thread.url}?p={post_id}#post{post_id}",
            thread_title=thread.title,
            position=position,
            author=author or None,
            author_id=member.group(1) if member else None,
            posted_at=posted_at,
            body=body,
            signature=first_text(item.css(".post-signature")),
            quotes=quotes,
            cited_urls=cited_urls_unshortened(body_el, url, body),
            edited_at=edited_at,
            editor=editor,
            page_url=url,
            fetched_at=ctx.fetched_at,
        )

    # --------------------------------------------------------------- listing
    def parse_listing(self, url: str, sel: Selector) -> ListingPage:
        """Subchannels below this one, topics (first pages) and every page of this list."""
        own = self.canonical_url(url)
        own_route = self._route(own) if own else None
        root, own_path, own_page = own_route if own_route else ("", [], 1)
        boards: list[str] = []
        threads: list[str] = []
        seen_pages: list[int] = []
        for link in listing_links(sel, url):
            target = self.canonical_url(link)
            route = self._route(target) if target else None
            if not target or not route or target == own:
                continue
            _, segments, page = route
            if self._topic_id(segments):
                if page == 1 and target not in threads:
                    threads.append(target)
            elif segments == own_path:
                seen_pages.append(page)
            elif segments[: len(own_path)] == own_path and page == 1 and target not in boards:
                boards.append(target)
        total = to_int(sel.css(".pagenav-controls .pagetotal::text").get())
        base = f"{root}/" + "/".join(own_path)
        pages = tuple(
            base if n == 1 else f"{base.rstrip('/')}/page{n}"
            for n in page_numbers(own_page, seen_pages, total)
            if n != own_page
        )
        return ListingPage(
            board_urls=tuple(boards),
            thread_urls=tuple(threads),
            page_urls=pages,
            thread_hints=self._hints(url, sel),
        )

    def _hints(self, url: str, sel: Selector) -> dict[str, ThreadHint]:
        """Replies and last post of each topic row ("5 replies", the last-post
        link `...?p=5311#post5311`), for incremental re-crawls."""
        hints = {}
        for row in sel.css("tr.topic-item"):
            target = self.canonical_url(absolute(url, row.css("a.topic-title::attr(href)").get()))
            if not target:
                continue
            replies = to_int(" ".join(row.css(".posts-count ::text").getall()))
            last_href = row.css("a.go-to-last-post::attr(href)").get() or ""
            last = _POST_HREF.search(last_href)
            hints[target] = ThreadHint(
                posts=replies + 1 if replies is not None else None,
                last_post_id=last.group(1) if last else None,
            )
        return hints
