"""Discourse through its JSON API: topics, their post chunks and topic lists.

Discourse builds its pages in the browser; the HTML it serves to crawlers
shows about 20 posts of a topic. The JSON API has everything, so this page
object reads JSON (and maps every HTML URL to its JSON counterpart):

- `/t/<id>.json`: the topic, its first chunk of posts (`chunk_size`, 20) and
  `post_stream.stream`, the ids of every post in order;
- `/t/<id>/posts.json?post_ids[]=...`: the other posts, a chunk at a time
  (TopicViewPostsSerializer: `post_stream.posts` and the topic `id`, no stream,
  no title);
- `/latest.json`, `/c/<slug>/<id>.json` (`topic_list.topics`,
  `topic_list.more_topics_url`) and `/categories.json` (`category_list`).

Field meanings follow Discourse's serializers (PostSerializer,
BasicPostSerializer, TopicViewSerializer). A post is edited when its
`version` is above 1; the time is `updated_at`, the time the post's edit
indicator shows (the last editor is not in the post JSON). Quotes are
`aside.quote` blocks carrying the quoted author, topic and post *number*;
the quoted post's id is known only when that post is in the same response.
Oneboxes (link previews the forum builds from a URL on its own line) are
reduced to the URL the user wrote. Signatures exist only with the
discourse-signatures plugin (`user_signature`: cooked HTML, or an image URL
in its simple mode).
"""

from __future__ import annotations

import copy
import re
from typing import Any
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
from crawler.engines.toolkit.dates import iso_datetime
from crawler.engines.toolkit.posts import Message, PostHead, ThreadHead, make_post, thread_page
from crawler.engines.toolkit.text import element_text
from crawler.engines.toolkit.tree import drop, has_class, outermost, replace_with_text, xclass
from crawler.engines.toolkit.urls import cited_urls
from crawler.items import Post, QuotedReply, Thread

CHUNK_SIZE = 20  # TopicView.chunk_size, used when the topic JSON does not say
SMALL_ACTION = 3  # post_type of "closed the topic"-style notices: no user text

_SECTION = re.compile(r"^(?P<prefix>.*?)/(?P<kind>t|c|latest|categories)(?P<rest>(?:[/.].*)?)$")
_DIGITS = re.compile(r"^\d+$")
# classes whose links are forum navigation, not something the post cites
_NAV_LINKS = ("mention", "mention-group", "hashtag", "hashtag-cooked", "lightbox")
_PREVIEWS = ("onebox", "lazy-video-container")


def _is_quote(el: lxml_html.HtmlElement) -> bool:
    return el.tag == "aside" and has_class(el, "quote")


