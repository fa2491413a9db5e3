"""Shapes the real-software corpus lacks, written from our own text in the markup
structure of the engines that print them (tests/fixtures/shapes/), and the
vocabulary pieces the generic extractor reads on any forum."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from parsel import Selector

from crawler.engines import PageContext, detect_engine
from crawler.engines.generic import GENERIC
from crawler.engines.generic.urls import canonical_url, page_parts
from crawler.engines.toolkit.dates import page_timezone

SHAPES = Path(__file__).parent / "fixtures" / "shapes"
CTX = PageContext(forum="shapes", fetched_at=datetime(2026, 1, 9, 12, tzinfo=UTC))


def _read(page: str, url: str):
    sel = Selector(text=(SHAPES / page).read_text(encoding="utf-8"))
    engine = detect_engine(url, sel) or GENERIC
    return engine.parse_thread(url, sel, CTX)


def test_vbulletin3_thread_posts_dates_and_originally_posted_by_quotes() -> None:
    page = _read("vb3_showthread_t77.html", "http://boards.example/showthread.php?t=77")
    assert [(p.post_id, p.author, p.author_id) for p in page.posts] == [
        ("901", "harbourmaster", "2"),
        ("902", "quillon", "5"),
        ("903", "teodora", "7"),
    ]
    # "All times are GMT -5" on a page read with no timezone configured
    assert [p.posted_at.isoformat() for p in page.posts if p.posted_at] == [
        "2026-01-05T15:12:00-05:00",
        "2026-01-05T16:40:00-05:00",
        "2026-01-06T09:05:00-05:00",
    ]
    quoted = [(q.author, q.quoted_post_id, q.text) for q in page.posts[1].quotes]
    assert quoted == [("harbourmaster", "901", "Ferries move to pier four from Monday.")]
    assert page.posts[1].body.startswith("Pier four has no shelter")
    assert "Originally Posted" not in page.posts[2].body and "Quote:" not in page.posts[2].body
    assert all("Join Date" not in p.body and "commuting" not in p.body for p in page.posts)
    assert page.page_urls == (
        "http://boards.example/showthread.php?t=77",
        "http://boards.example/showthread.php?t=77&page=2",
    )


def test_timezone_notices() -> None:
    def zone(html: str):
        return page_timezone(Selector(text=html))

    assert zone("<p>All times are GMT -5. The time now is 01:14 PM.</p>") == ZoneInfo("Etc/GMT+5")
    assert zone("<td>All times are GMT - 5 Hours [ DST ]</td>") == ZoneInfo("Etc/GMT+4")
    assert zone('<li>All times are <span title="America/New York">UTC-05:00</span></li>') == (
        ZoneInfo("America/New_York")
    )
    assert zone("<p>All times are UTC+02:00</p>") == ZoneInfo("Etc/GMT-2")
    assert zone("<p>All times are UTC</p>") == ZoneInfo("Etc/GMT")
    assert zone("<p>All times are GMT + 5.5 Hours</p>").utcoffset(None).total_seconds() == 19800
    assert zone("<p>Posted at noon</p>") is None


def test_misago_page_segment_is_a_page_and_discourse_post_number_is_not() -> None:
    misago = "http://x.example/t/ballast-water/1/2/"
    assert canonical_url(misago) == misago
    assert page_parts(misago).value == 2
    assert page_parts(misago).base == "http://x.example/t/ballast-water/1"
    assert (
        canonical_url("http://x.example/t/ballast-water/41/5")
        == "http://x.example/t/ballast-water/41"
    )


def test_bare_quote_opening_a_post_is_a_reply_and_an_introduced_one_is_a_source() -> None:
    html = """<html><body><div id="posts">
    <div class="post" id="post-1"><a class="username" href="/u/1/ann">ann</a>
      <time datetime="2026-01-05T10:00:00Z">5 Jan</time>
      <div class="post-body"><p>Reposting the statement from the port authority:</p>
      <blockquote><p>The ferry terminal will close for six weeks of repairs
      starting in March.</p></blockquote>
      <p>Bad news for commuters.</p></div></div>
    <div class="post" id="post-2"><a class="username" href="/u/2/bob">bob</a>
      <time datetime="2026-01-05T11:00:00Z">5 Jan</time>
      <div class="post-body"><blockquote><p>Bad news for commuters.</p></blockquote>
      <p>Only for those without a car.</p></div></div>
    <div class="post" id="post-3"><a class="username" href="/u/3/cy">cy</a>
      <time datetime="2026-01-05T12:00:00Z">5 Jan</time>
      <div class="post-body"><aside class="quote-block"><div class="quote-heading">
      <a href="/u/1/ann">@ann</a> has written:</div><blockquote class="quote-body"
      data-author="@ann"><p>Bad news for commuters.</p></blockquote></aside>
      <p>Agreed.</p></div></div>
    </div></body></html>"""
    page = GENERIC.parse_thread("http://x.example/thread/9", Selector(text=html), CTX)
    ann, bob, cy = page.posts
    assert "six weeks of repairs" in ann.body and not ann.quotes
    assert [q.text for q in bob.quotes] == ["Bad news for commuters."]
    assert bob.body == "Only for those without a car."
    assert [(q.author, q.text) for q in cy.quotes] == [("ann", "Bad news for commuters.")]
    assert cy.body == "Agreed."


def test_phpbb2_wrote_row_above_a_quote_cell_is_one_quote() -> None:
    from lxml import html

    from crawler.engines.generic.quotes import take_quotes

    body = html.fromstring(
        '<td colspan="2"><span class="postbody">Mine first.<br /></span>'
        '<table width="90%" cellspacing="1" cellpadding="3" border="0" align="center">'
        '<tr><td><span class="genmed"><b>harbourmaster wrote:</b></span></td></tr>'
        '<tr><td class="quote">Ferries move to pier four from Monday.</td></tr></table>'
        '<span class="postbody">Then my reply.</span></td>'
    )
    quotes = take_quotes(body)
    assert [(q.author, q.text) for q in quotes] == [
        ("harbourmaster", "Ferries move to pier four from Monday.")
    ]
    assert "wrote" not in body.text_content() and "pier four" not in body.text_content()
