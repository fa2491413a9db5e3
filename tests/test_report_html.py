"""HTML reports from hand-made rows: the timeline chart, the diffs, the site, escaping.

Pages are parsed with lxml and checked element by element; a planted payload must come
out as visible text, never as markup.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from provenance.app.cli import main
from provenance.report.data import cluster_unmatched
from provenance.report.html import (
    CSP,
    page_name,
    report_page,
    safe_url,
    site_pages,
    statement_page,
    timeline_svg,
)
from provenance.store import Store

FORUM = "http://forum.example/index.php?topic=1.msg"
SOURCE = "http://ag.example/news/operation-lantern"
TEXT = (
    "The people who sold these pills knew they were shipping poison to our neighbors, and we "
    "will keep following the packages, the money and the servers until every one of them has "
    "answered for it."
)
# What a hostile forum user can type into a post, a user name or a thread title.
SCRIPT = "<script>document.title='pwned'</script>"
IMG = "<img src=x onerror=\"document.title='pwned'\">"
ATTR = '" onmouseover="document.title=\'pwned\'" x="'
JS_URL = "javascript:document.title='pwned'"
# Every element the renderer writes; anything else came from the data.
RENDERED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "footer", "p", "a", "span",
    "strong", "code", "br", "h1", "h2", "h3", "article", "blockquote", "dl", "dt", "dd",
    "figure", "figcaption", "svg", "rect", "text", "tspan", "line", "g", "circle", "path",
    "ol", "ul", "li", "div", "time", "details", "summary", "del", "ins", "table", "thead",
    "tbody", "tr", "th", "td", "section", "header", "nav",
}  # fmt: skip


def _occ(label: str, seen_at: str | None, post_id: str, **kw: Any) -> dict[str, Any]:
    return {
        "doc_kind": "post",
        "forum": "f",
        "thread_id": "1",
        "post_id": post_id,
        "source_url": None,
        "text": TEXT,
        "speaker": "Whitcomb",
        "label": label,
        "score": 1.0,
        "diff": "",
        "seen_at": seen_at,
        "permalink": f"{FORUM}{post_id}#msg{post_id}",
        "author": f"user{post_id}",
        "thread_title": "Operation Lantern",
        "post_kind": "post",
    } | kw


def _row(occurrences: list[dict[str, Any]], **kw: Any) -> dict[str, Any]:
    return {
        "statement_id": "7dec4f834c6719b68bf27e2a",
        "speaker": "Dana R. Whitcomb",
        "speaker_title": "Attorney General",
        "text": TEXT,
        "source_url": SOURCE,
        "source_title": "Attorney General Announces Results of Operation Lantern",
        "published": "2026-01-08",
        "official": True,
        "occurrences": occurrences,
    } | kw


OCCURRENCES = [
    _occ("verbatim", "2026-01-08 16:04:17+00", "1"),
    _occ("verbatim", "2026-01-08 17:15:03+00", "3"),
    _occ("truncated", "2026-01-08 18:40:22+00", "4", text=TEXT[:80]),
    _occ(
        "altered",
        "2026-01-08 20:02:49+00",
        "5",
        text=TEXT.replace("shipping", "selling"),
        diff="shipping → selling; −', the money and the servers' (…); +'very'",
    ),
    _occ(
        "misattributed",
        "2026-01-08 22:26:11+00",
        "6",
        speaker="Marcus Ellery",
        diff="speaker: Dana R. Whitcomb → Marcus Ellery",
    ),
    _occ("verbatim", "2026-01-10 12:52:08+00", "27"),
]


def _doc(page: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(page)


def _marks(doc: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return doc.xpath('//svg//*[contains(concat(" ", @class, " "), " mark ")]')


def _x(mark: lxml.html.HtmlElement) -> float:
    match = re.match(r"translate\(([\d.]+) ", mark.find("g").get("transform"))
    assert match
    return float(match.group(1))


# ------------------------------------------------------------------ the chart
def test_the_chart_has_one_mark_per_occurrence_with_its_label_class_and_link() -> None:
    marks = _marks(_doc(timeline_svg(_row(OCCURRENCES))))
    assert [(m.tag, m.get("class"), m.get("href")) for m in marks] == [
        ("a", f"mark {o['label']}", o["permalink"]) for o in OCCURRENCES
    ]
    tooltips = [m.find("title").text for m in marks]
    assert tooltips[3] == (
        "altered · 2026-01-08 20:02 UTC · post 5 in “Operation Lantern” by user5 · "
        "attributed to Whitcomb"
    )
    assert all(t.startswith(o["label"]) for t, o in zip(tooltips, OCCURRENCES, strict=True))


def test_marks_run_in_time_from_the_official_release_with_one_lane_per_label() -> None:
    doc = _doc(timeline_svg(_row(OCCURRENCES)))
    xs = [_x(m) for m in _marks(doc)]
    release = float(doc.xpath('//line[@class="release"]/@x1')[0])
    assert release < xs[0] < xs[2] < xs[3] < xs[4] < xs[5]
    lanes = [t.text_content() for t in doc.xpath('//text[@class="lane-label"]')]
    assert lanes == ["verbatim (3)", "truncated (1)", "altered (1)", "misattributed (1)"]
    ticks = [t.text for t in doc.xpath('//text[@class="tick"]')]
    assert ticks[:3] == ["Jan 8 00:00", "Jan 8 12:00", "Jan 9 00:00"]
    # the first repost is ringed
    assert len(doc.xpath('//circle[@class="first"]')) == 1


def test_an_undated_occurrence_gets_a_mark_in_a_column_of_its_own() -> None:
    occurrences = [*OCCURRENCES, _occ("altered", None, "99")]
    doc = _doc(timeline_svg(_row(occurrences)))
    marks = _marks(doc)
    assert len(marks) == len(occurrences)
    assert _x(marks[-1]) > max(_x(m) for m in marks[:-1])
    assert doc.xpath('//text[@class="undated"]')[0].text == "date unknown"


def test_a_long_span_gets_month_ticks() -> None:
    occurrences = [_occ("verbatim", "2026-07-20 10:00:00+00", "1")]
    ticks = [t.text for t in _doc(timeline_svg(_row(occurrences))).xpath('//text[@class="tick"]')]
    assert ticks == ["Feb 2026", "Mar 2026", "Apr 2026", "May 2026", "Jun 2026", "Jul 2026"]


def test_a_statement_with_no_occurrence_has_no_chart() -> None:
    doc = _doc(statement_page(_row([])))
    assert doc.xpath("//svg") == []
    assert "No occurrence seen yet." in doc.text_content()


# ------------------------------------------------------------------ the page
def test_the_statement_page_shows_source_first_repost_and_diffs() -> None:
    doc = _doc(statement_page(_row(OCCURRENCES)))
    facts = {
        dt.text_content(): dt.getnext().text_content()
        for dt in doc.xpath("//dl[@class='facts']/dt")
    }
    assert facts["Official source"].startswith("Attorney General Announces Results")
    assert SOURCE in facts["Official source"]
    assert facts["Published"] == "2026-01-08"
    assert facts["First repost seen"] == (
        "2026-01-08 16:04 UTC (on the day of the release; its time of day is not known) · "
        "post 1 in “Operation Lantern” by user1"
    )
    assert facts["Occurrences"].split() == (
        ["6", "verbatim3", "truncated1", "altered1", "misattributed1"]
    )
    assert doc.xpath("//dl//a/@href")[:2] == [SOURCE, f"{FORUM}1#msg1"]
    items = doc.xpath("//ol[@class='occurrences']/li")
    assert len(items) == len(OCCURRENCES)
    assert [li.xpath(".//a/@href")[0] for li in items] == [o["permalink"] for o in OCCURRENCES]
    altered = items[3]
    assert [d.text for d in altered.xpath(".//del")] == ["shipping", ", the money and the servers"]
    assert [i.text for i in altered.xpath(".//ins")] == ["selling", "very"]
    assert "cut, marked (…)" in altered.text_content()
    misattributed = items[4]
    assert [d.text for d in misattributed.xpath(".//del")] == ["Dana R. Whitcomb"]
    assert [i.text for i in misattributed.xpath(".//ins")] == ["Marcus Ellery"]
    assert doc.xpath("//p[@class='crumbs']/a/@href") == ["index.html"]


def test_a_release_with_a_time_of_day_gives_the_exact_lag() -> None:
    row = _row(OCCURRENCES, published="2026-01-08 15:00:00+00")
    doc = _doc(statement_page(row))
    facts = {dt.text_content(): dt.getnext().text_content() for dt in doc.xpath("//dt")}
    assert facts["Published"] == "2026-01-08 15:00 UTC"
    assert facts["First repost seen"].startswith("2026-01-08 16:04 UTC (1 h after the release)")
    assert doc.xpath('//text[@class="release-label"]')[0].text == (
        "official release Jan 8 15:00 UTC"
    )


def test_truncated_and_altered_quotes_are_shown_against_the_official_words() -> None:
    doc = _doc(statement_page(_row(OCCURRENCES)))
    items = doc.xpath("//ol[@class='occurrences']/li")
    truncated, altered = items[2], items[3]
    runs = truncated.xpath(".//p[@class='against']/span[starts-with(@class, 'w-')]")
    assert " ".join(r.text for r in runs) == TEXT  # the official words, what was cut marked
    assert runs[-1].get("class") == "w-cut" and runs[-1].text.endswith("answered for it.")
    assert altered.xpath(".//span[@class='w-cut']/text()") == ["shipping"]
    assert altered.xpath(".//span[@class='w-added']/text()") == ["selling"]
    assert [li.xpath(".//p[@class='against']") != [] for li in items] == [
        False, False, True, True, False, False,
    ]  # fmt: skip


def test_every_page_takes_its_label_colours_from_one_mapping() -> None:
    from provenance.report.data import COLOURS
    from provenance.report.render import colour_class
    from provenance.report.summary import summary_html

    data = {
        "headline": dict.fromkeys(
            ("forums", "threads", "posts", "sites", "articles", "sources", "official",
             "links", "statements", "occurrences"), 1),
        "verdicts": {"verbatim": 3}, "labels": {"verbatim": 1},
        "days": {"2026-01-08": {"verbatim": 3, "excerpt": 1}, "2026-01-09": {"spun": 7}},
    }  # fmt: skip
    pages = site_pages([_row(OCCURRENCES)], summary=data)
    pages["single.html"] = report_page([_row(OCCURRENCES)])
    pages["alone.html"] = summary_html(data)
    for name, page in pages.items():
        for label, (fill, _) in COLOURS.items():
            # one CSS name per label: "first seen" is "first-seen", never two classes
            assert f"--{colour_class(label)}:{fill};" in page, (name, label)
            assert " " not in colour_class(label)
        assert "#1a7f37" not in page and "#2e7d32" not in page  # no colour of its own
    summary = _doc(pages["summary.html"])
    assert [b.get("class") for b in summary.xpath("//rect[contains(@class, 'bar')]")] == [
        "bar verbatim", "bar excerpt", "bar spun",
    ]  # fmt: skip
    assert [t.text for t in summary.xpath("//text[@class='y-tick']")] == ["0", "2", "4", "6", "8"]
    assert summary.xpath("//header//a/@href") == ["index.html", "summary.html"]
    index = _doc(pages["index.html"])
    assert "summary.html" in index.xpath("//a/@href")
    assert "index.html" in summary.xpath("//main//a/@href")


def test_the_page_is_self_contained_under_a_strict_content_security_policy() -> None:
    page = report_page([_row(OCCURRENCES)])
    doc = _doc(page)
    head = doc.find("head")
    assert head[0].get("charset") == "utf-8"
    assert head[1].get("http-equiv") == "Content-Security-Policy"
    assert head[1].get("content") == CSP
    assert "default-src 'none'" in CSP and "script" not in CSP
    assert doc.xpath("//script | //link | //img | //iframe | //object | //embed") == []
    assert "@import" not in page and "url(" not in page


def test_the_site_has_an_index_with_counts_and_one_page_per_statement() -> None:
    other = _row(
        [_occ("verbatim", "2026-01-12 14:05:10+00", "42")],
        statement_id="a998f9d9aae42a22e63278e4",
        text="Ask for the contract in writing.",
        source_url="http://ag.example/news/warranty",
        source_title="Warranty settlement",
        published="2026-01-06",
    )
    clusters = cluster_unmatched([_occ("unmatched", "2026-01-09 01:48:35+00", "11", text="x y")])
    pages = site_pages([_row(OCCURRENCES), other], clusters)
    assert sorted(pages) == [
        "index.html",
        "statement-7dec4f834c67.html",
        "statement-a998f9d9aae4.html",
    ]
    index = _doc(pages["index.html"])
    rows = index.xpath("//table[@class='statements']//tr[td]")
    assert [r.xpath("td[1]/a/@href")[0] for r in rows] == [
        "statement-7dec4f834c67.html",
        "statement-a998f9d9aae4.html",
    ]
    assert [th.text_content() for th in index.xpath("//table[@class='statements']/thead//th")] == [
        "Statement",
        "Speaker",
        "verbatim",
        "truncated",
        "altered",
        "misattributed",
        "First repost",
    ]
    assert [[td.text for td in r.xpath("td[@class='n' or @class='n zero']")] for r in rows] == [
        ["3", "1", "1", "1"],
        ["1", "0", "0", "0"],
    ]
    assert "1 unmatched quote in 1 group" in index.text_content()
    assert index.xpath("//section[@class='cluster']//a/@href") == [f"{FORUM}11#msg11"]


def test_page_names_never_leave_the_directory() -> None:
    assert page_name("7dec4f834c6719b68bf27e2a") == "statement-7dec4f834c67.html"
    assert page_name("../../etc/x") == "statement-______etc_x.html"
    assert "/" not in page_name("a/b") and "\\" not in page_name("a\\b")


# ----------------------------------------------------------------- escaping
@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("http://forum.example/?topic=1.msg5#msg5", True),
        ("HTTPS://forum.example/", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("//forum.example/x", False),
        ("http:/no-host", False),
        ("http://a.example/x y", False),
        ("", False),
        (None, False),
    ],
)
def test_only_absolute_http_urls_are_linked(url: str | None, linked: bool) -> None:
    assert (safe_url(url) is not None) == linked


def _hostile_row() -> dict[str, Any]:
    planted = f"{SCRIPT} {IMG} {ATTR}"
    occurrences = [
        _occ(
            "altered",
            "2026-01-08 20:02:49+00",
            "5",
            text=f"{TEXT} {planted}",
            author=f"mallory{IMG}",
            speaker=f"Whitcomb{SCRIPT}",
            thread_title=f"Lantern {ATTR}",
            diff=f"shipping → selling{SCRIPT}; +'{IMG}'; −'{ATTR}'",
            permalink=JS_URL,
        ),
        _occ("misattributed", "2026-01-08 22:26:11+00", "6", speaker=IMG, permalink=ATTR),
        _occ(f"verbatim{SCRIPT}", "2026-01-09 10:00:00+00", "7", text=planted),
    ]
    return _row(
        occurrences,
        speaker=f"Dana {SCRIPT}",
        speaker_title=IMG,
        text=f"{TEXT} {planted}",
        source_title=f"Release {SCRIPT}",
        source_url=f"{JS_URL}//{IMG}",
        published=f"2026-01-08{SCRIPT}",
        statement_id=f"7dec{ATTR}",
    )


def _hostile_pages() -> dict[str, str]:
    row = _hostile_row()
    clusters = cluster_unmatched([o | {"label": "unmatched"} for o in row["occurrences"]])
    links = [(JS_URL, IMG, SCRIPT, f"{JS_URL}{ATTR}", ATTR, f"spun{SCRIPT}", 0.5)]
    pages = site_pages([row], clusters, links)
    pages["report.html"] = report_page([row, row | {"statement_id": "other"}], clusters, links)
    return pages


@pytest.mark.parametrize("name", ["index.html", "report.html", "statement"])
def test_planted_markup_comes_out_as_text_never_as_markup(name: str) -> None:
    pages = _hostile_pages()
    page = next(p for n, p in pages.items() if n.startswith(name))
    doc = _doc(page)
    tags = {el.tag for el in doc.iter() if isinstance(el.tag, str)}
    assert tags <= RENDERED_TAGS
    assert doc.xpath("//script") == [] and doc.xpath("//img") == []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        assert not [a for a in el.attrib if a.lower().startswith("on")], el.attrib
        for attr in ("href", "src", "xlink:href", "{http://www.w3.org/1999/xlink}href"):
            value = (el.get(attr) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:")), value
            assert value in ("", "index.html", "summary.html") or value.startswith(
                ("http://", "https://", "#", "statement-")
            )
    text = doc.text_content()
    assert SCRIPT in text and IMG in text  # shown, not dropped
    assert "<script" not in page.replace(SCRIPT, "")  # the raw tag only ever escaped
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in page


def test_a_planted_statement_id_cannot_break_out_of_its_attribute() -> None:
    doc = _doc(statement_page(_hostile_row()))
    (article,) = doc.xpath("//article")
    assert set(article.attrib) == {"class", "id"}
    assert re.fullmatch(r"s-[0-9A-Za-z_-]+", article.get("id"))


# ------------------------------------------------------------------ the CLI
@pytest.fixture()
def db(tmp_path: Path) -> Path:
    """Two releases, three statements, a few occurrences and one unmatched quote."""
    path = tmp_path / "r.duckdb"
    posts, occurrences = [], []
    for n, (label, sid, speaker) in enumerate(
        [
            ("verbatim", "s1aaaaaaaaaaaaaaaaaaaaaa", "Whitcomb"),
            ("altered", "s1aaaaaaaaaaaaaaaaaaaaaa", "Dana Whitcomb"),
            ("verbatim", "s2bbbbbbbbbbbbbbbbbbbbbb", "Aisha Karimi"),
            ("unmatched", None, "Karimi"),
        ],
        start=1,
    ):
        posts.append(
            {
                "forum": "f",
                "thread_id": "1",
                "post_id": str(n),
                "permalink": f"{FORUM}{n}#msg{n}",
                "thread_title": "Lantern",
                "position": n,
                "author": f"user{n}",
                "body": "…",
                "kind": "post",
            }
        )
        occurrences.append(
            {
                "occurrence_id": f"o{n}",
                "doc_kind": "post",
                "forum": "f",
                "thread_id": "1",
                "post_id": str(n),
                "text": f"quote {n}",
                "speaker": speaker,
                "statement_id": sid,
                "label": label,
                "diff": "shipping → selling" if label == "altered" else "",
                "seen_at": datetime(2026, 1, 8 + n, 12, tzinfo=UTC),
            }
        )
    with Store.open(path) as store:
        store.upsert("posts", posts)
        store.upsert(
            "sources",
            [
                {"url": f"{SOURCE}-{k}", "official": True, "title": f"R{k}", "published": d}
                for k, d in (
                    (1, datetime(2026, 1, 8, tzinfo=UTC)),
                    (2, datetime(2026, 1, 9, tzinfo=UTC)),
                )
            ],
        )
        store.upsert(
            "statements",
            [
                {
                    "statement_id": sid,
                    "source_url": url,
                    "position": 0,
                    "speaker": speaker,
                    "speaker_key": key,
                    "text": f"statement {sid[:2]}",
                }
                for sid, url, speaker, key in (
                    ("s1aaaaaaaaaaaaaaaaaaaaaa", f"{SOURCE}-1", "Dana R. Whitcomb", "whitcomb"),
                    ("s2bbbbbbbbbbbbbbbbbbbbbb", f"{SOURCE}-1", "Aisha Karimi", "karimi"),
                    ("s3cccccccccccccccccccccc", f"{SOURCE}-2", "Aisha Karimi", "karimi"),
                )
            ],
        )
        store.upsert("quote_occurrences", occurrences)
    return path


def _statements(page: str) -> list[str]:
    return [a.get("id") for a in _doc(page).xpath("//article")]


def test_report_selects_by_speaker_key_and_by_source(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--db", str(db), "report", "--format", "html"]
    assert main([*args, "--speaker", "AG Whitcomb"]) == 0
    assert _statements(capsys.readouterr().out) == ["s-s1aaaaaaaaaa"]
    assert main([*args, "--speaker", "Karimi"]) == 0
    assert _statements(capsys.readouterr().out) == ["s-s2bbbbbbbbbb", "s-s3cccccccccc"]
    assert main([*args, "--speaker", "karimi", "--source", f"{SOURCE}-2#top"]) == 0
    assert _statements(capsys.readouterr().out) == ["s-s3cccccccccc"]
    assert main([*args, "s1"]) == 0
    page = capsys.readouterr().out
    assert _statements(page) == ["s-s1aaaaaaaaaa"]
    assert "Quotes with no official statement" not in page  # a selection leaves them out
    assert main(["--db", str(db), "report", "--speaker", "Karimi", "--format", "json"]) == 0
    assert "s3cccccccccccccccccccccc" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--speaker", "Nobody Atall"], "no statement matches speaker 'Nobody Atall'"),
        (["--source", "javascript:alert(1)"], "not an http(s) URL: 'javascript:alert(1)'"),
        (["--all"], "--all writes an HTML site: give --out DIR"),
        (["--all", "--out", "x", "--format", "json"], "--all writes an HTML site"),
    ],
)
def test_report_errors_are_one_line(
    db: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db), "report", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_report_writes_a_page_and_a_site(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "one.html"
    assert main(["--db", str(db), "report", "--format", "html", "--out", str(out)]) == 0
    page = out.read_text("utf-8")
    assert _statements(page) == ["s-s1aaaaaaaaaa", "s-s2bbbbbbbbbb", "s-s3cccccccccc"]
    assert "Quotes with no official statement" in page
    site = tmp_path / "site"
    assert main(["--db", str(db), "report", "--all", "--out", str(site)]) == 0
    assert "3 statement pages" in capsys.readouterr().out
    assert sorted(p.name for p in site.iterdir()) == [
        "index.html",
        "statement-s1aaaaaaaaaa.html",
        "statement-s2bbbbbbbbbb.html",
        "statement-s3cccccccccc.html",
        "summary.html",
    ]
    statement = _doc((site / "statement-s1aaaaaaaaaa.html").read_text("utf-8"))
    assert [m.get("class") for m in _marks(statement)] == ["mark verbatim", "mark altered"]
    index = _doc((site / "index.html").read_text("utf-8"))
    assert index.xpath("//section[@class='cluster']//a/@href") == [f"{FORUM}4#msg4"]
