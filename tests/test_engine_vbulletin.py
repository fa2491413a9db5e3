"""vBulletin 4 and 5 page objects: what is vBulletin-specific.

Every field of every post is compared in tests/test_engines.py against the
pages under tests/fixtures/vbulletin4/ and tests/fixtures/vbulletin5/; this
file checks the rules behind them (URLs, pages, positions, dates and their
day/month order, quotes, edits, listings, detection).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from parsel import Selector

from crawler.engines import PageContext, detect_engine, get_engine
from crawler.engines.vbulletin import VBulletin4, VBulletin5

FIXTURES = Path(__file__).parent / "fixtures"
VB4 = FIXTURES / "vbulletin4"
VB5 = FIXTURES / "vbulletin5"
GMT5 = ZoneInfo("Etc/GMT+5")  # "All times are GMT -5"
CTX = PageContext(forum="vb", fetched_at=datetime(2023, 5, 4, 15, 0, tzinfo=UTC), timezone=GMT5)
B4 = "https://vb4.example.org/forums/"
TOPIC = (
    "https://vb5.example.org/forum/news/breaking-news/"
    "5301-harbor-authority-awards-86-million-dredging-contract"
)


def _sel(path: Path) -> Selector:
    return Selector(text=path.read_text(encoding="utf-8"))


def _vb4(name: str, url: str, engine: VBulletin4 | None = None):
    return (engine or VBulletin4()).parse_thread(url, _sel(VB4 / name), CTX)


def _vb5(name: str, url: str):
    return VBulletin5().parse_thread(url, _sel(VB5 / name), CTX)


# ---------------------------------------------------------------- vBulletin 4
def test_vb4_canonical_urls() -> None:
    e = VBulletin4()
    assert (
        e.canonical_url(f"{B4}showthread.php?t=5120&s=0f8e6a2b9c1d") == f"{B4}showthread.php?t=5120"
    )
    assert e.canonical_url(f"{B4}showthread.php?s=abc&t=5120&page=2") == (
        f"{B4}showthread.php?t=5120&page=2"
    )
    assert e.canonical_url(f"{B4}showthread.php?t=5120&page=1") == f"{B4}showthread.php?t=5120"
    # friendly URLs, basic and advanced
    assert e.canonical_url(f"{B4}showthread.php?5120-Attorney-General/page2") == (
        f"{B4}showthread.php?t=5120&page=2"
    )
    assert e.canonical_url(f"{B4}showthread.php/5120-Attorney-General") == (
        f"{B4}showthread.php?t=5120"
    )
    assert e.canonical_url(f"{B4}forumdisplay.php?7-Breaking-News&s=abc") == (
        f"{B4}forumdisplay.php?f=7"
    )
    assert e.canonical_url(f"{B4}forumdisplay.php?f=7&sort=title&order=asc&page=3") == (
        f"{B4}forumdisplay.php?f=7&page=3"
    )
    # post permalinks, jumps, profiles and print views are not pages to crawl
    assert e.canonical_url(f"{B4}showthread.php?t=5120&p=700202&viewfull=1#post700202") is None
    assert e.canonical_url(f"{B4}showthread.php?p=700202#post700202") is None
    assert e.canonical_url(f"{B4}showthread.php?t=5120&goto=newpost") is None
    assert e.canonical_url(f"{B4}member.php?u=12") is None
    assert e.canonical_url(f"{B4}printthread.php?t=5120") is None
    assert e.canonical_url(f"{B4}search.php?do=getdaily") is None
    assert e.canonical_url(f"{B4}forum.php?s=abc") == f"{B4}forum.php"


def test_vb4_pages_and_positions_across_a_thread() -> None:
    one = _vb4("showthread_5120_page1.html", f"{B4}showthread.php?t=5120")
    two = _vb4("showthread_5120_page2.html", f"{B4}showthread.php?t=5120&page=2&s=abc")
    expected = (f"{B4}showthread.php?t=5120", f"{B4}showthread.php?t=5120&page=2")
    assert one.page_urls == two.page_urls == expected
    assert one.thread.page_count == 2 and one.thread.url == expected[0]
    assert [p.position for p in one.posts + two.posts] == list(range(6))


def test_vb4_elided_pagination_is_filled_in() -> None:
    html = (VB4 / "showthread_5120_page1.html").read_text(encoding="utf-8")
    start = html.index('<div id="pagination_top"')
    end = html.index('<div id="postpagestats_above"')
    elided = (
        '<div id="pagination_top" class="pagination_top"><form class="pagination popupmenu">'
        '<span><a href="javascript://" class="popupctrl">Page 1 of 9</a></span>'
        '<span class="selected"><a href="javascript://">1</a></span>'
        '<span><a href="showthread.php?t=5120&amp;page=2">2</a></span>'
        '<span><a href="showthread.php?t=5120&amp;page=3">3</a></span>'
        '<span class="first_last"><a href="showthread.php?t=5120&amp;page=9">Last</a></span>'
        "</form>"
    )
    sel = Selector(text=html[:start] + elided + html[end:])
    page = VBulletin4().parse_thread(f"{B4}showthread.php?t=5120", sel, CTX)
    assert page.page_urls == (f"{B4}showthread.php?t=5120",) + tuple(
        f"{B4}showthread.php?t=5120&page={n}" for n in range(2, 10)
    )


def test_vb4_dates_month_first_by_default_day_first_as_an_option() -> None:
    first = _vb4("showthread_5120_page1.html", f"{B4}showthread.php?t=5120").posts[0]
    assert first.posted_at == datetime(2023, 5, 2, 16, 40, tzinfo=GMT5)  # "05-02-2023 04:40 PM"
    european = _vb4(
        "showthread_5120_page1.html", f"{B4}showthread.php?t=5120", VBulletin4(day_first=True)
    ).posts[0]
    assert european.posted_at == datetime(2023, 2, 5, 16, 40, tzinfo=GMT5)


def test_vb4_today_and_yesterday_resolve_against_the_fetch_time() -> None:
    posts = _vb4("showthread_5120_page2.html", f"{B4}showthread.php?t=5120&page=2").posts
    # fetched 15:00 UTC on May 4 = 10:00 on May 4 at GMT-5
    assert posts[0].posted_at == datetime(2023, 5, 3, 23, 5, tzinfo=GMT5)  # "Yesterday, 11:05 PM"
    assert posts[1].posted_at == datetime(2023, 5, 4, 9, 12, tzinfo=GMT5)  # "Today, 09:12 AM"


def test_vb4_quotes_code_blocks_and_cut_link_text() -> None:
    posts = {
        p.post_id: p for p in _vb4("showthread_5120_page1.html", f"{B4}showthread.php?t=5120").posts
    }
    # the link text is cut in the middle ("attorney...feit-pill-ring"): only the href is cited
    assert posts["700201"].cited_urls == (
        "http://127.0.0.1:8092/news/releases/"
        "attorney-general-okafor-announces-41-arrests-counterfeit-pill-ring",
    )
    assert [(q.author, q.quoted_post_id) for q in posts["700202"].quotes] == [
        ("rangerrebew", "700201")
    ]
    nested = posts["700203"].quotes
    assert len(nested) == 1 and nested[0].author == "Sanguine"
    assert "Investigators seized six pill presses" in nested[0].text  # the inner quote stays inside
    # a code block is a bbcode_container but not a quote; its "Code:" label is dropped
    assert "HC-CR-2023-00417" in posts["700203"].body and "Code:" not in posts["700203"].body
    anonymous = posts["700204"].quotes[0]
    assert (anonymous.author, anonymous.quoted_post_id) == (None, None)
    assert anonymous.text == "They were sold to teenagers through social media."
    assert "That line is the whole story" in posts["700204"].body


def test_vb4_edit_note_and_signature_stay_out_of_the_body() -> None:
    post = _vb4("showthread_5120_page1.html", f"{B4}showthread.php?t=5120").posts[1]
    assert post.edited_at == datetime(2023, 5, 3, 10, 2, tzinfo=GMT5)
    assert post.editor == "Sanguine"
    assert "Last edited" not in post.body and "Reason" not in post.body
    assert post.signature.startswith("Molon labe") and post.cited_urls == ()


def test_vb4_listing() -> None:
    e = VBulletin4()
    listing = e.parse_listing(f"{B4}forumdisplay.php?f=7&s=abc", _sel(VB4 / "forumdisplay_7.html"))
    assert listing.board_urls == (f"{B4}forumdisplay.php?f=12",)
    assert listing.thread_urls == tuple(
        f"{B4}showthread.php?t={t}" for t in ("5120", "412345", "5090")
    )
    # sort links collapse into the forum itself; page 3 is announced and linked
    assert listing.page_urls == (
        f"{B4}forumdisplay.php?f=7&page=2",
        f"{B4}forumdisplay.php?f=7&page=3",
    )
    hint = listing.thread_hints[f"{B4}showthread.php?t=5120"]
    assert (hint.posts, hint.last_post_id) == (6, "700206")


def test_vb4_page_kinds() -> None:
    e = VBulletin4()
    assert e.page_kind(B4, _sel(VB4 / "vb4_thread.html")) == "thread"
    assert e.page_kind(B4, _sel(VB4 / "forumdisplay_7.html")) == "listing"


# ---------------------------------------------------------------- vBulletin 5
def test_vb5_canonical_urls() -> None:
    e = VBulletin5()
    assert e.canonical_url(f"{TOPIC}/page2?view=thread") == f"{TOPIC}/page2"
    assert e.canonical_url(f"{TOPIC}/page1") == TOPIC
    assert e.canonical_url(f"{TOPIC}?p=5302#post5302") is None  # a post permalink
    assert e.canonical_url(f"{TOPIC}?view=stream") is None
    assert e.canonical_url("https://vb5.example.org/member/12-rangerrebew") is None
    assert e.canonical_url("https://vb5.example.org/search?searchJSON=x") is None
    assert e.canonical_url("https://vb5.example.org/forum/news/breaking-news/page3?sort=title") == (
        "https://vb5.example.org/forum/news/breaking-news/page3"
    )


def test_vb5_pages_positions_and_unix_timestamps() -> None:
    one = _vb5("topic_5301_page1.html", TOPIC)
    two = _vb5("topic_5301_page2.html", f"{TOPIC}/page2")
    assert one.page_urls == two.page_urls == (TOPIC, f"{TOPIC}/page2")
    assert [p.position for p in one.posts + two.posts] == list(range(6))
    # data-node-publishdate (Unix time) rather than the label ("Yesterday, 11:05 PM")
    assert two.posts[0].posted_at == datetime(2023, 5, 4, 4, 5, tzinfo=UTC)
    assert one.posts[0].author_id == "12"


def test_vb5_text_date_fallback_follows_the_day_first_option() -> None:
    html = (VB5 / "topic_5301_page1.html").read_text(encoding="utf-8")
    # without the timestamp and the datetime attribute only the label is left
    html = html.replace('data-node-publishdate="1683063600"', "").replace(
        'datetime="2023-05-02T16:40:00"', ""
    )
    us = VBulletin5().parse_thread(TOPIC, Selector(text=html), CTX).posts[0]
    eu = VBulletin5(day_first=True).parse_thread(TOPIC, Selector(text=html), CTX).posts[0]
    assert us.posted_at == datetime(2023, 5, 2, 16, 40, tzinfo=GMT5)
    assert eu.posted_at == datetime(2023, 2, 5, 16, 40, tzinfo=GMT5)


def test_vb5_permalink_fetch_uses_the_canonical_link() -> None:
    page = VBulletin5().parse_thread(
        f"{TOPIC}?p=5302#post5302", _sel(VB5 / "topic_5301_page1.html"), CTX
    )
    assert page.thread.thread_id == "5301" and page.thread.url == TOPIC


def test_vb5_quotes_edits_signatures() -> None:
    posts = {p.post_id: p for p in _vb5("topic_5301_page1.html", TOPIC).posts}
    assert [(q.author, q.quoted_post_id) for q in posts["5302"].quotes] == [("rangerrebew", "5301")]
    assert posts["5302"].edited_at == datetime(2023, 5, 3, 10, 2, tzinfo=GMT5)
    assert posts["5302"].editor == "Sanguine"
    assert [(q.author, q.quoted_post_id) for q in posts["5306"].quotes] == [("Sanguine", None)]
    assert "Thomas Jefferson" in posts["5301"].signature
    assert "Jefferson" not in posts["5301"].body


def test_vb5_listing() -> None:
    url = "https://vb5.example.org/forum/news/breaking-news"
    listing = VBulletin5().parse_listing(url, _sel(VB5 / "channel_breaking_news.html"))
    assert listing.board_urls == (f"{url}/press-releases",)
    assert listing.thread_urls == (TOPIC, f"{url}/5240-county-opens-new-flood-shelter")
    assert listing.page_urls == (f"{url}/page2", f"{url}/page3")  # "Page 1 of 3"
    hint = listing.thread_hints[TOPIC]
    assert (hint.posts, hint.last_post_id) == (6, "5311")


# ------------------------------------------------------------------ detection
def _pages(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.html"))


@pytest.mark.parametrize(
    ("folder", "name"), [(VB4, "vbulletin4"), (VB5, "vbulletin5")], ids=["vb4", "vb5"]
)
def test_detection_on_own_pages(folder: Path, name: str) -> None:
    for path in _pages(folder):
        assert detect_engine("http://x/", _sel(path)) is get_engine(name), path.name


def test_no_detection_on_other_engines_pages() -> None:
    others = [
        path
        for folder in sorted(FIXTURES.iterdir())
        if folder.is_dir() and folder not in (VB4, VB5)
        for path in _pages(folder)
    ]
    assert others, "no other engine's pages to check against"
    for path in others:
        sel = _sel(path)
        assert not VBulletin4().detect("http://x/", sel), path
        assert not VBulletin5().detect("http://x/", sel), path
    # and the two vBulletins never claim each other's pages
    for path in _pages(VB4):
        assert not VBulletin5().detect("http://x/", _sel(path)), path
    for path in _pages(VB5):
        assert not VBulletin4().detect("http://x/", _sel(path)), path
