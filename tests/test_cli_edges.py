"""Edges of the command line: a reader that closes the pipe, --version, the engine list."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.engines import ENGINES
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
        f'$PROVENANCE --db p.duckdb sql {fmt} "SELECT range AS n FROM range(200000)" | head -n 2',
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
