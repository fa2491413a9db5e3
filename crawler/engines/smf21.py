"""Simple Machines Forum 2.1 (default theme): thread pages and board listings.

SMF 2.1 keeps 2.0's URLs (`index.php?topic=2.15`, `board=1.0`, `PHPSESSID`)
and its script variables (`smf_scripturl`), but not its markup: posts are
`div.windowbg#msgN` with the body in `div.inner[data-msgid]`, the quote header
is a `cite` INSIDE the blockquote, pages are `a.nav_page` / `span.current_page`,
and the post's own link is `index.php?msg=N`. Selectors were measured on real
SMF 2.1.5 renders (see tests/fixtures/smf21/).
"""

from __future__ import annotations

import copy
import re
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
    read_posts,
)
from crawler.engines.bodytools import (
    block_text,
    cited_urls_outside_links,
    drop,
    fill_steps,
    same_site_path,
)
from crawler.engines.dates import parse_forum_date
from crawler.engines.html import element_text, outermost, tag_is
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

_SEF = re.compile(r"/(topic|board),(\d+)\.(\d+|msg\d+|new)\.html$")
_OFFSET = re.compile(r"^(\d+)\.(\d+)$")
_COUNTER = re.compile(r"#\s*(\d+)")
_QUOTED_MSG = re.compile(r"msg=?(\d+)")
_REPLIES = re.compile(r"Replies:\s*([\d,.\s]+)")
_JS_STRING = r"var\s+{name}\s*=\s*'((?:[^'\\]|\\.)*)'"
_NOISE = {"PHPSESSID", "sort", "desc", "topicseen", "boardseen", "all"}


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
        script, params = _split(url)
        if "action" in params or "msg" in params or "prev_next" in params:
            return None  # profiles, print pages, login, search, post permalinks, next-topic jumps
        for kind in ("topic", "board"):
            if kind in params:
                match = _OFFSET.match(params[kind])
                if not match:
                    return None  # topic=2.msg3 / topic=2.new: the numbered pages cover them
                return f"{script}?{kind}={match.group(1)}.{match.group(2)}"
        if all(key in _NOISE for key in params):
            return script
        return None

    def page_kind(self, url: str, sel: Selector) -> str | None:
        if sel.css("#forumposts div.inner[data-msgid]"):
            return "thread"
        if sel.css("#messageindex, #boardindex_table"):
            return "listing"
        return None

    # ---------------------------------------------------------------- thread
    def parse_thread(self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage:
        canonical = sel.css('link[rel="canonical"]::attr(href)').get() or url
        script, params = _split(self.canonical_url(canonical) or url)
        match = _OFFSET.match(params.get("topic", ""))
        if not match:
            raise PageError(f"not an SMF 2.1 topic page: {url}")
        thread_id, offset = match.group(1), int(match.group(2))
        page_urls = _page_urls(url, sel, script, thread_id, offset)
        crumbs = [
            " ".join(t.split()) for t in sel.css("div.navigate_section li a span::text").getall()
        ]
        title = " ".join(" ".join(sel.css("#top_subject ::text").getall()).split())
        thread = Thread(
            forum=ctx.forum,
            thread_id=thread_id,
            url=f"{script}?topic={thread_id}.0",
            title=title or (crumbs[-1] if crumbs else ""),
            board=crumbs[-2] if len(crumbs) >= 2 else None,
            page_count=len(page_urls),
            views=None,  # 2.1 shows views on board lists only
            fetched_at=ctx.fetched_at,
        )
        labels = _QuoteLabels.of(sel)
        wrappers = sel.xpath(
            '//div[@id="forumposts"]//div[starts-with(@id, "msg")]'
            '[div[contains(concat(" ", @class, " "), " post_wrapper ")]]'
        )
        posts, skipped = read_posts(
            wrappers,
            lambda index, wrapper: _post(wrapper, offset + index, url, script, thread, ctx, labels),
        )
        return ThreadPage(thread=thread, posts=posts, page_urls=page_urls, skipped=skipped)

    # --------------------------------------------------------------- listing
    def parse_listing(self, url: str, sel: Selector) -> ListingPage:
        boards: list[str] = []
        threads: list[str] = []
        pages: list[str] = []
        own = self.canonical_url(url) or url
        own_board = _split(own)[1].get("board", "").split(".")[0]
        for href in sel.css("a::attr(href)").getall():
            target = self.canonical_url(urljoin(url, href))
            if not target or not same_site_path(target, url):
                continue
            params = _split(target)[1]
            if "topic" in params:
                # only first pages: thread pages list their own pages
                if params["topic"].endswith(".0") and target not in threads:
                    threads.append(target)
            elif "board" in params:
                bucket = pages if params["board"].split(".")[0] == own_board else boards
                if target not in bucket and target != own:
                    bucket.append(target)
        return ListingPage(
            board_urls=tuple(boards),
            thread_urls=tuple(threads),
            page_urls=tuple(pages),
            thread_hints=self._hints(url, sel),
        )

    def _hints(self, url: str, sel: Selector) -> dict[str, ThreadHint]:
        """Replies and last post of each topic row of a board list ("Replies: 34",
        the last-post link `topic=2.30#msg36`), for incremental re-crawls."""
        hints = {}
        for row in sel.css("#topic_container > div"):
            link = row.css("div.message_index_title span[id^=msg_] a::attr(href)").get()
            target = self.canonical_url(urljoin(url, link)) if link else None
            if not target:
                continue
            replies = _REPLIES.search(" ".join(row.css("div.board_stats ::text").getall()))
            last = None
            for href in row.css("div.lastpost a::attr(href)").getall():
                found = _QUOTED_MSG.search(href)
                if found:
                    last = found.group(1)
            posts = int(re.sub(r"\D", "", replies.group(1))) + 1 if replies else None
            hints[target] = ThreadHint(posts=posts, last_post_id=last)
        return hints


# -------------------------------------------------------------------- helpers
def _split(url: str) -> tuple[str, dict[str, str]]:
    """The script URL and the SMF parameters of `url` (`;` and `&` separated,
    and the `index.php/topic,2.15.html` form)."""
    parts = urlsplit(url)
    params: dict[str, str] = {}
    path = parts.path
    sef = _SEF.search(path)
    if sef:
        params[sef.group(1)] = f"{sef.group(2)}.{sef.group(3)}"
        path = path[: sef.start()]
    for piece in re.split(r"[;&]", parts.query):
        if "=" in piece:
            key, value = piece.split("=", 1)
            params.setdefault(key, value)
        elif piece:
            for key, value in parse_qsl(piece, keep_blank_values=True):
                params.setdefault(key, value)
    return urlunsplit((parts.scheme, parts.netloc, path, "", "")), params


def _page_urls(
    url: str, sel: Selector, script: str, thread_id: str, offset: int
) -> tuple[str, ...]:
    """Every page of the thread. The page index elides middle pages
    ("1 2 3 ... 9"), so the offsets are filled in from their common step."""
    offsets = {offset}
    # themes name the links nav_page (default) or navPages: take every link
    for href in sel.css("div.pagelinks a::attr(href)").getall():
        params = _split(urljoin(url, href))[1]
        match = _OFFSET.match(params.get("topic", ""))
        if match and match.group(1) == thread_id:
            offsets.add(int(match.group(2)))
    return tuple(f"{script}?topic={thread_id}.{o}" for o in fill_steps(offsets))


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
        author = " ".join(" ".join(profile.css("::text").getall()).split()) or None
        author_id = _split(urljoin(url, profile.attrib.get("href", "")))[1].get("u")
    else:  # a guest: the name without a link
        author = " ".join(" ".join(wrapper.css("div.poster h4 ::text").getall()).split()) or None
        author_id = None
    counter = _COUNTER.search(" ".join(wrapper.css("div.keyinfo span.page_number::text").getall()))
    when = " ".join(wrapper.css("div.postinfo a.smalltext ::text").getall())
    edited_at, editor = _edit(wrapper, ctx)
    body_el = copy.deepcopy(inner[0].root)
    quotes = _take_quotes(body_el, labels)
    body = element_text(body_el)
    signature_el = wrapper.css("div.signature")
    return Post(
        forum=ctx.forum,
        thread_id=thread.thread_id,
        post_id=post_id,
        permalink=f"{script}?msg={post_id}",
        thread_title=thread.title,
        position=int(counter.group(1)) if counter else fallback_position,
        author=author,
        author_id=author_id,
        posted_at=parse_forum_date(when, ctx, DATE_FORMATS),
        body=body,
        signature=element_text(signature_el[0].root) if signature_el else "",
        quotes=quotes,
        cited_urls=cited_urls_outside_links(body_el, url),
        edited_at=edited_at,
        editor=editor,
        page_url=url,
        fetched_at=ctx.fetched_at,
    )


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
    quotes = []
    for block in outermost(body, tag_is("blockquote")):
        cite = next((child for child in block if child.tag == "cite"), None)
        author = quoted_id = None
        if cite is not None:
            for a in cite.iter("a"):
                found = _QUOTED_MSG.search(a.get("href") or "")
                if found:
                    quoted_id = found.group(1)
            author = _cited_author(" ".join(cite.text_content().split()), cite, labels)
            drop(cite)
        if author is None and quoted_id is None:
            continue
        quotes.append(QuotedReply(text=_quote_text(block), author=author, quoted_post_id=quoted_id))
        drop(block)
    return tuple(quotes)


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
