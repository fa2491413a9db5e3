"""Texts prepared for comparison: shingles and immutables as sorted 64-bit hash
arrays, cut and signed in batches, and the exact set operations on them
(common shingles, matches, increasing runs, alignment) that verify a candidate."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

import numpy as np

from provenance import text as tx
from provenance.link.records import (
    _NO_INDEX,
    _NONE,
    LinkOptions,
)
from provenance.link.signatures import (
    MinHashParams,
    run_hashes,
    shingle_hashes,
    sign_hashes,
    sign_many,
    token_hashes,
)


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A text cut into everything the comparison needs, computed once.

    Shingles and tokens are 64-bit hashes (:mod:`provenance.link.signatures`)
    in sorted arrays without repeats, so that comparing a post with a
    source is a few ``searchsorted`` calls instead of set operations on
    strings, and a source costs kilobytes, not hundreds of Python strings.
    Two different shingles share a hash with probability 2**-64.
    """

    shingles: np.ndarray  # word shingles
    outside_shingles: np.ndarray  # word shingles outside quoted speech
    facts: np.ndarray  # immutable tokens outside quoted speech: names, numbers
    immutables: np.ndarray  # immutable shingles
    immutable_first: np.ndarray  # word offset of each immutable shingle's first token
    words: np.ndarray  # content words (see _content) of the whole text
    outside_words: np.ndarray  # content words outside quoted speech


@dataclass(frozen=True)
class _Sets:
    """The shingle sets that a batch of texts gives one index, one after
    another: set ``i`` is the ``numbers[i]``-th passage (or immutable
    window) of text ``owners[i]``, its shingle hashes are
    ``hashes[offsets[i]:offsets[i + 1]]`` (``fss``), or its shingle strings
    ``strings[i]`` (``datasketch``). Arrays, not a list per passage: a
    batch makes no Python object per passage."""

    owners: np.ndarray
    numbers: np.ndarray
    hashes: np.ndarray
    offsets: np.ndarray
    strings: list[list[str]] | None = None

    def __len__(self) -> int:
        return len(self.owners)

    def of(self, text: int, first: np.ndarray) -> np.ndarray:
        """The hashes of all sets of ``text`` (``first``: its first set, per text)."""
        return self.hashes[self.offsets[first[text]] : self.offsets[first[text + 1]]]

    def sign(self, params: MinHashParams) -> np.ndarray:
        if self.strings is not None:
            return sign_many(self.strings, params)
        return sign_hashes(self.hashes, self.offsets, params)


# Words too common to say what a text is about; with words under four letters and
# numbers (numbers are facts), they are left out of a text's content words.
_STOP_WORDS = frozenset(
    [
        "also",
        "been",
        "before",
        "being",
        "could",
        "does",
        "each",
        "every",
        "from",
        "have",
        "into",
        "just",
        "like",
        "made",
        "make",
        "many",
        "more",
        "most",
        "much",
        "only",
        "other",
        "over",
        "said",
        "says",
        "some",
        "such",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "told",
        "under",
        "very",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "with",
        "would",
        "your",
        "about",
        "after",
        "because",
    ]
)


def _content(words: list[str]) -> list[int]:
    """Indices of the content words among ``words``."""
    return [
        i
        for i, w in enumerate(words)
        if len(w) >= 4 and w not in _STOP_WORDS and not w[0].isdigit()
    ]


def _distinct(values: np.ndarray) -> np.ndarray:
    """``values`` sorted, without repeats (np.unique costs several times more)."""
    values = np.sort(values)
    if len(values) > 1:
        keep = np.empty(len(values), dtype=bool)
        keep[0] = True
        np.not_equal(values[1:], values[:-1], out=keep[1:])
        values = values[keep]
    return values


