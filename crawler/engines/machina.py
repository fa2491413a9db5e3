"""django-machina (the Django forum app, default Bootstrap 4 theme): topics and forum lists.

Everything machina-specific lives here: its URL forms
(`<board root>/forum/<slug>-<pk>/topic/<slug>-<pk>/?page=N`, post permalinks
`?post=N#N`), the post card (`div.card.post` whose id is the post id, "By:
<a>alice</a> on Jan. 5, 2026, 10 a.m." in Django's English DATETIME_FORMAT,
body `div.post-content`, signature and edit note as its siblings, the poster
sidebar with `.posts-count`), markdown quotes ("> **dave wrote:**") and the
forum lists. Selectors were measured on real django-machina 1.3.1 renders
(tests/fixtures/machina/).

Machina turns no bare URL into a link, so cited URLs are also found in the
text (`toolkit.urls.cited_urls` does both). Dates are rendered in the site's
TIME_ZONE setting, which is not in the page: the crawl's timezone must match.
"""

from __future__ import annotations

import copy
import re
from datetime import datetime
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from lxml import html as lxml_html
from parsel import Selector, SelectorList

from crawler.engines.base import (
    ListingPage,
    PageContext,
    PageError,
    PostSkipped,
    ThreadHint,
    ThreadPage,
)
from crawler.engines.generic.refine import with_generic_fallback
from crawler.engines.toolkit.dates import parse_forum_date
from crawler.engines.toolkit.posts import Message, PostHead, ThreadHead, make_post, thread_page
from crawler.engines.toolkit.text import element_text
from crawler.engines.toolkit.tree import (
    body_copy,
    clean_source,
    drop,
    outermost,
    tag_is,
)
from crawler.engines.toolkit.urls import cited_urls
from crawler.items import Post, QuotedReply, Thread

# Django's English DATETIME_FORMAT "N j, Y, P", rewritten by `_strptime_form`.
DATE_FORMATS = ("%b %d, %Y, %I:%M %p", "%b %d, %Y")
# machina's MACHINA_TOPIC_POSTS_NUMBER_PER_PAGE default. The page size is seen
# only on a full page; the last page of a long topic has to assume it.
POSTS_PER_PAGE = 15

_TOPIC = re.compile(
    r"^(?P<root>.*/)forum/(?P<fslug>[^/]+)-(?P<fpk>\d+)/topic/(?P<slug>[^/]+)-(?P<pk>\d+)/$"
)
_FORUM = re.compile(r"^(?P<root>.*/)forum/(?P<slug>[^/]+)-(?P<pk>\d+)/$")
# machina pages that are neither boards nor topics (member, search, feeds,
# moderation, tracking, posting forms, attachments, polls) and Django's own.
_NOT_CRAWLED = re.compile(
    r"/(member|search|feeds|moderation|tracking|admin|accounts|attachment|poll)/"
    r"|/topic/create/|/post/(create|update|delete)/|/update/$|/mark-as-read/"
)
_PROFILE = re.compile(r"/member/profile/(\d+)/?$")
_POST_LINK = re.compile(r"[?&]post=(\d+)")
_BY = re.compile(r"^By:\s*(?P<who>.+?)\s+on\s+(?P<when>.+)$", re.DOTALL)
_EDIT = re.compile(r"\bon\s+(?P<when>.+?),\s*edited\s+\d+\s+times?\b", re.DOTALL)
_WROTE = re.compile(r"^(?P<who>.+?)\s+wrote\s*:?$", re.DOTALL)
_DJANGO_DATE = re.compile(
    r"^(?P<month>[A-Za-z]+)\.?\s+(?P<day>\d{1,2}),\s*(?P<year>\d{4})(?:,\s*(?P<time>.+))?$"
)
_DJANGO_TIME = re.compile(r"^(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<ampm>[ap])\.?m\.?$")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


