"""Simple Machines Forum 2.1 (default theme): thread pages and board listings.

SMF 2.1 keeps 2.0's URLs (`index.php?topic=2.15`, `board=1.0`, `PHPSESSID`:
see `common`) and its script variables (`smf_scripturl`), but not its markup: posts are
`div.windowbg#msgN` with the body in `div.inner[data-msgid]`, the quote header
is a `cite` INSIDE the blockquote, pages are `a.nav_page` / `span.current_page`,
and the post's own link is `index.php?msg=N`. Selectors were measured on real
SMF 2.1.5 renders (see tests/fixtures/smf21/).
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urljoin

from lxml import html as lxml_html
from parsel import Selector

from crawler.engines.base import ListingPage, PageContext, PageError, PostSkipped, ThreadPage
from crawler.engines.generic.refine import with_generic_fallback
from crawler.engines.smf import common
from crawler.engines.toolkit.dates import parse_forum_date
from crawler.engines.toolkit.listing import HintColumns
from crawler.engines.toolkit.posts import PostHead, ThreadHead, make_post, read_message, thread_page
from crawler.engines.toolkit.quotes import take_quotes
from crawler.engines.toolkit.text import css_text, first_text, squash
from crawler.engines.toolkit.tree import block_text, body_copy, drop, tag_is
from crawler.engines.toolkit.urls import cited_urls_outside_links, last_link_match
from crawler.items import Post, QuotedReply, Thread

# The default time format of 2.1 is "%b %d, %Y, %I:%M %p"; the others are the
# long forms a forum admin can choose.
DATE_FORMATS = (
    "%b %d, %Y, %I:%M %p",
    "%B %d, %Y, %I:%M %p",
    "%b %d, %Y, %I:%M:%S %p",
    "%B %d, %Y, %I:%M:%S %p",
)

# Fingerprints only 2.1 has: the browser-cache suffix of theme assets
# ("?smf215_1729800431"), the post body's data-msgid and the page index's
# span.current_page. 2.0 pages carry "?fin20", `div.inner#msg_N` and `<strong>`.
SMF21_MARKS = (
    'link[href*="?smf21"], script[src*="?smf21"], '
    "div.inner[data-msgid], div.pagelinks span.current_page"
)

_COUNTER = re.compile(r"#\s*(\d+)")
_QUOTED_MSG = re.compile(r"msg=?(\d+)")
_JS_STRING = r"var\s+{name}\s*=\s*'((?:[^'\\]|\\.)*)'"
_NOISE = {"PHPSESSID", "sort", "desc", "topicseen", "boardseen", "all"}
HINTS = HintColumns(
    rows="#topic_container > div",
    link="div.message_index_title span[id^=msg_] a",
    replies="div.board_stats ::text",
    count=re.compile(r"Replies:\s*([\d,.\s]+)"),
    last="div.lastpost a",
    last_id=_QUOTED_MSG,
)


class Smf21:
    """Page object for SMF 2.1."""

    name = "smf21"

    # ------------------------------------------------------------ detection
    def detect(self, url: str, sel: Selector) -> bool:
        scripts = " ".join(sel.css("script::text").getall()[:5])
        if "smf_scripturl" not in scripts and "smf_theme_url" not in scripts:
            return False
        if sel.css(SMF21_MARKS):
            return True
        credits = " ".join(sel.css('a[href*="action=credits"]::text').getall())
        return "SMF 2.1" in credits

    # ------------------------------------------------------------------ urls
    def canonical_url(self, url: str) -> str | None:
        # post permalinks (msg=) and next-topic jumps (prev_next=) are no pages to crawl
        return common.canonical(url, ("action", "msg", "prev_next"), _NOISE, keep_blank=True)

    def page_kind(self, url: str, sel: Selector) -> str | None:
        if sel.css("#forumposts div.inner[data-msgid]"):
            return "thread"
        if sel.css("#messageindex, #boardindex_table"):
            return "listing"
        return None

    # ---------------------------------------------------------------- thread
    @with_generic_fallback
    def parse_thread(self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage:
        canonical = sel.css('link[rel="canonical"]::attr(href)').get() or url
        script, params = common.split(self.canonical_url(canonical) or url, keep_blank=True)
        match = common.OFFSET.match(params.get("topic", ""))
        if not match:
            raise PageError(f"not an SMF 2.1 topic page: {url}")
        thread_id, offset = match.group(1), int(match.group(2))
        # themes name the page links nav_page (default) or navPages: take every link
        hrefs = sel.css("div.pagelinks a::attr(href)").getall()
        page_urls = common.page_urls(url, hrefs, script, thread_id, offset, True, True)
        crumbs = [squash(t) for t in sel.css("div.navigate_section li a span::text").getall()]
        title = css_text(sel, "#top_subject ::text") or (crumbs[-1] if crumbs else "")
        board = crumbs[-2] if len(crumbs) >= 2 else None
        # 2.1 shows views on board lists only
        head = ThreadHead(thread_id, f"{script}?topic={thread_id}.0", title, board)
        labels = _QuoteLabels.of(sel)
        wrappers = sel.xpath(
            '//div[@id="forumposts"]//div[starts-with(@id, "msg")]'
            '[div[contains(concat(" ", @class, " "), " post_wrapper ")]]'
        )
        return thread_page(
            ctx,
            head,
            page_urls,
            wrappers,
            lambda i, wrapper, thread: _post(wrapper, offset + i, url, script, thread, ctx, labels),
        )

    # --------------------------------------------------------------- listing
    def parse_listing(self, url: str, sel: Selector) -> ListingPage:
        own = self.canonical_url(url) or url
        hints = HINTS.read(sel, url, self.canonical_url)
        return common.listing(url, sel, self.canonical_url, own, hints)


def _post(
    wrapper: Selector,
    fallback_position: int,
    url: str,
    script: str,
    thread: Thread,
    ctx: PageContext,
    labels: _QuoteLabels,
) -> Post:
    inner = wrapper.css("div.post div.inner[data-msgid]")
    post_id = inner.attrib.get("data-msgid", "") if inner else ""
    if not post_id.isdigit():
        raise PostSkipped(f"post {fallback_position} on {url} has no message id")
    profile = wrapper.css('div.poster h4 a[href*="action=profile"]')
    if profile:
        author = css_text(profile) or None
        href = urljoin(url, profile.attrib.get("href", ""))
        author_id = common.split(href, keep_blank=True)[1].get("u")
    else:  # a guest: the name without a link
        author = css_text(wrapper, "div.poster h4 ::text") or None
        author_id = None
    counter = _COUNTER.search(" ".join(wrapper.css("div.keyinfo span.page_number::text").getall()))
    when = " ".join(wrapper.css("div.postinfo a.smalltext ::text").getall())
    head = PostHead(
        post_id,
        f"{script}?msg={post_id}",
        int(counter.group(1)) if counter else fallback_position,
        author,
        author_id,
        parse_forum_date(when, ctx, DATE_FORMATS),
        *_edit(wrapper, ctx),
    )
    quotes = lambda body: _take_quotes(body, labels)  # noqa: E731
    message = read_message(body_copy(inner), url, quotes, cited_urls_outside_links)
    return make_post(head, message, first_text(wrapper.css("div.signature")), thread, ctx, url)


def _edit(wrapper: Selector, ctx: PageContext) -> tuple[datetime | None, str | None]:
    """The "Last Edit: <time> by <name>" note, shown when the forum enables it.

    The note may end with "Reason: <text>" (a second `.lastedit` label), which
    is cut off. The word "by" is the English one; in other languages the
    editor stays None and only the time is read.
    """
    note = wrapper.css("div.keyinfo .modified")
    if not note:
        return None, None
    text = " ".join(note[0].root.text_content().split())
    labels = [" ".join(t.split()) for t in note.css(".lastedit ::text").getall()]
    if not text or not labels:
        return None, None
    text = text.removeprefix(labels[0]).lstrip(" :")
    if len(labels) > 1:
        cut = text.rfind(f"{labels[1]}:")
        text = text[:cut].strip() if cut >= 0 else text
    when, by, who = text.partition(" by ")
    edited_at = parse_forum_date(when, ctx, DATE_FORMATS)
    if edited_at is None and not by:
        return None, None
    return edited_at, who.strip() or None


class _QuoteLabels:
    """The localised words of the quote header ("Quote from", "on"), which 2.1
    also prints as script variables (`bbc_quote_from`, `bbc_search_on`)."""

    def __init__(self, quote_from: str, on: str) -> None:
        self.quote_from = quote_from
        self.on = on

    @classmethod
    def of(cls, sel: Selector) -> _QuoteLabels:
        scripts = "\n".join(sel.css("script::text").getall())
        found = {}
        for name, default in (("bbc_quote_from", "Quote from"), ("bbc_search_on", "on")):
            match = re.search(_JS_STRING.format(name=name), scripts)
            found[name] = match.group(1).replace("\\'", "'") if match else default
        return cls(found["bbc_quote_from"], found["bbc_search_on"])


def _take_quotes(body: lxml_html.HtmlElement, labels: _QuoteLabels) -> tuple[QuotedReply, ...]:
    """Remove quoted replies from `body` (in place) and return them.

    In 2.1 the header is a `cite` inside the blockquote: "Quote from: dave on
    <date>" linked to the quoted post (`?msg=3`) when the quote came from the
    forum's Quote button, "Quote from: dave" when typed by hand. A bare
    `[quote]` ("Quote" and no author) quotes no post: it frames material the
    poster reposts, such as a press release, so its text stays in the body
    and only its label is removed. Nested quotes stay inside the outer quote.
    """
    return take_quotes(body, tag_is("blockquote"), lambda block: _read_quote(block, labels))


def _read_quote(block: lxml_html.HtmlElement, labels: _QuoteLabels) -> QuotedReply | None:
    cite = next((child for child in block if child.tag == "cite"), None)
    author = quoted_id = None
    if cite is not None:
        quoted_id = last_link_match(cite, _QUOTED_MSG)
        author = _cited_author(squash(cite.text_content()), cite, labels)
        drop(cite)
    if author is None and quoted_id is None:
        return None
    return QuotedReply(text=_quote_text(block), author=author, quoted_post_id=quoted_id)


def _quote_text(block: lxml_html.HtmlElement) -> str:
    """The quoted text without the headers of nested quotes."""
    return block_text(block, ".//blockquote/cite")


def _cited_author(header: str, cite: lxml_html.HtmlElement, labels: _QuoteLabels) -> str | None:
    """The quoted author in "Quote from: NAME" or, when linked, "Quote from: NAME on DATE"."""
    if not header.startswith(labels.quote_from):
        return None
    rest = header[len(labels.quote_from) :].lstrip(" :")
    separator = f" {labels.on} "
    if cite.find(".//a") is not None and separator in rest:
        rest = rest.rsplit(separator, 1)[0]
    return rest or None
