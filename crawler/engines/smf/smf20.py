"""Simple Machines Forum 2.0 (Curve theme): thread pages and board listings.

Everything specific to SMF 2.0's markup lives here: the poster block, the
keyinfo date, the `div.inner#msg_N` body, quotes with their header outside
the blockquote, the signature in the moderator bar, and the board lists.
URLs and pagination are shared with 2.1 (`common`). Selectors were measured
on real SMF 2.0.19 renders (see tests/fixtures/smf20/).
"""

from __future__ import annotations

import calendar
import copy
import re
from datetime import datetime
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement as Element
from parsel import Selector

from crawler.engines.base import ListingPage, PageContext, PageError, PostSkipped, ThreadPage
from crawler.engines.generic.refine import with_generic_fallback
from crawler.engines.smf import common
from crawler.engines.toolkit.dates import parse_forum_date
from crawler.engines.toolkit.listing import HintColumns
from crawler.engines.toolkit.posts import PostHead, ThreadHead, make_post, read_message, thread_page
from crawler.engines.toolkit.quotes import take_quotes
from crawler.engines.toolkit.text import digits, element_text, squash
from crawler.engines.toolkit.tree import css, drop, has_class, tag_is
from crawler.engines.toolkit.urls import last_link_match
from crawler.items import Post, QuotedReply, Thread

DATE_FORMATS = ("%B %d, %Y, %I:%M:%S %p", "%b %d, %Y, %I:%M:%S %p", "%B %d, %Y, %I:%M %p")

# month names as strptime reads %B (the C locale's, unless a program changed it)
_MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
_LONG_DATE = re.compile(
    rf"({'|'.join(_MONTHS)}) (\d\d), (\d{{4}}), (\d\d):(\d\d):(\d\d) (AM|PM)\Z"
)
_POSITION = re.compile(r"Reply\s+#(\d+)", re.IGNORECASE)
_DATE_IN_KEYINFO = re.compile(r"on:\s*(.+?)\s*»?\s*$", re.DOTALL)
_EDIT = re.compile(r"Last Edit:\s*(.+?)(?:\s+by\s+(.+?))?\s*»?\s*$", re.DOTALL)
_READ = re.compile(r"\(Read\s+([\d,.\s]+)\s+times\)", re.IGNORECASE)
_MSG_HREF = re.compile(r"msg(\d+)")
_QUOTE_FROM = re.compile(r"Quote from:\s*(.+?)\s+on\s+")
_SMF21_MARKS = (
    'link[href*="?smf21"], script[src*="?smf21"], '
    "div.inner[data-msgid], div.pagelinks span.current_page"
)
# compiled once: a page reads these for every post (see toolkit.tree.css)
_FORUM_POSTS = css("#forumposts")
_BY_ID = etree.XPath("id('forumposts')")
_CANONICAL = css('link[rel="canonical"]::attr(href)')
_VIEWS = css("#forumposts h3.catbg ::text")
_CRUMBS = css("div.navigate_section li a span::text")
_LAST_CRUMB = css("div.navigate_section li.last a span::text")
_TITLE = css("title::text")
_PAGE_HREFS = css("div.pagelinks a.navPages::attr(href)")
_WRAPPERS = css("#forumposts div.post_wrapper")
_INNER = css("div.postarea div.post div.inner")
_AUTHOR_LINK = css("div.poster h4 a")
_TEXT = css("::text")
_AUTHOR_TEXT = css("div.poster h4::text")
_KEYINFO = css("div.keyinfo div.smalltext ::text")
_MODIFIED = css("div.modified ::text")
_SIGNATURE = css("div.moderatorbar div.signature")
HINTS = HintColumns(
    rows="#messageindex tbody tr",
    link="td.subject span[id^=msg_] a",
    replies="td.stats ::text",
    count=re.compile(r"([\d,.]+)\s+Repl", re.IGNORECASE),
    last="td.lastpost a",
    last_id=_MSG_HREF,
)


