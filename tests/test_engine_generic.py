"""The generic fallback against every engine's saved pages.

Every thread page of every tests/fixtures/*/cases.json is parsed with the
fallback instead of its own engine: it must find at least 90% of the expected
posts overall (by post id, or by body text for markup without ids), and never
return an expected signature inside a body. Every board index and board list
among the fixtures must be a listing, every thread page a thread, and URLs
must collapse to one spelling per page so that a crawl dedups. JSON API pages
(Discourse) are not HTML and are skipped.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import UTC, datetime
from difflib import SequenceMatcher

import pytest
from engine_cases import Case, load_cases
from parsel import Selector

from crawler.engines import ENGINES, PageContext
from crawler.engines.generic import GENERIC
from crawler.engines.generic.urls import page_parts

CASES = load_cases()
CTX = PageContext(forum="lab", fetched_at=datetime(2026, 1, 9, 12, tzinfo=UTC))


def _html_case(case: Case) -> bool:
    return case.page.endswith((".html", ".htm")) and case.expected_file.exists()


def _parse(case: Case):
    text = (case.folder / case.page).read_text(encoding="utf-8")
    return GENERIC.extract(case.url, Selector(text=text), case.ctx)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _found(expected: dict, got_ids: set[str], got_bodies: list[str]) -> bool:
    if expected["post_id"] in got_ids:
        return True
    want = _norm(expected["body"])
    return any(
        body == want or SequenceMatcher(None, body, want, autojunk=False).ratio() >= 0.9
        for body in got_bodies
    )


def test_fallback_finds_nine_posts_in_ten_on_every_engine() -> None:
    found: Counter[str] = Counter()
    expected_posts: Counter[str] = Counter()
    for case in CASES:
        if not _html_case(case):
            continue
        expected = json.loads(case.expected_file.read_text(encoding="utf-8"))["posts"]
        posts = _parse(case).page.posts
        ids = {p.post_id for p in posts}
        bodies = [_norm(p.body) for p in posts]
        folder = case.folder.name
        expected_posts[folder] += len(expected)
        found[folder] += sum(_found(e, ids, bodies) for e in expected)
    assert expected_posts, "no HTML case with expected posts"
    per_folder = {f: f"{found[f]}/{n}" for f, n in sorted(expected_posts.items())}
    print("generic fallback recall per fixture folder:", per_folder)
    total = sum(expected_posts.values())
    assert sum(found.values()) >= 0.9 * total, per_folder


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_no_expected_signature_in_a_fallback_body(case: Case) -> None:
    if not case.page.endswith((".html", ".htm")):
        pytest.skip("a JSON API page: the fallback reads HTML only")
    if not case.expected_file.exists():
        pytest.skip("expected posts not written yet")
    expected = json.loads(case.expected_file.read_text(encoding="utf-8"))["posts"]
    signatures = {e["signature"] for e in expected if e["signature"].strip()}
    extraction = _parse(case)
    assert extraction.page.posts, "the fallback found no post"
    for post in extraction.page.posts:
        for signature in signatures:
            assert signature not in post.body, (post.post_id, signature[:40])
        assert post.posted_at is None or post.posted_at.tzinfo is not None


def test_smf_fields_match_the_engine() -> None:
    """On the reference forum's engine the fallback gets every field of every post."""
    cases = [c for c in CASES if c.folder.name == "smf20" and _html_case(c)]
    assert cases
    for case in cases:
        expected = json.loads(case.expected_file.read_text(encoding="utf-8"))
        page = _parse(case).page
        assert list(page.page_urls) == expected["page_urls"], case.id
        assert page.thread.thread_id == expected["thread"]["thread_id"]
        assert page.thread.title == expected["thread"]["title"]
        for post, want in zip(page.posts, expected["posts"], strict=True):
            assert post.post_id == want["post_id"]
            assert post.author == want["author"]
            assert post.author_id == want["author_id"]
            assert post.body == want["body"], post.post_id
            assert post.signature == want["signature"]
            assert post.posted_at is not None
            assert post.posted_at.isoformat() == want["posted_at"]
            assert [q.quoted_post_id for q in post.quotes] == [
                q["quoted_post_id"] for q in want["quotes"]
            ]


def test_single_post_page_is_found_without_a_repeated_group() -> None:
    case = next(c for c in CASES if c.id == "smf20/topic_3_single_post.html")
    extraction = _parse(case)
    assert extraction.method == "single"
    assert [p.post_id for p in extraction.page.posts] == ["10"]


