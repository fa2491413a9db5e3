"""Body text and cited URLs from post HTML (crawler/engines/toolkit/text.py and urls.py)."""

from __future__ import annotations

from pathlib import Path

from lxml import html

from crawler.engines.toolkit.text import element_text
from crawler.engines.toolkit.urls import cited_urls


def _el(markup: str) -> html.HtmlElement:
    return html.fragment_fromstring(markup, create_parent="div")


def test_line_breaks_come_from_br_and_blocks_not_from_the_source() -> None:
    el = _el("First line<br>\nsecond\nline of the same paragraph<br><br>\nNew paragraph")
    assert element_text(el) == "First line\nsecond line of the same paragraph\n\nNew paragraph"


def test_comments_and_scripts_are_not_text_but_pre_keeps_its_lines() -> None:
    el = _el("<!-- start: postbit -->Hello<script>var x = 1;</script> world<pre>a\n  b</pre>")
    assert element_text(el) == "Hello world\na\nb"  # line breaks kept, indentation folded


def test_an_elements_tail_is_not_its_text() -> None:
    quote = _el("<blockquote>quoted words</blockquote>the reply")[0]
    assert element_text(quote) == "quoted words"


def test_link_text_cut_short_is_not_cited_but_bare_urls_are() -> None:
    el = _el(
        'See <a href="https://www.agency.gov/news/releases/long-title-of-the-release">'
        "https://www.agency.gov/news/rel...the-release</a> and also "
        "https://other.example.org/page, which the forum left unlinked."
    )
    assert cited_urls(el, "http://forum.example/", element_text(el)) == (
        "https://www.agency.gov/news/releases/long-title-of-the-release",
        "https://other.example.org/page",
    )


def test_an_unattributed_smf_quote_is_the_posters_own_material() -> None:
    from datetime import UTC, datetime

    from parsel import Selector

    from crawler.engines import PageContext, get_engine

    fixture = Path(__file__).parent / "fixtures" / "smf20" / "topic_3_single_post.html"
    page = (
        fixture.read_text(encoding="utf-8")
        .replace(
            'id="msg_10">',
            'id="msg_10"><div class="quoteheader"><div class="topslice_quote">Quote</div></div>'
            '<blockquote class="bbc_standard_quote">Pasted release text.<br /></blockquote>'
            '<div class="quotefooter"><div class="botslice_quote"></div></div>',
        )
    )
    ctx = PageContext(forum="lab", fetched_at=datetime(2026, 1, 9, tzinfo=UTC))
    post = get_engine("smf").parse_thread(
        "http://127.0.0.1:8091/index.php?topic=3.0", Selector(text=page), ctx
    ).posts[0]
    assert post.quotes == ()
    assert post.body.startswith("Pasted release text.")
    assert "Quote" not in post.body.splitlines()[0]


def test_every_run_of_white_space_in_a_line_is_one_space() -> None:
    el = _el("a \t\r\n b\r\nc<b>\n d \u2003 e\u2028</b>\n\n<pre>x\t\r\n y\n\n\n\nz</pre>\n tail")
    assert element_text(el) == "a b c d e\nx\ny\n\nz\ntail"