class Discourse:
    """Page object for Discourse (JSON API)."""

    name = "discourse"
    reads_json = True  # the spider hands it JSON answers too (see crawler.engines.base)

    # ------------------------------------------------------------ detection
    def detect(self, url: str, sel: Selector) -> bool:
        data = _json_of(sel)
        if data is not None:
            return _is_topic(data) or _is_topic_list(data) or _is_category_list(data)
        if sel.type != "html":
            return False
        generator = sel.css('meta[name="generator"]::attr(content)').get() or ""
        if generator.strip().lower().startswith("discourse"):
            return True
        return bool(sel.css('meta[name="discourse_current_homepage"]'))

    # ------------------------------------------------------------------ urls
    def canonical_url(self, url: str) -> str | None:
        parts = urlsplit(url)
        match = _SECTION.match(parts.path)
        if not match:
            return f"{_origin(url)}/latest.json" if parts.path in ("", "/") else None
        site = _origin(url) + match.group("prefix")
        kind, rest = match.group("kind"), match.group("rest")
        query = dict(parse_qsl(parts.query))
        if kind == "t":
            return _topic_url(site, rest, parts.query)
        if kind == "c":
            return _category_url(site, rest, query.get("page", ""))
        if rest not in ("", "/", ".json"):
            return None
        if kind == "categories":
            return f"{site}/categories.json"
        return _with_page(f"{site}/latest.json", query.get("page", ""))

    def page_kind(self, url: str, sel: Selector) -> str | None:
        data = _json_of(sel)
        if data is None:
            # an HTML page points at its JSON: read as a listing of JSON URLs
            return "listing" if sel.type == "html" and self.detect(url, sel) else None
        if _is_topic(data):
            return "thread"
        if _is_topic_list(data) or _is_category_list(data):
            return "listing"
        return None

    # ---------------------------------------------------------------- thread
    @with_generic_fallback
    def parse_thread(self, url: str, sel: Selector, ctx: PageContext) -> ThreadPage:
        data = _json_of(sel)
        if data is None or not _is_topic(data):
            raise PageError(f"not a Discourse topic or posts.json response: {url}")
        site = _site(url)
        posts_json = [p for p in data["post_stream"].get("posts") or [] if isinstance(p, dict)]
        thread_id = _thread_id(data, posts_json, url)
        topic_url = f"{site}/t/{thread_id}.json"
        stream = data["post_stream"].get("stream")
        first = next(iter(posts_json), {})
        if isinstance(stream, list):  # the topic itself
            title = str(data.get("title") or "")
            slug = str(data.get("slug") or first.get("topic_slug") or "topic")
            page_urls = _page_urls(topic_url, site, thread_id, stream, posts_json, data)
            category = data.get("category_id")
            board = str(category) if category is not None else None
            views = data.get("views") if isinstance(data.get("views"), int) else None
        else:  # a posts.json chunk: no stream, no title, no counters
            title = str(first.get("topic_title") or "")
            slug = str(first.get("topic_slug") or "topic")
            own = self.canonical_url(url) or url
            page_urls = (topic_url,) if own == topic_url else (topic_url, own)
            board, views = None, None
        head = ThreadHead(thread_id, topic_url, title, board, views)
        ids_by_number = {
            int(p["post_number"]): str(p["id"])
            for p in posts_json
            if isinstance(p.get("post_number"), int) and p.get("id") is not None
        }
        return thread_page(
            ctx,
            head,
            page_urls,
            (p for p in posts_json if p.get("post_type") != SMALL_ACTION),
            lambda _, p, thread: self._post(p, thread, slug, site, ids_by_number, url, ctx),
        )

    def _post(
        self,
        p: dict[str, Any],
        thread: Thread,
        slug: str,
        site: str,
        ids_by_number: dict[int, str],
        url: str,
        ctx: PageContext,
    ) -> Post:
        if p.get("id") is None or not isinstance(p.get("post_number"), int):
            raise PostSkipped(f"a post without id or post_number on {url}")
        number = p["post_number"]
        version = p.get("version")
        edited = isinstance(version, int) and version > 1
        placeholder = bool(p.get("cooked_hidden") or p.get("user_deleted"))
        cooked = Cooked("" if placeholder else str(p.get("cooked") or ""), site + "/")
        quotes = cooked.take_quotes(thread.thread_id, ids_by_number)
        body = cooked.text()
        user_id = p.get("user_id")
        head = PostHead(
            str(p["id"]),
            f"{site}/t/{p.get('topic_slug') or slug}/{thread.thread_id}/{number}",
            number - 1,
            p.get("username") or None,
            str(user_id) if user_id is not None else None,
            iso_datetime(_str(p.get("created_at")), None),
            iso_datetime(_str(p.get("updated_at")), None) if edited else None,
            None,
        )
        message = Message(body, quotes, cooked.cited(body))
        return make_post(head, message, _signature(p.get("user_signature")), thread, ctx, url)

    # --------------------------------------------------------------- listing
    def parse_listing(self, url: str, sel: Selector) -> ListingPage:
        data = _json_of(sel)
        if data is None:
            if sel.type != "html":
                raise PageError(f"not a Discourse listing (unreadable JSON): {url}")
            return self._html_listing(url, sel)
        site = _site(url)
        boards: list[str] = []
        threads: list[str] = []
        pages: list[str] = []
        topic_list = data.get("topic_list")
        if isinstance(topic_list, dict):
            for topic in topic_list.get("topics") or []:
                if isinstance(topic, dict) and topic.get("id") is not None:
                    _add(threads, f"{site}/t/{topic['id']}.json")
            more = topic_list.get("more_topics_url")
            if isinstance(more, str) and more:
                _add(pages, self.canonical_url(urljoin(url, more)))
        category_list = data.get("category_list")
        if isinstance(category_list, dict):
            for category in category_list.get("categories") or []:
                if not isinstance(category, dict):
                    continue
                _add(boards, _category_json(site, [category.get("slug")], category.get("id")))
                for child in category.get("subcategory_list") or []:
                    if isinstance(child, dict):
                        path = [category.get("slug"), child.get("slug")]
                        _add(boards, _category_json(site, path, child.get("id")))
        own = self.canonical_url(url)
        return ListingPage(
            board_urls=tuple(b for b in boards if b != own),
            thread_urls=tuple(threads),
            page_urls=tuple(p for p in pages if p != own),
        )

    def _html_listing(self, url: str, sel: Selector) -> ListingPage:
        """An HTML page (crawler view) as pointers to the JSON that has its content."""
        boards: list[str] = []
        threads: list[str] = []
        for href in [url, *sel.css("a::attr(href)").getall()]:
            target = self.canonical_url(urljoin(url, href))
            if not target or urlsplit(target).netloc != urlsplit(url).netloc:
                continue
            _add(threads if "/t/" in urlsplit(target).path else boards, target)
        return ListingPage(board_urls=tuple(boards), thread_urls=tuple(threads))


