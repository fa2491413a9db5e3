"""Hostile variants of the saved forum pages, for the robustness tests and bench.

Forum pages are written by strangers and served by old software: cut short by
a dropped connection, with tags left open, nested thousands deep, a post the
size of a book, binary garbage, no body at all, a wrong or missing charset,
Windows-1252 bytes under a UTF-8 header, double-encoded text. Each mutation
takes the page's bytes and returns new bytes and the Content-Type to serve
them with; `response()` builds the Scrapy response the spider would get, so
the bytes are decoded exactly as in a crawl.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)
from engine_cases import FIXTURES, load_cases
from scrapy.http import HtmlResponse, TextResponse
from scrapy.responsetypes import responsetypes

from crawler.decoding import page_selector, readable
from crawler.engines import ENGINES, PageContext, PageError, detect_engine, get_engine

UTF8 = "text/html; charset=utf-8"
JSON = "application/json; charset=utf-8"

# a mutation: (page bytes, random source) -> variants of (label, bytes, content type)
Mutation = Callable[[bytes, random.Random], Iterator[tuple[str, bytes, str]]]


@dataclass(frozen=True)
class Page:
    """One saved page of an engine's fixtures, with the URL it was fetched from."""

    folder: str
    engine: str
    name: str
    url: str
    body: bytes
    ctx: PageContext
    thread: bool  # a thread page of cases.json (else a listing or other page)

    @property
    def json(self) -> bool:
        return self.name.endswith(".json")


def fixture_pages() -> list[Page]:
    """Every thread page of every cases.json, and the other saved pages of its folder
    (board lists, indexes) with their URL from routes.json where one is known."""
    pages: list[Page] = []
    seen: set[Path] = set()
    for case in load_cases():
        path = case.folder / case.page
        seen.add(path)
        pages.append(
            Page(
                case.folder.name,
                case.engine,
                case.page,
                case.url,
                path.read_bytes(),
                case.ctx,
                True,
            )
        )
    by_folder = {p.folder: p for p in pages}
    for folder, first in by_folder.items():
        root = FIXTURES / folder
        routes = root / "routes.json"
        urls = {}
        if routes.exists():
            base = re.match(r"https?://[^/]+", first.url)
            prefix = base.group(0) if base else ""
            urls = {v: prefix + k for k, v in json.loads(routes.read_text("utf-8")).items()}
        for path in sorted(root.glob("*.html")) + sorted(root.glob("*.json")):
            if path in seen or path.name.endswith(".expected.json") or path.name == "cases.json":
                continue
            if path.name in ("routes.json",):
                continue
            url = urls.get(path.name, first.url)
            pages.append(
                Page(folder, first.engine, path.name, url, path.read_bytes(), first.ctx, False)
            )
    return pages


def response(url: str, body: bytes, content_type: str = UTF8) -> TextResponse:
    """The response a crawl would hand the spider for these bytes (of the class
    Scrapy picks from the Content-Type and the bytes: HTML, JSON as text...)."""
    headers = {b"Content-Type": content_type.encode()}
    cls = responsetypes.from_args(headers=headers, url=url, body=body)
    if not issubclass(cls, TextResponse):
        cls = HtmlResponse  # the spider skips binary responses; the page objects get text
    return cls(url=url, body=body, headers=headers)


