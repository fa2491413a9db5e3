"""MyBB 1.8 (default theme, postbit and classic postbit): thread pages and forum listings.

Everything MyBB-specific lives here: the URLs (`showthread.php?tid=5&page=2`,
`forumdisplay.php?fid=2`, post links `showthread.php?tid=5&pid=61#pid61`, and
the search-engine-friendly `thread-5-page-2.html` forms), the post markup
(`div.post#post_<ID>`, the "#N" post number, body `div.post_body`,
`div.signature`, the "This post was last modified" note), quotes
(`blockquote.mycode_quote` whose `cite` links the quoted post by `pid`) and
dates, which MyBB prints relative to now ("2 hours ago", "Today, 12:20 AM")
with the absolute date in a `title`. Selectors follow MyBB's 1.8 master
templates (see tests/fixtures/mybb/README.md).
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from datetime import datetime
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

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
from crawler.engines.toolkit.dates import page_context, parse_forum_date
from crawler.engines.toolkit.pages import fill_steps
from crawler.engines.toolkit.posts import Message, PostHead, ThreadHead, make_post, thread_page
from crawler.engines.toolkit.text import element_text
from crawler.engines.toolkit.tree import block_text, clean_source, drop, outermost, tag_is
from crawler.engines.toolkit.urls import cited_urls_outside_links
from crawler.items import Post, QuotedReply, Thread

# MyBB's default date "m-d-Y" and time "h:i A" joined by ", "; boards set
# their own formats, day-first ones among them (timezone: ctx.timezone).
DATE_FORMATS = (
    "%m-%d-%Y, %I:%M %p",
    "%m-%d-%Y %I:%M %p",
    "%d-%m-%Y, %H:%M",
    "%Y-%m-%d, %H:%M",
    "%d.%m.%Y, %H:%M",
    "%m-%d-%Y",
)

# search-engine-friendly URLs: thread-5.html, thread-5-page-2.html,
# thread-5-post-61.html, thread-5-lastpost.html, forum-2-page-3.html, post-61.html
_SEF = re.compile(
    r"^(thread|forum|post|user)-(\d+)(?:-(page|post|lastpost|newpost)(?:-(\d+))?)?\.html$"
)
_NUMBER = re.compile(r"#\s*(\d+)")
_PAGES = re.compile(r"\((\d+)\)")
_HAS_TIME = re.compile(r"\d:\d\d")
_WROTE = re.compile(r"^(?P<who>.*\S)\s+\S+:\s*$")
_INT = re.compile(r"\d[\d,.]*")


class Mybb18:
    """Page object for MyBB 1.8."""

    name = "mybb"

    # ------------------------------------------------------------ detection
    def detect(self, url: str, sel: Selector) -> bool:
        scripts = " ".join(sel.css("script::text").getall())
        if "my_post_key" not in scripts:
            return False
        return bool(
            sel.css('script[src*="jscripts/general.js"], a[href*="mybb.com"], div.post_body')
        )

    # ------------------------------------------------------------------ urls
    def canonical_url(self, url: str) -> str | None:
        folder, page, params = _split(url)
        if page in ("", "index.php"):
            return folder + "index.php" if not params else None
        if page == "showthread.php":
            tid = params.get("tid", "")
            if not tid.isdigit() or "pid" in params or "action" in params:
                return (
                    None  # post links, lastpost/newpost/next jumps: the numbered pages cover them
                )
            if params.get("mode") == "threaded":
                return None  # one post at a time
            return _paged(f"{folder}showthread.php?tid={tid}", params)
        if page == "forumdisplay.php":
            fid = params.get("fid", "")
            return _paged(f"{folder}forumdisplay.php?fid={fid}", params) if fid.isdigit() else None
        return None  # profiles, posting, search, printable versions, feeds

    def page_kind(self, url: str, sel: Selector) -> str | None:
        if _post_nodes(sel):
            return "thread"
        if sel.css("tr.inline_row, span.forum_status"):
            return "listing"
        return None

    # ---------------------------------------------------------------- thread
    @with_generic_fallback
    def parse_thread(self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage:
        ctx = page_context(ctx, sel)  # "All times are GMT -5"
        tid = self._thread_id(url, sel)
        page = self._page_number(url, sel)
        folder = _split(url)[0]
        first = f"{folder}showthread.php?tid={tid}"
        total = _PAGES.search(" ".join(sel.css("div.pagination span.pages::text").getall()))
        numbers = {page}
        for href in sel.css("div.pagination a::attr(href)").getall():
            _, name, params = _split(urljoin(url, href))
            number = params.get("page", "1")
            if name == "showthread.php" and params.get("tid") == tid and number.isdigit():
                numbers.add(int(number))
        if total:  # "Pages (9):"
            numbers.add(int(total.group(1)))
        page_urls = tuple(
            first if n == 1 else f"{first}&page={n}" for n in fill_steps(numbers, first=1)
        )
        crumbs = [
            " ".join(t.split()) for t in sel.css("div.navigation > a ::text").getall() if t.strip()
        ]
        title = " ".join(" ".join(sel.css("div.navigation span.active ::text").getall()).split())
        head = ThreadHead(
            tid,
            first,
            title or " ".join((sel.css("title::text").get() or "").split()),
            crumbs[-1] if len(crumbs) >= 2 else None,
        )
        nodes = _post_nodes(sel)

        def read(index: int, node: Selector, thread: Thread) -> Post:
            post = _post(node, url, folder, thread, ctx)
            if post.position < 0:
                # no "#N" (a theme without it): full pages before this one
                post = replace(post, position=(page - 1) * len(nodes) + index)
            return post

        return thread_page(ctx, head, page_urls, nodes, read)

    def _thread_id(self, url: str, sel: Selector) -> str:
        """From the URL, else from the links every thread page carries
        (thread modes, search in thread, reply buttons)."""
        _, name, params = _split(url)
        if name == "showthread.php" and params.get("tid", "").isdigit():
            return params["tid"]
        for href in sel.css(
            '#thread_modes_popup a::attr(href), a[href*="newreply.php?tid="]::attr(href), '
            'a[href*="printthread.php?tid="]::attr(href)'
        ).getall():
            tid = _split(urljoin(url, href))[2].get("tid", "")
            if tid.isdigit():
                return tid
        tid = sel.css('input[name="tid"]::attr(value)').get() or ""
        if tid.isdigit():
            return tid
        raise PageError(f"not a MyBB thread page: {url}")

    def _page_number(self, url: str, sel: Selector) -> int:
        current = sel.css("div.pagination span.pagination_current::text").get()
        if current and current.strip().isdigit():
            return int(current.strip())
        page = _split(url)[2].get("page", "1")
        return int(page) if page.isdigit() and int(page) > 0 else 1

    # --------------------------------------------------------------- listing
    def parse_listing(self, url: str, sel: Selector) -> ListingPage:
        boards: list[str] = []
        threads: list[str] = []
        pages: list[str] = []
        own = self.canonical_url(url) or url
        own_fid = _split(own)[2].get("fid")
        folder = _split(url)[0]
        for href in sel.css("a::attr(href)").getall():
            target = self.canonical_url(urljoin(url, href))
            if not target or target == own or not target.startswith(folder):
                continue
            _, name, params = _split(target)
            if name == "showthread.php":
                if "page" not in params and target not in threads:
                    threads.append(target)  # first pages only
            elif name == "forumdisplay.php":
                bucket = pages if params.get("fid") == own_fid else boards
                if target not in bucket:
                    bucket.append(target)
        return ListingPage(
            board_urls=tuple(boards),
            thread_urls=tuple(threads),
            page_urls=tuple(pages),
            thread_hints=self._hints(url, sel),
        )

    def _hints(self, url: str, sel: Selector) -> dict[str, ThreadHint]:
        """Replies of each thread row (the "who posted" link's number); the
        last-post link is `action=lastpost`, without the post id."""
        hints = {}
        for row in sel.css("tr.inline_row"):
            link = row.css('span[id^="tid_"] a::attr(href)').get()
            target = self.canonical_url(urljoin(url, link)) if link else None
            if not target:
                continue
            replies = _INT.search(
                " ".join(row.css('a[href^="javascript:MyBB.whoPosted"]::text').getall())
            )
            posts = int(re.sub(r"\D", "", replies.group(0))) + 1 if replies else None
            hints[target] = ThreadHint(posts=posts, last_post_id=None)
        return hints


# ---------------------------------------------------------------------- urls
def _split(url: str) -> tuple[str, str, dict[str, str]]:
    """The folder URL of the board, the script name and the parameters of
    `url`; search-engine-friendly names are read as their script form."""
    parts = urlsplit(url)
    folder_path, _, name = parts.path.rpartition("/")
    folder = urlunsplit((parts.scheme, parts.netloc, folder_path + "/", "", ""))
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    sef = _SEF.match(name)
    if sef:
        kind, ident, extra, number = sef.groups()
        if kind == "thread":
            params.setdefault("tid", ident)
            if extra == "page" and number:
                params.setdefault("page", number)
            elif extra == "post" and number:
                params.setdefault("pid", number)
            elif extra in ("lastpost", "newpost"):
                params.setdefault("action", extra)
            name = "showthread.php"
        elif kind == "forum":
            params.setdefault("fid", ident)
            if extra == "page" and number:
                params.setdefault("page", number)
            name = "forumdisplay.php"
        elif kind == "post":
            params.setdefault("pid", ident)
            name = "showthread.php"
        else:
            name = "member.php"
    return folder, name, params


def _paged(base: str, params: dict[str, str]) -> str:
    page = params.get("page", "1")
    return f"{base}&page={page}" if page.isdigit() and int(page) > 1 else base


# --------------------------------------------------------------------- posts
def _post_nodes(sel: Selector) -> list[Selector]:
    nodes = sel.css('#posts div.post[id^="post_"], div.post[id^="post_"]')
    seen: list[Selector] = []
    ids: set[str] = set()
    for node in nodes:
        ident = (node.attrib.get("id") or "").removeprefix("post_")
        if ident in ids or not node.css("div.post_body"):
            continue
        if ident.isdigit():
            ids.add(ident)
        seen.append(node)  # a broken id is skipped with a reason by _post
    return seen


def _post(node: Selector, url: str, folder: str, thread: Thread, ctx: PageContext) -> Post:
    post_id = (node.attrib.get("id") or "").removeprefix("post_")
    if not post_id.isdigit():
        raise PostSkipped(f"a post without a post id on {url}")
    info = node.css("div.author_information span.largetext")
    link = info.css('a[href*="uid="]')
    if link:
        author = " ".join(" ".join(link[0].css("::text").getall()).split()) or None
        author_id = _split(urljoin(url, link[0].attrib.get("href", "")))[2].get("uid")
    else:  # guests: the name without a link
        author = " ".join(" ".join(info.css("::text").getall()).split()) or None
        author_id = None
    number = _NUMBER.search(" ".join(node.css("div.post_head div.float_right a::text").getall()))
    body_node = node.css("div.post_body")
    if not body_node:
        raise PostSkipped(f"post {post_id} on {url} has no message")
    body_el = copy.deepcopy(body_node[0].root)
    clean_source(body_el)
    quotes = _take_quotes(body_el, url)
    body = element_text(body_el)
    edited_at, editor = _edit(node, ctx)
    head = PostHead(
        post_id,
        f"{folder}showthread.php?tid={thread.thread_id}&pid={post_id}#pid{post_id}",
        int(number.group(1)) - 1 if number else -1,
        author,
        author_id,
        _posted_at(node, ctx),
        edited_at,
        editor,
    )
    message = Message(body, quotes, cited_urls_outside_links(body_el, url))
    return make_post(head, message, _signature(node), thread, ctx, url)


def _absolute_date_text(el: lxml_html.HtmlElement) -> str:
    """The text of a MyBB date with its relative parts replaced by the absolute
    date of their `title`: "<span title="01-09-2026">Today</span>, 12:20 AM"
    reads "01-09-2026, 12:20 AM"; "<span title="01-09-2026, 10:31 AM">2 hours
    ago</span>" reads "01-09-2026, 10:31 AM"."""
    el = copy.deepcopy(el)
    clean_source(el)
    for span in el.xpath(".//span[@title]"):
        title = span.get("title") or ""
        if title:
            for child in list(span):
                span.remove(child)
            span.text = title
    return " ".join(el.text_content().split())


def _parse_date(text: str, ctx: PageContext) -> datetime | None:
    return parse_forum_date(text, ctx, DATE_FORMATS) if text else None


def _posted_at(node: Selector, ctx: PageContext) -> datetime | None:
    found = node.css("div.post_head span.post_date")
    if not found:
        return None
    date_el = copy.deepcopy(found[0].root)
    for edit in date_el.xpath('.//span[contains(@class, "post_edit")]'):
        drop(edit)
    return _parse_date(_absolute_date_text(date_el), ctx)


def _edit(node: Selector, ctx: PageContext) -> tuple[datetime | None, str | None]:
    """ "(This post was last modified: DATE by NAME. Edit Reason: ...)"."""
    found = node.css("span.post_edit span.edited_post")
    if not found:
        return None, None
    note = copy.deepcopy(found[0].root)
    editor_link = note.find(".//a")
    editor = " ".join(editor_link.text_content().split()) if editor_link is not None else None
    if editor_link is not None:  # the date is what precedes the editor's name
        for after in editor_link.xpath("following-sibling::node()"):
            if isinstance(after, str):
                continue
            drop(after)
        editor_link.tail = None
        drop(editor_link)
    text = _absolute_date_text(note).lstrip("(")
    head, _, rest = text.partition(":")
    when = rest.strip() if rest else head
    when = re.sub(r"\s+\S+$", "", when)  # the word "by" before the name
    return _parse_date(when, ctx), editor


def _signature(node: Selector) -> str:
    found = node.css("div.post_content div.signature")
    if not found:
        return ""
    el = copy.deepcopy(found[0].root)
    clean_source(el)
    return element_text(el)


def _take_quotes(body: lxml_html.HtmlElement, url: str) -> tuple[QuotedReply, ...]:
    """Remove quoted replies from `body` (in place) and return them.

    A quote made with the Reply/Quote buttons reads "<span>(DATE)</span>NAME
    Wrote: <a class="quick_jump" href="...pid=61#pid61">"; one typed as
    [quote='NAME'] has the name only. A bare [quote] ("Quote:") quotes no
    post: it frames reposted material, such as a press release, so its text
    stays in the body and only the label goes. Nested quotes stay inside the
    outer one, without their headers.
    """
    quotes = []
    for block in outermost(body, tag_is("blockquote")):
        if "mycode_quote" not in (block.get("class") or ""):
            continue
        cite = next((child for child in block if child.tag == "cite"), None)
        quoted_id = author = None
        if cite is not None:
            for a in cite.iter("a"):
                pid = _split(urljoin(url, a.get("href") or ""))[2].get("pid", "")
                if pid.isdigit():
                    quoted_id = pid
            head = copy.deepcopy(cite)
            for part in head.xpath("./span | .//a"):
                drop(part)
            found = _WROTE.match(" ".join(head.text_content().split()))
            author = found.group("who") if found else None
        if author is None and quoted_id is None:
            if cite is not None:
                drop(cite)  # "Quote:"
            continue
        quotes.append(
            QuotedReply(text=block_text(block, ".//cite"), author=author, quoted_post_id=quoted_id)
        )
        drop(block)
    return tuple(quotes)