class Cooked:
    """A post's cooked HTML, taken apart: quotes, previews, navigation links."""

    def __init__(self, cooked: str, base_url: str) -> None:
        self.root = lxml_html.fragment_fromstring(cooked, create_parent="div")
        self.base_url = base_url
        self._reduce_previews()
        self._emoji_as_text()
        for meta in self.root.xpath(f'.//div[{xclass("lightbox-wrapper")}]//div[@class="meta"]'):
            drop(meta)

    def take_quotes(self, thread_id: str, ids_by_number: dict[int, str]) -> tuple[QuotedReply, ...]:
        """Remove top-level `aside.quote` blocks and return them; nested quotes
        stay inside the text of the quote that holds them."""
        quotes = []
        for aside in outermost(self.root, _is_quote):
            number = aside.get("data-post") or ""
            topic = aside.get("data-topic")
            quoted_id = None
            if _DIGITS.match(number) and (topic is None or topic == thread_id):
                quoted_id = ids_by_number.get(int(number))
            block = aside.find("blockquote")
            text_el = block if block is not None else aside
            quotes.append(
                QuotedReply(
                    text=element_text(text_el),
                    author=aside.get("data-username") or None,
                    quoted_post_id=quoted_id,
                )
            )
            drop(aside)
        return tuple(quotes)

    def text(self) -> str:
        return element_text(self.root)

    def cited(self, body: str) -> tuple[str, ...]:
        """URLs the post cites: hrefs outside quotes, without mentions, hashtags
        and image lightboxes (forum navigation, not sources)."""
        root = copy.deepcopy(self.root)
        for a in root.iter("a"):
            if has_class(a, *_NAV_LINKS):
                a.attrib.pop("href", None)
        return cited_urls(root, self.base_url, body)

    def _reduce_previews(self) -> None:
        """A onebox stands for a URL the user put on a line of its own: keep that
        URL as a link, drop the title, description and site name the forum fetched."""
        for el in list(self.root.iter()):
            if not isinstance(el.tag, str) or not has_class(el, *_PREVIEWS):
                continue
            if el.getparent() is None or any(has_class(a, *_PREVIEWS) for a in el.iterancestors()):
                continue
            src = el.get("data-onebox-src") or next(
                (a.get("href") for a in el.iter("a") if a.get("href")), ""
            )
            if not src:
                drop(el)
                continue
            link = lxml_html.Element("p")
            anchor = lxml_html.Element("a", href=src)
            anchor.text = src
            link.append(anchor)
            link.tail = el.tail
            el.getparent().replace(el, link)

    def _emoji_as_text(self) -> None:
        for img in self.root.xpath(f".//img[{xclass('emoji')}]"):
            replace_with_text(img, img.get("alt") or "")


# ------------------------------------------------------------------ helpers
def _json_of(sel: Selector) -> dict[str, Any] | None:
    root = sel.root
    return root if sel.type == "json" and isinstance(root, dict) else None


def _is_topic(data: dict[str, Any]) -> bool:
    stream = data.get("post_stream")
    if not isinstance(stream, dict) or not isinstance(stream.get("posts"), list):
        return False
    return all(isinstance(p, dict) and "cooked" in p for p in stream["posts"])


def _is_topic_list(data: dict[str, Any]) -> bool:
    topics = data.get("topic_list")
    return isinstance(topics, dict) and isinstance(topics.get("topics"), list)


def _is_category_list(data: dict[str, Any]) -> bool:
    categories = data.get("category_list")
    return isinstance(categories, dict) and isinstance(categories.get("categories"), list)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


def _site(url: str) -> str:
    """Scheme, host and the folder Discourse is installed under (often empty)."""
    match = _SECTION.match(urlsplit(url).path)
    return _origin(url) + (match.group("prefix") if match else "")


