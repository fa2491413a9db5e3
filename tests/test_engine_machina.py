"""django-machina page object against real django-machina 1.3.1 renders.

Two sets: tests/fixtures/machina/ (shared renders, timezone unknown, read as
UTC) and tests/fixtures/machina_lab/ (rendered by the test forum of
tests/forums/machina_site in America/New_York). Every field of every post is
compared in tests/test_engines.py; this file checks the rules behind them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from parsel import Selector

from crawler.engines import PageContext, detect_engine, get_engine
from crawler.engines.machina import parse_django_date

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = FIXTURES / "machina"
LAB = FIXTURES / "machina_lab"
ROOT = "http://127.0.0.1:8000"
ACME = f"{ROOT}/forum/forum/general-discussion-2/topic/acme-widget-3000-press-release-discussion-1/"
COAST = f"{ROOT}/forum/forum/press-releases-2/topic/governor-announces-coastal-resilience-plan-1/"
NEW_YORK = ZoneInfo("America/New_York")
FETCHED = datetime(2026, 3, 9, 12, 0, tzinfo=UTC)
CTX = PageContext(forum="machina-lab", fetched_at=FETCHED, timezone=NEW_YORK)
ENGINE = get_engine("machina")


def _sel(path: Path) -> Selector:
    return Selector(text=path.read_text(encoding="utf-8"))


def test_pages_and_positions_over_three_pages() -> None:
    seen = []
    for page in (1, 2, 3):
        url = COAST + (f"?page={page}" if page > 1 else "")
        parsed = ENGINE.parse_thread(url, _sel(LAB / f"topic_1_page{page}.html"), CTX)
        assert parsed.page_urls == (COAST, f"{COAST}?page=2", f"{COAST}?page=3")
        assert parsed.thread.url == COAST and parsed.thread.page_count == 3
        seen += [p.position for p in parsed.posts]
    assert seen == list(range(35))


def test_elided_pagination_is_filled_in() -> None:
    html = (SHARED / "topic_1_page1.html").read_text(encoding="utf-8")
    # machina's pagination partial on page 6 of 20: "1 ... 5 6 7 ... 20"
    elided = "".join(
        f'<li class="page-item{" active" if n == 6 else ""}"><a href="?page={n}" '
        f'class="page-link">{n}</a></li>'
        for n in (1, 5, 6, 7, 20)
    )
    html = html.replace(
        '<ul class="m-0 pagination', f'<ul class="m-0 pagination">{elided}</ul><ul class="x'
    )
    parsed = ENGINE.parse_thread(f"{ACME}?page=6", Selector(text=html), CTX)
    assert parsed.page_urls == (ACME, *(f"{ACME}?page={n}" for n in range(2, 21)))
    assert [p.position for p in parsed.posts] == list(range(75, 90))


def test_a_post_permalink_page_takes_its_number_from_the_active_page_link() -> None:
    parsed = ENGINE.parse_thread(f"{COAST}?post=33#33", _sel(LAB / "topic_1_page3.html"), CTX)
    assert [p.position for p in parsed.posts] == list(range(30, 35))


def test_press_release_post_keeps_its_bare_source_url_and_cites_it() -> None:
    first = ENGINE.parse_thread(COAST, _sel(LAB / "topic_1_page1.html"), CTX).posts[0]
    source = "http://127.0.0.1:8093/news/releases/whitfield-coastal-resilience-plan"
    assert first.body.splitlines()[-1] == source  # machina does not link bare URLs
    assert first.cited_urls == (source,)
    assert first.signature.endswith("— Thomas Jefferson") and "Jefferson" not in first.body
    assert "\n\n" in first.body


def test_truncated_link_text_cites_the_href() -> None:
    url = f"{ROOT}/forum/forum/press-releases-2/topic/harbor-customs-seizes-counterfeit-watches-2/"
    first = ENGINE.parse_thread(url, _sel(LAB / "topic_2.html"), CTX).posts[0]
    assert first.body.splitlines()[-1].endswith("counterfeit-wat…")
    assert first.cited_urls == ("http://127.0.0.1:8093/news/2025/09/30/counterfeit-watches-seized",)


def test_quoted_replies_are_kept_apart_with_the_linked_post_id() -> None:
    posts = {
        p.post_id: p
        for p in ENGINE.parse_thread(COAST, _sel(LAB / "topic_1_page1.html"), CTX).posts
    }
    linked = posts["4"]  # "> **[dave wrote:](...?post=3#3)**"
    assert [(q.author, q.quoted_post_id) for q in linked.quotes] == [("dave", "3")]
    assert (
        linked.quotes[0].text
        == "Reply 2: Twelve counties, but which twelve? The release does not say."
    )
    assert linked.body == "Reply 3: I agree with that."
    unlinked = posts["6"]  # "> **admin wrote:**" without a link
    assert [(q.author, q.quoted_post_id) for q in unlinked.quotes] == [("admin", None)]


def test_a_blockquote_without_a_wrote_header_is_the_posters_own_text() -> None:
    acme = ENGINE.parse_thread(ACME, _sel(SHARED / "topic_1_page1.html"), CTX)
    repost = {p.post_id: p for p in acme.posts}["10"]
    assert repost.quotes == ()
    assert "ACME CORP UPDATE #10" in repost.body
    assert repost.cited_urls == ("https://press.example.com/2026/01/acme-update-10",)


def test_edit_notes_become_edit_time_and_editor() -> None:
    page1 = {
        p.post_id: p
        for p in ENGINE.parse_thread(COAST, _sel(LAB / "topic_1_page1.html"), CTX).posts
    }
    page2 = ENGINE.parse_thread(f"{COAST}?page=2", _sel(LAB / "topic_1_page2.html"), CTX)
    by_mod = {p.post_id: p for p in page2.posts}["30"]
    assert (page1["9"].edited_at, page1["9"].editor) == (
        datetime(2026, 1, 5, 11, 15, tzinfo=NEW_YORK),
        "carol",
    )
    assert (by_mod.edited_at, by_mod.editor) == (
        datetime(2026, 1, 5, 23, 37, tzinfo=NEW_YORK),
        "admin",
    )
    assert "Removed an insult" not in by_mod.body and "Reason" not in by_mod.body
    assert page1["8"].edited_at is None and page1["8"].editor is None


def test_edit_note_without_an_editor() -> None:
    html = (LAB / "topic_1_page1.html").read_text(encoding="utf-8")
    note = (
        '<div class="mt-4 edit-info"><small class="text-muted"><i class="fas fa-edit"></i>'
        "&nbsp;Updated&nbsp;on&nbsp;Jan. 6, 2026, 9:05 p.m., edited 3 times in total.</small></div>"
    )
    html = html.replace('<div class="post-signature">', note + '<div class="post-signature">', 1)
    first = ENGINE.parse_thread(COAST, Selector(text=html), CTX).posts[0]
    assert (first.edited_at, first.editor) == (datetime(2026, 1, 6, 21, 5, tzinfo=NEW_YORK), None)


def test_anonymous_poster_has_a_name_and_no_id() -> None:
    url = f"{ROOT}/forum/forum/press-releases-2/topic/harbor-customs-seizes-counterfeit-watches-2/"
    reply = ENGINE.parse_thread(url, _sel(LAB / "topic_2.html"), CTX).posts[1]
    assert (reply.author, reply.author_id, reply.signature) == ("visitor", None, "")
    assert "Anonymous user" not in reply.body


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("Jan. 5, 2026, 10 a.m.", datetime(2026, 1, 5, 10, 0)),
        ("Jan. 6, 2026, 12:48 a.m.", datetime(2026, 1, 6, 0, 48)),
        ("Jan. 5, 2026, noon", datetime(2026, 1, 5, 12, 0)),
        ("Jan. 6, 2026, midnight", datetime(2026, 1, 6, 0, 0)),
        ("Sept. 30, 2025, 9:15 a.m.", datetime(2025, 9, 30, 9, 15)),
        ("March 8, 2026, 3:01 a.m.", datetime(2026, 3, 8, 3, 1)),
        ("May 1, 2026, 5 p.m.", datetime(2026, 5, 1, 17, 0)),
        ("June 30, 2026", datetime(2026, 6, 30, 0, 0)),
        ("2026-07-04 18:30", datetime(2026, 7, 4, 18, 30)),  # not Django's form: dateparser
    ],
)
def test_django_dates_in_the_forum_timezone(text: str, local: datetime) -> None:
    got = parse_django_date(text, CTX)
    assert got is not None and got.tzinfo is not None
    assert got.astimezone(UTC) == local.replace(tzinfo=NEW_YORK).astimezone(UTC)


def test_dst_change_two_minutes_apart() -> None:
    url = f"{ROOT}/forum/forum/press-releases-2/topic/clocks-go-forward-tonight-3/"
    before, after = ENGINE.parse_thread(url, _sel(LAB / "topic_3.html"), CTX).posts
    assert before.posted_at is not None and after.posted_at is not None
    assert before.posted_at.utcoffset() == timedelta(hours=-5)
    assert after.posted_at.utcoffset() == timedelta(hours=-4)
    assert after.posted_at.astimezone(UTC) - before.posted_at.astimezone(UTC) == timedelta(
        minutes=2
    )
    assert parse_django_date("not a date at all", CTX) is None


def test_listing_pages() -> None:
    index = ENGINE.parse_listing(f"{ROOT}/forum/", _sel(LAB / "index.html"))
    assert index.board_urls == (
        f"{ROOT}/forum/forum/newsroom-1/",
        f"{ROOT}/forum/forum/press-releases-2/",
    )
    assert index.thread_urls == ()
    board_url = f"{ROOT}/forum/forum/press-releases-2/"
    board = ENGINE.parse_listing(board_url, _sel(LAB / "board_2.html"))
    topics = (
        "clocks-go-forward-tonight-3",
        "governor-announces-coastal-resilience-plan-1",
        "harbor-customs-seizes-counterfeit-watches-2",
    )
    assert set(board.thread_urls) == {f"{board_url}topic/{t}/" for t in topics}
    assert board.page_urls == ()  # the "Go to the page" links are the topic's, not the board's
    hints = {url.split("/")[-2]: (h.posts, h.last_post_id) for url, h in board.thread_hints.items()}
    assert hints == {topics[0]: (2, "39"), topics[1]: (35, "35"), topics[2]: (2, "37")}
    shared = ENGINE.parse_listing(
        f"{ROOT}/forum/forum/general-discussion-2/", _sel(SHARED / "forum_general.html")
    )
    assert len(shared.thread_urls) == 2 and all(u.endswith("/") for u in shared.thread_urls)


def test_listing_pagination_of_a_long_forum() -> None:
    board_url = f"{ROOT}/forum/forum/press-releases-2/"
    html = (LAB / "board_2.html").read_text(encoding="utf-8")
    pagination = "".join(
        f'<li class="page-item"><a href="?page={n}" class="page-link">{n}</a></li>'
        for n in (1, 2, 3, 9)
    )
    html = html.replace(
        '<div class="card topiclist">',
        f'<ul class="pagination">{pagination}</ul><div class="card topiclist">',
        1,
    )
    listing = ENGINE.parse_listing(f"{board_url}?page=2", Selector(text=html))
    assert listing.page_urls == (board_url, *(f"{board_url}?page={n}" for n in range(3, 10)))


def test_canonical_urls() -> None:
    canonical = ENGINE.canonical_url
    assert canonical(f"{COAST}?page=1") == COAST
    assert canonical(f"{COAST}?page=2&utm_source=x") == f"{COAST}?page=2"
    assert canonical(f"{COAST}?page=junk") == COAST
    assert canonical(f"{COAST}?post=12#12") is None  # permalinks: the pages cover them
    assert (
        canonical(f"{ROOT}/forum/forum/press-releases-2/?page=3")
        == f"{ROOT}/forum/forum/press-releases-2/?page=3"
    )
    assert canonical(f"{ROOT}/forum/") == f"{ROOT}/forum/"
    for not_crawled in (
        "/forum/member/profile/2/",
        "/forum/member/profile/2/posts/",
        "/forum/search/?q=plan",
        "/forum/feeds/forum/press-releases-2/topics/all/",
        "/forum/moderation/queue/",
        "/forum/tracking/",
        "/forum/forum/press-releases-2/topic/create/",
        "/forum/forum/press-releases-2/topic/governor-announces-coastal-resilience-plan-1/post/create/",
        "/forum/forum/press-releases-2/topic/governor-announces-coastal-resilience-plan-1/33/post/update/",
        "/forum/forum/press-releases-2/topic/governor-announces-coastal-resilience-plan-1/update/",
        "/forum/attachment/4/",
    ):
        assert canonical(ROOT + not_crawled) is None, not_crawled
    assert canonical("mailto:alice@example.org") is None


def test_page_kinds() -> None:
    assert ENGINE.page_kind(COAST, _sel(LAB / "topic_1_page1.html")) == "thread"
    for listing in (
        LAB / "index.html",
        LAB / "board_2.html",
        LAB / "category_1.html",
        SHARED / "board_index.html",
    ):
        assert ENGINE.page_kind(ROOT, _sel(listing)) == "listing", listing.name
    assert ENGINE.page_kind(ROOT, _sel(SHARED / "profile_alice.html")) is None


def test_detection_is_specific() -> None:
    for folder in (SHARED, LAB):
        for page in folder.glob("*.html"):
            assert ENGINE.detect(ROOT, _sel(page)), page
            assert detect_engine(ROOT, _sel(page)) is ENGINE, page
    others = [p for p in FIXTURES.glob("*/*.html") if p.parent not in (SHARED, LAB)]
    assert others, "no other engine's pages to check against"
    for page in others:
        assert not ENGINE.detect("http://127.0.0.1:8091/", _sel(page)), page
    assert not ENGINE.detect("http://x/", Selector(text="<html><body><p>machina</p></body></html>"))
