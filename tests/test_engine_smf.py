"""SMF 2.0 page object against real SMF 2.0.19 renders: what is SMF-specific.

Every field of every post is compared in tests/test_engines.py; this file
checks the rules behind them (pages, positions, quotes, edits, dates, URLs).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from parsel import Selector

from crawler.engines import PageContext, detect_engine, get_engine

FIXTURES = Path(__file__).parent / "fixtures" / "smf20"
FETCHED = datetime(2026, 1, 9, 12, 0, tzinfo=UTC)
CTX = PageContext(forum="lab", fetched_at=FETCHED, timezone=ZoneInfo("UTC"))
BASE = "http://127.0.0.1:8091/index.php"

THREAD_PAGES = {
    "topic_2_press_release.html": f"{BASE}?topic=2.0",
    "topic_3_single_post.html": f"{BASE}?topic=3.0",
    "topic_4_long_offset0.html": f"{BASE}?topic=4.0",
    "topic_4_long_offset15.html": f"{BASE}?topic=4.15",
    "topic_4_long_offset30.html": f"{BASE}?topic=4.30",
    "topic_4_long_offset45.html": f"{BASE}?topic=4.45",
    "topic_5_short.html": f"{BASE}?topic=5.0",
}
# Text of the forum's furniture that must never reach a post body.
BOILERPLATE = (
    "Posts:",
    "Logged",
    "Read ",
    "are viewing this topic",
    "TBR Contributor",
    "Global Moderator",
    "Last Edit",
    "Quote from:",
    "Reply #",
)


def _parse(name: str):
    sel = Selector(text=(FIXTURES / name).read_text(encoding="utf-8"))
    return get_engine("smf").parse_thread(THREAD_PAGES[name], sel, CTX)


def test_long_thread_pages_and_positions() -> None:
    offsets = [0, 15, 30, 45]
    seen = []
    for offset in offsets:
        page = _parse(f"topic_4_long_offset{offset}.html")
        assert page.page_urls == tuple(f"{BASE}?topic=4.{o}" for o in offsets)
        seen += [p.position for p in page.posts]
    assert seen == list(range(47))


def test_press_release_post_keeps_url_line_and_cites_href() -> None:
    first = _parse("topic_2_press_release.html").posts[0]
    assert first.author == "rangerrebew" and first.author_id == "2"
    assert first.posted_at == datetime(2026, 1, 5, 15, 12, tzinfo=ZoneInfo("UTC"))
    assert first.body.splitlines()[-1] == (
        "http://127.0.0.1:8092/news/releases/governor-whitfield-coastal-resilience-plan"
    )
    assert first.cited_urls == (
        "http://127.0.0.1:8092/news/releases/governor-whitfield-coastal-resilience-plan",
    )
    assert "Thomas Jefferson" in first.signature and "Jefferson" not in first.body
    assert "\n\n" in first.body  # paragraphs kept


def test_quoted_replies_are_kept_apart_with_the_quoted_post_id() -> None:
    posts = {p.post_id: p for p in _parse("topic_2_press_release.html").posts}
    reply = posts["5"]
    assert [(q.author, q.quoted_post_id) for q in reply.quotes] == [("rangerrebew", "2")]
    assert reply.quotes[0].text.startswith("FOR IMMEDIATE RELEASE")
    assert reply.body.startswith("Reading the whole thing")
    assert "FOR IMMEDIATE RELEASE" not in reply.body
    assert reply.cited_urls == ()  # the link inside the quote belongs to the quoted post


def test_edit_note_becomes_edit_time_and_editor() -> None:
    posts = {p.post_id: p for p in _parse("topic_2_press_release.html").posts}
    assert posts["3"].edited_at == datetime(2026, 1, 5, 15, 49, tzinfo=ZoneInfo("UTC"))
    assert posts["3"].editor == "libertybelle"
    assert posts["4"].edited_at is None


def test_dates_use_the_forum_timezone_and_relative_days() -> None:
    from crawler.engines.smf import DATE_FORMATS
    from crawler.engines.toolkit.dates import parse_forum_date

    ny = PageContext(forum="x", fetched_at=FETCHED, timezone=ZoneInfo("America/New_York"))
    got = parse_forum_date("January 05, 2026, 03:12:00 PM", ny, DATE_FORMATS)
    assert got is not None and got.astimezone(UTC) == datetime(2026, 1, 5, 20, 12, tzinfo=UTC)
    today = parse_forum_date("Today at 02:31:22 PM", ny, DATE_FORMATS)
    # 12:00 UTC on Jan 9 is 07:00 on Jan 9 in New York
    assert today == datetime(2026, 1, 9, 14, 31, 22, tzinfo=ZoneInfo("America/New_York"))
    yesterday = parse_forum_date("Yesterday at 11:05:00 PM", ny, DATE_FORMATS)
    assert yesterday == datetime(2026, 1, 8, 23, 5, tzinfo=ZoneInfo("America/New_York"))
    assert parse_forum_date("not a date at all", ny, DATE_FORMATS) is None


def test_listing_pages() -> None:
    engine = get_engine("smf")
    index = Selector(text=(FIXTURES / "board_index.html").read_text(encoding="utf-8"))
    listing = engine.parse_listing(BASE, index)
    assert set(listing.board_urls) == {f"{BASE}?board={b}.0" for b in (1, 2, 3)}
    board = Selector(text=(FIXTURES / "board_2_breaking_news.html").read_text(encoding="utf-8"))
    listing = engine.parse_listing(f"{BASE}?board=2.0", board)
    assert listing.thread_urls == (f"{BASE}?topic=3.0", f"{BASE}?topic=2.0")
    # sorting links (board=2.0;sort=subject) collapse into the board itself
    assert listing.page_urls == () and listing.board_urls == ()


def test_canonical_urls() -> None:
    engine = get_engine("smf")
    assert engine.canonical_url(f"{BASE}?topic=2.15;PHPSESSID=abc") == f"{BASE}?topic=2.15"
    assert engine.canonical_url(f"{BASE}?PHPSESSID=abc&topic=2.0") == f"{BASE}?topic=2.0"
    assert (
        engine.canonical_url("http://h/index.php/topic,7.30.html")
        == "http://h/index.php?topic=7.30"
    )
    assert engine.canonical_url(f"{BASE}?topic=2.msg3#msg3") is None
    assert engine.canonical_url(f"{BASE}?action=profile;u=2") is None
    assert engine.canonical_url(f"{BASE}?action=printpage;topic=2.0") is None


def test_detection() -> None:
    sel = Selector(text=(FIXTURES / "topic_5_short.html").read_text(encoding="utf-8"))
    assert detect_engine(f"{BASE}?topic=5.0", sel) is get_engine("smf")
    assert detect_engine("http://x/", Selector(text="<html><body><p>hi</p></body></html>")) is None


def test_the_quick_date_reads_what_the_date_formats_read() -> None:
    from crawler.engines.smf.smf20 import DATE_FORMATS, _date
    from crawler.engines.toolkit.dates import parse_forum_date

    ctx = PageContext(forum="lab", fetched_at=FETCHED, timezone=ZoneInfo("America/New_York"))
    texts = [
        "January 05, 2026, 08:16:00 AM",
        "December 31, 2025, 12:00:00 AM",
        "March 09, 2026, 12:59:59 PM",
        "February 29, 2024, 11:01:02 PM",
        "February 29, 2025, 11:01:02 PM",  # no such day
        "April 31, 2026, 01:00:00 PM",
        "May 01, 2026, 13:00:00 PM",  # no such hour on a 12-hour clock
        "May 01, 2026, 00:30:00 AM",
        "May 01, 2026, 10:60:00 AM",
        "May 01, 2026, 10:00:60 AM",
        "May 1, 2026, 10:00:00 AM",
        "May 01, 2026, 10:00 AM",
        "Jan 05, 2026, 08:16:00 AM",
        "january 05, 2026, 08:16:00 am",
        "Today at 09:12:00 AM",
        "Yesterday at 11:59:00 PM",
        "not a date",
    ]
    for text in texts:
        assert _date(text, ctx) == parse_forum_date(text, ctx, DATE_FORMATS), text
    assert _date(texts[0], ctx) == datetime(2026, 1, 5, 8, 16, tzinfo=ZoneInfo("America/New_York"))


def test_a_thread_page_is_known_by_its_forumposts_id_wherever_libxml2_files_it() -> None:
    engine = get_engine("smf")
    url = f"{BASE}?topic=2.0"
    named_first = '<html><body><a name="forumposts"></a><div id="forumposts"></div></body></html>'
    only_named = '<html><body><a name="forumposts"></a><div id="other"></div></body></html>'
    plain = '<html><body><div><div id="forumposts"></div></div></body></html>'
    assert engine.page_kind(url, Selector(text=named_first)) == "thread"
    assert engine.page_kind(url, Selector(text=plain)) == "thread"
    assert engine.page_kind(url, Selector(text=only_named)) is None
    for name in THREAD_PAGES:
        page = Selector(text=(FIXTURES / name).read_text(encoding="utf-8"))
        assert engine.page_kind(url, page) == "thread", name
