"""What goes into the linker and what comes out: texts, options with every
threshold a verdict uses, results and comparisons; the canonical form of a URL."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from provenance.link.signatures import (
    DEFAULT_PARAMS,
    MinHashParams,
)
from provenance.text.urls import normalise_url

VERDICTS = ("verbatim", "excerpt", "spun", "rewrite", "cites-only", "translated")
# Sources (when indexing) or posts (when linking) prepared and signed together.
_BATCH = 512
_NONE = np.empty(0, dtype=np.uint64)
_FIELDS = (
    "shingles",
    "outside_shingles",
    "facts",
    "immutables",
    "immutable_first",
    "words",
    "outside_words",
)
_NO_INDEX = np.empty(0, dtype=np.int64)


@dataclass(frozen=True)
class SourceText:
    """An official article: body paragraphs separated by blank lines.

    ``statements`` are its official statements (the quote stage's, when known);
    when there are none, the linker takes what the text puts in double quotes.
    """

    url: str
    title: str
    text: str
    statements: tuple[str, ...] = ()


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
    language: str | None = None  # the post's language (detect_language), when detected
    statements: tuple[int, ...] = ()


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
    fact_containment: float = 0.0  # shared_facts / the post's distinct names and numbers
    shared_words: int = 0  # distinct content words of the post's own wording in the source


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
    * ``rewrite`` too, from facts alone: a rewrite that quotes nothing keeps the
      names and figures of its release but few of its immutable runs; at least
      rewrite_min_facts shared names and numbers outside quoted speech that are
      rewrite_fact_containment of the post's own, with immutable containment >=
      rewrite_fact_immutable_containment. A story of the same agency about another
      event shares its officials, towns and phone line, but brings its own figures,
      so its fact containment stays low;
    * ``rewrite`` too, from facts and words, for a short release with few figures:
      at least rewrite_short_min_facts shared names and numbers that are
      rewrite_short_fact_containment of the post's own, and at least
      rewrite_short_min_words distinct content words (four letters or more, not
      a stop word) of the post's own wording found anywhere in the source. A story
      of the same officials about another event names the same people but
      speaks of other things;
    * ``rewrite`` too, from statements: the post retells the source in its own
      words, sharing statement_min_facts names and numbers and
      statement_min_shared_words content words outside quoted speech with it (a
      forum post that quotes an official and comments on it is a quote
      occurrence, not a rewrite)
      and quotes, word for word, parts of at least statement_min_count of the
      source's statements (each part statement_min_words words or more), or one
      part of statement_long_words words or more with those facts
      statement_fact_containment of the post's own (a release of the same agency
      repeats its stock lines, with its own figures).
      A story of the same official about another event quotes
      other words;
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

    The translated thresholds were tuned on the tune split of
    tests/data/link_translated/ (translations of a release: weight 4.95 to
    11.3 and 14 to 34 facts; translations of a sibling release and the
    second-best source: weight at most 2.3, 10 facts) and measured on its
    held-out split (bench/link_quality.py --data tests/data/link_translated).

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
    spun_min_immutables: int = 12
    min_shared_shingles: int = 5
    min_shared_immutables: int = 8
    min_shared_facts: int = 8
    rewrite_min_facts: int = 20
    rewrite_fact_containment: float = 0.8
    rewrite_fact_immutable_containment: float = 0.25
    translated_min_facts: int = 6
    translated_min_score: float = 3.5
    rewrite_short_min_facts: int = 10
    rewrite_short_fact_containment: float = 0.85
    rewrite_short_min_words: int = 20
    statement_min_words: int = 5
    statement_min_count: int = 2
    statement_long_words: int = 12
    statement_min_facts: int = 3
    statement_min_shared_words: int = 16
    statement_fact_containment: float = 0.85

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
            "rewrite_fact_containment",
            "rewrite_fact_immutable_containment",
            "statement_fact_containment",
            "rewrite_short_fact_containment",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be in [0.0, 1.0], got {value!r}")
        sizes = ("shingle_k", "immutable_k", "window", "step")
        counts = (
            "min_shared_shingles",
            "min_shared_immutables",
            "min_shared_facts",
            "rewrite_min_facts",
            "translated_min_facts",
            "spun_min_immutables",
            "rewrite_short_min_facts",
            "rewrite_short_min_words",
            "statement_min_words",
            "statement_min_count",
            "statement_min_shared_words",
            "statement_long_words",
        )
        for name in (*sizes, *counts):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be >= 1, got {getattr(self, name)!r}")
        if self.translated_min_score < 0.0:
            raise ValueError(
                f"translated_min_score must be >= 0.0, got {self.translated_min_score!r}"
            )
        if self.step > self.window:
            raise ValueError(f"step must be <= window={self.window}, got {self.step!r}")
        if self.rewrite_immutable_containment > self.spun_immutable_containment:
            raise ValueError(
                f"rewrite_immutable_containment must be <= spun_immutable_containment "
                f"({self.spun_immutable_containment!r}), got {self.rewrite_immutable_containment!r}"
            )


def canonical_url(url: str) -> str:
    """Return ``url`` in the form used to compare citations with sources.

    :func:`provenance.text.urls.normalise_url` (lowercase scheme and host, no
    default port, fragment, ``utm_*`` or session parameters) with the
    trailing slash of the path dropped as well, since sites serve a release
    with and without it. A URL that is not http(s) is only stripped.
    """
    normal = normalise_url(url)
    if normal is None:
        return url.strip()
    parts = urlsplit(normal)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/")))
