"""The real forum spider on forums no engine recognises: the generic fallback.

Two fixture forums are served on 127.0.0.1 with their engine's fingerprints
stripped (SMF 2.0's script variables and "Powered by" link, django-machina's
asset names and init script), so no engine detects any page and every page
goes to the generic page object. The crawl must go from the board index
through the boards to every page of every thread, store exactly the posts
the engines' expected files hold (no board-index rows taken for posts), count
the fallback pages, and store nothing new when it runs again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector

from crawler.engines import detect_engine
from provenance.app.commands import run_crawl
from provenance.app.options import CrawlOptions
from provenance.sample.server import serve_sites
from provenance.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
SMF_INDEX = "http://127.0.0.1:8091/index.php"
MACHINA_INDEX = "http://127.0.0.1:8000/forum/"
MACHINA_TOPIC = (
    "/forum/forum/general-discussion-2/topic/acme-widget-3000-press-release-discussion-1/"
)
MACHINA_ROUTES = {
    "/forum/": "board_index.html",
    "/forum/forum/general-discussion-2/": "forum_general.html",
    MACHINA_TOPIC: "topic_1_page1.html",
    f"{MACHINA_TOPIC}?page=2": "topic_1_page2.html",
    f"{MACHINA_TOPIC}?page=3": "topic_1_page3.html",
}


def _strip_smf(html: str) -> str:
    for mark, plain in (
        ("smf_scripturl", "x_scripturl"),
        ("smf_theme_url", "x_theme_url"),
        ("simplemachines.org", "example.org"),
    ):
        html = html.replace(mark, plain)
    return html


def _strip_machina(html: str) -> str:
    return html.replace("/machina.", "/x.").replace("machina.init(", "x.init(")


def _site(root: Path, folder: str, routes: dict[str, str], strip: Any) -> Path:
    """The fixture pages of `folder` named in `routes`, stripped, as host 127.0.0.1."""
    site = root / "127.0.0.1"
    site.mkdir(parents=True)
    for name in set(routes.values()):
        html = (FIXTURES / folder / name).read_text(encoding="utf-8")
        (site / name).write_text(strip(html), encoding="utf-8")
    (site / "routes.json").write_text(json.dumps(routes), encoding="utf-8")
    return root


def _expected(folder: str, pages: list[str]) -> dict[str, dict[str, Any]]:
    """The expected posts of the thread pages `pages` of a fixture folder, by post id."""
    posts = {}
    for page in pages:
        expected_file = FIXTURES / folder / page.replace(".html", ".expected.json")
        for post in json.loads(expected_file.read_text(encoding="utf-8"))["posts"]:
            posts[post["post_id"]] = post
    return posts


def _crawl_twice(sites: Path, url: str, db: Path) -> dict[str, Any]:
    """Crawl the forum twice; returns both summaries and the store's rows after each."""
    out: dict[str, Any] = {}
    with serve_sites(sites_dir=sites) as proxy:
        for run in ("first", "second"):
            options = CrawlOptions(
                url=url,
                forum="lab",
                allow_hosts=("127.0.0.1",),
                proxy=proxy,
                fetch_sources=False,
                no_throttle=True,
                # no rotation of pages read again for edits: the re-crawl reads
                # exactly the pages the board lists call for
                extra=("PROVENANCE_REVISIT_LEAST=0", "PROVENANCE_REVISIT_SHARE=0"),
            )
            [out[run]] = run_crawl(str(db), options, echo=False)
            with Store.open(db, read_only=True) as store:
                out[f"{run}_counts"] = store.counts()
                out[f"{run}_posts"] = {
                    row[0]: row[1:]
                    for row in store.query("SELECT post_id, thread_id, body FROM posts")[1]
                }
    return out


