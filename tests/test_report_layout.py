"""The report's layout in a real browser: headless Chromium, driven over its DevTools
protocol, lays out pages of the demo database at 1280, 768 and 390 px and measures them.

Pages: the report index, the statement page with the most occurrences, the summary, and
a search result of `provenance serve`. On each, at each width:

* nothing overflows the viewport sideways: the document is no wider than the viewport
  and no element's box reaches past either edge. An element that clips or scrolls its
  own content (overflow-x not visible: the `.scroll` wrapper of a table, an SVG chart)
  is measured itself, its content is not;
* at 768 px, prose is not set to break words anywhere (computed overflow-wrap and
  word-break of paragraphs, quotes, list items, cells) and no word of it is split
  across two lines;
* every label has one colour: the computed colour of each chip, legend key, chart mark
  and bar, collected over every page and width, is one per label name and is the one
  in `data.COLOURS`.

Screenshots of every page at every width are written under the test's tmp_path. The
controls plant an overflowing element, a word-breaking rule and an off-colour chip into
real pages and see each check fail, so the checks could fail.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from provenance.app.cli import main
from provenance.report.data import COLOURS
from provenance.report.html import page_name
from provenance.store import Store

websocket = pytest.importorskip("websocket", reason="websocket-client (the test extra)")

ROOT = Path(__file__).parents[1]
CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="headless Chromium is not installed (/usr/bin/chromium; Debian: apt-get install "
    "chromium)",
)

WIDTHS = (1280, 768, 390)
HEIGHT = 900
PAGES = ("index", "statement", "summary", "search")
SHOTS: list[Path] = [Path()]  # where the module's screenshots went

# Elements whose text is prose: read as sentences, so never broken inside a word.
PROSE = "p, blockquote, figcaption, dd, dt, li, h1, h2, h3, th, td, .occ-head > *"
# Inside prose, what is not words: addresses and ids may break anywhere.
NOT_PROSE = ".url, code, svg"

# Measures the laid out page; returns plain JSON. Runs through the DevTools protocol,
# so the pages' CSP (no script at all) stays as it is.
MEASURE = (
    """
