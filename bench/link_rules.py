"""Proposed changes to the linker's rules, measured by ``link_quality.py --rule NAME``.

Thresholds are measured by changing LinkOptions; a rule change needs code.
Each rule here is the proposed change written as a patch of
:mod:`provenance.link` that lasts for one evaluation (a context manager),
so that its effect is measured on the same set before link.py adopts it.
They reach into link.py's private helpers (``_prepare``, ``_alignment``,
``_increasing_run``, ``Linker._sources``) on purpose: when those change, a
rule fails loudly (AttributeError) instead of measuring something else.

* ``residual-immutables``: an immutable-only link (spun, rewrite) to a
  source other than the post's best link must rest on immutables that the
  best link's source does not explain. A repost of one release shares the
  agency's name, officials, phone line and "About" paragraph with every
  sibling release; those are evidence for one link, not for each sibling.
* ``gap-agreement``: spun alignment is the share of consecutive in-order
  anchors whose word gaps agree within max(2 words, 25 %), instead of
  sum(smaller gaps) / sum(larger gaps), which one skipped paragraph of a
  spun excerpt (or a title line) drives to near zero.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace

import provenance.link as link
from provenance.link import Linker, LinkResult, PostText

__all__ = ["RULES"]

_WORD_VERDICTS = ("verbatim", "excerpt")


def _best(results: list[LinkResult]) -> LinkResult:
    """The post's strongest link: a word verdict before an immutable one, then score."""
    return max(
        results, key=lambda r: (r.verdict in _WORD_VERDICTS, r.verdict != "cites-only", r.score)
    )


@contextmanager
def residual_immutables() -> Iterator[None]:
    original = Linker.link

    def patched(self: Linker, post: PostText) -> list[LinkResult]:
        results = original(self, post)
        if len(results) < 2:
            return results
        best = _best(results)
        prepared = link._prepare(post.text, self.options)
        source = self._sources[best.source_url]
        explained = {s for s in prepared.immutable_first if s in source.immutable_first}
        explained_facts = prepared.facts & source.facts
        kept = []
        for result in results:
            if result is best or result.verdict not in ("spun", "rewrite"):
                kept.append(result)
                continue
            other = self._sources[result.source_url]
            residual = sum(
                1
                for s in prepared.immutable_first
                if s in other.immutable_first and s not in explained
            )
            facts = len((prepared.facts & other.facts) - explained_facts)
            o = self.options
            if residual >= o.min_shared_immutables and facts >= o.min_shared_facts:
                kept.append(result)
            elif result.method == "cited":
                kept.append(replace(result, verdict="cites-only"))
        return kept

    Linker.link = patched  # type: ignore[method-assign]
    try:
        yield
    finally:
        Linker.link = original  # type: ignore[method-assign]


@contextmanager
def gap_agreement(absolute: int = 2, relative: float = 0.25) -> Iterator[None]:
    original = link._alignment

    def patched(post: link._Prepared, source: link._Prepared) -> float:
        pairs = sorted(
            (pos, source.immutable_first[s])
            for s, pos in post.immutable_first.items()
            if s in source.immutable_first
        )
        if len(pairs) < 2:
            return 0.0
        run = [pairs[i] for i in link._increasing_run([s for _, s in pairs])]
        agree = compared = 0
        for (p1, s1), (p2, s2) in zip(run, run[1:], strict=False):
            gap_post, gap_source = p2 - p1, s2 - s1
            if max(gap_post, gap_source) <= 1:
                continue  # inside a verbatim quote, as in link._alignment
            compared += 1
            agree += abs(gap_post - gap_source) <= max(
                absolute, relative * max(gap_post, gap_source)
            )
        return len(run) / len(pairs) * agree / compared if compared else 0.0

    link._alignment = patched
    try:
        yield
    finally:
        link._alignment = original


RULES: dict[str, Callable[[], AbstractContextManager[None]]] = {
    "residual-immutables": residual_immutables,
    "gap-agreement": gap_agreement,
}
