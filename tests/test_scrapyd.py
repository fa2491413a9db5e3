"""The Scrapy project as scrapyd runs it: an egg built by scrapyd-deploy from a
copy of the project, deployed to a real scrapyd on 127.0.0.1, one job on the
bundled sample forum, its posts in the DuckDB file and its items feed clean.

Also `scrapy list` and `scrapy crawl forum -O posts.jsonl -s NAME=VALUE` from
the project folder, as a Scrapy user runs them.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from provenance.sample import FORUM_URL, SAMPLE_HOSTS
from provenance.sample.server import serve_sites
from provenance.store import Store

ROOT = Path(__file__).parents[1]
BIN = Path(sys.executable).parent
PROJECT = "forum_provenance"


@pytest.fixture(scope="module")
def proxy() -> Iterator[str]:
    with serve_sites() as url:
        yield url


def _settings(proxy: str, db: Path) -> dict[str, str]:
    return {
        "PROVENANCE_DB": str(db),
        "PROVENANCE_PROXY": proxy,
        "PROVENANCE_ALLOWED_HOSTS": ",".join(SAMPLE_HOSTS),
        "AUTOTHROTTLE_ENABLED": "False",
        "DOWNLOAD_DELAY": "0",
        "LOG_LEVEL": "INFO",
    }


def _posts(db: Path) -> int:
    with Store.open(str(db), read_only=True) as store:
        return int(store.query("SELECT count(*) FROM posts")[1][0][0])


def _scrapy(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args], cwd=cwd, env=env, capture_output=True,
        text=True, timeout=300, check=False,
    )  # fmt: skip


def test_scrapy_list_names_the_spiders() -> None:
    proc = _scrapy(["list"], ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["articles", "forum", "sources"]


def test_scrapy_crawl_exports_every_item_but_the_raw_pages(tmp_path: Path, proxy: str) -> None:
    db, out = tmp_path / "s.duckdb", tmp_path / "posts.jsonl"
    sets = [a for k, v in _settings(proxy, db).items() for a in ("-s", f"{k}={v}")]
    proc = _scrapy(["crawl", "forum", "-a", f"url={FORUM_URL}", "-O", str(out), *sets], ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr and "ERROR" not in proc.stderr, proc.stderr[-3000:]
    items = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    posts = [i for i in items if "post_id" in i]
    assert len(posts) == 45 == _posts(db)  # -s PROVENANCE_DB was honoured
    assert not [i for i in items if "body" in i and "status" in i]  # no raw page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _api(base: str, path: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(base + path, data=body, timeout=30) as response:
        answer: dict = json.loads(response.read())
    assert answer.get("status") == "ok", answer
    return answer


@pytest.fixture()
def scrapyd(tmp_path: Path) -> Iterator[str]:
    """A scrapyd on a free port of 127.0.0.1, in its own folder, with an items feed."""
    if shutil.which("scrapyd-deploy", path=str(BIN)) is None:
        pytest.skip("scrapyd-client is not installed (pip install -e '.[test]')")
    pytest.importorskip("scrapyd")
    home, port = tmp_path / "scrapyd", _free_port()
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\npoll_interval = 0.5\n"
        "eggs_dir = eggs\nlogs_dir = logs\nitems_dir = items\ndbs_dir = dbs\n"
    )
    # no PYTHONPATH: the job finds the project in the deployed egg only
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "scrapyd"], cwd=home, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(300):
            try:
                _api(base, "daemonstatus.json")
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("scrapyd did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_job_deployed_to_scrapyd_stores_the_sample_forum(
    tmp_path: Path, proxy: str, scrapyd: str
) -> None:
    copy = tmp_path / "project"  # scrapyd-deploy writes setup.py and build/ beside it
    copy.mkdir()
    for name in ("crawler", "provenance", "pyproject.toml", "README.md"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    (copy / "scrapy.cfg").write_text(
        "[settings]\ndefault = crawler.settings\n\n"
        f"[deploy]\nurl = {scrapyd}\nproject = {PROJECT}\n"
    )
    deploy = subprocess.run(
        [str(BIN / "scrapyd-deploy")], cwd=copy, capture_output=True, text=True, timeout=300,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, check=False,
    )  # fmt: skip
    assert deploy.returncode == 0, deploy.stderr[-3000:]
    assert json.loads(deploy.stdout.strip().splitlines()[-1])["status"] == "ok"
    assert _api(scrapyd, f"listspiders.json?project={PROJECT}")["spiders"] == [
        "articles", "forum", "sources",
    ]  # fmt: skip
    db = tmp_path / "scrapyd.duckdb"
    job = _api(
        scrapyd,
        "schedule.json",
        [("project", PROJECT), ("spider", "forum"), ("url", FORUM_URL)]
        + [("setting", f"{k}={v}") for k, v in _settings(proxy, db).items()],
    )["jobid"]
    for _ in range(1200):
        jobs = _api(scrapyd, f"listjobs.json?project={PROJECT}")
        if any(j["id"] == job for j in jobs["finished"]):
            break
        time.sleep(0.25)
    else:
        pytest.fail(f"the scrapyd job did not finish: {jobs}")
    home = tmp_path / "scrapyd"  # the scrapyd fixture's folder
    log = next((home / "logs").rglob(f"{job}.log")).read_text("utf-8")
    assert "Traceback" not in log and "'finish_reason': 'finished'" in log, log[-3000:]
    assert _posts(db) == 45
    # scrapyd's own items feed: every item but the raw pages, one JSON object a line
    feed = next((home / "items").rglob(f"{job}.jl")).read_text("utf-8")
    assert sum('"post_id"' in line for line in feed.splitlines()) == 45

