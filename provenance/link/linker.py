"""Post -> source links, each with the method that found it, a score and a verdict.

Candidates come from two LSH indexes over the sources (:mod:`provenance.link.index`):

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

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace

import numpy as np

from provenance import text as tx
from provenance.link.index import PassageIndex
from provenance.link.statements import StatementIndex, StatementMatch, quoted_passages
from provenance.link.translated import FactIndex, TranslatedComparison
from provenance.text.language import detect_language

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


from provenance.link.prepared import (
    _alignment,
    _common,
    _matches,
    _prepare,
    _prepare_many,
    _Prepared,
    _ratio,
    _Sets,
)
from provenance.link.records import (
    _BATCH,
    _FIELDS,
    _NONE,
    VERDICTS,
    Comparison,
    LinkOptions,
    LinkResult,
    PostText,
    SourceText,
    canonical_url,
)

logger = logging.getLogger(__name__)

_MAX_FACT_POSTING = 50  # sources per fact for the fact candidates
_FACT_CANDIDATES = 5  # sources per post found by shared facts alone


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
        # fact hash -> source numbers: a rewrite that keeps only the release's names
        # and figures shares too few immutable runs for the LSH to find it
        self._by_fact: dict[int, list[int]] = {}
        # source bodies, for the fact index of translated copies (built when
        # the first post in a detected language needs it)
        self._bodies: list[str] = []
        self._fact_index: FactIndex | None = None
        # a rewrite that quotes two of a release's statements is found by them
        self.statement_index = StatementIndex(options.statement_min_words)
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
        self._bodies.extend(bodies)
        first = len(self._urls)
        figures = np.empty((len(sources), len(_FIELDS)), dtype=object)
        for row, (source, own) in enumerate(zip(sources, prepared, strict=True)):
            self._ids[source.url] = first + row
            self._urls.append(source.url)
            for column, name in enumerate(_FIELDS):
                figures[row, column] = getattr(own, name)
            for fact in own.facts.tolist():
                self._by_fact.setdefault(fact, []).append(first + row)
            self.statement_index.add(
                first + row,
                [tuple(tx.words(s)) for s in source.statements]
                if source.statements
                else quoted_passages(source.text),
            )
            # a source is compared through its shingles: only a post's own
            # (unquoted) shingles count, so a source does not keep them
            figures[row, _FIELDS.index("outside_shingles")] = _NONE
            figures[row, _FIELDS.index("outside_words")] = _NONE
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
            shared_facts=(facts := _common(post.facts, source.facts)),
            fact_containment=_ratio(facts, len(post.facts)),
            shared_words=_common(post.outside_words, source.words),
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
                and c.shared_immutables >= o.spun_min_immutables
            ):
                return "spun"
            if c.immutable_containment >= o.rewrite_immutable_containment:
                return "rewrite"
        if (
            c.shared_facts >= o.rewrite_min_facts
            and c.fact_containment >= o.rewrite_fact_containment
            and c.immutable_containment >= o.rewrite_fact_immutable_containment
        ):
            return "rewrite"  # the facts of the release in new words, no quote kept
        if (
            c.shared_facts >= o.rewrite_short_min_facts
            and c.fact_containment >= o.rewrite_short_fact_containment
            and c.shared_words >= o.rewrite_short_min_words
        ):
            return "rewrite"  # a short release with few figures, told in new words
        return None

    def _quotes_statements(self, c: Comparison, match: StatementMatch | None) -> bool:
        """Whether the statements a post quotes from a source make it a rewrite of it."""
        if match is None:
            return False
        o = self.options
        if c.shared_facts < o.statement_min_facts or c.shared_words < o.statement_min_shared_words:
            return False  # a forum post that quotes an official and comments: a quote occurrence
        return len(match.statements) >= o.statement_min_count or (
            match.longest >= o.statement_long_words
            and c.fact_containment >= o.statement_fact_containment
        )

    def _fact_candidates(self, post: _Prepared) -> set[int]:
        """Sources sharing enough of the post's names and numbers to be a fact-only
        rewrite (facts named by more than _MAX_FACT_POSTING sources do not count: an
        agency's name and phone line point to every release it wrote)."""
        counts: Counter[int] = Counter()
        for fact in post.facts.tolist():
            posting = self._by_fact.get(fact, ())
            if len(posting) <= _MAX_FACT_POSTING:
                counts.update(posting)
        need = self.options.min_shared_facts
        return {n for n, k in counts.most_common(_FACT_CANDIDATES) if k >= need}

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
            quoted = self.statement_index.matches(quoted_passages(post.text))
            yield self._results(post, own, found | self._fact_candidates(own) | set(quoted), quoted)

    def _results(
        self,
        post: PostText,
        prepared: _Prepared,
        found: set[int],
        quoted: dict[int, StatementMatch],
    ) -> list[LinkResult]:
        cited: set[str] = set()
        for url in post.cited_urls:
            known = self._by_canonical.get(canonical_url(url))
            if known is None:
                logger.debug("post %s cites %s, which is not a known source", post.key, url)
            else:
                cited.add(known)
        results = []
        for url in sorted({self._urls[source] for source in found} | cited):
            number = self._ids[url]
            comparison = self._compare(prepared, self._source(number))
            verdict = self._verdict(comparison)
            method = "shingles" if verdict in ("verbatim", "excerpt") else "immutables"
            match = quoted.get(number)
            if verdict is None and self._quotes_statements(comparison, match):
                verdict, method = "rewrite", "statements"
            if url in cited:
                method, verdict = "cited", verdict or "cites-only"
            elif verdict is None:
                continue
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
                    statements=match.statements if match else (),
                )
            )
        results = self._explained_apart(prepared, results)
        language = detect_language(post.text)
        if language is not None:
            results = self._translated(post, language, results)
        results.sort(key=lambda r: -r.score)
        return results

    @property
    def fact_index(self) -> FactIndex:
        """The facts and languages of the sources (built on first use)."""
        if self._fact_index is None:
            self._fact_index = FactIndex(self._bodies)
        return self._fact_index

    def compare_translated(self, post: PostText, source_url: str) -> TranslatedComparison:
        """The facts ``post`` shares with the source ``source_url``.

        Raises:
            KeyError: if ``source_url`` is not one of the sources.
        """
        language = detect_language(post.text)
        index = self.fact_index
        return index.compare(index.post_facts(post.text, language), language, self._ids[source_url])

    def _translated(
        self, post: PostText, language: str, results: list[LinkResult]
    ) -> list[LinkResult]:
        """``results`` with the post's language, and the ``translated`` link.

        The source sharing the most fact weight with the post, if it is in
        another language and passes translated_min_facts and
        translated_min_score, is linked ``translated`` (its other verdict,
        if any, is replaced: a spun or rewrite match across languages is a
        translation). A post in the sources' language is never translated.
        """
        results = [replace(r, language=language) for r in results]
        if not len(self._bodies):
            return results
        index = self.fact_index
        found = index.post_facts(post.text, language)
        candidates = index.candidates(found, language)
        if not candidates:
            return results
        best = candidates[0]
        c = index.compare(found, language, best)
        o = self.options
        if c.shared < o.translated_min_facts or c.score < o.translated_min_score:
            return results
        url = self._urls[best]
        cited = next((r for r in results if r.source_url == url), None)
        if cited is not None and cited.verdict in ("verbatim", "excerpt"):
            return results  # copied words outweigh shared facts
        kept = [r for r in results if r.source_url != url]
        link = LinkResult(
            post_key=post.key,
            source_url=url,
            method="cited" if cited is not None and cited.method == "cited" else "facts",
            score=c.containment,
            containment=cited.containment if cited else 0.0,
            coverage=cited.coverage if cited else 0.0,
            verdict="translated",
            language=language,
        )
        return [*kept, link]

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
            if (
                result is best
                or result.verdict not in ("spun", "rewrite")
                or result.method == "statements"  # its own quoted words are its evidence
            ):
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
