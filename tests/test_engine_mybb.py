"""MyBB 1.8 page object against pages written after MyBB's master templates.

Every field of every post is compared in tests/test_engines.py; this file
checks the rules behind them (URLs and their friendly forms, pages, post
numbers, relative dates, quotes, edit notes, listings, detection).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from parsel import Selector

from crawler.engines import PageContext, detect_engine, get_engine
from crawler.engines.base import ThreadHint

FIXTURES = Path(__file__).parent / "fixtures"
HERE = FIXTURES / "mybb"
CHI = ZoneInfo("America/Chicago")
CTX = PageContext(
    forum="harborforum", fetched_at=datetime(2026, 1, 9, 19, 0, tzinfo=UTC), timezone=CHI
)
BASE = "http://127.0.0.1:8083"


def _sel(name: str) -> Selector:
    return Selector(text=(HERE / name).read_text(encoding="utf-8"))


def _parse(name: str, url: str, sel: Selector | None = None):
    return get_engine("mybb").parse_thread(url, sel or _sel(name), CTX)


def test_detection() -> None:
    engine = get_engine("mybb")
    for page in sorted(HERE.glob("*.html")):
        assert detect_engine(BASE, _sel(page.name)) is engine, page.name
    for page in FIXTURES.glob("*/*.html"):
        if page.parent.name != "mybb":
            sel = Selector(text=page.read_text(encoding="utf-8"))
            assert not engine.detect(BASE, sel), page


def test_canonical_urls() -> None:
    engine = get_engine("mybb")
    thread = f"{BASE}/showthread.php?tid=5"
    assert engine.canonical_url(f"{thread}&page=1&highlight=pier") == thread
    assert engine.canonical_url(f"{thread}&mode=linear&page=2") == f"{thread}&page=2"
    assert engine.canonical_url(f"{BASE}/thread-5-page-2.html") == f"{thread}&page=2"
    assert (
        engine.canonical_url(f"{BASE}/forumdisplay.php?fid=2&sortby=subject&order=asc&datecut=9999")
        == f"{BASE}/forumdisplay.php?fid=2"
    )
    assert (
        engine.canonical_url(f"{BASE}/forum-2-page-2.html")
        == f"{BASE}/forumdisplay.php?fid=2&page=2"
    )
    assert engine.canonical_url(f"{BASE}/") == f"{BASE}/index.php"
    for not_crawled in (
        f"{thread}&pid=61#pid61",
        f"{BASE}/showthread.php?pid=61#pid61",
        f"{thread}&action=lastpost",
        f"{thread}&mode=threaded",
        f"{BASE}/thread-5-post-61.html",
        f"{BASE}/member.php?action=profile&uid=3",
        f"{BASE}/printthread.php?tid=5",
        f"{BASE}/newreply.php?tid=5&replyto=61",
    ):
        assert engine.canonical_url(not_crawled) is None, not_crawled


def test_pages_and_post_numbers() -> None:
    first = _parse("showthread_tid5_page1.html", f"{BASE}/showthread.php?tid=5")
    second = _parse("showthread_tid5_page2.html", f"{BASE}/showthread.php?tid=5&page=2")
    urls = (f"{BASE}/showthread.php?tid=5", f"{BASE}/showthread.php?tid=5&page=2")
    assert first.page_urls == second.page_urls == urls
    assert [p.position for p in first.posts + second.posts] == list(range(8))
    assert first.posts[0].permalink == f"{BASE}/showthread.php?tid=5&pid=61#pid61"


def test_elided_pages_and_classic_postbit() -> None:
    page = _parse("showthread_tid9_page5.html", f"{BASE}/showthread.php?tid=9&page=5")
    assert page.thread.page_count == 9  # "Pages (9):"
    assert page.page_urls[1:] == tuple(
        f"{BASE}/showthread.php?tid=9&page={n}" for n in range(2, 10)
    )
    assert [p.position for p in page.posts] == [20, 21, 22, 23, 24]  # "#21".."#25"
    assert page.posts[0].author == "alice" and page.posts[0].signature.startswith("Alice Archer")


def test_post_link_url_uses_the_page_it_shows() -> None:
    page = _parse("showthread_tid5_page2.html", f"{BASE}/showthread.php?pid=67#pid67")
    assert page.thread.thread_id == "5"
    assert [p.position for p in page.posts] == [5, 6, 7]


def test_relative_dates_read_the_absolute_title() -> None:
    posts = {
        p.post_id: p
        for p in _parse("showthread_tid5_page2.html", f"{BASE}/showthread.php?tid=5&page=2").posts
    }
    assert posts["66"].posted_at == datetime(2026, 1, 8, 21, 15, tzinfo=CHI)  # Yesterday
    assert posts["67"].posted_at == datetime(2026, 1, 9, 0, 20, tzinfo=CHI)  # Today
    assert posts["68"].posted_at == datetime(2026, 1, 9, 10, 31, tzinfo=CHI)  # 2 hours ago
    assert (posts["66"].edited_at, posts["66"].editor) == (
        datetime(2026, 1, 9, 11, 2, tzinfo=CHI),
        "admin",
    )


def test_relative_dates_without_title() -> None:
    # older 1.8 language packs print "Today" and "2 hours ago" without a title
    html = (HERE / "showthread_tid5_page2.html").read_text(encoding="utf-8")
    html = html.replace('<span title="01-09-2026">Today</span>', "Today")
    html = html.replace('<span title="01-09-2026, 10:31 AM">2 hours ago</span>', "2 hours ago")
    posts = _parse("x", f"{BASE}/showthread.php?tid=5&page=2", Selector(text=html)).posts
    assert posts[1].posted_at == datetime(2026, 1, 9, 0, 20, tzinfo=CHI)
    stamp = posts[2].posted_at
    assert stamp is not None and stamp.astimezone(UTC) == datetime(2026, 1, 9, 17, 0, tzinfo=UTC)


def test_press_release_cites_the_href_not_the_shortened_text() -> None:
    first = _parse("showthread_tid5_page1.html", f"{BASE}/showthread.php?tid=5").posts[0]
    assert first.body.splitlines()[-1] == "https://press.example.com/2026/01/05/por...izure.html"
    assert first.cited_urls == (
        "https://press.example.com/2026/01/05/port-authority-statement-pier-9-customs-seizure.html",
    )


def test_quotes() -> None:
    posts = {
        p.post_id: p
        for p in _parse("showthread_tid5_page1.html", f"{BASE}/showthread.php?tid=5").posts
    }
    assert [(q.author, q.quoted_post_id) for q in posts["62"].quotes] == [("bob", "61")]
    assert posts["62"].edited_at == datetime(2026, 1, 5, 11, 20, tzinfo=CHI)
    # a bare [quote] of a correction quotes no post: its text stays, its label goes
    assert posts["64"].quotes == () and "Quote:" not in posts["64"].body
    assert "CORRECTION: The quantity seized" in posts["64"].body
    (outer,) = posts["65"].quotes
    assert (outer.author, outer.quoted_post_id) == ("carol", "62")
    assert outer.text.startswith("seized 4.2 tonnes") and "Wrote" not in outer.text
    later = _parse("showthread_tid5_page2.html", f"{BASE}/showthread.php?tid=5&page=2").posts
    assert [(q.author, q.quoted_post_id) for q in later[1].quotes] == [("harbor_watcher", "63")]
    # [quote='name'] typed by hand: an author, no post
    assert [(q.author, q.quoted_post_id) for q in later[2].quotes] == [
        ("Port Authority press office", None)
    ]


def test_guest_and_styled_usernames() -> None:
    posts = _parse("showthread_tid5_page1.html", f"{BASE}/showthread.php?tid=5").posts
    assert (posts[2].author, posts[2].author_id) == ("harbor_watcher", None)
    assert (posts[3].author, posts[3].author_id) == ("admin", "1")  # group-coloured name


def test_listings() -> None:
    engine = get_engine("mybb")
    index = engine.parse_listing(f"{BASE}/index.php", _sel("index.html"))
    assert set(index.board_urls) == {f"{BASE}/forumdisplay.php?fid={f}" for f in (1, 2, 3, 7)}
    assert index.thread_urls == ()  # last-post links are action=lastpost jumps
    forum = engine.parse_listing(f"{BASE}/forumdisplay.php?fid=2", _sel("forumdisplay_fid2.html"))
    assert forum.thread_urls == tuple(f"{BASE}/showthread.php?tid={t}" for t in (5, 9, 11))
    assert forum.page_urls == (f"{BASE}/forumdisplay.php?fid=2&page=2",)
    assert forum.board_urls == (f"{BASE}/forumdisplay.php?fid=7",)
    assert forum.thread_hints[f"{BASE}/showthread.php?tid=9"] == ThreadHint(posts=45)
    assert engine.page_kind(f"{BASE}/index.php", _sel("index.html")) == "listing"
