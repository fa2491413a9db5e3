"""Tables the crawl writes: runs, raw pages, threads, posts, edits, typed signatures."""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import socket
import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

import pyarrow as pa

from provenance.store.database import Database
from provenance.store.records import (
    PostRecord,
    ThreadState,
    content_hash,
    now,
)

log = logging.getLogger(__name__)


class CrawlTables(Database):
    """Tables the crawl writes: runs, raw pages, threads, posts, edits, typed signatures."""

    # ------------------------------------------------------------ crawl runs
    def start_run(
        self,
        run_id: str,
        kind: str,
        settings: dict[str, Any],
        pid: int | None = None,
        host: str | None = None,
    ) -> None:
        """Record a run as 'running' by process `pid` on `host` (this process by default)."""
        self.upsert(
            "crawl_runs",
            [
                {
                    "run_id": run_id,
                    "kind": kind,
                    "started_at": now(),
                    "status": "running",
                    "settings": json.dumps(settings, sort_keys=True, default=str),
                    "pid": os.getpid() if pid is None else pid,
                    "host": socket.gethostname() if host is None else host,
                }
            ],
        )

    def finish_run(
        self, run_id: str, status: str, counts: dict[str, Any], error: str | None = None
    ) -> None:
        self._run(
            "UPDATE crawl_runs SET finished_at = ?, status = ?, counts = ?, error = ? "
            "WHERE run_id = ?",
            [now(), status, json.dumps(counts, sort_keys=True, default=str), error, run_id],
        )

    def running_runs(self, host: str) -> list[tuple[str, int]]:
        """(run_id, pid) of the runs on `host` still marked 'running'."""
        rows = self._run(
            "SELECT run_id, pid FROM crawl_runs "
            "WHERE status = 'running' AND host = ? AND pid IS NOT NULL ORDER BY run_id",
            [host],
        )
        return [(run_id, int(pid)) for run_id, pid in rows]

    def mark_interrupted(self, run_id: str, reason: str) -> None:
        """A run whose process is gone: 'interrupted', with `reason`."""
        self._run(
            "UPDATE crawl_runs SET status = 'interrupted', error = ? "
            "WHERE run_id = ? AND status = 'running'",
            [reason, run_id],
        )

    def runs(self, limit: int = 20) -> list[tuple[Any, ...]]:
        return self._run(
            "SELECT run_id, kind, started_at, finished_at, status, counts FROM crawl_runs "
            "ORDER BY started_at DESC LIMIT ?",
            [limit],
        )

    # ----------------------------------------------------------------- pages
    def save_pages(self, pages: Iterable[Any]) -> int:
        """Keep raw fetched pages, zlib-compressed, so extraction can be replayed.

        Level 1: a forum page comes out about a sixth larger than at level 6,
        for less than half the CPU, and every page of a crawl goes through it."""
        rows = [
            {
                "url": p.url,
                "kind": p.kind,
                "status": p.status,
                "content_type": p.content_type,
                "fetched_at": p.fetched_at,
                "sha256": hashlib.sha256(p.body).hexdigest(),
                "body": zlib.compress(p.body, 1),
            }
            for p in pages
        ]
        return self.upsert("pages", rows)

    def raw_pages(
        self, host: str, kind: str, compressed: bool = False
    ) -> Iterator[tuple[str, datetime, bytes]]:
        """(url, fetched_at, body) of the stored pages of `kind` on `host`, in URL
        order, read in chunks so that a large table does not fill memory; the
        body as stored (zlib) with `compressed`, for workers to inflate."""
        pattern = f"%://{host}/%"
        after, chunk = None, 500
        while True:
            # from the last URL read, not OFFSET: each chunk costs the same however far in
            rows = self._run(
                "SELECT url, fetched_at, body FROM pages WHERE kind = ? AND url LIKE ? "
                "AND (CAST(? AS VARCHAR) IS NULL OR url > ?) ORDER BY url LIMIT ?",
                [kind, pattern, after, after, chunk],
            )
            for url, at, body in rows:
                yield url, at, body if compressed else zlib.decompress(body)
            if len(rows) < chunk:
                return
            after = rows[-1][0]

    def page_body(self, url: str) -> bytes | None:
        rows = self._run("SELECT body FROM pages WHERE url = ?", [url])
        return zlib.decompress(rows[0][0]) if rows and rows[0][0] is not None else None

    # ------------------------------------------------------- threads, posts
    def save_threads(self, threads: Iterable[Any]) -> int:
        seen = now()
        rows = [
            {
                "forum": t.forum,
                "thread_id": t.thread_id,
                "url": t.url,
                "title": t.title,
                "board": t.board,
                "page_count": t.page_count,
                "views": t.views,
                "first_seen": t.fetched_at or seen,
                "last_seen": t.fetched_at or seen,
            }
            for t in threads
        ]
        return self.upsert("threads", rows)

    def thread_page_urls(self, forum: str) -> dict[str, set[str]]:
        """thread_id -> the page URLs its stored posts come from, for `forum`."""
        rows = self._run(
            "SELECT DISTINCT thread_id, page_url FROM posts WHERE forum = ? "
            "AND kind = 'post' AND page_url IS NOT NULL",
            [forum],
        )
        pages: dict[str, set[str]] = {}
        for thread_id, url in rows:
            pages.setdefault(thread_id, set()).add(url)
        return pages

    def article_urls(self, site: str) -> set[str]:
        """URLs of the articles of `site` stored already."""
        rows = self._run("SELECT thread_id FROM posts WHERE kind = 'article' AND forum = ?", [site])
        return {r[0] for r in rows}

    def save_posts(self, posts: Sequence[Any], kind: str = "post") -> dict[str, int]:
        """Upsert posts; a post whose text changed gets a new row in post_versions.

        Returns counts of new, changed and unchanged posts.
        """
        if not posts:
            return {"new": 0, "changed": 0, "unchanged": 0}
        seen = now()
        rows = []
        for p in posts:
            quotes = [
                {"text": q.text, "author": q.author, "quoted_post_id": q.quoted_post_id}
                for q in p.quotes
            ]
            rows.append(
                {
                    "forum": p.forum,
                    "thread_id": p.thread_id,
                    "post_id": p.post_id,
                    "permalink": p.permalink,
                    "thread_title": p.thread_title,
                    "position": p.position,
                    "author": p.author,
                    "author_id": p.author_id,
                    "posted_at": p.posted_at,
                    "edited_at": p.edited_at,
                    "editor": p.editor,
                    "body": p.body,
                    "signature": p.signature,
                    "quotes": quotes,
                    "quoted_post_ids": [q.quoted_post_id for q in p.quotes if q.quoted_post_id],
                    "cited_urls": list(p.cited_urls),
                    "content_hash": content_hash(p.body, *(q.text for q in p.quotes)),
                    "page_url": p.page_url,
                    "first_seen": p.fetched_at or seen,
                    "last_seen": p.fetched_at or seen,
                    "kind": kind,
                }
            )
        unique = {(r["forum"], r["thread_id"], r["post_id"]): r for r in rows}  # last wins
        schema = self.con.sql("SELECT * FROM posts LIMIT 0").to_arrow_table().schema
        batch = pa.table(
            {c: [r.get(c) for r in unique.values()] for c in schema.names}, schema=schema
        )
        keys = "forum, thread_id, post_id"
        self.con.register("_posts", batch)
        try:
            new, changed, unchanged = self._run(
                "SELECT count(*) FILTER (WHERE p.post_id IS NULL), "
                "count(*) FILTER (WHERE p.content_hash IS DISTINCT FROM b.content_hash "
                "AND p.post_id IS NOT NULL), count(*) FILTER (WHERE p.content_hash = "
                f"b.content_hash) FROM _posts b LEFT JOIN posts p USING ({keys})"
            )[0]
            updates = [c for c in schema.names if c not in keys.split(", ") + ["first_seen"]]
            version_columns = self.con.sql("SELECT * FROM post_versions LIMIT 0").columns
            with self.transaction():
                if new < len(unique):  # rows seen before: updated where they stand
                    self._run(
                        f"UPDATE posts SET {', '.join(f'{c} = b.{c}' for c in updates)} "
                        "FROM _posts b WHERE posts.forum = b.forum "
                        "AND posts.thread_id = b.thread_id AND posts.post_id = b.post_id"
                    )
                # the others: a plain insert of what the posts table lacks
                self._run(f"INSERT INTO posts SELECT * FROM _posts ANTI JOIN posts USING ({keys})")
                self._run(
                    f"INSERT INTO post_versions SELECT {', '.join(version_columns)} FROM _posts "
                    "ANTI JOIN post_versions USING (forum, thread_id, post_id, content_hash)"
                )
        finally:
            self.con.unregister("_posts")
        return {"new": int(new), "changed": int(changed), "unchanged": int(unchanged)}

    def posts(self) -> list[PostRecord]:
        """Every stored post, in thread order (all in memory: see post_batches)."""
        return [post for batch in self.post_batches() for post in batch]

    def post_batches(self, size: int = 2000, where: str = "") -> Iterator[list[PostRecord]]:
        """Every stored post in thread order, `size` at a time, streamed from DuckDB in
        Arrow record batches so that memory does not grow with the table.

        Read through a cursor of their own, so that the caller may write (in a
        transaction of this connection) between two batches. `where` is a
        condition on the posts `p` and their link state `s`, for this package's
        other tables only.
        """
        cursor = self.con.cursor()
        try:
            cursor.execute("SET TimeZone = 'UTC'")
            reader = cursor.sql(
                "SELECT p.forum, p.thread_id, p.post_id, coalesce(p.permalink, ''), "
                "coalesce(p.thread_title, ''), p.author, p.posted_at, coalesce(p.body, ''), "
                "coalesce(p.cited_urls, []), coalesce(p.content_hash, '') FROM posts p "
                + (
                    "LEFT JOIN link_state s ON s.doc_key = "
                    "concat_ws(chr(31), p.forum, p.thread_id, p.post_id) "
                    if "s." in where
                    else ""
                )
                + (f"WHERE {where} " if where else "")
                + "ORDER BY p.forum, p.thread_id, p.position, p.post_id"
            ).to_arrow_reader(size)
            while True:
                try:
                    batch = reader.read_next_batch()
                except StopIteration:
                    return
                columns = [column.to_pylist() for column in batch.columns]
                yield [
                    PostRecord(f, t, p, link, title, a, at, body, tuple(urls), h)
                    for f, t, p, link, title, a, at, body, urls, h in zip(*columns, strict=True)
                ]
        finally:
            cursor.close()

    # ----------------------------------------------------- typed signatures
    def typed_tails(self, authors: Sequence[tuple[str, str]]) -> dict[tuple[str, str], list[str]]:
        """The learned typed-signature tails of each (forum, author)."""
        if not authors:
            return {}
        keys = pa.Table.from_pylist([{"forum": f, "author": a} for f, a in set(authors)])
        self.con.register("_authors", keys)
        try:
            rows = self._run(
                "SELECT t.forum, t.author, t.tail FROM typed_signatures t "
                "JOIN _authors USING (forum, author) ORDER BY length(t.tail) DESC"
            )
        finally:
            self.con.unregister("_authors")
        out: dict[tuple[str, str], list[str]] = {}
        for forum, author, tail in rows:
            out.setdefault((forum, author), []).append(tail)
        return out

    def author_bodies(
        self, authors: Sequence[tuple[str, str]], limit: int = 50
    ) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
        """(thread_id, post_id, body) of the latest `limit` stored posts of each (forum, author)."""
        if not authors:
            return {}
        keys = pa.Table.from_pylist([{"forum": f, "author": a} for f, a in set(authors)])
        self.con.register("_authors", keys)
        try:
            rows = self._run(
                "SELECT forum, author, thread_id, post_id, body FROM (SELECT p.forum, p.author, "
                "p.thread_id, p.post_id, p.body, "
                "row_number() OVER (PARTITION BY p.forum, p.author ORDER BY p.posted_at DESC) "
                "AS n FROM posts p JOIN _authors USING (forum, author)) WHERE n <= ?",
                [limit],
            )
        finally:
            self.con.unregister("_authors")
        out: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
        for forum, author, thread_id, post_id, body in rows:
            out.setdefault((forum, author), []).append((thread_id, post_id, body or ""))
        return out

    def save_typed_tails(self, rows: Sequence[tuple[str, str, str]]) -> None:
        learned = now()
        self.insert_new(
            "typed_signatures",
            [{"forum": f, "author": a, "tail": t, "learned_at": learned} for f, a, t in rows],
        )

    def posts_of(self, forum: str, author: str) -> list[tuple[str, str, str, str, str]]:
        """(thread_id, post_id, body, signature, content_hash) of an author's posts."""
        return self._run(
            "SELECT thread_id, post_id, body, signature, content_hash FROM posts "
            "WHERE forum = ? AND author = ?",
            [forum, author],
        )

    def update_bodies(self, forum: str, rows: Sequence[tuple[str, str, str, str]]) -> None:
        """Set (thread_id, post_id, body, signature) of stored posts, with their
        content hash and current version, without counting an edit."""
        for thread_id, post_id, body, signature in rows:
            old = self._run(
                "SELECT content_hash, [q.text FOR q IN quotes] FROM posts "
                "WHERE forum = ? AND thread_id = ? AND post_id = ?",
                [forum, thread_id, post_id],
            )
            if not old:
                continue
            new_hash = content_hash(body, *(old[0][1] or []))
            self._run(
                "UPDATE posts SET body = ?, signature = ?, content_hash = ? "
                "WHERE forum = ? AND thread_id = ? AND post_id = ?",
                [body, signature, new_hash, forum, thread_id, post_id],
            )
            self._run(
                "UPDATE post_versions SET body = ?, signature = ?, content_hash = ? "
                "WHERE forum = ? AND thread_id = ? AND post_id = ? AND content_hash = ?",
                [body, signature, new_hash, forum, thread_id, post_id, old[0][0]],
            )

    # ------------------------------------------------------ crawl state
    def thread_states(self, forum: str) -> dict[str, ThreadState]:
        """What is stored of each thread of `forum`, keyed by its first-page URL.

        Derived from the stored posts themselves (not from a separate
        bookkeeping row), so a crawl killed between two writes leaves a
        state that matches exactly what was stored.
        """
        rows = self._run(
            "SELECT t.url, count(p.post_id), arg_max(p.post_id, p.position), "
            "arg_max(p.page_url, p.position), max(p.position) FROM threads t JOIN posts p "
            "ON p.forum = t.forum AND p.thread_id = t.thread_id "
            "WHERE t.forum = ? AND p.vanished_at IS NULL GROUP BY t.url",
            [forum],
        )
        return {
            url: ThreadState(int(n), last, page or url, int(top))
            for url, n, last, page, top in rows
        }

    def pages_to_revisit(self, forum: str, share: float, least: int) -> list[str]:
        """Thread pages of `forum` for a re-crawl to read again although no board
        list says they changed: an edit on an early page changes no post count.

        A rotation: the pages whose posts were seen longest ago (to the hour, so
        that one crawl's pages tie), the most recently active threads first
        within a tie. As many as `share` of the stored pages, at least `least`.
        """
        rows = self._run(
            "WITH pages AS (SELECT p.page_url, date_trunc('hour', min(p.last_seen)) AS seen, "
            "max(max(p.posted_at)) OVER (PARTITION BY p.thread_id) AS active "
            "FROM posts p WHERE p.forum = ? AND p.vanished_at IS NULL "
            "AND p.page_url IS NOT NULL GROUP BY p.thread_id, p.page_url) "
            "SELECT page_url, count(*) OVER () FROM pages "
            "ORDER BY seen, active DESC NULLS LAST, page_url",
            [forum],
        )
        if not rows:
            return []
        limit = max(least, math.ceil(share * int(rows[0][1])))
        return [str(url) for url, _ in rows[:limit]]

    def mark_vanished(self, forum: str, thread_id: str, seen_post_ids: Sequence[str]) -> int:
        """Mark the stored posts of a fully re-crawled thread that were not seen.

        Returns how many posts were newly marked.
        """
        rows = self._run(
            "UPDATE posts SET vanished_at = ? WHERE forum = ? AND thread_id = ? "
            "AND vanished_at IS NULL AND NOT list_contains(?, post_id)",
            [now(), forum, thread_id, list(seen_post_ids)],
        )
        return int(rows[0][0]) if rows else 0
