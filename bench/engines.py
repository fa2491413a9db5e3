"""Engine page objects, the generic fallback and trafilatura on every saved thread page;
forum-dl and our spider on the bundled sample forum.

Run from the repository root: `.venv/bin/python bench/engines.py` (options: --reps,
--skip-crawl). Part 1 parses every page of every tests/fixtures/*/cases.json three
ways and prints, per fixture folder and overall, post recall, signature leakage,
milliseconds and posts per second, with each method's speed as a ratio to the
engine's page object measured in the same run:

- engine: the page object named in cases.json (`get_engine`), on its own page;
- generic: `crawler.engines.generic.GENERIC` on the same HTML (JSON pages: n/a);
- trafilatura: `trafilatura.extract` on the whole page (what the sources stage
  uses for articles). Its recall is the share of expected bodies whose first 60
  normalised characters appear in its output.

Recall for page objects: an expected post counts as found when a returned post has
its id or a body matching it (equal or difflib ratio >= 0.9 after normalising).
Leakage: expected signatures that appear inside the returned bodies (or output).

Part 2 crawls the sample SMF forum (`provenance.sample.server.serve_sites`, an HTTP
proxy for http://forum.townsquare.example/) with forum-dl (PyPI `forum-dl`, not a
project dependency: install it into the venv for this bench only) and with our
spider (`provenance.app.commands.run_crawl`), and compares posts found, dates and quote
links with the SMF page object's reading of the same pages. When forum-dl cannot
run, the bench prints why instead of a row.

Times are wall-clock on this machine; nothing here asserts on them.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import trafilatura  # noqa: E402
from engine_cases import Case, load_cases  # noqa: E402
from parsel import Selector  # noqa: E402

from crawler.engines import PageContext, UnknownEngine, get_engine  # noqa: E402
from crawler.engines.generic import GENERIC  # noqa: E402
from crawler.engines.smf import Smf20  # noqa: E402
from crawler.engines.toolkit.text import element_text  # noqa: E402

METHODS = ("engine", "generic", "trafilatura")
SAMPLE_FORUM = "http://forum.townsquare.example/index.php"
SAMPLE_HOST = "forum.townsquare.example"
SAMPLE_TZ = ZoneInfo("America/New_York")


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass
class Score:
    """One method on a set of pages."""

    pages: int = 0
    expected: int = 0
    found: int = 0
    signatures: int = 0  # expected signatures on the pages
    leaked: int = 0
    seconds: float = 0.0
    notes: set[str] = field(default_factory=set)

    def add(self, other: Score) -> None:
        self.pages += other.pages
        self.expected += other.expected
        self.found += other.found
        self.signatures += other.signatures
        self.leaked += other.leaked
        self.seconds += other.seconds
        self.notes |= other.notes


# ------------------------------------------------------------------ part 1
def _timed(fn: Callable[[], Any], reps: int) -> tuple[Any, float]:
    """The result of `fn` and its best time over `reps` runs (seconds)."""
    best = float("inf")
    result = None
    for _ in range(reps):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return result, best


def _recall_posts(expected: list[dict], posts: Any) -> int:
    ids = {p.post_id for p in posts}
    bodies = [_norm(p.body) for p in posts]
    found = 0
    for want in expected:
        body = _norm(want["body"])
        if want["post_id"] in ids or any(
            got == body or SequenceMatcher(None, got, body, autojunk=False).ratio() >= 0.9
            for got in bodies
        ):
            found += 1
    return found


def _leaks(signatures: list[str], texts: list[str]) -> int:
    return sum(1 for sig in signatures if any(_norm(sig) in _norm(t) for t in texts))


def bench_case(case: Case, reps: int) -> dict[str, Score]:
    raw = (case.folder / case.page).read_text(encoding="utf-8")
    is_json = case.page.endswith(".json")
    expected = json.loads(case.expected_file.read_text(encoding="utf-8"))["posts"]
    signatures = sorted({e["signature"] for e in expected if e["signature"].strip()})
    scores = {
        m: Score(pages=1, expected=len(expected), signatures=len(signatures)) for m in METHODS
    }

    def selector() -> Selector:
        return Selector(text=raw, type="json" if is_json else None)

    try:
        engine = get_engine(case.engine)
    except UnknownEngine:
        engine = None
        scores["engine"].notes.add(f"engine {case.engine!r} not registered")
    if engine is not None:
        page, secs = _timed(lambda: engine.parse_thread(case.url, selector(), case.ctx), reps)
        scores["engine"].found = _recall_posts(expected, page.posts)
        scores["engine"].leaked = _leaks(signatures, [p.body for p in page.posts])
        scores["engine"].seconds = secs
    if is_json:
        for method in ("generic", "trafilatura"):
            scores[method].notes.add("JSON API page: not HTML")
        return scores
    page, secs = _timed(lambda: GENERIC.parse_thread(case.url, selector(), case.ctx), reps)
    scores["generic"].found = _recall_posts(expected, page.posts)
    scores["generic"].leaked = _leaks(signatures, [p.body for p in page.posts])
    scores["generic"].seconds = secs
    text, secs = _timed(lambda: trafilatura.extract(raw, url=case.url) or "", reps)
    flat = _norm(text)
    scores["trafilatura"].found = sum(1 for e in expected if _norm(e["body"])[:60] in flat)
    scores["trafilatura"].leaked = _leaks(signatures, [text])
    scores["trafilatura"].seconds = secs
    return scores


def _cell(score: Score, baseline: Score | None) -> str:
    if score.seconds == 0:
        return f"{'n/a':>33}"
    recall = f"{score.found}/{score.expected}"
    sig = f"{score.leaked}/{score.signatures}"
    rate = score.expected / score.seconds
    ratio = (
        f"{baseline.seconds / score.seconds:5.2f}x"
        if baseline is not None and baseline.seconds and score.pages == baseline.pages
        else "   - "
    )
    return f"{recall:>7} {sig:>5} {score.seconds * 1000:7.1f} {rate:6.0f} {ratio}"


def print_part1(reps: int) -> None:
    cases = [c for c in load_cases() if c.expected_file.exists()]
    per_folder: dict[str, dict[str, Score]] = defaultdict(lambda: {m: Score() for m in METHODS})
    notes: dict[str, set[str]] = defaultdict(set)
    for case in cases:
        for method, score in bench_case(case, reps).items():
            if score.seconds:
                per_folder[case.folder.name][method].add(score)
            notes[case.folder.name] |= score.notes
    print("Part 1: every thread page of tests/fixtures/*/cases.json")
    print(f"(best of {reps} runs per page; recall = expected posts found; sig = expected")
    print(" signatures leaked into bodies; p/s = expected posts per second; x = speed as a")
    print(" ratio to the engine page object, same pages, same run)")
    head = f"{'recall':>7} {'sig':>5} {'ms':>7} {'p/s':>6} {'x':>6}"
    print(f"{'folder':<12} {'pages':>5}  {'engine':^33} | {'generic':^33} | {'trafilatura':^33}")
    print(f"{'':<12} {'':>5}  {head} | {head} | {head}")
    total = {m: Score() for m in METHODS}
    for folder in sorted(per_folder):
        row = per_folder[folder]
        pages = max(s.pages for s in row.values())
        base = row["engine"] if row["engine"].seconds else None
        cells = " | ".join(_cell(row[m], base) for m in METHODS)
        print(f"{folder:<12} {pages:>5}  {cells}")
        for method in METHODS:
            total[method].add(row[method])
    # overall: only pages that every method read, so that the ratios compare like with like
    print(f"{'all':<12} {total['engine'].pages:>5}  " + " | ".join(
        _cell(total[m], total["engine"]) for m in METHODS
    ))  # fmt: skip
    both = _common_pages(per_folder)
    if both:
        print(
            f"{'html, all 3':<12} {both['engine'].pages:>5}  "
            + " | ".join(_cell(both[m], both["engine"]) for m in METHODS)
        )
    for folder in sorted(notes):
        for note in sorted(notes[folder]):
            print(f"  note: {folder}: {note}")


def _common_pages(per_folder: dict[str, dict[str, Score]]) -> dict[str, Score] | None:
    """Totals over the folders where all three methods ran on the same pages."""
    out = {m: Score() for m in METHODS}
    for row in per_folder.values():
        if len({row[m].pages for m in METHODS}) == 1 and row["engine"].pages:
            for method in METHODS:
                out[method].add(row[method])
    return out if out["engine"].pages else None


# ------------------------------------------------------------------ part 2
@dataclass
class Truth:
    """The sample forum as the SMF page object reads its saved pages."""

    posts: dict[str, dict[str, Any]]  # post id -> posted_at, quoted ids, signature


def sample_truth(site: Path, fetched_at: datetime) -> Truth:
    routes = json.loads((site / "routes.json").read_text(encoding="utf-8"))
    ctx = PageContext(forum="townsquare", fetched_at=fetched_at, timezone=SAMPLE_TZ)
    engine = Smf20()
    posts: dict[str, dict[str, Any]] = {}
    for route, name in routes.items():
        if "topic=" not in route:
            continue
        url = f"http://{SAMPLE_HOST}{route}"
        sel = Selector(text=(site / name).read_text(encoding="utf-8"))
        for post in engine.parse_thread(url, sel, ctx).posts:
            posts[post.post_id] = {
                "posted_at": post.posted_at,
                "quoted": [q.quoted_post_id for q in post.quotes if q.quoted_post_id],
                "signature": post.signature,
            }
    return Truth(posts)


def _sites_for_forum_dl(tmp: Path) -> Path:
    """A copy of the sample sites where "/" also serves the board index.

    forum-dl takes the forum's base URL from `<link rel="contents">` and asks for it
    without `index.php` ("http://forum.townsquare.example/"); a real SMF answers that
    with the index, the sample server routes exact paths only.
    """
    from provenance.sample import SITES_DIR

    sites = tmp / "sites"
    shutil.copytree(SITES_DIR, sites)
    routes_file = sites / SAMPLE_HOST / "routes.json"
    routes = json.loads(routes_file.read_text(encoding="utf-8"))
    routes.setdefault("/", routes["/index.php"])
    routes_file.write_text(json.dumps(routes, indent=2), encoding="utf-8")
    return sites


def forum_dl_problem() -> str | None:
    """Why forum-dl cannot run here, or None."""
    try:
        version = importlib.metadata.version("forum-dl")
    except importlib.metadata.PackageNotFoundError:
        return "forum-dl is not installed (`.venv/bin/pip install forum-dl 'pydantic<2'`)"
    try:
        pydantic = importlib.metadata.version("pydantic")
    except importlib.metadata.PackageNotFoundError:
        return f"forum-dl {version} is installed without pydantic"
    if int(pydantic.split(".")[0]) >= 2:
        return (
            f"forum-dl {version} writes items with pydantic v1's `.json(models_as_dict=...)`, "
            f"which pydantic {pydantic} removed: every run ends in TypeError before the first "
            "item (`.venv/bin/pip install 'pydantic<2'`)"
        )
    return None


def run_forum_dl(proxy: str, out: Path) -> tuple[list[dict[str, Any]], float, str]:
    """forum-dl over the whole sample forum through the proxy: post items, seconds, and
    its exit status with the errors it logged."""
    env = dict(os.environ, http_proxy=proxy, HTTP_PROXY=proxy, no_proxy="", NO_PROXY="")
    cmd = [sys.executable, "-m", "forum_dl", "-f", "jsonl", "-o", str(out)]
    cmd += ["-R", "0", "--timeout", "10", SAMPLE_FORUM]
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - start
    items = []
    if out.exists():
        for line in out.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            if entry.get("type") == "post":
                items.append(entry["item"])
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith(("WARNING", "ERROR"))]
    refused = [ln for ln in errors if "CrawlError(" in ln]
    read = {item.get("origin") for item in items}
    repeats = sum(1 for ln in refused if any(f"'{url}'" in ln for url in read))
    status = f"exit {proc.returncode}, {len(refused)} CrawlError warnings"
    if refused:
        status += (
            f", {repeats} of them for a thread page it had already read (its session refuses"
            " a URL twice; its SMF extractor lists the boards under every category, so the"
            " second category repeats them)"
        )
    others = [
        ln for ln in errors if "CrawlError(" not in ln and not ln.startswith("WARNING:root:Trace")
    ]
    if others:
        status += f"; other: {others[0][:100]}"
    return items, seconds, status


def run_our_spider(proxy: str, db: Path) -> tuple[list[tuple[Any, ...]], float]:
    from provenance.app.commands import run_crawl
    from provenance.app.options import CrawlOptions
    from provenance.store import Store

    options = CrawlOptions(
        url=SAMPLE_FORUM,
        forum="townsquare",
        timezone=str(SAMPLE_TZ),
        allow_hosts=(SAMPLE_HOST,),
        proxy=proxy,
        fetch_sources=False,
        no_throttle=True,
    )
    start = time.perf_counter()
    run_crawl(str(db), options, echo=False)
    seconds = time.perf_counter() - start
    with Store.open(db, read_only=True) as store:
        _, rows = store.query("SELECT post_id, posted_at, quoted_post_ids, body FROM posts")
    return rows, seconds


def print_part2(skip_crawl: bool) -> None:
    from provenance.sample.server import serve_sites

    print()
    print(f"Part 2: crawling the sample SMF 2.0 forum {SAMPLE_FORUM} (served on 127.0.0.1)")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sites = _sites_for_forum_dl(tmp)
        truth = sample_truth(sites / SAMPLE_HOST, datetime.now(UTC))
        quotes = sum(len(p["quoted"]) for p in truth.posts.values())
        signatures = {p["signature"] for p in truth.posts.values() if p["signature"]}
        print(
            f"reference (SMF page object on the saved pages): {len(truth.posts)} posts, "
            f"{quotes} quotes linking their post, {len(signatures)} distinct signatures"
        )
        print(f"{'crawler':<14} {'posts':>7} {'dates right':>12} {'quotes linked':>14} "
              f"{'sig. leaked':>12} {'seconds':>8}")  # fmt: skip
        with serve_sites(sites_dir=sites) as proxy:
            problem = forum_dl_problem()
            if problem:
                print(f"{'forum-dl':<14} cannot run: {problem}")
            else:
                items, secs, status = run_forum_dl(proxy, tmp / "forum-dl.jsonl")
                print(_forum_dl_row(items, truth, signatures, secs))
                print(f"  forum-dl: {status}")
                print("  forum-dl: quotes stay inside its HTML `content`; it has no quote or")
                print("  quoted-post field, so none is linked. Dates are naive local times")
                print("  parsed from the text with dateutil (compared as wall-clock times).")
            if skip_crawl:
                print(f"{'our spider':<14} skipped (--skip-crawl)")
            else:
                rows, secs = run_our_spider(proxy, tmp / "bench.duckdb")
                print(_spider_row(rows, truth, signatures, secs))


def _forum_dl_row(items: list[dict], truth: Truth, signatures: set[str], secs: float) -> str:
    seen: dict[str, dict] = {}
    for item in items:
        seen.setdefault(str(item["subpath"][-1]), item)
    dates = 0
    leaked = set()
    for post_id, item in seen.items():
        want = truth.posts.get(post_id, {}).get("posted_at")
        got = item.get("creation_time")
        if want and got:
            local = want.astimezone(SAMPLE_TZ).replace(tzinfo=None)
            dates += datetime.fromisoformat(got).replace(tzinfo=None) == local
        text = _norm(element_text(Selector(text=item.get("content") or "<p></p>").root))
        leaked |= {s for s in signatures if _norm(s) in text}
    found = len(set(seen) & set(truth.posts))
    posts = f"{found}/{len(truth.posts)}"
    return (
        f"{'forum-dl':<14} {posts:>7} {dates:>12} {0:>14} {len(leaked):>12} {secs:8.2f}"
        f"   ({len(items)} post items, {len(seen)} distinct)"
    )


def _spider_row(rows: list[tuple], truth: Truth, signatures: set[str], secs: float) -> str:
    found = dates = linked = 0
    leaked = set()
    for post_id, posted_at, quoted_ids, body in rows:
        want = truth.posts.get(post_id)
        if want is None:
            continue
        found += 1
        if posted_at is not None and want["posted_at"] is not None:
            dates += posted_at == want["posted_at"]
        linked += sum(1 for q in want["quoted"] if q in (quoted_ids or []))
        leaked |= {s for s in signatures if _norm(s) in _norm(body or "")}
    posts = f"{found}/{len(truth.posts)}"
    return (
        f"{'our spider':<14} {posts:>7} {dates:>12} {linked:>14} {len(leaked):>12} {secs:8.2f}"
        "   (run_crawl: a Scrapy subprocess, sources not fetched)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=3, help="runs per page (best is kept)")
    parser.add_argument("--skip-crawl", action="store_true", help="part 2 without our spider")
    parser.add_argument("--part", choices=("1", "2", "all"), default="all")
    args = parser.parse_args()
    if args.part in ("1", "all"):
        print_part1(max(1, args.reps))
    if args.part in ("2", "all"):
        print_part2(args.skip_crawl)


if __name__ == "__main__":
    main()
