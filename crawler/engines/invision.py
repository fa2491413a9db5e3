"""Invision Community 4.x (IPS): topic pages and forum listings.

Topics live at `/topic/<id>-<slug>/` with later pages at `.../page/<n>/`
(or the same path after `index.php?` on boards without URL rewriting); a
post is `article#elComment_<ID>` with the author pane `aside.cAuthorPane`,
the date in `time[datetime]` (UTC, "Z"), the body in
`div[data-role=commentContent]` and the signature in
`div[data-role=memberSignature]`. Quotes are `blockquote.ipsQuote` carrying
the quoted author and post id in `data-ipsquote-username` and
`data-ipsquote-contentcommentid`; an edit note ("Edited <time> by X") sits
at the end of the body marked `data-excludequote`. Posts are not numbered on
the page: positions come from the page number and the pagination's
per-page count. Markup follows the IPS 4.6 theme templates
`forums/front/topics/{topic,postContainer,post}` and
`core/front/global/{signature,commentEditLine,userLink}` (see
tests/fixtures/invision4/README.md).
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
)
from crawler.engines.generic.refine import with_generic_fallback
from crawler.engines.toolkit.dates import iso_datetime
from crawler.engines.toolkit.pages import page_numbers
from crawler.engines.toolkit.posts import Message, PostHead, ThreadHead, make_post, thread_page
from crawler.engines.toolkit.text import element_text, first_text, squash, to_int
from crawler.engines.toolkit.tree import body_copy, drop, has_class, outermost
from crawler.engines.toolkit.urls import absolute, cited_urls_unshortened, listing_links
from crawler.items import Post, QuotedReply, Thread

DEFAULT_PER_PAGE = 25  # IPS's default posts per topic page

_ITEM = re.compile(r"^(\d+)(?:-[^/]*)?$")
_PROFILE = re.compile(r"/profile/(\d+)")
_EDITOR = re.compile(r"\bby\s+(.+?)\s*$", re.IGNORECASE)
_CLASS = 'contains(concat(" ", normalize-space(@class), " "), " {} ")'
_QUOTE = _CLASS.format("ipsQuote")
# `do=` actions that jump to a post: the numbered pages already cover them.
_JUMPS = frozenset({"findcomment", "getnewcomment", "getlastcomment", "getfirstcomment"})


class Invision4:
    """Page object for Invision Community 4.x (default theme)."""

    name = "invision"

    # ------------------------------------------------------------ detection
    def detect(self, url: str, sel: Selector) -> bool:
        if sel.css("body.ipsApp"):
            return True
        if sel.css("article[id^=elComment_].ipsComment, article.cPost[id^=elComment_]"):
            return True
        scripts = " ".join(sel.css("script::text").getall()[:10])
        return "ips.setSetting" in scripts or "ipsDebug" in scripts

    # ------------------------------------------------------------------ urls
    def _target(self, url: str) -> tuple[str, str, str, str, int] | None:
        """(kind, prefix, "<id>-<slug>", id, page) of topic and forum URLs;
        kind "index" for the board index, None for anything else."""
        parts = urlsplit(url)
        origin = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        path = parts.path or "/"
        query = parts.query
        if query.startswith("/"):  # index.php?/topic/1-x/page/2/&do=...
            route, _, query = query.partition("&")
            prefix = f"{origin}{path}?"
        else:
            route, prefix = path, origin
        params = {k.lower(): v for k, v in parse_qsl(query, keep_blank_values=True)}
        if params.get("do", "").lower() in _JUMPS or "comment" in params:
            return None
        segments = [s for s in route.split("/") if s]
        for i, segment in enumerate(segments):
            if segment in ("topic", "forum") and i + 1 < len(segments):
                ident = _ITEM.match(segments[i + 1])
                if not ident:
                    return None
                rest = segments[i + 2 :]
                page = 1
                if rest:
                    if len(rest) != 2 or rest[0] != "page" or not rest[1].isdigit():
                        return None
                    page = int(rest[1])
                elif params.get("page", "").isdigit():
                    page = int(params["page"])
                base = prefix + "/" + "/".join(segments[:i] + [segment, segments[i + 1]]) + "/"
                return segment, base, segments[i + 1], ident.group(1), page
        if not segments and not params or segments in (["forums"], ["index.php"]) and not params:
            return "index", f"{origin}{path}", "", "", 1
        return None

    def canonical_url(self, url: str) -> str | None:
        target = self._target(url)
        if target is None:
            return None
        kind, base, _, _, page = target
        if kind == "index":
            return base
        return f"{base}page/{page}/" if page > 1 else base

    def page_kind(self, url: str, sel: Selector) -> str | None:
        if sel.css("article[id^=elComment_]"):
            return "thread"
        if sel.css("ol.cTopicList, .cForumList, ol.ipsDataList, [data-role=forumList]"):
            return "listing"
        return None

    # ---------------------------------------------------------------- thread
    @with_generic_fallback
    def parse_thread(self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage:
        target = self._target(url)
        if not target or target[0] != "topic":
            declared = absolute(url, sel.css('link[rel="canonical"]::attr(href)').get())
            target = self._target(declared) if declared else None
        if not target or target[0] != "topic":
            raise PageError(f"not an Invision topic page: {url}")
        _, first, _, thread_id, page = target
        title = squash(
            " ".join(sel.css("h1.ipsType_pageTitle span.ipsType_break ::text").getall())
            or " ".join(sel.css("h1.ipsType_pageTitle ::text").getall())
            or (sel.css("title::text").get() or "").split(" - ")[0]
        )
        crumbs = [
            squash(" ".join(a.css("::text").getall()))
            for a in sel.css("nav.ipsBreadcrumb")[:1].css("li a")
        ]
        board = crumbs[-1] if len(crumbs) > 1 else None
        nav = sel.css("ul.ipsPagination")
        total = to_int(nav.attrib.get("data-pages")) if nav else None
        per_page = to_int(nav.attrib.get("data-ipspagination-perpage")) if nav else None
        seen = [
            int(n) for n in sel.css("ul.ipsPagination a::attr(data-page)").getall() if n.isdigit()
        ]
        numbers = page_numbers(page, seen, total)
        page_urls = tuple(first if n == 1 else f"{first}page/{n}/" for n in numbers)
        head = ThreadHead(thread_id, first, title, board)
        offset = (page - 1) * (per_page or DEFAULT_PER_PAGE)
        return thread_page(
            ctx,
            head,
            page_urls,
            sel.css("article[id^=elComment_]"),
            lambda index, article, thread: self._post(article, offset + index, url, thread, ctx),
        )

    def _post(
        self, article: Selector, position: int, url: str, thread: Thread, ctx: PageContext
    ) -> Post:
        post_id = (article.attrib.get("id") or "").removeprefix("elComment_")
        body_sel = article.css("div[data-role=commentContent]")
        if not post_id.isdigit():
            raise PostSkipped(f"post {position} on {url} has no post id")
        if not body_sel:
            raise PostSkipped(f"post {post_id} on {url} has no message (deleted or ignored)")
        author_link = article.css("aside.cAuthorPane h3.cAuthorPane_author a")
        author = squash(" ".join(author_link.css("::text").getall())) or squash(
            " ".join(article.css("aside.cAuthorPane h3.cAuthorPane_author ::text").getall())
        )
        profile = _PROFILE.search(author_link.attrib.get("href", "")) if author_link else None
        stamp = article.css(".ipsComment_meta time[datetime]")
        posted_at = iso_datetime(stamp.attrib.get("datetime") if stamp else None, ctx.timezone)
        body_el = body_copy(body_sel[0])
        edited_at, editor = _take_edit_note(body_el, ctx)
        quotes = _take_quotes(body_el)
        body = element_text(body_el)
        shared = article.css(".ipsComment_meta a[href*=findComment]::attr(href)").get()
        head = PostHead(
            post_id,
            absolute(url, shared) if shared else f"{thread.url}?do=findComment&comment={post_id}",
            position,
            author or None,
            profile.group(1) if profile else None,
            posted_at,
            edited_at,
            editor,
        )
        message = Message(body, quotes, cited_urls_unshortened(body_el, url, body))
        return make_post(
            head,
            message,
            first_text(article.css("div[data-role=memberSignature] .ipsType_richText")),
            thread,
            ctx,
            url,
        )

    # --------------------------------------------------------------- listing
    def parse_listing(self, url: str, sel: Selector) -> ListingPage:
        """Forums linked from the page, topics (first pages) and every page of this forum."""
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
            if kind == "topic" and page == 1 and canonical not in threads:
                threads.append(canonical)
            elif kind == "forum" and ident == own_forum:
                seen_pages.append(page)
            elif kind == "forum" and page == 1 and canonical not in boards:
                boards.append(canonical)
        pages: tuple[str, ...] = ()
        if own and own_forum:
            nav = sel.css("ul.ipsPagination")
            total = to_int(nav.attrib.get("data-pages")) if nav else None
            first = own[1]
            pages = tuple(
                first if n == 1 else f"{first}page/{n}/"
                for n in page_numbers(own[4], seen_pages, total)
                if n != own[4]
            )
        return ListingPage(
            board_urls=tuple(boards),
            thread_urls=tuple(threads),
            page_urls=pages,
            thread_hints=self._hints(url, sel),
        )

    def _hints(self, url: str, sel: Selector) -> dict[str, ThreadHint]:
        """Replies of each topic row ("5 replies"), for incremental re-crawls. The
        last post is linked as `?do=getLastComment`, without its id."""
        hints = {}
        for row in sel.css("li.ipsDataItem[data-rowid]"):
            href = row.css(".ipsDataItem_title span.ipsType_break a::attr(href)").get()
            target = self.canonical_url(absolute(url, href)) if href else None
            if not target:
                continue
            replies = None
            for stat in row.css("ul.ipsDataItem_stats li"):
                kind = squash(" ".join(stat.css(".ipsDataItem_stats_type ::text").getall())).lower()
                if kind.startswith("repl"):
                    replies = to_int(stat.css(".ipsDataItem_stats_number::text").get())
            hints[target] = ThreadHint(posts=replies + 1 if replies is not None else None)
        return hints


def _take_edit_note(
    body: lxml_html.HtmlElement, ctx: PageContext
) -> tuple[datetime | None, str | None]:
    """Remove the "Edited <time> by X" line from `body`; return (edited_at, editor)."""
    edited_at = editor = None
    for note in body.xpath(".//*[@data-excludequote]"):
        if note.xpath("ancestor::blockquote"):
            continue
        times = note.xpath(".//time[@datetime]")
        if times:
            edited_at = iso_datetime(times[0].get("datetime"), ctx.timezone)
        who = _EDITOR.search(squash(note.text_content()))
        editor = who.group(1) if who else None
        drop(note)
    return edited_at, editor


def _is_quote(el: lxml_html.HtmlElement) -> bool:
    return el.tag == "blockquote" and has_class(el, "ipsQuote")


def _take_quotes(body: lxml_html.HtmlElement) -> tuple[QuotedReply, ...]:
    """Remove the top-level quoted replies from `body` (in place) and return them."""
    quotes = []
    for block in outermost(body, _is_quote):
        author = squash(block.get("data-ipsquote-username") or block.get("data-cite")) or None
        quoted_id = (block.get("data-ipsquote-contentcommentid") or "").strip() or None
        contents = block.xpath(f"./div[{_CLASS.format('ipsQuote_contents')}]")
        quoted = contents[0] if contents else block
        for citation in quoted.xpath(f"./div[{_CLASS.format('ipsQuote_citation')}]"):
            drop(citation)
        quotes.append(
            QuotedReply(text=element_text(quoted), author=author, quoted_post_id=quoted_id)
        )
        drop(block)
    return tuple(quotes)