class Smf20:
    """Page object for SMF 2.0."""

    name = "smf"

    # ------------------------------------------------------------ detection
    def detect(self, url: str, sel: Selector) -> bool:
        if sel.css(_SMF21_MARKS):
            return False  # SMF 2.1 pages carry smf_scripturl too
        scripts = " ".join(sel.css("script::text").getall()[:5])
        if "smf_scripturl" in scripts or "smf_theme_url" in scripts:
            return True
        powered = sel.css('a[href*="simplemachines.org"]')
        return bool(powered) and bool(sel.css("#forumposts, #messageindex, #boardindex_table"))

    # ------------------------------------------------------------------ urls
    def canonical_url(self, url: str) -> str | None:
        return common.canonical(url, refused=("action",), noise=(), keep_blank=False)

    def page_kind(self, url: str, sel: Selector) -> str | None:
        if _has_forum_posts(sel):
            return "thread"
        if sel.css("#messageindex, #boardindex_table, .table_list"):
            return "listing"
        return None

    # ---------------------------------------------------------------- thread
    @with_generic_fallback
    def parse_thread(self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage:
        root = sel.root
        canonical = next(iter(_CANONICAL(root)), None) or url
        script, params = common.split(self.canonical_url(canonical) or url)
        match = common.OFFSET.match(params.get("topic", ""))
        if not match:
            raise PageError(f"not an SMF topic page: {url}")
        thread_id, offset = match.group(1), int(match.group(2))
        views = _READ.search(" ".join(_VIEWS(root)))
        names = _CRUMBS(root)
        crumb = next(iter(_LAST_CRUMB(root)), None)
        head = ThreadHead(
            thread_id,
            f"{script}?topic={thread_id}.0",
            squash(crumb or next(iter(_TITLE(root)), None)),
            names[-2].strip() if len(names) >= 2 else None,
            digits(views.group(1)) if views else None,
        )
        page_urls = common.page_urls(
            url, _PAGE_HREFS(root), script, thread_id, offset, keep_blank=False
        )
        return thread_page(
            ctx,
            head,
            page_urls,
            _WRAPPERS(root),
            lambda index, wrapper, thread: _post(wrapper, index, offset, url, script, thread, ctx),
        )

    # --------------------------------------------------------------- listing
    def parse_listing(self, url: str, sel: Selector) -> ListingPage:
        hints = HINTS.read(sel, url, self.canonical_url)
        return common.listing(url, sel, self.canonical_url, url, hints)


def _has_forum_posts(sel: Selector) -> bool:
    """Whether an element has the id `forumposts` (`sel.css("#forumposts")`).

    libxml2 keeps a table of the ids of an HTML document: looked up there
    first, a thread page is known without reading the whole tree, which only
    a page without it (or whose table holds another element under that name,
    as `<a name="forumposts">`) still costs.
    """
    if sel.type != "html":
        return bool(sel.css("#forumposts"))
    if any(el.get("id") == "forumposts" for el in _BY_ID(sel.root)):
        return True
    return bool(_FORUM_POSTS(sel.root))


def _post(
    wrapper: Element,
    index: int,
    offset: int,
    url: str,
    script: str,
    thread: Thread,
    ctx: PageContext,
) -> Post:
    inners = _INNER(wrapper)
    post_id = (inners[0].get("id") or "").removeprefix("msg_") if inners else ""
    if not post_id.isdigit():
        raise PostSkipped(f"post {index} on {url} has no message id")
    author_links = _AUTHOR_LINK(wrapper)
    # the first text of the links, in document order (as a selector list reads it)
    link_text = next((t for a in author_links for t in _TEXT(a)), None)
    author = (link_text or "").strip() or (" ".join(_AUTHOR_TEXT(wrapper)).strip() or None)
    author_id = None
    if author_links:
        author_id = common.split(urljoin(url, author_links[0].get("href", "")))[1].get("u")
    keyinfo = " ".join(_KEYINFO(wrapper))
    position = _POSITION.search(keyinfo)
    date_match = _DATE_IN_KEYINFO.search(squash(keyinfo))
    posted_at = (
        _date(date_match.group(1).rstrip("»").strip(), ctx)
        if date_match
        else None
    )
    head = PostHead(
        post_id,
        f"{script}?topic={thread.thread_id}.msg{post_id}#msg{post_id}",
        int(position.group(1)) if position else offset + index,
        author,
        author_id,
        posted_at,
        *_edit(wrapper, ctx),
    )
    body = copy.deepcopy(inners[0])
    body.tail = None
    message = read_message(body, url, _take_quotes)
    signatures = _SIGNATURE(wrapper)
    signature = element_text(signatures[0]) if signatures else ""
    return make_post(head, message, signature, thread, ctx, url)


def _edit(wrapper: Element, ctx: PageContext) -> tuple[datetime | None, str | None]:
    match = _EDIT.search(squash(" ".join(_MODIFIED(wrapper))))
    if not match:
        return None, None
    when = _date(match.group(1).strip(" «»"), ctx)
    editor = match.group(2).strip(" «»") if match.group(2) else None
    return when, editor


def _date(text: str, ctx: PageContext) -> datetime | None:
    """`parse_forum_date(text, ctx, DATE_FORMATS)`, with SMF's own long form
    ("January 05, 2026, 08:16:00 AM", the first format) read without strptime,
    which costs more than the rest of the post head; anything else, or a value
    out of range, goes the long way."""
    match = _LONG_DATE.match(text)
    if match is not None:
        month, day, year, hour, minute, second, half = match.groups()
        hour_12 = int(hour)
        if 1 <= hour_12 <= 12:
            try:
                return datetime(
                    int(year),
                    _MONTHS[month],
                    int(day),
                    hour_12 % 12 + (12 if half == "PM" else 0),
                    int(minute),
                    int(second),
                    tzinfo=ctx.timezone,
                )
            except ValueError:
                pass
    return parse_forum_date(text, ctx, DATE_FORMATS)


def _take_quotes(body: lxml_html.HtmlElement) -> tuple[QuotedReply, ...]:
    """Remove quoted replies from `body` (in place) and return them.

    SMF 2.0 puts the "Quote from: X on DATE" header before the blockquote,
    not inside it, and a footer after it; all three are removed. A bare
    [quote] that names nobody and links to no post is the poster's own
    pasted material (often the press release itself): its text stays in the
    body and only the "Quote" label goes.
    """
    return take_quotes(body, tag_is("blockquote"), _read_quote)


def _read_quote(block: lxml_html.HtmlElement) -> QuotedReply | None:
    if "bbc_standard_quote" not in (block.get("class") or ""):
        return None
    header = block.getprevious()
    author = quoted_id = None
    if header is not None and "quoteheader" in (header.get("class") or ""):
        who = _QUOTE_FROM.match(squash(header.text_content()))
        author = who.group(1) if who else None
        quoted_id = last_link_match(header, _MSG_HREF)
    footer = block.getnext()
    for el in (header, footer):
        if el is not None and has_class(el, "quoteheader", "quotefooter"):
            drop(el)
    if author is None and quoted_id is None:
        block.tag = "div"  # unwrapped in place: its text is part of the body
        return None
    # nested quotes stay inside the outer quote's text
    return QuotedReply(text=element_text(block), author=author, quoted_post_id=quoted_id)
