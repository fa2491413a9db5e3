"""The hostile world, family by family: probes tried, failures, data lost, and
CPU seconds per probe; then the speed of the entry points strangers can make
slow, as a ratio to the same entry points on ordinary input.

Run from the repository root:

    PYTHONPATH=. .venv/bin/python bench/robustness.py              # every family
    PYTHONPATH=. .venv/bin/python bench/robustness.py --families pages,guard,speed
    PYTHONPATH=. .venv/bin/python bench/robustness.py --families pages --kinds deep --per-engine

Families (bench/hostile_probes.py says what each one probes and what must hold):

  pages:<kind>  every saved page of tests/fixtures through the spider's decoding
                and every page-object entry point (tests/mutations.py `exercise`),
                one row per mutation kind: truncated, unclosed, deep (nesting
                5,000 deep), huge (10 MB posts), garbage, charset (wrong and
                missing charsets, Windows-1252 under UTF-8, mojibake). A failure
                is an exception other than PageError; data lost is posts gone
                without a reason (no PageError, no skipped post, page not marked
                read in part).
  guard         cited URLs aimed at a canary server's port: requests reaching it
  cited         unfetchable cited URLs: failed source rows, link and quotes run
  disk          ENOSPC from the store mid-crawl and at close: the run fails truthfully
  endless       a thread that never ends: page caps hold, reruns go on from the store
  posts         3,000 nested quotes in one post, per HTML engine: only that post lost
  markdown      markup in scraped text, rendered with markdown-it-py: no tag, image, link
  db            truncated and foreign database files: one line, exit 2, file untouched
  cli           bad command-line values: one line, exit 2
  speed         CPU seconds of a 1 MB hostile text through extract_quotes and a
                10 MB post through each engine, each with its ratio to the same
                entry point on ordinary text or the unmutated page in this run

CPU seconds are getrusage of this process and its exited children (crawls run
as subprocesses), which a shared machine inflates less than wall time. Nothing
here asserts on time.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import traceback
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from hostile_probes import FAMILIES, Tally, run  # noqa: E402
from mutations import MUTATIONS, Page, exercise, fixture_pages, mutants  # noqa: E402

ALL = ["pages", *FAMILIES, "speed"]


def cpu_seconds() -> float:
    """User and system CPU seconds of this process and its exited children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _content_type(page: Page) -> str:
    return "application/json" if page.json else "text/html; charset=utf-8"


# ------------------------------------------------------------------ pages
def pages_family(
    pages: list[Page],
    kinds: tuple[str, ...],
    huge_pages: int,
    per_engine: bool,
    huge_cpu: dict[tuple[str, str], float],
) -> dict[str, tuple[Tally, float]]:
    """Per mutation kind: its Tally and CPU seconds per variant. The CPU seconds
    of each folder's first 10 MB page go into `huge_cpu` (folder, label) for
    the speed table."""
    baseline = {(p.folder, p.name): exercise(p, p.body, _content_type(p)) for p in pages}
    tallies: dict[str, Tally] = {kind: Tally() for kind in kinds}
    cpu: dict[str, float] = defaultdict(float)
    crashes: dict[tuple[str, str], int] = defaultdict(int)
    tried: dict[tuple[str, str], int] = defaultdict(int)
    slowest: dict[tuple[str, str], float] = defaultdict(float)
    huge_done: dict[str, int] = defaultdict(int)
    for page in pages:
        whole = baseline[(page.folder, page.name)].posts
        for kind in kinds:
            if kind == "huge":
                if not page.thread or huge_done[page.folder] >= huge_pages:
                    continue
                huge_done[page.folder] += 1
            tally, key = tallies[kind], (page.folder, kind)
            for _, label, body, content_type in mutants(page, (kind,)):
                tally.tried += 1
                tried[key] += 1
                start, wall = cpu_seconds(), time.perf_counter()
                try:
                    outcome = exercise(page, body, content_type)
                except Exception as exc:  # a crash is what this family counts
                    crashes[key] += 1
                    where = traceback.extract_tb(exc.__traceback__)[-1]
                    tally.fail(
                        f"{page.folder}/{page.name} {label}: {type(exc).__name__}: "
                        f"{str(exc)[:80]} ({Path(where.filename).name}:{where.lineno})"
                    )
                    continue
                finally:
                    spent = cpu_seconds() - start
                    cpu[kind] += spent
                    if kind == "huge":
                        huge_cpu.setdefault((page.folder, label), spent)
                    slowest[key] = max(slowest[key], time.perf_counter() - wall)
                if outcome.posts < whole and not (outcome.handled_with_reason or outcome.refused):
                    tally.lose(
                        f"{page.folder}/{page.name} {label}: {outcome.posts} of {whole} posts, "
                        "no reason",
                        whole - outcome.posts,
                    )
    if per_engine:
        print(f"{'engine (fixtures)':<20} {'mutation':<10} {'tried':>6} {'crash':>6} "
              f"{'slowest ms':>11}")  # fmt: skip
        for key in sorted(tried):
            print(f"{key[0]:<20} {key[1]:<10} {tried[key]:>6} {crashes[key]:>6} "
                  f"{slowest[key] * 1000:>11.0f}")  # fmt: skip
        print()
    return {kind: (tally, cpu[kind] / max(tally.tried, 1)) for kind, tally in tallies.items()}


# ------------------------------------------------------------------ speed
def _best_cpu(call: object, *args: object, least: float = 0.2) -> float:
    """CPU seconds per call of `call(*args)`, repeated until `least` seconds
    are spent (so that small inputs are above the clock's grain)."""
    runs, start = 0, cpu_seconds()
    while True:
        call(*args)  # type: ignore[operator]
        runs += 1
        spent = cpu_seconds() - start
        if spent >= least:
            return spent / runs


