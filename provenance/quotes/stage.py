"""The quote stage against the store: extract official statements from sources,
find every quoted statement in posts and articles, match and label each
occurrence, and group unmatched quotes into variant clusters.

Each run replaces what it computed before, so running it twice gives the same tables.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime

from provenance.quotes.extract import extract_quotes
from provenance.quotes.speakers import speaker_key
from provenance.quotes.translated import SPEAKER_CONTEXT, match_translated
from provenance.quotes.variants import (
    Statement,
    StatementIndex,
    canonical_variant,
    cluster_variants,
)
from provenance.store import Store, content_hash
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


def trace_quotes(store: Store) -> QuoteSummary:
    """Extract official statements from official sources, then find and label
    every quote in posts and other sources against them, and group the quotes that
    match no statement into variant clusters (the `quote_clusters` table)."""
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
    store.replace_statements([s.url for s in sources if s.official], statements)
    index = StatementIndex(
        Statement(s["statement_id"], s["text"], s["speaker"], s["speaker_title"])
        for s in statements
    )
    for source in (s for s in sources if not s.official):
        for position, quote in enumerate(extract_quotes(source.body)):
            occurrences.append(
                _occurrence("source", None, source.url, quote, position, _day(source.published))
            )
    translations = store.translated_links()
    by_source: dict[str, list[Statement]] = {}
    for s in statements:
        by_source.setdefault(s["source_url"], []).append(
            Statement(s["statement_id"], s["text"], s["speaker"], s["speaker_title"])
        )
    # occurrence id -> (its post's language, the text around it, candidate statements)
    translated: dict[str, tuple[str | None, str, list[Statement]]] = {}
    for post in store.posts():
        key = (post.forum, post.thread_id, post.post_id)
        originals = [st for url in translations.get(key, ()) for st in by_source.get(url, ())]
        language = detect_language(post.body) if originals else None
        for position, quote in enumerate(extract_quotes(post.body)):
            occ = _occurrence("post", key, None, quote, position, post.posted_at)
            occurrences.append(occ)
            if originals:
                context = post.body[
                    max(0, quote.start - SPEAKER_CONTEXT) : quote.end + SPEAKER_CONTEXT
                ]
                translated[occ["occurrence_id"]] = (language, context, originals)
    labelled = []
    for occ in occurrences:
        match = index.match(occ["text"], occ["speaker"])
        if match.statement_id is None and occ["occurrence_id"] in translated:
            # a quote in a translated post: matched by what a translation keeps
            language, context, originals = translated[occ["occurrence_id"]]
            match = match_translated(occ["text"], context, originals, language) or match
        labelled.append(
            {
                **occ,
                "statement_id": match.statement_id,
                "label": match.label,
                "score": match.score,
                "diff": match.diff,
            }
        )
    clusters = _cluster_rows([occ for occ in labelled if occ["statement_id"] is None])
    with store.transaction():
        store.replace_occurrences(labelled)
        store.replace_quote_clusters(clusters)
    labels = Counter(str(occ["label"]) for occ in labelled)
    sizes = Counter(str(row["cluster_id"]) for row in clusters)
    travelled = sum(1 for n in sizes.values() if n > 1)
    return QuoteSummary(len(statements), len(labelled), dict(labels), travelled)


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
    if not published:
        return None
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
