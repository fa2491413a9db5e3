"""The DuckDB store: migrations, idempotent upserts, versions, read-only access."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from crawler.items import Post, QuotedReply, SourcePage, Thread
from provenance.store import SCHEMA_VERSION, TABLES, Store, StoreError

T0 = datetime(2026, 1, 5, 15, 12, tzinfo=UTC)


def _post(post_id: str = "1", body: str = "hello world", **kw) -> Post:
    fields = {
        "forum": "f",
        "thread_id": "7",
        "post_id": post_id,
        "permalink": f"http://f/index.php?topic=7.msg{post_id}",
        "thread_title": "T",
        "position": int(post_id),
        "author": "alice",
        "author_id": "2",
        "posted_at": T0,
        "body": body,
        "signature": "sig",
        "quotes": (QuotedReply("earlier text", "bob", "0"),),
        "cited_urls": ("http://src.example/a",),
        "fetched_at": T0,
    }
    fields.update(kw)
    return Post(**fields)


def test_new_database_has_every_table_and_the_schema_version(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db.duckdb") as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert set(store.counts()) == set(TABLES)
        assert all(v == 0 for v in store.counts().values())


def test_upserting_the_same_posts_twice_keeps_row_counts(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db.duckdb") as store:
        posts = [_post("1"), _post("2", "second post")]
        first = store.save_posts(posts)
        store.save_threads([Thread("f", "7", "http://f/index.php?topic=7.0", "T")])
        counts = store.counts()
        second = store.save_posts(posts)
        store.save_threads([Thread("f", "7", "http://f/index.php?topic=7.0", "T")])
        assert store.counts() == counts
    assert first == {"new": 2, "changed": 0, "unchanged": 0}
    assert second == {"new": 0, "changed": 0, "unchanged": 2}
    assert counts["posts"] == 2 and counts["post_versions"] == 2 and counts["threads"] == 1


def test_an_edited_post_is_updated_and_its_old_version_kept(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db.duckdb") as store:
        store.save_posts([_post("1", "original text")])
        result = store.save_posts([_post("1", "edited text")])
        assert result == {"new": 0, "changed": 1, "unchanged": 0}
        bodies = [
            r[0]
            for r in store.con.execute(
                "SELECT body FROM post_versions ORDER BY first_seen, body"
            ).fetchall()
        ]
        current = store.con.execute("SELECT body, quotes, cited_urls FROM posts").fetchall()
    assert sorted(bodies) == ["edited text", "original text"]
    assert current[0][0] == "edited text"
    assert current[0][1] == [{"text": "earlier text", "author": "bob", "quoted_post_id": "0"}]
    assert current[0][2] == ["http://src.example/a"]


def test_first_seen_is_kept_when_a_row_is_written_again(tmp_path: Path) -> None:
    later = datetime(2026, 2, 1, tzinfo=UTC)
    with Store.open(tmp_path / "db.duckdb") as store:
        store.save_posts([_post("1")])
        store.save_posts([_post("1", fetched_at=later)])
        row = store.con.execute("SELECT first_seen, last_seen FROM posts").fetchone()
    assert row == (T0, later)


def test_sources_to_fetch_skip_done_and_retry_failures(tmp_path: Path) -> None:
    ok = SourcePage("http://a.example/1", "http://a.example/1", 200, T0, "A", "2026-01-05", "text")
    failed = SourcePage("http://a.example/2", "http://a.example/2", 503, T0, error="503")
    with Store.open(tmp_path / "db.duckdb") as store:
        store.save_sources([ok, failed])
        todo = store.urls_to_fetch(
            ["http://a.example/1", "http://a.example/2", "http://new.example/"]
        )
        assert todo == ["http://a.example/2", "http://new.example/"]
        store.save_sources([failed])
        store.save_sources([failed])
        assert store.urls_to_fetch(["http://a.example/2"], max_attempts=3) == []
        assert [s.url for s in store.sources()] == ["http://a.example/1"]


def test_read_only_store_refuses_writes_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(path, read_only=True)
    Store.open(path).close()
    with Store.open(path, read_only=True) as store, pytest.raises(StoreError, match="SQL error"):
        store.query("DELETE FROM posts")


def test_sql_error_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    Store.open(path).close()
    with Store.open(path, read_only=True) as store, pytest.raises(StoreError) as err:
        store.query("SELEC * FROM posts")
    assert "syntax error" in str(err.value).lower()
    assert "\n" not in str(err.value)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.duckdb"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        Store.open(path)


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    Store.open(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(StoreError, match="newer than this tool"):
        Store.open(path)


def test_a_version_1_database_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    from provenance.store import MIGRATIONS

    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER)")
    for sql in MIGRATIONS[0][1]:
        con.execute(sql)
    con.execute("INSERT INTO schema_version VALUES (1)")
    con.execute("INSERT INTO sources (url, status) VALUES ('http://a.example/', 200)")
    con.close()
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.counts()["sources"] == 1
        assert store.counts()["typed_signatures"] == 0


def test_a_thread_row_is_not_blanked_by_a_page_that_knows_less(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db.duckdb") as store:
        store.save_threads([Thread("f", "7", "http://f/t/7.json", "Title", "News", 3, 120)])
        store.save_threads([Thread("f", "7", "http://f/t/7.json", "", None, 2, None)])
        row = store.query("SELECT title, board, page_count, views FROM threads")[1]
    assert row == [("Title", "News", 3, 120)]
