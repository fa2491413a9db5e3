"""The link stage against the store: sign new or changed posts and sources,
link each post to the official sources it copies, write the links in batches.

Posts stream from the store in batches, are linked a batch at a time (in
forked worker processes when asked) and their links written before the next
batch is read, so the stage's memory is the linker's plus a few batches.

Running it twice gives the same tables; only posts and sources whose content
changed since the last run are linked again (``link_state``).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import chain

from provenance.link import Linker, LinkOptions, PostText, SourceText, canonical_url
from provenance.store import PostRecord, SourceRecord, Store, content_hash, now
from provenance.store.parallel import map_batches
from provenance.text import normalise

log = logging.getLogger(__name__)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class LinkSummary:
    posts: int
    sources: int
    links: int
    by_verdict: dict[str, int]


BATCH = 2000  # posts read, linked and written at a time


def link_posts(
    store: Store,
    options: LinkOptions | None = None,
    rebuild: bool = False,
    workers: int = 1,
    batch: int = BATCH,
    progress: Callable[[int, int], None] | None = None,
) -> LinkSummary:
    """Link stored posts to the stored sources they copy or cite.

    Only what is new since the last run is processed: new or edited posts
    are linked against every source, and the other posts against new or
    changed sources only. `rebuild` forgets every link and redoes all.
    Posts are read, linked (:meth:`Linker.link_many`) and written `batch` at
    a time, so memory does not grow with the number of posts; `workers` > 1
    links the batches in that many forked processes (the linker is built
    before the fork) while this one writes the store. `progress`, when given,
    is called after each batch with the posts looked at and the links written.
    """
    options = options or LinkOptions()
    report = progress or (lambda posts, links: None)
    if rebuild:
        store.reset_links()
    seen = store.source_link_state()
    sources = _distinct_sources(store.sources())
    new_sources = [s for s in sources if seen.get(s.url) != content_hash(s.body)]
    linked_at = now()
    quoted = _statements_by_source(store)
    verdicts: Counter[str] = Counter()
    posts = links = looked_at = 0
    signed = False
    with store.transaction():
        # The posts linked before against the new sources only, first: once the
        # new posts are linked, their link state no longer tells them apart.
        if new_sources:
            old = store.posts_to_link(changed=False, size=batch)
            for group, rows in _linked(
                lambda: _linker(store, new_sources, new_sources, options, quoted),
                old,
                (linked_at, quoted),
                workers,
            ):
                store.add_links([_post_key(p) for p in group], [s.url for s in new_sources], rows)
                verdicts.update(str(r["verdict"]) for r in rows)
                links += len(rows)
                looked_at += len(group)
                report(looked_at, links)
            signed = True
        changed = store.posts_to_link(changed=True, size=batch)
        to_sign = [] if signed else new_sources
        for group, rows in _linked(
            lambda: _linker(store, sources, to_sign, options, quoted),
            changed,
            (linked_at, quoted),
            workers,
        ):
            store.replace_links([_post_key(p) for p in group], rows)
            store.save_link_state([(p.key, "post", p.content_hash) for p in group])
            verdicts.update(str(r["verdict"]) for r in rows)
            links += len(rows)
            posts += len(group)
            looked_at += len(group)
            report(looked_at, links)
        store.save_link_state([(s.url, "source", content_hash(s.body)) for s in new_sources])
    return LinkSummary(posts, len(new_sources), links, dict(verdicts))


def _linked(
    build: Callable[[], Linker],
    batches: Iterator[list[PostRecord]],
    context: tuple[datetime, dict[str, list[tuple[str, str]]]],
    workers: int,
) -> Iterator[tuple[list[PostRecord], list[dict]]]:
    """Each batch of posts with its link rows; the linker is built (by `build`)
    only when there is a first batch, and before the workers are forked."""
    first = next(batches, None)
    if first is None:
        return
    linker = build()
    groups: list[list[PostRecord]] = []

    def read() -> Iterator[list[PostRecord]]:
        for group in chain([first], batches):
            groups.append(group)
            yield group

    def work(group: list[PostRecord]) -> list[dict]:
        return _link_rows(linker, group, *context)

    for rows in map_batches(work, read(), workers):
        yield groups.pop(0), rows


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
    store: Store,
    sources: list[SourceRecord],
    to_sign: list[SourceRecord],
    options: LinkOptions,
    quoted: dict[str, list[tuple[str, str]]],
) -> Linker:
    """A linker over `sources`, which knows their statements (`quoted`); the
    signatures of `to_sign` are stored."""
    linker = Linker(
        [
            SourceText(s.url, s.title, s.body, tuple(t for _, t in quoted.get(s.url, ())))
            for s in sources
        ],
        options,
    )
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


_MIN_STATEMENT_WORDS = 5  # a shorter statement ("We will.") is no evidence of a link


def _statements_by_source(store: Store) -> dict[str, list[tuple[str, str]]]:
    """source URL -> (statement id, normalised text) of its statements, from the quote
    stage's last run (empty before the first one)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for statement_id, source_url, _, _, text in store.statements():
        norm = normalise(text).strip(" ,.;:\"'")
        if len(norm.split()) >= _MIN_STATEMENT_WORDS:
            found.setdefault(source_url, []).append((statement_id, norm))
    return found


def _quoted_statements(
    body: str, statements: list[tuple[str, str]], found: tuple[int, ...] = ()
) -> list[str] | None:
    """The ids of ``statements`` that ``body`` quotes word for word, whole or (``found``,
    the linker's numbers in ``statements``) in parts, else None."""
    if not statements:
        return None
    norm = normalise(body)
    ids = {sid for sid, text in statements if text in norm}
    ids.update(statements[n][0] for n in found if n < len(statements))
    return sorted(ids) or None


def _link_rows(
    linker: Linker,
    posts: list[PostRecord],
    linked_at: datetime,
    quoted: dict[str, list[tuple[str, str]]],
) -> list[dict]:
    texts = (PostText(p.key, p.body, p.cited_urls) for p in posts)
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
            "statements": _quoted_statements(post.body, quoted.get(r.source_url, []), r.statements),
        }
        for post, results in zip(posts, linker.link_many(texts), strict=True)
        for r in results
    ]
