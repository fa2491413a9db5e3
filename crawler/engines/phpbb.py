"""phpBB 3.x (prosilver and styles built on it): topic pages and forum listings.

Everything phpBB-specific lives here: the URLs (`viewtopic.php?t=10&start=5`,
`viewforum.php?f=2`, the `sid` session id phpBB appends for guests without
cookies, `p=` post links), the post markup (`div.post#p<ID>`, `p.author
time[datetime]`, body `div.content`, `div.signature`, the "Last edited by"
notice), quotes (`blockquote` with a `cite` that links the quoted post by
`data-post-id`; an uncited `blockquote.uncited` quotes no post) and the
pagination lists. Selectors follow prosilver's templates of phpBB 3.3 (see
tests/fixtures/phpbb/README.md).
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
)
from crawler.engines.generic.refine import with_generic_fallback
from crawler.engines.toolkit.dates import page_context, parse_forum_date
from crawler.engines.toolkit.pages import fill_steps
from crawler.engines.toolkit.posts import Message, PostHead, ThreadHead, make_post, thread_page
from crawler.engines.toolkit.text import element_text
from crawler.engines.toolkit.tree import block_text, clean_source, drop, outermost, tag_is
from crawler.engines.toolkit.urls import cited_urls_outside_links
from crawler.items import Post, QuotedReply, Thread

# phpBB's default "D M d, Y g:i a" and the other formats its date menu offers
DATE_FORMATS = (
    "%a %b %d, %Y %I:%M %p",
    "%a %b %d, %Y %H:%M",
    "%d %b %Y, %H:%M",
    "%d %b %Y %H:%M",
    "%b %d, %Y, %I:%M %p",
    "%Y-%m-%d %H:%M",
)

_INT = re.compile(r"\d[\d,.\s]*")
_EDIT_EN = re.compile(r"\bon\s+(?P<when>.+?),\s+edited\s+\d+\s+times?\s+in\s+total", re.I)
# other languages: "<by> NAME <on> DATE, <edited> N ..." -> the date before ", <word> <number>"
_EDIT_ANY = re.compile(r"^\s*\S+\s+(?P<when>.+?),\s+\S+\s+\d+\s")
_WROTE = re.compile(r"^(?P<who>.*\S)\s+\S+:\s*$")


class Phpbb3:
    """Page object for phpBB 3.x."""

    name = "phpbb"

    # ------------------------------------------------------------ detection
    def detect(self, url: str, sel: Selector) -> bool:
        if sel.css("body#phpbb"):
            return True  # every prosilver-based style keeps the body id
        powered = sel.css('a[href*="phpbb.com"]')
        return bool(powered) and bool(sel.css('a[href*="viewtopic.php"], a[href*="viewforum.php"]'))

    # ------------------------------------------------------------------ urls
    def canonical_url(self, url: str) -> str | None:
        script, page, params = _split(url)
        if page in ("", "index.php"):
            rest = set(params) - {"sid"}
            return urljoin(script, "index.php") if not rest else None
        if page == "viewtopic.php":
            topic = params.get("t", "")
            if "p" in params or "view" in params or not topic.isdigit():
                return None  # post links, print view, next/previous/unread jumps
            return _with_start(f"{script}?t={topic}", params)
        if page == "viewforum.php":
            forum = params.get("f", "")
            if not forum.isdigit():
                return None
            return _with_start(f"{script}?f={forum}", params)
        return None  # profiles, posting, search, ucp, feeds, app.php routes

    def page_kind(self, url: str, sel: Selector) -> str | None:
        if _post_nodes(sel):
            return "thread"
        if sel.css("ul.topiclist"):
            return "listing"
        return None

    # ---------------------------------------------------------------- thread
    @with_generic_fallback
    def parse_thread(self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage:
        ctx = page_context(ctx, sel)  # "All times are GMT -5"
        topic_id, start = self._where(url, sel)
        script = _script_of(urljoin(url, "viewtopic.php"))
        page_urls = self._page_urls(url, sel, script, topic_id, start)
        crumbs = [
            " ".join(t.split())
            for t in sel.css("#nav-breadcrumbs span.crumb a ::text").getall()
            if t.strip()
        ]
        title = " ".join(" ".join(sel.css("h2.topic-title ::text").getall()).split())
        head = ThreadHead(
            topic_id, f"{script}?t={topic_id}", title, crumbs[-1] if len(crumbs) >= 2 else None
        )
        base = urljoin(url, ".")
        return thread_page(
            ctx,
            head,
            page_urls,
            _post_nodes(sel),
            lambda index, node, thread: _post(node, start + index, url, base, thread, ctx),
        )

    def _where(self, url: str, sel: Selector) -> tuple[str, int]:
        """The topic id and the offset of this page: from the canonical link,
        else the URL, else (for `viewtopic.php?p=N` post links) the topic
        title's link and the active page of the pagination."""
        canonical = sel.css('link[rel="canonical"]::attr(href)').get()
        if canonical:
            _, page, params = _split(urljoin(url, canonical))
            if page == "viewtopic.php" and params.get("t", "").isdigit():
                return params["t"], _int(params.get("start", "0"))
        _, page, params = _split(url)
        if page == "viewtopic.php" and params.get("t", "").isdigit() and "p" not in params:
            return params["t"], _int(params.get("start", "0"))
        for href in sel.css("h2.topic-title a::attr(href)").getall():
            _, page, params = _split(urljoin(url, href))
            if page == "viewtopic.php" and params.get("t", "").isdigit():
                return params["t"], self._start_from_pagination(sel)
        raise PageError(f"not a phpBB topic page: {url}")

    def _start_from_pagination(self, sel: Selector) -> int:
        active = sel.css("div.pagination li.active span::text").get()
        if not active or not active.strip().isdigit():
            return 0
        per_page = sel.css("input[data-per-page]::attr(data-per-page)").get()
        if per_page is None:
            starts = [
                _int(_split(h)[2].get("start", "0"))
                for h in sel.css("div.pagination li a::attr(href)").getall()
            ]
            steps = fill_steps(starts)
            per_page = str(steps[1] - steps[0]) if len(steps) > 1 else "0"
        return (int(active.strip()) - 1) * _int(per_page)

    def _page_urls(
        self, url: str, sel: Selector, script: str, topic_id: str, start: int
    ) -> tuple[str, ...]:
        starts = {start}
        for href in sel.css("div.pagination a::attr(href)").getall():
            _, page, params = _split(urljoin(url, href))
            if page == "viewtopic.php" and params.get("t") == topic_id:
                starts.add(_int(params.get("start", "0")))
        return tuple(
            f"{script}?t={topic_id}" + (f"&start={s}" if s else "") for s in fill_steps(starts)
        )

    # --------------------------------------------------------------- listing
    def parse_listing(self, url: str, sel: Selector) -> ListingPage:
        boards: list[str] = []
        threads: list[str] = []
        pages: list[str] = []
        own = self.canonical_url(url) or url
        own_forum = _split(own)[2].get("f")
        board_dir = urljoin(url, ".")
        for href in sel.css("a::attr(href)").getall():
            target = self.canonical_url(urljoin(url, href))
            if not target or target == own or not target.startswith(board_dir):
                continue  # not a page, this page, or another site's board
            _, page, params = _split(target)
            if page == "viewtopic.php":
                if "start" not in params and target not in threads:
                    threads.append(target)  # first pages only
            elif page == "viewforum.php":
                bucket = pages if params.get("f") == own_forum else boards
                if target not in bucket:
                    bucket.append(target)
        return ListingPage(
            board_urls=tuple(boards),
            thread_urls=tuple(threads),
            page_urls=tuple(pages),
            thread_hints=self._hints(url, sel),
        )

    def _hints(self, url: str, sel: Selector) -> dict[str, ThreadHint]:
        """Replies and last post of each topic row ("7 Replies", the last-post
        link `viewtopic.php?p=1008#p1008`), for incremental re-crawls."""
        hints = {}
        for row in sel.css("ul.topiclist li.row"):
            link = row.css("a.topictitle::attr(href)").get()
            target = self.canonical_url(urljoin(url, link)) if link else None
            if not target:
                continue
            replies = _INT.search(" ".join(row.css("dd.posts::text").getall()))
            last = None
            for href in row.css("dd.lastpost a::attr(href)").getall():
                post_id = _split(urljoin(url, href))[2].get("p", "")
                if post_id.isdigit():
                    last = post_id
            posts = _int(replies.group(0)) + 1 if replies else None
            hints[target] = ThreadHint(posts=posts, last_post_id=last)
        return hints


