"""NodeBB (Harmony and Persona themes): topic pages, category lists, the index.

NodeBB marks its markup with `component` attributes that every theme keeps,
since its client code looks elements up by them: a topic is
`ul[component="topic"][data-tid]`, a post `li[component="post"]` with
`data-pid`, `data-index` (0-based position), `data-timestamp` (ms since the
epoch), `data-uid` and `data-username`; the body is
`[component="post/content"]` and the signature `[component="post/signature"]`.
Topic URLs are `/topic/<tid>/<slug>`, pages `?page=N` (also rendered, inside
<noscript>, by forums that scroll infinitely); `/topic/<tid>/<slug>/<n>`
points at the post with index n and `/post/<pid>` is a post's permalink.

A quoted reply is the composer's "@alice said in <a href="/post/12">Title</a>:"
paragraph followed by a blockquote; a blockquote without that header is the
poster's own excerpt and stays in the body.
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
    ThreadPage,
)
from crawler.engines.generic.refine import with_generic_fallback
from crawler.engines.toolkit.dates import iso_datetime, unix_datetime
from crawler.engines.toolkit.posts import Message, PostHead, ThreadHead, make_post, thread_page
from crawler.engines.toolkit.text import element_text
from crawler.engines.toolkit.tree import drop, outermost, tag_is
from crawler.engines.toolkit.urls import cited_urls
from crawler.items import Post, QuotedReply, Thread

_PATH = re.compile(
    r"^(?P<prefix>.*?)/(?P<kind>topic|category|categories|recent|post|user|uid)(?:/(?P<rest>.*))?$"
)
_POST_HREF = re.compile(r"/post/(\d+)(?:$|[/?#])")
_EDITOR = re.compile(r"edited by\s+(.+?)\s*$", re.IGNORECASE)
_SAID = re.compile(r"@?(\S+)\s+said\b", re.IGNORECASE)
_MENTIONS = ("plugin-mentions-user", "plugin-mentions-group", "plugin-mentions-a")


class NodeBB:
    """Page object for NodeBB 3.x/4.x."""

    name = "nodebb"

    # ------------------------------------------------------------ detection
    def detect(self, url: str, sel: Selector) -> bool:
        if sel.type != "html":
            return False
        if sel.css('ul[component="topic"][data-tid], ul[component="category"]'):
            return True
        if sel.css('li[component="categories/category"][data-cid]'):
            return True
        scripts = " ".join(sel.css("head script::text").getall()[:5])
        return "var config = JSON.parse(" in scripts and "relative_path" in scripts

    # ------------------------------------------------------------------ urls
    def canonical_url(self, url: str) -> str | None:
        parts = urlsplit(url)
        origin = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        page = _page_of(parts.query)
        path = parts.path.rstrip("/")
        if path == "":
            return f"{origin}/"
        match = _PATH.match(path)
        if not match:
            return None
        site = origin + match.group("prefix")
        kind = match.group("kind")
        segments = [s for s in (match.group("rest") or "").split("/") if s]
        if kind in ("categories", "recent"):
            return _paged(f"{site}/{kind}", page) if not segments else None
        if kind not in ("topic", "category") or not segments or not segments[0].isdigit():
            return None  # post permalinks, profiles
        if kind == "topic" and len(segments) > 2:
            return None  # /topic/<tid>/<slug>/<n>: a post, on whatever page holds it
        return _paged(f"{site}/{kind}/{'/'.join(segments[:2])}", page)

    def page_kind(self, url: str, sel: Selector) -> str | None:
        if sel.type != "html":
            return None
        if sel.css('ul[component="topic"] li[component="post"], li[component="post"][data-pid]'):
            return "thread"
        if sel.css('ul[component="category"], li[component="categories/category"]'):
            return "listing"
        return None

    # ---------------------------------------------------------------- thread
    @with_generic_fallback
    def parse_thread(self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage:
        if sel.type != "html":
            raise PageError(f"not an HTML page: {url}")
        canonical = sel.css('link[rel="canonical"]::attr(href)').get()
        thread_url = self._thread_url(urljoin(url, canonical) if canonical else url)
        if thread_url is None:
            thread_url = self._thread_url(url)
        topic = sel.css('ul[component="topic"]')
        thread_id = topic.attrib.get("data-tid") if topic else None
        if thread_url is None or not thread_id:
            raise PageError(f"not a NodeBB topic page: {url}")
        title = " ".join(
            (
                sel.css('[component="topic/title"]::text').get()
                or sel.css("title::text").get()
                or ""
            ).split()
        )
        page_urls = self._page_urls(url, sel, thread_url)
        head = ThreadHead(thread_id, thread_url, title, _board(sel), _views(sel))
        site = thread_url.split("/topic/", 1)[0]
        return thread_page(
            ctx,
            head,
            page_urls,
            sel.css('li[component="post"][data-pid]'),
            lambda _, li, thread: self._post(li, thread, site, url, ctx),
        )

    def _thread_url(self, url: str) -> str | None:
        canonical = self.canonical_url(url)
        if canonical is None or "/topic/" not in canonical:
            return None
        return canonical.split("?", 1)[0]

    def _page_urls(self, url: str, sel: Selector, thread_url: str) -> tuple[str, ...]:
        """Every page: the paginator shows the first, the last and a few around
        the current one, with separators between; the numbers between are filled in."""
        pages = {_page_of(urlsplit(url).query) or 1}
        for value in sel.css('[component="pagination"] a.page-link::attr(data-page)').getall():
            if value.strip().isdigit():
                pages.add(int(value))
        for href in sel.css('link[rel="next"]::attr(href), link[rel="prev"]::attr(href)').getall():
            pages.add(_page_of(urlsplit(urljoin(url, href)).query) or 1)
        return tuple(_paged(thread_url, n) for n in range(1, max(pages) + 1))

    def _post(self, li: Selector, thread: Thread, site: str, url: str, ctx: PageContext) -> Post:
        pid = li.attrib.get("data-pid", "")
        index = li.attrib.get("data-index", "")
        if not pid.isdigit() or not index.lstrip("-").isdigit():
            raise PostSkipped(f"a post without data-pid or data-index on {url}")
        content = li.css('[component="post/content"]')
        if not content:
            raise PostSkipped(f"post {pid} on {url} has no content element")
        body_el = copy.deepcopy(content[0].root)
        quotes = _take_quotes(body_el)
        body = element_text(body_el)
        for a in body_el.iter("a"):
            if set((a.get("class") or "").split()) & set(_MENTIONS):
                a.attrib.pop("href", None)  # mentions link to profiles, not sources
        signature_el = li.css('[component="post/signature"]')
        uid = li.attrib.get("data-uid", "")
        edited_at, editor = _edit(li)
        head = PostHead(
            pid,
            f"{site}/post/{pid}",
            int(index),
            li.attrib.get("data-username") or None,
            uid if uid.isdigit() and uid != "0" else None,
            _posted_at(li),
            edited_at,
            editor,
        )
        message = Message(body, quotes, cited_urls(body_el, url, body))
        return make_post(
            head,
            message,
            element_text(signature_el[0].root) if signature_el else "",
            thread,
            ctx,
            url,
        )

    # --------------------------------------------------------------- listing
    def parse_listing(self, url: str, sel: Selector) -> ListingPage:
        own = self.canonical_url(url)
        own_base = (own or "").split("?", 1)[0]
        boards: list[str] = []
        threads: list[str] = []
        pages: list[str] = []
        for href in sel.css("a::attr(href)").getall():
            target = self.canonical_url(urljoin(url, href))
            if not target or urlsplit(target).netloc != urlsplit(url).netloc or target == own:
                continue
            if "/topic/" in target:
                if "?" not in target:  # first pages only; a topic lists its own pages
                    _add(threads, target)
            elif target.split("?", 1)[0] == own_base:
                _add(pages, target)
            elif "/category/" in target or target.endswith(("/categories", "/recent")):
                _add(boards, target)
        return ListingPage(
            board_urls=tuple(boards), thread_urls=tuple(threads), page_urls=tuple(pages)
        )


# ------------------------------------------------------------------ helpers
def _page_of(query: str) -> int:
    for key, value in parse_qsl(query):
        if key == "page" and value.isdigit():
            return int(value)
    return 0


def _paged(url: str, page: int) -> str:
    return f"{url}?page={page}" if page > 1 else url


def _add(bucket: list[str], url: str) -> None:
    if url not in bucket:
        bucket.append(url)


def _board(sel: Selector) -> str | None:
    names = [
        " ".join(" ".join(li.css('[itemprop="name"]::text').getall()).split())
        for li in sel.css("ol.breadcrumb li")
    ]
    names = [n for n in names if n]
    return names[-2] if len(names) >= 3 else None  # Home › category › topic


def _views(sel: Selector) -> int | None:
    counts = sel.xpath(
        '//span[contains(@class, "stats")][i[contains(@class, "fa-eye")]]'
        '/span[contains(@class, "human-readable-number")]/@title'
    ).getall()
    for value in counts:
        if value.strip().isdigit():
            return int(value)
    return None


def _posted_at(li: Selector) -> datetime | None:
    return unix_datetime(li.attrib.get("data-timestamp"), scale=1000) or iso_datetime(
        li.xpath('./meta[@itemprop="datePublished"]/@content').get(), None
    )


def _edit(li: Selector) -> tuple[datetime | None, str | None]:
    """The edit time from the post's dateModified meta, the editor from the
    "last edited by" note (its data-editor holds the editor's slug)."""
    edited_at = iso_datetime(li.xpath('./meta[@itemprop="dateModified"]/@content').get(), None)
    if edited_at is None:
        return None, None
    note = li.css('[component="post/editor"]')
    text = " ".join(" ".join(note.css("::text").getall()).split()) if note else ""
    match = _EDITOR.search(text)
    editor = match.group(1) if match else (note.attrib.get("data-editor") if note else None)
    return edited_at, editor or None


def _take_quotes(body: lxml_html.HtmlElement) -> tuple[QuotedReply, ...]:
    """Remove quoted replies (a "said" header paragraph and the blockquote after
    it) from `body` and return them; nested blockquotes stay in their quote."""
    quotes = []
    for block in outermost(body, tag_is("blockquote")):
        header = block.getprevious()
        if header is None or not _is_said_header(header):
            continue
        author = None
        for a in header.iter("a"):
            if set((a.get("class") or "").split()) & set(_MENTIONS):
                author = a.text_content().strip().lstrip("@") or None
        if author is None:
            said = _SAID.search(header.text_content())
            author = said.group(1) if said else None
        quoted_id = None
        for a in header.iter("a"):
            found = _POST_HREF.search(a.get("href") or "")
            if found:
                quoted_id = found.group(1)
        quotes.append(
            QuotedReply(text=element_text(block), author=author, quoted_post_id=quoted_id)
        )
        drop(header, blank_tail=False)
        drop(block, blank_tail=False)
    return tuple(quotes)


def _is_said_header(el: lxml_html.HtmlElement) -> bool:
    if el.tag != "p" or not el.text_content().strip().endswith(":"):
        return False
    has_mention = any(set((a.get("class") or "").split()) & set(_MENTIONS) for a in el.iter("a"))
    has_post_link = any(_POST_HREF.search(a.get("href") or "") for a in el.iter("a"))
    return has_mention or has_post_link or bool(_SAID.search(el.text_content()))
