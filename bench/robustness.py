"""Every page object on hostile variants of every saved page: how many were
tried, handled with a reason, crashed, and the slowest page.

Run from the repository root: `.venv/bin/python bench/robustness.py` (options:
--kinds truncated,garbage to choose mutations, --huge-pages N for how many
pages per folder get the 10 MB posts, default 1). The variants are those of
tests/test_robust_engines.py (tests/mutations.py): pages cut at many points,
closing tags dropped, nesting 5,000 deep, 10 MB posts, binary garbage, empty
pages, wrong or missing charsets, Windows-1252 under a UTF-8 header, mojibake.
Each goes through the spider's decoding and every entry point of its engine's
page object (tests/mutations.py `exercise`).

Per fixture folder (engine) and mutation kind it prints: variants tried; handled
with a reason (the page refused with PageError, or posts skipped with a reason);
crashes (any other exception: should be 0); the slowest variant in ms. The
baseline is the same entry points on the unmutated pages, measured in the same
run: the last line gives the slowest mutated page as a ratio to the slowest
unmutated one. Times are wall-clock on this machine; nothing asserts on them.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from mutations import MUTATIONS, exercise, fixture_pages, mutants  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--kinds", default=",".join(MUTATIONS), help="mutation kinds, comma-separated"
    )
    parser.add_argument(
        "--huge-pages", type=int, default=1, help="pages per folder given 10 MB posts"
    )
    args = parser.parse_args()
    kinds = tuple(k for k in args.kinds.split(",") if k)
    unknown = set(kinds) - set(MUTATIONS)
    if unknown:
        parser.error(f"unknown mutation kinds {sorted(unknown)} (known: {', '.join(MUTATIONS)})")

    pages = fixture_pages()
    baseline = 0.0
    for page in pages:
        content_type = "application/json" if page.json else "text/html; charset=utf-8"
        baseline = max(baseline, exercise(page, page.body, content_type).seconds)

    tried: dict[tuple[str, str], int] = defaultdict(int)
    reasoned: dict[tuple[str, str], int] = defaultdict(int)
    crashes: dict[tuple[str, str], int] = defaultdict(int)
    slowest: dict[tuple[str, str], float] = defaultdict(float)
    examples: list[str] = []
    worst = (0.0, "")
    huge_done: dict[str, int] = defaultdict(int)
    for page in pages:
        for kind in kinds:
            if kind == "huge":
                if not page.thread or huge_done[page.folder] >= args.huge_pages:
                    continue
                huge_done[page.folder] += 1
            for _, label, body, content_type in mutants(page, (kind,)):
                key = (page.folder, kind)
                tried[key] += 1
                start = time.perf_counter()
                try:
                    outcome = exercise(page, body, content_type)
                except Exception as exc:  # a crash is what this bench counts
                    crashes[key] += 1
                    if len(examples) < 10:
                        where = traceback.extract_tb(exc.__traceback__)[-1]
                        examples.append(
                            f"  {page.folder}/{page.name} {label}: {type(exc).__name__}: "
                            f"{str(exc)[:80]} ({Path(where.filename).name}:{where.lineno})"
                        )
                    continue
                finally:
                    seconds = time.perf_counter() - start
                    slowest[key] = max(slowest[key], seconds)
                    if seconds > worst[0]:
                        worst = (seconds, f"{page.folder}/{page.name} {label}")
                reasoned[key] += outcome.handled_with_reason

    print(f"{'engine (fixtures)':<20} {'mutation':<10} {'tried':>6} {'reason':>7} "
          f"{'crash':>6} {'slowest ms':>11}")  # fmt: skip
    for key in sorted(tried):
        print(
            f"{key[0]:<20} {key[1]:<10} {tried[key]:>6} {reasoned[key]:>7} "
            f"{crashes[key]:>6} {slowest[key] * 1000:>11.0f}"
        )
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for (folder, kind), count in tried.items():
        by_kind[kind][0] += count
        by_kind[kind][1] += reasoned[(folder, kind)]
        by_kind[kind][2] += crashes[(folder, kind)]
    print()
    for kind, (count, reasons, crashed) in sorted(by_kind.items()):
        print(f"{'all':<20} {kind:<10} {count:>6} {reasons:>7} {crashed:>6}")
    total = sum(tried.values())
    print(
        f"\n{total} mutated pages tried, {sum(reasoned.values())} handled with a reason, "
        f"{sum(crashes.values())} crashes"
    )
    print(
        f"slowest mutated page {worst[0] * 1000:.0f} ms ({worst[1]}); slowest unmutated page "
        f"{baseline * 1000:.0f} ms; ratio {worst[0] / baseline if baseline else float('nan'):.1f}x"
    )
    if examples:
        print("crashes (first ten):")
        print("\n".join(examples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
