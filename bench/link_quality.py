"""Link quality: precision and recall of the linker per kind of copy, on a labelled set.

Usage:
    .venv/bin/python bench/link_quality.py [--data DIR] [--set NAME=VALUE ...]
        [--variant "NAME=VALUE,NAME=VALUE" ...] [--failures N]

Builds one :class:`provenance.link.Linker` over the indexed releases of
tests/data/link_eval/ (written by evalsets/make_link_eval.py), links every
labelled document and prints, per category, the expected verdict and:

* ``tp``: a link to the expected source with the expected verdict;
* ``other``: a link to the expected source with another verdict (counted
  against recall, not precision: the source is right);
* ``fn``: no link to the expected source;
* ``fp``: links to any other source (for ``negative``, every link);
* precision = tp / (tp + fp), recall = tp / n.

``--set`` changes LinkOptions fields for the run (``--set
excerpt_containment=0.7``); each ``--variant`` is another run with its
changes, printed after the first one with the time ratio to it. A change
``+NAME`` applies the proposed rule NAME of bench/link_rules.py
(``--variant "rewrite_immutable_containment=0.5,+residual-immutables"``).
``--failures N`` lists up to N failing documents per category with the
comparison figures against the expected and the wrongly linked sources.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from provenance.link import Linker, LinkOptions, LinkResult, PostText, SourceText

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "link_eval"
DEFAULTS = LinkOptions()
CATEGORIES = (
    "verbatim",
    "excerpt",
    "rewrite",
    "spun30",
    "spun45",
    "spun60",
    "spun-excerpt",
    "cites-only",
    "negative",
    "translated",
    "translated-sibling",
    "same-language",
)
# categories with no expected verdict beyond "not this one"
NOT_TRANSLATED = "same-language"


@dataclass(frozen=True)
class Doc:
    id: str
    category: str
    release: str
    expected_source: str | None
    expected_verdict: str | None
    text: str
    cited_urls: tuple[str, ...]
    kind: str = ""  # for negatives: verbatim, excerpt, spun45, rewrite
    language: str = "en"
    split: str = ""  # tests/data/link_translated: tune or held-out


@dataclass(frozen=True)
class Release:
    id: str
    url: str
    title: str
    text: str
    agency: str
    family: str
    indexed: bool


@dataclass
class Tally:
    n: int = 0
    tp: int = 0
    other: int = 0
    fn: int = 0
    fp: int = 0  # links to a wrong source
    fp_docs: int = 0  # documents with at least one such link
    verdicts: Counter[str] = field(default_factory=Counter)  # verdicts of "other"
    translated: int = 0  # documents with a translated link (same-language: all wrong)

    def add(self, other: Tally) -> None:
        for name in ("n", "tp", "other", "fn", "fp", "fp_docs", "translated"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.verdicts.update(other.verdicts)

    @property
    def precision(self) -> float | None:
        linked = self.tp + self.fp
        return self.tp / linked if linked else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.n if self.n and self.tp + self.other + self.fn else None


@dataclass
class Outcome:
    doc: Doc
    links: list[LinkResult]

    @property
    def right(self) -> LinkResult | None:
        return next((r for r in self.links if r.source_url == self.doc.expected_source), None)

    @property
    def wrong(self) -> list[LinkResult]:
        return [r for r in self.links if r.source_url != self.doc.expected_source]

    @property
    def ok(self) -> bool:
        right = self.right
        if self.doc.expected_source is None:
            return not self.links
        if self.doc.category == NOT_TRANSLATED:
            return not any(r.verdict == "translated" for r in self.links)
        return right is not None and right.verdict == self.doc.expected_verdict and not self.wrong


@dataclass
class Evaluation:
    options: LinkOptions
    tallies: dict[str, Tally]
    outcomes: list[Outcome]
    build_seconds: float
    link_seconds: float
    linker: Linker

    @property
    def total(self) -> Tally:
        total = Tally()
        for tally in self.tallies.values():
            total.add(tally)
        return total


def load(data: Path = DATA, split: str = "") -> tuple[list[Release], list[Doc]]:
    """The releases and labelled documents of the set in ``data`` (only those
    of ``split``, when given: tune or held-out in tests/data/link_translated)."""
    releases = [
        Release(**{k: r[k] for k in ("id", "url", "title", "text", "agency", "family", "indexed")})
        for r in map(json.loads, (data / "releases.jsonl").read_text(encoding="utf-8").splitlines())
    ]
    docs = [
        Doc(
            d["id"],
            d["category"],
            d["release"],
            d["expected_source"],
            d["expected_verdict"],
            d["text"],
            tuple(d["cited_urls"]),
            d.get("kind", ""),
            d.get("language", "en"),
            d.get("split", ""),
        )
        for d in map(json.loads, (data / "docs.jsonl").read_text(encoding="utf-8").splitlines())
        if not split or d.get("split") == split
    ]
    return releases, docs


def build_linker(releases: Iterable[Release], options: LinkOptions = DEFAULTS) -> Linker:
    """A linker over the indexed releases (the held-out ones are the negatives' origin)."""
    return Linker(
        [SourceText(r.url, r.title, r.text) for r in releases if r.indexed],
        options,
    )


@contextmanager
def rules_in_force(names: Sequence[str]) -> Iterator[None]:
    """Apply the proposed rules ``names`` of bench/link_rules.py while the block runs."""
    with ExitStack() as stack:
        if names:
            from link_rules import RULES  # only the bench's own runs use them

            for name in names:
                stack.enter_context(RULES[name]())
        yield


def evaluate(
    releases: Sequence[Release], docs: Sequence[Doc], options: LinkOptions = DEFAULTS
) -> Evaluation:
    """Link every document of ``docs`` with a linker over ``releases``; tally per category."""
    start = time.perf_counter()
    linker = build_linker(releases, options)
    built = time.perf_counter()
    tallies = {c: Tally() for c in CATEGORIES if any(d.category == c for d in docs)}
    outcomes = []
    for doc in docs:
        outcome = Outcome(doc, linker.link(PostText(doc.id, doc.text, doc.cited_urls)))
        outcomes.append(outcome)
        tally = tallies[doc.category]
        tally.n += 1
        right, wrong = outcome.right, outcome.wrong
        tally.translated += any(r.verdict == "translated" for r in outcome.links)
        if doc.category == NOT_TRANSLATED:
            # any link to the right source may be right; a translated one never is
            tally.fp += sum(r.verdict == "translated" for r in outcome.links)
            tally.fp_docs += any(r.verdict == "translated" for r in outcome.links)
            continue
        tally.fp += len(wrong)
        tally.fp_docs += bool(wrong)
        if doc.expected_source is None:
            continue
        if right is None:
            tally.fn += 1
        elif right.verdict == doc.expected_verdict:
            tally.tp += 1
        else:
            tally.other += 1
            tally.verdicts[right.verdict] += 1
    done = time.perf_counter()
    return Evaluation(options, tallies, outcomes, built - start, done - built, linker)


def _figure(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.3f}"


def table(evaluation: Evaluation) -> str:
    """The per-category table, the overall line and the times, as printed."""
    expected = {
        "verbatim": "verbatim",
        "excerpt": "excerpt",
        "rewrite": "rewrite",
        "spun30": "spun",
        "spun45": "spun",
        "spun60": "spun",
        "spun-excerpt": "spun",
        "cites-only": "cites-only",
        "negative": "(none)",
        "translated": "translated",
        "translated-sibling": "(none)",
        "same-language": "not transl",
    }
    lines = [
        f"{'category':<12} {'expected':<10} {'n':>4} {'tp':>4} {'other':>5} {'fn':>4} "
        f"{'fp':>4} {'prec':>5} {'recall':>6}  other verdicts"
    ]
    for category, t in evaluation.tallies.items():
        others = ", ".join(f"{v} {n}" for v, n in t.verdicts.most_common())
        lines.append(
            f"{category:<12} {expected[category]:<10} {t.n:>4} {t.tp:>4} {t.other:>5} {t.fn:>4} "
            f"{t.fp:>4} {_figure(t.precision)} {_figure(t.recall):>6}  {others}"
        )
    total = evaluation.total
    negatives = evaluation.tallies.get("negative")
    clean = (
        f", negatives with no link {negatives.n - negatives.fp_docs}/{negatives.n}"
        if negatives
        else ""
    )
    translated = sum(
        t.translated for c, t in evaluation.tallies.items() if c not in ("translated",)
    )
    if "translated" in evaluation.tallies:
        same = evaluation.tallies.get(NOT_TRANSLATED)
        clean += f", translated verdicts outside 'translated' {translated}" + (
            f" (same-language {same.translated}/{same.n})" if same else ""
        )
    lines.append(
        f"{'overall':<12} {'':<10} {total.n:>4} {total.tp:>4} {total.other:>5} {total.fn:>4} "
        f"{total.fp:>4} {_figure(total.precision)}{clean}"
    )
    docs = sum(t.n for t in evaluation.tallies.values())
    lines.append(
        f"time: index {evaluation.build_seconds:.2f} s, link {evaluation.link_seconds:.2f} s "
        f"for {docs} documents ({1000 * evaluation.link_seconds / max(docs, 1):.1f} ms each)"
    )
    return "\n".join(lines)


def failures(evaluation: Evaluation, per_category: int) -> str:
    """Up to ``per_category`` failing documents per category with their figures."""
    linker = evaluation.linker
    lines = []
    shown: Counter[str] = Counter()
    for outcome in evaluation.outcomes:
        doc = outcome.doc
        if outcome.ok or shown[doc.category] >= per_category:
            continue
        shown[doc.category] += 1
        got = ", ".join(
            f"{r.verdict}@{r.source_url.rsplit('/', 1)[-1][:30]}" for r in outcome.links
        )
        lines.append(
            f"{doc.id} [{doc.category}{'/' + doc.kind if doc.kind else ''}] links: {got or '-'}"
        )
        if doc.language != "en" or doc.category == NOT_TRANSLATED:
            post = PostText(doc.id, doc.text, doc.cited_urls)
            for url in [doc.expected_source] + [r.source_url for r in outcome.wrong]:
                if url is None:
                    continue
                t = linker.compare_translated(post, url)
                mark = "expected" if url == doc.expected_source else "wrong"
                lines.append(
                    f"    {mark:<8} facts {t.shared:3d} weight {t.score:5.2f}"
                    f" cont {t.containment:.2f} {t.post_language}->{t.source_language}"
                )
            continue
        post = PostText(doc.id, doc.text, doc.cited_urls)
        urls = [doc.expected_source] if doc.expected_source else []
        urls += [r.source_url for r in outcome.wrong]
        for url in urls:
            c = linker.compare(post, url)
            mark = "expected" if url == doc.expected_source else "wrong"
            lines.append(
                f"    {mark:<8} cont {c.containment:.2f} cov {c.coverage:.2f}"
                f" out {c.shared_outside:3d} | imm {c.immutable_containment:.2f}"
                f" cov {c.immutable_coverage:.2f} shared {c.shared_immutables:3d}"
                f" facts {c.shared_facts:3d} align {c.alignment:.2f}"
            )
    return "\n".join(lines)


def parse_changes(text: str) -> tuple[dict[str, float | int], list[str]]:
    """``"name=value,+rule,..."`` as LinkOptions changes and proposed rule names.

    Raises:
        ValueError: for a name that is not a LinkOptions threshold or a rule, or a bad value.
    """
    kinds = {f.name: f.type for f in fields(LinkOptions)}
    changes: dict[str, float | int] = {}
    rules: list[str] = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        if item.startswith("+"):
            rules.append(item[1:])
            continue
        name, _, value = item.partition("=")
        if name not in kinds or name == "params":
            raise ValueError(f"not a LinkOptions threshold: {name!r}")
        changes[name] = int(value) if kinds[name] in ("int", int) else float(value)
    return changes, rules


def make_options(base: LinkOptions, changes: dict[str, Any]) -> tuple[LinkOptions, str]:
    """``base`` with ``changes``, and why LinkOptions would refuse them ('' if it would not).

    A change that LinkOptions refuses (a rule change that its order checks
    do not allow yet, such as verbatim_containment below excerpt_containment)
    is still applied, by setting the frozen fields directly: the bench
    measures proposals before they are made.
    """
    try:
        return replace(base, **changes), ""
    except ValueError as refused:
        options = replace(base)
        for name, value in changes.items():
            object.__setattr__(options, name, value)
        return options, str(refused)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--variant", action="append", default=[], metavar="NAME=VALUE,...")
    parser.add_argument("--failures", type=int, default=0, metavar="N")
    parser.add_argument(
        "--split", default="", help="only the documents of this split (tune, held-out)"
    )
    args = parser.parse_args(argv)
    releases, docs = load(args.data, args.split)
    changes, rules = parse_changes(",".join(args.set))
    options, refused = make_options(LinkOptions(), changes)
    indexed = sum(r.indexed for r in releases)
    print(f"{indexed} indexed releases, {len(releases) - indexed} held out, {len(docs)} documents")
    changed = {f.name: getattr(options, f.name) for f in fields(options)}
    defaults = {f.name: getattr(LinkOptions(), f.name) for f in fields(options)}
    diff = {k: v for k, v in changed.items() if v != defaults[k]}
    print(
        f"options: {diff or 'defaults'}"
        + (f", rules: {rules}" if rules else "")
        + (f" (LinkOptions refuses: {refused})" if refused else "")
    )
    Linker([], options)  # warm-up: the LSH banding is computed once per threshold
    with rules_in_force(rules):
        base = evaluate(releases, docs, options)
        print(table(base))
        if args.failures:
            print("\nfailures:")
            print(failures(base, args.failures))
    for variant in args.variant:
        changes, more_rules = parse_changes(variant)
        varied, refused = make_options(options, changes)
        Linker([], varied)
        with rules_in_force(rules + more_rules):
            run = evaluate(releases, docs, varied)
            ratio = (run.build_seconds + run.link_seconds) / (
                base.build_seconds + base.link_seconds
            )
            note = f"; LinkOptions refuses: {refused}" if refused else ""
            shown = {**changes, **({"rules": rules + more_rules} if rules + more_rules else {})}
            print(f"\nvariant {shown} (time x{ratio:.2f} of the first run{note})")
            print(table(run))
            if args.failures:
                print("\nfailures:")
                print(failures(run, args.failures))


if __name__ == "__main__":
    main()
