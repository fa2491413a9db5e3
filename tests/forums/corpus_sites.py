"""The corpus fixtures (tests/fixtures/real/<forum>/) served again as sites, and crawled.

Each forum's saved pages (the long thread's pages, the board index, the Port
News board) are served on 127.0.0.1 by the sample-site proxy at the URLs they
were fetched from, and at the spelling the crawler asks for (askbot's
`?sort=oldest&page=1` is asked as `?page=2`... once the sort is dropped as
noise: askbot was set to sort oldest first, so both spellings are one page).
Links to pages that were not saved answer 404, as a forum with missing pages
would.

`relocated` moves a forum's pages to another address shape by rewriting the
HTML: under a sub-path (`/community/...`), or with the thread's address
rewritten the way SEO plug-ins do. Only addresses change; the markup is the
forum's own.

Used by tests/test_crawl_corpus.py and bench/real_forums.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.engines.generic.urls import canonical_url
from provenance.app.commands import run_crawl
from provenance.app.options import CrawlOptions
from provenance.sample.server import serve_sites
from provenance.store import Store

REAL = Path(__file__).parent.parent / "fixtures" / "real"
FORUMS = ("spirit", "machina", "mybb", "elkarte", "misago", "askbot")


@dataclass(frozen=True)
class Crawled:
    """What one crawl of a corpus forum stored, with its run's counters."""

    posts: dict[str, dict[str, Any]]  # post id -> stored columns
    summary: dict[str, Any]


def cases(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REAL / name / "cases.json").read_text(encoding="utf-8"))
    return data


def expected_posts(name: str) -> dict[str, dict[str, Any]]:
    """The posts the long thread's pages must yield, by post id (a post Misago
    repeats at the top of the next page counts once)."""
    posts: dict[str, dict[str, Any]] = {}
    for path in sorted((REAL / name).glob("main_page*.expected.json")):
        for post in json.loads(path.read_text(encoding="utf-8"))["posts"]:
            posts.setdefault(post["post_id"], post)
    return posts


def thread_page_urls(name: str) -> list[str]:
    """The long thread's page URLs as the forum printed them."""
    return [cases(name)["threads"][f] for f in sorted(cases(name)["threads"])]


Rewrite = Callable[[str], str]


def _same(text: str) -> str:
    return text


def build_site(name: str, dest: Path, rewrite: Rewrite = _same) -> tuple[Path, str, str]:
    """Write the forum's pages as a sample site under `dest`; returns the sites
    folder, the long thread's first page URL and the forum root URL (both
    passed through `rewrite`, like every page and its routes)."""
    case = cases(name)
    pages = {**case["threads"], **case["other_pages"]}
    host = dest / "127.0.0.1"
    host.mkdir(parents=True, exist_ok=True)
    routes: dict[str, str] = {}
    for file, url in pages.items():
        moved = rewrite(url)
        for spelling in (moved, canonical_url(moved)):
            if spelling:
                parts = urlsplit(spelling)
                routes.setdefault(parts.path + (f"?{parts.query}" if parts.query else ""), file)
        html = (REAL / name / file).read_text(encoding="utf-8")
        (host / file).write_text(rewrite(html), encoding="utf-8")
    (host / "routes.json").write_text(json.dumps(routes, indent=1), encoding="utf-8")
    return (
        dest,
        rewrite(case["threads"]["main_page1.html"]),
        rewrite(case["other_pages"]["index.html"]),
    )


def under_subpath(name: str, prefix: str = "/community") -> Rewrite:
    """A rewrite that moves the forum from `/` to `prefix/` (absolute and
    root-relative links alike)."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(cases(name)["other_pages"]["index.html"]))

    def rewrite(text: str) -> str:
        text = text.replace(origin + "/", origin + prefix + "/")
        for quote in ('"', "'"):
            text = text.replace(f"href={quote}/", f"href={quote}{prefix}/")
            text = text.replace(f"action={quote}/", f"action={quote}{prefix}/")
        return text

    return rewrite


def seo_thread(name: str, seo_path: str) -> Rewrite:
    """A rewrite that gives the long thread the address `seo_path` (its pages
    keep their own page parameter), as URL-rewriting plug-ins do."""
    path = urlsplit(cases(name)["threads"]["main_page1.html"]).path

    def rewrite(text: str) -> str:
        return text.replace(path, seo_path)

    return rewrite


def crawl(sites: Path, url: str, db: Path, name: str, full: bool = False) -> Crawled:
    """Crawl the served forum from `url` into `db`; the posts stored and the run's counters."""
    case = cases(name)
    with serve_sites(sites_dir=sites) as proxy:
        options = CrawlOptions(
            url=url,
            forum=case["forum"],
            timezone=case["timezone"],
            full=full,
            allow_hosts=("127.0.0.1",),
            proxy=proxy,
            fetch_sources=False,
            no_throttle=True,
        )
        [summary] = run_crawl(str(db), options, echo=False)
    columns = "post_id, author, posted_at, body, quotes, page_url"
    with Store.open(db, read_only=True) as store:
        names, rows = store.query(f"SELECT {columns} FROM posts")
    posts = {row[0]: dict(zip(names, row, strict=True)) for row in rows}
    return Crawled(posts, summary)


def same_instant(stored: datetime | None, expected: str | None) -> bool:
    if stored is None or expected is None:
        return stored is None and expected is None
    return stored == datetime.fromisoformat(expected)