@pytest.fixture(scope="module")
def smf_crawl(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    routes = json.loads((FIXTURES / "smf20" / "routes.json").read_text(encoding="utf-8"))
    sites = _site(tmp_path_factory.mktemp("smf_stripped"), "smf20", routes, _strip_smf)
    return _crawl_twice(sites, SMF_INDEX, tmp_path_factory.mktemp("smf_db") / "crawl.duckdb")


@pytest.fixture(scope="module")
def machina_crawl(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    sites = _site(
        tmp_path_factory.mktemp("machina_stripped"), "machina", MACHINA_ROUTES, _strip_machina
    )
    db = tmp_path_factory.mktemp("machina_db") / "crawl.duckdb"
    return _crawl_twice(sites, MACHINA_INDEX, db)


@pytest.mark.parametrize(
    ("folder", "routes", "strip", "host"),
    [
        ("smf20", None, _strip_smf, SMF_INDEX),
        ("machina", MACHINA_ROUTES, _strip_machina, MACHINA_INDEX),
    ],
    ids=["smf20", "machina"],
)
def test_no_engine_recognises_the_stripped_pages(
    folder: str, routes: dict[str, str] | None, strip: Any, host: str
) -> None:
    routes = routes or json.loads((FIXTURES / folder / "routes.json").read_text("utf-8"))
    for name in routes.values():
        html = (FIXTURES / folder / name).read_text(encoding="utf-8")
        assert detect_engine(host, Selector(text=html)) is not None, name  # before
        assert detect_engine(host, Selector(text=strip(html))) is None, name


def _check_posts(stored: dict[str, tuple], expected: dict[str, dict[str, Any]]) -> None:
    assert sorted(stored) == sorted(expected)  # every post, and no board-index rows
    for post_id, want in expected.items():
        thread_id, body = stored[post_id]
        assert thread_id == want["thread_id"], post_id
        assert body == want["body"], post_id


def test_smf_forum_is_crawled_whole_through_the_fallback(smf_crawl: dict[str, Any]) -> None:
    spec = json.loads((FIXTURES / "smf20" / "cases.json").read_text(encoding="utf-8"))
    expected = _expected("smf20", list(spec["threads"]))
    stored = smf_crawl["first_posts"]
    per_thread: dict[str, int] = {}
    for thread_id, _ in stored.values():
        per_thread[thread_id] = per_thread.get(thread_id, 0) + 1
    assert per_thread == {"2": 8, "3": 1, "4": 47, "5": 2}
    _check_posts(stored, expected)
    first = smf_crawl["first"]
    # index, 2 boards, 7 thread pages: every page went to the fallback
    assert first["provenance/fallback_pages"] == 10
    assert first["provenance/thread_pages"] == 7
    assert "provenance/unknown_page" not in first
    assert first["provenance/failed_requests"] == 2  # board 1 and its topic: not in the fixtures
    assert smf_crawl["first_counts"]["threads"] == 4
    # no thread hints on the board lists: a re-crawl reads each thread's last stored page
    assert smf_crawl["second"]["provenance/thread_pages"] == 4


def test_machina_forum_is_crawled_whole_through_the_fallback(
    machina_crawl: dict[str, Any],
) -> None:
    pages = [f"topic_1_page{n}.html" for n in (1, 2, 3)]
    expected = _expected("machina", pages)
    assert len(expected) == 35
    _check_posts(machina_crawl["first_posts"], expected)
    first = machina_crawl["first"]
    assert first["provenance/fallback_pages"] == 5  # index, board, 3 thread pages
    assert first["provenance/thread_pages"] == 3
    assert "provenance/unknown_page" not in first


@pytest.mark.parametrize("forum", ["smf_crawl", "machina_crawl"])
def test_a_second_fallback_crawl_leaves_row_counts_unchanged(
    forum: str, request: pytest.FixtureRequest
) -> None:
    crawl = request.getfixturevalue(forum)
    first, second = crawl["first_counts"], crawl["second_counts"]
    assert {k: v for k, v in second.items() if k != "crawl_runs"} == {
        k: v for k, v in first.items() if k != "crawl_runs"
    }
    assert second["crawl_runs"] == first["crawl_runs"] + 1
    assert crawl["second_posts"] == crawl["first_posts"]
    assert crawl["second"].get("provenance/stored/posts_new", 0) == 0
    assert crawl["second"]["provenance/fallback_pages"] > 0
