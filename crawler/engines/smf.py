"""Simple Machines Forum 2.0 (Curve theme): thread pages and board listings.

Everything SMF-specific lives here: URL forms (`index.php?topic=2.15`,
`/index.php/topic,2.15.html`, `PHPSESSID`), the post markup (poster block,
keyinfo date, `div.inner#msg_N` body, quotes with their header outside the
blockquote, signature in the moderator bar) and the board lists. Selectors
were measured on real SMF 2.0.19 renders (see tests/fixtures/smf20/).
"""

from __future__ import annotations

import copy
import re
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

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
from crawler.engines.dates import parse_forum_date
from crawler.engines.html import cited_urls, element_text, outermost, tag_is
from crawler.items import Post, QuotedReply, Thread

DATE_FORMATS = ("%B %d, %Y, %I:%M:%S %p", "%b %d, %Y, %I:%M:%S %p", "%B %d, %Y, %I:%M %p")

# `index.php/topic,2.15.html` and `index.php/board,1.0.html` (search-engine friendly URLs)
_SEF = re.compile(r"/(topic|board),(\d+)\.(\d+|msg\d+|new)\.html$")
_OFFSET = re.compile(r"^(\d+)\.(\d+)$")
_POSITION = re.compile(r"Reply\s+#(\d+)", re.IGNORECASE)
_DATE_IN_KEYINFO = re.compile(r"on:\s*(.+?)\s*»?\s*$", re.DOTALL)
_EDIT = re.compile(r"Last Edit:\s*(.+?)(?:\s+by\s+(.+?))?\s*»?\s*$", re.DOTALL)
_READ = re.compile(r"\(Read\s+([\d,.\s]+)\s+times\)", re.IGNORECASE)
_MSG_HREF = re.compile(r"msg(\d+)")
_SMF21_MARKS = (
    'link[href*="?smf21"], script[src*="?smf21"], '
    "div.inner[data-msgid], div.pagelinks span.current_page"
)
_REPLIES = re.compile(r"([\d,.]+)\s+Repl", re.IGNORECASE)


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
    def _params(self, url: str) -> tuple[str, dict[str, str]]:
        """The script URL and the SMF parameters of `url` (`;` and `&` separated)."""
        parts = urlsplit(url)
        params: dict[str, str] = {}
        sef = _SEF.search(parts.path)
        script_path = parts.path
        if sef:
            params[sef.group(1)] = f"{sef.group(2)}.{sef.group(3)}"
            script_path = parts.path[: sef.start()]
        for piece in re.split(r"[;&]", parts.query):
            if "=" in piece:
                k, v = piece.split("=", 1)
                params.setdefault(k, v)
            elif piece:
                for k, v in parse_qsl(piece):
                    params.setdefault(k, v)
        script = urlunsplit((parts.scheme, parts.netloc, script_path, "", ""))
        return script, params

    def canonical_url(self, url: str) -> str | None:
        script, params = self._params(url)
        if "action" in params:
            return None  # profiles, print pages, login, search, feeds: not crawled
        for kind in ("topic", "board"):
            if kind in params:
                match = _OFFSET.match(params[kind])
                if not match:
                    return None  # topic=2.msg3 / topic=2.new: the numbered pages cover them
                return f"{script}?{kind}={match.group(1)}.{match.group(2)}"
        if not params:
            return script
        return None

    def page_kind(self, url: str, sel: Selector) -> str | None:
        if sel.css("#forumposts"):
            return "thread"
        if sel.css("#messageindex, #boardindex_table, .table_list"):
            return "listing"
        return None

    # ---------------------------------------------------------------- thread
    def parse_thread(self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage:
        canonical = sel.css('link[rel="canonical"]::attr(href)').get() or url
        script, params = self._params(self.canonical_url(canonical) or url)
        match = _OFFSET.match(params.get("topic", ""))
        if not match:
            raise PageError(f"not an SMF topic page: {url}")
        thread_id, offset = match.group(1), int(match.group(2))
        title = _title(sel)
        header = " ".join(sel.css("#forumposts h3.catbg ::text").getall())
        views = _READ.search(header)
        page_urls = self._page_urls(url, sel, script, thread_id, offset)
        thread = Thread(
            forum=ctx.forum,
            thread_id=thread_id,
            url=f"{script}?topic={thread_id}.0",
            title=title,
            board=_board_of(sel),
            page_count=len(page_urls),
            views=int(re.sub(r"\D", "", views.group(1))) if views else None,
            fetched_at=ctx.fetched_at,
        )
        posts, skipped = read_posts(
            sel.css("#forumposts div.post_wrapper"),
            lambda index, wrapper: self._post(wrapper, index, offset, url, script, thread, ctx),
        )
        return ThreadPage(thread=thread, posts=posts, page_urls=page_urls, skipped=skipped)

    def _page_urls(
        self, url: str, sel: Selector, script: str, thread_id: str, offset: int
    ) -> tuple[str, ...]:
        """Every page of the thread. SMF elides middle pages ("1 2 ... 9 10"), so
        the offsets are filled in from the step between pages and the last one."""
        offsets = {offset}
        for href in sel.css("div.pagelinks a.navPages::attr(href)").getall():
            _, params = self._params(urljoin(url, href))
            match = _OFFSET.match(params.get("topic", ""))
            if match and match.group(1) == thread_id:
                offsets.add(int(match.group(2)))
        positive = sorted(o for o in offsets if o > 0)
        if positive:
            ordered = sorted(offsets)
            gaps = [b - a for a, b in zip(ordered, ordered[1:], strict=False)]
            # one offset alone (a page cut before its page links) shows no step
            step = positive[0] if 0 in offsets else min(gaps, default=0)
            if step > 0:
                offsets.update(range(0, max(offsets) + 1, step))
        return tuple(f"{script}?topic={thread_id}.{o}" for o in sorted(offsets))

    def _post(
        self,
        wrapper: Selector,
        index: int,
        offset: int,
        url: str,
        script: str,
        thread: Thread,
        ctx: PageContext,
    ) -> Post:
        inner = wrapper.css("div.postarea div.post div.inner")
        post_id = (inner.attrib.get("id") or "").removeprefix("msg_")
        if not post_id.isdigit():
            raise PostSkipped(f"post {index} on {url} has no message id")
        author_link = wrapper.css("div.poster h4 a")
        author = (author_link.css("::text").get() or "").strip() or (
            " ".join(wrapper.css("div.poster h4::text").getall()).strip() or None
        )
        author_id = None
        if author_link:
            _, params = self._params(urljoin(url, author_link.attrib.get("href", "")))
            author_id = params.get("u")
        keyinfo = " ".join(wrapper.css("div.keyinfo div.smalltext ::text").getall())
        position = _POSITION.search(keyinfo)
        date_match = _DATE_IN_KEYINFO.search(" ".join(keyinfo.split()))
        posted_at = (
            parse_forum_date(date_match.group(1).rstrip("»").strip(), ctx, DATE_FORMATS)
            if date_match
            else None
        )
        edited_at, editor = self._edit(wrapper, ctx)
        body_el = copy.deepcopy(inner[0].root)
        quotes = _take_quotes(body_el, url, self)
        body = element_text(body_el)
        signature_el = wrapper.css("div.moderatorbar div.signature")
        signature = element_text(signature_el[0].root) if signature_el else ""
        return Post(
            forum=ctx.forum,
            thread_id=thread.thread_id,
            post_id=post_id,
            permalink=f"{script}?topic={thread.thread_id}.msg{post_id}#msg{post_id}",
            thread_title=thread.title,
            position=int(position.group(1)) if position else offset + index,
            author=author,
            author_id=author_id,
            posted_at=posted_at,
            body=body,
            signature=signature,
            quotes=quotes,
            cited_urls=cited_urls(body_el, url, body),
            edited_at=edited_at,
            editor=editor,
            page_url=url,
            fetched_at=ctx.fetched_at,
        )

    def _edit(self, wrapper: Selector, ctx: PageContext):  # -> (datetime | None, str | None)
        text = " ".join(" ".join(wrapper.css("div.modified ::text").getall()).split())
        match = _EDIT.search(text)
        if not match:
            return None, None
        when = parse_forum_date(match.group(1).strip(" «»"), ctx, DATE_FORMATS)
        editor = match.group(2).strip(" «»") if match.group(2) else None
        return when, editor

    # --------------------------------------------------------------- listing
    def parse_listing(self, url: str, sel: Selector) -> ListingPage:
        boards: list[str] = []
        threads: list[str] = []
        pages: list[str] = []
        _, own = self._params(url)
        own_board = own.get("board", "").split(".")[0]
        for href in sel.css("a::attr(href)").getall():
            target = self.canonical_url(urljoin(url, href))
            if not target or not _same_script(target, url):
                continue
            _, params = self._params(target)
            if "topic" in params:
                if target not in threads:
                    threads.append(target)
            elif "board" in params:
                board_id = params["board"].split(".")[0]
                bucket = pages if board_id == own_board else boards
                if target not in bucket and target != url:
                    bucket.append(target)
        # only the first page of each topic: thread pages list their own pages
        threads = [t for t in threads if t.endswith(".0")]
        return ListingPage(
            board_urls=tuple(boards),
            thread_urls=tuple(threads),
            page_urls=tuple(pages),
            thread_hints=self._hints(url, sel),
        )

    def _hints(self, url: str, sel: Selector) -> dict[str, ThreadHint]:
        """Replies and last post of each topic row of a board list ("7 Replies",
        the last-post link `topic=2.msg9#new`), for incremental re-crawls."""
        hints = {}
        for row in sel.css("#messageindex tbody tr"):
            link = row.css("td.subject span[id^=msg_] a::attr(href)").get()
            target = self.canonical_url(urljoin(url, link)) if link else None
            if not target:
                continue
            stats = " ".join(row.css("td.stats ::text").getall())
            replies = _REPLIES.search(stats)
            last = None
            for href in row.css("td.lastpost a::attr(href)").getall():
                found = _MSG_HREF.search(href)
                if found:
                    last = found.group(1)
            posts = int(re.sub(r"\D", "", replies.group(1))) + 1 if replies else None
            hints[target] = ThreadHint(posts=posts, last_post_id=last)
        return hints


def _same_script(a: str, b: str) -> bool:
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.netloc, pa.path) == (pb.netloc, pb.path)


