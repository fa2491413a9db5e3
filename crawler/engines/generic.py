"""The generic fallback page object: posts of a thread page from an unknown engine.

When no engine recognises a page, the spider falls back to this one. It knows
no markup; it relies on what every forum template does:

1. posts are sibling elements that repeat (same tag, same leading class or id
   prefix), each holding text plus a profile link or a date. Groups whose
   members have both win; among them the one with the most text outside
   links, unless an inner group holds most of it with as many full posts (a
   layout grid's rows are not posts, nor are the cells of one post). Rows that
   link other threads or boards, or whose text is mostly links, make a listing;
2. inside each block, the body is the container holding the text that differs
   from block to block: its path in the block is voted over all blocks (short
   replies follow the long ones); signature-like containers (a class or id
   naming a signature) and quotes never count, nor do dates, counters and
   subject lines ("Re: ...") that repeat;
3. quotes (blockquote, classes naming a quote) with an attribution (a header,
   an author attribute, a link to the quoted post) leave the body as
   QuotedReply; a quotation without one (a reposted source) stays body text.
   Edit notes, "Code:" labels, a signature under a rule line and a tail
   repeated under every post of one author leave the body too;
4. dates from `time[datetime]`, epoch and title attributes, then date-looking
   text around the body (labels such as "Joined:" skipped, "edited" ones kept
   as the edit date); ids from the digits shared by id/data attributes;
   authors from data attributes and profile-looking links; the thread's pages
   from links that differ from this page only in a page number or offset.

A page without a repeated group of full posts may hold one post: the deepest
element with a profile link, a date and text. Only when nothing is found is
trafilatura asked for the page's main text, and its post is marked (post id
`trafilatura-<hash>`, `Extraction.method == "trafilatura"`). Nothing here raises
on arbitrary HTML: a page with no posts gives none.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

import dateparser
from lxml.etree import _Element as Element
from parsel import Selector

from crawler.engines.base import ListingPage, PageContext, ThreadPage
from crawler.engines.dates import parse_forum_date
from crawler.engines.html import cited_urls, element_text
from crawler.items import Post, QuotedReply, Thread

log = logging.getLogger(__name__)

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP = {"script", "style", "noscript", "template", "head", "select", "option", "textarea", "svg"}
_CONTAINERS = {
    "div", "section", "article", "aside", "header", "footer", "main", "nav", "td", "th",
    "dd", "dt", "blockquote", "form", "fieldset", "table", "tbody", "tr", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "dl",
}  # fmt: skip
_STATE_CLASS = re.compile(
    r"^(?:odd|even|alt|first|last|new|unread|read|online|offline|active|selected|highlight\w*|"
    r"(?:is|has|js)-.*|clearfix|clear|row|col.*|my-.*|mb-.*|mt-.*|p-.*|m-.*)$",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"signature|(?:^|[^a-z])(?:user|post)?sig(?:[^a-z]|$)", re.IGNORECASE)
_QUOTE = re.compile(r"quote", re.IGNORECASE)
_NOT_QUOTE_TOKEN = re.compile(r"^js-|button|btn|link|action|icon|select|multi|reply", re.I)
_QUOTE_PART = re.compile(
    r"head|title|cite|author|postedby|posted_by|attribution|foot|expandlink", re.IGNORECASE
)
_BODY_CLASS = re.compile(r"post|message|content|body|text", re.IGNORECASE)
_PROFILE = re.compile(
    r"(?:[?&;](?:u|uid|userid|user_id|user|memberid|mid|showuser)=\w"
    r"|action=profile|mode=viewprofile|member\.php|profile\.php|showuser"
    r"|/(?:u|user|users|member|members|profile|profiles|people|author|authors)/)",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(
    r"^(?:view )?(?:profile|pm|email|e-mail|website|www|send .*|message|contact|"
    r"find .*posts?|more)$",
    re.IGNORECASE,
)
_AUTHOR_CLASS = re.compile(r"author|username|user-name|poster|postername|membername", re.I)
_NOT_POST_META = re.compile(  # a label right before a date that is not the post's
    r"(?:joined|join date|registered|member since|last (?:visit|active|seen|login)|birthday"
    r"|local time|since)\s*:?\s*(?:\w{3}\s+)?$",
    re.IGNORECASE,
)
_EDIT_WORD = re.compile(r"\bedit|\bmodified|\bupdated", re.IGNORECASE)
_EDITOR_AFTER = re.compile(r"^\s*by[:\s]+([^\s«»,;:()|]+?)[.,;)]*(?:\s|$)", re.IGNORECASE)
_EDITOR_ANY = re.compile(r"\bby[:\s]+([^\s«»,;:()|]+?)[.,;)]*(?:\s|$)", re.IGNORECASE)
_EDITOR_BEFORE = re.compile(r"\bedited by[:\s]+([^\s«»,;:()|]+)", re.I)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_CLOCK = (
    r"(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\b\.?)?|\d{1,2}\s*[ap]\.m\.|\d{1,2}\s*[ap]m\b"
    r"|noon|midnight)"
)
_AT_CLOCK = rf"(?:(?:,|\s+at|\s+-|,?\s+@)?\s+{_CLOCK})?"
_DATE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}{_AT_CLOCK}"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}{_AT_CLOCK}"
    rf"|\b\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?)?"
    rf"|\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}{_AT_CLOCK}"
    rf"|\b(?:today|yesterday)(?:\s+at)?,?\s+{_CLOCK}"
    r"|\b\d+\s+(?:second|minute|min|hour|day|week|month|year)s?\s+ago\b",
    re.IGNORECASE,
)
_ID_ATTRS = ("id", "data-pid", "data-post-id", "data-postid", "data-content", "data-msgid",
             "data-post", "data-id", "data-commentid", "data-comment-id")  # fmt: skip
_UID_ATTRS = ("data-uid", "data-user-id", "data-userid", "data-author-id", "data-member-id")
_AUTHOR_ATTRS = ("data-author", "data-username", "data-user", "data-author-name")
_QUOTE_AUTHOR_ATTRS = ("data-quote", "data-author", "data-username", "data-user", "data-name")
_QUOTED_ID = re.compile(
    r"(?:msg=?|[?&;]p=|[?&;]pid=|[?&;]post=|post[-_=/:]?\s*|#p|/posts?/|comment[-_=/]?|id=)(\d+)",
    re.IGNORECASE,
)
_QUOTE_HEAD = (
    re.compile(r"^(?:quote from|quoting|quote)\s*:?\s*(.+?)\s+on\b", re.I),
    re.compile(r"^originally posted by:?\s+(.+?)(?:\s+view post)?$", re.I),
    re.compile(r"^(.{1,60}?)\s+(?:said|wrote|a écrit|schrieb|escribió)\s*:?", re.I),
    re.compile(r"^(?:quote from|quoting)\s*:?\s*(.{1,60})$", re.I),
)
_LABEL_CLASS = re.compile(r"description|header|title|label|head", re.IGNORECASE)
_DATE_FORMATS = (  # tried before dateparser: the common forum spellings, after _text_date
    "%B %d, %Y, %I:%M:%S %p", "%B %d, %Y, %I:%M %p", "%b %d, %Y, %I:%M:%S %p",
    "%b %d, %Y, %I:%M %p", "%b %d, %Y %I:%M %p", "%B %d, %Y %I:%M %p", "%a %b %d, %Y %I:%M %p",
    "%m-%d-%Y, %I:%M %p", "%m-%d-%Y %I:%M %p", "%m/%d/%Y, %I:%M %p", "%m/%d/%Y %I:%M %p",
    "%d %B %Y %H:%M", "%d %b %Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%B %d, %Y",
    "%b %d, %Y",
)  # fmt: skip
_EDIT_NOTE = re.compile(r"^(?:last )?(?:edited|modified|updated)\b", re.IGNORECASE)
_SIG_RULE = re.compile(r"^\s*(?:_{4,}|-{2,}|—+|={4,})\s*$")
_POST_NUMBER = re.compile(r"^#\s?(\d+)$")
_REPLY_NUMBER = re.compile(r"\bReply\s+#(\d+)", re.IGNORECASE)
_SESSION = re.compile(r"^(?:phpsessid|sessionid|sessid|jsessionid|sid|s)$", re.IGNORECASE)
_HEX32 = re.compile(r"^[0-9a-f]{32}$", re.IGNORECASE)
_NOT_A_PAGE = re.compile(
    r"(?:action=(?:profile|login|logout|register|search|printpage|post|reply|pm|who|help|"
    r"\.xml|rss|mlist|calendar|notify|markasread|quote)"
    r"|/(?:login|logout|register|signup|search|members?|users?|u|profile|memberlist)(?:[/.?]|$)"
    r"|(?:ucp|posting|memberlist|search|login|register|private|report|print\w*|member|newreply"
    r"|editpost|sendmessage|misc|newthread|subscription)\.php"
    r"|/(?:reply|react|quote|share|bookmark|report|edit|delete|like|watch)(?:[/?]|$)"
    r"|\.(?:jpe?g|png|gif|webp|svg|css|js|ico|pdf|zip|xml|rss|json)(?:$|\?))",
    re.IGNORECASE,
)
_THREAD_LINK = re.compile(
    r"topic|thread|showthread|viewtopic|/t/|[?&;](?:t|tid)=|/discussion", re.IGNORECASE
)
_BOARD_LINK = re.compile(
    r"board|forum|viewforum|/f/|/c/|/category/|/categories/|[?&;](?:f|fid)=", re.IGNORECASE
)
_PERMALINK = re.compile(
    r"[?&;](?:p|pid|post|postid|msg|comment)=\d|#(?:p|post|msg|comment)?-?\d+$"
    r"|/posts?[-/]\d|[.,]msg\d",
    re.IGNORECASE,
)
_THREAD_PARAMS = ("topic", "t", "thread", "threadid", "tid", "thread_id", "showtopic", "id")
# a page number or offset in a URL: (regex with the number as group "n", style)
_PAGE_PARTS = (
    (re.compile(r"[?&;](?:page|pg|pagenumber|paged|currentpage)=(?P<n>\d+)", re.I), "page"),
    (re.compile(r"[?&;](?:start|offset|st|from|begin)=(?P<n>\d+)", re.I), "offset"),
    (re.compile(r"/page[-/]?(?P<n>\d+)(?=/?(?:$|[?#&]))", re.I), "page"),
    (re.compile(r"(?<=[=/,])(?P<id>\d+)\.(?P<n>\d+)(?=$|[;&#/]|\.html)"), "offset"),
)
_MAX_PAGES = 5000


@dataclass(frozen=True)
class Extraction:
    """What the fallback found on a page, and how (for the run's stats)."""

    page: ThreadPage
    method: str  # "blocks" (repeated post blocks), "single", "trafilatura", "listing", "none"


@dataclass(frozen=True)
class _PagePart:
    base: str  # the URL without its page part
    value: int | None  # page number or offset, None when the URL has none
    style: str  # "page" (first page 1) or "offset" (first page 0)
    template: str  # the URL with "{}" where the number goes ("" when there is none)
    plain: str = ""  # the URL with its page part removed, where the first page has none


class GenericForum:
    """Page object for any forum: repeated post blocks, found by structure."""

    name = "generic"

    def detect(self, url: str, sel: Selector) -> bool:
        return False  # the fallback is never detected: it is used when nothing else is

    # ------------------------------------------------------------------ urls
    def canonical_url(self, url: str) -> str | None:
        try:
            parts = urlsplit(url.strip())
        except ValueError:
            return None
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return None
        path = re.sub(r";jsessionid=[^/?#]*", "", parts.path, flags=re.IGNORECASE)
        kept = [
            piece
            for piece in re.split(r"[;&]", parts.query)
            if piece and not _is_session_param(piece)
        ]
        sep = ";" if ";" in parts.query and "&" not in parts.query else "&"
        canonical = urlunsplit(
            (parts.scheme, parts.netloc.lower(), path or "/", sep.join(kept), "")
        )
        if _NOT_A_PAGE.search(canonical.split("//", 1)[1].partition("/")[2]):
            return None
        return canonical

    def page_kind(self, url: str, sel: Selector) -> str | None:
        root = _root(sel)
        if root is None:
            return None
        _, found = _locate(root, url, {})
        if found in ("blocks", "single"):
            return "thread"
        listing = self.parse_listing(url, sel)
        return "listing" if listing.thread_urls else None

    # ---------------------------------------------------------------- thread
    def parse_thread(self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage:
        return self.extract(url, sel, ctx).page

    def extract(self, url: str, sel: Selector, ctx: PageContext) -> Extraction:
        """The thread page and the method that found its posts ("none" when none was found)."""
        root = _root(sel)
        page_url = self.canonical_url(url) or url
        parts = _page_parts(page_url)
        page_urls = self._page_urls(page_url, root, parts) if root is not None else (page_url,)
        thread = Thread(
            forum=ctx.forum,
            thread_id=_thread_id(parts.base),
            url=page_urls[0],
            title=_title(root) if root is not None else "",
            board=_board(root) if root is not None else None,
            page_count=len(page_urls),
            fetched_at=ctx.fetched_at,
        )
        if root is None:
            return Extraction(ThreadPage(thread, (), page_urls), "none")
        cache: _ChunkCache = {}
        blocks, method = _locate(root, url, cache)
        if blocks:
            posts = _posts(blocks, url, parts, thread, ctx, cache)
        elif method == "none":
            posts = _trafilatura_post(sel, url, thread, ctx)
            method = "trafilatura" if posts else "none"
        else:
            posts = ()  # a list of threads, not posts
        if method != "blocks":
            log.info("generic fallback on %s: %s, %d post(s)", url, method, len(posts))
        return Extraction(ThreadPage(thread=thread, posts=posts, page_urls=page_urls), method)

    def _page_urls(self, url: str, root: Element, own: _PagePart) -> tuple[str, ...]:
        """Every page of the thread: links that differ from this page only in a page
        number or offset (rel=next/prev included), elided ranges filled from the step."""
        numbered: dict[int, str] = {}
        plain = url if own.value is None else None  # the first page spelled without a number
        templates: Counter[str] = Counter()
        styles: Counter[str] = Counter()
        if own.value is not None:
            numbered[own.value] = url
            templates[own.template] += 1
            styles[own.style] += 1
        for href in _hrefs(root):
            target = self.canonical_url(urljoin(url, href))
            part = _page_parts(target) if target else None
            if part is None or part.base != own.base:
                continue
            if part.value is None:
                plain = plain or target
                continue
            if part.value == (0 if part.style == "offset" else 1) and part.plain:
                plain = plain or part.plain
            numbered.setdefault(part.value, part.template.replace("{}", str(part.value), 1))
            templates[part.template] += 1
            styles[part.style] += 1
        if not numbered:
            return (url,)
        style = styles.most_common(1)[0][0]
        first = 0 if style == "offset" else 1
        values = sorted({v for v in numbered if v >= first} | {first})
        step = 1
        if style == "offset":
            gaps = [b - a for a, b in zip(values, values[1:], strict=False)]
            step = math.gcd(*gaps) if gaps else 1
        last = values[-1]
        if (last - first) // step <= _MAX_PAGES:
            values = sorted(set(values) | set(range(first, last + 1, step)))
        template = templates.most_common(1)[0][0]
        out = []
        for value in values:
            if value == first and plain:
                out.append(plain)
            else:
                out.append(numbered.get(value) or template.replace("{}", str(value), 1))
        return tuple(dict.fromkeys(out))

    # --------------------------------------------------------------- listing
    def parse_listing(self, url: str, sel: Selector) -> ListingPage:
        root = _root(sel)
        if root is None:
            return ListingPage()
        own = _page_parts(self.canonical_url(url) or url)
        host = urlsplit(url).netloc.lower()
        boards: list[str] = []
        threads: list[str] = []
        pages: list[str] = []
        for href in _hrefs(root):
            target = self.canonical_url(urljoin(url, href))
            if not target or urlsplit(target).netloc != host:
                continue
            part = _page_parts(target)
            if part.base == own.base:
                bucket = pages
            elif part.value not in (None, 0, 1):
                continue  # a later page of another thread or board
            elif _THREAD_LINK.search(target):
                bucket = threads
            elif _BOARD_LINK.search(target):
                bucket = boards
            else:
                continue
            if target not in bucket and target != url:
                bucket.append(target)
        return ListingPage(tuple(boards), tuple(threads), tuple(pages))


GENERIC = GenericForum()


# ------------------------------------------------------------------ the tree
def _root(sel: Selector) -> Element | None:
    root = getattr(sel, "root", None)
    if getattr(sel, "type", "html") not in ("html", "xml") or not isinstance(root, Element):
        return None
    return root


def _tag(el: Element) -> str:
    tag = el.tag
    return tag if isinstance(tag, str) else ""  # lxml's HTML parser lower-cases tags


def _attrs_text(el: Element, *names: str) -> str:
    return " ".join(el.get(name) or "" for name in names)


def _is_signature(el: Element) -> bool:
    attrs = el.attrib
    if not attrs:
        return False
    names = " ".join(attrs.get(n) or "" for n in ("class", "id", "component", "data-role"))
    return bool(names.strip()) and bool(_SIGNATURE.search(names))


def _quote_tokens(el: Element) -> list[str]:
    """Class tokens naming a quote ("bbc_standard_quote", "bbCodeBlock--quote"), not
    scripts or buttons that act on quotes ("js-selectToQuote", "quote-button")."""
    classes = el.get("class")
    if not classes or "uote" not in classes:
        return []
    return [
        token
        for token in classes.split()
        if _QUOTE.search(token) and not _NOT_QUOTE_TOKEN.search(token)
    ]


def _is_quote(el: Element) -> bool:
    """A quoted reply's container (not its header or footer)."""
    tokens = _quote_tokens(el)
    if _tag(el) == "blockquote":
        return not _BODY_CLASS.search(el.get("class") or "") or bool(tokens)
    return any(not _QUOTE_PART.search(token) for token in tokens)


def _is_quote_part(el: Element) -> bool:
    """A quote's header or footer standing outside the quote (SMF 2.0's quoteheader)."""
    return any(_QUOTE_PART.search(token) for token in _quote_tokens(el))


def _clean(text: str) -> int:
    return len(text.strip())


def _measure(root: Element) -> dict[Element, list]:
    """Per element: [text length, link text length, has a profile link, has a date]."""
    stats: dict[Element, list] = {}
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    for el in reversed(elements):  # children before their parents
        tag = _tag(el)
        if tag in _SKIP:
            stats[el] = [0, 0, False, False]
            continue
        own = [el.text or ""] + [child.tail or "" for child in el]
        text = sum(_clean(t) for t in own)
        date = tag == "time" or any(
            any(c.isdigit() for c in t) and (_DATE.search(t) or _CLOCK_TIME.search(t)) for t in own
        )
        link = 0
        author = tag == "a" and bool(_PROFILE.search(el.get("href") or ""))
        for child in el:
            child_stats = stats.get(child)
            if child_stats is None:
                continue
            text += child_stats[0]
            link += child_stats[1]
            author = author or child_stats[2]
            date = date or child_stats[3]
        stats[el] = [text, text if tag == "a" else min(link, text), author, bool(date)]
    return stats


def _sibling_key(el: Element) -> tuple[str, str]:
    classes = [re.sub(r"\d+", "", c) for c in (el.get("class") or "").split()]
    classes = [c for c in classes if c and not _STATE_CLASS.match(c)]
    if classes:
        return _tag(el), classes[0]
    element_id = el.get("id") or ""
    if any(c.isdigit() for c in element_id):
        return _tag(el), "#" + re.sub(r"\d+", "", element_id)
    return _tag(el), ""


def _is_post_like(el: Element, stats: dict[Element, list]) -> bool:
    text, links, author, date = stats[el]
    return text - links >= 10 and (author or date) and not _is_quote(el)


_ChunkCache = dict[Element, list["_Chunk"]]


def _locate(root: Element, url: str, cache: _ChunkCache) -> tuple[list[Element], str]:
    """The post blocks and how they were found: "blocks" (a repeated group of full
    posts), "single" (one post), "blocks" again for a group of posts with an author or
    a date only (guests), "listing" (the repeated rows link other threads) or "none"."""
    stats = _measure(root)
    groups = _groups(root, stats)
    full = [g for g in groups if g.full >= 2]
    if full:
        blocks = _best_group(full)
        return ([], "listing") if _is_listing(blocks, url, cache) else (blocks, "blocks")
    single = _single_block(root, stats)
    if single is not None and not _is_listing([single], url, cache):
        return [single], "single"
    if groups:
        blocks = _best_group(groups)
        return ([], "listing") if _is_listing(blocks, url, cache) else (blocks, "blocks")
    return [], "none"


def _is_listing(blocks: list[Element], url: str, cache: _ChunkCache) -> bool:
    """Thread lists repeat too: their rows' main text is link text (titles), or most
    rows link another thread or board of the forum (posts link their own thread)."""
    if _mostly_links(blocks, cache):
        return True
    own = _page_parts(GENERIC.canonical_url(url) or url)
    host = urlsplit(url).netloc.lower()
    rows = 0
    for block in blocks:
        for link in _meta_elements(block, None, "a"):
            href = link.get("href") or ""
            if (
                len(" ".join(link.text_content().split())) < 8
                or not (_THREAD_LINK.search(href) or _BOARD_LINK.search(href))
                or _PROFILE.search(href)
                or _PERMALINK.search(href)
            ):
                continue
            target = GENERIC.canonical_url(urljoin(url, href))
            if target and urlsplit(target).netloc == host and not _same_thread(target, own):
                rows += 1
                break
    return rows > len(blocks) / 2


def _same_thread(target: str, own: _PagePart) -> bool:
    part = _page_parts(target)
    if part.base.startswith(own.base):
        return True
    return _thread_id(part.base) == _thread_id(own.base)


@dataclass(frozen=True)
class _Group:
    score: int  # text outside links in its post-like members
    full: int  # members with a profile link and a date
    parent: Element
    members: list[Element]


def _groups(root: Element, stats: dict[Element, list]) -> list[_Group]:
    """Every repeating sibling group with two or more post-like members."""
    groups: list[_Group] = []
    for parent in root.iter():
        if not isinstance(parent.tag, str) or _tag(parent) in _SKIP or len(parent) < 2:
            continue
        buckets: dict[tuple[str, str], list[Element]] = defaultdict(list)
        for child in parent:
            if isinstance(child.tag, str) and _tag(child) not in _SKIP:
                buckets[_sibling_key(child)].append(child)
        for members in buckets.values():
            posts = [m for m in members if _is_post_like(m, stats)]
            if len(posts) >= 2:
                score = sum(stats[m][0] - stats[m][1] for m in posts)
                full = sum(1 for m in posts if stats[m][2] and stats[m][3])
                groups.append(_Group(score, full, parent, posts))
    return groups


def _best_group(groups: list[_Group]) -> list[Element]:
    """The group with the most post-like text, or an inner group that holds most of it."""
    groups.sort(key=lambda g: -g.score)
    best = groups[0]
    changed = True
    while changed:
        # An inner group with most of the text and at least as many full posts wins:
        # the rows of a layout grid are not posts, the cells of one post are not either.
        changed = False
        outer = set(best.members)
        for group in groups:
            if (
                group is not best
                and group.score >= 0.5 * best.score
                and group.full >= max(2, best.full)
                and _inside(group.parent, outer)
            ):
                best, changed = group, True
                break
    return best.members


def _inside(el: Element, ancestors: set[Element]) -> bool:
    node: Element | None = el
    while node is not None:
        if node in ancestors:
            return True
        node = node.getparent()
    return False


def _mostly_links(blocks: list[Element], cache: _ChunkCache) -> bool:
    """Thread lists repeat too: their rows' main text is link text (titles, last poster)."""
    bodies = [_best_container(_chunks(b, cache)) for b in blocks]
    linky = sum(1 for c in bodies if c is None or c.links > 0.6 * c.length)
    return linky > len(blocks) / 2


def _single_block(root: Element, stats: dict[Element, list]) -> Element | None:
    """A page with one post: the deepest element with a profile link, a date and text."""
    best: Element | None = None
    best_text = 0
    for el, (text, links, author, date) in stats.items():
        if not (author and date) or text - links < 20 or _tag(el) in _SKIP:
            continue
        if any(isinstance(c.tag, str) and c in stats and _holds_post(stats[c]) for c in el):
            continue  # a child holds it all: not the deepest
        if text - links > best_text:
            best, best_text = el, text - links
    return best


def _holds_post(child_stats: list) -> bool:
    text, links, author, date = child_stats
    return bool(author and date and text - links >= 20)


# ------------------------------------------------------------- body choice
@dataclass
class _Chunk:
    """The text a container holds itself (not through a nested container)."""

    element: Element
    path: tuple[tuple[str, str, int], ...]
    text: list[str]
    length: int = 0
    links: int = 0

    @property
    def joined(self) -> str:
        return " ".join(" ".join(self.text).split())


def _chunks(block: Element, cache: _ChunkCache) -> list[_Chunk]:
    """The block's containers with their own text, signatures and quotes left out."""
    if block in cache:
        return cache[block]
    out: list[_Chunk] = []
    cache[block] = out

    def walk(el: Element, owner: _Chunk, in_link: bool) -> None:
        seen: Counter[tuple[str, str]] = Counter()  # siblings of the same key before
        for child in el:
            tail = child.tail or ""
            tag = _tag(child)
            if (
                tag
                and tag not in _SKIP
                and not _is_signature(child)
                and not _is_quote(child)
                and not _is_quote_part(child)
            ):
                target = owner
                if tag in _CONTAINERS and (child.get("class") or child.get("id")):
                    key = _sibling_key(child)
                    target = _Chunk(child, (*owner.path, (*key, seen[key])), [])
                    seen[key] += 1
                    out.append(target)
                if child.text:
                    _add(target, child.text, in_link or tag == "a")
                walk(child, target, in_link or tag == "a")
            if tail:
                _add(owner, tail, in_link)

    top = _Chunk(block, (), [])
    out.append(top)
    if block.text:
        _add(top, block.text, _tag(block) == "a")
    walk(block, top, _tag(block) == "a")
    return out


def _add(chunk: _Chunk, text: str, in_link: bool) -> None:
    size = _clean(text)
    if size:
        chunk.text.append(text)
        chunk.length += size
        if in_link:
            chunk.links += size


def _chunk_score(chunk: _Chunk, repeated: bool) -> float:
    if repeated or not chunk.length:
        return 0.0
    text = chunk.joined
    date = _DATE.search(text)
    if date and len(text) < 100:
        return 0.0  # a date line
    score = float(chunk.length - chunk.links) + 0.3 * chunk.links
    if re.fullmatch(r"[^\d]{0,30}\d[\d,. ]*", text):
        score *= 0.1  # a counter: "Posts: 1,234"
    if _tag(chunk.element) in _HEADINGS:
        score *= 0.5  # a subject line
    return score


def _repeat_key(text: str) -> str:
    """Text compared across blocks: "Re: Subject" repeats "Subject"."""
    return re.sub(r"^(?:re|aw|sv|odp|rif)\s*:\s*", "", text.lower())


def _best_container(chunks: list[_Chunk]) -> _Chunk | None:
    best = max(chunks, key=lambda c: _chunk_score(c, False), default=None)
    return best if best is not None and _chunk_score(best, False) > 0 else None


def _body_elements(blocks: list[Element], cache: _ChunkCache) -> list[Element]:
    """The body of each block: the container path whose own text, over all blocks,
    is longest and differs from block to block."""
    per_block = [_chunks(b, cache) for b in blocks]
    texts: dict[tuple, Counter[str]] = defaultdict(Counter)
    for chunks in per_block:
        for chunk in chunks:
            texts[chunk.path][_repeat_key(chunk.joined)] += 1
    votes: dict[tuple, float] = defaultdict(float)
    for chunks in per_block:
        for chunk in chunks:
            repeated = len(blocks) > 1 and texts[chunk.path][_repeat_key(chunk.joined)] > 1
            votes[chunk.path] += _chunk_score(chunk, repeated)
    winner = max(votes, key=lambda path: votes[path], default=())
    bodies = []
    for block, chunks in zip(blocks, per_block, strict=True):
        chosen = next((c for c in chunks if c.path == winner), None)
        if chosen is None or not chosen.length:
            chosen = _best_container(chunks)
        bodies.append(chosen.element if chosen is not None else block)
    return bodies


# ------------------------------------------------------------------- posts
@dataclass
class _Draft:
    block: Element
    body_el: Element  # a cleaned copy of the body
    body: str
    signature: str
    quotes: tuple[QuotedReply, ...]
    author: str | None
    author_id: str | None
    edit: tuple[datetime | None, str | None]  # an edit note found inside the body


def _posts(
    blocks: list[Element],
    url: str,
    own: _PagePart,
    thread: Thread,
    ctx: PageContext,
    cache: _ChunkCache,
) -> tuple[Post, ...]:
    bodies = _body_elements(blocks, cache)
    clock = _Clock(ctx, _languages(blocks[0].getroottree().getroot()))
    metas = [list(_meta_elements(b, body)) for b, body in zip(blocks, bodies, strict=True)]
    drafts: list[_Draft] = []
    for block, body, meta in zip(blocks, bodies, metas, strict=True):
        body_el = _clean_copy(body)
        quotes = _take_quotes(body_el)
        signature = ""
        for sig in list(body_el.iter()):
            if isinstance(sig.tag, str) and sig is not body_el and _is_signature(sig):
                signature = signature or _text(sig)
                _drop(sig)
        for label in [el for el in body_el.iter() if isinstance(el.tag, str) and el is not body_el]:
            if _LABEL_CLASS.search(_attrs_text(label, "class")) and _is_label_only(label):
                _drop(label)  # "Code:", "Spoiler:" labels of BBCode blocks
        edit = _take_edit_note(body_el, clock)
        text = element_text(body_el)
        text, ruled = _split_rule_signature(text)
        signature = signature or ruled or _signature_of(block, body)
        author, author_id = _author(block, meta)
        drafts.append(_Draft(block, body_el, text, signature, quotes, author, author_id, edit))
    _strip_repeated_tails(drafts)
    positions = _positions([_post_number(meta) for meta in metas], own)
    posts = []
    for index, (draft, body, meta) in enumerate(zip(drafts, bodies, metas, strict=True)):
        post_id = _post_id(draft.block, meta) or _hash_id(draft, url)
        posted_at, edited_at, editor = _dates(draft.block, body, meta, clock)
        if edited_at is None:
            edited_at, editor = draft.edit
        position = positions[index]
        posts.append(
            Post(
                forum=ctx.forum,
                thread_id=thread.thread_id,
                post_id=post_id,
                permalink=_permalink(draft.block, meta, post_id, url),
                thread_title=thread.title,
                position=position,
                author=draft.author,
                author_id=draft.author_id,
                posted_at=posted_at,
                body=draft.body,
                signature=draft.signature,
                quotes=draft.quotes,
                cited_urls=_cited(draft.body_el, url, draft.body),
                edited_at=edited_at,
                editor=editor,
                page_url=url,
                fetched_at=ctx.fetched_at,
            )
        )
    return tuple(posts)


def _cited(body: Element, url: str, text: str) -> tuple[str, ...]:
    """cited_urls without link texts cut short ("example.org/po ... html") and without
    @mention links (profiles, not sources)."""
    shown = [_text(a) for a in body.iter("a") if _text(a) != (a.get("href") or "")]
    mentions = {
        urljoin(url, a.get("href") or "")
        for a in body.iter("a")
        if "mention" in (a.get("class") or "").lower()
    }
    return tuple(
        u
        for u in cited_urls(body, url, text)
        if "..." not in u
        and "…" not in u
        and u not in mentions
        and not any(u in label for label in shown)
    )


def _clean_copy(el: Element) -> Element:
    body = copy.deepcopy(el)
    body.tail = None
    for node in list(body.iter()):
        if node is not body and (not isinstance(node.tag, str) or _tag(node) in _SKIP):
            _drop(node)  # comments too: element_text would print their text
    for node in body.iter():  # a line break in the HTML source is a space on screen
        if isinstance(node.tag, str) and not any(_tag(a) == "pre" for a in node.iterancestors()):
            if node.text and _tag(node) != "pre":
                node.text = re.sub(r"\s*\n\s*", " ", node.text)
            if node.tail and node is not body:
                node.tail = re.sub(r"\s*\n\s*", " ", node.tail)
    return body


def _drop(el: Element) -> None:
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


def _take_quotes(body: Element) -> tuple[QuotedReply, ...]:
    """Remove the top-level quoted replies from `body` (in place) and return them."""
    quotes = []
    for quote in [q for q in body.iter() if isinstance(q.tag, str) and q is not body]:
        if not _is_quote(quote) or any(_is_quote(a) for a in quote.iterancestors()):
            continue
        if not _inside(quote, {body}) or quote.getparent() is None:
            continue  # inside a quote removed already
        header = quote.getprevious()
        headers = [header] if header is not None and _is_quote_header(header) else []
        footer = quote.getnext()
        footers = [footer] if footer is not None and _is_quote_part(footer) else []
        all_heads = [
            el
            for el in quote.iter()
            if isinstance(el.tag, str)
            and el is not quote
            and (_tag(el) == "cite" or _QUOTE_PART.search(_attrs_text(el, "class")))
        ]
        own_heads = headers + all_heads[:1]  # a quote's header comes before nested quotes
        head_text = " ".join(_text(h) for h in own_heads)
        links = [a.get("href") or "" for h in own_heads for a in h.iter("a")]
        for el in headers + footers + all_heads:
            _drop(el)  # quote furniture ("Quote from: ...", "Click to expand...")
        text = _text(quote)
        author = _quote_author(quote, head_text)
        quoted_id = _quoted_id(quote, links)
        if author is None and quoted_id is None and not _QUOTE_HEAD[2].match(text):
            continue  # a block quotation of a source, not a quoted reply: body text
        first, _, rest = text.partition("\n")
        said = _QUOTE_HEAD[2].match(first)
        if author is None and said and len(first) < 80:  # "dave wrote:" on the first line
            author, text = _author_name(said.group(1)), rest.strip()
            said_links = [a.get("href") or "" for a in quote.iter("a") if _text(a) in first]
            quoted_id = quoted_id or _quoted_id(quote, said_links)
        quotes.append(QuotedReply(text=text, author=author, quoted_post_id=quoted_id))
        parent = quote.getparent()
        _drop(quote)
        if parent is not None and parent is not body and _is_label_only(parent):
            _drop(parent)  # a wrapper left with its "Quote:" label only
    return tuple(quotes)


def _text(el: Element) -> str:
    """The element's text without its tail (element_text reads the tail too)."""
    return element_text(_clean_copy(el))


def _is_quote_header(el: Element) -> bool:
    """A quote's header before it: SMF 2.0's quoteheader, NodeBB's "@x said in ...:"."""
    if _is_quote_part(el):
        return True
    if _tag(el) not in ("p", "div", "span", "strong", "b"):
        return False
    text = _text(el)
    return len(text) < 200 and text.endswith(":") and bool(_QUOTE_HEAD[2].match(text))


def _is_label_only(el: Element) -> bool:
    text = _text(el)
    return len(text) <= 30 and (not text or text.endswith(":") or bool(_QUOTE.search(text)))


def _quote_author(quote: Element, head_text: str) -> str | None:
    """Who is quoted: an attribute naming them (data-quote, data-author, ...username),
    else the header ("Quote from: X on ...", "Originally Posted by X", "X said:")."""
    for name in _QUOTE_AUTHOR_ATTRS:
        value = (quote.get(name) or "").strip()
        if value:
            return value.split(",")[0].strip()
    for name, value in quote.attrib.items():
        if name.startswith("data-") and name.endswith(("username", "author")) and value.strip():
            return value.strip()
    head = " ".join(head_text.split())
    for pattern in _QUOTE_HEAD:
        match = pattern.match(head)
        if match:
            return _author_name(match.group(1))
    return None


def _author_name(text: str) -> str | None:
    """ "On 5/2/2023 at 4:40 PM, rangerrebew" and "(01-05-2026, 10:00 AM)bob": the name."""
    text = _DATE.sub("", text)
    text = re.sub(r"^\s*(?:on\b)?[\s,()]*", "", text).strip(" ,()").lstrip("@")
    return text or None


def _quoted_id(quote: Element, links: list[str]) -> str | None:
    """The quoted post's id: from the quote's attributes or a link in its header."""
    for name, value in quote.attrib.items():
        if name in ("data-source", "data-pid", "data-post-id", "data-postid") or (
            name.startswith("data-") and name.endswith(("commentid", "postid", "-pid"))
        ):
            digits = re.findall(r"\d+", value)
            if digits:
                return digits[-1]
    for href in links:
        match = _QUOTED_ID.search(href)
        if match:
            return match.group(1)
    return None


def _take_edit_note(body: Element, clock: _Clock) -> tuple[datetime | None, str | None]:
    """Remove an edit note printed inside the body ("Edited May 3, 2023 by X") and
    return its date and editor."""
    for el in body.iter():
        if not isinstance(el.tag, str) or el is body:
            continue
        raw = " ".join(el.text_content().split())
        if len(raw) > 120 or not _EDIT_NOTE.match(raw):
            continue
        text = _text(el)
        times = [t for t in el.iter() if isinstance(t.tag, str) and _has_machine_date(t)]
        when = _machine_date(times[0], clock) if times else None
        if when is None:
            found = _DATE.search(text)
            when = _text_date(found.group(0), clock) if found else None
        if when is None:
            continue
        who = re.search(r"\bby[:\s]+([^\s«»,;:()|]+)\s*\.?$", text, re.IGNORECASE)
        _drop(el)
        return when, _name(who.group(1)) if who else None
    return None, None


def _split_rule_signature(text: str) -> tuple[str, str]:
    """An inline signature under a rule line ("____", "--") at the end of the body."""
    lines = text.split("\n")
    for index in range(len(lines) - 1, 0, -1):
        if _SIG_RULE.match(lines[index]):
            tail = "\n".join(lines[index + 1 :]).strip()
            head = "\n".join(lines[:index]).strip()
            if tail and head and len(tail) <= 500:
                return head, tail
    return text, ""


def _signature_of(block: Element, body: Element) -> str:
    for el in block.iter():
        if (
            isinstance(el.tag, str)
            and _is_signature(el)
            and not _inside(el, {body})
            and not any(_is_signature(a) for a in el.iterancestors())
        ):
            return _text(el)
    return ""


def _strip_repeated_tails(drafts: list[_Draft]) -> None:
    """A tail of paragraphs repeated under every post of one author is a signature."""
    by_author: dict[str, list[_Draft]] = defaultdict(list)
    for draft in drafts:
        if draft.author:
            by_author[draft.author].append(draft)
    for posts in by_author.values():
        if len(posts) < 2:
            continue
        split = [p.body.split("\n\n") for p in posts]
        common = 0
        while all(len(s) > common + 1 for s in split) and len({s[-1 - common] for s in split}) == 1:
            common += 1
        if not common:
            continue
        for post, paragraphs in zip(posts, split, strict=True):
            tail = "\n\n".join(paragraphs[-common:])
            post.body = "\n\n".join(paragraphs[:-common]).strip()
            post.signature = post.signature or tail


def _author(block: Element, meta: list[Element]) -> tuple[str | None, str | None]:
    """The author's name and id: the block's data attributes or a profile link outside
    the body (its name, its id from data attributes or the URL), or an element whose
    class names the author."""
    named = next((block.get(n).strip() for n in _AUTHOR_ATTRS if block.get(n)), None)
    links = []
    for link in meta:
        if _tag(link) != "a":
            continue
        href = link.get("href") or ""
        name = " ".join(link.text_content().split())
        if _PROFILE.search(href) and name and len(name) <= 60 and not _NOT_A_NAME.match(name):
            links.append((name, link))
    if named:
        links = [(n, link) for n, link in links if n == named] or links
    if links:
        name, link = links[0]
        uid = next(
            (d for el in link.iter() if (d := _attr_digits(el, _UID_ATTRS)) is not None), None
        )
        return named or name, uid or _user_id(link.get("href") or "")
    if named:
        return named, _attr_digits(block, _UID_ATTRS)
    for el in meta:
        if _AUTHOR_CLASS.search(el.get("class") or ""):
            name = next((" ".join(t.split()) for t in el.itertext() if t.strip()), "")
            if name and len(name) <= 60:
                return name, None
    return None, None


def _meta_elements(
    block: Element, body: Element | None, tag: str | None = None
) -> Iterator[Element]:
    """Elements of the block in document order, outside its body, quotes and signature."""
    stack = [block]
    while stack:
        el = stack.pop()
        if el is body or _tag(el) in _SKIP or _is_quote(el) or _is_signature(el):
            continue
        if tag is None or _tag(el) == tag:
            yield el
        stack.extend(reversed([c for c in el if isinstance(c.tag, str)]))


def _meta_text(block: Element, body: Element) -> str:
    """The block's text outside its body, quotes and signature, in document order."""
    pieces: list[str] = []

    def walk(el: Element) -> None:
        pieces.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str) and not (
                child is body or _tag(child) in _SKIP or _is_quote(child) or _is_signature(child)
            ):
                walk(child)
            pieces.append(child.tail or "")

    walk(block)
    return re.sub(r"\s+([,.;:)])", r"\1", " ".join(" ".join(pieces).split()))


_USER_PARAM = re.compile(r"[?&;](?:u|uid|userid|user_id|user|memberid|mid|showuser)=(\d+)", re.I)
_USER_PATH = re.compile(r"/(?:u|user|users|member|members|profile|profiles)/(?:[^/?#]*?[.-])?(\d+)")


def _attr_digits(el: Element, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = (el.get(name) or "").strip()
        if value.isdigit():
            return value
    return None


def _user_id(href: str) -> str | None:
    match = _USER_PARAM.search(href) or _USER_PATH.search(href) or re.search(r"(\d+)\D*$", href)
    return match.group(1) if match else None


_ID_XPATH = ".//*[" + " or ".join(f"@{name}" for name in _ID_ATTRS) + "]"


def _post_id(block: Element, meta: list[Element]) -> str | None:
    """Digits shared by the block's id and data attributes (msg_3, subject_3, ...),
    quotes left out; else the digits of a link's #fragment (a permalink)."""
    votes: Counter[str] = Counter()
    for name in _ID_ATTRS:
        for digits in re.findall(r"\d+", block.get(name) or ""):
            votes[digits] += 3
    for el in block.xpath(_ID_XPATH):
        if _in_quote(el, block):
            continue
        for name in _ID_ATTRS:
            for digits in re.findall(r"\d+", el.get(name) or ""):
                votes[digits] += 1
    if votes:
        return votes.most_common(1)[0][0]
    for link in (el for el in meta if _tag(el) == "a"):
        digits = re.findall(r"\d+", urlsplit(link.get("href") or "").fragment)
        if digits:
            return digits[-1]
    return None


def _in_quote(el: Element, block: Element) -> bool:
    for ancestor in el.iterancestors():
        if ancestor is block:
            return False
        if _is_quote(ancestor):
            return True
    return False


def _hash_id(draft: _Draft, url: str) -> str:
    key = f"{url}\n{draft.author}\n{draft.body}".encode()
    return "h" + hashlib.sha1(key).hexdigest()[:12]


def _permalink(block: Element, meta: list[Element], post_id: str, url: str) -> str:
    pattern = re.compile(rf"(?<!\d){re.escape(post_id)}(?!\d)")
    for link in (el for el in meta if _tag(el) == "a"):
        href = link.get("href") or ""
        if pattern.search(href) and not _PROFILE.search(href):
            return _without_session(urljoin(url, href))
    anchor = block.get("id") or ""
    return f"{url.split('#')[0]}#{anchor or post_id}"


def _without_session(url: str) -> str:
    """`url` with session parameters dropped, fragment kept (a permalink's anchor)."""
    parts = urlsplit(url)
    kept = [p for p in re.split(r"[;&]", parts.query) if p and not _is_session_param(p)]
    sep = ";" if ";" in parts.query and "&" not in parts.query else "&"
    return urlunsplit(parts._replace(query=sep.join(kept)))


def _post_number(meta: list[Element]) -> int | None:
    """The number the block shows ("#3", "Reply #2"), or None."""
    for el in meta:
        text = " ".join((el.text or "").split())
        match = _POST_NUMBER.match(text)
        if match and _tag(el) in ("a", "span", "strong", "b", "li", "div"):
            return int(match.group(1))
        match = _REPLY_NUMBER.search(text) or _REPLY_NUMBER.search(el.get("title") or "")
        if match:
            return int(match.group(1))
    return None


def _positions(numbers: list[int | None], own: _PagePart) -> list[int]:
    """0-based positions in the thread: from the numbers the posts show (0- or 1-based,
    told apart by the page offset where it is known), else page offset + index."""
    known = own.value is None or own.style == "offset" or own.value == 1
    if own.value is None:
        offset = 0
    elif own.style == "offset":
        offset = own.value
    else:
        offset = (own.value - 1) * len(numbers)  # exact except on a thread's last page
    base = 1
    for index, number in enumerate(numbers):
        if number is not None:
            delta = number - (offset + index)
            base = delta if known and delta in (0, 1) else 1
            break
    return [
        number - base if number is not None else offset + index
        for index, number in enumerate(numbers)
    ]


# ------------------------------------------------------------------- dates
def _dates(
    block: Element, body: Element, meta: list[Element], clock: _Clock
) -> tuple[datetime | None, datetime | None, str | None]:
    """When the post was written, and when and by whom it was edited, where shown:
    machine-readable dates first, then date-looking text outside the body."""
    posted_at = edited_at = None
    editor: str | None = None
    for el in meta:
        if not _has_machine_date(el):
            continue
        parent = el.getparent() if el is not block else None
        context = " ".join((parent if parent is not None else el).text_content().split())[:80]
        when = _machine_date(el, clock)
        if when is None or re.match(r"\s*(?:joined|registered|member since)", context, re.I):
            continue
        if el is not block and _EDIT_WORD.search(context):
            if edited_at is None:
                edited_at = when
                who = _EDITOR_BEFORE.search(context) or _EDITOR_ANY.search(context)
                editor = _name(who.group(1)) if who else None
        elif posted_at is None:
            posted_at = when
    text = _meta_text(block, body)
    for match in _DATE.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        if _NOT_POST_META.search(before[-25:]):
            continue
        if _EDIT_WORD.search(before):
            if edited_at is None:
                edited_at = _text_date(match.group(0), clock)
                who = _EDITOR_AFTER.search(text[match.end() :]) or _EDITOR_BEFORE.search(before)
                editor = _name(who.group(1)) if who else None
        elif posted_at is None:
            posted_at = _text_date(match.group(0), clock)
    if posted_at is None and body is block:
        found = _DATE.search(_text(block))
        posted_at = _text_date(found.group(0), clock) if found else None
    return posted_at, edited_at, editor


def _name(word: str) -> str | None:
    """An editor's name, not the article of "edited by a moderator"."""
    return None if word.lower() in ("a", "an", "the") else word


def _has_machine_date(el: Element) -> bool:
    return (
        _tag(el) == "time"
        or bool(el.get("data-timestamp") or el.get("data-time") or el.get("datetime"))
        or _is_title_date(el.get("title") or "")
    )


def _is_title_date(title: str) -> bool:
    """A full date and time in a title attribute (shown as "2 hours ago" or a day)."""
    if _ISO.match(title):
        return True
    found = _DATE.fullmatch(title.strip())
    return bool(found) and bool(_CLOCK_TIME.search(title))


def _machine_date(el: Element, clock: _Clock) -> datetime | None:
    for name in ("datetime", "data-datetime", "title"):
        value = (el.get(name) or "").strip()
        if name == "title" and value and not _ISO.match(value):
            if _is_title_date(value):
                return _text_date(value, clock)
            continue
        if value:
            try:
                parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                return _text_date(value, clock)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=clock.ctx.timezone)
    for name in ("data-timestamp", "data-time"):
        value = (el.get(name) or "").strip()
        if value.isdigit():
            seconds = int(value) / (1000 if len(value) > 11 else 1)
            try:
                return datetime.fromtimestamp(seconds, UTC)
            except (OverflowError, OSError, ValueError):
                return None
    return _text_date(el.text_content(), clock) if _tag(el) == "time" else None


@dataclass(frozen=True)
class _Clock:
    """What reading a date needs: the page context and the page's languages."""

    ctx: PageContext
    languages: tuple[str, ...] = ("en",)


def _languages(root: Element) -> tuple[str, ...]:
    """The page's language (`<html lang>`) and English, for dateparser: trying every
    language on a string that is no date takes dateparser a second."""
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    code = lang.split("-")[0].strip().lower()
    return tuple(dict.fromkeys([code, "en"] if code.isalpha() and len(code) <= 3 else ["en"]))


def _text_date(text: str, clock: _Clock) -> datetime | None:
    """A date written as text, in the forum's timezone: known spellings and "Today at"
    through parse_forum_date, anything else through dateparser in the page's language."""
    text = re.sub(r"\b([ap])\.\s?m\.?", lambda m: m.group(1).upper() + "M", text, flags=re.I)
    text = re.sub(r"\bnoon\b", "12:00 PM", text, flags=re.I)
    text = re.sub(r"\bmidnight\b", "12:00 AM", text, flags=re.I)
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"\b([a-z]{3,9})\.(?=\s)", r"\1", text, flags=re.I)  # "Jan." -> "Jan"
    text = re.sub(r"(\d{4}),?\s+(?:at|-|@)\s+", r"\1 ", text)
    text = re.sub(r"(?<![:\d])(\d{1,2})\s*(AM|PM)\b", r"\1:00 \2", text)
    text = " ".join(text.split())
    if not text:
        return None
    if re.match(r"(?:today|yesterday)\b", text, re.I) or any(
        _strptime_ok(text, fmt) for fmt in _DATE_FORMATS
    ):
        return parse_forum_date(text, clock.ctx, _DATE_FORMATS)
    tz = clock.ctx.timezone
    try:
        return dateparser.parse(
            text,
            languages=list(clock.languages),
            settings={
                "TIMEZONE": str(tz),
                "RETURN_AS_TIMEZONE_AWARE": True,
                "RELATIVE_BASE": clock.ctx.fetched_at.astimezone(tz).replace(tzinfo=None),
                "PREFER_DATES_FROM": "past",
            },
        )
    except (ValueError, OverflowError, TypeError):  # dateparser on odd input
        return None


