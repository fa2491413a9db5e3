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
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from provenance import text as tx
from provenance.index import PassageIndex
from provenance.signatures import DEFAULT_PARAMS, MinHashParams, sign_many
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

    * ``verbatim``: containment >= verbatim_containment, coverage >= verbatim_coverage;
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
    verbatim_containment: float = 0.9
    verbatim_coverage: float = 0.8
    excerpt_containment: float = 0.8
    spun_immutable_containment: float = 0.5
    spun_alignment: float = 0.75
    rewrite_immutable_containment: float = 0.3
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
        if self.excerpt_containment > self.verbatim_containment:
            raise ValueError(
                f"excerpt_containment must be <= verbatim_containment "
                f"({self.verbatim_containment!r}), got {self.excerpt_containment!r}"
            )
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


@dataclass(frozen=True)
class _Prepared:
    """A text cut into everything the comparison needs, computed once."""

    shingles: frozenset[str]
    outside_shingles: frozenset[str]  # word shingles outside quoted speech
    facts: frozenset[str]  # immutable tokens outside quoted speech: names, numbers
    immutable_first: dict[str, int]  # immutable shingle -> word offset of its first token
    passages: list[list[str]]  # word-shingle lists, one per passage
    immutable_windows: list[list[str]]  # immutable-shingle lists, one per window


def _prepare(text: str, options: LinkOptions) -> _Prepared:
    text = tx.strip_urls(text)
    k, ik = options.shingle_k, options.immutable_k
    tokens = tx.words(text)
    marked = tx.immutables_with_positions(text)
    immutable_tokens = [token for token, _ in marked]
    # The shingles of tx.immutable_shingles, each with the word offset of its
    # first token (fewer than ik immutables make one shingle of them all).
    starts = range(len(marked) - ik + 1) if len(marked) >= ik else range(min(len(marked), 1))
    first: dict[str, int] = {}
    for i in starts:
        first.setdefault(" ".join(immutable_tokens[i : i + ik]), marked[i][1])
    own_words = tx.without_quoted_speech(text)
    return _Prepared(
        shingles=frozenset(tx.word_shingles(tokens, k)),
        outside_shingles=frozenset(
            s for p in tx.paragraphs(own_words) for s in tx.word_shingles(tx.words(p), k)
        ),
        facts=frozenset(tx.immutables(own_words)),
        immutable_first=first,
        passages=[
            tx.word_shingles(p.split(), k) for p in tx.passages(text, options.window, options.step)
        ],
        immutable_windows=[
            tx.word_shingles(w, ik)
            for w in tx.windows(immutable_tokens, options.window, options.step)
        ],
    )


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


def _alignment(post: _Prepared, source: _Prepared) -> float:
    """How closely the shared immutables keep their order and word offsets.

    A spinner swaps words one for one, so each name, number and quote stays
    at about the same distance from the previous one; a rewrite moves them.
    The score is (fraction of shared immutables in order) x (sum of the
    smaller over the sum of the larger word gap between consecutive in-order
    anchors). Gaps of one word in both texts (inside a verbatim quote) are
    left out: a rewrite keeps its quotes, and they would hide its new
    structure. Returns 0.0 when there is no gap to compare.
    """
    pairs = sorted(
        (pos, source.immutable_first[s])
        for s, pos in post.immutable_first.items()
        if s in source.immutable_first
    )
    if len(pairs) < 2:
        return 0.0
    run = [pairs[i] for i in _increasing_run([s for _, s in pairs])]
    smaller = larger = 0
    for (p1, s1), (p2, s2) in zip(run, run[1:], strict=False):
        gap_post, gap_source = p2 - p1, s2 - s1
        if max(gap_post, gap_source) > 1:
            smaller += min(gap_post, gap_source)
            larger += max(gap_post, gap_source)
    if not larger:
        return 0.0
    return len(run) / len(pairs) * smaller / larger


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
        self._sources: dict[str, _Prepared] = {}
        self._by_canonical: dict[str, str] = {}
        self._signatures: list[tuple[str, int, str, np.ndarray]] = []
        for source in sources:
            canonical = canonical_url(source.url)
            if canonical in self._by_canonical:
                raise ValueError(
                    f"duplicate source URL {source.url!r} "
                    f"(same as {self._by_canonical[canonical]!r} after normalisation)"
                )
            self._by_canonical[canonical] = source.url
            body = f"{source.title}\n\n{source.text}" if source.title else source.text
            prepared = _prepare(body, options)
            self._sources[source.url] = prepared
            for kind, lists in (
                ("words", prepared.passages),
                ("immutables", prepared.immutable_windows),
            ):
                for number, hashvalues in enumerate(sign_many(lists, options.params)):
                    self._signatures.append((source.url, number, kind, hashvalues))
        self.word_index = PassageIndex(options.lsh_threshold, options.params)
        self.immutable_index = PassageIndex(options.immutable_lsh_threshold, options.params)
        for url, number, kind, hashvalues in self._signatures:
            index = self.word_index if kind == "words" else self.immutable_index
            index.add(f"{url}#{number}", hashvalues)

    def __len__(self) -> int:
        return len(self._sources)

    def passage_signatures(self) -> Iterator[tuple[str, int, str, np.ndarray]]:
        """Yield ``(source_url, passage_no, kind, hashvalues)`` for storage.

        ``kind`` is ``words`` (word-shingle passages) or ``immutables``
        (immutable-shingle windows); numbering restarts for each kind.
        """
        yield from self._signatures

    def compare(self, post: PostText, source_url: str) -> Comparison:
        """Return every figure between ``post`` and the source ``source_url``.

        Raises:
            KeyError: if ``source_url`` is not one of the sources.
        """
        return self._compare(_prepare(post.text, self.options), self._sources[source_url])

    def _compare(self, post: _Prepared, source: _Prepared) -> Comparison:
        shared = len(post.shingles & source.shingles)
        shared_immutables = sum(1 for s in post.immutable_first if s in source.immutable_first)
        return Comparison(
            containment=_ratio(shared, len(post.shingles)),
            coverage=_ratio(shared, len(source.shingles)),
            shared=shared,
            immutable_containment=_ratio(shared_immutables, len(post.immutable_first)),
            immutable_coverage=_ratio(shared_immutables, len(source.immutable_first)),
            shared_immutables=shared_immutables,
            alignment=_alignment(post, source),
            shared_outside=len(post.outside_shingles & source.shingles),
            shared_facts=len(post.facts & source.facts),
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

    def _candidates(self, post: _Prepared) -> set[str]:
        """Source URLs of the passages and windows that LSH finds for ``post``."""
        keys: set[str] = set()
        for index, lists in (
            (self.word_index, post.passages),
            (self.immutable_index, post.immutable_windows),
        ):
            for hashvalues in sign_many(lists, self.options.params) if lists else ():
                keys |= index.query(hashvalues)
        return {key.rsplit("#", 1)[0] for key in keys}

    def link(self, post: PostText) -> list[LinkResult]:
        """Return the links of ``post``, best score first ([] if none).

        Cited URLs that are not among the sources are skipped (logged at
        debug level): there is nothing to verify them against.
        """
        prepared = _prepare(post.text, self.options)
        cited: set[str] = set()
        for url in post.cited_urls:
            known = self._by_canonical.get(canonical_url(url))
            if known is None:
                logger.debug("post %s cites %s, which is not a known source", post.key, url)
            else:
                cited.add(known)
        results = []
        for url in sorted(self._candidates(prepared) | cited):
            comparison = self._compare(prepared, self._sources[url])
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
        results.sort(key=lambda r: -r.score)
        return results