def _topic_url(site: str, rest: str, query: str) -> str | None:
    """`/t/<slug>/<id>[/<n>]`, `/t/<id>[/<n>]` (optionally `.json`) → `/t/<id>.json`;
    `/t/<id>/posts.json?post_ids[]=...` stays a chunk (ids in order, nothing else)."""
    segments = [s for s in rest.split("/") if s]
    if not segments:
        return None
    if segments[-1] == "posts.json" and len(segments) == 2 and _DIGITS.match(segments[0]):
        ids = [
            v for k, v in parse_qsl(query) if k in ("post_ids[]", "post_ids") and _DIGITS.match(v)
        ]
        if not ids:
            return f"{site}/t/{segments[0]}.json"
        return f"{site}/t/{segments[0]}/posts.json?" + "&".join(f"post_ids[]={i}" for i in ids)
    last = segments[-1]
    if last.endswith(".json"):
        segments[-1] = last.removesuffix(".json")
    elif "." in last or last in ("print", "summary", "wiki"):
        return None  # feeds (.rss), print and summary views
    numeric = [bool(_DIGITS.match(s)) for s in segments]
    if len(segments) == 1 and numeric[0]:
        topic_id = segments[0]
    elif len(segments) == 2 and numeric[1]:
        topic_id = segments[0] if numeric[0] else segments[1]  # <id>/<n> or <slug>/<id>
    elif len(segments) == 3 and numeric[1] and (numeric[2] or segments[2] == "last"):
        topic_id = segments[1]
    else:
        return None
    return f"{site}/t/{topic_id}.json"


def _category_url(site: str, rest: str, page: str) -> str | None:
    """`/c/<slug path>/<id>`, with `.json` or a `/l/<filter>` list → `/c/<slug path>/<id>.json`."""
    segments = [s for s in rest.split("/") if s]
    if "l" in segments:
        segments = segments[: segments.index("l")]
    if segments and segments[-1].endswith(".json"):
        segments[-1] = segments[-1].removesuffix(".json")
    if len(segments) < 2 or not _DIGITS.match(segments[-1]):
        return None
    return _with_page(_category_json(site, segments[:-1], segments[-1]) or "", page)


def _category_json(site: str, slugs: list[Any], category_id: Any) -> str | None:
    if category_id is None or not all(isinstance(s, str) and s for s in slugs):
        return None
    return f"{site}/c/{'/'.join(slugs)}/{category_id}.json"


def _with_page(url: str, page: str) -> str:
    return f"{url}?page={int(page)}" if _DIGITS.match(page) and int(page) > 0 else url


def _thread_id(data: dict[str, Any], posts: list[dict[str, Any]], url: str) -> str:
    for value in [*(p.get("topic_id") for p in posts), data.get("id")]:
        if value is not None and _DIGITS.match(str(value)):
            return str(value)
    match = re.search(r"/t/(?:[^/]+/)?(\d+)", urlsplit(url).path)
    if not match:
        raise PageError(f"no topic id in {url}")
    return match.group(1)


def _page_urls(
    topic_url: str,
    site: str,
    thread_id: str,
    stream: list[Any],
    posts: list[dict[str, Any]],
    data: dict[str, Any],
) -> tuple[str, ...]:
    """The topic JSON, then posts.json chunks for the rest of the stream.

    The topic JSON serves the first `chunk_size` posts of the stream; the
    chunks are cut from the stream alone, so every copy of the topic JSON
    names the same chunk URLs.
    """
    chunk_size = data.get("chunk_size")
    size = max(1, chunk_size) if isinstance(chunk_size, int) else CHUNK_SIZE
    ids = [str(i) for i in stream if _DIGITS.match(str(i))]
    served = {str(p.get("id")) for p in posts}
    missing = [i for i in ids[:size] if i not in served]  # a short first chunk
    rest = missing + ids[size:]
    chunks = [rest[i : i + size] for i in range(0, len(rest), size)]
    urls = [
        f"{site}/t/{thread_id}/posts.json?" + "&".join(f"post_ids[]={i}" for i in chunk)
        for chunk in chunks
    ]
    return (topic_url, *urls)


def _signature(value: Any) -> str:
    """discourse-signatures: cooked HTML in advanced mode, an image URL otherwise."""
    if not isinstance(value, str) or not value.strip():
        return ""
    if "<" not in value:
        return value.strip()
    return element_text(lxml_html.fragment_fromstring(value, create_parent="div"))


def _add(bucket: list[str], url: str | None) -> None:
    if url and url not in bucket:
        bucket.append(url)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None
