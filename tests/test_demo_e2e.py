"""The demo pipeline end to end: real spider, real sources, links, quotes, report.

Asserts on the stored rows, and that a second run leaves every table's row
count unchanged.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from provenance.app.cli import main
from provenance.store import Store

FORUM = "http://forum.townsquare.example/index.php"
RELEASES = "http://www.ag.calloway.example/news/releases/"
R1 = RELEASES + "attorney-general-whitcomb-announces-results-of-operation-lantern"
R2 = (
    RELEASES
    + "attorney-general-whitcomb-secures-4-2-million-settlement-with-brightwell-home-warranty"
)
FARM = "http://www.dailywirenow.example/"
FARM_SPUN = FARM + "2026/01/09/attorney-general-whitcomb-introduces-effects-of-operation-lantern"
R3 = RELEASES + "two-brandt-falls-men-indicted-in-darknet-fentanyl-pill-scheme"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict, dict]:
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--db", str(db), "demo"]) == 0
    with Store.open(db, read_only=True) as store:
        first = store.counts()
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--db", str(db), "demo"]) == 0
    with Store.open(db, read_only=True) as store:
        second = store.counts()
    return db, out.getvalue(), first, second


def _rows(db: Path, sql: str) -> list[tuple]:
    with Store.open(db, read_only=True) as store:
        return store.query(sql)[1]


def test_running_the_demo_twice_leaves_every_row_count_unchanged(demo) -> None:
    _, _, first, second = demo
    assert {k: v for k, v in second.items() if k != "crawl_runs"} == {
        k: v for k, v in first.items() if k != "crawl_runs"
    }
    # a forum run, a sources run, an articles run and its sources run
    assert second["crawl_runs"] == first["crawl_runs"] + 4


def test_every_post_of_every_page_is_stored_clean(demo) -> None:
    db = demo[0]
    per_thread = dict(
        _rows(db, "SELECT thread_id, count(*) FROM posts WHERE kind = 'post' GROUP BY 1")
    )
    assert per_thread == {"1": 8, "2": 35, "3": 2}
    leaks = _rows(
        db,
        "SELECT permalink FROM posts WHERE body ILIKE '%Posts:%' OR body ILIKE '%Logged%' "
        "OR body ILIKE '%Jefferson%' OR (signature <> '' AND contains(body, signature))",
    )
    assert leaks == []
    first = _rows(db, "SELECT author, body, signature, cited_urls FROM posts WHERE post_id = '1'")
    author, body, signature, cited = first[0]
    assert author == "hickorystick"
    assert body.splitlines()[-1] == R1 and cited == [R1]
    assert "Jefferson" in signature
    quoted = _rows(db, "SELECT quoted_post_ids FROM posts WHERE post_id = '2'")
    assert quoted == [(["1"],)]


def test_sources_are_fetched_with_title_and_date(demo) -> None:
    db = demo[0]
    rows = _rows(
        db,
        "SELECT url, official, CAST(published AS VARCHAR), published_has_time, status "
        "FROM sources WHERE status = 200 ORDER BY url",
    )
    # the releases' article:published_time (10:00, 14:30 and 11:15 at UTC-5), in UTC
    assert rows == [
        (R1, True, "2026-01-08 15:00:00+00", True, 200),
        (R2, True, "2026-01-06 19:30:00+00", True, 200),
        (R3, True, "2026-01-15 16:15:00+00", True, 200),
    ]
    # the forum shows the R2 link cut short ("attorney-gen..."): only the href is cited
    others = _rows(db, f"SELECT url FROM sources WHERE url NOT IN ('{R1}', '{R2}', '{R3}')")
    assert others == []


def test_reposts_and_spun_copy_are_linked_to_the_official_release(demo) -> None:
    links = _rows(
        demo[0],
        "SELECT thread_id, post_id, source_url, method, verdict FROM links ORDER BY 1, 2",
    )
    assert links == [
        ("1", "1", R1, "cited", "verbatim"),
        ("2", "30", R2, "cited", "excerpt"),
        ("3", "27", R1, "immutables", "spun"),
        (FARM_SPUN, "article", R1, "immutables", "spun"),
    ]


def test_the_content_farm_article_is_found_through_its_feed(demo) -> None:
    articles = _rows(
        demo[0],
        "SELECT forum, thread_id, author, CAST(posted_at AS DATE) FROM posts "
        "WHERE kind = 'article' ORDER BY thread_id",
    )
    assert [a[1] for a in articles] == [
        FARM_SPUN,
        FARM + "2026/01/10/ten-winter-driving-tips-for-calloway-roads",
    ]
    assert articles[0][0] == "www.dailywirenow.example" and articles[0][2] == "Staff Writer"
    assert str(articles[0][3]) == "2026-01-09"


def test_quote_occurrences_are_labelled(demo) -> None:
    db = demo[0]
    labels = _rows(
        db,
        "SELECT o.post_id, o.label, s.source_url FROM quote_occurrences o "
        "LEFT JOIN statements s USING (statement_id) WHERE o.doc_kind = 'post' "
        "AND o.post_id IN ('3', '4', '5', '6', '11', '42') ORDER BY CAST(o.post_id AS INT)",
    )
    assert labels == [
        ("3", "verbatim", R1),
        ("4", "truncated", R1),
        ("5", "altered", R1),
        ("6", "misattributed", R1),
        ("11", "unmatched", None),
        ("42", "verbatim", R2),
    ]
    diff = _rows(db, "SELECT diff FROM quote_occurrences WHERE post_id = '5'")[0][0]
    assert "shipping → selling" in diff
    # the spun copy keeps the officials' words verbatim
    spun = _rows(db, "SELECT DISTINCT label FROM quote_occurrences WHERE post_id = '27'")
    assert spun == [("verbatim",)]
    speakers = _rows(
        db, "SELECT speaker, speaker_title, count(*) FROM statements GROUP BY 1, 2 ORDER BY 1"
    )
    assert speakers == [
        ("Aisha Karimi", "Director of the Calloway Bureau of Investigation", 2),
        ("Dana R. Whitcomb", "Attorney General", 5),
        ("Marcus Ellery", "State Police Superintendent", 1),
        ("Renata Obi", "Harlow County Sheriff", 1),
    ]


def test_the_report_names_speaker_source_and_labels(demo) -> None:
    report = demo[1]
    assert "Speaker:** Dana R. Whitcomb, Attorney General" in report
    assert f"<{R1}> (2026-01-08 15:00 UTC)" in report
    for label in ("**verbatim**", "**truncated**", "**altered**", "**misattributed**"):
        assert label in report
    assert "**unmatched**" in report
    assert "**spun** (immutables" in report


def test_views_answer_the_common_questions(demo) -> None:
    db = demo[0]
    per_source = _rows(
        db,
        "SELECT source_url, reposts, verbatim, excerpt, spun FROM v_reposts_per_source "
        "ORDER BY source_url",
    )
    assert per_source == [(R1, 3, 1, 0, 2), (R2, 1, 0, 1, 0), (R3, 0, 0, 0, 0)]
    by_speaker = _rows(
        db,
        "SELECT speaker, occurrences, changed, misattributed FROM v_alteration_by_speaker "
        "ORDER BY speaker",
    )
    assert by_speaker == [
        ("Aisha Karimi", 6, 0, 0),
        ("Dana R. Whitcomb", 8, 3, 1),
        ("Marcus Ellery", 3, 0, 0),
    ]
    by_forum = _rows(db, "SELECT forum, occurrences, changed FROM v_alteration_by_forum ORDER BY 1")
    assert by_forum == [("townsquare", 13, 3), ("www.dailywirenow.example", 4, 0)]
    spun = _rows(db, "SELECT site, kind, spun_copies FROM v_spun_sites ORDER BY site")
    assert spun == [("townsquare", "post", 1), ("www.dailywirenow.example", "article", 1)]
    lag = _rows(
        db,
        "SELECT lag_hours FROM v_first_seen_lag l JOIN statements s USING (statement_id) "
        "WHERE s.source_url = ? ORDER BY 1".replace("?", f"'{R2}'"),
    )
    assert lag == [(138,)]  # published Jan 6, 19:30 UTC; first quoted Jan 12, 14:05 UTC
    first = _rows(
        db,
        "SELECT min(lag_minutes), bool_and(published_has_time) FROM v_first_seen_lag l "
        f"JOIN statements s USING (statement_id) WHERE s.source_url = '{R1}'",
    )
    assert first == [(64, True)]  # released 15:00 UTC, first reposted 16:04 UTC
    reposters = _rows(
        db, "SELECT author FROM v_top_reposters WHERE forum = 'townsquare' ORDER BY 1"
    )
    assert reposters == [("bramble_jay",), ("hickorystick",), ("marsh_wren",)]
    over_time = _rows(
        db, "SELECT CAST(day AS VARCHAR), verdict, reposts FROM v_reposts_over_time ORDER BY 1, 2"
    )
    assert over_time == [
        ("2026-01-08", "verbatim", 1),
        ("2026-01-09", "spun", 1),
        ("2026-01-10", "excerpt", 1),
        ("2026-01-10", "spun", 1),
    ]


def test_export_to_parquet_round_trips(demo, tmp_path: Path) -> None:
    import duckdb

    db = demo[0]
    out = tmp_path / "export"
    assert main(["--db", str(db), "export", "--format", "parquet", str(out)]) == 0
    with Store.open(db, read_only=True) as store:
        counts = store.counts()
    con = duckdb.connect()
    for table, count in counts.items():
        path = out / f"{table}.parquet"
        assert con.execute(f"SELECT count(*) FROM '{path}'").fetchone() == (count,), table
    # the typed columns survive: lists, structs, timestamps
    row = con.execute(
        f"SELECT cited_urls, quotes, posted_at FROM '{out / 'posts.parquet'}' "
        "WHERE post_id = '1' AND thread_id = '1'"
    ).fetchone()
    assert row[0] == [R1] and row[1] == [] and row[2].year == 2026


def test_the_summary_report_has_headline_counts_and_a_chart(demo, tmp_path: Path) -> None:
    from lxml import html as lxml_html

    db = demo[0]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--db", str(db), "report", "--summary"]) == 0
    text = out.getvalue()
    assert "**Forums:** 1 (3 threads, 45 posts)" in text
    assert "**article sites:** 1 (2 articles)" in text
    assert "**Sources:** 3 fetched, 3 official" in text
    assert "**Links:** 4 (excerpt 1, spun 2, verbatim 1)" in text
    assert "| 2026-01-10 | 2 |" in text
    page = tmp_path / "summary.html"
    with contextlib.redirect_stdout(io.StringIO()):
        assert (
            main(["--db", str(db), "report", "--summary", "--format", "html", "--out", str(page)])
            == 0
        )
    tree = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    bars = tree.xpath("//*[local-name()='rect' and contains(@class, 'bar')]")
    assert len(bars) == 4  # one bar segment per (day, verdict)
    assert not tree.xpath("//script")


def test_the_statement_page_gives_the_true_lag_and_the_release_hour(demo, tmp_path: Path) -> None:
    from lxml import html as lxml_html

    site = tmp_path / "site"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--db", str(demo[0]), "report", "--all", "--out", str(site)]) == 0
    pages = [lxml_html.fromstring(p.read_text("utf-8")) for p in site.glob("statement-*.html")]
    lantern = [p for p in pages if R1 in p.xpath("//dl[@class='facts']/dd[1]//a/@href")]
    assert lantern
    for page in lantern:
        facts = {dt.text_content(): dt.getnext().text_content() for dt in page.xpath("//dt")}
        assert facts["Published"] == "2026-01-08 15:00 UTC"
        release = page.xpath("//*[@class='release-label']")[0].text
        assert release == "official release Jan 8 15:00 UTC"
    first = {
        dt.getnext().text_content()
        for p in lantern
        for dt in p.xpath("//dt")
        if dt.text_content() == "First repost seen"
    }
    assert any("(1 h after the release)" in f for f in first), first
