"""Statements as link evidence: a news rewrite that quotes a release's statements word
for word belongs to that release, however little of the release's own wording it keeps.

A source's statements are what it puts in double quotes (or the statements the quote
stage found in it, when the caller passes them). A post *quotes* a statement when one
of its own double-quoted passages, of at least ``min_words`` words, runs word for word
inside the statement, and in no other source's statements (a stock line that several
releases carry says nothing of which one a post copies). A rewrite often splits a
statement around its attribution ("… not hours," Greer said. "If you have to travel …")
or keeps only a part, and each part is a passage of its own.

Words are compared as :func:`provenance.text.words` gives them (folded quotes, case and
punctuation gone), so a comma turned into a full stop at the end of a part does not
count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from provenance import text as tx
from provenance.text.passages import _quote_spans
from provenance.text.tokens import _fold

__all__ = ["StatementIndex", "StatementMatch", "quoted_passages"]

_KEY = 5  # words of a passage's first run, the index key


def quoted_passages(text: str, min_words: int = 1) -> list[tuple[str, ...]]:
    """The words of each double-quoted passage of ``text`` that has at least
    ``min_words`` of them, in order (an unclosed quote runs to the paragraph's end)."""
    found = []
    for paragraph in tx.paragraphs(_fold(text)):
        for start, end in _quote_spans(paragraph):
            words = tuple(tx.words(paragraph[start + 1 : end]))
            if len(words) >= min_words:
                found.append(words)
    return found


@dataclass(frozen=True)
class StatementMatch:
    """The statements of one source that a post quotes."""

    statements: tuple[int, ...]  # their numbers in the source, in order
    words: int  # words of the post's passages found in them
    longest: int  # words of the longest statement part quoted


class StatementIndex:
    """The statements of every source, found again from a post's quoted passages."""

    def __init__(self, min_words: int) -> None:
        self.min_words = min_words
        self._statements: list[list[str]] = []  # per source: " w1 w2 … " of each statement
        self._by_key: dict[tuple[str, ...], set[tuple[int, int]]] = {}

    def add(self, source: int, statements: Iterable[Sequence[str]]) -> None:
        """Index the statements (word sequences) of source number ``source``; sources
        are added in order, from 0, and a statement's number is its place in
        ``statements`` (those shorter than ``min_words`` are never found).

        Raises:
            ValueError: if ``source`` is not the next source number.
        """
        if source != len(self._statements):
            raise ValueError(f"sources are added in order: expected {len(self._statements)}")
        own = []
        for number, words in enumerate(statements):
            own.append(" " + " ".join(words) + " ")
            if len(words) < self.min_words:
                continue  # kept, so that numbers stay those of the caller's list
            for i in range(len(words) - _KEY + 1):
                self._by_key.setdefault(tuple(words[i : i + _KEY]), set()).add((source, number))
        self._statements.append(own)

    def matches(self, passages: Sequence[tuple[str, ...]]) -> dict[int, StatementMatch]:
        """Source number -> the statements it has that ``passages`` (a post's quoted
        passages) quote word for word; sources with none are left out."""
        found: dict[int, dict[int, int]] = {}  # source -> statement -> longest part
        words: dict[int, int] = {}
        for passage in passages:
            if len(passage) < self.min_words:
                continue
            joined = " " + " ".join(passage) + " "
            hits = set()
            for source, number in self._by_key.get(tuple(passage[:_KEY]), ()):
                if joined in self._statements[source][number]:
                    hits.add((source, number))
            if len({s for s, _ in hits}) > 1:
                continue  # a stock line several sources carry is evidence for none
            for source, number in hits:
                parts = found.setdefault(source, {})
                parts[number] = max(parts.get(number, 0), len(passage))
            for source in {s for s, _ in hits}:
                words[source] = words.get(source, 0) + len(passage)
        return {
            source: StatementMatch(tuple(sorted(parts)), words[source], max(parts.values()))
            for source, parts in found.items()
        }