def _strptime_ok(text: str, fmt: str) -> bool:
    try:
        datetime.strptime(text, fmt)
    except ValueError:
        return False
    return True


# ------------------------------------------------------------- urls, thread
def _is_session_param(piece: str) -> bool:
    name, _, value = piece.partition("=")
    if not _SESSION.match(name):
        return False
    return name.lower() not in ("sid", "s") or bool(_HEX32.match(value))


def _page_parts(url: str) -> _PagePart:
    """Split `url` into the thread's base URL and its page number or offset."""
    parts = urlsplit(url)
    head = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    rest = urlunsplit(("", "", parts.path, parts.query, ""))
    for pattern, style in _PAGE_PARTS:
        found = list(pattern.finditer(rest))
        if not found:
            continue
        match = found[-1]
        start, end = match.span("n")
        template = head + rest[:start] + "{}" + rest[end:]
        plain = ""
        if "id" in pattern.groupindex:  # "topic=4.15": drop ".15", keep the thread id
            base = rest[: start - 1] + rest[end:]
        else:
            after = rest[match.end() :]
            lead = rest[match.start()]
            if lead == "?" and after[:1] in ("&", ";"):
                after = "?" + after[1:]
            base = rest[: match.start()] + after
            plain = head + base
        return _PagePart(_tidy(head + base), int(match.group("n")), style, template, plain)
    return _PagePart(_tidy(url), None, "page", "")


