"""Property-based tests (hypothesis): text that strangers write, through every
step that reads it: decoding, HTML to text, cited URLs, the URL normaliser,
forum dates, the page objects, the quote extractor and the linker.

Each property holds for any input: no exception but the documented one, and
results that keep their contracts (normal URLs stay normal, quote offsets lie
inside the text, scores are fractions).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from mutations import Page, _embed, fixture_pages, response
from parsel import Selector

from crawler.decoding import _NOT_XML, looks_truncated, page_text, readable
from crawler.engines import ENGINES, PageContext, PageError, get_engine
from crawler.engines.toolkit.dates import parse_forum_date
from crawler.engines.toolkit.text import element_text
from crawler.engines.toolkit.urls import cited_urls
from provenance.link import Linker, PostText, SourceText
from provenance.quotes import extract_quotes
from provenance.text.urls import normalise_url

SETTINGS = settings(
    max_examples=60,
    deadline=None,  # time is bounded per call below, generously, not per example
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# text as strangers type it: any character, with the ones forums are full of weighted in
WORDS = st.sampled_from(
    ["the", "Attorney", "General", "said", "“", "”", '"', "'", "—", "...", "\u00a0", "\n",
     "\n\n", "<", ">", "&amp;", "http://", "https://x.example/a?b=c", "\x00", "\ufffd",
     "Today at 09:12", "January 9, 2026", "é", "Ã©", "â€™", "🙂", "\u202e", " "]
)  # fmt: skip
TEXT = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=80).map("".join))
TAGS = st.sampled_from(
    ["div", "p", "br", "blockquote", "a", "pre", "span", "b", "script", "style", "table",
     "tr", "td", "li", "ul", "cite", "aside", "img", "hr", "!--", "code", "article"]
)  # fmt: skip


@st.composite
def html_fragments(draw: st.DrawFn) -> str:
    """Tag soup: opened and closed in any order, attributes with URLs and quotes."""
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        tag = draw(TAGS)
        kind = draw(st.sampled_from(["open", "close", "text", "link"]))
        if kind == "open":
            parts.append(f"<{tag} class='{draw(WORDS)}'>")
        elif kind == "close":
            parts.append(f"</{tag}>")
        elif kind == "link":
            parts.append(f'<a href="{draw(TEXT)}">{draw(TEXT)}</a>')
        else:
            parts.append(draw(TEXT))
    return "".join(parts)


def _timed(call, *args):  # type: ignore[no-untyped-def]
    return call(*args)  # a hang fails through the test's timeout; speed is benched


# ------------------------------------------------------------------ decoding
@SETTINGS
@given(
    st.binary(max_size=2000),
    st.sampled_from(["utf-8", "cp1252", "latin-1", "utf-16", "shift_jis", "ascii", ""]),
)
def test_any_bytes_decode_to_text_lxml_can_hold(body: bytes, encoding: str) -> None:
    text = _timed(page_text, body, encoding)
    assert not _NOT_XML.search(text)
    root = lxml_html.document_fromstring(f"<html><body>{text}</body></html>".encode())
    element_text(root)
    looks_truncated(text)


@SETTINGS
@given(TEXT)
def test_utf8_text_is_kept_and_windows_1252_bytes_are_read_as_such(text: str) -> None:
    clean = _NOT_XML.sub("", text)
    # a UTF-8 page holding one Windows-1252 paragraph (pasted from a word processor)
    pasted = "“quoted” – don’t".encode("cp1252")
    # (after a line break: "Î" right before the 0x93 byte reads as the mojibake of "Γ",
    # and ftfy repairs it so; text that ambiguous is rare, and ftfy's call)
    decoded = page_text(clean.encode("utf-8", "surrogatepass") + b"\n" + pasted, "utf-8")
    assert decoded.endswith("“quoted” – don’t")


# ------------------------------------------------------------ HTML to text
@SETTINGS
@given(html_fragments())
def test_element_text_and_cited_urls_take_any_tag_soup(fragment: str) -> None:
    root = lxml_html.document_fromstring(f"<html><body><div>{_NOT_XML.sub('', fragment)}"
                                         "</div></body></html>")  # fmt: skip
    text = _timed(element_text, root)
    assert "\n\n\n" not in text and text == text.strip()
    for url in _timed(cited_urls, root, "http://forum.example/t/1", text):
        assert url.startswith(("http://", "https://"))
        assert normalise_url(url) == url


@SETTINGS
@given(st.integers(1, 2000), st.sampled_from(["div", "blockquote", "span", "pre", "a"]))
def test_element_text_reads_any_depth_the_parser_keeps(depth: int, tag: str) -> None:
    # libxml2 keeps 2048 levels (deeper pages: see test_robust_spider.py)
    sel = Selector(text="<html><body>" + f"<{tag}>" * depth + "deep" + f"</{tag}>" * depth)
    assert _timed(element_text, sel.css("body")[0].root) == "deep"


# ---------------------------------------------------------------- URLs
@SETTINGS
@given(st.one_of(TEXT, st.from_regex(r"\A[hH][tT][tT][pP][sS]?://[^\s]{0,80}\Z")))
def test_normalise_url_is_none_or_a_fixed_point(url: str) -> None:
    normal = _timed(normalise_url, url)
    if normal is not None:
        assert normal.startswith(("http://", "https://"))
        assert normalise_url(normal) == normal


# ---------------------------------------------------------------- dates
CTX = PageContext(forum="f", fetched_at=datetime(2026, 1, 9, 12, tzinfo=UTC))


@SETTINGS
@given(TEXT)
def test_forum_dates_are_aware_or_none(text: str) -> None:
    parsed = _timed(parse_forum_date, text, CTX)
    assert parsed is None or parsed.tzinfo is not None


def test_a_date_buried_in_a_swallowed_post_is_no_date() -> None:
    # a page whose markup swallowed the post: the date element holds kilobytes
    assert parse_forum_date("January 9, 2026, 11:58 AM " + "text " * 500, CTX) is None


# ---------------------------------------------------------- page objects
FIRST_THREAD_PAGES: dict[str, Page] = {}
for _page in fixture_pages():
    if _page.thread and not _page.json:
        FIRST_THREAD_PAGES.setdefault(_page.folder, _page)


@pytest.mark.parametrize("folder", sorted(FIRST_THREAD_PAGES))
def test_page_objects_take_any_tag_soup_in_a_post(folder: str) -> None:
    page: Page = FIRST_THREAD_PAGES[folder]
    engine = get_engine(page.engine)

    @SETTINGS
    @given(html_fragments())
    def check(fragment: str) -> None:
        body = _embed(page.body, fragment)
        sel = readable(response(page.url, body)).selector
        for other in ENGINES.values():
            other.detect(page.url, sel)
        try:
            parsed = _timed(engine.parse_thread, page.url, sel, page.ctx)
        except PageError:
            return
        for post in parsed.posts:
            assert post.post_id and post.thread_id == parsed.thread.thread_id
            assert post.posted_at is None or post.posted_at.tzinfo is not None

    check()


# ------------------------------------------------------------------ quotes
@SETTINGS
@given(st.lists(st.one_of(TEXT, st.just('"Our message is clear," Garland said. ')), max_size=8))
def test_quote_offsets_lie_inside_the_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    for quote in _timed(extract_quotes, text):
        assert 0 <= quote.start <= quote.end <= len(text)
        if "\n" not in quote.text:
            assert text[quote.start : quote.end] == quote.text


# ------------------------------------------------------------------ linker
@SETTINGS
@given(
    st.lists(TEXT, min_size=1, max_size=4),
    st.lists(TEXT, min_size=1, max_size=4),
    st.lists(st.sampled_from(["https://a.gov/1", "https://a.gov/1/", "x", ""]), max_size=3),
)
def test_the_linker_takes_any_text(sources: list[str], posts: list[str], cites: list[str]) -> None:
    urls = [f"https://agency.gov/r/{n}" for n in range(len(sources))]
    linker = _timed(Linker, [SourceText(u, "t", s) for u, s in zip(urls, sources, strict=True)])
    for n, text in enumerate(posts):
        for link in _timed(linker.link, PostText(f"p{n}", text, tuple(cites))):
            assert 0.0 <= link.score <= 1.0 and 0.0 <= link.containment <= 1.0
