"""Progress of a crawl on the bundled sample forum: plain lines through a pipe,
a redrawn line on a terminal (a pseudo-terminal here), always before the
crawl's summary line; -q hides it; scheduled passes end with a summary line.

Lines are counted, never timed: the last progress line is written when the
spider closes, so even a crawl shorter than the interval shows one.
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from provenance.sample import FORUM_URL, SAMPLE_HOSTS
from provenance.sample.server import serve_sites

ROOT = Path(__file__).parents[1]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")


@pytest.fixture(scope="module")
def proxy() -> Iterator[str]:
    with serve_sites() as url:
        yield url


def _argv(db: Path, proxy: str, *flags: str) -> list[str]:
    allow = [a for host in SAMPLE_HOSTS for a in ("--allow-host", host)]
    return [sys.executable, "-m", "provenance", *flags, "--db", str(db), "crawl", FORUM_URL,
            "--no-sources", "--proxy", proxy, "--timezone", "America/New_York",
            "--user-agent", "progress-test (test@example.org)", *allow]  # fmt: skip


def _env() -> dict[str, str]:
    return os.environ | {"PYTHONPATH": str(ROOT), "TERM": "xterm", "COLUMNS": "120"}


def _order(lines: list[str], progress: str) -> tuple[int, int]:
    """Indexes of the last line holding `progress` and of the forum's summary line."""
    summary = [n for n, line in enumerate(lines) if line.startswith("forum: 9 requests")]
    shown = [n for n, line in enumerate(lines) if progress in line]
    assert summary and shown, lines
    return shown[-1], summary[0]


def test_through_a_pipe_progress_lines_come_before_the_summary(
    tmp_path: Path, proxy: str
) -> None:
    proc = subprocess.run(
        _argv(tmp_path / "p.duckdb", proxy), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, env=_env(), timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout
    lines = proc.stdout.splitlines()
    progress = [line for line in lines if line.startswith("progress forum: ")]
    assert progress and re.fullmatch(
        r"progress forum: \d+ pages, 45 posts, [\d.]+ requests/s, 0 errors \(finished\)",
        progress[-1],
    ), progress
    shown, summary = _order(lines, "progress forum: ")
    assert shown < summary
    assert not any("\x1b[" in line for line in lines)  # no terminal codes into a pipe
    assert lines[-1].startswith("crawl: done (forum): 9 requests")


def test_on_a_terminal_the_progress_is_drawn_before_the_summary(
    tmp_path: Path, proxy: str
) -> None:
    main, child = pty.openpty()
    proc = subprocess.Popen(
        _argv(tmp_path / "t.duckdb", proxy), stdin=child, stdout=child, stderr=child,
        env=_env(), close_fds=True,
    )  # fmt: skip
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child side closed: EIO on Linux
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert proc.wait(timeout=300) == 0
    text = ANSI.sub("\n", b"".join(chunks).decode("utf-8", errors="replace"))
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    # rich's line: a spinner, then the counts, redrawn in place
    shown, summary = _order(lines, "forum: 9 pages, 45 posts")
    assert shown < summary
    assert not any(line.startswith("progress forum:") for line in lines)  # not the plain lines


def test_quiet_shows_no_progress(tmp_path: Path, proxy: str) -> None:
    proc = subprocess.run(
        _argv(tmp_path / "q.duckdb", proxy, "-q"), capture_output=True, text=True, env=_env(),
        timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "progress" not in proc.stderr
    assert "forum: 9 requests" in proc.stdout


def test_verbose_reaches_the_crawl_subprocess(tmp_path: Path, proxy: str) -> None:
    proc = subprocess.run(
        _argv(tmp_path / "v.duckdb", proxy, "-v"), capture_output=True, text=True, env=_env(),
        timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "[scrapy.core.engine] INFO: Spider closed (finished)" in proc.stderr


def test_schedule_once_ends_with_a_summary_line(tmp_path: Path, proxy: str) -> None:
    config = tmp_path / "forums.toml"
    config.write_text(
        f'[defaults]\nproxy = "{proxy}"\nallow_hosts = {json.dumps(list(SAMPLE_HOSTS))}\n'
        'timezone = "America/New_York"\nuser_agent = "progress-test (test@example.org)"\n\n'
        f'[[forum]]\nname = "townsquare"\nurl = "{FORUM_URL}"\n',
        "utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "provenance", "--db", str(tmp_path / "s.duckdb"), "schedule",
         "--config", str(config), "--once"],
        capture_output=True, text=True, env=_env(), timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "schedule: 1 run, 1 ok, 0 failed"
