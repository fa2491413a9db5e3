"""Edges of the command line: a reader that closes the pipe, --version, the engine
list, one spelling of times in every JSON output, option help, crawl warnings."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crawler.engines import ENGINES
from provenance.alerts.build import build_alerts
from provenance.app.cli import main
from provenance.store import Store

ROOT = Path(__file__).parents[1]


def _shell(command: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {
        "PYTHONPATH": str(ROOT),
        "PROVENANCE": f"{sys.executable} -m provenance.app.cli",
    }
    return subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
    )


@pytest.mark.parametrize("fmt", ["", "--csv", "--json"])
def test_a_closed_pipe_ends_sql_without_a_traceback(tmp_path: Path, fmt: str) -> None:
    Store.open(str(tmp_path / "p.duckdb")).close()
    proc = _shell(
        f'$PROVENANCE --db p.duckdb sql {fmt} "SELECT range AS n FROM range(20000)" | head -n 2',
        tmp_path,
    )
    assert proc.returncode == 0
    assert len(proc.stdout.splitlines()) == 2
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr


def test_version_and_engines(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("provenance ")
    assert main(["engines"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert names == sorted(ENGINES)


# ------------------------------------------------------------------ reports and JSON
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$")
SOURCE = "https://www.ag.example/news/releases/lantern"


def _report_db(path: Path, posts: int) -> Path:
    """One official statement quoted verbatim in `posts` posts, each post linked to
    the release: a report long enough to fill a pipe."""
    rows = [
        {
            "forum": "f",
            "thread_id": "1",
            "post_id": str(n),
            "permalink": f"https://forum.example/t/1#msg{n}",
            "thread_title": "Lantern",
            "position": n,
            "author": f"user{n}",
            "posted_at": datetime(2026, 1, 8, 12, tzinfo=UTC) + timedelta(minutes=n),
            "body": "…",
            "kind": "post",
        }
        for n in range(posts)
    ]
    with Store.open(str(path)) as store:
        store.upsert("posts", rows)
        store.upsert(
            "sources",
            [{"url": SOURCE, "official": True, "title": "Lantern", "status": 200,
              "published": datetime(2026, 1, 8, 9, 30, tzinfo=UTC), "published_has_time": True}],
        )  # fmt: skip
        store.upsert(
            "statements",
            [{"statement_id": "s1" + "a" * 22, "source_url": SOURCE, "position": 0,
              "speaker": "Dana Whitcomb", "speaker_key": "whitcomb",
              "text": "we will not stop until every seller is found"}],
        )  # fmt: skip
        store.upsert(
            "quote_occurrences",
            [{"occurrence_id": f"o{r['post_id']}", "doc_kind": "post", "forum": "f",
              "thread_id": "1", "post_id": r["post_id"], "text": "we will not stop",
              "speaker": "Whitcomb", "statement_id": "s1" + "a" * 22, "label": "verbatim",
              "seen_at": r["posted_at"]} for r in rows],
        )  # fmt: skip
        store.upsert(
            "links",
            [{"forum": "f", "thread_id": "1", "post_id": r["post_id"], "source_url": SOURCE,
              "method": "cited", "score": 1.0, "verdict": "verbatim"} for r in rows],
        )  # fmt: skip
    return path


@pytest.mark.parametrize("fmt", ["markdown", "json", "html"])
def test_a_closed_pipe_ends_report_without_a_traceback(tmp_path: Path, fmt: str) -> None:
    _report_db(tmp_path / "p.duckdb", 3000)
    proc = _shell(f"$PROVENANCE --db p.duckdb report --links --format {fmt} | head -n 3", tmp_path)
    assert proc.returncode == 0
    assert len(proc.stdout.splitlines()) == 3
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr


def _times(value: object) -> list[str]:
    """Every string in `value` that looks like a time (a date and an hour)."""
    if isinstance(value, dict):
        return [t for v in value.values() for t in _times(v)]
    if isinstance(value, list):
        return [t for v in value for t in _times(v)]
    if isinstance(value, str) and re.match(r"^\d{4}-\d\d-\d\d.\d\d:\d\d", value):
        return [value]
    return []


def test_every_json_output_writes_times_one_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(_report_db(tmp_path / "p.duckdb", 3))
    assert main(["--db", db, "report", "--format", "json"]) == 0
    statements = json.loads(capsys.readouterr().out)
    assert main(["--db", db, "sql", "--json", "SELECT posted_at, first_seen FROM posts"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert main(["--db", db, "watch", "add", "speaker", "Whitcomb"]) == 0
    capsys.readouterr()
    with Store.open(db) as store:  # an altered quote after the watch: one alert
        store.upsert(
            "quote_occurrences",
            [{"occurrence_id": "o-new", "doc_kind": "post", "forum": "f", "thread_id": "1",
              "post_id": "2", "text": "we will stop", "speaker": "Whitcomb",
              "statement_id": "s1" + "a" * 22, "label": "altered",
              "seen_at": datetime(2026, 1, 9, 8, tzinfo=UTC)}],
        )  # fmt: skip
        assert build_alerts(store).alerts == 1
    assert main(["--db", db, "alerts", "--json"]) == 0
    alerts = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    times = _times(statements) + _times(rows) + _times(alerts)
    assert len(_times(statements)) >= 4 and len(_times(rows)) == 3 and _times(alerts)
    assert [t for t in times if not ISO_UTC.match(t)] == []


def test_report_json_with_links_and_the_summary_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(_report_db(tmp_path / "p.duckdb", 3))
    assert main(["--db", db, "report", "--format", "json", "--links"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["statement_id"] for s in data["statements"]] == ["s1" + "a" * 22]
    assert {link["permalink"] for link in data["links"]} == {
        f"https://forum.example/t/1#msg{n}" for n in range(3)
    }
    assert {link["verdict"] for link in data["links"]} == {"verbatim"}
    assert main(["--db", db, "report", "--summary", "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["headline"]["posts"] == 3 and summary["headline"]["links"] == 3
    assert summary["verdicts"] == {"verbatim": 3}
    assert summary["labels"] == {"verbatim": 3}


# ------------------------------------------------------------------ crawl commands
def test_every_articles_option_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["articles", "--help"])
    lines = capsys.readouterr().out.splitlines()
    options = [line for line in lines if line.strip().startswith("--")]
    assert len(options) >= 5
    for n, line in enumerate(lines):
        if line.strip().startswith("--") and line.strip() != "--help":
            # the help stands on the option's line or on the next one, indented
            words = line.split(None, 2)
            assert len(words) > 2 or lines[n + 1].startswith(" " * 10), line


def test_articles_fails_when_its_start_url_is_refused(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "a.duckdb"
    argv = ["--db", str(db), "articles", "http://127.0.0.1:9/", "--no-sources"]
    assert main(argv) == 2
    err = capfd.readouterr().err
    assert "provenance: error: the articles crawl failed" in err
    assert "non-public address 127.0.0.1" in err


def test_a_crawl_without_timezone_or_contact_warns_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "a.duckdb"
    assert main(["--db", str(db), "crawl", "http://127.0.0.1:9/", "--no-sources"]) == 2
    warnings = [r.getMessage() for r in caplog.records if "not set:" in r.getMessage()]
    assert len(warnings) == 1
    assert "--timezone" in warnings[0] and "--user-agent" in warnings[0]
    caplog.clear()
    argv = ["--db", str(db), "crawl", "http://127.0.0.1:9/", "--no-sources",
            "--timezone", "Europe/Paris", "--user-agent", "study (me@example.org)"]  # fmt: skip
    assert main(argv) == 2
    assert not [r for r in caplog.records if "not set:" in r.getMessage()]


def test_the_default_user_agent_names_the_project_and_how_to_set_a_contact() -> None:
    from crawler import settings

    agent = settings.USER_AGENT
    assert agent.startswith("forum-provenance/")
    assert "--user-agent" in agent and "USER_AGENT" in agent
    assert "PROVENANCE_CONTACT" not in agent
