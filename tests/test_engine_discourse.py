"""Discourse page object against JSON built from Discourse's serializers.

Every field of every post is compared in tests/test_engines.py; this file
checks the rules behind them: chunks of the post stream, positions from post
numbers, quotes and what can be resolved of them, oneboxes, edits, URLs,
listings and detection.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from parsel import Selector

from crawler.engines import ENGINES, PageContext, detect_engine, get_engine

FIXTURES = Path(__file__).parent / "fixtures"
HERE = FIXTURES / "discourse"
SITE = "http://127.0.0.1:8095"
CTX = PageContext(forum="discourse-lab", fetched_at=datetime(2026, 1, 9, 12, 0, tzinfo=UTC))
CASES = json.loads((HERE / "cases.json").read_text(encoding="utf-8"))["threads"]
JSON_PAGES = sorted(p.name for p in HERE.glob("*.json") if not p.name.endswith("expected.json"))
JSON_PAGES.remove("cases.json")


def _sel(name: str) -> Selector:
    return Selector(text=(HERE / name).read_text(encoding="utf-8"))


def _parse(name: str):
    return get_engine("discourse").parse_thread(CASES[name], _sel(name), CTX)


def test_topic_and_its_chunks_cover_the_whole_stream_in_order() -> None:
    topic = _parse("t_57.json")
    stream = json.loads((HERE / "t_57.json").read_text())["post_stream"]["stream"]
    assert len(stream) == 45 and topic.thread.page_count == 3
    assert topic.page_urls[0] == f"{SITE}/t/57.json"
    assert topic.page_urls[1:] == (CASES["t_57_posts_2.json"], CASES["t_57_posts_3.json"])
    posts = list(topic.posts)
    for name in ("t_57_posts_2.json", "t_57_posts_3.json"):
        chunk = _parse(name)
        assert chunk.thread.thread_id == "57" and chunk.thread.url == topic.thread.url
        assert chunk.page_urls == (topic.thread.url, CASES[name])
        assert set(chunk.page_urls) <= set(topic.page_urls)
        posts += chunk.posts
    assert [int(p.post_id) for p in posts] == stream
    # position is the post number minus one: post 23 was deleted, so 22 is missing
    positions = [p.position for p in posts]
    assert positions == [n for n in range(46) if n != 22]


def test_chunk_urls_are_cut_from_the_stream_alone() -> None:
    data = json.loads((HERE / "t_57.json").read_text())
    data["post_stream"]["posts"] = data["post_stream"]["posts"][:5]  # a short first chunk
    page = get_engine("discourse").parse_thread(
        f"{SITE}/t/57.json", Selector(text=json.dumps(data)), CTX
    )
    ids = [str(i) for i in data["post_stream"]["stream"]]
    listed = [u.split("?", 1)[1].replace("post_ids[]=", "").split("&") for u in page.page_urls[1:]]
    assert sorted(sum(listed, []), key=int) == sorted(ids[5:], key=int)


def test_thread_title_of_a_chunk_is_empty_not_wrong() -> None:
    chunk = _parse("t_57_posts_3.json")
    assert chunk.thread.title == "" and all(p.thread_title == "" for p in chunk.posts)
    assert chunk.thread.views is None and chunk.thread.board is None


def test_press_release_onebox_becomes_its_url_on_the_last_line() -> None:
    first = _parse("t_41.json").posts[0]
    url = "http://127.0.0.1:8092/news/releases/governor-whitfield-coastal-resilience-plan"
    assert first.body.splitlines()[-1] == url
    assert first.cited_urls == (url,)
    assert "Office of..." not in first.body  # the onebox title the forum fetched
    assert first.permalink == f"{SITE}/t/governor-whitfield-announces-coastal-resilience-plan/41/1"
    assert first.posted_at == datetime(2026, 1, 5, 15, 12, tzinfo=UTC)
    assert "Thomas Jefferson" in first.signature and "Jefferson" not in first.body


def test_quotes_resolve_post_ids_within_the_response_only() -> None:
    posts = {p.post_id: p for p in _parse("t_41.json").posts}
    assert [(q.author, q.quoted_post_id) for q in posts["202"].quotes] == [("rangerrebew", "201")]
    # nested quote stays inside the outer one
    (outer,) = posts["203"].quotes
    assert outer.quoted_post_id == "202" and "the state will not leave you" in outer.text
    assert "next storm alone" not in posts["203"].body
    # a plain blockquote is the poster's own excerpt, not a quoted reply
    assert "Funding for Dorchester and Somerset" in posts["203"].body
    # another topic's post: its number is not an id here
    assert [(q.author, q.quoted_post_id) for q in posts["206"].quotes] == [("tidewatcher", None)]
    assert not any("sea-wall-bids-reopened" in u for u in posts["206"].cited_urls)
    # a post of the same topic that sits in another chunk
    chunk = {p.post_id: p for p in _parse("t_57_posts_2.json").posts}
    assert [(q.author, q.quoted_post_id) for q in chunk["320"].quotes] == [("coastwatcher", None)]
    assert chunk["327"].quotes[0].quoted_post_id == "326"


def test_edits_mentions_hashtags_emoji_and_images() -> None:
    posts = {p.post_id: p for p in _parse("t_41.json").posts}
    assert posts["202"].edited_at == datetime(2026, 1, 5, 15, 49, 10, 4000, tzinfo=UTC)
    assert posts["201"].edited_at is None and posts["202"].editor is None
    assert "@rangerrebew" in posts["202"].body and posts["202"].cited_urls == ()
    assert "breaking-news" in posts["207"].body and posts["207"].cited_urls == ()
    assert ":roll_eyes:" in posts["206"].body
    assert "1600×1067" not in posts["206"].body and "ocean-city-site" not in posts["206"].body
    assert posts["206"].cited_urls == ("https://www.example-news.org/2025/11/sea-wall-bids",)


def test_small_actions_are_not_posts() -> None:
    page = _parse("t_41.json")
    assert "204" not in [p.post_id for p in page.posts]
    assert [p.position for p in page.posts] == [0, 1, 2, 5, 6]


def _one_post(**fields) -> dict:
    post = json.loads((HERE / "t_41.json").read_text())["post_stream"]["posts"][1]
    post.update(fields)
    return {"post_stream": {"posts": [post]}, "id": 41}


def test_hidden_and_deleted_posts_keep_no_placeholder_text() -> None:
    engine = get_engine("discourse")
    for fields in ({"cooked_hidden": True}, {"user_deleted": True}):
        data = _one_post(cooked="<p>(post deleted by author)</p>", **fields)
        url = f"{SITE}/t/41/posts.json?post_ids[]=202"
        (post,) = engine.parse_thread(url, Selector(text=json.dumps(data)), CTX).posts
        assert post.body == "" and post.quotes == ()


def test_signature_plugin_simple_mode_is_an_image_url() -> None:
    data = _one_post(user_signature="https://img.example.org/sig.png")
    url = f"{SITE}/t/41/posts.json?post_ids[]=202"
    (post,) = get_engine("discourse").parse_thread(url, Selector(text=json.dumps(data)), CTX).posts
    assert post.signature == "https://img.example.org/sig.png"
    data = _one_post(user_signature=None)
    (post,) = get_engine("discourse").parse_thread(url, Selector(text=json.dumps(data)), CTX).posts
    assert post.signature == ""


def test_canonical_urls() -> None:
    c = get_engine("discourse").canonical_url
    topic = f"{SITE}/t/41.json"
    for url in (
        f"{SITE}/t/governor-whitfield/41",
        f"{SITE}/t/governor-whitfield/41/3",
        f"{SITE}/t/governor-whitfield/41/last",
        f"{SITE}/t/governor-whitfield/41?page=2",
        f"{SITE}/t/governor-whitfield/41.json",
        f"{SITE}/t/41",
        f"{SITE}/t/41/3",
        f"{SITE}/t/41.json?track_visit=true&forceLoad=true",
        f"{SITE}/t/41/posts.json",
    ):
        assert c(url) == topic, url
    chunk = f"{SITE}/t/57/posts.json?post_ids[]=344&post_ids[]=345"
    assert c(chunk) == chunk
    assert (
        c(f"{SITE}/t/57/posts.json?post_ids%5B%5D=344&include_suggested=false&post_ids%5B%5D=345")
        == chunk
    )
    assert c("https://x.org/forum/t/slug/7") == "https://x.org/forum/t/7.json"
    for url in (
        f"{SITE}/t/slug/41.rss",
        f"{SITE}/t/slug/41/print",
        f"{SITE}/p/202",
        f"{SITE}/u/rangerrebew",
        f"{SITE}/u/rangerrebew/activity",
        f"{SITE}/login",
        f"{SITE}/search?q=sea",
        f"{SITE}/tag/coast",
        f"{SITE}/guidelines",
        f"{SITE}/uploads/default/original/1X/4f1c2a9e.jpeg",
    ):
        assert c(url) is None, url
    assert c(f"{SITE}/") == f"{SITE}/latest.json"
    assert c(f"{SITE}/latest") == c(f"{SITE}/latest.json?page=0") == f"{SITE}/latest.json"
    assert c(f"{SITE}/latest?no_definitions=true&page=1") == f"{SITE}/latest.json?page=1"
    assert c(f"{SITE}/categories") == f"{SITE}/categories.json"
    news = f"{SITE}/c/breaking-news/5.json"
    assert c(f"{SITE}/c/breaking-news/5") == c(f"{SITE}/c/breaking-news/5/l/latest") == news
    assert c(f"{SITE}/c/breaking-news/5/l/top.json?page=2") == f"{news}?page=2"
    assert c(f"{SITE}/c/politics/state-house/9") == f"{SITE}/c/politics/state-house/9.json"


def test_listings() -> None:
    engine = get_engine("discourse")
    latest = engine.parse_listing(f"{SITE}/latest.json", _sel("latest.json"))
    assert latest.thread_urls == tuple(f"{SITE}/t/{i}.json" for i in (57, 41, 38))
    assert latest.page_urls == (f"{SITE}/latest.json?page=1",) and latest.board_urls == ()
    news = engine.parse_listing(f"{SITE}/c/breaking-news/5.json", _sel("c_breaking_news_5.json"))
    assert news.thread_urls == (f"{SITE}/t/57.json", f"{SITE}/t/41.json")
    assert news.page_urls == (f"{SITE}/c/breaking-news/5.json?page=1",)
    index = engine.parse_listing(f"{SITE}/categories.json", _sel("categories.json"))
    assert index.board_urls == (
        f"{SITE}/c/breaking-news/5.json",
        f"{SITE}/c/politics/6.json",
        f"{SITE}/c/politics/state-house/9.json",
        f"{SITE}/c/uncategorized/1.json",
    )


def test_an_html_page_points_at_its_json() -> None:
    engine = get_engine("discourse")
    url = f"{SITE}/t/governor-whitfield-announces-coastal-resilience-plan/41"
    sel = _sel("topic_41_crawler.html")
    assert engine.page_kind(url, sel) == "listing"
    listing = engine.parse_listing(url, sel)
    # the topic itself first, then topics its posts link to (a quote of topic 38)
    assert listing.thread_urls == (f"{SITE}/t/41.json", f"{SITE}/t/38.json")
    assert set(listing.board_urls) == {
        f"{SITE}/c/breaking-news/5.json",
        f"{SITE}/latest.json",
        f"{SITE}/categories.json",
    }


def test_page_kinds() -> None:
    engine = get_engine("discourse")
    for name in ("t_41.json", "t_57.json", "t_57_posts_2.json"):
        assert engine.page_kind(CASES[name], _sel(name)) == "thread"
    for name in ("latest.json", "c_breaking_news_5.json", "categories.json"):
        assert engine.page_kind(f"{SITE}/{name}", _sel(name)) == "listing"
    assert engine.page_kind(f"{SITE}/x.json", Selector(text='{"errors": ["not found"]}')) is None


@pytest.mark.parametrize("name", [*JSON_PAGES, "topic_41_crawler.html"])
def test_detected_as_discourse(name: str) -> None:
    assert get_engine("discourse").detect(f"{SITE}/{name}", _sel(name))


def _other_pages() -> list[Path]:
    return sorted(
        p
        for p in FIXTURES.glob("*/*")
        if p.parent.name != "discourse"
        and p.suffix in (".html", ".json")
        and not p.name.endswith("expected.json")
        and p.name not in ("cases.json", "routes.json")
    )


@pytest.mark.parametrize("page", _other_pages(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_not_detected_on_other_engines_pages(page: Path) -> None:
    sel = Selector(text=page.read_text(encoding="utf-8", errors="replace"))
    assert not get_engine("discourse").detect("http://127.0.0.1/", sel)


@pytest.mark.parametrize("engine_name", [n for n in ENGINES if n != "discourse"])
def test_other_engines_do_not_claim_discourse_json(engine_name: str) -> None:
    """No HTML detector claims a JSON page (one that cannot read JSON at all
    raises ValueError, which detect_engine takes as a no)."""
    engine = ENGINES[engine_name]
    for name in JSON_PAGES:
        try:
            claimed = engine.detect(f"{SITE}/{name}", _sel(name))
        except ValueError:
            claimed = False
        assert not claimed, name


def test_detect_engine_picks_discourse_for_its_json() -> None:
    for name in JSON_PAGES:
        assert detect_engine(f"{SITE}/{name}", _sel(name)) is get_engine("discourse"), name


def test_detect_engine_picks_discourse_for_its_html() -> None:
    sel = _sel("topic_41_crawler.html")
    assert detect_engine(f"{SITE}/t/x/41", sel) is get_engine("discourse")
