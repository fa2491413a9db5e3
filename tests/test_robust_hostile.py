"""Hostile world, second round: probes with servers on 127.0.0.1 started here.

Each probe family says what a stranger can write or serve and what must hold.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy import Request
from scrapy.utils.test import get_crawler
from twisted.internet.address import IPv4Address

from crawler.middlewares import (
    AddressGuardMiddleware,
    BlockedAddress,
    _GuardedReceiver,
    parse_allowed,
)
from provenance.app.commands import _run_spider
from provenance.store import Store
from tests.hostile_inputs import (
    BAD_VALUES,
    BIDI,
    DB_COMMANDS,
    UNFETCHABLE,
    bad_files,
    hostile_rows,
)
from tests.hostile_servers import ARTICLE, canary_urls, cite, serve

# ------------------------------------------------ 1. the guard keys on the port


def test_a_bare_host_allows_its_default_ports_only() -> None:
    crawler = get_crawler(settings_dict={"PROVENANCE_ALLOWED_HOSTS": ["127.0.0.1"]})
    guard = AddressGuardMiddleware.from_crawler(crawler)
    assert guard.process_request(Request("http://127.0.0.1/x")) is None
    assert guard.process_request(Request("https://127.0.0.1/x")) is None
    for url in ("http://127.0.0.1:8080/x", "http://127.0.0.1:443/x", "https://127.0.0.1:80/"):
        with pytest.raises(BlockedAddress):
            guard.process_request(Request(url))


def test_host_and_port_allows_that_port_only() -> None:
    crawler = get_crawler(settings_dict={"PROVENANCE_ALLOWED_HOSTS": ["127.0.0.1:8092"]})
    guard = AddressGuardMiddleware.from_crawler(crawler)
    assert guard.process_request(Request("http://127.0.0.1:8092/x")) is None
    for url in ("http://127.0.0.1/x", "http://127.0.0.1:8093/x", "http://127.1:8093/x"):
        with pytest.raises(BlockedAddress):
            guard.process_request(Request(url))


@pytest.mark.parametrize("entry", ["http://", "a b", "127.0.0.1:99999", "user@h", "ftp://h", "h/p"])
def test_a_bad_allow_entry_is_refused_by_name(entry: str) -> None:
    with pytest.raises(ValueError, match="not an allowed host"):
        parse_allowed([entry])


def test_the_connect_time_check_drops_a_non_public_address() -> None:
    # what the resolver hands to the connection, after the middleware passed:
    # a name that now resolves to loopback (DNS rebinding) gets no address
    got: list[object] = []

    class Receiver:
        def resolutionBegan(self, r: object) -> None:  # noqa: N802
            pass

        def addressResolved(self, a: object) -> None:  # noqa: N802
            got.append(a)

        def resolutionComplete(self) -> None:  # noqa: N802
            pass

    _GuardedReceiver(Receiver(), "rebind.example", 80, False, None).addressResolved(
        IPv4Address("TCP", "127.0.0.1", 80)
    )
    _GuardedReceiver(Receiver(), "public.example", 80, False, None).addressResolved(
        IPv4Address("TCP", "1.1.1.1", 80)
    )
    _GuardedReceiver(Receiver(), "127.0.0.1", 8092, True, None).addressResolved(
        IPv4Address("TCP", "127.0.0.1", 8092)
    )
    assert [a.host for a in got] == ["1.1.1.1", "127.0.0.1"]  # type: ignore[attr-defined]


def _sources(db: Path, allow: list[str]) -> dict[str, object]:
    args = ["sources", "--db", str(db), "--no-throttle", "--set", "ROBOTSTXT_OBEY=false"]
    for entry in allow:
        args += ["--allow-host", entry]
    return _run_spider(args, echo=False)


@pytest.mark.parametrize("allow", ["port", "bare+forum"])
def test_cited_urls_never_reach_another_port_of_an_allowed_host(tmp_path: Path, allow: str) -> None:
    with serve({}) as (canary, canary_hits):
        routes = {
            "/article": ARTICLE,
            "/redirect-to-canary": (302, {"Location": f"http://127.0.0.1:{canary}/via"}, b""),
        }
        with serve(routes) as (forum, _):  # type: ignore[arg-type]
            db = tmp_path / "g.duckdb"
            urls = canary_urls(forum, canary)
            cite(db, [f"http://127.0.0.1:{forum}/article", *urls])
            entries = (
                [f"127.0.0.1:{forum}"] if allow == "port" else ["127.0.0.1", f"127.0.0.1:{forum}"]
            )
            _sources(db, entries)
    assert canary_hits == []
    with Store.open(db, read_only=True) as store:
        ok = store.query("SELECT url FROM sources WHERE status = 200")[1]
    assert ok == [(f"http://127.0.0.1:{forum}/article",)]


# ------------------------------------------- 5. official is configured or verified


@pytest.mark.parametrize(
    ("url", "official"),
    [
        ("https://www.justice.gov/opa/pr/x", True),
        ("https://www.army.mil/article/1", True),
        ("https://www.gov.uk/government/news/x", True),  # gov.uk is a government suffix
        ("https://www.justice.gov.uk/news", True),
        ("https://agency.gov./x", True),
        ("https://www.justice.gov.attacker-news.com/x", False),
        ("https://fbi.gov.ru/x", False),
        ("https://gov.evil.com/x", False),
        ("https://evilgov/x", False),
        ("https://news.example/x", False),
        ("https://press.county.example/x", True),  # configured
        ("https://county.example.evil.com/x", False),
    ],
)
def test_official_means_configured_or_a_government_registrable_domain(
    url: str, official: bool
) -> None:
    from crawler.spiders.sources import is_official

    assert is_official(url, frozenset({"county.example"})) is official


# ------------------------------------------------------ 8. one line and exit 2


def _one_line_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    from provenance.app.cli import main

    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    return err


@pytest.mark.parametrize("command", DB_COMMANDS)
def test_a_truncated_or_foreign_database_gives_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    for kind, path in bad_files(tmp_path).items():
        before = path.read_bytes()
        err = _one_line_exit_2(["--db", str(path), *command], capsys)
        assert str(path.name) in err, (kind, err)
        assert path.read_bytes() == before  # nothing written into someone else's file


@pytest.mark.parametrize("command", [["link"], ["report"], ["sql", "SELECT 1"], ["export", "o"]])
def test_a_missing_database_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    db = tmp_path / "missing.duckdb"
    assert "does not exist" in _one_line_exit_2(["--db", str(db), *command], capsys)
    assert not db.exists()


@pytest.mark.parametrize(("argv", "message"), BAD_VALUES)
def test_bad_values_are_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    db = tmp_path / "p.duckdb"
    Store.open(db).close()
    assert message in _one_line_exit_2(["--db", str(db), *argv], capsys)


def test_sql_is_stopped_by_its_time_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.duckdb"
    Store.open(db).close()
    endless = "SELECT count(*) FROM range(100000000000) a"
    argv = ["--db", str(db), "sql", endless, "--timeout", "0.5"]
    assert "stopped after" in _one_line_exit_2(argv, capsys)


def test_duckdb_never_loads_extensions_from_the_network(tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.duckdb") as store:
        settings = store.query(
            "SELECT current_setting('autoinstall_known_extensions'), "
            "current_setting('autoload_known_extensions')"
        )[1]
    assert settings == [(False, False)]


# ------------------------------------- 6. Markdown reports and bidirectional text


def test_an_identical_quote_with_a_bidi_override_inside_is_verbatim() -> None:
    from provenance.quotes.variants import Statement, label_occurrence
    from provenance.text import normalise

    said = "We will rebuild the sea walls before the winter storms arrive"
    statement = Statement("s1", said, "Mayor Ortiz", None)
    hostile = said.replace("rebuild", "re\u202ebuild").replace("winter", "\u2066winter\u2069")
    assert label_occurrence(hostile, "Mayor Ortiz", [statement]).label == "verbatim"
    assert normalise(hostile) == normalise(said)
    assert not set(BIDI) & set(normalise("a" + BIDI + "b"))


def _render_in_chromium(markdown_text: str, folder: Path) -> tuple[str, str]:
    """The HTML a common renderer (markdown-it, raw HTML allowed as CommonMark
    says) makes of `markdown_text`, and the DOM headless Chromium ends with."""
    import subprocess

    from markdown_it import MarkdownIt

    page = folder / "report.html"
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown_text)
    page.write_text(f"<!doctype html><html><body>{html}</body></html>", encoding="utf-8")
    proc = subprocess.run(
        [
            "/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
            "--no-first-run", "--disable-background-networking", "--disable-sync",
            "--disable-component-update", f"--user-data-dir={folder / 'profile'}",
            "--virtual-time-budget=3000", "--dump-dom", page.as_uri(),
        ],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0 and "<html" in proc.stdout, proc.stderr[-2000:]
    return html, proc.stdout


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="no headless Chromium")
def test_a_markdown_report_runs_no_script_and_fetches_no_image(tmp_path: Path) -> None:
    from provenance.report.markdown import links_markdown, statements_markdown

    with serve({}) as (port, hits):
        rows = hostile_rows(f"http://127.0.0.1:{port}")
        # control: the same values written into Markdown unescaped do run and fetch
        occ = rows[0]["occurrences"][0]  # type: ignore[index]
        raw = f"{rows[0]['text']}\n\n{occ['author']}\n"
        _, dom = _render_in_chromium(raw, tmp_path)
        assert "pwned-script" in dom and hits, "the control page should run and fetch"
        hits.clear()
        (tmp_path / "profile").mkdir(exist_ok=True)
        report = statements_markdown(rows) + links_markdown(
            [(occ["permalink"], occ["author"], occ["thread_title"], occ["text"], "m", "v", 1.0)]
        )
        html, dom = _render_in_chromium(report, tmp_path)
    assert hits == [], "an image or link target was fetched"
    assert "pwned" not in dom.replace("='pwned", "")  # only as escaped text, never as an id
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript' not in html.lower()
    assert not set(BIDI) & set(report)
    assert "&lt;script&gt;" in html  # the text is still there, shown as text


def test_rendered_markdown_holds_no_tag_image_or_link_from_scraped_text() -> None:
    from markdown_it import MarkdownIt

    from provenance.report.markdown import statements_markdown

    rows = hostile_rows("http://127.0.0.1:9")
    report = statements_markdown(rows)
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(report)
    # control: the renderer does keep raw HTML and images when nothing escapes them
    raw = MarkdownIt("commonmark").render(str(rows[0]["text"]))
    assert "<script" in raw and "<img" in raw
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript' not in html.lower()
    # the only links are the autolinks of plain http(s) URLs the report gives
    assert html.count("<a ") == html.count('<a href="http://127.0.0.1:9/source-url"') + html.count(
        '<a href="http://f.example'
    )
    assert not set(BIDI) & set(report)
    assert "&lt;script&gt;" in html


# ------------------------------------- 2. IPv6 literals and URLs that cannot be fetched


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://[2001:DB8::1]:8080/a", "http://[2001:db8::1]:8080/a"),
        ("http://[::1]/x", "http://[::1]/x"),
        ("https://[2001:db8::1]:443/", "https://[2001:db8::1]/"),
    ],
)
def test_an_ipv6_literal_keeps_its_brackets(url: str, expected: str) -> None:
    from provenance.text.urls import normalise_url

    assert normalise_url(url) == expected
    assert normalise_url(expected) == expected


def test_unfetchable_cited_urls_become_failed_sources_and_the_run_goes_on(tmp_path: Path) -> None:
    from provenance.app.commands import run_link, run_quotes

    db = tmp_path / "u.duckdb"
    cite(db, UNFETCHABLE, text='The mayor said "we will rebuild the sea walls before winter".')
    summary = _sources(db, [])
    assert summary["finish_reason"] == "finished"
    with Store.open(db, read_only=True) as store:
        rows = store.query("SELECT url, status, error FROM sources")[1]
    assert len(rows) == len(UNFETCHABLE)
    assert all(status != 200 and error for _, status, error in rows), rows
    run_link(str(db))
    run_quotes(str(db))  # both finish on a database holding only failed sources
