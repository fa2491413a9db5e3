"""SMF 2.1 page object against real SMF 2.1.5 renders and one templated page.

Every field of every post is compared in tests/test_engines.py; this file
checks the rules behind them (detection against 2.0, pages, positions,
quotes, edits, dates, URLs, listings).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from parsel import Selector

from crawler.engines import PageContext, detect_engine, get_engine
from crawler.engines.base import ThreadHint

FIXTURES = Path(__file__).parent / "fixtures"
HERE = FIXTURES / "smf21"
FETCHED = datetime(2026, 11, 22, 13, 44, 46, tzinfo=UTC)
CTX = PageContext(forum="lab21", fetched_at=FETCHED, timezone=ZoneInfo("UTC"))
BASE = "http://127.0.0.1:8081/index.php"
TEMPLATED = "templated_topic_5_offset20.html"


def _sel(name: str) -> Selector:
    return Selector(text=(HERE / name).read_text(encoding="utf-8"))


def _parse(name: str, url: str, ctx: PageContext = CTX):
    return get_engine("smf21").parse_thread(url, _sel(name), ctx)


def test_detection_tells_2_1_from_2_0_and_other_engines() -> None:
    engine = get_engine("smf21")
    for page in sorted(HERE.glob("*.html")):
        sel = Selector(text=page.read_text(encoding="utf-8"))
        assert detect_engine(BASE, sel) is engine, page.name
    others = [p for p in FIXTURES.glob("*/*.html") if p.parent.name != "smf21"]
    assert any(p.parent.name == "smf20" for p in others)
    for page in others:
        sel = Selector(text=page.read_text(encoding="utf-8"))
        assert not engine.detect(BASE, sel), page
    smf20 = Selector(text=(FIXTURES / "smf20" / "topic_5_short.html").read_text(encoding="utf-8"))
    assert detect_engine(BASE, smf20) is get_engine("smf")


def test_page_kinds() -> None:
    engine = get_engine("smf21")
    assert engine.page_kind(f"{BASE}?topic=2.0", _sel("topic_2_offset0.html")) == "thread"
    assert engine.page_kind(f"{BASE}?board=1.0", _sel("board_1.html")) == "listing"
    assert engine.page_kind(BASE, _sel("board_index.html")) == "listing"
    assert engine.page_kind(f"{BASE}?action=profile;u=2", _sel("profile_alice.html")) is None


def test_three_pages_and_positions() -> None:
    seen = []
    for offset in (0, 15, 30):
        page = _parse(f"topic_2_offset{offset}.html", f"{BASE}?topic=2.{offset}")
        assert page.page_urls == tuple(f"{BASE}?topic=2.{o}" for o in (0, 15, 30))
        assert page.thread.url == f"{BASE}?topic=2.0" and page.thread.page_count == 3
        seen += [(p.position, p.post_id) for p in page.posts]
    assert [position for position, _ in seen] == list(range(35))
    assert [post_id for _, post_id in seen] == [str(n) for n in range(2, 37)]


def test_elided_page_index_is_filled_from_the_step() -> None:
    # "1 ... 3 4 [5] 6 7 ... 9" at five posts a page
    page = _parse(TEMPLATED, f"{BASE}?topic=5.20")
    assert page.page_urls == tuple(f"{BASE}?topic=5.{o}" for o in range(0, 45, 5))
    assert [p.position for p in page.posts] == [20, 21, 22, 23, 24]


def test_session_id_never_reaches_page_or_post_urls() -> None:
    page = _parse(TEMPLATED, f"{BASE}?topic=5.20;PHPSESSID=0f3c2a9d")
    urls = [page.thread.url, *page.page_urls, *(p.permalink for p in page.posts)]
    assert all("PHPSESSID" not in u for u in urls)
    assert page.posts[0].permalink == f"{BASE}?msg=61"


def test_linked_quote_is_kept_apart_with_the_quoted_post_id() -> None:
    reply = _parse("topic_2_offset0.html", f"{BASE}?topic=2.0").posts[2]
    assert reply.post_id == "4"
    assert [(q.author, q.quoted_post_id, q.text) for q in reply.quotes] == [
        ("dave", "3", "Reply number 2 about the Widget 3000.")
    ]
    assert reply.body == "I disagree with that, reply 3."  # the text after the blockquote


def test_bare_quote_of_a_press_release_stays_in_the_body() -> None:
    repost = _parse("topic_2_offset0.html", f"{BASE}?topic=2.0").posts[9]
    assert repost.post_id == "11" and repost.quotes == ()
    assert repost.body.splitlines() == [
        "Reposting the follow-up release:",
        "",
        'ACME CORP UPDATE #10: Widget 3000 pre-orders exceed 10,000 units."We are thrilled", '
        "said CEO Wile E. Coyote.",
        "",
        "Source: https://press.example.com/2026/01/acme-update-10",
    ]
    assert repost.cited_urls == ("https://press.example.com/2026/01/acme-update-10",)


def test_nested_and_hand_typed_quotes() -> None:
    post = {p.post_id: p for p in _parse(TEMPLATED, f"{BASE}?topic=5.20").posts}["64"]
    outer, typed = post.quotes
    assert (outer.author, outer.quoted_post_id) == ("carol", "63")
    # the nested quote stays inside, without its "Quote from:" header
    assert outer.text.startswith("seized 4.2 tonnes") and "Quote from" not in outer.text
    assert (typed.author, typed.quoted_post_id) == ("Port Authority press office", None)
    assert post.body == "Both numbers are on the Port Authority site.\nSo neither is final."


def test_edit_notes_relative_dates_and_guests() -> None:
    posts = {p.post_id: p for p in _parse(TEMPLATED, f"{BASE}?topic=5.20").posts}
    utc = ZoneInfo("UTC")
    assert posts["62"].author == "harbor_watcher" and posts["62"].author_id is None
    assert posts["62"].posted_at == datetime(2026, 11, 21, 21, 15, tzinfo=utc)  # Yesterday
    assert posts["63"].posted_at == datetime(2026, 11, 22, 9, 40, tzinfo=utc)  # Today
    # "Last Edit: Today at 10:02 AM by carol  Reason: fixed the tonnage"
    assert posts["63"].edited_at == datetime(2026, 11, 22, 10, 2, tzinfo=utc)
    assert posts["63"].editor == "carol"
    assert (posts["64"].editor, posts["64"].author) == ("admin", "dave")
    assert posts["61"].edited_at is None and posts["61"].editor is None


def test_dates_use_the_forum_timezone() -> None:
    ny = PageContext(forum="x", fetched_at=FETCHED, timezone=ZoneInfo("America/New_York"))
    first = _parse("topic_2_offset0.html", f"{BASE}?topic=2.0", ny).posts[0]
    assert first.posted_at is not None
    assert first.posted_at.astimezone(UTC) == datetime(2026, 1, 5, 15, 0, tzinfo=UTC)


def test_signature_and_poster_block_stay_out_of_the_body() -> None:
    first = _parse("topic_2_offset0.html", f"{BASE}?topic=2.0").posts[0]
    assert first.signature == "Alice Archer | Press officer, Acme Corp\nalice.example.org"
    assert "Alice Archer" not in first.body and "Posts:" not in first.body
    assert first.cited_urls == ("https://press.example.com/2026/01/05/acme-widget-3000",)
    assert first.body.splitlines()[-1].endswith("acme-widget-3000")


def test_canonical_urls() -> None:
    engine = get_engine("smf21")
    assert engine.canonical_url(f"{BASE}?topic=2.15;PHPSESSID=abc") == f"{BASE}?topic=2.15"
    assert engine.canonical_url(f"{BASE}?PHPSESSID=abc&board=1.0") == f"{BASE}?board=1.0"
    assert engine.canonical_url(f"{BASE}?board=1.0;sort=subject;desc") == f"{BASE}?board=1.0"
    assert (
        engine.canonical_url("http://h/index.php/topic,7.30.html")
        == "http://h/index.php?topic=7.30"
    )
    assert engine.canonical_url(f"{BASE}?PHPSESSID=abc") == BASE
    for not_crawled in (
        f"{BASE}?msg=3",
        f"{BASE}?topic=4.msg38#new",
        f"{BASE}?topic=2.0;prev_next=prev#new",
        f"{BASE}?action=profile;u=2",
        f"{BASE}?action=printpage;topic=2.0",
        f"{BASE}?action=.xml;type=rss2;board=1",
    ):
        assert engine.canonical_url(not_crawled) is None, not_crawled


def test_listing_pages_and_thread_hints() -> None:
    engine = get_engine("smf21")
    index = engine.parse_listing(BASE, _sel("board_index.html"))
    assert index.board_urls == (f"{BASE}?board=1.0", f"{BASE}?board=2.0")
    assert index.thread_urls == ()  # "last post" links point into topics, not at their first pages
    board = engine.parse_listing(f"{BASE}?board=1.0", _sel("board_1.html"))
    assert board.thread_urls == tuple(f"{BASE}?topic={t}.0" for t in (4, 2, 1))
    # sorting links (board=1.0;sort=subject) collapse into the board itself
    assert board.page_urls == () and board.board_urls == ()
    assert board.thread_hints[f"{BASE}?topic=2.0"] == ThreadHint(posts=35, last_post_id="36")
