"""The HTML report in a real browser: headless Chromium loads pages rendered from the
demo database with hostile markup planted into a post, and dumps the resulting DOM.

The chart must be drawn (one mark per occurrence) and no planted script may run. A
control page first shows that a planted script does run in this browser when nothing
stops it, so the checks below could fail.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from provenance.app.cli import main
from provenance.report.html import CSP, page_name
from provenance.store import Store

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="headless Chromium is not installed (/usr/bin/chromium; Debian: apt-get install "
    "chromium)",
)

MARK = "document.documentElement.appendChild(document.createElement('div')).id"
SCRIPT = f"<script>document.title='pwned';{MARK}='pwned-script'</script>"
IMG = f"<img src=x onerror=\"document.title='pwned';{MARK}='pwned-img'\">"
PLANTED = f" {SCRIPT} {IMG} "
PLANTED_IDS = ("pwned-script", "pwned-img")


def _dump_dom(page: Path, profile: Path) -> lxml.html.HtmlElement:
    """Load `page` in headless Chromium and parse the DOM it ends with."""
    proc = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=3000",  # let an image error handler fire before the dump
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0 and "<html" in proc.stdout, proc.stderr[-2000:]
    return lxml.html.document_fromstring(proc.stdout)


def _one(store: Store, sql: str) -> dict[str, Any]:
    columns, rows = store.query(sql)
    assert len(rows) == 1, sql
    return dict(zip(columns, rows[0], strict=True))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    """The demo database with markup planted into post 5 (body, author, thread title),
    into its quote (text, speaker, diff) and into the unmatched quote of post 11, rendered
    with `report --all`. Returns the site directory, the planted statement's id and its
    number of occurrences."""
    db = str(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--db", db, "demo"]) == 0
    where = "forum = 'townsquare' AND thread_id = '1' AND post_id = '5'"
    with Store.open(db) as store:
        post = _one(store, f"SELECT * FROM posts WHERE {where}")
        store.update_bodies("townsquare", [("1", "5", post["body"] + PLANTED, post["signature"])])
        post = _one(store, f"SELECT * FROM posts WHERE {where}")
        store.upsert(
            "posts",
            [post | {"author": f"prairiefox{IMG}", "thread_title": f"Lantern{SCRIPT}"}],
        )
        occ = _one(store, f"SELECT * FROM quote_occurrences WHERE {where}")
        store.upsert(
            "quote_occurrences",
            [
                occ
                | {
                    "text": occ["text"] + PLANTED,
                    "speaker": f"Whitcomb{SCRIPT}",
                    "diff": f"{occ['diff']}; +'{IMG}'",
                }
            ],
        )
        sid = occ["statement_id"]
        unmatched = _one(store, "SELECT * FROM quote_occurrences WHERE post_id = '11'")
        assert unmatched["statement_id"] is None
        store.upsert("quote_occurrences", [unmatched | {"text": unmatched["text"] + PLANTED}])
        (count,) = store.query(
            f"SELECT count(*) FROM quote_occurrences WHERE statement_id = '{sid}'"
        )[1][0]
        planted = _one(store, f"SELECT body, author FROM posts WHERE {where}")
        assert SCRIPT in planted["body"] and IMG in planted["author"]
    out = tmp_path_factory.mktemp("site")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--db", db, "report", "--all", "--out", str(out)]) == 0
    return out, sid, int(count)


def _assert_no_planted_code_ran(dom: lxml.html.HtmlElement) -> None:
    assert dom.findtext(".//title") != "pwned"
    for planted_id in PLANTED_IDS:
        assert dom.xpath(f"//*[@id='{planted_id}']") == []
    assert dom.xpath("//script | //img") == []


def test_control_a_planted_script_runs_when_nothing_stops_it(tmp_path: Path) -> None:
    page = tmp_path / "control.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>t</title></head><body>{PLANTED}</body>")
    dom = _dump_dom(page, tmp_path / "profile")
    assert dom.findtext(".//title") == "pwned"
    assert len(dom.xpath("//*[@id='pwned-script']")) == 1
    assert len(dom.xpath("//*[@id='pwned-img']")) == 1


def test_the_statement_page_draws_its_chart_and_runs_no_planted_script(
    site: tuple[Path, str, int], tmp_path: Path
) -> None:
    directory, sid, count = site
    page = directory / page_name(sid)
    dom = _dump_dom(page, tmp_path / "profile")
    _assert_no_planted_code_ran(dom)
    assert dom.findtext(".//title").startswith("Dana R. Whitcomb: “Operation Lantern")
    (chart,) = dom.xpath("//svg[@class='chart']")
    marks = chart.xpath('.//*[contains(concat(" ", @class, " "), " mark ")]')
    assert count >= 6 and len(marks) == count
    assert {m.get("class") for m in marks} == {
        "mark verbatim",
        "mark truncated",
        "mark altered",
        "mark misattributed",
    }
    assert all(m.find("title") is not None for m in marks)
    text = dom.text_content()
    assert SCRIPT in text and IMG in text  # the planted markup is shown as text
    assert f"prairiefox{IMG}" in text and f"Whitcomb{SCRIPT}" in text


def test_escaping_alone_keeps_the_planted_script_inert(
    site: tuple[Path, str, int], tmp_path: Path
) -> None:
    directory, sid, _ = site
    html = (directory / page_name(sid)).read_text("utf-8")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    assert html.count(meta) == 1
    page = tmp_path / "no-csp.html"
    page.write_text(html.replace(meta, ""), "utf-8")
    _assert_no_planted_code_ran(_dump_dom(page, tmp_path / "profile"))


def test_the_index_links_every_statement_page_and_runs_no_planted_script(
    site: tuple[Path, str, int], tmp_path: Path
) -> None:
    directory, sid, _ = site
    dom = _dump_dom(directory / "index.html", tmp_path / "profile")
    _assert_no_planted_code_ran(dom)
    links = dom.xpath("//table[@class='statements']//td/a/@href")
    assert page_name(sid) in links
    assert sorted(links) == sorted(p.name for p in directory.glob("statement-*.html"))
    (cluster,) = dom.xpath("//section[@class='cluster']")
    assert SCRIPT in cluster.text_content()  # the planted unmatched quote, as text
