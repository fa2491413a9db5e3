"""The quote stage against the store: extract official statements from sources,
find every quoted statement in posts and articles, match and label each
occurrence, and group unmatched quotes into variant clusters.

Each run replaces what it computed before, so running it twice gives the same tables.
Posts stream from the store in batches and their occurrences are written a
batch at a time (labelled in forked worker processes when asked).
"""

from __future__ import annotations

import logging
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from provenance.quotes.extract import extract_quotes
from provenance.quotes.known import KnownSpeakers
from provenance.quotes.speakers import speaker_key
from provenance.quotes.translated import SPEAKER_CONTEXT, match_translated
from provenance.quotes.variants import (
    Statement,
    StatementIndex,
    canonical_variant,
    cluster_variants,
)
from provenance.store import PostRecord, Store, content_hash
from provenance.store.parallel import map_batches
from provenance.text import normalise
from provenance.text.language import detect_language

log = logging.getLogger(__name__)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class QuoteSummary:
    statements: int
    occurrences: int
    by_label: dict[str, int]
    clusters: int = 0  # variant clusters of unmatched quotes seen more than once


BATCH = 2000  # posts read, labelled and written at a time


def trace_quotes(
    store: Store,
    workers: int = 1,
    batch: int = BATCH,
    progress: Callable[[int, int], None] | None = None,
) -> QuoteSummary:
    """Extract official statements from official sources, then find and label
    every quote in posts and other sources against them, and group the quotes that
    match no statement into variant clusters (the `quote_clusters` table).

    Posts are read, labelled and written `batch` at a time, so memory grows only
    with the unmatched quotes that clustering needs; `workers` > 1 labels the
    batches in that many forked processes (the statement index is built before
    the fork) while this one writes the store. `progress`, when given, is called
    after each batch with the posts looked at and the occurrences written.
    """
    sources = sorted(store.sources(), key=lambda s: (s.published or "9999", s.url))
    statements: list[dict] = []
    occurrences: list[dict] = []
    by_text: dict[str, str] = {}  # normalised statement text -> earliest statement id
    for source in (s for s in sources if s.official):
        for position, quote in enumerate(extract_quotes(source.body)):
            norm = normalise(quote.text)
            if norm in by_text:
                # reused in a later release: the earliest keeps the statement
                occurrences.append(
                    _occurrence("source", None, source.url, quote, position, _day(source.published))
                )
                continue
            sid = content_hash(source.url, quote.text)
            by_text[norm] = sid
            statements.append(
                {
                    "statement_id": sid,
                    "source_url": source.url,
                    "position": position,
                    "speaker": quote.speaker,
                    "speaker_key": speaker_key(quote.speaker),
                    "speaker_title": quote.speaker_title,
                    "text": quote.text,
                }
            )
    index = StatementIndex(
        Statement(s["statement_id"], s["text"], s["speaker"], s["speaker_title"])
        for s in statements
    )
    # a story names officials by title or misspells them; the releases name them in full
    known = KnownSpeakers((s["speaker"], s["speaker_title"]) for s in statements)
    for source in (s for s in sources if not s.official):
        for position, quote in enumerate(extract_quotes(source.body, known)):
            occurrences.append(
                _occurrence("source", None, source.url, quote, position, _day(source.published))
            )
    # statements of the sources a post is a translation of, by post key
    translations = store.translated_links()
    by_source: dict[str, list[Statement]] = {}
    for s in statements:
        by_source.setdefault(s["source_url"], []).append(
            Statement(s["statement_id"], s["text"], s["speaker"], s["speaker_title"])
        )
    originals = {
        key: [st for url in urls for st in by_source.get(url, ())]
        for key, urls in translations.items()
    }
    labels: Counter[str] = Counter()
    unmatched: dict[str, dict] = {}  # occurrence id -> what clustering needs of it

    def write(rows: list[dict]) -> None:
        store.add_occurrences(rows)
        for row in rows:
            unmatched.pop(row["occurrence_id"], None)  # a repeated id: the last row wins
            labels[str(row["label"])] += 1
            if row["statement_id"] is None:
                unmatched[row["occurrence_id"]] = {
                    k: row[k] for k in ("occurrence_id", "text", "seen_at")
                }

    with store.transaction():
        store.replace_statements([s.url for s in sources if s.official], statements)
        store.clear_occurrences()
        write(_labelled(index, occurrences))
        posts = store.post_batches(batch)
        work = partial(_post_occurrences, index, known, originals)
        sizes: deque[int] = deque()  # of the batches read and not yet written

        def counted(batches: Iterator[list[PostRecord]]) -> Iterator[list[PostRecord]]:
            for group in batches:
                sizes.append(len(group))
                yield group

        looked_at = 0
        for rows in map_batches(work, counted(posts), workers):
            write(rows)
            looked_at += sizes.popleft()
            if progress is not None:
                progress(looked_at, sum(labels.values()))
        clusters = _cluster_rows(list(unmatched.values()))
        store.replace_quote_clusters(clusters)
    sizes = Counter(str(row["cluster_id"]) for row in clusters)
    travelled = sum(1 for n in sizes.values() if n > 1)
    return QuoteSummary(len(statements), sum(labels.values()), dict(labels), travelled)


