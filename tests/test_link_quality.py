"""Link quality on a fixed part of the labelled set, held to the linking issue's goals.

The set (tests/data/link_eval/, written by evalsets/make_link_eval.py) is
measured whole by bench/link_quality.py. Here the same evaluation runs on
the documents made from the releases of four agencies that cover every
topic (drugs, fraud, pollution, outbreaks, emergencies, road works), linked
by a linker over *all* indexed releases, so that every sibling release of
the same agency and topic is there to be wrongly linked.

Goals: precision >= 0.99 overall; recall >= 0.95 for verbatim reposts,
excerpts and copies spun at 45 %. A goal the linker does not meet yet is an
``xfail(strict=True)`` whose reason is the figure measured when it was
written: the test starts failing (XPASS) the day the linker meets the goal,
so that the marker is removed then.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "link_quality.py"
AGENCIES = ("r00", "r03", "r06", "r11")  # release ids start with r + agency number
PRECISION_GOAL = 0.99
RECALL_GOAL = 0.95


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("link_quality", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def evaluation():
    bench = _bench()
    releases, docs = bench.load()
    subset = [d for d in docs if d.release[:3] in AGENCIES]
    return bench.evaluate(releases, subset)


def test_the_subset_is_the_documented_one(evaluation) -> None:
    """A regenerated set that changes the subset must change this test's figures too."""
    counts = {category: tally.n for category, tally in evaluation.tallies.items()}
    assert counts == {
        "verbatim": 48,
        "excerpt": 48,
        "rewrite": 24,
        "spun30": 24,
        "spun45": 24,
        "spun60": 24,
        "spun-excerpt": 24,
        "cites-only": 24,
        "negative": 32,
    }


def test_precision_overall(evaluation) -> None:
    assert evaluation.total.precision >= PRECISION_GOAL


@pytest.mark.parametrize(
    "category",
    [
        "verbatim",
        "excerpt",
        "spun45",
    ],
)
def test_recall(evaluation, category: str) -> None:
    assert evaluation.tallies[category].recall >= RECALL_GOAL


def test_cited_urls_never_go_unlinked(evaluation) -> None:
    """Every document citing an indexed release links to it (at least as cites-only)."""
    for outcome in evaluation.outcomes:
        if outcome.doc.cited_urls and outcome.doc.expected_source:
            assert outcome.right is not None, outcome.doc.id


# ------------------------------------------------------------ translated copies
# tests/data/link_translated/ (hand-written German, French, Spanish and Italian
# renderings; see its README): the held-out split, whose figures the
# translated thresholds of LinkOptions were not tuned on.
TRANSLATED = BENCH.parent.parent / "tests" / "data" / "link_translated"
TRANSLATED_RECALL_GOAL = 0.8


@pytest.fixture(scope="module")
def translated():
    bench = _bench()
    releases, docs = bench.load(TRANSLATED, "held-out")
    return bench.evaluate(releases, docs)


def test_translated_subset_is_the_documented_one(translated) -> None:
    counts = {category: tally.n for category, tally in translated.tallies.items()}
    assert counts == {"translated": 12, "translated-sibling": 6, "same-language": 3}
    languages = {o.doc.language for o in translated.outcomes if o.doc.category == "translated"}
    assert languages == {"de", "fr", "es", "it"}


def test_translated_recall_and_precision(translated) -> None:
    tally = translated.tallies["translated"]
    assert tally.recall is not None and tally.recall >= TRANSLATED_RECALL_GOAL
    assert translated.total.precision is not None
    assert translated.total.precision >= PRECISION_GOAL


def test_translated_links_carry_the_language(translated) -> None:
    for outcome in translated.outcomes:
        right = outcome.right
        if outcome.doc.category == "translated" and right is not None:
            assert right.language == outcome.doc.language


def test_no_translated_verdict_in_the_same_language(translated, evaluation) -> None:
    same = translated.tallies["same-language"]
    assert same.n and same.translated == 0
    assert not any(r.verdict == "translated" for o in evaluation.outcomes for r in o.links)


def test_translated_siblings_get_no_link(translated) -> None:
    assert translated.tallies["translated-sibling"].fp_docs == 0
