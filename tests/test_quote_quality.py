"""Quote quality on the labelled set tests/data/quotes (the goals of the quote-provenance
issue): span precision and recall, speaker accuracy, label accuracy, variant clusters.

The evaluation is bench/quote_quality.py's; the set is written by evalsets/make_quote_eval.py.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
EVALSETS = BENCH.parent / "evalsets"
DATA = Path(__file__).resolve().parent / "data" / "quotes" / "docs.jsonl"


def _module(name: str, folder: Path = BENCH) -> ModuleType:
    for path in (BENCH, EVALSETS):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    spec = importlib.util.spec_from_file_location(name, folder / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _module("quote_quality")


@pytest.fixture(scope="module")
def docs(bench: ModuleType) -> list[dict[str, Any]]:
    return bench.load(DATA)


@pytest.fixture(scope="module")
def scores(bench: ModuleType, docs: list[dict[str, Any]]) -> dict[str, float]:
    return bench.evaluate(docs).scores()


def test_the_set_is_small_and_covers_every_label_and_shape(docs: list[dict[str, Any]]) -> None:
    assert DATA.stat().st_size < 2_000_000
    quotes = [q for d in docs for q in d["quotes"]]
    assert len(quotes) >= 300
    labels = Counter(q["label"] for q in quotes)
    for label in ("verbatim", "truncated", "altered", "misattributed", "paraphrase", "unmatched"):
        assert labels[label] >= 15, labels
    kinds = Counter(d["kind"] for d in docs)
    assert set(kinds) == {"release", "repost", "excerpt", "rewrite", "spun", "forum", "hand"}
    multi = [q for q in quotes if len(q["spans"]) > 1]
    assert len(multi) >= 5  # multi-paragraph quotes
    assert sum(1 for q in quotes if q["cluster"]) >= 60  # unofficial quotes that travel


def test_the_set_is_what_the_generator_writes(tmp_path: Path) -> None:
    maker = _module("make_quote_eval", EVALSETS)
    out = tmp_path / "docs.jsonl"
    assert maker.main(["--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == DATA.read_text(encoding="utf-8")


def test_span_precision_and_recall(scores: dict[str, float]) -> None:
    assert scores["span_precision"] >= 0.97
    assert scores["span_recall"] >= 0.95
    assert scores["span_precision_exact"] >= 0.97
    assert scores["span_recall_exact"] >= 0.95


def test_speaker_accuracy(scores: dict[str, float]) -> None:
    assert scores["speaker_accuracy"] >= 0.9


def test_label_accuracy(scores: dict[str, float]) -> None:
    assert scores["label_accuracy"] >= 0.9
    assert scores["label_accuracy_gold_text"] >= 0.9


def test_variant_clusters_of_unmatched_quotes(scores: dict[str, float]) -> None:
    assert scores["cluster_precision"] >= 0.95
    assert scores["cluster_recall"] >= 0.95


def test_hand_written_shapes(bench: ModuleType, docs: list[dict[str, Any]]) -> None:
    """The hand-written documents alone (shapes no template makes) meet the goals too."""
    scores = bench.evaluate([d for d in docs if d["kind"] in ("release", "hand")]).scores()
    assert scores["span_precision"] >= 0.97 and scores["span_recall"] >= 0.95
    assert scores["speaker_accuracy"] >= 0.9
    assert scores["label_accuracy"] >= 0.9


def test_the_bench_can_fail(bench: ModuleType, docs: list[dict[str, Any]]) -> None:
    """A speaker taken away and a label changed are counted as errors."""
    doc = next(d for d in docs if d["kind"] == "rewrite")
    broken = {**doc, "quotes": [{**q, "speaker": "Nobody Atall"} for q in doc["quotes"]]}
    figures = bench.evaluate([*(d for d in docs if d["official"]), broken])
    assert figures.scores()["speaker_accuracy"] < 1.0
    relabelled = {**doc, "quotes": [{**q, "label": "paraphrase"} for q in doc["quotes"]]}
    figures = bench.evaluate([*(d for d in docs if d["official"]), relabelled])
    assert figures.scores()["label_accuracy"] < 0.5
