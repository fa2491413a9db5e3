"""The article spider on the sample content farm: feeds, sitemaps, re-runs."""

from __future__ import annotations

from pathlib import Path

from provenance.app.commands import run_articles
from provenance.app.options import CrawlOptions
from provenance.sample import FARM_URL, SAMPLE_HOSTS
from provenance.sample.server import serve_sites
from provenance.store import Store


def _run(db: Path, proxy: str, url: str) -> dict:
    options = CrawlOptions(
        url=url, allow_hosts=SAMPLE_HOSTS, proxy=proxy, no_throttle=True, fetch_sources=False
    )
    [summary] = run_articles(str(db), options, echo=False)
    return summary


def test_articles_from_a_sitemap_and_no_refetch_on_the_next_run(tmp_path: Path) -> None:
    db = tmp_path / "a.duckdb"
    with serve_sites() as proxy:
        first = _run(db, proxy, FARM_URL + "sitemap.xml")
        second = _run(db, proxy, FARM_URL + "sitemap.xml")
    assert first["provenance/articles"] == 2
    assert second.get("provenance/articles", 0) == 0
    assert second["provenance/articles_known"] == 2
    assert second["requests"] == 2  # robots.txt and the sitemap
    with Store.open(db, read_only=True) as store:
        rows = store.query(
            "SELECT kind, thread_title, length(body) > 500 FROM posts ORDER BY thread_id"
        )[1]
    assert rows[0][0] == "article" and rows[0][1].startswith("Attorney General Whitcomb")
    assert rows[0][2] is True


def test_the_home_page_leads_to_the_feed(tmp_path: Path) -> None:
    db = tmp_path / "a.duckdb"
    with serve_sites() as proxy:
        summary = _run(db, proxy, FARM_URL)
    # robots.txt, home, feed, two articles
    assert summary["requests"] == 5 and summary["provenance/articles"] == 2
