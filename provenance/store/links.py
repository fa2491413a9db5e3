"""The link stage's tables: signatures, link state and post-to-source links."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Any

import pyarrow as pa

from provenance.store.database import Database
from provenance.store.records import PostRecord, now

log = logging.getLogger(__name__)


class LinkTables(Database):
    """The link stage's tables: signatures, link state and post-to-source links."""

    # ------------------------------------------------------------ signatures
    def save_signatures(self, rows: Sequence[dict[str, Any]]) -> int:
        return self.upsert("signatures", rows)

    # ----------------------------------------------------------------- links
    def link_state(self) -> dict[str, str]:
        """doc_key -> content hash of every post and source the linker has seen."""
        return {k: h for k, h in self._run("SELECT doc_key, content_hash FROM link_state")}

    def source_link_state(self) -> dict[str, str]:
        """URL -> content hash of every source the linker has seen."""
        return dict(self._run("SELECT doc_key, content_hash FROM link_state WHERE kind = 'source'"))

    def posts_to_link(self, changed: bool, size: int = 2000) -> Iterator[list[PostRecord]]:
        """Stored posts, `size` at a time (see post_batches): those new or changed
        since the linker last saw them when `changed`, else the others."""
        same = "s.content_hash = p.content_hash"
        return self.post_batches(size, f"NOT coalesce({same}, false)" if changed else same)

    def save_link_state(self, rows: Sequence[tuple[str, str, str]]) -> None:
        """Record (doc_key, kind, content_hash) as linked now."""
        at = now()
        self.upsert(
            "link_state",
            [
                {"doc_key": k, "kind": kind, "content_hash": h, "linked_at": at}
                for k, kind, h in rows
            ],
        )

    def reset_links(self) -> None:
        """Forget every link and what the linker has seen (for --rebuild)."""
        with self.transaction():
            self._run("DELETE FROM links")
            self._run("DELETE FROM link_state")
            self._run("DELETE FROM signatures")

    def add_links(
        self,
        post_keys: Sequence[tuple[str, str, str]],
        source_urls: Sequence[str],
        rows: Sequence[dict],
    ) -> None:
        """Replace the links between the given posts and the given sources only."""
        if post_keys and source_urls:
            batch = pa.Table.from_pylist(
                [{"forum": f, "thread_id": t, "post_id": p} for f, t, p in post_keys]
            )
            self.con.register("_keys", batch)
            try:
                self._run(
                    "DELETE FROM links WHERE (forum, thread_id, post_id) IN "
                    "(SELECT (forum, thread_id, post_id) FROM _keys) "
                    "AND source_url IN (SELECT unnest(?))",
                    [list(source_urls)],
                )
            finally:
                self.con.unregister("_keys")
        self.upsert("links", rows)

    def replace_links(
        self, post_keys: Sequence[tuple[str, str, str]], rows: Sequence[dict]
    ) -> None:
        """Replace the links of the given posts by `rows`, in one transaction."""
        with self.transaction():
            self._delete_for_posts("links", post_keys)
            self.upsert("links", rows)

    def _delete_for_posts(self, table: str, post_keys: Sequence[tuple[str, str, str]]) -> None:
        if not post_keys:
            return
        batch = pa.Table.from_pylist(
            [{"forum": f, "thread_id": t, "post_id": p} for f, t, p in post_keys]
        )
        self.con.register("_keys", batch)
        try:
            self._run(
                f"DELETE FROM {table} WHERE (forum, thread_id, post_id) IN "
                "(SELECT (forum, thread_id, post_id) FROM _keys)"
            )
        finally:
            self.con.unregister("_keys")

    def translated_links(self) -> dict[tuple[str, str, str], list[str]]:
        """(forum, thread_id, post_id) -> the source URLs the post is a translation of."""
        found: dict[tuple[str, str, str], list[str]] = {}
        for forum, thread_id, post_id, url in self._run(
            "SELECT forum, thread_id, post_id, source_url FROM links "
            "WHERE verdict = 'translated' ORDER BY source_url"
        ):
            found.setdefault((forum, thread_id, post_id), []).append(url)
        return found

    def post_links(self) -> list[tuple[Any, ...]]:
        """(permalink, author, title, source_url, method, verdict, score) of every link."""
        return self._run(
            "SELECT p.permalink, p.author, p.thread_title, l.source_url, l.method, l.verdict, "
            "l.score FROM links l JOIN posts p USING (forum, thread_id, post_id) "
            "ORDER BY p.forum, p.thread_id, p.position"
        )
