"""vBulletin 4.x (default style, `postbit_legacy`): thread pages and board listings.

PHP scripts with query strings (`showthread.php?t=412345&page=2`,
`forumdisplay.php?f=7`), `s=` session hashes and friendly forms
(`showthread.php?412345-title/page2`); posts are `li.postcontainer` with text
dates. Markup follows vBulletin 4.2 (`postbit_legacy`, `pagenav`,
`bbcode_quote`) templates; see tests/fixtures/vbulletin4/README.md.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from parsel import Selector

from crawler.engines.base import ListingPage, PageContext, PageError, PostSkipped, ThreadPage
from crawler.engines.generic.refine import with_generic_fallback
from crawler.engines.toolkit.dates import page_context, parse_forum_date
from crawler.engines.toolkit.listing import HintColumns, Links
from crawler.engines.toolkit.pages import numbered, other_pages, page_numbers
from crawler.engines.toolkit.posts import PostHead, ThreadHead, make_post, read_message, thread_page
from crawler.engines.toolkit.text import css_text, first_text, squash, to_int
from crawler.engines.toolkit.tree import body_copy
from crawler.engines.toolkit.urls import absolute, cited_urls_unshortened, listing_links
from crawler.engines.vbulletin import common
from crawler.items import Post, Thread

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
HINTS = HintColumns(
    rows="li.threadbit",
    link="a.title",
    replies=".threadstats ::text",
    count=re.compile(r"Replies:?\s*([\d,.\s]+)", re.IGNORECASE),
    last=".threadlastpost a",
    last_id=common.POST_HREF,
)
_VIEWS = re.compile(r"Thread\s+views?:\s*([\d,.\s]+)", re.IGNORECASE)


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
    @with_generic_fallback
    def parse_thread(self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage:
        ctx = page_context(ctx, sel)  # "All times are GMT -5"
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
        views_count = to_int(views.group(1)) if views else None
        head = ThreadHead(thread_id, first, title, crumbs[-1] if crumbs else None, views_count)
        # the list is numbered from the page's first post: <ol id="posts" start="11">
        start = to_int(sel.css("ol#posts::attr(start)").get()) or 1
        return thread_page(
            ctx,
            head,
            self._page_urls(url, sel, thread_id, page, first),
            sel.css("li.postcontainer"),
            lambda index, item, thread: self._post(item, start - 1 + index, url, base, thread, ctx),
        )

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
        return numbered(first, page_numbers(page, seen, total), lambda n: f"&page={n}")

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
            raise PostSkipped(common.unreadable(fallback_position, post_id, url))
        number = common.POST_NUMBER.search(item.css("a.postcounter::text").get() or "")
        count_name = item.css('a[id^="postcount"]::attr(name)').get() or ""
        position = (
            int(number.group(1)) - 1
            if number
            else (int(count_name) - 1 if count_name.isdigit() else fallback_position)
        )
        author_link = item.css(".username_container a.username")
        author = css_text(author_link) or css_text(item, ".username_container .username ::text")
        member = self._parse(absolute(url, author_link.attrib.get("href"))) if author_link else None
        date_text = css_text(item, ".posthead .date ::text")
        note = " ".join(item.css("blockquote.lastedited ::text").getall())
        head = PostHead(
            post_id,
            f"{base}showthread.php?t={thread.thread_id}&p={post_id}#post{post_id}",
            position,
            author or None,
            member[2].get("u") if member else None,
            parse_forum_date(date_text, ctx, common.date_formats(self.day_first)),
            *common.edit_note(note, ctx, self.day_first),
        )
        quotes = common.take_bbcode_quotes
        message = read_message(body_copy(body_sel[0]), url, quotes, cited_urls_unshortened)
        signature = first_text(item.css("blockquote.signature .signaturecontainer")) or first_text(
            item.css("blockquote.signature")
        )
        return make_post(head, message, signature, thread, ctx, url)

    # --------------------------------------------------------------- listing
    def parse_listing(self, url: str, sel: Selector) -> ListingPage:
        """Subforums, threads (first pages) and every page of this forum's thread list."""
        own_canonical = self.canonical_url(url)
        own = self._parse(own_canonical or url)
        own_forum = own[2].get("f") if own else None
        links = Links()
        seen_pages: list[int] = []
        for link in listing_links(sel, url):
            target = self.canonical_url(link)
            parsed = self._parse(target) if target else None
            if not target or not parsed or target == own_canonical:
                continue
            _, script, params = parsed
            if script == "showthread.php" and "page" not in params:
                links.thread(target)
            elif script == "forumdisplay.php" and params["f"] == own_forum:
                seen_pages.append(int(params.get("page", "1")))
            elif script == "forumdisplay.php" and "page" not in params:
                links.board(target)
        pages: tuple[str, ...] = ()
        if own and own_forum:
            announced = _PAGE_OF.search(" ".join(sel.css(".pagination ::text").getall()))
            total = int(announced.group(2)) if announced else None
            first = f"{own[0]}forumdisplay.php?f={own_forum}"
            own_page = int(own[2].get("page", "1"))
            pages = other_pages(first, own_page, seen_pages, lambda n: f"&page={n}", total)
        return links.listing(HINTS.read(sel, url, self.canonical_url), pages)
