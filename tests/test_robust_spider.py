"""The forum spider on broken pages: what it keeps, what it skips, what it counts.

A page object may leave a post out only with a reason; the spider logs and
counts every reason, every post without author or date, and every page it
could read only in part (cut short, or nested deeper than the parser reads).
From such a page it keeps the posts before the break, not the one the break
may have cut, stores no thread row (its page count may be wrong), and does not
count the page as read, so that no post is marked vanished because of it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)
import pytest
from mutations import response
from scrapy import Request
from scrapy.utils.test import get_crawler

from crawler.items import Post, RawPage, Thread
from crawler.spiders.forum import ForumSpider

SMF = Path(__file__).parent / "fixtures" / "smf20"
URL = "http://127.0.0.1:8091/index.php?topic=2.0"  # 8 posts, msg 2 to 9


def _run(body: bytes, content_type: str = "text/html; charset=utf-8") -> tuple[list[Any], Any]:
    crawler = get_crawler(ForumSpider)
    spider = crawler._create_spider(url=URL, forum="lab", engine="smf")
    page = response(URL, body, content_type)
    page.request = Request(URL, meta={})
    items = list(spider.parse(page))
    return items, spider


def _posts(items: list[Any]) -> list[Post]:
    return [i for i in items if isinstance(i, Post)]


def _page() -> bytes:
    return (SMF / "topic_2_press_release.html").read_bytes()


def test_a_whole_page_gives_every_post_and_its_thread() -> None:
    items, spider = _run(_page())
    assert len(_posts(items)) == 8 and any(isinstance(i, Thread) for i in items)
    assert spider.complete_threads() == {"2": {str(n) for n in range(2, 10)}}
    assert spider.crawler.stats.get_value("provenance/skipped_posts") is None


def test_a_post_without_message_id_is_skipped_counted_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    body = _page().replace(b'id="msg_5"', b'id="msg_five"')
    with caplog.at_level(logging.WARNING):
        items, spider = _run(body)
    assert sorted(int(p.post_id) for p in _posts(items)) == [2, 3, 4, 6, 7, 8, 9]
    assert spider.crawler.stats.get_value("provenance/skipped_posts") == 1
    assert "has no message id" in caplog.text and URL in caplog.text
    assert spider.complete_threads() == {}, "a page that lost a post shows no vanished post"


def test_posts_without_author_or_date_are_kept_empty_and_counted() -> None:
    body = _page().replace(b"January", b"Smarch").replace(b"rangerrebew</a>", b"</a>")
    items, spider = _run(body)
    posts = _posts(items)
    assert len(posts) == 8
    assert all(p.posted_at is None for p in posts if "Today" not in p.body)
    stats = spider.crawler.stats
    assert stats.get_value("provenance/posts_without_date") >= 1
    without_author = [p for p in posts if p.author is None]
    assert stats.get_value("provenance/posts_without_author") == len(without_author) >= 1


def test_a_page_cut_short_keeps_the_posts_before_the_cut_and_no_thread_row() -> None:
    page = _page()
    body = page[: page.index(b'id="msg_7"') + 200]  # in the middle of msg 7's body
    items, spider = _run(body)
    assert any(isinstance(i, RawPage) and i.body == body for i in items)  # kept as it came
    assert sorted(int(p.post_id) for p in _posts(items)) == [2, 3, 4, 5, 6]
    assert not any(isinstance(i, Thread) for i in items)
    stats = spider.crawler.stats
    assert stats.get_value("provenance/pages_read_in_part") == 1
    assert stats.get_value("provenance/skipped_posts") == 1
    assert spider.complete_threads() == {}


def test_a_post_nested_past_the_parser_limit_hides_nothing_silently() -> None:
    page = _page()
    at = page.index(b'id="msg_4">') + len(b'id="msg_4">')
    body = page[:at] + b"<div>" * 3000 + b"deep" + b"</div>" * 3000 + page[at:]
    items, spider = _run(body)
    # libxml2 stops at 2048 levels; the page is read again with the deep part
    # cut out: msg 4 is skipped with its reason, every other post and the thread kept
    assert sorted(int(p.post_id) for p in _posts(items)) == [2, 3, 5, 6, 7, 8, 9]
    assert any(isinstance(i, Thread) for i in items)
    assert spider.crawler.stats.get_value("provenance/skipped_posts") == 1
    assert spider.crawler.stats.get_value("provenance/pages_read_in_part") is None
    assert spider.complete_threads() == {}  # a page that lost a post shows no vanished ones


def test_nesting_left_open_to_the_end_of_the_page_is_still_read_in_part() -> None:
    page = _page()
    at = page.index(b'id="msg_4">') + len(b'id="msg_4">')
    items, spider = _run(page[:at] + b"<div><b>" * 3000 + b"never closed" + page[at:])
    assert sorted(int(p.post_id) for p in _posts(items)) == [2, 3]
    assert spider.crawler.stats.get_value("provenance/pages_read_in_part") == 1


def test_windows_1252_bytes_in_a_utf8_page_and_mojibake_are_read_right() -> None:
    page = _page().decode("utf-8")
    marker = "Governor Margaret"
    assert marker in page
    pasted = page.replace(marker, "Governor\u2019s \u201cwords\u201d", 1)
    head, tail = pasted.split("Governor\u2019s", 1)
    body = head.encode("utf-8") + "Governor\u2019s".encode("cp1252") + tail.encode("utf-8")
    texts = " ".join(p.body for p in _posts(_run(body)[0]))
    assert "Governor\u2019s" in texts and "\ufffd" not in texts
    # double-encoded as a database migration does it (Windows-1252, undefined bytes as Latin-1)
    mojibake = pasted.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")
    texts = " ".join(p.body for p in _posts(_run(mojibake)[0]))
    assert "Governor\u2019s \u201cwords\u201d" in texts


@pytest.mark.parametrize(
    "body", [b"", b"\x00\xff" * 1000, b"<html><body>nothing here</body></html>"]
)
def test_pages_that_are_no_forum_page_are_counted(body: bytes) -> None:
    items, spider = _run(body)
    assert not _posts(items)
    assert spider.crawler.stats.get_value("provenance/unknown_page") == 1


def test_a_json_answer_to_an_html_forum_is_counted_not_parsed() -> None:
    items, spider = _run(b'{"error": "rate limited"}', "application/json")
    assert not _posts(items)
    assert spider.crawler.stats.get_value("provenance/not_html") == 1


def test_a_large_inline_script_after_the_closing_html_tag_is_not_a_cut() -> None:
    """Plugins append tens of KB of inline JavaScript after `</html>`: the page is
    whole, its last post is kept and its thread row is stored."""
    script = b"<script>\nvar stats = [" + b"1234567890, " * 6000 + b"0];\n</script>\n"
    body = _page().rstrip() + b"\n" + script + b"<!-- served in 0.02s -->\n" + script
    assert len(body) - len(_page()) > 100_000
    items, spider = _run(body)
    assert sorted(int(p.post_id) for p in _posts(items)) == list(range(2, 10))
    assert any(isinstance(i, Thread) for i in items)
    assert spider.crawler.stats.get_value("provenance/pages_read_in_part") is None
    # the same script cut short is still a page cut short
    items, spider = _run(body[: -len(script) // 2])
    assert spider.crawler.stats.get_value("provenance/pages_read_in_part") == 1
