"""Open data: a database the project makes is read by an older DuckDB and by the
DuckDB CLI, and exports to JSON Lines and to a SQLite file (tables and views)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from provenance.app.cli import main
from provenance.store import Store
from provenance.store.database import STORAGE_COMPATIBILITY

OLD_DUCKDB = "duckdb==1.1.3"  # the oldest wheel the storage format of 1.0 is tested with
SOURCE = "https://www.ag.example/news/lantern"


def _db(path: Path) -> Path:
    """Two posts linked to one official source: rows in a table and in views."""
    with Store.open(str(path)) as store:
        store.upsert(
            "posts",
            [{"forum": "f", "thread_id": "1", "post_id": str(n), "position": n,
              "permalink": f"https://forum.example/t/1#msg{n}", "author": "ana",
              "posted_at": datetime(2026, 1, 8, 16, n, tzinfo=UTC), "body": f"post {n}",
              "cited_urls": [SOURCE], "kind": "post"} for n in (1, 2)],
        )  # fmt: skip
        store.upsert(
            "sources",
            [{"url": SOURCE, "official": True, "title": "Lantern", "status": 200,
              "published": datetime(2026, 1, 8, 15, tzinfo=UTC), "published_has_time": True}],
        )  # fmt: skip
        store.upsert(
            "links",
            [{"forum": "f", "thread_id": "1", "post_id": str(n), "source_url": SOURCE,
              "method": "cited", "score": 1.0, "verdict": "verbatim"} for n in (1, 2)],
        )  # fmt: skip
        store.upsert("pages", [{"url": "https://forum.example/t/1", "kind": "forum",
                                "body": b"\x78\x9c\x00\xff"}])  # fmt: skip
    return path


def test_a_new_database_is_written_in_the_storage_format_of_duckdb_1_0(tmp_path: Path) -> None:
    db = _db(tmp_path / "p.duckdb")
    with Store.open(str(db), read_only=True) as store:
        (tags,) = store.query(
            "SELECT tags['storage_version'] FROM duckdb_databases() "
            "WHERE database_name = current_database()"
        )[1][0]
    assert str(tags).startswith(STORAGE_COMPATIBILITY)


# Tests never reach a registry: .ci/run builds this virtualenv (an older duckdb
# wheel and the DuckDB CLI from PyPI) before the suite; elsewhere set OLD_DUCKDB_VENV.
OLD_DUCKDB_VENV = Path(
    os.environ.get("OLD_DUCKDB_VENV", Path(__file__).resolve().parent.parent / ".venv-old-duckdb")
)


@pytest.fixture(scope="module")
def old_duckdb() -> Path:
    """The bin folder of a virtualenv with an older duckdb and `duckdb-cli`."""
    bin_dir = OLD_DUCKDB_VENV / "bin"
    if not (bin_dir / "python").exists():
        pytest.skip(
            f"no virtualenv with {OLD_DUCKDB} at {OLD_DUCKDB_VENV}: python3 -m venv "
            f".venv-old-duckdb && .venv-old-duckdb/bin/pip install {OLD_DUCKDB} duckdb-cli"
        )
    return bin_dir


def test_an_older_duckdb_reads_the_posts_and_every_view(tmp_path: Path, old_duckdb: Path) -> None:
    db = _db(tmp_path / "p.duckdb")
    script = (
        "import duckdb, json, sys\n"
        "con = duckdb.connect(sys.argv[1], read_only=True)\n"
        "views = [v for (v,) in con.execute('SELECT view_name FROM duckdb_views() "
        "WHERE NOT internal').fetchall()]\n"
        "out = {'version': duckdb.__version__,\n"
        "       'posts': con.execute('SELECT post_id, body FROM posts ORDER BY 1').fetchall(),\n"
        "       'reposts': con.execute('SELECT source_url, reposts, verbatim "
        "FROM v_reposts_per_source').fetchall(),\n"
        # counted in SQL: that wheel turns a TIMESTAMPTZ into Python only with pytz
        "       'views': {v: con.execute(f'SELECT count(*) FROM (FROM {v})').fetchone()[0]\n"
        "                 for v in views}}\n"
        "print(json.dumps(out))\n"
    )
    proc = subprocess.run(
        [str(old_duckdb / "python"), "-c", script, str(db)], capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    seen = json.loads(proc.stdout)
    assert seen["version"] == OLD_DUCKDB.split("==")[1]
    assert seen["posts"] == [["1", "post 1"], ["2", "post 2"]]
    assert seen["reposts"] == [[SOURCE, 2, 2]]
    assert len(seen["views"]) >= 10 and seen["views"]["v_top_reposters"] == 1


def test_the_duckdb_cli_reads_the_database(tmp_path: Path, old_duckdb: Path) -> None:
    db = _db(tmp_path / "p.duckdb")
    proc = subprocess.run(
        [str(old_duckdb / "duckdb"), "-readonly", "-csv", str(db), "-c",
         "SELECT post_id, author FROM posts ORDER BY 1"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["post_id,author", "1,ana", "2,ana"]


def test_export_jsonl_writes_every_table_with_iso_times(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _db(tmp_path / "p.duckdb")
    assert main(["--db", str(db), "export", "--format", "jsonl", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out.startswith("export: 17 tables")
    posts = [json.loads(line) for line in (tmp_path / "out" / "posts.jsonl").open()]
    assert [p["post_id"] for p in posts] == ["1", "2"]
    assert posts[0]["posted_at"] == "2026-01-08T16:01:00.000000+00:00"
    assert posts[0]["cited_urls"] == [SOURCE]
    (page,) = [json.loads(line) for line in (tmp_path / "out" / "pages.jsonl").open()]
    assert page["body"] == "789c00ff"  # bytes as hex


def test_export_sqlite_holds_every_table_and_view_for_datasette(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _db(tmp_path / "p.duckdb")
    target = tmp_path / "p.sqlite"
    assert main(["--db", str(db), "export", "--format", "sqlite", str(target)]) == 0
    assert "tables and views" in capsys.readouterr().out
    with Store.open(str(db), read_only=True) as store:
        views = store.views()
    con = sqlite3.connect(target)
    try:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        rows = con.execute(
            "SELECT source_url, title, published, reposts, verbatim FROM v_reposts_per_source"
        ).fetchall()
        post = con.execute("SELECT posted_at, cited_urls FROM posts WHERE post_id = '1'").fetchone()
    finally:
        con.close()
    assert "posts" in names and "links" in names and set(views) <= names and len(views) >= 10
    assert rows == [(SOURCE, "Lantern", "2026-01-08T15:00:00.000000+00:00", 2, 2)]
    assert post == ("2026-01-08T16:01:00.000000+00:00", json.dumps([SOURCE]))