((PROSE, NOT_PROSE) => {
  const root = document.documentElement;
  const viewport = root.clientWidth;
  const describe = (el) => {
    const cls = (el.getAttribute('class') || '').trim().split(/\\s+/).filter(Boolean);
    return el.tagName.toLowerCase() + cls.map((c) => '.' + c).join('');
  };
  const overflowing = [];
  const check = (node, r, what) => {
    if (r.width > 0 || r.height > 0) {
      const left = r.left + window.scrollX, right = r.right + window.scrollX;
      if (right > viewport + 0.5 || left < -0.5) {
        overflowing.push({el: what, left: left, right: right,
                          text: (node.textContent || '').trim().slice(0, 60)});
      }
    }
  };
  const walk = (el) => {
    for (const child of el.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        // text can run out of its element's box: measure its lines too
        if (!child.data.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(child);
        check(child, range.getBoundingClientRect(), describe(el) + ' text');
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        check(child, child.getBoundingClientRect(), describe(child));
        // an element that clips or scrolls sideways holds its own content: measure it,
        // not what is inside it
        if (getComputedStyle(child).overflowX === 'visible') walk(child);
      }
    }
  };
  walk(document.body);

  const breaking = [];
  const split = [];
  for (const el of document.querySelectorAll(PROSE)) {
    if (el.closest(NOT_PROSE)) continue;
    const s = getComputedStyle(el);
    if (s.overflowWrap === 'anywhere' || s.wordBreak === 'break-all'
        || s.wordBreak === 'break-word') {
      breaking.push({el: describe(el), overflowWrap: s.overflowWrap, wordBreak: s.wordBreak});
    }
  }
  const seen = new Set();
  for (const el of document.querySelectorAll(PROSE)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (seen.has(node) || node.parentElement.closest(NOT_PROSE)) continue;
      seen.add(node);
      const re = /[^\\s\\-\\u2010-\\u2015\\/]+/g;
      let m;
      while ((m = re.exec(node.data)) !== null) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()]
          .filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) split.push({el: describe(node.parentElement), word: m[0]});
      }
    }
  }

  const colours = [];
  const other = (el, skip) => [...el.classList].find((c) => c !== skip) || '';
  for (const el of document.querySelectorAll('.chip')) {
    const s = getComputedStyle(el);
    colours.push({kind: 'chip', name: el.textContent.trim(), fill: s.backgroundColor,
                  ink: s.color});
  }
  for (const el of document.querySelectorAll('.key')) {
    colours.push({kind: 'key', name: other(el, 'key'),
                  fill: getComputedStyle(el).backgroundColor});
  }
  for (const el of document.querySelectorAll('svg .mark, svg .bar')) {
    const kind = el.classList.contains('mark') ? 'mark' : 'bar';
    // the painted shape: a mark's circle, square or path, or the bar itself
    const shape = el.querySelector('circle, rect, path') || el;
    colours.push({kind: kind, name: other(el, kind), fill: getComputedStyle(shape).fill});
  }
  return {viewport: viewport, scrollWidth: root.scrollWidth,
          bodyScrollWidth: document.body.scrollWidth, overflowing: overflowing,
          breaking: breaking, split: split, colours: colours};
})"""
    + f"({json.dumps(PROSE)}, {json.dumps(NOT_PROSE)})"
)


class Chromium:
    """One headless Chromium with one page, driven over the DevTools protocol."""

    def __init__(self, profile: Path) -> None:
        self.proc = subprocess.Popen(
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
                "--disable-extensions",
                "--hide-scrollbars",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stderr is not None
        self.log: list[str] = []
        browser_url = ""
        for line in self.proc.stderr:  # ends when Chromium exits
            self.log.append(line)
            if line.startswith("DevTools listening on ws://"):
                browser_url = line.split()[-1]
                break
        assert browser_url, "".join(self.log)[-2000:]
        # keep reading so that Chromium never blocks on a full pipe
        threading.Thread(target=self.log.extend, args=(self.proc.stderr,), daemon=True).start()
        port = browser_url.split("/")[2].split(":")[1]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30) as r:
            targets = json.load(r)
        (page,) = [t for t in targets if t["type"] == "page"]
        self.ws = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=120, suppress_origin=True
        )
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        self.call("Page.enable")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                assert "error" not in message, (method, message["error"])
                return message["result"]
            self.events.append(message)

    def wait_for(self, event: str) -> None:
        while not any(e.get("method") == event for e in self.events):
            self.events.append(json.loads(self.ws.recv()))

    def load(self, url: str, width: int) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.events.clear()
        result = self.call("Page.navigate", url=url)
        assert "errorText" not in result, result
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def screenshot(self, path: Path) -> None:
        size = self.call("Page.getLayoutMetrics")["cssContentSize"]
        shot = self.call(
            "Page.captureScreenshot",
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
        )
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.ws.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The demo database rendered with `report --all` and served by `provenance serve`;
    yields the URL of each page measured."""
    db = str(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--db", db, "demo"]) == 0
    with Store.open(db, read_only=True) as store:
        (sid, count), *_ = store.query(
            "SELECT statement_id, count(*) AS n FROM quote_occurrences "
            "WHERE statement_id IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1"
        )[1]
    assert count >= 6
    out = tmp_path_factory.mktemp("site")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--db", db, "report", "--all", "--out", str(out)]) == 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "provenance.app.cli", "--db", db, "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("serve: http://127.0.0.1:"), (line, proc.stderr)
        base = line.split()[1].rstrip("/")
        with urllib.request.urlopen(base + "/search?q=whitcomb", timeout=30) as resp:
            assert resp.read().count(b"<tr><td>") >= 2  # a result page, with statements
        yield {
            "index": (out / "index.html").as_uri(),
            "statement": (out / page_name(sid)).as_uri(),
            "summary": (out / "summary.html").as_uri(),
            "search": base + "/search?q=whitcomb",
        }
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    chromium = Chromium(tmp_path_factory.mktemp("profile"))
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture(scope="module")
def measured(
    pages: dict[str, str], browser: Chromium, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, int], dict[str, Any]]:
    """Every page at every width: its measurements; a screenshot of each is written."""
    shots = SHOTS[0] = tmp_path_factory.mktemp("screenshots")
    found = {}
    for name in PAGES:
        for width in WIDTHS:
            browser.load(pages[name], width)
            found[name, width] = browser.evaluate(MEASURE)
            browser.screenshot(shots / f"{name}-{width}.png")
    return found


def _hex(css: str) -> str:
    """'rgb(0, 158, 115)' → '#009e73'."""
    assert css.startswith("rgb(") and css.endswith(")"), css
    return "#" + "".join(f"{int(v):02x}" for v in css[4:-1].split(","))


def _long(colour: str) -> str:
    """'#fff' → '#ffffff'."""
    return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour


def overflow_problems(m: dict[str, Any]) -> list[Any]:
    problems: list[Any] = list(m["overflowing"])
    if m["scrollWidth"] > m["viewport"] or m["bodyScrollWidth"] > m["viewport"]:
        problems.append(("document", m["scrollWidth"], m["bodyScrollWidth"], m["viewport"]))
    return problems


def colour_problems(all_measured: list[dict[str, Any]]) -> dict[str, Any]:
    """Label name → the colours it was drawn in, where they are not exactly its one."""
    fills: dict[str, set[str]] = {}
    inks: dict[str, set[str]] = {}
    for m in all_measured:
        for c in m["colours"]:
            # a class name has a hyphen where the label has a space ("first-seen")
            name = c["name"] if c["name"] in COLOURS else c["name"].replace("-", " ")
            fills.setdefault(name, set()).add(_hex(c["fill"]))
            if "ink" in c:
                inks.setdefault(name, set()).add(_hex(c["ink"]))
    problems: dict[str, Any] = {}
    for name, seen in fills.items():
        fill, ink = COLOURS.get(name, COLOURS["other"])
        if seen != {_long(fill)}:
            problems[name] = seen
        if name in inks and inks[name] != {_long(ink)}:
            problems[name + " ink"] = inks[name]
    return problems


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", PAGES)
def test_no_element_overflows_the_viewport(
    measured: dict[tuple[str, int], dict[str, Any]], name: str, width: int
) -> None:
    m = measured[name, width]
    assert m["viewport"] == width
    assert (SHOTS[0] / f"{name}-{width}.png").read_bytes().startswith(b"\x89PNG")
    assert overflow_problems(m) == []


