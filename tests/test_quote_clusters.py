"""The quotes stage groups unmatched quotes into variant clusters (table quote_clusters)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from crawler.items import Post, SourcePage
from provenance.quotes.stage import trace_quotes
from provenance.store import MIGRATIONS, SCHEMA_VERSION, Store

T0 = datetime(2026, 1, 5, 15, 12, tzinfo=UTC)
RELEASE = (
    "HARBOR CITY — Police arrested three men on Sunday.\n\n"
    "“We will not tolerate violence against the people who keep our neighborhood stores "
    "open at night,” said Police Chief Raymond O’Neil."
)
WITNESS = "He came in with a gun, took the register drawer and was gone in under a minute."


def _post(post_id: str, body: str, hours: int) -> Post:
    return Post(
        forum="f",
        thread_id="7",
        post_id=post_id,
        permalink=f"http://f/index.php?topic=7.msg{post_id}",
        thread_title="Pier Street robberies",
        position=int(post_id),
        author="alice",
        author_id="2",
        posted_at=T0 + timedelta(hours=hours),
        body=body,
        signature="",
        quotes=(),
        cited_urls=(),
        fetched_at=T0,
    )


def _fill(store: Store) -> None:
    release = SourcePage(
        "http://police.example/r1", "http://police.example/r1", 200, T0, "Arrests",
        "2026-01-04", RELEASE, official=True,
    )  # fmt: skip
    store.save_sources([release])
    store.save_posts(
        [
            _post("1", f"“{WITNESS}” said store clerk Hamid Rahimi.", 1),
            _post("2", "A clerk told the Ledger: “he came in with a gun, took the register.”", 2),
            _post(
                "3",
                "“We will not tolerate violence against the people who keep our "
                "neighborhood stores open at night,” O’Neil said.",
                3,
            ),  # fmt: skip
            _post("4", "My neighbor said “the whole street has been scared for a month now.”", 4),
            _post("5", f"Rahimi said “{WITNESS.replace('minute', 'second')}”", 5),
        ]
    )


def test_unmatched_quotes_are_clustered_and_official_ones_are_not(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db.duckdb") as store:
        _fill(store)
        summary = trace_quotes(store)
        rows = store.quote_clusters()
    assert summary.by_label == {"verbatim": 1, "unmatched": 4}
    assert summary.clusters == 1
    by_cluster: dict[str, list[str]] = {}
    for row in rows:
        by_cluster.setdefault(row["cluster_id"], []).append(row["text"])
    sizes = sorted(len(v) for v in by_cluster.values())
    assert sizes == [1, 3]
    big = next(r for r in rows if r["size"] == 3)
    assert big["canonical_text"] == WITNESS  # longest wording (a tie), first seen
    assert [r["text"] for r in rows if r["size"] == 3][0] == WITNESS  # first seen first
    assert all("tolerate" not in r["text"] for r in rows)


def test_running_the_stage_twice_gives_the_same_clusters(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db.duckdb") as store:
        _fill(store)
        trace_quotes(store)
        first = store.quote_clusters()
        counts = store.counts()
        trace_quotes(store)
        assert store.quote_clusters() == first
        assert store.counts() == counts


def test_a_version_6_database_gains_the_clusters_table(tmp_path: Path) -> None:
    path = tmp_path / "v6.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER)")
    for version, statements in MIGRATIONS:
        if version <= 6:
            for sql in statements:
                con.execute(sql)
            con.execute("INSERT INTO schema_version VALUES (?)", [version])
    con.close()
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 7
        assert store.counts()["quote_clusters"] == 0
