"""The `provenance` command: help, sql output formats, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.items import Post
from provenance.app.cli import build_parser, main
from provenance.store import Store

COMMANDS = ("crawl", "link", "quotes", "report", "sql", "run", "demo")


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "t.duckdb"
    with Store.open(path) as store:
        store.save_posts(
            [
                Post(
                    "f",
                    "1",
                    str(n),
                    f"http://f/?topic=1.msg{n}",
                    "T",
                    n,
                    "alice",
                    "2",
                    None,
                    f"body {n}",
                )
                for n in range(3)
            ]
        )
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args([command, "--help"])
    assert exit_.value.code == 0
    assert f"provenance {command}" in capsys.readouterr().out


def test_python_dash_m_provenance_works() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "provenance", "--help"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert all(c in proc.stdout for c in COMMANDS)


def test_sql_outputs_table_csv_and_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = "SELECT post_id, body FROM posts ORDER BY post_id"
    assert main(["--db", str(db), "sql", query, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"post_id": str(n), "body": f"body {n}"} for n in range(3)
    ]
    assert main(["--db", str(db), "sql", query, "--csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "post_id,body",
        "0,body 0",
        "1,body 1",
        "2,body 2",
    ]
    assert main(["--db", str(db), "sql", query]) == 0
    table = capsys.readouterr().out
    assert "body 2" in table and "3 rows" in table


def test_sql_is_read_only(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "sql", "DELETE FROM posts"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("provenance: error: SQL error") and err.count("\n") == 1
    with Store.open(db, read_only=True) as store:
        assert store.counts()["posts"] == 3


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sql", "SELEC 1"], "syntax error"),
        (["crawl", "not a url"], "not an http(s) URL: 'not a url'"),
        (["crawl", "ftp://x.example/"], "not an http(s) URL"),
        (["crawl", "http://x.example/", "--engine", "nosuch"], "unknown engine 'nosuch'"),
        (["report", "no statement says this"], "no statement matches"),
    ],
)
def test_user_errors_are_one_line(
    db: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_database_for_reading_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.duckdb"
    assert main(["--db", str(missing), "sql", "SELECT 1"]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not missing.exists()


def test_locked_database_is_one_line(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); "
            "time.sleep(30)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        assert main(["--db", str(db), "link"]) == 2
        err = capsys.readouterr().err
        assert "is busy" in err and err.count("\n") == 1
    finally:
        holder.kill()
        holder.wait()