def _tidy(url: str) -> str:
    url = re.sub(r"[?&;]+$", "", url)
    url = re.sub(r"\?[&;]+", "?", url)
    return url.rstrip("/")


def _hrefs(root: Element) -> Iterable[str]:
    for el in root.iter("a", "link"):
        href = el.get("href")
        if href and not href.startswith(("#", "javascript:", "mailto:")):
            yield href


def _thread_id(base: str) -> str:
    parts = urlsplit(base)
    params = dict(parse_qsl(parts.query.replace(";", "&"), keep_blank_values=True))
    lowered = {k.lower(): v for k, v in params.items()}
    for name in _THREAD_PARAMS:
        digits = re.findall(r"\d+", lowered.get(name, ""))
        if digits:
            return digits[0]
    candidates = [s for s in parts.path.split("/") if any(c.isdigit() for c in s)]
    if parts.query and not params and re.match(r"^\d+", parts.query):
        return re.match(r"^\d+", parts.query).group(0)  # type: ignore[union-attr]
    for segment in reversed(candidates):
        segment = re.sub(r"\.html?$", "", segment)
        lead = re.match(r"^(\d+)(?:[-.]|$)", segment)
        if lead:
            return lead.group(1)
        trail = re.search(r"[-.,_](\d+)$", segment)
        if trail:
            return trail.group(1)
    return "u" + hashlib.sha1(base.encode()).hexdigest()[:12]


