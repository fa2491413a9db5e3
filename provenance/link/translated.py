"""Translated copies: a post in another language linked to its source by the
facts a translation keeps (:mod:`provenance.text.facts`).

The word and immutable comparisons of :mod:`provenance.link.prepared` see
nothing in a translation: every word changes, and the names and numbers it
keeps are reordered and respelled, so that their in-order 3-shingles do not
match. This comparison is order-free: each text is a set of language-neutral
facts, and a post is compared with a source through the facts they share,
each weighed by how rare it is among the sources (1 / the number of sources
that state it): an agency's name, its officials and its phone line are in
every release of the agency and weigh little; the amount, the victims'
count, the dates and the company's name of one release weigh 1 each.

Candidates come from an inverted index fact -> sources, built once over the
sources (a source's facts are extracted when the first post needs them, so
linking English posts to English sources costs nothing more).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from provenance.text.facts import facts
from provenance.text.language import detect_language

__all__ = ["FactIndex", "TranslatedComparison"]


@dataclass(frozen=True)
class TranslatedComparison:
    """The facts one post shares with one source."""

    shared: int  # distinct facts in both
    score: float  # sum over shared facts of 1 / (sources stating the fact)
    containment: float  # shared / the post's facts that some source states
    post_language: str | None
    source_language: str | None


class FactIndex:
    """The facts and language of every source, and which sources state each fact."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.languages = [detect_language(text) for text in texts]
        self._facts = [
            facts(text, lang or "en") for text, lang in zip(texts, self.languages, strict=True)
        ]
        self._sources: dict[str, list[int]] = {}
        for number, own in enumerate(self._facts):
            for fact in own:
                self._sources.setdefault(fact, []).append(number)

    def __len__(self) -> int:
        return len(self._facts)

    def post_facts(self, text: str, language: str | None) -> frozenset[str]:
        """The facts of a post in ``language`` that at least one source states."""
        return frozenset(f for f in facts(text, language or "en") if f in self._sources)

    def compare(
        self, post: frozenset[str], language: str | None, source: int
    ) -> TranslatedComparison:
        """The facts that ``post`` (from :meth:`post_facts`) shares with source ``source``."""
        shared = post & self._facts[source]
        score = sum(1.0 / len(self._sources[f]) for f in shared)
        return TranslatedComparison(
            shared=len(shared),
            score=score,
            containment=len(shared) / len(post) if post else 0.0,
            post_language=language,
            source_language=self.languages[source],
        )

    def candidates(self, post: frozenset[str], language: str | None) -> list[int]:
        """Sources in a language other than ``language`` sharing a fact with
        ``post``, most shared weight first."""
        weight: dict[int, float] = {}
        for fact in post:
            sources = self._sources[fact]
            for source in sources:
                weight[source] = weight.get(source, 0.0) + 1.0 / len(sources)
        return [
            s
            for s in sorted(weight, key=lambda s: -weight[s])
            if self.languages[s] is not None and self.languages[s] != language
        ]
