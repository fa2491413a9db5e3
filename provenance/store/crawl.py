"""Tables the crawl writes: runs, raw pages, threads, posts, edits, typed signatures."""

from __future__ import annotations

import hashlib
import json
import logging
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
        """Keep raw fetched pages, zlib-compressed, so extraction can be replayed."""
        rows = [
            {
                "url": p.url,
                "kind": p.kind,
                "status": p.status,
                "content_type": p.content_type,
                "fetched_at": p.fetched_at,
                "sha256": hashlib.sha256(p.body).hexdigest(),
                "body": zlib.compress(p.body, 6),
            }
            for p in pages
        ]
        return self.upsert("pages", rows)

    def raw_pages(self, host: str, kind: str) -> Iterator[tuple[str, datetime, bytes]]:
        """(url, fetched_at, body) of the stored pages of `kind` on `host`, in URL
        order, read in chunks so that a large table does not fill memory."""
        pattern = f"%://{host}/%"
        offset, chunk = 0, 500
        while True:
            rows = self._run(
                "SELECT url, fetched_at, body FROM pages WHERE kind = ? AND url LIKE ? "
                "ORDER BY url LIMIT ? OFFSET ?",
                [kind, pattern, chunk, offset],
            )
            for url, at, body in rows:
                yield url, at, zlib.decompress(body)
            if len(rows) < chunk:
                return
            offset += chunk

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
        known = self._known_hashes([(r["forum"], r["thread_id"], r["post_id"]) for r in rows])
        counts = {"new": 0, "changed": 0, "unchanged": 0}
        for r in rows:
            old = known.get((r["forum"], r["thread_id"], r["post_id"]))
            if old is None:
                counts["new"] += 1
            elif old != r["content_hash"]:
                counts["changed"] += 1
            else:
                counts["unchanged"] += 1
        versions = [
            {
                "forum": r["forum"],
                "thread_id": r["thread_id"],
                "post_id": r["post_id"],
                "content_hash": r["content_hash"],
                "body": r["body"],
                "signature": r["signature"],
                "edited_at": r["edited_at"],
                "first_seen": r["first_seen"],
            }
            for r in rows
        ]
        with self.transaction():
            self.upsert("posts", rows)
            self.insert_new("post_versions", versions)
        return counts

    def _known_hashes(self, keys: list[tuple[str, str, str]]) -> dict[tuple[str, str, str], str]:
        if not keys:
            return {}
        batch = pa.Table.from_pylist(
            [{"forum": f, "thread_id": t, "post_id": p} for f, t, p in keys]
        )
        self.con.register("_keys", batch)
        try:
            rows = self._run(
                "SELECT p.forum, p.thread_id, p.post_id, p.content_hash FROM posts p "
                "JOIN _keys k USING (forum, thread_id, post_id)"
            )
        finally:
            self.con.unregister("_keys")
        return {(f, t, p): h for f, t, p, h in rows}

    def posts(self) -> list[PostRecord]:
        rows = self._run(
            "SELECT forum, thread_id, post_id, permalink, thread_title, author, posted_at, "
            "body, cited_urls, content_hash FROM posts "
            "ORDER BY forum, thread_id, position, post_id"
        )
        return [
            PostRecord(
                f, t, p, link or "", title or "", a, at, body or "", tuple(urls or ()), h or ""
            )
            for f, t, p, link, title, a, at, body, urls, h in rows
        ]

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
