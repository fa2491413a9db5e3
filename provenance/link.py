"""Post -> source links, each with the method that found it, a score and a verdict.

Candidates come from two LSH indexes over the sources (:mod:`provenance.index`):

* word 5-shingles of each passage, which find verbatim copies and excerpts;
* 3-shingles of the *immutables* (names, numbers, quoted speech) of each
  window of a source's immutable tokens, which find spun copies and rewrites
  whose wording shares almost nothing with the source.

Every candidate, and every source the post cites, is then verified exactly on
the whole texts: the verdict rests on containment (how much of the post is in
the source), never on Jaccard, because a repost is often only part of its
source. URLs are stripped before shingling, so a repost's URL line does not
count against it. A cited URL is a claim: it yields a ``cited`` link whose
verdict is what the text comparison says, ``cites-only`` when it says nothing.

Verdicts and the thresholds they use are documented in one place: :class:`LinkOptions`.

Speed: texts are prepared, signed and looked up in batches (512 at a time),
so :meth:`Linker.link_many` over many posts costs several times less per
post than :meth:`Linker.link` one by one; shingles are compared as sorted
arrays of 64-bit hashes (:class:`_Prepared`), never as strings.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import chain
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from provenance import text as tx
from provenance.index import PassageIndex
from provenance.signatures import (
    DEFAULT_PARAMS,
    MinHashParams,
    run_hashes,
    shingle_hashes,
    sign_hashes,
    sign_many,
    token_hashes,
)
from provenance.urls import normalise_url

__all__ = [
    "VERDICTS",
    "Comparison",
    "LinkOptions",
    "LinkResult",
    "Linker",
    "PostText",
    "SourceText",
    "canonical_url",
]

logger = logging.getLogger(__name__)

VERDICTS = ("verbatim", "excerpt", "spun", "rewrite", "cites-only")
# Sources (when indexing) or posts (when linking) prepared and signed together.
_BATCH = 512
_NONE = np.empty(0, dtype=np.uint64)
_FIELDS = ("shingles", "outside_shingles", "facts", "immutables", "immutable_first")
_NO_INDEX = np.empty(0, dtype=np.int64)


@dataclass(frozen=True)
class SourceText:
    """An official article: body paragraphs separated by blank lines."""

    url: str
    title: str
    text: str


@dataclass(frozen=True)
class PostText:
    """A forum post body, without quoted replies and signature."""

    key: str
    text: str
    cited_urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class LinkResult:
    """One post -> source link.

    ``method`` is ``cited`` when the post cites the source, otherwise the
    evidence that found it: ``shingles`` (verbatim, excerpt) or ``immutables``
    (spun, rewrite). ``containment`` and ``coverage`` are word-shingle
    figures; ``score`` is the figure the verdict rests on: word containment
    for verbatim, excerpt and cites-only, immutable containment for spun and
    rewrite.
    """

    post_key: str
    source_url: str
    method: str
    score: float
    containment: float
    coverage: float
    verdict: str


@dataclass(frozen=True)
class Comparison:
    """Every figure measured between one post and one source."""

    containment: float  # |post ∩ source| / |post| over word shingles
    coverage: float  # |post ∩ source| / |source| over word shingles
    shared: int  # |post ∩ source| word shingles
    immutable_containment: float  # the same over immutable shingles
    immutable_coverage: float
    shared_immutables: int
    alignment: float  # 1.0: shared immutables in order at the same word gaps
    shared_outside: int = 0  # shared word shingles outside quoted speech in the post
    shared_facts: int = 0  # distinct names and numbers shared outside quoted speech


@dataclass(frozen=True)
class LinkOptions:
    """Parameters of linking: every threshold lives here, with its default.

    Verdicts, tried in this order (containment and coverage over word
    shingles, immutable containment over immutable shingles):

    * ``verbatim``: coverage >= verbatim_coverage and containment >=
      verbatim_containment: the whole source is there; containment is only a
      floor, since forum furniture around a repost (badges, counters, a
      signature) lowers it while coverage stays near 1;
    * ``excerpt``: containment >= excerpt_containment (a part of the source);
    * ``spun``: immutable containment >= spun_immutable_containment and the
      shared immutables in order at nearly the same word offsets (alignment >=
      spun_alignment): a word-for-word synonym rewrite;
    * ``rewrite``: immutable containment >= rewrite_immutable_containment
      without that alignment: same quotes and facts, new wording and structure;
    * ``cites-only``: the post cites the source and none of the above holds.

    Word verdicts need min_shared_shingles shared shingles outside the
    post's quoted speech, immutable verdicts min_shared_immutables shared
    immutables and min_shared_facts distinct names and numbers outside quoted
    speech: below that a match is chance (a stock phrase, a lone name) or a
    post that only quotes an official ("Superintendent Marcus Ellery said:
    ..."), which the quotes stage traces, whatever its containment.

    An immutable-only link (spun, rewrite) to a source other than the post's
    best link must rest on immutables that the best link's source does not
    explain: sibling releases of one agency share its name, officials, phone
    line and "About" paragraph, which are evidence for one link, not each.

    Measured on the labelled set (bench/link_quality.py): these defaults
    give verbatim recall 1.0 (was 0.646 with containment 0.9) and no link to
    a wrong source (precision was 0.91 with rewrite containment 0.3 and no
    residual rule).

    Raises:
        ValueError: naming the field, for a threshold outside [0.0, 1.0], a
            size below 1, step > window, or thresholds out of order.
    """

    params: MinHashParams = DEFAULT_PARAMS
    shingle_k: int = 5
    immutable_k: int = 3
    window: int = 50  # passage length in words (and immutable window in tokens)
    step: int = 25
    lsh_threshold: float = 0.3  # Jaccard threshold of the word-passage LSH
    immutable_lsh_threshold: float = 0.3  # same for the immutable-window LSH
    verbatim_containment: float = 0.6
    verbatim_coverage: float = 0.9
    excerpt_containment: float = 0.8
    spun_immutable_containment: float = 0.5
    spun_alignment: float = 0.75
    rewrite_immutable_containment: float = 0.5
    min_shared_shingles: int = 5
    min_shared_immutables: int = 8
    min_shared_facts: int = 8

    def __post_init__(self) -> None:
        for name in (
            "lsh_threshold",
            "immutable_lsh_threshold",
            "verbatim_containment",
            "verbatim_coverage",
            "excerpt_containment",
            "spun_immutable_containment",
            "spun_alignment",
            "rewrite_immutable_containment",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be in [0.0, 1.0], got {value!r}")
        sizes = ("shingle_k", "immutable_k", "window", "step")
        counts = ("min_shared_shingles", "min_shared_immutables", "min_shared_facts")
        for name in (*sizes, *counts):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be >= 1, got {getattr(self, name)!r}")
        if self.step > self.window:
            raise ValueError(f"step must be <= window={self.window}, got {self.step!r}")
        if self.rewrite_immutable_containment > self.spun_immutable_containment:
            raise ValueError(
                f"rewrite_immutable_containment must be <= spun_immutable_containment "
                f"({self.spun_immutable_containment!r}), got {self.rewrite_immutable_containment!r}"
            )


def canonical_url(url: str) -> str:
    """Return ``url`` in the form used to compare citations with sources.

    :func:`provenance.urls.normalise_url` (lowercase scheme and host, no
    default port, fragment, ``utm_*`` or session parameters) with the
    trailing slash of the path dropped as well, since sites serve a release
    with and without it. A URL that is not http(s) is only stripped.
    """
    normal = normalise_url(url)
    if normal is None:
        return url.strip()
    parts = urlsplit(normal)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/")))


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A text cut into everything the comparison needs, computed once.

    Shingles and tokens are 64-bit hashes (:mod:`provenance.signatures`)
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
    for d in range(len(cuts)):
        distinct, first = _distinct_first(immutable.of(d, one))
        prepared.append(
            _Prepared(
                shingles=_distinct(whole.of(d, one)),
                outside_shingles=_distinct(own.of(d, own_first)),
                facts=_distinct(hashes[facts[fact_at[d] : fact_at[d + 1]]]),
                immutables=distinct,
                # each immutable shingle with the word offset of its first token
                immutable_first=positions[immutable_at[d] + first],
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


class Linker:
    """Links posts to the sources given at construction."""

    def __init__(self, sources: Iterable[SourceText], options: LinkOptions = LinkOptions()) -> None:
        """Index ``sources``.

        Raises:
            ValueError: if two sources have the same canonical URL.
        """
        self.options = options
        # Source number -> URL and prepared text (the fields of a _Prepared),
        # kept in numpy object arrays, which the garbage collector does not
        # walk: a million small objects there make every full collection slow.
        self._ids: dict[str, int] = {}
        self._urls: list[str] = []
        self._blocks: list[np.ndarray] = []  # (sources, fields) object arrays
        self._by_canonical: dict[str, str] = {}
        self.word_index = PassageIndex(options.lsh_threshold, options.params)
        self.immutable_index = PassageIndex(options.immutable_lsh_threshold, options.params)
        # Per index row: the source number and the passage (or window) number.
        self._owners: dict[str, list[np.ndarray]] = {"words": [], "immutables": []}
        self._numbers: dict[str, list[np.ndarray]] = {"words": [], "immutables": []}
        batch: list[SourceText] = []
        for source in sources:
            canonical = canonical_url(source.url)
            if canonical in self._by_canonical:
                raise ValueError(
                    f"duplicate source URL {source.url!r} "
                    f"(same as {self._by_canonical[canonical]!r} after normalisation)"
                )
            self._by_canonical[canonical] = source.url
            batch.append(source)
            if len(batch) == _BATCH:
                self._add_sources(batch)
                batch = []
        self._add_sources(batch)
        self.word_index.seal()
        self.immutable_index.seal()
        self._figures = np.concatenate([np.empty((0, len(_FIELDS)), object), *self._blocks])
        self._blocks = []
        self._owner = {kind: _joined(parts) for kind, parts in self._owners.items()}
        self._number = {kind: _joined(parts) for kind, parts in self._numbers.items()}

    def _add_sources(self, sources: list[SourceText]) -> None:
        """Prepare a batch of sources, sign their passages and windows, index them."""
        bodies = [f"{s.title}\n\n{s.text}" if s.title else s.text for s in sources]
        prepared, word_sets, window_sets = _prepare_many(bodies, self.options)
        first = len(self._urls)
        figures = np.empty((len(sources), len(_FIELDS)), dtype=object)
        for row, (source, own) in enumerate(zip(sources, prepared, strict=True)):
            self._ids[source.url] = first + row
            self._urls.append(source.url)
            for column, name in enumerate(_FIELDS):
                figures[row, column] = getattr(own, name)
            # a source is compared through its shingles: only a post's own
            # (unquoted) shingles count, so a source does not keep them
            figures[row, _FIELDS.index("outside_shingles")] = _NONE
        self._blocks.append(figures)
        for kind, index, sets in (
            ("words", self.word_index, word_sets),
            ("immutables", self.immutable_index, window_sets),
        ):
            if not len(sets):
                continue
            owners = sets.owners + first
            keys = [
                f"{self._urls[o]}#{n}"
                for o, n in zip(owners.tolist(), sets.numbers.tolist(), strict=True)
            ]
            index.add_matrix(keys, sets.sign(self.options.params))
            self._owners[kind].append(owners)
            self._numbers[kind].append(sets.numbers)

    def __len__(self) -> int:
        return len(self._urls)

    def _source(self, number: int) -> _Prepared:
        return _Prepared(*self._figures[number])

    def passage_signatures(self) -> Iterator[tuple[str, int, str, np.ndarray]]:
        """Yield ``(source_url, passage_no, kind, hashvalues)`` for storage.

        ``kind`` is ``words`` (word-shingle passages) or ``immutables``
        (immutable-shingle windows); numbering restarts for each kind.
        """
        for kind, index in (("words", self.word_index), ("immutables", self.immutable_index)):
            matrix = index.signatures()
            owners, numbers = self._owner[kind].tolist(), self._number[kind].tolist()
            for row, (owner, number) in enumerate(zip(owners, numbers, strict=True)):
                yield self._urls[owner], number, kind, matrix[row]

    def compare(self, post: PostText, source_url: str) -> Comparison:
        """Return every figure between ``post`` and the source ``source_url``.

        Raises:
            KeyError: if ``source_url`` is not one of the sources.
        """
        return self._compare(_prepare(post.text, self.options), self._source(self._ids[source_url]))

    def _compare(self, post: _Prepared, source: _Prepared) -> Comparison:
        shared = _common(post.shingles, source.shingles)
        in_post, in_source = _matches(post.immutables, source.immutables)
        shared_immutables = len(in_post)
        return Comparison(
            containment=_ratio(shared, len(post.shingles)),
            coverage=_ratio(shared, len(source.shingles)),
            shared=shared,
            immutable_containment=_ratio(shared_immutables, len(post.immutables)),
            immutable_coverage=_ratio(shared_immutables, len(source.immutables)),
            shared_immutables=shared_immutables,
            alignment=_alignment(post.immutable_first[in_post], source.immutable_first[in_source]),
            shared_outside=_common(post.outside_shingles, source.shingles),
            shared_facts=_common(post.facts, source.facts),
        )

    def _verdict(self, c: Comparison) -> str | None:
        o = self.options
        if c.shared_outside >= o.min_shared_shingles:
            if c.containment >= o.verbatim_containment and c.coverage >= o.verbatim_coverage:
                return "verbatim"
            if c.containment >= o.excerpt_containment:
                return "excerpt"
        if c.shared_immutables >= o.min_shared_immutables and c.shared_facts >= o.min_shared_facts:
            if (
                c.immutable_containment >= o.spun_immutable_containment
                and c.alignment >= o.spun_alignment
            ):
                return "spun"
            if c.immutable_containment >= o.rewrite_immutable_containment:
                return "rewrite"
        return None

    def _candidates(self, count: int, word_sets: _Sets, window_sets: _Sets) -> list[set[int]]:
        """Source numbers of the passages and windows that LSH finds for each
        of ``count`` posts, given the posts' shingle sets."""
        found: list[set[int]] = [set() for _ in range(count)]
        for kind, index, sets in (
            ("words", self.word_index, word_sets),
            ("immutables", self.immutable_index, window_sets),
        ):
            if not len(sets) or not len(index):
                continue
            queries, rows = index.query_rows(sets.sign(self.options.params))
            pairs = np.unique(sets.owners[queries] * len(self._urls) + self._owner[kind][rows])
            posts, sources = np.divmod(pairs, len(self._urls))
            for post, source in zip(posts.tolist(), sources.tolist(), strict=True):
                found[post].add(source)
        return found

    def link(self, post: PostText) -> list[LinkResult]:
        """Return the links of ``post``, best score first ([] if none).

        Cited URLs that are not among the sources are skipped (logged at
        debug level): there is nothing to verify them against.
        """
        return next(self.link_many([post]))

    def link_many(self, posts: Iterable[PostText]) -> Iterator[list[LinkResult]]:
        """Yield :meth:`link` of each post, in order.

        Posts are taken in batches, so that their passages are signed and
        looked up in the indexes together rather than one post at a time.
        """
        batch: list[PostText] = []
        for post in posts:
            batch.append(post)
            if len(batch) == _BATCH:
                yield from self._link_batch(batch)
                batch = []
        if batch:
            yield from self._link_batch(batch)

    def _link_batch(self, posts: list[PostText]) -> Iterator[list[LinkResult]]:
        prepared, word_sets, window_sets = _prepare_many([p.text for p in posts], self.options)
        candidates = self._candidates(len(posts), word_sets, window_sets)
        for post, own, found in zip(posts, prepared, candidates, strict=True):
            yield self._results(post, own, found)

    def _results(self, post: PostText, prepared: _Prepared, found: set[int]) -> list[LinkResult]:
        cited: set[str] = set()
        for url in post.cited_urls:
            known = self._by_canonical.get(canonical_url(url))
            if known is None:
                logger.debug("post %s cites %s, which is not a known source", post.key, url)
            else:
                cited.add(known)
        results = []
        for url in sorted({self._urls[source] for source in found} | cited):
            comparison = self._compare(prepared, self._source(self._ids[url]))
            verdict = self._verdict(comparison)
            if url in cited:
                method, verdict = "cited", verdict or "cites-only"
            elif verdict is None:
                continue
            else:
                method = "shingles" if verdict in ("verbatim", "excerpt") else "immutables"
            score = (
                comparison.immutable_containment
                if verdict in ("spun", "rewrite")
                else comparison.containment
            )
            results.append(
                LinkResult(
                    post_key=post.key,
                    source_url=url,
                    method=method,
                    score=score,
                    containment=comparison.containment,
                    coverage=comparison.coverage,
                    verdict=verdict,
                )
            )
        results = self._explained_apart(prepared, results)
        results.sort(key=lambda r: -r.score)
        return results

    def _explained_apart(self, post: _Prepared, results: list[LinkResult]) -> list[LinkResult]:
        """Drop immutable-only links that rest on what the best link explains.

        The best link is a word verdict before an immutable one, then the
        higher score. Another spun or rewrite link is kept only if the post
        shares, with that source, at least min_shared_immutables immutables
        and min_shared_facts facts that it does not share with the best
        link's source; a cited source that fails this stays as cites-only.
        """
        if len(results) < 2:
            return results
        best = max(results, key=_strength)
        best_source = self._source(self._ids[best.source_url])
        explained = np.zeros(len(post.immutables), dtype=bool)
        explained[_matches(post.immutables, best_source.immutables)[0]] = True
        explained_facts = np.intersect1d(post.facts, best_source.facts, assume_unique=True)
        o = self.options
        kept = []
        for result in results:
            if result is best or result.verdict not in ("spun", "rewrite"):
                kept.append(result)
                continue
            other = self._source(self._ids[result.source_url])
            shared = _matches(post.immutables, other.immutables)[0]
            residual = int(np.count_nonzero(~explained[shared]))
            facts = np.setdiff1d(
                np.intersect1d(post.facts, other.facts, assume_unique=True),
                explained_facts,
                assume_unique=True,
            )
            if residual >= o.min_shared_immutables and len(facts) >= o.min_shared_facts:
                kept.append(result)
            elif result.method == "cited":
                kept.append(replace(result, verdict="cites-only"))
        return kept


def _strength(result: LinkResult) -> tuple[bool, bool, float]:
    """How strong a link is: a word verdict before an immutable one, then its score."""
    return (result.verdict in ("verbatim", "excerpt"), result.verdict != "cites-only", result.score)


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)
