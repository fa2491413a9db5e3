"""Bad input to the `provenance` command: one clear line on stderr, a non-zero
exit, no traceback. tests/test_cli.py covers a bad URL scheme, an unknown
engine, a missing or locked database and an SQL syntax error; this file adds
the inputs that slipped through."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.app.cli import main
from provenance.store import Store


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "t.duckdb"
    Store.open(path).close()
    return path


def _one_line_error(capsys: pytest.CaptureFixture[str], *parts: str) -> None:
    out, err = capsys.readouterr()
    assert err.startswith("provenance: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in out + err
    for part in parts:
        assert part in err


@pytest.mark.parametrize(
    ("argv", "parts"),
    [
        (["crawl", "http://[::1"], ("not an http(s) URL", "'http://[::1'")),
        (["crawl", "http://127.0.0.1:99999/"], ("not an http(s) URL", "99999")),
        (["crawl", "http://"], ("not an http(s) URL",)),
        (["crawl", "http://x.example/", "--timezone", "Mars/Olympus"], ("'Mars/Olympus'",)),
        (["run", "http://x.example/", "--engine", "phpbb2"], ("unknown engine 'phpbb2'",)),
        (["articles", "notaurl"], ("not an http(s) URL",)),
        (["report", "--source", "notaurl"], ("not an http(s) URL",)),
        (["sql", "SELECT * FROM no_such_table"], ("no_such_table",)),
        (["sql", " "], ("SQL error: no statement given",)),
        (["export", "/proc/no/such/dir"], ("cannot write",)),
    ],
)
def test_bad_input_is_one_line(
    db: Path, argv: list[str], parts: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db), *argv]) == 2
    _one_line_error(capsys, *parts)


@pytest.mark.parametrize("command", [["link"], ["quotes"], ["report"], ["sql", "SELECT 1"]])
def test_a_file_that_is_no_database_is_one_line(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"\x00garbage" * 1000)
    assert main(["--db", str(junk), *command]) == 2
    _one_line_error(capsys, "junk.duckdb")
    assert junk.read_bytes() == b"\x00garbage" * 1000  # left as it was


def test_a_directory_as_database_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(tmp_path), "link"]) == 2
    _one_line_error(capsys, str(tmp_path))


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ('[[forum]]\nname = "a"\nurl = "http://x.example/"\nengine = "nosuch"\n', ("engine",)),
        ('[[forum]]\nname = "a"\nurl = "ftp://x.example/"\n', ("'url'", "forums.toml:3:")),
        ("[[forum]\nname =\n", ("forums.toml:1:", "TOML syntax")),
        ('[[forum]]\nname = "a"\n', ("url",)),
    ],
)
def test_a_bad_forums_toml_names_key_and_line(
    tmp_path: Path, db: Path, text: str, parts: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "forums.toml"
    config.write_text(text)
    assert main(["--db", str(db), "schedule", "--config", str(config), "--once"]) == 2
    _one_line_error(capsys, "forums.toml", *parts)
