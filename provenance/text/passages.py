"""Paragraphs, windows, passages, shingles, quoted speech and immutables."""

from __future__ import annotations

import re
from collections.abc import Sequence

from provenance.text.tokens import (
    _ABBREVIATIONS,
    _OPENERS,
    _PARAGRAPH_BREAK,
    _SENTENCE_END,
    _TOKEN,
    MIN_PARAGRAPH_WORDS,
    _clean_token,
    _fold,
    words,
)


def paragraphs(text: str) -> list[str]:
    """Return the non-empty paragraphs of ``text``, stripped, case kept.

    Any line break separates paragraphs: forum engines often render a
    release's paragraphs as single lines with no blank line between them.
    """
    return [p for p in _PARAGRAPH_BREAK.split(text.strip()) if p]


def window_ranges(size: int, window: int = 50, step: int = 25) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` ranges of :func:`windows` over ``size`` tokens.

    Raises:
        ValueError: if ``window`` < 1 or ``step`` is not in [1, window].
    """
    if window < 1:
        raise ValueError(f"window must be >= 1, got {window!r}")
    if not 1 <= step <= window:
        raise ValueError(f"step must be in [1, window={window}], got {step!r}")
    if not size:
        return []
    if size <= window * 3 // 2:
        return [(0, size)]
    starts = list(range(0, size - window + 1, step))
    if starts[-1] + window < size:
        starts.append(size - window)
    return [(s, s + window) for s in starts]


def windows(tokens: Sequence[str], window: int = 50, step: int = 25) -> list[list[str]]:
    """Cut ``tokens`` into overlapping windows of ``window`` tokens every ``step``.

    A sequence of at most 1.5 x ``window`` tokens is one window (splitting it
    would leave a stub). The last window is aligned to the end so that no
    window is shorter than ``window``.

    Raises:
        ValueError: if ``window`` < 1 or ``step`` is not in [1, window].
    """
    tokens = list(tokens)
    return [tokens[s:e] for s, e in window_ranges(len(tokens), window, step)]


def passage_ranges(
    sizes: Sequence[int], window: int = 50, step: int = 25, min_words: int = MIN_PARAGRAPH_WORDS
) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` word ranges of :func:`passages`, given the
    number of words of each paragraph in order.

    Raises:
        ValueError: for a bad ``window``, ``step`` or ``min_words``.
    """
    if min_words < 1:
        raise ValueError(f"min_words must be >= 1, got {min_words!r}")
    window_ranges(0, window, step)  # validates window and step before any work
    blocks: list[list[int]] = []  # [start, end) word ranges of merged paragraphs
    start = end = 0
    for size in sizes:
        end += size
        if end - start >= min_words:
            blocks.append([start, end])
            start = end
    if end > start:
        if blocks:
            blocks[-1][1] = end
        else:
            blocks.append([start, end])
    return [
        (first + s, first + e)
        for first, last in blocks
        for s, e in window_ranges(last - first, window, step)
    ]


def passages(
    text: str, window: int = 50, step: int = 25, min_words: int = MIN_PARAGRAPH_WORDS
) -> list[str]:
    """Return the passages of ``text`` as normalised, space-joined word strings.

    A paragraph is a passage; a paragraph shorter than ``min_words`` words
    (a dateline, a heading) is merged with the next one, and the last one
    with the previous; a long paragraph is cut by :func:`windows`. A post
    copying three paragraphs of a long release thus yields the same passages
    as the release itself, which is what the passage LSH needs.

    Raises:
        ValueError: for a bad ``window``, ``step`` or ``min_words``.
    """
    per_paragraph = [words(paragraph) for paragraph in paragraphs(text)]
    tokens = [token for paragraph in per_paragraph for token in paragraph]
    ranges = passage_ranges([len(p) for p in per_paragraph], window, step, min_words)
    return [" ".join(tokens[s:e]) for s, e in ranges]


def word_shingles(tokens: Sequence[str], k: int = 5) -> list[str]:
    """Return the distinct ``k``-token shingles of ``tokens`` in first-seen order.

    A non-empty sequence shorter than ``k`` gives one shingle of all its
    tokens (so a short post is still comparable); an empty one gives [].

    Raises:
        ValueError: if ``k`` < 1.
    """
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k!r}")
    if not tokens:
        return []
    if len(tokens) < k:
        return [" ".join(tokens)]
    # dict keeps insertion order: distinct shingles, deterministic output.
    return list(dict.fromkeys(" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)))


def _quote_spans(paragraph: str) -> list[tuple[int, int]]:
    """Character spans of double-quoted speech in one (folded) paragraph.

    Quotes pair up left to right. An unmatched opening quote runs to the end
    of the paragraph: in a quotation spanning several paragraphs, each one
    opens with a quote mark and only the last one closes it.
    """
    marks = [m.start() for m in re.finditer('"', paragraph)]
    spans = [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
    if len(marks) % 2:
        spans.append((marks[-1], len(paragraph)))
    return spans


def without_quoted_speech(text: str) -> str:
    """``text`` with every double-quoted span removed, paragraphs kept.

    What is left is the poster's or writer's own wording: the linker asks
    whether a post copies a release beyond the statements it quotes (a post
    that only quotes an official is a quote occurrence, not a copy).
    """
    out = []
    for paragraph in paragraphs(_fold(text)):
        kept, last = [], 0
        for start, end in _quote_spans(paragraph):
            kept.append(paragraph[last:start])
            last = end + 1
        kept.append(paragraph[last:])
        # a line break where a quote was, so no shingle bridges the gap
        out.append("\n".join(part.strip() for part in kept if part.strip()))
    return "\n\n".join(p for p in out if p)


def _sentence_initial(paragraph: str, start: int) -> bool:
    """Whether the token starting at ``start`` begins a sentence."""
    i = start - 1
    while i >= 0 and paragraph[i] in _OPENERS:
        i -= 1
    if i < 0:
        return True
    if paragraph[i] not in _SENTENCE_END:
        return False
    if paragraph[i] == ".":
        # "Merrick B. Garland", "U.S. Attorney", "Gen. Smith": not a sentence end.
        # Walk back over the letters before the period (a regex anchored at the
        # end of paragraph[:i] would rescan the whole prefix for every word).
        j = i
        while j > 0 and paragraph[j - 1].isalpha():
            j -= 1
        before = paragraph[j:i]
        if before and (len(before) == 1 or before.lower() in _ABBREVIATIONS):
            return False
    return True


def immutables_with_positions(text: str) -> list[tuple[str, int]]:
    """Return ``(token, word_index)`` for each immutable token of ``text``.

    ``word_index`` is the token's index in ``words(text)``, which lets the
    linker compare where immutables sit in two texts (a spun copy keeps
    them at nearly the same offsets, a rewrite does not).

    A capitalised sentence-initial word counts when the same word also
    appears capitalised mid-sentence in ``text`` ("Peck dispensed ..." after
    "Anton Peck"): it is a name, and a spinner leaves it alone.
    """
    # (token, word index, immutable by itself, capitalised sentence-initial)
    candidates: list[tuple[str, int, bool, bool]] = []
    names: set[str] = set()  # capitalised mid-sentence outside quotes
    index = 0
    for paragraph in paragraphs(_fold(text)):
        quotes = _quote_spans(paragraph)
        for match in _TOKEN.finditer(paragraph):
            raw, start = match.group(), match.start()
            token = _clean_token(raw)
            if any(a < start < b for a, b in quotes) or raw[0].isdigit():
                candidates.append((token, index, True, False))
            elif raw[0].isupper():
                initial = _sentence_initial(paragraph, start)
                if not initial:
                    names.add(token)
                candidates.append((token, index, not initial, initial))
            else:
                candidates.append((token, index, False, False))
            index += 1
    return [(t, i) for t, i, keep, initial in candidates if keep or (initial and t in names)]


def immutables(text: str) -> list[str]:
    """Return the immutable tokens of ``text`` in order, lowercased.

    See the module docstring for what counts as immutable.
    """
    return [token for token, _ in immutables_with_positions(text)]


def immutable_shingles(text: str, k: int = 3) -> list[str]:
    """Return the distinct ``k``-shingles of :func:`immutables` of ``text``."""
    return word_shingles(immutables(text), k)
