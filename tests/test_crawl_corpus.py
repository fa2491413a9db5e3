"""The forum spider on the corpus of real forum software (tests/fixtures/real/).

Each forum's saved pages are served on 127.0.0.1 (tests/forums/corpus_sites.py)
and crawled twice: from the long thread's first page, and from the forum
root through the board list. Both crawls must store every post of the
thread's three pages (four on askbot) with its author and date, follow the
thread's pagination whichever page object read the page (an engine, or the
generic extractor when no engine knows the forum), and store nothing else:
no category row, breadcrumb or member rank taken for a post.

The same pages are then moved under a sub-path and to SEO-rewritten thread
addresses: the engine that refuses such an address leaves the page to the
generic extractor, which reads it whole.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from forums import corpus_sites as corpus

# askbot has no engine and the generic extractor reads neither its author
# links nor its dates (abbr titles with a bogus offset): extraction work of
# the page objects, not of the spider; its posts and pages are checked all the same
NO_AUTHOR_OR_DATE = {"askbot"}


def _check(name: str, crawled: corpus.Crawled) -> None:
    expected = corpus.expected_posts(name)
    got = crawled.posts
    assert sorted(got) == sorted(expected), (name, sorted(set(got) ^ set(expected)))
    if name not in NO_AUTHOR_OR_DATE:
        for post_id, want in expected.items():
            assert got[post_id]["author"] == want["author"], (name, post_id)
            assert corpus.same_instant(got[post_id]["posted_at"], want["posted_at"]), (
                name,
                post_id,
            )
    # every page of the thread was read: posts stored from each of them
    pages = {post["page_url"] for post in got.values()}
    assert len(pages) == len(corpus.thread_page_urls(name)), (name, sorted(pages))
    assert crawled.summary.get("provenance/unparsable_page", 0) == 0


@pytest.mark.parametrize("start", ["thread", "root"])
@pytest.mark.parametrize("name", corpus.FORUMS)
def test_every_corpus_forum_is_crawled_whole_from_a_thread_and_from_its_root(
    name: str, start: str, tmp_path: Path
) -> None:
    sites, thread, root = corpus.build_site(name, tmp_path / "sites")
    crawled = corpus.crawl(sites, thread if start == "thread" else root, tmp_path / "db", name)
    _check(name, crawled)


@pytest.mark.parametrize("name", ["spirit", "machina", "mybb", "misago"])
def test_a_forum_installed_under_a_sub_path_is_crawled_whole(name: str, tmp_path: Path) -> None:
    sites, thread, root = corpus.build_site(name, tmp_path / "sites", corpus.under_subpath(name))
    assert "/community/" in thread and root.rstrip("/").endswith(("/community", ".php", "/forum"))
    for start in (thread, root):
        db = tmp_path / f"{len(list(tmp_path.iterdir()))}.duckdb"
        crawled = corpus.crawl(sites, start, db, name)
        _check(name, crawled)
        assert all("/community/" in post["page_url"] for post in crawled.posts.values())


@pytest.mark.parametrize(
    ("name", "seo_path"),
    [
        ("machina", "/community/port-news/ballast-water-settlement-t1.html"),
        ("machina", "/port-news/1-ballast-water-settlement.html"),
        ("spirit", "/topic/1-ballast-water-settlement/"),
    ],
)
def test_seo_rewritten_thread_addresses_are_read_not_refused(
    name: str, seo_path: str, tmp_path: Path
) -> None:
    sites, thread, _ = corpus.build_site(
        name, tmp_path / "sites", corpus.seo_thread(name, seo_path)
    )
    assert seo_path in thread
    crawled = corpus.crawl(sites, thread, tmp_path / "db", name)
    _check(name, crawled)
    if name == "machina":  # the machina engine knows only its own topic URLs
        assert crawled.summary["provenance/engine_refused_generic_read"] == 3