@pytest.mark.parametrize("name", PAGES)
def test_prose_is_not_broken_inside_words_at_768(
    measured: dict[tuple[str, int], dict[str, Any]], name: str
) -> None:
    m = measured[name, 768]
    assert m["breaking"] == []
    assert m["split"] == []


def test_every_label_has_one_colour_on_every_page(
    measured: dict[tuple[str, int], dict[str, Any]],
) -> None:
    every = list(measured.values())
    kinds = {(c["kind"], c["name"]) for m in every for c in m["colours"]}
    # the check sees every kind of label badge and mark the demo draws
    assert {"chip", "mark", "key", "bar"} <= {kind for kind, _ in kinds}
    assert {"verbatim", "truncated", "altered", "misattributed"} <= {
        name for kind, name in kinds if kind == "mark"
    }
    assert colour_problems(every) == {}


# the controls: each check fails on a real page with a planted fault

PLANT_WIDE = """
(() => {
  const div = document.createElement('div');
  div.style.width = '600px'; div.textContent = 'planted';
  document.querySelector('main').appendChild(div);
})()
"""
PLANT_WIDE_IN_SCROLL = """
(() => {
  const wrap = document.createElement('div');
  wrap.className = 'scroll';
  const table = document.createElement('table');
  table.style.width = '1600px';
  table.innerHTML = '<tr><td>a wide table, scrolled inside its wrapper</td></tr>';
  wrap.appendChild(table);
  document.querySelector('main').appendChild(wrap);
})()
"""
PLANT_BREAKING = """
(() => {
  const style = document.createElement('style');
  style.textContent = 'p, td { overflow-wrap: anywhere; } td { width: 3em; }';
  document.head.appendChild(style);
})()
"""
PLANT_COLOUR = """
(() => { document.querySelector('.chip.verbatim').style.background = '#009e74'; })()
"""


def test_control_a_planted_wide_element_fails_the_overflow_check(
    pages: dict[str, str], browser: Chromium
) -> None:
    browser.load(pages["index"], 390)
    assert overflow_problems(browser.evaluate(MEASURE)) == []
    browser.evaluate(PLANT_WIDE_IN_SCROLL)
    assert overflow_problems(browser.evaluate(MEASURE)) == []  # scrolls inside its wrapper
    browser.evaluate(PLANT_WIDE)
    problems = overflow_problems(browser.evaluate(MEASURE))
    assert [p["el"] for p in problems[:-1] if p["text"] == "planted"] == ["div"]
    assert problems[-1][0] == "document"


def plant_long_word(selectors: list[str]) -> str:
    """A script appending one 150-letter word to the first element of each selector."""
    return f"""
(() => {{
  for (const where of {json.dumps(selectors)}) {{
    document.querySelector(where).append(' ' + 'x'.repeat(150) + ' ');
  }}
}})()
"""


def test_a_word_wider_than_the_line_wraps_inside_the_page_at_390(
    pages: dict[str, str], browser: Chromium
) -> None:
    """A name, title or quote holding one very long word (as crawled text can) is broken
    where it would overflow, not pushed past the edge of a narrow screen; in a table it
    widens the table, which scrolls inside its wrapper."""
    planted = {
        "statement": [".speaker strong", ".quote", "dl.facts dd", "figcaption", ".occ-head a",
                      ".occ-head .muted", ".occ-text", "p.against .w-cut", "ul.diff li"],
        "index": ["table.statements td a", ".cluster .quote", ".occ-head a"],
        "summary": ["h1", "figcaption"],
        "search": ["h1", "p.muted", "table.statements td a"],
    }  # fmt: skip
    for name, selectors in planted.items():
        browser.load(pages[name], 390)
        browser.evaluate(plant_long_word(selectors))
        assert overflow_problems(browser.evaluate(MEASURE)) == [], name


def test_control_a_planted_breaking_rule_fails_the_word_check(
    pages: dict[str, str], browser: Chromium
) -> None:
    browser.load(pages["index"], 768)
    m = browser.evaluate(MEASURE)
    assert m["breaking"] == [] and m["split"] == []
    browser.evaluate(PLANT_BREAKING)
    m = browser.evaluate(MEASURE)
    assert {b["el"] for b in m["breaking"]} >= {"p", "td"}
    assert m["split"]  # the squeezed cells now split their words across lines


def test_control_a_planted_off_colour_chip_fails_the_colour_check(
    pages: dict[str, str], browser: Chromium
) -> None:
    browser.load(pages["index"], 1280)
    m = browser.evaluate(MEASURE)
    assert colour_problems([m]) == {}
    browser.evaluate(PLANT_COLOUR)
    assert colour_problems([m, browser.evaluate(MEASURE)]) == {"verbatim": {"#009e73", "#009e74"}}