def hostile_texts(size: int = 1024 * 1024) -> dict[str, str]:
    """1 MB texts made to be slow for a quote extractor: a quote never closed,
    quote marks and nothing else, quotes nested inside quotes, one endless word,
    attributions with no end, a line break after every word."""

    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return {
        "unclosed quote": '"' + fill("we will rebuild the walls "),
        "quote marks only": fill("\" \u201c \u201d ' "),
        "nested quotes": fill('\u201cHe said \u2018she said "'),
        "one word": fill("x"),
        "said, said": fill('Garland said: "Our message is clear, '),
        "line breaks": fill("word\n"),
    }


def ordinary_text(size: int = 1024 * 1024) -> str:
    """The posts of the saved pages, repeated to `size` characters."""
    from engine_cases import load_cases

    bodies = [p.body for case in load_cases() if not case.page.endswith(".json")
              for p in case.parse().posts]  # fmt: skip
    text = "\n\n".join(bodies)
    return (text * (size // len(text) + 1))[:size]


def speed(pages: list[Page], huge_cpu: dict[tuple[str, str], float]) -> None:
    from provenance.quotes import extract_quotes

    base = _best_cpu(extract_quotes, ordinary_text())
    print(f"\n{'extract_quotes, 1 MB':<34} {'CPU s':>8} {'ratio':>8}")
    print(f"{'ordinary posts (baseline)':<34} {base:>8.3f} {1.0:>7.1f}x")
    for name, text in hostile_texts().items():
        spent = _best_cpu(extract_quotes, text, least=0.0)
        print(f"{name:<34} {spent:>8.3f} {spent / base:>7.1f}x")

    print(f"\n{'10 MB post, every entry point':<22} {'page ms':>8} {'prose s':>8} {'ratio':>8} "
          f"{'word s':>8} {'ratio':>8} {'per MB':>7}")  # fmt: skip
    seen: set[str] = set()
    for page in pages:
        if not page.thread or page.folder in seen:
            continue
        seen.add(page.folder)
        unmutated = _best_cpu(exercise, page, page.body, _content_type(page))
        took = {}
        for _, label, body, content_type in mutants(page, ("huge",)):
            known = huge_cpu.get((page.folder, label))  # measured by the pages family
            took[label] = known or _best_cpu(exercise, page, body, content_type, least=0.0)
            size = len(body)
        # per MB: the 10 MB page's CPU per byte against the unmutated page's
        per_mb = (max(took.values()) / size) / (unmutated / len(page.body))
        prose, word = took["10MB-prose"], took["10MB-word"]
        print(f"{page.folder:<22} {unmutated * 1000:>8.1f} {prose:>8.2f} "
              f"{prose / unmutated:>7.0f}x {word:>8.2f} {word / unmutated:>7.0f}x "
              f"{per_mb:>6.1f}x")  # fmt: skip


# ------------------------------------------------------------------- main
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--families", default=",".join(ALL), help=f"comma-separated, of: {', '.join(ALL)}"
    )
    parser.add_argument(
        "--kinds", default=",".join(MUTATIONS), help="mutation kinds of the pages family"
    )
    parser.add_argument(
        "--huge-pages", type=int, default=1, help="pages per folder given 10 MB posts"
    )
    parser.add_argument(
        "--per-engine", action="store_true", help="the pages family per engine and kind too"
    )
    parser.add_argument("--notes", type=int, default=5, help="failures and losses shown")
    args = parser.parse_args()
    families = [f for f in args.families.split(",") if f]
    kinds = tuple(k for k in args.kinds.split(",") if k)
    if set(families) - set(ALL):
        parser.error(f"unknown families {sorted(set(families) - set(ALL))} (known: {ALL})")
    if set(kinds) - set(MUTATIONS):
        parser.error(f"unknown kinds {sorted(set(kinds) - set(MUTATIONS))}")

    pages = fixture_pages()
    rows: list[tuple[str, Tally, float]] = []
    huge_cpu: dict[tuple[str, str], float] = {}
    if "pages" in families:
        for kind, (tally, per) in pages_family(
            pages, kinds, args.huge_pages, args.per_engine, huge_cpu
        ).items():
            rows.append((f"pages:{kind}", tally, per))
    for name in families:
        if name in FAMILIES:
            start = cpu_seconds()
            tally = run(name)
            rows.append((name, tally, (cpu_seconds() - start) / max(tally.tried, 1)))

    if rows:
        print(f"{'family':<16} {'tried':>6} {'failures':>9} {'data lost':>10} "
              f"{'CPU s/probe':>12}")  # fmt: skip
        for name, tally, per in rows:
            print(f"{name:<16} {tally.tried:>6} {tally.failures:>9} {tally.lost:>10} {per:>12.3f}")
        total = Tally(
            *(sum(getattr(t, f) for _, t, _ in rows) for f in ("tried", "failures", "lost"))
        )
        print(f"{'all':<16} {total.tried:>6} {total.failures:>9} {total.lost:>10}")
        notes = [note for _, tally, _ in rows for note in tally.notes]
        if notes:
            print(f"\nfailures and losses ({min(args.notes, len(notes))} of {len(notes)}):")
            print("\n".join(f"  {note}" for note in notes[: args.notes]))
    if "speed" in families:
        speed(pages, huge_cpu)
    return 0


if __name__ == "__main__":
    sys.exit(main())
