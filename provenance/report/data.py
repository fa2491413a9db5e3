"""The shapes every report renderer shares: labels, times, diffs, first reposts, clusters.

The store hands reports plain rows (one dict per statement with its occurrences, as
`Store.statement_report_rows` returns them). The Markdown, JSON and HTML renderers all
need the same derived facts from those rows: the label order, the first repost, the
counts per label, a parsed timestamp, the stored word diff split into its changes, and
the unmatched quotes grouped into variant clusters. They are computed here, once, so the
renderers only lay them out.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from provenance.quotes.variants import Statement, label_occurrence
from provenance.text import normalise, words

__all__ = [
    "COLOURS",
    "LABELS",
    "VERDICTS",
    "Cluster",
    "DiffChange",
    "cluster_unmatched",
    "elapsed",
    "first_repost",
    "format_published",
    "format_time",
    "label_counts",
    "parse_diff",
    "parse_time",
    "target_url",
    "where",
    "word_diff",
]

# Every label an occurrence can carry, from faithful to unrelated: the order of
# counts, legends and chart lanes.
LABELS = ("verbatim", "truncated", "altered", "misattributed", "paraphrase", "unmatched")

# The one colour of every occurrence label and link verdict, with the ink written on it:
# chips, chart marks, bars and legends on every page take theirs from here. Okabe-Ito
# colours (told apart by colour-blind readers) where the palette has one to spare.
COLOURS: dict[str, tuple[str, str]] = {
    "verbatim": ("#009e73", "#fff"),
    "truncated": ("#0072b2", "#fff"),
    "altered": ("#e69f00", "#2b1d00"),
    "misattributed": ("#d55e00", "#fff"),
    "paraphrase": ("#cc79a7", "#2b0d1f"),
    "unmatched": ("#8a8f98", "#fff"),
    "excerpt": ("#56b4e9", "#05263a"),
    "rewrite": ("#7e57c2", "#fff"),
    "spun": ("#f0e442", "#2b2900"),
    "cites-only": ("#4b5563", "#fff"),
    "first seen": ("#1f2328", "#fff"),
    "other": ("#8a8f98", "#fff"),
}
VERDICTS = ("verbatim", "excerpt", "rewrite", "spun", "cites-only")

# A variant joins a cluster when it is the same quote by words (speakers of unmatched
# quotes vary and are not compared).
_SAME_QUOTE = frozenset({"verbatim", "truncated", "altered"})
_CLUSTER_CANDIDATES = 5  # representatives compared word by word per quote


@dataclass(frozen=True)
class DiffChange:
    """One change of a stored word diff, from the official text to the text as written.

    ``kind`` is ``replace`` (``old`` became ``new``), ``delete`` (``old`` left out),
    ``cut`` (``old`` left out behind an ellipsis), ``insert`` (``new`` added), ``speaker``
    (attributed to ``new`` instead of ``old``) or ``text`` (a part this parser does not
    know, kept whole in ``new``).
    """

    kind: str
    old: str = ""
    new: str = ""


@dataclass(frozen=True)
class Cluster:
    """Unmatched quotes that are variants of one another, the first seen leading.

    ``members`` holds (occurrence, label, diff) for every quote after the first, labelled
    against the first one's text.
    """

    first: dict[str, Any]
    members: tuple[tuple[dict[str, Any], str, str], ...]

    @property
    def size(self) -> int:
        return 1 + len(self.members)

    def occurrences(self) -> list[dict[str, Any]]:
        return [self.first, *(occ for occ, _, _ in self.members)]


_CUT = re.compile(r"−'(?P<old>.*)' \(…\)", re.DOTALL)
_DELETE = re.compile(r"−'(?P<old>.*)'", re.DOTALL)
_INSERT = re.compile(r"\+'(?P<new>.*)'", re.DOTALL)
_ARROW = " → "


def parse_diff(diff: str | None) -> list[DiffChange]:
    """Split a diff as `provenance.quotes.variants` writes it ("shipping → selling; −'x' (…);
    +'y'; speaker: A → B") into its changes, in order. Returns [] for no diff."""
    changes: list[DiffChange] = []
    for part in (diff or "").split("; "):
        if not part:
            continue
        if part.startswith("speaker: ") and _ARROW in part:
            old, new = part.removeprefix("speaker: ").split(_ARROW, 1)
            changes.append(DiffChange("speaker", old, new))
        elif m := _CUT.fullmatch(part):
            changes.append(DiffChange("cut", old=m["old"]))
        elif m := _DELETE.fullmatch(part):
            changes.append(DiffChange("delete", old=m["old"]))
        elif m := _INSERT.fullmatch(part):
            changes.append(DiffChange("insert", new=m["new"]))
        elif _ARROW in part:
            old, new = part.split(_ARROW, 1)
            changes.append(DiffChange("replace", old, new))
        else:
            changes.append(DiffChange("text", new=part))
    return changes


def parse_time(value: str | datetime | date | None) -> datetime | None:
    """A timezone-aware UTC datetime from a stored timestamp or date (a date is its
    midnight UTC); None when there is none or it is not ISO 8601."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    else:
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def format_time(value: str | datetime | None) -> str:
    """'2026-01-08 16:04 UTC', or '?' when the time is unknown."""
    moment = parse_time(value)
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "?"


def elapsed(start: str | datetime | None, end: str | datetime | None) -> str:
    """How long after `start` came `end`, in words ("16 h", "2 d 4 h", "40 min"); '' when
    a time is unknown or `end` came first."""
    t0, t1 = parse_time(start), parse_time(end)
    if t0 is None or t1 is None or t1 < t0:
        return ""
    minutes = int((t1 - t0).total_seconds() // 60)
    days, hours = divmod(minutes // 60, 24)
    if days:
        return f"{days} d {hours} h" if hours and days < 7 else f"{days} d"
    return f"{hours} h" if hours else f"{minutes} min"


def format_published(value: str | datetime | date | None) -> str:
    """A publication time as shown: '2026-01-08 15:00 UTC' when its time of day is known,
    '2026-01-08' when only its date is, 'date unknown' without either."""
    if has_time(value):
        return format_time(value)  # type: ignore[arg-type]
    moment = parse_time(value)
    return moment.date().isoformat() if moment else "date unknown"


def has_time(value: str | datetime | date | None) -> bool:
    """Whether a stored time carries a time of day (a bare date does not)."""
    if isinstance(value, datetime):
        return True
    return isinstance(value, str) and len(value.strip()) > 10 and parse_time(value) is not None


def word_diff(official: str | None, text: str | None) -> list[tuple[str, str]]:
    """The official words with what a quote did to them: (kind, words) runs in order,
    kind ``same`` (kept), ``cut`` (left out) or ``added`` (not in the official words).
    Words are compared without case and punctuation; the official spelling is shown."""
    old, new = (official or "").split(), (text or "").split()

    def key(word: str) -> str:
        return re.sub(r"\W", "", word.casefold()) or word

    matcher = difflib.SequenceMatcher(None, [key(w) for w in old], [key(w) for w in new], False)
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("cut", " ".join(old[i1:i2])))
        if j2 > j1:
            runs.append(("added", " ".join(new[j1:j2])))
    return runs


def where(occ: dict[str, Any]) -> str:
    """Plain words naming where an occurrence appeared: post, article or page."""
    if occ.get("doc_kind") == "post":
        by = f" by {occ['author']}" if occ.get("author") else ""
        if occ.get("post_kind") == "article":
            title = occ.get("thread_title") or occ.get("post_id")
            return f"article “{title}” on {occ.get('forum')}{by}"
        thread = occ.get("thread_title") or f"thread {occ.get('thread_id')}"
        return f"post {occ.get('post_id')} in “{thread}”{by}"
    return f"page {occ.get('source_url')}"


def target_url(occ: dict[str, Any]) -> str | None:
    """The URL of where an occurrence appeared: the post's permalink or the page's URL."""
    url = occ.get("permalink") if occ.get("doc_kind") == "post" else occ.get("source_url")
    return str(url) if url else None


def first_repost(occurrences: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """The earliest occurrence in a forum post (occurrences come in time order), or None."""
    return next((o for o in occurrences if o.get("doc_kind") == "post"), None)


def label_counts(occurrences: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Occurrences per label, known labels in `LABELS` order, then any other label."""
    counts = Counter(str(o.get("label") or "unmatched") for o in occurrences)
    known = {label: counts.pop(label) for label in LABELS if label in counts}
    return known | dict(sorted(counts.items()))


def cluster_unmatched(occurrences: Sequence[dict[str, Any]]) -> list[Cluster]:
    """Group unmatched quotes (time order) into clusters of variants of one another.

    Each quote is compared, word by word, with the first quote of the clusters that
    share the most word 3-grams with it; it joins the best one it is a verbatim,
    truncated or altered copy of, or starts a new cluster. Returns the clusters, largest
    first, then by first sighting.
    """
    firsts: list[dict[str, Any]] = []
    members: list[list[tuple[dict[str, Any], str, str]]] = []
    by_shingle: dict[tuple[str, ...], list[int]] = {}
    by_text: dict[str, int] = {}
    for occ in occurrences:
        text = occ.get("text") or ""
        shingles = _shingles(text)
        candidates = Counter(i for s in shingles for i in by_shingle.get(s, ()))
        chosen = [i for i, _ in candidates.most_common(_CLUSTER_CANDIDATES)]
        if (same := by_text.get(normalise(text))) is not None and same not in chosen:
            chosen.insert(0, same)
        match = label_occurrence(
            text, None, [Statement(str(i), firsts[i].get("text") or "", None, None) for i in chosen]
        )
        if match.statement_id is not None and match.label in _SAME_QUOTE:
            members[int(match.statement_id)].append((occ, match.label, match.diff))
            continue
        index = len(firsts)
        firsts.append(occ)
        members.append([])
        by_text.setdefault(normalise(text), index)
        for shingle in shingles:
            by_shingle.setdefault(shingle, []).append(index)
    clusters = [Cluster(first, tuple(rest)) for first, rest in zip(firsts, members, strict=True)]
    return sorted(clusters, key=lambda c: -c.size)  # stable: ties keep first-seen order


def _shingles(text: str) -> set[tuple[str, ...]]:
    tokens = [w for w in words(text) if w[:1].isalnum()]
    return {tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)}