def _title(root: Element) -> str:
    """The thread's title: a page heading found in <title>, else <title> without the
    site name and page number."""
    title = " ".join(" ".join(root.xpath("//title//text()")).split())
    title = re.sub(
        r"\s*[-–|,]?\s*\(?page \d+(?: of \d+)?\)?(?=\s+[-–|]\s|$)", "", title, flags=re.I
    )
    heads = [" ".join(" ".join(h.itertext()).split()) for h in root.iter("h1", "h2", "h3")]
    inside = [h for h in heads if len(h) >= 8 and h in title and len(h) >= 0.4 * len(title)]
    if inside:
        return max(inside, key=len)
    if not title:
        return next((h for h in heads if h), "")
    site_names = {
        " ".join(v.split()) for v in root.xpath('//meta[@property="og:site_name"]/@content')
    }
    pieces = re.split(r"\s+(?:-|\||–|—|::|»|•)\s+", title)
    if len(pieces) > 1 and pieces[-1] in site_names:
        return title[: title.rfind(pieces[-1])].rstrip(" -|–—:»•")
    if len(pieces) > 1 and pieces[0] in site_names:
        return title[len(pieces[0]) :].lstrip(" -|–—:»•")
    return title


def _board(root: Element) -> str | None:
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        names = _attrs_text(el, "class", "id")
        if re.search(r"breadcrumb|crumbs|linktree|navigate_section|p-breadcrumbs", names, re.I):
            links = [" ".join(a.text_content().split()) for a in el.iter("a")]
            links = [name for name in links if name]
            return links[-1] if links else None
    return None


# -------------------------------------------------------------- trafilatura
def _trafilatura_post(
    sel: Selector, url: str, thread: Thread, ctx: PageContext
) -> tuple[Post, ...]:
    """The page's main text as one post: the last resort, marked in its id."""
    import trafilatura  # imported late: only pages nothing else could read need it

    document = trafilatura.bare_extraction(sel.get(), url=url, with_metadata=False)
    text = getattr(document, "text", None) or ""
    if len(text.strip()) < 20:
        return ()
    root = _root(sel)
    stamps = [el for el in root.iter() if _has_machine_date(el)] if root is not None else []
    posted_at = _machine_date(stamps[0], _Clock(ctx, _languages(root))) if stamps else None
    digest = hashlib.sha1(f"{url}\n{text}".encode()).hexdigest()[:12]
    return (
        Post(
            forum=ctx.forum,
            thread_id=thread.thread_id,
            post_id=f"trafilatura-{digest}",
            permalink=url,
            thread_title=thread.title,
            position=0,
            author=None,
            author_id=None,
            posted_at=posted_at,
            body=text.strip(),
            cited_urls=(),
            page_url=url,
            fetched_at=ctx.fetched_at,
        ),
    )