# ------------------------------------------------------------------ mutations
def truncated(body: bytes, rng: random.Random, cuts: int = 12) -> Iterator[tuple[str, bytes, str]]:
    """The page cut short at evenly spread points and a few random ones (mid-tag too)."""
    points = {len(body) * i // cuts for i in range(cuts)}
    points |= {rng.randrange(len(body) + 1) for _ in range(4)}
    for point in sorted(points):
        yield f"cut@{point}", body[:point], UTF8


_CLOSE = re.compile(rb"</(div|span|blockquote|a|li|td|tr|table|p|section|article)>", re.I)


def unclosed(body: bytes, rng: random.Random) -> Iterator[tuple[str, bytes, str]]:
    """Closing tags dropped: all of them, and a random half."""
    yield "no-closing-tags", _CLOSE.sub(b"", body), UTF8
    yield "half-closing-tags", _CLOSE.sub(lambda m: b"" if rng.random() < 0.5 else m[0], body), UTF8


def _insert_in_post(body: bytes, payload: bytes) -> bytes:
    """`payload` inside the first post body the page shows (or just inside <body>)."""
    for marker in (
        rb'<div class="inner"[^>]*>',  # SMF 2.0/2.1
        rb'<div class="content"[^>]*>',  # phpBB
        rb'<div class="post_body[^"]*"[^>]*>',  # MyBB
        rb'<blockquote class="postcontent[^"]*"[^>]*>',  # vBulletin 4
        rb'<div class="js-post__content-text[^"]*"[^>]*>',  # vBulletin 5
        rb'<div class="bbWrapper"[^>]*>',  # XenForo
        rb"<div[^>]*data-role=[\"']commentContent[\"'][^>]*>",  # Invision
        rb'<div class="post-content[^"]*"[^>]*>',  # machina
        rb'<div class="content"[^>]*component="post/content"[^>]*>',  # NodeBB
        rb'<div class="post"[^>]*itemprop="text"[^>]*>',  # Discourse crawler view
        rb"<body[^>]*>",
    ):
        match = re.search(marker, body)
        if match:
            return body[: match.end()] + payload + body[match.end() :]
    return payload + body


def _json_insert(body: bytes, payload: str) -> bytes | None:
    """`payload` added to the first post's `cooked` HTML of a Discourse JSON page."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    posts = (data.get("post_stream") or {}).get("posts") if isinstance(data, dict) else None
    if not posts:
        return None
    posts[0]["cooked"] = payload + str(posts[0].get("cooked", ""))
    return json.dumps(data).encode()


def deep(body: bytes, rng: random.Random, depth: int = 5000) -> Iterator[tuple[str, bytes, str]]:
    """Thousands of nested elements inside a post (and left open)."""
    for tag in ("div", "blockquote", "span"):
        payload = f"<{tag}>" * depth + "deep text" + f"</{tag}>" * depth
        yield f"nested-{tag}-{depth}", _embed(body, payload), UTF8
    yield f"nested-open-{depth}", _embed(body, "<div><b>" * depth + "never closed"), UTF8


def _embed(body: bytes, payload: str) -> bytes:
    if body.lstrip()[:1] in (b"{", b"["):
        return _json_insert(body, payload) or body
    return _insert_in_post(body, payload.encode())


def huge(
    body: bytes, rng: random.Random, size: int = 10 * 1024 * 1024
) -> Iterator[tuple[str, bytes, str]]:
    """A 10 MB post: prose with line breaks, links and bare URLs, and one unbroken word."""
    sentence = (
        'The Attorney General said: "Our message is clear." See https://www.justice.gov/x '
        '<a href="https://example.org/a">https://example.org/a</a><br>\n'
    )
    prose = sentence * (size // len(sentence))
    yield "10MB-prose", _embed(body, prose), UTF8
    yield "10MB-word", _embed(body, "x" * size), UTF8


def garbage(body: bytes, rng: random.Random) -> Iterator[tuple[str, bytes, str]]:
    """Binary garbage: random bytes alone, spliced into the page, NUL bytes, an empty page."""
    noise = rng.randbytes(64 * 1024)
    yield "random-bytes", noise, UTF8
    yield "random-bytes-no-type", noise, "application/octet-stream"
    middle = len(body) // 2
    yield "bytes-spliced", body[:middle] + noise + body[middle:], UTF8
    yield "nul-bytes", body.replace(b">", b">\x00", 200), UTF8
    yield "empty", b"", UTF8
    yield "whitespace", b" \n\t ", UTF8
    yield "not-html", b'{"error": "rate limited"}', "application/json"


def charsets(body: bytes, rng: random.Random) -> Iterator[tuple[str, bytes, str]]:
    """Wrong or missing charsets, Windows-1252 under a UTF-8 header, mojibake."""
    text = body.decode("utf-8", "replace")
    yield "no-charset", body, "text/html"
    yield "declared-latin1", body, "text/html; charset=iso-8859-1"
    yield "unknown-charset", body, "text/html; charset=x-no-such-charset"
    curly = text.replace("'", "\u2019").replace(" - ", " \u2013 ")
    yield "cp1252-as-utf8", curly.encode("cp1252", "replace"), UTF8
    double = curly.encode("utf-8").decode("sloppy-windows-1252")  # a database migration's
    yield "mojibake", double.encode("utf-8"), UTF8
    yield "utf16-as-utf8", text.encode("utf-16"), UTF8


MUTATIONS: dict[str, Mutation] = {
    "truncated": truncated,
    "unclosed": unclosed,
    "deep": deep,
    "huge": huge,
    "garbage": garbage,
    "charset": charsets,
}


def mutants(
    page: Page, kinds: tuple[str, ...] = tuple(MUTATIONS), seed: int = 0
) -> Iterator[tuple[str, str, bytes, str]]:
    """(kind, label, bytes, content type) of every mutation of `page`, reproducibly."""
    for kind in kinds:
        rng = random.Random(f"{seed}:{page.folder}/{page.name}:{kind}")
        for label, body, content_type in MUTATIONS[kind](page.body, rng):
            if page.json:  # served as what it is: a JSON API answer
                content_type = content_type.replace("text/html", "application/json")
            yield kind, label, body, content_type


@dataclass(frozen=True)
class Outcome:
    """What the page objects made of one mutated page."""

    seconds: float
    error: str = ""  # the PageError of parse_thread / parse_listing, if any
    posts: int = 0
    skipped: tuple[str, ...] = ()
    unread: str = ""  # why the page could be read only in part (the spider logs it)
    kind: str | None = None  # page_kind: the spider logs and counts a page neither kind

    @property
    def handled_with_reason(self) -> bool:
        return bool(self.error or self.skipped or self.unread)

    @property
    def refused(self) -> bool:
        """Whether the spider would read no post of it and say why: a PageError,
        or a page neither a thread nor a listing."""
        return bool(self.error) or self.kind not in ("thread", "listing")


def exercise(page: Page, body: bytes, content_type: str) -> Outcome:
    """Run `body` through the spider's decoding and every page-object entry point:
    detection by every engine, the page's engine's canonical_url, page_kind,
    parse_thread and parse_listing (both, whatever the page is). Raises whatever
    is not a PageError."""
    engine = get_engine(page.engine)
    start = time.perf_counter()
    resp = readable(response(page.url, body, content_type))
    sel, unread = page_selector(resp)
    detect_engine(page.url, sel)
    for engine_ in ENGINES.values():
        engine_.canonical_url(page.url)
    if sel.type != "html" and not getattr(engine, "reads_json", False):
        # what the spider does: an HTML engine is not handed a JSON answer
        return Outcome(time.perf_counter() - start, f"not an HTML page ({sel.type})")
    kind = engine.page_kind(page.url, sel)
    error, posts, skipped = "", 0, tuple[str, ...]()
    try:
        thread = engine.parse_thread(page.url, sel, page.ctx)
        posts, skipped = len(thread.posts), thread.skipped
    except PageError as exc:
        error = str(exc) or type(exc).__name__
    try:
        engine.parse_listing(page.url, sel)
    except PageError as exc:
        error = error or str(exc)
    return Outcome(
        time.perf_counter() - start, error if page.thread else "", posts, skipped, unread, kind
    )