def _title(sel: Selector) -> str:
    crumbs = sel.css("div.navigate_section li.last a span::text").get()
    return " ".join((crumbs or sel.css("title::text").get() or "").split())


def _board_of(sel: Selector) -> str | None:
    names = sel.css("div.navigate_section li a span::text").getall()
    return names[-2].strip() if len(names) >= 2 else None


def _take_quotes(body, url: str, engine: Smf20) -> tuple[QuotedReply, ...]:
    """Remove quoted replies from `body` (in place) and return them.

    SMF 2.0 puts the "Quote from: X on DATE" header before the blockquote,
    not inside it, and a footer after it; all three are removed. A bare
    [quote] that names nobody and links to no post is the poster's own
    pasted material (often the press release itself): its text stays in the
    body and only the "Quote" label goes.
    """
    quotes = []
    for block in outermost(body, tag_is("blockquote")):
        if "bbc_standard_quote" not in (block.get("class") or ""):
            continue
        header = block.getprevious()
        author = quoted_id = None
        if header is not None and "quoteheader" in (header.get("class") or ""):
            head_text = " ".join(header.text_content().split())
            who = re.match(r"Quote from:\s*(.+?)\s+on\s+", head_text)
            author = who.group(1) if who else None
            for a in header.iter("a"):
                found = _MSG_HREF.search(a.get("href") or "")
                if found:
                    quoted_id = found.group(1)
        footer = block.getnext()
        for el in (header, footer):
            classes = (el.get("class") or "") if el is not None else ""
            if el is not None and ("quoteheader" in classes or "quotefooter" in classes):
                _drop(el)
        if author is None and quoted_id is None:
            block.tag = "div"  # unwrapped in place: its text is part of the body
            continue
        # nested quotes stay inside the outer quote's text
        quotes.append(
            QuotedReply(text=element_text(block), author=author, quoted_post_id=quoted_id)
        )
        _drop(block)
    return tuple(quotes)


def _drop(el) -> None:
    """Remove `el` but keep its tail text."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)
