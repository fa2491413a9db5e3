"""NodeBB page object against pages built from the Harmony theme's templates.

Every field of every post is compared in tests/test_engines.py; this file
checks the rules behind them: pages and positions, quoted replies, edits,
dates, URLs, listings and detection.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from parsel import Selector

from crawler.engines import PageContext, get_engine

FIXTURES = Path(__file__).parent / "fixtures"
HERE = FIXTURES / "nodebb"
SITE = "http://127.0.0.1:8096"
TOPIC = f"{SITE}/topic/7/port-authority-releases-harbor-channel-dredging-timeline"
CTX = PageContext(forum="nodebb-lab", fetched_at=datetime(2026, 1, 22, 12, 0, tzinfo=UTC))


def _sel(name: str) -> Selector:
    return Selector(text=(HERE / name).read_text(encoding="utf-8"))


def _parse(page: int):
    url = TOPIC if page == 1 else f"{TOPIC}?page={page}"
    return get_engine("nodebb").parse_thread(url, _sel(f"topic_7_page{page}.html"), CTX)


def test_pages_and_positions() -> None:
    seen = []
    for page in (1, 2):
        parsed = _parse(page)
        assert parsed.page_urls == (TOPIC, f"{TOPIC}?page=2")
        assert parsed.thread.url == TOPIC and parsed.thread.page_count == 2
        seen += [p.position for p in parsed.posts]
    assert seen == list(range(14))


def _topic_page(paginator: str) -> Selector:
    return Selector(
        text=f"""<html><body><ul component="topic" data-tid="9">
        <li component="post" data-index="40" data-pid="90" data-uid="3"
            data-timestamp="1767791100000" data-username="rangerrebew">
            <div component="post/content"><p>hi</p></div></li>
        </ul>{paginator}</body></html>"""
    )


def test_elided_page_numbers_are_filled_in() -> None:
    pages = "".join(
        f'<li class="page-item"><a class="page-link" href="?page={n}" data-page="{n}">{n}</a></li>'
        for n in (1, 2, 3, 4, 5, 9, 10)
    )
    paginator = f'<nav component="pagination"><ul class="pagination">{pages}</ul></nav>'
    url = f"{SITE}/topic/9/slug?page=3"
    page = get_engine("nodebb").parse_thread(url, _topic_page(paginator), CTX)
    assert page.page_urls == (
        f"{SITE}/topic/9/slug",
        *(f"{SITE}/topic/9/slug?page={n}" for n in range(2, 11)),
    )
    assert page.posts[0].position == 40


def test_infinite_scroll_pages_come_from_the_noscript_paginator() -> None:
    paginator = (
        '<noscript><nav component="pagination"><ul class="pagination">'
        '<li class="page-item active"><a class="page-link" href="?page=1" data-page="1">1</a></li>'
        '<li class="page-item"><a class="page-link" href="?page=2" data-page="2">2</a></li>'
        "</ul></nav></noscript>"
    )
    page = get_engine("nodebb").parse_thread(f"{SITE}/topic/9/slug", _topic_page(paginator), CTX)
    assert page.page_urls == (f"{SITE}/topic/9/slug", f"{SITE}/topic/9/slug?page=2")


def test_press_release_keeps_url_line_and_signature_apart() -> None:
    first = _parse(1).posts[0]
    url = "http://127.0.0.1:8092/news/releases/port-authority-harbor-channel-dredging-timeline"
    assert first.body.splitlines()[-1] == url and first.cited_urls == (url,)
    assert first.posted_at == datetime(2026, 1, 7, 13, 5, tzinfo=UTC)
    assert first.author == "rangerrebew" and first.author_id == "3"
    assert first.permalink == f"{SITE}/post/31"
    assert "Thomas Jefferson" in first.signature and "Jefferson" not in first.body


def test_quoted_replies_are_taken_out_with_the_quoted_pid() -> None:
    posts = {p.post_id: p for p in _parse(1).posts + _parse(2).posts}
    assert [(q.author, q.quoted_post_id) for q in posts["32"].quotes] == [("rangerrebew", "31")]
    assert "said in" not in posts["32"].body and "Every foot" not in posts["32"].body
    # a quote of a post on another page still names it: NodeBB links the pid
    (outer,) = posts["42"].quotes
    assert (outer.author, outer.quoted_post_id) == ("libertybelle", "32")
    assert "Every foot of channel depth" in outer.text  # the nested quote stays inside
    assert posts["42"].body == "Still not a word, two weeks later."
    # a blockquote without a "said" header is the poster's excerpt: it stays
    assert posts["33"].quotes == () and "Hart-Miller site" in posts["33"].body


def test_edit_time_and_editor() -> None:
    posts = {p.post_id: p for p in _parse(1).posts}
    assert posts["34"].edited_at == datetime(2026, 1, 7, 15, 43, tzinfo=UTC)
    assert posts["34"].editor == "moderator_meg"
    assert posts["33"].edited_at is None and posts["33"].editor is None


def test_mentions_are_text_not_citations() -> None:
    last = _parse(2).posts[-1]
    assert "@skeptic_sam" in last.body and "@harbor-desk" in last.body
    assert last.cited_urls == ()


def test_canonical_urls() -> None:
    c = get_engine("nodebb").canonical_url
    assert c(f"{TOPIC}?page=1") == c(f"{TOPIC}/") == c(f"{TOPIC}?lang=en-GB&_=123") == TOPIC
    assert c(f"{TOPIC}?page=2&sort=oldest_to_newest") == f"{TOPIC}?page=2"
    assert c(f"{TOPIC}/5") is None  # a post, on whatever page holds it
    assert c(f"{SITE}/post/31") is None
    assert c(f"{SITE}/user/rangerrebew") is None and c(f"{SITE}/uid/3") is None
    assert c(f"{SITE}/login") is None and c(f"{SITE}/tags/harbor") is None
    assert (
        c(f"{SITE}/category/2/breaking-news?sort=most_posts") == f"{SITE}/category/2/breaking-news"
    )
    assert c(f"{SITE}/category/2/breaking-news?page=3") == f"{SITE}/category/2/breaking-news?page=3"
    assert c(f"{SITE}/categories") == f"{SITE}/categories"
    assert c(f"{SITE}/recent?page=2") == f"{SITE}/recent?page=2"
    assert c("https://x.org/forum/topic/3/slug") == "https://x.org/forum/topic/3/slug"


def test_category_listing() -> None:
    url = f"{SITE}/category/2/breaking-news"
    listing = get_engine("nodebb").parse_listing(url, _sel("category_2_breaking_news.html"))
    assert listing.thread_urls == (
        TOPIC,
        f"{SITE}/topic/8/ferry-fare-increase-hearing-set-for-february",
        f"{SITE}/topic/6/bay-bridge-lane-closures-this-weekend",
    )
    assert listing.page_urls == (f"{url}?page=2",)
    assert set(listing.board_urls) == {f"{SITE}/categories", f"{SITE}/recent"}


def test_categories_index() -> None:
    listing = get_engine("nodebb").parse_listing(f"{SITE}/categories", _sel("categories.html"))
    assert [u for u in listing.board_urls if "/category/" in u] == [
        f"{SITE}/category/2/breaking-news",
        f"{SITE}/category/3/politics",
        f"{SITE}/category/5/state-house",
        f"{SITE}/category/4/general-discussion",
    ]
    assert listing.thread_urls == ()  # last-post teasers point at posts, not topics


def test_page_kinds() -> None:
    engine = get_engine("nodebb")
    assert engine.page_kind(TOPIC, _sel("topic_7_page1.html")) == "thread"
    assert (
        engine.page_kind(f"{SITE}/category/2/x", _sel("category_2_breaking_news.html")) == "listing"
    )
    assert engine.page_kind(f"{SITE}/categories", _sel("categories.html")) == "listing"


@pytest.mark.parametrize("name", sorted(p.name for p in HERE.glob("*.html")))
def test_detected_as_nodebb(name: str) -> None:
    assert get_engine("nodebb").detect(f"{SITE}/{name}", _sel(name))


def _other_pages() -> list[Path]:
    return sorted(
        p
        for p in FIXTURES.glob("*/*")
        if p.parent.name != "nodebb"
        and p.suffix in (".html", ".json")
        and not p.name.endswith("expected.json")
        and p.name not in ("cases.json", "routes.json")
    )


@pytest.mark.parametrize("page", _other_pages(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_not_detected_on_other_engines_pages(page: Path) -> None:
    sel = Selector(text=page.read_text(encoding="utf-8", errors="replace"))
    assert not get_engine("nodebb").detect("http://127.0.0.1/", sel)