def test_fallback_is_never_detected_nor_registered() -> None:
    assert "generic" not in ENGINES
    for case in CASES:
        text = (case.folder / case.page).read_text(encoding="utf-8")
        assert GENERIC.detect(case.url, Selector(text=text)) is False


def test_board_lists_are_listings_not_threads() -> None:
    folder = next(c.folder for c in CASES if c.folder.name == "smf20")
    for page in ("board_2_breaking_news.html", "board_3_politics.html"):
        sel = Selector(text=(folder / page).read_text(encoding="utf-8"))
        url = "http://127.0.0.1:8091/index.php?board=2.0"
        assert GENERIC.page_kind(url, sel) == "listing"
        assert GENERIC.extract(url, sel, CTX).page.posts == ()
        listing = GENERIC.parse_listing(url, sel)
        assert listing.thread_urls
        assert all("topic=" in u for u in listing.thread_urls)


# every board index and board list among the fixtures, with the URL it was fetched from
LISTINGS = {
    "smf20/board_index.html": "http://127.0.0.1:8091/index.php",
    "smf20/board_2_breaking_news.html": "http://127.0.0.1:8091/index.php?board=2.0",
    "smf20/board_3_politics.html": "http://127.0.0.1:8091/index.php?board=3.0",
    "smf21/board_index.html": "http://127.0.0.1:8081/index.php",
    "smf21/board_1.html": "http://127.0.0.1:8081/index.php?board=1.0",
    "machina/board_index.html": "http://127.0.0.1:8000/forum/",
    "machina/forum_general.html": "http://127.0.0.1:8000/forum/forum/general-discussion-2/",
    "machina_lab/index.html": "http://127.0.0.1:8000/forum/",
    "machina_lab/category_1.html": "http://127.0.0.1:8000/forum/forum/newsroom-1/",
    "machina_lab/board_2.html": "http://127.0.0.1:8000/forum/forum/press-releases-2/",
    "mybb/index.html": "http://127.0.0.1:8083/index.php",
    "mybb/forumdisplay_fid2.html": "http://127.0.0.1:8083/forumdisplay.php?fid=2",
    "nodebb/categories.html": "http://127.0.0.1:8096/categories",
    "nodebb/category_2_breaking_news.html": "http://127.0.0.1:8096/category/2/breaking-news",
    "phpbb/index.html": "http://127.0.0.1:8082/index.php",
    "phpbb/viewforum_f2.html": "http://127.0.0.1:8082/viewforum.php?f=2",
    "vbulletin4/forumdisplay_7.html": "https://vb4.example.org/forums/forumdisplay.php?f=7",
    "vbulletin5/channel_breaking_news.html": "https://vb5.example.org/forum/news/breaking-news",
    "xenforo2/forum_breaking_news.html": "https://xf.example.org/forums/breaking-news.7/",
    "invision4/forum_7_breaking_news.html": "https://ips.example.org/forum/7-breaking-news/",
}
FIXTURES = next(iter(CASES)).folder.parent


def _fixture(name: str) -> Selector:
    return Selector(text=(FIXTURES / name).read_text(encoding="utf-8"))


def test_every_html_fixture_page_is_in_the_listing_table_or_a_thread_case() -> None:
    """A board page added to the fixtures must be added to LISTINGS too."""
    threads = {c.id for c in CASES}
    pages = {f"{p.parent.name}/{p.name}" for p in FIXTURES.glob("*/*.html")}
    others = pages - threads - set(LISTINGS)
    assert others == {
        "discourse/topic_41_crawler.html",  # a thread (Discourse's crawler view)
        "machina/profile_alice.html",
        "shapes/vb3_showthread_t77.html",  # a thread, read in test_engine_shapes.py
        "smf20/robots_404.html",
        "smf21/profile_alice.html",
    }


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_board_indexes_and_board_lists_are_listings(name: str) -> None:
    url, sel = LISTINGS[name], _fixture(name)
    assert GENERIC.page_kind(url, sel) == "listing"
    listing = GENERIC.parse_listing(url, sel)
    assert listing.thread_urls or listing.board_urls
    for thread_url in listing.thread_urls:
        assert GENERIC.canonical_url(thread_url) == thread_url
        part = page_parts(thread_url)
        assert part.value is None or part.first, thread_url  # first pages only