# ---------------------------------------------------------------------- urls
def _split(url: str) -> tuple[str, str, dict[str, str]]:
    """The script URL, its file name and the query parameters of `url`."""
    parts = urlsplit(url)
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    script = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    return script, parts.path.rsplit("/", 1)[-1], params


def _script_of(url: str) -> str:
    return _split(url)[0]


def _with_start(base: str, params: dict[str, str]) -> str:
    start = _int(params.get("start", "0"))
    return f"{base}&start={start}" if start > 0 else base


def _int(text: str) -> int:
    digits = re.sub(r"\D", "", text)
    return int(digits) if digits else 0


# --------------------------------------------------------------------- posts
def _post_nodes(sel: Selector) -> list[Selector]:
    nodes = sel.xpath(
        '//div[contains(concat(" ", normalize-space(@class), " "), " post ")]'
        '[starts-with(@id, "p")]'
    )
    # a node with a post body is a post even when its id is broken: it is
    # skipped with a reason (PostSkipped), not left out unseen
    return [n for n in nodes if (n.attrib.get("id") or "")[1:].isdigit() or n.css("div.postbody")]


def _post(
    node: Selector, position: int, url: str, base: str, thread: Thread, ctx: PageContext
) -> Post:
    post_id = (node.attrib.get("id") or "")[1:]
    if not post_id.isdigit():
        raise PostSkipped(f"post {position} on {url} has no post id")
    author_link = node.css("p.author a.username, p.author a.username-coloured")
    if author_link:
        author = " ".join(" ".join(author_link[0].css("::text").getall()).split()) or None
        author_id = _split(urljoin(url, author_link[0].attrib.get("href", "")))[2].get("u")
    else:  # guests: a span, or a bare name in older styles
        name = (
            node.css("p.author span.username ::text").getall()
            or node.css("dl.postprofile dt ::text").getall()
        )
        author = " ".join(" ".join(name).split()) or None
        author_id = None
    content = node.css("div.postbody div.content")
    if not content:
        raise PostSkipped(f"post {post_id} on {url} has no content")
    body_el = copy.deepcopy(content[0].root)
    clean_source(body_el)
    for header in body_el.xpath('.//div[contains(@class, "codebox")]/p'):
        drop(header)  # "Code: Select all"
    quotes = _take_quotes(body_el, url)
    body = element_text(body_el)
    edited_at, editor = _edit(node, ctx)
    head = PostHead(
        post_id,
        f"{base}viewtopic.php?p={post_id}#p{post_id}",
        position,
        author,
        author_id,
        _posted_at(node, ctx),
        edited_at,
        editor,
    )
    message = Message(body, quotes, cited_urls_outside_links(body_el, url))
    return make_post(head, message, _text_of(node.css("div.signature")), thread, ctx, url)


