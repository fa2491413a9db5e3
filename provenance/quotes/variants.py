"""Match one quoted occurrence to official statements and label how it differs.

A quote travels: a repost copies it verbatim, an excerpt cuts it, a rewrite changes
words or drops a clause behind an ellipsis, and a careless one hands it to the wrong
speaker. For one occurrence this module finds the official statement it comes from and
labels it ``verbatim``, ``truncated``, ``altered`` (with a word diff), ``misattributed``,
``paraphrase`` or ``unmatched``.

Comparison runs on tokens of a normalised text (NFKC, straight quotes, one dash, one
ellipsis, collapsed whitespace) that keeps case, because a changed capital is an
alteration the diff must show; that is why this module does not reuse the lowercased
tokens of :mod:`provenance.text`. Alignment uses :class:`difflib.SequenceMatcher` over
word tokens against the best-aligned window of the statement, so an excerpt that was also
edited is scored against the part it came from, not the whole statement.

:class:`StatementIndex` finds candidates through an inverted index of word 3-grams.
Containment matters more than overall similarity here (an excerpt is a small part of its
statement), and shared 3-grams count containment exactly, where MinHash LSH estimates
Jaccard similarity and would miss short excerpts of long statements.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz.distance import LCSseq

from provenance.quotes.speakers import close_speaker, same_speaker, speaker_key, speaker_keys
from provenance.text import strip_bidi

__all__ = [
    "Match",
    "Statement",
    "StatementIndex",
    "canonical_variant",
    "cluster_variants",
    "label_occurrence",
]

MIN_WORDS = 5  # an excerpt shorter than this is too common to attribute to one statement
MIN_SENTENCE_WORDS = 4  # … unless it is one whole sentence of the statement
MIN_SPEAKER_WORDS = 3  # … or is attributed to the statement's speaker
ALTERED_MIN = 0.65  # alignment score from which an edited occurrence is the same quote
# A paraphrase shares the claim of a statement of the same speaker, not only a few of
# his usual words: its content stems, weighted by their rarity across the statement set
# (IDF), must be covered this much by the statement, with a shared figure or name (a
# number, a capitalised word inside a sentence) ...
PARAPHRASE_MIN_SHARED = 2
PARAPHRASE_MIN_WEIGHT = 0.15
# ... or, without one, this many shared stems covering this much of the weight: an
# official who speaks about two events uses the same words ("crews", "people") for both.
PARAPHRASE_MIN_SHARED_PLAIN = 3
PARAPHRASE_MIN_WEIGHT_PLAIN = 0.35
MAX_CANDIDATES = 20  # statements per occurrence compared word by word
CLUSTER_NGRAM = 5  # quotes sharing a run of this many words are variants of one another
CLUSTER_SIMILARITY = 0.7  # … and so are quotes this similar word by word (difflib ratio)
_MAX_POSTING = 500  # quotes listed per word pair for the similarity candidates

_LABEL_RANK = {"verbatim": 3, "truncated": 2, "altered": 1}


@dataclass(frozen=True)
class Statement:
    """An official quoted statement: whole quote text as the extractor returns it."""

    id: str
    text: str
    speaker: str | None
    speaker_title: str | None


@dataclass(frozen=True)
class Match:
    """How an occurrence relates to its best statement (``statement_id`` None: unmatched)."""

    statement_id: str | None
    label: str
    score: float
    diff: str


_TRANSLATE = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    }
)  # fmt: skip
_TOKEN = re.compile(r"\w+(?:['.\-]\w+)*|\.\.\.|[^\w\s]")
_STOPWORDS = frozenset(
    str.split(
        "the and for are was were been being have has had not but our their they them this that "
        "these those with from into onto over under about against between through during before "
        "after above below will would shall should can could may might must any all each every "
        "some such more most other than then there here when where which while who whom whose "
        "what why how its his her hers him she you your yours who also just only very too out "
        "off own same both few nor one two per via"
    )
)
_PUNCT_EDGE = frozenset(",.;:!?\"'-")


@dataclass(frozen=True)
class _Text:
    norm: str
    toks: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    low: tuple[str, ...]


def _normalise(text: str) -> str:
    norm = unicodedata.normalize("NFKC", strip_bidi(text)).translate(_TRANSLATE)
    norm = re.sub(r"-{2,}", "-", norm)
    return re.sub(r"\s+", " ", norm).strip()


def _prepare(text: str) -> _Text:
    norm = _normalise(text)
    found = list(_TOKEN.finditer(norm))
    toks = tuple(m.group() for m in found)
    return _Text(norm, toks, tuple(m.span() for m in found), tuple(t.lower() for t in toks))


def _trim(t: _Text, ellipsis: bool) -> tuple[int, int]:
    """Token range without edge punctuation (a trailing "," before "said" is grammar, not
    an edit) and, for occurrences, without edge ellipses (they only mark a cut)."""
    lo, hi = 0, len(t.toks)
    drop = _PUNCT_EDGE | ({"..."} if ellipsis else set())
    while lo < hi and t.toks[lo] in drop:
        lo += 1
    while hi > lo and t.toks[hi - 1] in drop:
        hi -= 1
    return lo, hi


def _n_words(toks: Sequence[str]) -> int:
    return sum(1 for t in toks if t[0].isalnum() or t[0] == "_")


def _stem(word: str) -> str:
    """A crude stem ("lives", "living", "lived" and "live" give "liv"): paraphrases change
    inflections, and a full stemmer would be a dependency for a tie-breaking signal."""
    for suffix in ("ingly", "edly", "ing", "ies", "ied", "es", "ed", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def _content(t: _Text) -> set[str]:
    return {_stem(w) for w in t.low if len(w) > 2 and w[0].isalnum() and w not in _STOPWORDS}


def _immutables(t: _Text) -> set[str]:
    """Stems of the figures and names of ``t``: words with a digit, and capitalised words
    that do not open a sentence ("Route 9", "Aldwick")."""
    found: set[str] = set()
    opens = True
    for tok, low in zip(t.toks, t.low, strict=True):
        if tok in (".", "!", "?", "...", ":", '"'):
            opens = True
            continue
        if tok[0].isalnum():
            digit = any(c.isdigit() for c in tok)
            if digit or (tok[0].isupper() and not opens and low not in _STOPWORDS):
                found.add(_stem(low) if not digit else low)
            opens = False
    return found


class _Rarity:
    """Inverse document frequency of content stems across a statement set: a word that
    many statements use says little about which claim a quote repeats."""

    def __init__(self, contents: Iterable[set[str]]) -> None:
        self._df: Counter[str] = Counter()
        self._n = 0
        for words in contents:
            self._df.update(words)
            self._n += 1

    def weight(self, word: str) -> float:
        return math.log((self._n + 1) / (self._df[word] + 1)) + 1.0

    def share(self, words: set[str], shared: set[str]) -> float:
        """The part of the weight of ``words`` that ``shared`` carries."""
        total = sum(self.weight(w) for w in words)
        return sum(self.weight(w) for w in shared) / total if total else 0.0


def _shares_claim(occ: _Text, words: set[str], st: _Text, rarity: _Rarity) -> float | None:
    """The weighted share of ``occ``'s content stems that statement ``st`` has, when it is
    evidence of one claim (see PARAPHRASE_*), else None."""
    shared = words & _content(st)
    if len(shared) < PARAPHRASE_MIN_SHARED:
        return None
    share = rarity.share(words, shared)
    figures = _immutables(occ) & (_content(st) | {w for w in st.low if w[0].isdigit()})
    if figures and share >= PARAPHRASE_MIN_WEIGHT:
        return share
    if len(shared) >= PARAPHRASE_MIN_SHARED_PLAIN and share >= PARAPHRASE_MIN_WEIGHT_PLAIN:
        return share
    return None


def _shingles(t: _Text) -> set[tuple[str, str, str]]:
    w = [x for x in t.low if x[0].isalnum()]
    return {(w[i], w[i + 1], w[i + 2]) for i in range(len(w) - 2)}


def _contains(b: tuple[str, ...], b_low: tuple[str, ...], a: tuple[str, ...]) -> bool:
    """Is ``a`` a contiguous run of ``b``? The first token may differ in case only (an
    excerpt that starts mid-sentence is often capitalised)."""
    sep = "\x1f"
    hay, needle = sep + sep.join(b_low) + sep, sep + sep.join(t.lower() for t in a) + sep
    pos = hay.find(needle)
    while pos >= 0:
        k = hay.count(sep, 0, pos)
        if b[k + 1 : k + len(a)] == a[1:]:
            return True
        pos = hay.find(needle, pos + 1)
    return False


def _is_sentence_of(b: tuple[str, ...], b_low: tuple[str, ...], a: tuple[str, ...]) -> bool:
    """Is ``a`` one whole sentence of ``b`` (its words, case aside for the first)?"""
    a_low = tuple(t.lower() for t in a)
    ends = {".", "!", "?", "..."}
    for k in range(len(b_low) - len(a_low) + 1):
        if b_low[k : k + len(a_low)] == a_low and b[k + 1 : k + len(a)] == a[1:]:
            starts = k == 0 or b[k - 1] in ends
            stops = k + len(a) == len(b) or b[k + len(a)] in ends
            if starts and stops:
                return True
    return False


def _render(t: _Text, offset: int, i: int, j: int) -> str:
    return t.norm[t.spans[offset + i][0] : t.spans[offset + j - 1][1]]


def _compare(occ: _Text, st: _Text) -> tuple[str, float, str] | None:
    """Label ``occ`` against one statement by words only: (label, score, diff) or None."""
    a0, a1 = _trim(occ, ellipsis=True)
    b0, b1 = _trim(st, ellipsis=False)
    a, b = occ.toks[a0:a1], st.toks[b0:b1]
    if not a or not b:
        return None
    if a == b:
        return "verbatim", 1.0, ""
    if _n_words(a) < MIN_WORDS:
        whole = _n_words(a) >= MIN_SENTENCE_WORDS and _is_sentence_of(b, st.low[b0:b1], a)
        return ("truncated", 1.0, "") if whole else None
    if _contains(b, st.low[b0:b1], a):
        return "truncated", 1.0, ""
    a_low, b_low = occ.low[a0:a1], st.low[b0:b1]
    if _score_bound(a, a_low, b_low) < ALTERED_MIN:
        return None
    blocks = SequenceMatcher(None, a_low, b_low, autojunk=False).get_matching_blocks()
    # Anchor the window on runs of two or more words; single common words ("the") far
    # away would otherwise stretch it over the whole statement.
    anchors = [m for m in blocks if m.size >= 2] or [m for m in blocks if m.size]
    if not anchors:
        return None
    first, last = anchors[0], anchors[-1]
    w0 = max(0, first.b - first.a)
    w1 = min(len(b), last.b + last.size + (len(a) - last.a - last.size))
    ops = SequenceMatcher(None, a_low, b_low[w0:w1], autojunk=False).get_opcodes()
    matched = case_changes = dropped = ellipses = 0
    parts: list[str] = []
    for tag, i1, i2, j1, j2 in ops:
        old = _render(st, b0 + w0, j1, j2) if j2 > j1 else ""
        new = _render(occ, a0, i1, i2) if i2 > i1 else ""
        if tag == "equal":
            matched += i2 - i1
            for k in range(i2 - i1):
                if a[i1 + k] != b[w0 + j1 + k]:
                    case_changes += 1
                    parts.append(f"{b[w0 + j1 + k]} → {a[i1 + k]}")
        elif tag == "replace" and all(x == "..." for x in a[i1:i2]):
            dropped, ellipses = dropped + j2 - j1, ellipses + i2 - i1
            parts.append(f"−'{old}' (…)")  # the ellipsis stands for these words
        elif tag == "delete":  # opcodes turn a (occurrence) into b: delete = added words
            parts.append(f"+'{new}'")
        elif tag == "insert":
            parts.append(f"−'{old}'")
        else:
            parts.append(f"{old} → {new}")
    total = (len(a) - ellipses) + (w1 - w0 - dropped)
    score = 2 * (matched - 0.5 * case_changes) / total if total else 0.0
    if score < ALTERED_MIN:
        return None
    if not parts:  # the window equals the occurrence: only the edges differed
        return "truncated", 1.0, ""
    return "altered", round(score, 4), "; ".join(parts)


def _score_bound(a: tuple[str, ...], a_low: tuple[str, ...], b_low: tuple[str, ...]) -> float:
    """An upper bound of the alignment score that :func:`_compare` computes with
    difflib, from the longest common subsequence (rapidfuzz, in C): difflib's
    equal runs are a common subsequence, so ``matched`` is at most its length L,
    and the score's denominator is at least the occurrence's words without its
    ellipses plus ``matched``; the score grows with ``matched``. A candidate
    under ALTERED_MIN by this bound is dropped without running difflib."""
    common = LCSseq.similarity(a_low, b_low)
    words = len(a) - a.count("...") + common
    return 2 * common / words if words > 0 else 0.0


def _label(
    occ: _Text,
    speaker: str | None,
    word_candidates: Iterable[tuple[Statement, _Text]],
    speaker_candidates: Iterable[tuple[Statement, _Text]],
    rarity: _Rarity,
) -> Match:
    best: tuple[tuple[int, float, bool], Statement, str, float, str] | None = None
    for st, prepared in word_candidates:
        result = _compare(occ, prepared)
        if result is None:
            continue
        label, score, diff = result
        speaker_ok = speaker is None or close_speaker(speaker, st.speaker)
        rank = (_LABEL_RANK[label], score, speaker_ok)
        if best is None or rank > best[0]:
            best = (rank, st, label, score, diff)
    if best is not None:
        (_, _, speaker_ok), st, label, score, diff = best
        if not speaker_ok:
            note = f"speaker: {st.speaker} → {speaker}"
            return Match(st.id, "misattributed", score, f"{note}; {diff}" if diff else note)
        return Match(st.id, label, score, diff)
    words = _content(occ)
    if speaker is not None and words:
        para: tuple[float, Statement] | None = None
        a0, a1 = _trim(occ, ellipsis=True)
        short = occ.toks[a0:a1]
        for st, prepared in speaker_candidates:
            if speaker_key(st.speaker) is None or not same_speaker(speaker, st.speaker):
                continue
            b0, b1 = _trim(prepared, ellipsis=False)
            if _n_words(short) >= MIN_SPEAKER_WORDS and _contains(
                prepared.toks[b0:b1], prepared.low[b0:b1], short
            ):  # a few words of this speaker's statement, as he is quoted elsewhere
                return Match(st.id, "truncated", 1.0, "")
            share = _shares_claim(occ, words, prepared, rarity)
            if share is not None and (para is None or share > para[0]):
                para = (share, st)
        if para is not None:
            return Match(para[1].id, "paraphrase", round(para[0], 4), "")
    return Match(None, "unmatched", 0.0, "")


def label_occurrence(text: str, speaker: str | None, statements: Sequence[Statement]) -> Match:
    """Label one occurrence against every statement given (no index: for few statements).

    Returns the best :class:`Match`; ``statement_id`` is None when unmatched.
    """
    prepared = [(st, _prepare(st.text)) for st in statements]
    rarity = _Rarity(_content(p) for _, p in prepared)
    return _label(_prepare(text), speaker, prepared, prepared, rarity)


class StatementIndex:
    """Statements indexed once, matched many times.

    Candidates for word comparison are the statements sharing the most word 3-grams with
    the occurrence; candidates for a paraphrase are the statements of the same speaker.
    """

    def __init__(self, statements: Iterable[Statement]) -> None:
        self._entries: list[tuple[Statement, _Text]] = []
        self._by_shingle: dict[tuple[str, str, str], list[int]] = {}
        self._by_speaker: dict[str, list[int]] = {}
        self._by_words: dict[tuple[str, ...], list[int]] = {}  # statements under 3 words
        # the words of each statement (edge punctuation aside): an occurrence with the
        # same words is verbatim, and no other candidate needs comparing
        self._by_tokens: dict[tuple[str, ...], set[int]] = {}
        seen: set[str] = set()
        for st in statements:
            if st.id in seen:
                raise ValueError(f"duplicate statement id: {st.id!r}")
            seen.add(st.id)
            i = len(self._entries)
            prepared = _prepare(st.text)
            self._entries.append((st, prepared))
            lo, hi = _trim(prepared, ellipsis=False)
            self._by_tokens.setdefault(prepared.toks[lo:hi], set()).add(i)
            shingles = _shingles(prepared)
            for shingle in shingles:
                self._by_shingle.setdefault(shingle, []).append(i)
            if not shingles:
                lo, hi = _trim(prepared, ellipsis=False)
                self._by_words.setdefault(prepared.toks[lo:hi], []).append(i)
            for key in sorted(speaker_keys(st.speaker)):  # "DEA" finds the administration
                self._by_speaker.setdefault(key, []).append(i)
        self._rarity = _Rarity(_content(p) for _, p in self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def match(self, text: str, speaker: str | None) -> Match:
        """Return the best :class:`Match` of one occurrence among the indexed statements."""
        occ = _prepare(text)
        counts: Counter[int] = Counter()
        shingles = _shingles(occ)
        for shingle in shingles:
            counts.update(self._by_shingle.get(shingle, ()))
        lo, hi = _trim(occ, ellipsis=True)
        ranked = [i for i, _ in counts.most_common(MAX_CANDIDATES)]
        if not shingles:  # under three words: only an equal (short) statement can match
            ranked = list(self._by_words.get(occ.toks[lo:hi], ()))
        # Verbatim outranks every other label, so when candidates have the
        # occurrence's very words, the others cannot win: compare those alone
        # (in the same order, so ties resolve as before).
        same = self._by_tokens.get(occ.toks[lo:hi], set()) if hi > lo else set()
        ranked = [i for i in ranked if i in same] or ranked
        words = [self._entries[i] for i in ranked]
        found = sorted({i for key in speaker_keys(speaker) for i in self._by_speaker.get(key, ())})
        return _label(occ, speaker, words, [self._entries[i] for i in found], self._rarity)


def _words_of(text: str) -> tuple[str, ...]:
    return tuple(w for w in _prepare(text).low if w[0].isalnum())


def cluster_variants(texts: Sequence[str]) -> list[list[int]]:
    """Group quotes that are variants of one another; returns lists of indices of
    ``texts``, each ascending, ordered by their first index; every index is in exactly
    one cluster (a quote like no other is a cluster of one).

    Two quotes are variants when, on lowercased word tokens (punctuation and quote style
    ignored), they share a run of ``CLUSTER_NGRAM`` words (an excerpt, an edit elsewhere
    in the quote) or their difflib similarity is at least ``CLUSTER_SIMILARITY`` (short
    quotes, words changed every few words); the similarity is computed only for the
    ``MAX_CANDIDATES`` earlier quotes sharing the most word pairs with a quote (pairs
    found in more than ``_MAX_POSTING`` quotes are too common to count). Clusters are the
    connected groups of that relation (single link), so within those limits the grouping
    does not depend on the order of the quotes.
    """
    words = [_words_of(t) for t in texts]
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    first_with: dict[tuple[str, ...], int] = {}
    by_bigram: dict[tuple[str, ...], list[int]] = {}
    same_words: dict[tuple[str, ...], int] = {}
    n = CLUSTER_NGRAM
    for i, w in enumerate(words):
        if w and w in same_words:  # the same words again (a verbatim repost): nothing new to index
            union(i, same_words[w])
            continue
        same_words.setdefault(w, i)
        for k in range(len(w) - n + 1):
            union(i, first_with.setdefault(w[k : k + n], i))
        bigrams = {w[k : k + 2] for k in range(len(w) - 1)} or ({w} if w else set())
        shared: Counter[int] = Counter()
        for gram in bigrams:
            posting = by_bigram.get(gram, ())
            if len(posting) <= _MAX_POSTING:  # "of the" says nothing about a quote
                shared.update(posting)
        ranked = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]
        for j, count in ranked:
            # quotes this similar share a good part of their word pairs: a cheap filter
            few = count < 0.3 * min(len(bigrams), len(words[j]) - 1)
            if not few and find(i) != find(j) and _similar(w, words[j]):
                union(i, j)
        for gram in bigrams:
            by_bigram.setdefault(gram, []).append(i)
    clusters: dict[int, list[int]] = {}
    for i in range(len(texts)):
        clusters.setdefault(find(i), []).append(i)
    return sorted(clusters.values(), key=lambda c: c[0])


def _similar(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= CLUSTER_SIMILARITY and matcher.ratio() >= CLUSTER_SIMILARITY
    )


def canonical_variant(texts: Sequence[str], cluster: Sequence[int]) -> int:
    """The index (in ``texts``) of the text that stands for ``cluster``: the most
    frequent wording (tokens, case aside), then the longest, then the first."""
    if not cluster:
        raise ValueError("cluster must not be empty")
    counts = Counter(_words_of(texts[i]) for i in cluster)
    return min(cluster, key=lambda i: (-counts[_words_of(texts[i])], -len(_words_of(texts[i])), i))