@pytest.mark.parametrize("case", [c for c in CASES if _html_case(c)], ids=lambda c: c.id)
def test_thread_pages_are_threads(case: Case) -> None:
    sel = Selector(text=(case.folder / case.page).read_text(encoding="utf-8"))
    assert GENERIC.page_kind(case.url, sel) == "thread"


def test_profile_pages_are_neither() -> None:
    url = "http://127.0.0.1:8000/forum/member/profile/2/"
    assert GENERIC.page_kind(url, _fixture("machina/profile_alice.html")) is None
    url = "http://127.0.0.1:8081/index.php?action=profile;u=2"
    assert GENERIC.page_kind(url, _fixture("smf21/profile_alice.html")) is None


def test_board_index_links_boards_and_thread_first_pages() -> None:
    url = LISTINGS["smf20/board_index.html"]
    listing = GENERIC.parse_listing(url, _fixture("smf20/board_index.html"))
    assert listing.board_urls == tuple(f"{url}?board={n}.0" for n in (2, 3, 1))
    # the "last post" links (topic=4.msg57#new) as their threads' first pages
    assert listing.thread_urls == tuple(f"{url}?topic={n}.0" for n in (3, 5, 1))
    assert listing.page_urls == ()
    assert listing.thread_hints == {}


def test_threads_are_told_from_boards_by_their_post_links() -> None:
    """vBulletin 5 URLs name neither threads nor boards: a thread is what the
    list also links a post of (`?p=5311`, the last post)."""
    url = LISTINGS["vbulletin5/channel_breaking_news.html"]
    listing = GENERIC.parse_listing(url, _fixture("vbulletin5/channel_breaking_news.html"))
    assert listing.thread_urls == (
        f"{url}/5301-harbor-authority-awards-86-million-dredging-contract",
        f"{url}/5240-county-opens-new-flood-shelter",
    )
    assert f"{url}/press-releases" in listing.board_urls
    assert listing.page_urls == (f"{url}/page2",)


def test_listing_pages_are_filled_and_sorting_links_collapse() -> None:
    url = LISTINGS["xenforo2/forum_breaking_news.html"]
    listing = GENERIC.parse_listing(
        url + "?order=title", _fixture("xenforo2/forum_breaking_news.html")
    )
    assert listing.page_urls == tuple(f"{url}page-{n}" for n in (2, 3, 4, 5))
    url = LISTINGS["phpbb/viewforum_f2.html"]
    listing = GENERIC.parse_listing(url, _fixture("phpbb/viewforum_f2.html"))
    assert listing.thread_urls == tuple(
        f"http://127.0.0.1:8082/viewtopic.php?t={n}" for n in (10, 12, 11)
    )
    assert listing.page_urls == (f"{url}&start=25",)


def test_last_resort_is_trafilatura_and_is_marked() -> None:
    paragraph = "The harbour authority said the channel will be dredged over thirty months. "
    html = "<html><head><title>Notice</title></head><body><article><h1>Notice</h1>"
    html += "".join(f"<p>{paragraph * 3}</p>" for _ in range(4)) + "</article></body></html>"
    extraction = GENERIC.extract("https://example.org/notice", Selector(text=html), CTX)
    assert extraction.method == "trafilatura"
    (post,) = extraction.page.posts
    assert post.post_id.startswith("trafilatura-")
    assert "thirty months" in post.body
    assert GENERIC.page_kind("https://example.org/notice", Selector(text=html)) is None