def _posted_at(node: Selector, ctx: PageContext) -> datetime | None:
    stamp = node.css("p.author time::attr(datetime)").get()
    if stamp:
        try:
            return datetime.fromisoformat(stamp)
        except ValueError:
            pass
    # styles without <time>: "by NAME » DATE" as text
    text = " ".join(" ".join(node.css("p.author ::text").getall()).split())
    return parse_forum_date(text.rsplit("»", 1)[-1], ctx, DATE_FORMATS)


def _text_of(found: list[Selector]) -> str:
    if not found:
        return ""
    el = copy.deepcopy(found[0].root)
    clean_source(el)
    return element_text(el)


def _edit(node: Selector, ctx: PageContext) -> tuple[datetime | None, str | None]:
    """The "Last edited by NAME on DATE, edited N times in total." notice
    (deleted-post notices are not edits)."""
    for notice in node.css("div.notice"):
        if "post_deleted_msg" in (notice.attrib.get("class") or ""):
            continue
        el = copy.deepcopy(notice.root)
        clean_source(el)
        for reason in el.xpath(".//br/following-sibling::*"):
            drop(reason)  # "Reason: ..." after the line break
        text = " ".join(element_text(el).split())
        link = el.find(".//a")
        editor = " ".join(link.text_content().split()) if link is not None else None
        after = text.split(editor, 1)[1] if editor and editor in text else text
        found = _EDIT_EN.search(text) or _EDIT_ANY.search(after)
        when = parse_forum_date(found.group("when"), ctx, DATE_FORMATS) if found else None
        return when, editor
    return None, None


def _take_quotes(body: lxml_html.HtmlElement, url: str) -> tuple[QuotedReply, ...]:
    """Remove quoted replies from `body` (in place) and return them.

    A cited quote names its author (linked to the profile for members) and,
    when made with the Quote button, links the quoted post (`data-post-id`,
    `viewtopic.php?p=N`). An uncited quote (`blockquote.uncited`) quotes no
    post: it frames reposted material, such as a press release, so it stays
    in the body. Nested quotes stay inside the outer one, without their
    "X wrote:" headers.
    """
    quotes = []
    for block in outermost(body, tag_is("blockquote")):
        cites = block.xpath("./cite | ./div/cite")
        if not cites:
            continue
        cite = cites[0]
        quoted_id = None
        for a in cite.iter("a"):
            post_id = a.get("data-post-id") or _split(urljoin(url, a.get("href") or ""))[2].get(
                "p", ""
            )
            if post_id and post_id.isdigit():
                quoted_id = post_id
        if quoted_id is None:
            quoted_id = _split(urljoin(url, block.get("cite") or ""))[2].get("p")
        quotes.append(
            QuotedReply(
                text=block_text(block, ".//cite"),
                author=_quoted_author(cite, url),
                quoted_post_id=quoted_id,
            )
        )
        drop(block)
    return tuple(quotes)


def _quoted_author(cite: lxml_html.HtmlElement, url: str) -> str | None:
    for a in cite.iter("a"):
        if "mode=viewprofile" in (a.get("href") or ""):
            return " ".join(a.text_content().split()) or None
    # guests and typed quotes: "NAME wrote:" before the links and the date
    head = " ".join((cite.text or "").split())
    found = _WROTE.match(head)
    return found.group("who") if found else (head.rstrip(":") or None)
