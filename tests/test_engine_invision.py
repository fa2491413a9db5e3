"""Invision Community 4 page object: what is Invision-specific.

Every field of every post is compared in tests/test_engines.py against the
pages under tests/fixtures/invision4/; this file checks the rules behind
them (URL forms, positions from the per-page count, quotes and their
citation, the "Edited ... by" line, listings, detection).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from parsel import Selector

from crawler.engines import PageContext, detect_engine, get_engine
from crawler.engines.invision import Invision4

FIXTURES = Path(__file__).parent / "fixtures"
IPS = FIXTURES / "invision4"
CTX = PageContext(
    forum="ips",
    fetched_at=datetime(2023, 5, 4, 15, 0, tzinfo=UTC),
    timezone=ZoneInfo("America/Chicago"),
)
SITE = "https://ips.example.org"
TOPIC = f"{SITE}/topic/7120-county-health-department-confirms-measles-cases-at-two-schools/"


def _sel(path: Path) -> Selector:
    return Selector(text=path.read_text(encoding="utf-8"))


def _parse(name: str, url: str):
    return Invision4().parse_thread(url, _sel(IPS / name), CTX)


def test_canonical_urls() -> None:
    e = Invision4()
    assert e.canonical_url(f"{TOPIC}page/2/#comments") == f"{TOPIC}page/2/"
    assert e.canonical_url(f"{TOPIC}page/1/") == TOPIC
    assert e.canonical_url(f"{TOPIC}?sortby=date&tab=comments") == TOPIC
    assert e.canonical_url(f"{TOPIC}?page=3") == f"{TOPIC}page/3/"  # the older query form
    # boards without URL rewriting put the path after index.php?
    assert e.canonical_url(f"{SITE}/index.php?/topic/7120-x/page/2/&tab=comments") == (
        f"{SITE}/index.php?/topic/7120-x/page/2/"
    )
    # installed in a folder
    assert e.canonical_url("https://h.example/forums/forum/7-breaking-news/page/4/") == (
        "https://h.example/forums/forum/7-breaking-news/page/4/"
    )
    for url in (
        f"{TOPIC}?do=findComment&comment=900202",  # a post permalink
        f"{TOPIC}?do=getNewComment",
        f"{TOPIC}?do=getLastComment",
        f"{SITE}/profile/12-rangerrebew/",
        f"{SITE}/online/",
        f"{SITE}/search/?q=measles",
    ):
        assert e.canonical_url(url) is None, url
    assert e.canonical_url(f"{SITE}/") == f"{SITE}/"


def test_pages_and_positions_from_the_per_page_count() -> None:
    one = _parse("topic_7120_page1.html", TOPIC)
    two = _parse("topic_7120_page2.html", f"{TOPIC}page/2/")
    assert one.page_urls == two.page_urls == (TOPIC, f"{TOPIC}page/2/")
    # posts are not numbered on the page: (page - 1) * data-ipsPagination-perPage + index
    assert [p.position for p in one.posts + two.posts] == list(range(6))
    assert one.thread.board == "Breaking News"
    assert one.thread.title == "County Health Department Confirms Measles Cases at Two Schools"


def test_dates_from_the_time_attribute_not_the_relative_label() -> None:
    last = _parse("topic_7120_page2.html", f"{TOPIC}page/2/").posts[-1]  # "47 minutes ago"
    assert last.posted_at == datetime(2023, 5, 4, 14, 12, 44, tzinfo=UTC)


def test_quotes_lose_their_citation_and_keep_the_quoted_post() -> None:
    posts = {p.post_id: p for p in _parse("topic_7120_page1.html", TOPIC).posts}
    quote = posts["900202"].quotes[0]
    assert (quote.author, quote.quoted_post_id) == ("rangerrebew", "900201")
    assert "said:" not in quote.text and quote.text.startswith("Any child")
    nested = posts["900204"].quotes
    assert len(nested) == 1 and nested[0].quoted_post_id == "900202"
    assert "should stay home until May 19." in nested[0].text  # the inner quote stays inside
    assert "said:" not in posts["900204"].body


def test_edit_line_becomes_edit_time_and_editor() -> None:
    post = _parse("topic_7120_page1.html", TOPIC).posts[1]
    assert post.edited_at == datetime(2023, 5, 3, 15, 2, 40, tzinfo=UTC)
    assert post.editor == "Sanguine"
    assert "Edited" not in post.body
    assert post.body.endswith("Good that the clinics are free.")


def test_signatures_and_author_panes_stay_out_of_bodies() -> None:
    first = _parse("topic_7120_page1.html", TOPIC).posts[0]
    assert "Thomas Jefferson" in first.signature and "Jefferson" not in first.body
    assert first.author == "rangerrebew" and first.author_id == "12"
    assert first.cited_urls == (
        "http://127.0.0.1:8092/news/releases/measles-cases-confirmed-lincoln-fairview",
    )
    assert first.permalink == f"{TOPIC}?do=findComment&comment=900201"


def test_listing() -> None:
    url = f"{SITE}/forum/7-breaking-news/"
    listing = Invision4().parse_listing(
        f"{url}?sortby=title", _sel(IPS / "forum_7_breaking_news.html")
    )
    assert listing.board_urls == (f"{SITE}/forum/3-news/", f"{SITE}/forum/12-press-releases/")
    assert listing.thread_urls == (TOPIC, f"{SITE}/topic/7088-road-work-on-route-9-starts-monday/")
    assert listing.page_urls == tuple(f"{url}page/{n}/" for n in (2, 3, 4))
    assert listing.thread_hints[TOPIC].posts == 6
    assert (
        listing.thread_hints[f"{SITE}/topic/7088-road-work-on-route-9-starts-monday/"].posts == 1205
    )


def test_detection() -> None:
    for path in sorted(IPS.glob("*.html")):
        assert detect_engine(f"{SITE}/", _sel(path)) is get_engine("invision"), path.name
    others = [
        path
        for folder in sorted(FIXTURES.iterdir())
        if folder.is_dir() and folder != IPS
        for path in sorted(folder.glob("*.html"))
    ]
    assert others
    for path in others:
        assert not Invision4().detect("http://x/", _sel(path)), path


def test_rounded_reply_counts_give_no_hint() -> None:
    html = (IPS / "forum_7_breaking_news.html").read_text(encoding="utf-8")
    rounded = html.replace(">1,204<", ">1.2k<")
    assert rounded != html
    listing = Invision4().parse_listing(f"{SITE}/forum/7-breaking-news/", Selector(text=rounded))
    # "1.2k replies" is not a count a re-crawl can compare with what it stored
    assert (
        listing.thread_hints[f"{SITE}/topic/7088-road-work-on-route-9-starts-monday/"].posts is None
    )