def test_canonical_url_drops_sessions_and_refuses_non_pages() -> None:
    sid = "3f2a9c1e5b7d4f60a1b2c3d4e5f60718"
    assert (
        GENERIC.canonical_url(f"http://f.example/viewtopic.php?t=5&sid={sid}#p3")
        == "http://f.example/viewtopic.php?t=5"
    )
    assert (
        GENERIC.canonical_url("http://f.example/index.php?topic=4.15;PHPSESSID=abc")
        == "http://f.example/index.php?topic=4.15"
    )
    assert GENERIC.canonical_url("http://f.example/index.php?action=profile;u=2") is None
    assert GENERIC.canonical_url("http://f.example/memberlist.php?mode=viewprofile&u=2") is None
    assert GENERIC.canonical_url("mailto:someone@example.org") is None


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        # post anchors and jumps collapse into the thread where it is named
        ("http://f.example/index.php?topic=4.msg57#msg57", "http://f.example/index.php?topic=4.0"),
        (
            "http://f.example/index.php?topic=4.new;topicseen#new",
            "http://f.example/index.php?topic=4.0",
        ),
        (
            "http://f.example/viewtopic.php?f=2&t=10&p=123#p123",
            "http://f.example/viewtopic.php?f=2&t=10",
        ),
        ("http://f.example/viewtopic.php?p=123#p123", "http://f.example/viewtopic.php?p=123"),
        (
            "http://f.example/showthread.php?tid=5&action=lastpost",
            "http://f.example/showthread.php?tid=5",
        ),
        ("https://x.example/threads/a.123/post-456", "https://x.example/threads/a.123/"),
        (
            "https://x.example/topic/7120-a/?do=findComment&comment=9",
            "https://x.example/topic/7120-a/",
        ),
        (
            "http://x.example/f/forum/g-2/topic/a-1/?post=35#35",
            "http://x.example/f/forum/g-2/topic/a-1/",
        ),
        ("http://x.example/topic/7/slug/14", "http://x.example/topic/7/slug"),
        # sorting and session ids go, a first page loses its number, the rest stays
        (
            "http://f.example/index.php?board=2.0;sort=subject;desc",
            "http://f.example/index.php?board=2.0",
        ),
        ("http://f.example/viewforum.php?f=2&sk=t&sd=d&st=0", "http://f.example/viewforum.php?f=2"),
        (
            "http://f.example/forumdisplay.php?fid=2&sortby=subject&order=asc",
            "http://f.example/forumdisplay.php?fid=2",
        ),
        (
            "http://f.example/viewtopic.php?t=10&start=25&hilit=x",
            "http://f.example/viewtopic.php?t=10&start=25",
        ),
        ("http://x.example/f/topic/a-1/?page=1", "http://x.example/f/topic/a-1/"),
        ("https://x.example/threads/a.123/page-1", "https://x.example/threads/a.123/"),
        ("https://x.example/threads/a.123/page-2", "https://x.example/threads/a.123/page-2"),
        ("http://F.example/index.php?board=1.20", "http://f.example/index.php?board=1.20"),
        # no forum pages
        ("http://f.example/index.php?action=printpage;topic=4.0", None),
        ("http://f.example/index.php?action=recent", None),
        ("http://f.example/index.php?type=rss;action=.xml", None),
        ("http://f.example/viewtopic.php?t=10&view=print", None),
        ("http://f.example/printthread.php?t=5", None),
        ("http://f.example/ucp.php?mode=register", None),
        ("http://f.example/search.php?keywords=x", None),
        ("https://x.example/members/alice.5/", None),
        ("http://x.example/forum/member/profile/2/", None),
        ("http://x.example/forum/feeds/forum/g-2/topics/all/", None),
        ("http://f.example/login", None),
        ("javascript:void(0)", None),
    ],
)
def test_canonical_url_collapses_spellings_of_one_page(url: str, canonical: str | None) -> None:
    assert GENERIC.canonical_url(url) == canonical


def _soup(rng: random.Random, depth: int = 0) -> str:
    tags = ["div", "p", "span", "a", "blockquote", "li", "ul", "time", "table", "td", "br"]
    out = []
    for _ in range(rng.randint(0, 3)):
        tag = rng.choice(tags)
        attrs = rng.choice(
            ['', ' class="post"', ' id="p12"', ' class="signature"', ' href="?u=3"',
             ' datetime="not a date"', ' class="quote"', ' data-timestamp="99999999999999999"',
             ' href="?page=9999999999"', ' title="2026-13-45T99:99"']
        )  # fmt: skip
        inner = _soup(rng, depth + 1) if depth < 5 else ""
        text = rng.choice(["", "Today at 25:99", "Reply #x", "x wrote:", "Jan 99, 2026", "ü"])
        out.append(f"<{tag}{attrs}>{text}{inner}</{tag}>{rng.choice(['', ' tail '])}")
    return "".join(out)


def test_arbitrary_html_never_raises() -> None:
    rng = random.Random(20260109)
    pages = ["", "plain text, no markup", "<html></html>", "<<<>>>", "<div>" * 400]
    pages += [f"<html><body>{_soup(rng)}{_soup(rng)}</body></html>" for _ in range(150)]
    for html in pages:
        sel = Selector(text=html or " ")
        url = "http://f.example/index.php?topic=1.0"
        GENERIC.extract(url, sel, CTX)
        GENERIC.page_kind(url, sel)
        GENERIC.parse_listing(url, sel)
    json_sel = Selector(text='{"post_stream": {"posts": []}}', type="json")
    assert GENERIC.extract("http://f.example/t/1.json", json_sel, CTX).method == "none"