def _post_occurrences(
    index: StatementIndex,
    known: KnownSpeakers,
    originals: dict[tuple[str, str, str], list[Statement]],
    posts: list[PostRecord],
) -> list[dict]:
    """The labelled occurrences of quotes in a batch of posts. A quote that matches
    no statement in a post linked as a translation is matched again, by what a
    translation keeps, against the statements of the source it translates."""
    rows = []
    for post in posts:
        key = (post.forum, post.thread_id, post.post_id)
        quotes = extract_quotes(post.body, known)
        occurrences = [
            _occurrence("post", key, None, quote, position, post.posted_at)
            for position, quote in enumerate(quotes)
        ]
        labelled = _labelled(index, occurrences)
        statements = originals.get(key)
        if statements:
            language = detect_language(post.body)
            for row, quote in zip(labelled, quotes, strict=True):
                if row["statement_id"] is not None:
                    continue
                context = post.body[
                    max(0, quote.start - SPEAKER_CONTEXT) : quote.end + SPEAKER_CONTEXT
                ]
                match = match_translated(row["text"], context, statements, language)
                if match is not None:
                    row.update(
                        statement_id=match.statement_id,
                        label=match.label,
                        score=match.score,
                        diff=match.diff,
                    )
        rows.extend(labelled)
    return rows


def _labelled(index: StatementIndex, occurrences: list[dict]) -> list[dict]:
    labelled = []
    for occ in occurrences:
        match = index.match(occ["text"], occ["speaker"])
        labelled.append(
            {
                **occ,
                "statement_id": match.statement_id,
                "label": match.label,
                "score": match.score,
                "diff": match.diff,
            }
        )
    return labelled


def _cluster_rows(unmatched: list[dict]) -> list[dict]:
    """Group the unmatched occurrences into variant clusters: one row per occurrence with
    its cluster's id (a hash of the canonical text) and canonical text. Occurrences are
    numbered in time order, so the result does not depend on the order they were read."""
    ordered = sorted(
        unmatched, key=lambda o: (o["seen_at"] is None, o["seen_at"] or _EPOCH, o["occurrence_id"])
    )
    texts = [str(o["text"] or "") for o in ordered]
    rows = []
    for members in cluster_variants(texts):
        canonical = texts[canonical_variant(texts, members)]
        cluster_id = content_hash("quote-cluster", normalise(canonical))
        rows += [
            {
                "cluster_id": cluster_id,
                "occurrence_id": ordered[i]["occurrence_id"],
                "canonical_text": canonical,
            }
            for i in members
        ]
    return rows


def _occurrence(
    kind: str,
    post_key: tuple[str, str, str] | None,
    source_url: str | None,
    quote,
    position: int,
    seen_at: datetime | None,
) -> dict:
    forum, thread_id, post_id = post_key or (None, None, None)
    doc = source_url or "\x1f".join(post_key or ())
    return {
        "occurrence_id": content_hash(kind, doc, str(quote.start), quote.text),
        "doc_kind": kind,
        "forum": forum,
        "thread_id": thread_id,
        "post_id": post_id,
        "source_url": source_url,
        "position": position,
        "text": quote.text,
        "speaker": quote.speaker,
        "speaker_title": quote.speaker_title,
        "seen_at": seen_at,
    }


def _day(published: str | None) -> datetime | None:
    """When a source was published: its time when known, else its day's midnight UTC."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return None
    return moment.replace(tzinfo=moment.tzinfo or UTC)
