"""XenForo 2 page object: what is XenForo-specific.

Every field of every post is compared in tests/test_engines.py against the
pages under tests/fixtures/xenforo2/; this file checks the rules behind
them (routes with and without friendly URLs, elided page navigation,
quotes and their "Click to expand..." link, edit notes, listings, detection).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from parsel import Selector

from crawler.engines import PageContext, detect_engine, get_engine
from crawler.engines.xenforo import XenForo2

FIXTURES = Path(__file__).parent / "fixtures"
XF = FIXTURES / "xenforo2"
CTX = PageContext(
    forum="xf",
    fetched_at=datetime(2023, 5, 4, 15, 0, tzinfo=UTC),
    timezone=ZoneInfo("America/Chicago"),
)
SITE = "https://xf.example.org"
THREAD = f"{SITE}/threads/state-auditor-finds-2-1-million-in-improper-jobless-payments.6120/"
CDT = timezone(timedelta(hours=-5))


def _sel(path: Path) -> Selector:
    return Selector(text=path.read_text(encoding="utf-8"))


def _parse(name: str, url: str):
    return XenForo2().parse_thread(url, _sel(XF / name), CTX)


def test_canonical_urls() -> None:
    e = XenForo2()
    assert e.canonical_url(f"{THREAD}page-2?order=desc#posts") == f"{THREAD}page-2"
    assert e.canonical_url(f"{THREAD}page-1") == THREAD
    assert e.canonical_url(f"{SITE}/threads/6120") == f"{SITE}/threads/6120/"
    # without friendly URLs the route follows index.php?
    assert e.canonical_url(f"{SITE}/index.php?threads/some-title.6120/page-3&s=x") == (
        f"{SITE}/index.php?threads/some-title.6120/page-3"
    )
    # installed in a folder
    assert e.canonical_url("https://h.example/community/forums/news.7/page-2") == (
        "https://h.example/community/forums/news.7/page-2"
    )
    assert e.canonical_url(f"{SITE}/forums/breaking-news.7/?prefix_id=2") == (
        f"{SITE}/forums/breaking-news.7/"
    )
    # post permalinks, jumps, profiles and other routes are not pages to crawl
    for url in (
        f"{THREAD}post-800202",
        f"{THREAD}latest",
        f"{THREAD}unread",
        f"{SITE}/posts/800202/",
        f"{SITE}/goto/post?id=800202",
        f"{SITE}/members/rangerrebew.12/",
        f"{SITE}/whats-new/",
        f"{SITE}/login/",
    ):
        assert e.canonical_url(url) is None, url
    assert e.canonical_url(f"{SITE}/") == f"{SITE}/"
    assert e.canonical_url(f"{SITE}/forums/") == f"{SITE}/forums/"


def test_pages_positions_and_dates() -> None:
    one = _parse("thread_6120_page1.html", THREAD)
    two = _parse("thread_6120_page2.html", f"{THREAD}page-2")
    assert one.page_urls == two.page_urls == (THREAD, f"{THREAD}page-2")
    assert [p.position for p in one.posts + two.posts] == list(range(6))
    # the datetime attribute, not the "Yesterday at 11:05 PM" label
    assert two.posts[0].posted_at == datetime(2023, 5, 3, 23, 5, 9, tzinfo=CDT)
    assert one.thread.title == "State Auditor Finds $2.1 Million in Improper Jobless Payments"
    assert one.thread.board == "Breaking News"


def test_elided_page_navigation_is_filled_in() -> None:
    html = (XF / "thread_6120_page1.html").read_text(encoding="utf-8")
    elided = html.replace(
        '<li class="pageNav-page"><a href="/threads/'
        'state-auditor-finds-2-1-million-in-improper-jobless-payments.6120/page-2">2</a></li>',
        '<li class="pageNav-page"><a href="/threads/'
        'state-auditor-finds-2-1-million-in-improper-jobless-payments.6120/page-2">2</a></li>'
        '<li class="pageNav-page pageNav-page--skip"><a role="button">…</a></li>'
        '<li class="pageNav-page"><a href="/threads/'
        'state-auditor-finds-2-1-million-in-improper-jobless-payments.6120/page-7">7</a></li>',
    )
    assert elided != html
    page = XenForo2().parse_thread(THREAD, Selector(text=elided), CTX)
    assert page.page_urls == (THREAD,) + tuple(f"{THREAD}page-{n}" for n in range(2, 8))


def test_quotes_drop_the_expand_link_and_keep_nested_quotes_inside() -> None:
    posts = {p.post_id: p for p in _parse("thread_6120_page1.html", THREAD).posts}
    assert [(q.author, q.quoted_post_id) for q in posts["800202"].quotes] == [
        ("rangerrebew", "800201")
    ]
    nested = posts["800203"].quotes
    assert len(nested) == 1 and nested[0].quoted_post_id == "800202"
    assert "identities of state prison inmates." in nested[0].text
    assert "Click to expand" not in nested[0].text
    # a quote of someone outside the forum: a name, no post
    assert [(q.author, q.quoted_post_id) for q in posts["800204"].quotes] == [
        ("Auditor Vasquez-Hale", None)
    ]


def test_link_text_that_is_a_page_title_still_cites_the_href() -> None:
    first = _parse("thread_6120_page1.html", THREAD).posts[0]
    assert first.cited_urls == (
        "http://127.0.0.1:8092/news/releases/auditor-finds-improper-unemployment-payments",
    )
    assert first.body.endswith("| Office of the State Auditor")


def test_edit_notes() -> None:
    posts = {p.post_id: p for p in _parse("thread_6120_page1.html", THREAD).posts}
    own = posts["800202"]  # "Last edited:" is the author's own edit
    assert (own.edited_at, own.editor) == (datetime(2023, 5, 3, 10, 2, 40, tzinfo=CDT), "Sanguine")
    moderated = posts["800204"]  # "Last edited by a moderator:" names nobody
    assert moderated.edited_at == datetime(2023, 5, 2, 21, 30, tzinfo=CDT)
    assert moderated.editor is None
    assert "Last edited" not in own.body and "Last edited" not in moderated.body


def test_listing() -> None:
    url = f"{SITE}/forums/breaking-news.7/"
    listing = XenForo2().parse_listing(url, _sel(XF / "forum_breaking_news.html"))
    assert listing.board_urls == (f"{SITE}/forums/press-releases.12/",)
    assert listing.thread_urls == (
        THREAD,
        f"{SITE}/threads/largest-international-operation.412345/",
    )
    # "1 2 … 5": the elided pages are filled in; filter and prefix links collapse into the forum
    assert listing.page_urls == tuple(f"{url}page-{n}" for n in range(2, 6))
    assert listing.thread_hints[THREAD].posts == 6


def test_detection() -> None:
    for path in sorted(XF.glob("*.html")):
        assert detect_engine(f"{SITE}/", _sel(path)) is get_engine("xenforo2"), path.name
    others = [
        path
        for folder in sorted(FIXTURES.iterdir())
        if folder.is_dir() and folder != XF
        for path in sorted(folder.glob("*.html"))
    ]
    assert others
    for path in others:
        assert not XenForo2().detect("http://x/", _sel(path)), path


def test_quote_without_data_source_takes_the_post_from_the_title_link() -> None:
    html = (XF / "xf2_thread.html").read_text(encoding="utf-8")
    older = html.replace(' data-source="post: 700101"', "")  # XenForo before 2.2
    assert older != html
    url = f"{SITE}/threads/largest-international-operation.412345/"
    quote = XenForo2().parse_thread(url, Selector(text=older), CTX).posts[1].quotes[0]
    assert (quote.author, quote.quoted_post_id) == ("rangerrebew", "700101")