def _distinct_first(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``_distinct(values)`` and the index of each one's first occurrence."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    keep = np.empty(len(values), dtype=bool)
    keep[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep], order[keep]


def _gather(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The indices of the ranges ``[starts[i], starts[i] + lengths[i])``, in order."""
    ends = np.cumsum(lengths)
    total = int(ends[-1]) if len(ends) else 0
    return np.arange(total) - np.repeat(ends - lengths - starts, lengths)


def _offsets(sizes: Iterable[int]) -> np.ndarray:
    return np.concatenate(([0], np.cumsum(np.fromiter(sizes, dtype=np.int64)))).astype(np.int64)


def _sets(hashes: np.ndarray, k: int, at: np.ndarray, ranges: list[list[tuple[int, int]]]) -> _Sets:
    """The ``k``-shingle sets of token ranges ``[s, e)`` of each text, whose
    token hashes start at ``at[text]`` in ``hashes``.

    A range of at least ``k`` tokens gives its ``e - s - k + 1`` shingles (a
    slice of the shingles of the whole batch: shingle i starts at token i);
    a shorter one gives one shingle of all its tokens; an empty one, none.
    """
    counts = np.fromiter(map(len, ranges), dtype=np.int64, count=len(ranges))
    flat = np.fromiter(
        chain.from_iterable(chain.from_iterable(ranges)),
        dtype=np.int64,
        count=2 * int(counts.sum()),
    ).reshape(-1, 2)
    starts = flat[:, 0] + np.repeat(at[:-1], counts)
    sizes = flat[:, 1] - flat[:, 0]
    rolling = shingle_hashes(hashes, k)
    short = (sizes > 0) & (sizes < k)
    if short.any():
        lengths = sizes[short]
        rolling = np.concatenate(
            [rolling, run_hashes(hashes[_gather(starts[short], lengths)], lengths)]
        )
    shingles = np.where(sizes >= k, sizes - k + 1, short.astype(np.int64))
    first = starts.copy()
    first[short] = len(rolling) - int(short.sum()) + np.arange(int(short.sum()))
    numbers = np.arange(len(sizes)) - np.repeat(np.cumsum(counts) - counts, counts)
    return _Sets(
        owners=np.repeat(np.arange(len(ranges)), counts),
        numbers=numbers,
        hashes=rolling[_gather(first, shingles)],
        offsets=_offsets(shingles.tolist()),
    )


def _string_sets(tokens: list[list[str]], k: int, ranges: list[list[tuple[int, int]]]) -> _Sets:
    """:func:`_sets` as shingle strings, for the datasketch sketch."""
    counts = [len(r) for r in ranges]
    return _Sets(
        owners=np.repeat(np.arange(len(ranges)), counts),
        numbers=np.concatenate([np.arange(c) for c in counts]) if counts else _NO_INDEX,
        hashes=_NONE,
        offsets=_NO_INDEX,
        strings=[
            tx.word_shingles(words[s:e], k)
            for words, own in zip(tokens, ranges, strict=True)
            for s, e in own
        ],
    )


def _prepare(text: str, options: LinkOptions) -> _Prepared:
    return _prepare_many([text], options)[0][0]


def _prepare_many(texts: list[str], options: LinkOptions) -> tuple[list[_Prepared], _Sets, _Sets]:
    """Prepare several texts at once, and the shingle sets of their passages
    and of their immutable windows: their tokens are hashed and their
    shingles computed as arrays, so that numpy's cost per call is paid per
    batch rather than per text, and no Python object is made per shingle."""
    k, ik, window, step = options.shingle_k, options.immutable_k, options.window, options.step
    cuts = tx.cut_many([tx.strip_urls(text) for text in texts])
    word_at = _offsets(len(cut.words) for cut in cuts)
    hashes = token_hashes(list(chain.from_iterable(cut.words for cut in cuts)))
    # The immutable tokens of all texts, and their word offsets in their text.
    immutable_at = _offsets(len(cut.immutables) for cut in cuts)
    positions = np.fromiter(
        chain.from_iterable(cut.immutables for cut in cuts), dtype=np.int64, count=immutable_at[-1]
    )
    immutable_hashes = hashes[positions + np.repeat(word_at[:-1], np.diff(immutable_at))]
    fact_at = _offsets(len(cut.facts) for cut in cuts)
    facts = np.fromiter(
        chain.from_iterable(cut.facts for cut in cuts), dtype=np.int64, count=fact_at[-1]
    ) + np.repeat(word_at[:-1], np.diff(fact_at))
    whole = _sets(hashes, k, word_at, [[(0, len(cut.words))] for cut in cuts])
    own = _sets(hashes, k, word_at, [cut.own_parts for cut in cuts])
    own_first = _offsets(len(cut.own_parts) for cut in cuts)
    immutable = _sets(
        immutable_hashes, ik, immutable_at, [[(0, len(cut.immutables))] for cut in cuts]
    )
    passages = [tx.passage_ranges(cut.paragraph_sizes, window, step) for cut in cuts]
    windows = [tx.window_ranges(len(cut.immutables), window, step) for cut in cuts]
    if options.params.sketch == "fss":
        word_sets = _sets(hashes, k, word_at, passages)
        window_sets = _sets(immutable_hashes, ik, immutable_at, windows)
    else:  # datasketch hashes shingle strings
        word_sets = _string_sets([cut.words for cut in cuts], k, passages)
        window_sets = _string_sets(
            [[cut.words[i] for i in cut.immutables] for cut in cuts], ik, windows
        )
    one = np.arange(len(cuts) + 1)  # whole-text sets: one per text
    prepared = []
    for d, cut in enumerate(cuts):
        distinct, first = _distinct_first(immutable.of(d, one))
        content = np.asarray(_content(cut.words), dtype=np.int64)
        inside = np.zeros(len(cut.words), dtype=bool)
        for start, end in cut.own_parts:
            inside[start:end] = True
        own_words = hashes[word_at[d] + content[inside[content]]] if len(content) else _NONE
        prepared.append(
            _Prepared(
                shingles=_distinct(whole.of(d, one)),
                outside_shingles=_distinct(own.of(d, own_first)),
                facts=_distinct(hashes[facts[fact_at[d] : fact_at[d + 1]]]),
                immutables=distinct,
                # each immutable shingle with the word offset of its first token
                immutable_first=positions[immutable_at[d] + first],
                words=_distinct(hashes[word_at[d] + content]) if len(content) else _NONE,
                outside_words=_distinct(own_words),
            )
        )
    return prepared, word_sets, window_sets


def _common(left: np.ndarray, right: np.ndarray) -> int:
    """How many values of ``left`` are in ``right`` (both sorted, no repeats)."""
    if not len(left) or not len(right):
        return 0
    at = np.searchsorted(right, left)
    np.minimum(at, len(right) - 1, out=at)
    return int(np.count_nonzero(right[at] == left))


def _matches(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices ``(i, j)`` with ``left[i] == right[j]`` (both sorted, no repeats)."""
    if not len(left) or not len(right):
        return _NO_INDEX, _NO_INDEX
    at = np.searchsorted(right, left)
    np.minimum(at, len(right) - 1, out=at)
    found = np.flatnonzero(right[at] == left)
    return found, at[found]


def _increasing_run(values: list[int]) -> list[int]:
    """Indices of a longest strictly increasing subsequence of ``values``."""
    tails: list[int] = []  # tails[n]: smallest tail value of a run of length n + 1
    tail_index: list[int] = []
    previous = [-1] * len(values)
    for i, value in enumerate(values):
        n = bisect.bisect_left(tails, value)
        if n:
            previous[i] = tail_index[n - 1]
        if n == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[n], tail_index[n] = value, i
    run: list[int] = []
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        run.append(i)
        i = previous[i]
    return run[::-1]


def _alignment(post_offsets: np.ndarray, source_offsets: np.ndarray) -> float:
    """How closely the shared immutables keep their order and word offsets.

    ``post_offsets[i]`` and ``source_offsets[i]`` are the word offsets of
    the i-th shared immutable shingle in the post and in the source.
    A spinner swaps words one for one, so each name, number and quote stays
    at about the same distance from the previous one; a rewrite moves them.
    The score is (fraction of shared immutables in order) x (sum of the
    smaller over the sum of the larger word gap between consecutive in-order
    anchors). Gaps of one word in both texts (inside a verbatim quote) are
    left out: a rewrite keeps its quotes, and they would hide its new
    structure. Returns 0.0 when there is no gap to compare.
    """
    if len(post_offsets) < 2:
        return 0.0
    order = np.argsort(post_offsets)  # distinct: each starts one shingle
    post, source = post_offsets[order], source_offsets[order]
    if not np.all(source[1:] > source[:-1]):  # a copy keeps them in order
        run = _increasing_run(source.tolist())
        post, source = post[run], source[run]
    gap_post, gap_source = np.diff(post), np.diff(source)
    larger = np.maximum(gap_post, gap_source)
    counted = larger > 1
    total = int(larger[counted].sum())
    if not total:
        return 0.0
    smaller = int(np.minimum(gap_post, gap_source)[counted].sum())
    return len(post) / len(post_offsets) * smaller / total


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
