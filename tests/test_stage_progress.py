"""Progress of the link and quote stages: a first line at once, a line per due
batch, a last line, nothing with -q. Counted in lines and calls, never timed."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from test_pipeline_equivalence import _corpus

from provenance.app.progress import StageProgress
from provenance.link.stage import link_posts
from provenance.quotes.stage import trace_quotes
from provenance.store import Store


def test_the_stages_report_after_every_batch(tmp_path: Path) -> None:
    calls: dict[str, list[tuple[int, int]]] = {"link": [], "quotes": []}
    with Store.open(tmp_path / "p.duckdb") as store:
        _corpus(store)
        posts = store.counts()["posts"]
        link_posts(store, batch=7, progress=lambda *a: calls["link"].append(a))
        trace_quotes(store, batch=7, progress=lambda *a: calls["quotes"].append(a))
        links = store.counts()["links"]
    for stage, seen in calls.items():
        done = [p for p, _ in seen]
        assert done == sorted(done) and done[-1] == posts, stage  # every post, in order
        assert len(seen) == -(-posts // 7), stage  # one call per batch
    assert calls["link"][-1][1] == links


def test_lines_are_shown_when_due_and_at_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 0.5, 1.0, 3.0, 3.5, 4.0])
    monkeypatch.setattr("provenance.app.progress.time.monotonic", lambda: next(clock))
    out = io.StringIO()
    progress = StageProgress("link", "links", stream=out, interval=2.0)  # started at 0.0
    progress.start()
    progress(10, 1)  # 0.5: the first batch is always shown
    progress(20, 2)  # 1.0: not due
    progress(30, 3)  # 3.0: due
    progress(40, 4)  # 3.5: not due
    progress.done()  # 4.0: the last totals
    lines = out.getvalue().splitlines()
    assert lines[0] == "progress link: started"
    assert [line.split(":")[1].split(",")[0].strip() for line in lines[1:]] == [
        "10 posts",
        "30 posts",
        "40 posts",
    ]


def test_quiet_shows_nothing() -> None:
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:
        out = io.StringIO()
        progress = StageProgress("quotes", "occurrences", stream=out)
        progress.start()
        progress(5, 5)
        progress.done()
    finally:
        root.setLevel(level)
    assert out.getvalue() == ""


def test_link_and_quotes_commands_show_progress_then_their_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from provenance.app.cli import main

    db = tmp_path / "c.duckdb"
    with Store.open(db) as store:
        _corpus(store)
    for command in ("link", "quotes"):
        assert main(["--db", str(db), command]) == 0
        captured = capsys.readouterr()
        progress = [line for line in captured.err.splitlines() if line.startswith("progress")]
        assert progress[0] == f"progress {command}: started"
        assert any(" posts, " in line for line in progress[1:]), progress
        assert captured.out.startswith(f"{command}: ")
    assert main(["-q", "--db", str(db), "quotes"]) == 0
    assert "progress" not in capsys.readouterr().err
