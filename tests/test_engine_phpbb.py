"""phpBB 3.3 page object against pages written after the prosilver templates.

Every field of every post is compared in tests/test_engines.py; this file
checks the rules behind them (sid-free URLs, pages, post links, quotes,
edit notices, relative dates, listings, detection).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from parsel import Selector

from crawler.engines import PageContext, detect_engine, get_engine
from crawler.engines.base import ThreadHint

FIXTURES = Path(__file__).parent / "fixtures"
HERE = FIXTURES / "phpbb"
NY = ZoneInfo("America/New_York")
CTX = PageContext(
    forum="harborwatch", fetched_at=datetime(2026, 1, 7, 17, 30, tzinfo=UTC), timezone=NY
)
BASE = "http://127.0.0.1:8082"
SID = "3f2a9c1e5b7d4f60a1b2c3d4e5f60718"


def _sel(name: str) -> Selector:
    return Selector(text=(HERE / name).read_text(encoding="utf-8"))


def _parse(name: str, url: str):
    return get_engine("phpbb").parse_thread(url, _sel(name), CTX)


def test_detection() -> None:
    engine = get_engine("phpbb")
    for page in sorted(HERE.glob("*.html")):
        sel = Selector(text=page.read_text(encoding="utf-8"))
        assert detect_engine(BASE, sel) is engine, page.name
    for page in FIXTURES.glob("*/*.html"):
        if page.parent.name != "phpbb":
            sel = Selector(text=page.read_text(encoding="utf-8"))
            assert not engine.detect(BASE, sel), page


def test_canonical_urls_drop_sid_and_noise() -> None:
    engine = get_engine("phpbb")
    assert (
        engine.canonical_url(f"{BASE}/viewtopic.php?t=10&sid={SID}") == f"{BASE}/viewtopic.php?t=10"
    )
    assert (
        engine.canonical_url(f"{BASE}/viewtopic.php?f=2&t=10&start=5&sid={SID}")
        == f"{BASE}/viewtopic.php?t=10&start=5"
    )
    assert (
        engine.canonical_url(f"{BASE}/viewtopic.php?t=10&start=0") == f"{BASE}/viewtopic.php?t=10"
    )
    assert (
        engine.canonical_url(f"{BASE}/viewforum.php?f=2&sk=s&sd=a&sid={SID}")
        == f"{BASE}/viewforum.php?f=2"
    )
    assert engine.canonical_url(f"{BASE}/index.php?sid={SID}") == f"{BASE}/index.php"
    assert engine.canonical_url(f"{BASE}/") == f"{BASE}/index.php"
    for not_crawled in (
        f"{BASE}/viewtopic.php?p=1001#p1001",
        f"{BASE}/viewtopic.php?t=10&view=print",
        f"{BASE}/viewtopic.php?t=10&view=unread#unread",
        f"{BASE}/memberlist.php?mode=viewprofile&u=3",
        f"{BASE}/posting.php?mode=quote&p=1001",
        f"{BASE}/app.php/feed?sid={SID}",
    ):
        assert engine.canonical_url(not_crawled) is None, not_crawled


def test_pages_and_positions() -> None:
    first = _parse("viewtopic_t10_start0.html", f"{BASE}/viewtopic.php?t=10&sid={SID}")
    second = _parse("viewtopic_t10_start5.html", f"{BASE}/viewtopic.php?t=10&start=5")
    urls = (f"{BASE}/viewtopic.php?t=10", f"{BASE}/viewtopic.php?t=10&start=5")
    assert first.page_urls == second.page_urls == urls
    assert [p.position for p in first.posts + second.posts] == list(range(8))
    assert first.posts[0].permalink == f"{BASE}/viewtopic.php?p=1001#p1001"
    assert all(SID not in p.permalink for p in first.posts)


def test_elided_pagination_is_filled() -> None:
    page = _parse("viewtopic_t12_start25.html", f"{BASE}/viewtopic.php?t=12&start=25")
    assert page.page_urls[0] == f"{BASE}/viewtopic.php?t=12"
    assert page.page_urls[1:] == tuple(
        f"{BASE}/viewtopic.php?t=12&start={s}" for s in range(5, 60, 5)
    )
    assert [p.position for p in page.posts] == [25, 26, 27, 28, 29]


def test_post_link_url_finds_its_page() -> None:
    # a post link (viewtopic.php?p=N) lands on the page holding the post;
    # without the canonical link the offset comes from the active page
    html = (HERE / "viewtopic_t12_start25.html").read_text(encoding="utf-8")
    html = html.replace('<link rel="canonical"', '<link rel="x-removed"')
    page = get_engine("phpbb").parse_thread(
        f"{BASE}/viewtopic.php?p=2027#p2027", Selector(text=html), CTX
    )
    assert page.thread.thread_id == "12"
    assert [p.position for p in page.posts][0] == 25


def test_press_release_cites_the_href_not_the_shortened_text() -> None:
    first = _parse("viewtopic_t10_start0.html", f"{BASE}/viewtopic.php?t=10").posts[0]
    assert first.body.splitlines()[-1] == "https://press.example.com/2026/01/05/po ... izure.html"
    assert first.cited_urls == (
        "https://press.example.com/2026/01/05/port-authority-statement-pier-9-customs-seizure.html",
    )
    assert first.signature == '-- Bob. "Trust, but verify."'


def test_quotes() -> None:
    posts = {
        p.post_id: p
        for p in _parse("viewtopic_t10_start0.html", f"{BASE}/viewtopic.php?t=10").posts
    }
    assert [(q.author, q.quoted_post_id) for q in posts["1002"].quotes] == [("bob", "1001")]
    assert posts["1002"].body.startswith("The statement on the port's own site")
    # an uncited quote (a correction copied in full) quotes no post: it stays in the body
    assert posts["1004"].quotes == ()
    assert "CORRECTION: The quantity seized" in posts["1004"].body
    # nested quote: one quoted reply, the inner quote inside it without its header
    (outer,) = posts["1005"].quotes
    assert (outer.author, outer.quoted_post_id) == ("carol", "1002")
    assert outer.text.startswith("seized 4.2 tonnes") and "wrote" not in outer.text
    later = _parse("viewtopic_t10_start5.html", f"{BASE}/viewtopic.php?t=10&start=5").posts
    # a guest's post quoted: no profile link, the name from "NAME wrote:"
    assert [(q.author, q.quoted_post_id) for q in later[1].quotes] == [("harbor_watcher", "1003")]


def test_guest_edit_notices_and_dates() -> None:
    posts = {
        p.post_id: p
        for p in _parse("viewtopic_t10_start0.html", f"{BASE}/viewtopic.php?t=10").posts
    }
    assert (posts["1003"].author, posts["1003"].author_id) == ("harbor_watcher", None)
    assert posts["1001"].posted_at == datetime(2026, 1, 5, 15, 0, tzinfo=UTC)  # <time datetime>
    assert posts["1002"].edited_at == datetime(2026, 1, 5, 11, 20, tzinfo=NY)
    assert posts["1002"].editor == "carol"
    later = {
        p.post_id: p
        for p in _parse("viewtopic_t10_start5.html", f"{BASE}/viewtopic.php?t=10&start=5").posts
    }
    # "Today, 10:02 am" and "12 minutes ago" against 12:30 pm local
    assert later["1006"].edited_at == datetime(2026, 1, 7, 10, 2, tzinfo=NY)
    assert later["1006"].editor == "admin"
    stamp = later["1008"].edited_at
    assert stamp is not None and stamp.astimezone(UTC) == datetime(2026, 1, 7, 17, 18, tzinfo=UTC)


def test_listings() -> None:
    engine = get_engine("phpbb")
    index = engine.parse_listing(f"{BASE}/index.php?sid={SID}", _sel("index.html"))
    assert set(index.board_urls) == {f"{BASE}/viewforum.php?f={f}" for f in (1, 2, 3, 5)}
    assert index.thread_urls == ()  # last-post links are post links
    forum = engine.parse_listing(f"{BASE}/viewforum.php?f=2&sid={SID}", _sel("viewforum_f2.html"))
    assert forum.thread_urls == tuple(f"{BASE}/viewtopic.php?t={t}" for t in (10, 12, 11))
    assert forum.page_urls == (f"{BASE}/viewforum.php?f=2&start=25",)
    assert forum.board_urls == (f"{BASE}/viewforum.php?f=1", f"{BASE}/viewforum.php?f=5")
    assert forum.thread_hints[f"{BASE}/viewtopic.php?t=10"] == ThreadHint(
        posts=8, last_post_id="1008"
    )
    assert engine.page_kind(f"{BASE}/index.php", _sel("index.html")) == "listing"
    assert (
        engine.page_kind(f"{BASE}/viewtopic.php?t=10", _sel("viewtopic_t10_start0.html"))
        == "thread"
    )