class Machina:
    """Page object for django-machina 1.x."""

    name = "machina"

    # ------------------------------------------------------------ detection
    def detect(self, url: str, sel: Selector) -> bool:
        assets = sel.css("script::attr(src), link::attr(href)").getall()
        if any("/machina." in a or "/machina/" in a for a in assets):
            return True
        scripts = " ".join(sel.css("script::text").getall()[:5])
        return "machina.init(" in scripts

    # ------------------------------------------------------------------ urls
    def canonical_url(self, url: str) -> str | None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return None
        path = parts.path or "/"
        params = dict(parse_qsl(parts.query))
        if "post" in params:
            return None  # a post permalink: the numbered pages cover it
        if _TOPIC.match(path) or _FORUM.match(path):
            return _with_page(parts.scheme, parts.netloc, path, params.get("page"))
        if _NOT_CRAWLED.search(path) or not path.endswith("/"):
            return None
        return urlunsplit((parts.scheme, parts.netloc, path, "", ""))  # the board index

    def page_kind(self, url: str, sel: Selector) -> str | None:
        if sel.css("div.card.post div.post-content"):
            return "thread"
        if sel.css(".forumlist, .topiclist, .forumlist-top-controls"):
            return "listing"
        return None

    # ---------------------------------------------------------------- thread
    @with_generic_fallback
    def parse_thread(self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage:
        match = _TOPIC.match(urlsplit(url).path)
        if not match:
            raise PageError(f"not a machina topic URL: {url}")
        parts = urlsplit(url)
        first_page = urlunsplit((parts.scheme, parts.netloc, match.group(0), "", ""))
        page = _current_page(url, sel)
        last_page = max(page, *_linked_pages(sel))
        title = " ".join(" ".join(sel.css("#main_container h1 ::text").getall()).split())
        crumbs = [
            " ".join(" ".join(li.css("::text").getall()).split())
            for li in sel.css("ol.breadcrumb li.breadcrumb-item")
        ]
        page_urls = tuple(
            _with_page(parts.scheme, parts.netloc, match.group(0), str(n))
            for n in range(1, last_page + 1)
        )
        head = ThreadHead(
            match.group("pk"),
            first_page,
            title or (crumbs[-1] if crumbs else ""),
            crumbs[-2] if len(crumbs) >= 2 else None,
        )
        cards = sel.css("div.card.post")
        page_size = len(cards) if page < last_page else POSTS_PER_PAGE
        offset = (page - 1) * page_size
        return thread_page(
            ctx,
            head,
            page_urls,
            cards,
            lambda index, card, thread: self._post(card, offset + index, url, thread, ctx),
        )

    def _post(
        self, card: Selector, position: int, url: str, thread: Thread, ctx: PageContext
    ) -> Post:
        post_id = card.attrib.get("id", "")
        if not post_id.isdigit():
            raise PostSkipped(f"post {position} on {url} has no post id")
        wrapper = card.css("div.post-content-wrapper")
        author, author_id, when = _byline(wrapper, url)
        content = wrapper.css("div.post-content")
        if not content:
            raise PostSkipped(f"post {post_id} on {url} has no content")
        body_el = clean_source(body_copy(content))
        quotes = _take_quotes(body_el)
        body = element_text(body_el)
        signature_el = wrapper.css("div.post-signature")
        permalink = card.css("h4.subject a::attr(href)").get()
        edited_at, editor = _edit_note(wrapper, ctx)
        head = PostHead(
            post_id,
            urljoin(url, permalink or f"{thread.url}?post={post_id}#{post_id}"),
            position,
            author,
            author_id,
            parse_django_date(when, ctx) if when else None,
            edited_at,
            editor,
        )
        message = Message(body, quotes, cited_urls(body_el, url, body))
        return make_post(
            head,
            message,
            element_text(clean_source(body_copy(signature_el))) if signature_el else "",
            thread,
            ctx,
            url,
        )

    # --------------------------------------------------------------- listing
    def parse_listing(self, url: str, sel: Selector) -> ListingPage:
        own = _FORUM.match(urlsplit(url).path)
        own_pk = own.group("pk") if own else None
        boards: list[str] = []
        threads: list[str] = []
        pages: set[int] = set()
        # the page's own content: the navigation bar links to search and the index only
        hrefs = (
            sel.css("#main_container a::attr(href)").getall() or sel.css("a::attr(href)").getall()
        )
        for href in hrefs:
            target = self.canonical_url(urljoin(url, href))
            if not target:
                continue
            parts = urlsplit(target)
            forum = _FORUM.match(parts.path)
            if _TOPIC.match(parts.path):
                if not parts.query and target not in threads:
                    threads.append(target)  # first pages only: topics list their own pages
            elif forum and forum.group("pk") == own_pk:
                pages.add(_page_number(parts.query))
            elif forum and target not in boards and not parts.query:
                boards.append(target)
        page_urls: tuple[str, ...] = ()
        if own and pages and max(pages) > 1:
            parts = urlsplit(url)
            page_urls = tuple(
                _with_page(parts.scheme, parts.netloc, own.group(0), str(n))
                for n in range(1, max(pages) + 1)
            )
            page_urls = tuple(p for p in page_urls if p != self.canonical_url(url))
        return ListingPage(
            board_urls=tuple(boards),
            thread_urls=tuple(threads),
            page_urls=page_urls,
            thread_hints=self._hints(url, sel),
        )

    def _hints(self, url: str, sel: Selector) -> dict[str, ThreadHint]:
        """Replies and last post of each topic row of a forum's topic list (the
        first `.topic-count` column, the `?post=N` arrow), for incremental re-crawls."""
        hints = {}
        for row in sel.css(".topiclist div.card-body > div.row"):
            link = row.css("a.topic-name-link::attr(href)").get()
            target = self.canonical_url(urljoin(url, link)) if link else None
            if not target:
                continue
            counts = row.css(".topic-count")
            replies = (
                re.sub(r"\D", "", " ".join(counts[0].css("::text").getall())) if counts else ""
            )
            last = None
            for href in row.css(".topic-last-post a::attr(href)").getall():
                found = _POST_LINK.search(href)
                if found:
                    last = found.group(1)
            hints[target] = ThreadHint(
                posts=int(replies) + 1 if replies else None, last_post_id=last
            )
        return hints


def parse_django_date(text: str, ctx: PageContext) -> datetime | None:
    """A date in Django's English "N j, Y, P" form ("Sept. 5, 2026, noon") as an aware
    datetime in `ctx.timezone`; other forms go to dateparser. None if it is no date."""
    return parse_forum_date(_strptime_form(text), ctx, DATE_FORMATS)


def _strptime_form(text: str) -> str:
    """'Jan. 5, 2026, 10 a.m.' -> 'Jan 05, 2026, 10:00 AM' (unchanged if not Django's form)."""
    text = " ".join(text.split())
    match = _DJANGO_DATE.match(text)
    if not match:
        return text
    month = match.group("month")[:3].lower()
    if month not in _MONTHS:
        return text
    day = f"{month.title()} {int(match.group('day')):02d}, {match.group('year')}"
    clock = (match.group("time") or "").strip()
    if not clock:
        return day
    if clock.lower() == "noon":
        return f"{day}, 12:00 PM"
    if clock.lower() == "midnight":
        return f"{day}, 12:00 AM"
    time = _DJANGO_TIME.match(clock.lower())
    if not time:
        return text
    minute = time.group("minute") or "00"
    return f"{day}, {int(time.group('hour')):02d}:{minute} {time.group('ampm').upper()}M"


def _with_page(scheme: str, netloc: str, path: str, page: str | None) -> str:
    number = _page_number(f"page={page}" if page else "")
    query = f"page={number}" if number > 1 else ""
    return urlunsplit((scheme, netloc, path, query, ""))


def _page_number(query: str) -> int:
    value = dict(parse_qsl(query)).get("page", "1")
    return int(value) if value.isdigit() and int(value) > 0 else 1


def _current_page(url: str, sel: Selector) -> int:
    # the first pagination (machina repeats it under the posts)
    active = " ".join(sel.css("ul.pagination li.page-item.active")[:1].css("::text").getall())
    active = active.strip()
    if active.isdigit():
        return int(active)
    return _page_number(urlsplit(url).query)


def _linked_pages(sel: Selector) -> list[int]:
    """Page numbers the pagination links to (machina elides middle pages: the caller fills them)."""
    found = [1]
    for href in sel.css("ul.pagination a.page-link::attr(href)").getall():
        query = urlsplit(href).query
        if "page=" in query:
            found.append(_page_number(query))
    return found


def _byline(wrapper: SelectorList[Selector], url: str) -> tuple[str | None, str | None, str | None]:
    """Author, author id (from the profile link) and date text of "By: X on DATE"."""
    small = wrapper.css("p > small.text-muted")
    if not small:
        return None, None, None
    text = " ".join(" ".join(small[0].css("::text").getall()).split())
    match = _BY.match(text)
    link = small[0].css("a")
    author = " ".join(" ".join(link[0].css("::text").getall()).split()) if link else None
    author_id = None
    if link:
        profile = _PROFILE.search(urlsplit(urljoin(url, link[0].attrib.get("href", ""))).path)
        author_id = profile.group(1) if profile else None
    if match:
        return author or match.group("who").strip() or None, author_id, match.group("when")
    return author or None, author_id, None


def _edit_note(
    wrapper: SelectorList[Selector], ctx: PageContext
) -> tuple[datetime | None, str | None]:
    """ "Last edited by: alice on DATE, edited 1 time in total." (or "Updated on DATE, ...")."""
    note = wrapper.css("div.edit-info small")
    if not note:
        return None, None
    text = " ".join(" ".join(note[0].css("::text").getall()).split())
    match = _EDIT.search(text)
    when = parse_django_date(match.group("when"), ctx) if match else None
    editor = note[0].css("a::text").get()
    return when, editor.strip() if editor else None


def _take_quotes(body: lxml_html.HtmlElement) -> tuple[QuotedReply, ...]:
    """Remove quoted replies from `body` (in place) and return them.

    machina has no quote markup of its own: a reply quotes in markdown, and
    the quoted reply starts with a bold "<name> wrote:" header (linking to the
    quoted post's `?post=N` permalink when the poster gave one). A blockquote
    without that header is the poster's own text (an excerpt of a release,
    say) and stays in the body.
    """
    quotes = []
    for block in outermost(body, tag_is("blockquote")):
        header = _quote_header(block)
        if header is None:
            continue
        head_text = " ".join(header.text_content().split())
        who = _WROTE.match(head_text)
        quoted_id = None
        for a in header.iter("a"):
            found = _POST_LINK.search(a.get("href") or "")
            if found:
                quoted_id = found.group(1)
        text_el = copy.deepcopy(block)
        own_header = _quote_header(text_el)
        if own_header is not None:
            _drop_header(own_header)
        quotes.append(
            QuotedReply(
                text=element_text(text_el),
                author=who.group("who") if who else None,
                quoted_post_id=quoted_id,
            )
        )
        drop(block)
    return tuple(quotes)


def _quote_header(block: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The bold "<name> wrote:" that opens a quoted reply, or None."""
    first = next(iter(block), None)
    if first is None or first.tag != "p" or (first.text or "").strip():
        return None
    lead = next(iter(first), None)
    if lead is None or lead.tag not in ("strong", "b", "a"):
        return None
    if lead.tag == "a":
        inner = next(iter(lead), None)
        if inner is None or inner.tag not in ("strong", "b"):
            return None
    if not _WROTE.match(" ".join(lead.text_content().split())):
        return None
    return lead


def _drop_header(header: lxml_html.HtmlElement) -> None:
    """Remove the header and the line break after it."""
    after = header.getnext()
    if after is not None and after.tag == "br" and not (header.tail or "").strip():
        after.tail = (after.tail or "").lstrip()
        drop(after)
    header.tail = (header.tail or "").lstrip()
    drop(header)
