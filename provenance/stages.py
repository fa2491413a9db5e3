"""The analysis stages run against the store: link posts to sources, trace quotes.

Each stage reads what it needs from the store, runs the pure modules
(`link`, `quotes`, `variants`) and writes its results back in batches,
replacing what it computed before for the same documents, so running a stage
twice gives the same tables.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime

from provenance.link import Linker, LinkOptions, PostText, SourceText, canonical_url
from provenance.quotes import extract_quotes
from provenance.speakers import speaker_key
from provenance.store import PostRecord, SourceRecord, Store, content_hash, now
from provenance.text import normalise
from provenance.variants import Statement, StatementIndex, canonical_variant, cluster_variants

log = logging.getLogger(__name__)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class LinkSummary:
    posts: int
    sources: int
    links: int
    by_verdict: dict[str, int]


@dataclass(frozen=True)
class QuoteSummary:
    statements: int
    occurrences: int
    by_label: dict[str, int]
    clusters: int = 0  # variant clusters of unmatched quotes seen more than once


def link_posts(
    store: Store, options: LinkOptions | None = None, rebuild: bool = False
) -> LinkSummary:
    """Link stored posts to the stored sources they copy or cite.

    Only what is new since the last run is processed: new or edited posts
    are linked against every source, and the other posts against new or
    changed sources only. `rebuild` forgets every link and redoes all.
    """
    options = options or LinkOptions()
    if rebuild:
        store.reset_links()
    seen = store.link_state()
    sources = _distinct_sources(store.sources())
    posts = store.posts()
    new_sources = [s for s in sources if seen.get(s.url) != content_hash(s.body)]
    new_posts = [p for p in posts if seen.get(p.key) != p.content_hash]
    old_posts = [p for p in posts if seen.get(p.key) == p.content_hash]
    linked_at = now()
    rows: list[dict] = []
    with store.transaction():
        if new_posts:
            linker = _linker(store, sources, new_sources, options)
            fresh = [r for post in new_posts for r in _link_rows(linker, post, linked_at)]
            store.replace_links([_post_key(p) for p in new_posts], fresh)
            rows += fresh
        if new_sources and old_posts:
            linker = _linker(store, new_sources, new_sources if not new_posts else [], options)
            fresh = [r for post in old_posts for r in _link_rows(linker, post, linked_at)]
            store.add_links([_post_key(p) for p in old_posts], [s.url for s in new_sources], fresh)
            rows += fresh
        store.save_link_state(
            [(p.key, "post", p.content_hash) for p in new_posts]
            + [(s.url, "source", content_hash(s.body)) for s in new_sources]
        )
    verdicts = Counter(str(row["verdict"]) for row in rows)
    return LinkSummary(len(new_posts), len(new_sources), len(rows), dict(verdicts))


def _distinct_sources(sources: list[SourceRecord]) -> list[SourceRecord]:
    """One source per URL as the linker compares them: sites serve a release with
    and without its trailing slash, posts cite both, and both get stored; the
    first in URL order stands for the others (the linker refuses duplicates)."""
    kept: dict[str, SourceRecord] = {}
    for source in sources:
        key = canonical_url(source.url)
        if key in kept:
            log.info("source %s is %s for the linker: linked once", source.url, kept[key].url)
            continue
        kept[key] = source
    return list(kept.values())


def _linker(
    store: Store, sources: list[SourceRecord], to_sign: list[SourceRecord], options: LinkOptions
) -> Linker:
    """A linker over `sources`; the signatures of `to_sign` are stored."""
    linker = Linker([SourceText(s.url, s.title, s.body) for s in sources], options)
    wanted = {s.url for s in to_sign}
    store.save_signatures(
        [
            {
                "doc_key": url,
                "passage_no": passage_no,
                "kind": kind,
                "num_perm": options.params.num_perm,
                "seed": options.params.seed,
                "hashvalues": [int(v) for v in values],
            }
            for url, passage_no, kind, values in linker.passage_signatures()
            if url in wanted
        ]
    )
    return linker


def _post_key(post: PostRecord) -> tuple[str, str, str]:
    return (post.forum, post.thread_id, post.post_id)


def _link_rows(linker: Linker, post: PostRecord, linked_at: datetime) -> list[dict]:
    return [
        {
            "forum": post.forum,
            "thread_id": post.thread_id,
            "post_id": post.post_id,
            "source_url": r.source_url,
            "method": r.method,
            "score": r.score,
            "containment": r.containment,
            "coverage": r.coverage,
            "verdict": r.verdict,
            "linked_at": linked_at,
        }
        for r in linker.link(PostText(post.key, post.body, post.cited_urls))
    ]


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
    for post in store.posts():
        for position, quote in enumerate(extract_quotes(post.body)):
            occurrences.append(
                _occurrence(
                    "post",
                    (post.forum, post.thread_id, post.post_id),
                    None,
                    quote,
                    position,
                    post.posted_at,
                )
            )
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
