"""The link stage against the store: sign new or changed posts and sources,
link each post to the official sources it copies, write the links in batches.

Running it twice gives the same tables; only posts and sources whose content
changed since the last run are linked again (``link_state``).
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from provenance.link import Linker, LinkOptions, PostText, SourceText, canonical_url
from provenance.store import PostRecord, SourceRecord, Store, content_hash, now

log = logging.getLogger(__name__)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class LinkSummary:
    posts: int
    sources: int
    links: int
    by_verdict: dict[str, int]


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
            "language": r.language,
            "linked_at": linked_at,
        }
        for r in linker.link(PostText(post.key, post.body, post.cited_urls))
    ]
