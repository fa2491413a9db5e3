"""The DuckDB store: schema, migrations and every SQL statement of the project.

Each table has a natural key, so every write is an idempotent upsert: running
the same crawl or the same analysis twice leaves the row counts unchanged.
Rows are written in batches through Arrow tables, never one INSERT per row.
Nothing else in the project writes SQL; callers use the methods below.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

log = logging.getLogger(__name__)

# seconds a command waits for a database file that another process holds
LOCK_WAIT = 10.0
SCHEMA_VERSION = 7


class StoreError(Exception):
    """The database cannot be opened or used (missing, locked, from a newer version)."""


# Each migration takes the schema from version N-1 to N. Never edit a released
# one: append a new migration instead.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (
        1,
        (
            """CREATE TABLE crawl_runs (
                run_id VARCHAR PRIMARY KEY,
                kind VARCHAR NOT NULL,
                started_at TIMESTAMPTZ NOT NULL,
                finished_at TIMESTAMPTZ,
                status VARCHAR NOT NULL,
                settings VARCHAR,
                counts VARCHAR
            )""",
            """CREATE TABLE pages (
                url VARCHAR PRIMARY KEY,
                kind VARCHAR NOT NULL,
                status INTEGER,
                content_type VARCHAR,
                fetched_at TIMESTAMPTZ,
                sha256 VARCHAR,
                body BLOB
            )""",
            """CREATE TABLE threads (
                forum VARCHAR NOT NULL,
                thread_id VARCHAR NOT NULL,
                url VARCHAR,
                title VARCHAR,
                board VARCHAR,
                page_count INTEGER,
                views INTEGER,
                first_seen TIMESTAMPTZ,
                last_seen TIMESTAMPTZ,
                PRIMARY KEY (forum, thread_id)
            )""",
            """CREATE TABLE posts (
                forum VARCHAR NOT NULL,
                thread_id VARCHAR NOT NULL,
                post_id VARCHAR NOT NULL,
                permalink VARCHAR,
                thread_title VARCHAR,
                position INTEGER,
                author VARCHAR,
                author_id VARCHAR,
                posted_at TIMESTAMPTZ,
                edited_at TIMESTAMPTZ,
                editor VARCHAR,
                body VARCHAR,
                signature VARCHAR,
                quotes STRUCT(text VARCHAR, author VARCHAR, quoted_post_id VARCHAR)[],
                quoted_post_ids VARCHAR[],
                cited_urls VARCHAR[],
                content_hash VARCHAR,
                page_url VARCHAR,
                first_seen TIMESTAMPTZ,
                last_seen TIMESTAMPTZ,
                PRIMARY KEY (forum, thread_id, post_id)
            )""",
            """CREATE TABLE post_versions (
                forum VARCHAR NOT NULL,
                thread_id VARCHAR NOT NULL,
                post_id VARCHAR NOT NULL,
                content_hash VARCHAR NOT NULL,
                body VARCHAR,
                signature VARCHAR,
                edited_at TIMESTAMPTZ,
                first_seen TIMESTAMPTZ,
                PRIMARY KEY (forum, thread_id, post_id, content_hash)
            )""",
            """CREATE TABLE sources (
                url VARCHAR PRIMARY KEY,
                final_url VARCHAR,
                domain VARCHAR,
                official BOOLEAN,
                title VARCHAR,
                published DATE,
                body VARCHAR,
                status INTEGER,
                error VARCHAR,
                fetched_at TIMESTAMPTZ,
                attempts INTEGER
            )""",
            """CREATE TABLE statements (
                statement_id VARCHAR PRIMARY KEY,
                source_url VARCHAR NOT NULL,
                position INTEGER,
                speaker VARCHAR,
                speaker_key VARCHAR,
                speaker_title VARCHAR,
                text VARCHAR NOT NULL
            )""",
            """CREATE TABLE signatures (
                doc_key VARCHAR NOT NULL,
                passage_no INTEGER NOT NULL,
                kind VARCHAR NOT NULL,
                num_perm INTEGER NOT NULL,
                seed INTEGER NOT NULL,
                hashvalues UBIGINT[],
                PRIMARY KEY (doc_key, passage_no, kind, num_perm, seed)
            )""",
            """CREATE TABLE links (
                forum VARCHAR NOT NULL,
                thread_id VARCHAR NOT NULL,
                post_id VARCHAR NOT NULL,
                source_url VARCHAR NOT NULL,
                method VARCHAR,
                score DOUBLE,
                containment DOUBLE,
                coverage DOUBLE,
                verdict VARCHAR,
                linked_at TIMESTAMPTZ,
                PRIMARY KEY (forum, thread_id, post_id, source_url)
            )""",
            """CREATE TABLE quote_occurrences (
                occurrence_id VARCHAR PRIMARY KEY,
                doc_kind VARCHAR NOT NULL,
                forum VARCHAR,
                thread_id VARCHAR,
                post_id VARCHAR,
                source_url VARCHAR,
                position INTEGER,
                text VARCHAR,
                speaker VARCHAR,
                speaker_title VARCHAR,
                statement_id VARCHAR,
                label VARCHAR,
                score DOUBLE,
                diff VARCHAR,
                seen_at TIMESTAMPTZ
            )""",
        ),
    ),
    (
        2,
        (
            # signatures typed into post bodies, learned per author (provenance.tails)
            """CREATE TABLE typed_signatures (
                forum VARCHAR NOT NULL,
                author VARCHAR NOT NULL,
                tail VARCHAR NOT NULL,
                learned_at TIMESTAMPTZ,
                PRIMARY KEY (forum, author, tail)
            )""",
        ),
    ),
    (
        3,
        (
            # a post gone from a fully re-crawled thread is marked, never deleted
            "ALTER TABLE posts ADD COLUMN vanished_at TIMESTAMPTZ",
        ),
    ),
    (
        4,
        (
            # articles from sites' feeds and sitemaps live next to forum posts
            "ALTER TABLE posts ADD COLUMN kind VARCHAR DEFAULT 'post'",
            "UPDATE posts SET kind = 'post' WHERE kind IS NULL",
        ),
    ),
    (
        5,
        (
            # what the linker has seen: a post or source is linked again only
            # when it is new or its text changed (provenance link; --rebuild)
            """CREATE TABLE link_state (
                doc_key VARCHAR PRIMARY KEY,
                kind VARCHAR NOT NULL,
                content_hash VARCHAR,
                linked_at TIMESTAMPTZ
            )""",
        ),
    ),
    (
        6,
        (
            # Views for the common questions (documented in docs/sql.md).
            """CREATE OR REPLACE VIEW v_reposts_per_source AS
            SELECT s.url AS source_url, s.title, s.published, s.official,
                   count(l.post_id) AS reposts,
                   count(DISTINCT l.forum) AS forums,
                   count(*) FILTER (WHERE l.verdict = 'verbatim') AS verbatim,
                   count(*) FILTER (WHERE l.verdict = 'excerpt') AS excerpt,
                   count(*) FILTER (WHERE l.verdict = 'rewrite') AS rewrite,
                   count(*) FILTER (WHERE l.verdict = 'spun') AS spun,
                   count(*) FILTER (WHERE l.verdict = 'cites-only') AS cites_only
            FROM sources s LEFT JOIN links l ON l.source_url = s.url
            GROUP BY ALL""",
            """CREATE OR REPLACE VIEW v_quote_spread AS
            SELECT o.statement_id, s.speaker, CAST(o.seen_at AS DATE) AS day,
                   count(*) AS occurrences,
                   count(DISTINCT coalesce(o.forum, o.source_url)) AS places
            FROM quote_occurrences o JOIN statements s USING (statement_id)
            GROUP BY ALL""",
            """CREATE OR REPLACE VIEW v_first_seen_lag AS
            SELECT s.statement_id, s.speaker, s.source_url, src.published,
                   min(o.seen_at) AS first_seen,
                   date_diff('hour', CAST(src.published AS TIMESTAMPTZ), min(o.seen_at))
                       AS lag_hours
            FROM statements s JOIN sources src ON src.url = s.source_url
            JOIN quote_occurrences o ON o.statement_id = s.statement_id
                AND o.doc_kind = 'post'
            GROUP BY s.statement_id, s.speaker, s.source_url, src.published""",
            """CREATE OR REPLACE VIEW v_occurrence_context AS
            SELECT o.*, p.author, p.kind AS post_kind, s.speaker AS official_speaker
            FROM quote_occurrences o
            LEFT JOIN posts p USING (forum, thread_id, post_id)
            LEFT JOIN statements s USING (statement_id)""",
            """CREATE OR REPLACE VIEW v_alteration_by_forum AS
            SELECT forum, count(*) AS occurrences,
                   count(*) FILTER (WHERE label <> 'verbatim') AS changed,
                   round(count(*) FILTER (WHERE label <> 'verbatim') / count(*), 3)
                       AS changed_rate,
                   count(*) FILTER (WHERE label = 'altered') AS altered,
                   count(*) FILTER (WHERE label = 'truncated') AS truncated,
                   count(*) FILTER (WHERE label = 'misattributed') AS misattributed
            FROM v_occurrence_context WHERE statement_id IS NOT NULL AND forum IS NOT NULL
            GROUP BY forum""",
            """CREATE OR REPLACE VIEW v_alteration_by_author AS
            SELECT forum, author, count(*) AS occurrences,
                   count(*) FILTER (WHERE label <> 'verbatim') AS changed,
                   round(count(*) FILTER (WHERE label <> 'verbatim') / count(*), 3)
                       AS changed_rate
            FROM v_occurrence_context WHERE statement_id IS NOT NULL AND forum IS NOT NULL
            GROUP BY forum, author""",
            """CREATE OR REPLACE VIEW v_alteration_by_speaker AS
            SELECT official_speaker AS speaker, count(*) AS occurrences,
                   count(*) FILTER (WHERE label <> 'verbatim') AS changed,
                   round(count(*) FILTER (WHERE label <> 'verbatim') / count(*), 3)
                       AS changed_rate,
                   count(*) FILTER (WHERE label = 'misattributed') AS misattributed
            FROM v_occurrence_context WHERE statement_id IS NOT NULL
            GROUP BY official_speaker""",
            """CREATE OR REPLACE VIEW v_top_reposters AS
            SELECT p.forum, p.author, count(*) AS reposts,
                   count(DISTINCT l.source_url) AS sources,
                   min(p.posted_at) AS first_repost, max(p.posted_at) AS last_repost
            FROM links l JOIN posts p USING (forum, thread_id, post_id)
            WHERE l.verdict IN ('verbatim', 'excerpt', 'rewrite', 'spun')
            GROUP BY ALL""",
            """CREATE OR REPLACE VIEW v_spun_sites AS
            SELECT p.forum AS site, p.kind, count(*) AS spun_copies,
                   count(DISTINCT l.source_url) AS sources,
                   list(DISTINCT p.permalink) AS urls
            FROM links l JOIN posts p USING (forum, thread_id, post_id)
            WHERE l.verdict = 'spun'
            GROUP BY ALL""",
            """CREATE OR REPLACE VIEW v_reposts_over_time AS
            SELECT CAST(p.posted_at AS DATE) AS day, l.verdict, count(*) AS reposts
            FROM links l JOIN posts p USING (forum, thread_id, post_id)
            WHERE l.verdict <> 'cites-only'
            GROUP BY ALL""",
        ),
    ),
    (
        7,
        (
            # unmatched quotes grouped into variant clusters (variants.cluster_variants),
            # so a quote with no official statement still shows where it travelled
            """CREATE TABLE quote_clusters (
                cluster_id VARCHAR NOT NULL,
                occurrence_id VARCHAR PRIMARY KEY,
                canonical_text VARCHAR
            )""",
        ),
    ),
)

# Columns that keep the value first written when a row is upserted again.
_KEEP_ON_UPDATE = {"first_seen"}
# Columns that a later write may not blank out: some pages know less of a
# thread than others (a Discourse posts.json chunk has no title or views).
_MERGE_ON_UPDATE = {
    "threads": {
        "title": "coalesce(nullif(excluded.title, ''), threads.title)",
        "board": "coalesce(nullif(excluded.board, ''), threads.board)",
        "views": "coalesce(excluded.views, threads.views)",
        "page_count": "greatest(excluded.page_count, threads.page_count)",
    }
}

TABLES = (
    "crawl_runs",
    "pages",
    "threads",
    "posts",
    "post_versions",
    "sources",
    "statements",
    "signatures",
    "links",
    "quote_occurrences",
    "typed_signatures",
    "link_state",
    "quote_clusters",
)

_KEYS = {
    "crawl_runs": ("run_id",),
    "pages": ("url",),
    "threads": ("forum", "thread_id"),
    "posts": ("forum", "thread_id", "post_id"),
    "post_versions": ("forum", "thread_id", "post_id", "content_hash"),
    "sources": ("url",),
    "statements": ("statement_id",),
    "signatures": ("doc_key", "passage_no", "kind", "num_perm", "seed"),
    "links": ("forum", "thread_id", "post_id", "source_url"),
    "quote_occurrences": ("occurrence_id",),
    "typed_signatures": ("forum", "author", "tail"),
    "link_state": ("doc_key",),
    "quote_clusters": ("occurrence_id",),
}


def now() -> datetime:
    return datetime.now(UTC)


def content_hash(*parts: str | None) -> str:
    """A short stable hash of text parts, used as a version and identity key."""
    digest = hashlib.sha256("\x1f".join(p or "" for p in parts).encode("utf-8"))
    return digest.hexdigest()[:24]


@dataclass(frozen=True)
class PostRecord:
    """A stored post as the analysis stages read it."""

    forum: str
    thread_id: str
    post_id: str
    permalink: str
    thread_title: str
    author: str | None
    posted_at: datetime | None
    body: str
    cited_urls: tuple[str, ...]
    content_hash: str = ""

    @property
    def key(self) -> str:
        """One string naming the post, for state tables and the linker."""
        return f"{self.forum}\x1f{self.thread_id}\x1f{self.post_id}"


@dataclass(frozen=True)
class ThreadState:
    """What is stored of a thread, for incremental re-crawls."""

    posts: int
    last_post_id: str
    last_page_url: str
    max_position: int = -1

    @property
    def contiguous(self) -> bool:
        """True when the stored posts are positions 0..posts-1 with no gap: a
        crawl can then go on from the last stored page."""
        return self.max_position + 1 == self.posts


@dataclass(frozen=True)
class SourceRecord:
    url: str
    final_url: str
    domain: str
    official: bool
    title: str
    published: str | None
    body: str


class Store:
    """One DuckDB database file. Open with `Store.open(path)`; close when done.

    DuckDB lets one process write a file at a time, so commands open the
    store for the duration of one stage and close it again.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only
        self._depth = 0  # nesting of transaction() blocks

    # ------------------------------------------------------------------ open
    @classmethod
    def open(cls, path: str | Path, read_only: bool = False, wait: float | None = None) -> Store:
        """Open (and, when writable, create or migrate) the database at `path`.

        DuckDB lets one process write a file and none read it meanwhile; a file
        another process holds is tried again for up to `wait` seconds (a
        scheduled crawl must not fail because someone ran `sql` at that moment;
        None waits LOCK_WAIT).
        Raises StoreError when the file is missing for a read-only open, is
        still held after `wait`, is not a DuckDB file, or is newer than this
        version of the tool.
        """
        path = str(path)
        if read_only and not Path(path).exists():
            raise StoreError(f"database {path!r} does not exist")
        try:
            con = _connect(path, read_only, LOCK_WAIT if wait is None else wait)
        except duckdb.IOException as exc:
            if _is_lock_error(exc):
                # DuckDB lets one process write a file, and none read it meanwhile
                raise StoreError(
                    f"database {path!r} is busy: another command is using it; "
                    "try again when it finishes"
                ) from exc
            raise StoreError(f"cannot open database {path!r}: {_first_line(exc)}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {path!r}: {_first_line(exc)}") from exc
        con.execute("SET TimeZone = 'UTC'")
        store = cls(con, path, read_only)
        if not read_only:
            store._migrate()
        else:
            store._check_version()
        return store

    def _run(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        """Execute one statement and consume its result (DuckDB wants it finished
        before the connection does anything else)."""
        return (
            self.con.execute(sql, params).fetchall()
            if params is not None
            else (self.con.execute(sql).fetchall())
        )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        exists = self._run(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        )
        if not exists[0][0]:
            return 0
        return int(self._run("SELECT max(version) FROM schema_version")[0][0] or 0)

    def _check_version(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"database {self.path!r} has schema version {version}, newer than this "
                f"tool's {SCHEMA_VERSION}: upgrade forum-provenance"
            )

    def _migrate(self) -> None:
        self._check_version()
        self._run("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
        current = self.schema_version()
        for version, statements in MIGRATIONS:
            if version <= current:
                continue
            with self.transaction():
                for sql in statements:
                    self._run(sql)
                self._run("INSERT INTO schema_version VALUES (?)", [version])
            log.info("migrated %s to schema version %d", self.path, version)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes in the block or none; nested blocks join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._run("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._run("ROLLBACK")
            raise
        self._depth = 0
        self._run("COMMIT")

    # --------------------------------------------------------------- generic
    def export_parquet(self, out_dir: str | Path) -> dict[str, int]:
        """Write every table as `<out_dir>/<table>.parquet`; returns row counts."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        counts = self.counts()
        for table in TABLES:
            target = str(out / f"{table}.parquet").replace("'", "''")
            self._run(f"COPY {table} TO '{target}' (FORMAT parquet, COMPRESSION zstd)")
        return counts

    def counts(self) -> dict[str, int]:
        """Row count of every table."""
        out = {}
        for table in TABLES:
            out[table] = int(self._run(f"SELECT count(*) FROM {table}")[0][0])
        return out

    def upsert(self, table: str, rows: Sequence[dict[str, Any]]) -> int:
        """Insert or update `rows` (dicts keyed by column) in one Arrow batch.

        Rows with the same key in one batch keep the last one. Returns the
        number of rows written.
        """
        if not rows:
            return 0
        keys = _KEYS[table]
        unique: dict[tuple[Any, ...], dict[str, Any]] = {}
        for row in rows:
            unique[tuple(row[k] for k in keys)] = row
        schema = self.con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
        columns = schema.names
        batch = pa.Table.from_pylist(
            [{c: row.get(c) for c in columns} for row in unique.values()], schema=schema
        )
        updates = [c for c in columns if c not in keys and c not in _KEEP_ON_UPDATE]
        merge = _MERGE_ON_UPDATE.get(table, {})
        sets = ", ".join(f"{c} = {merge.get(c, f'excluded.{c}')}" for c in updates)
        conflict = f"DO UPDATE SET {sets}" if updates else "DO NOTHING"
        self.con.register("_batch", batch)
        try:
            self._run(
                f"INSERT INTO {table} SELECT * FROM _batch ON CONFLICT ({', '.join(keys)}) "
                + conflict
            )
        finally:
            self.con.unregister("_batch")
        return len(unique)

    def insert_new(self, table: str, rows: Sequence[dict[str, Any]]) -> int:
        """Insert rows whose key is not stored yet; existing rows are left as they are."""
        if not rows:
            return 0
        keys = _KEYS[table]
        schema = self.con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
        unique = {tuple(r[k] for k in keys): r for r in rows}
        batch = pa.Table.from_pylist(
            [{c: r.get(c) for c in schema.names} for r in unique.values()], schema=schema
        )
        self.con.register("_batch", batch)
        try:
            self._run(
                f"INSERT INTO {table} SELECT * FROM _batch ON CONFLICT ({', '.join(keys)}) "
                "DO NOTHING"
            )
        finally:
            self.con.unregister("_batch")
        return len(unique)

    # ------------------------------------------------------------ crawl runs
    def start_run(self, run_id: str, kind: str, settings: dict[str, Any]) -> None:
        self.upsert(
            "crawl_runs",
            [
                {
                    "run_id": run_id,
                    "kind": kind,
                    "started_at": now(),
                    "status": "running",
                    "settings": json.dumps(settings, sort_keys=True, default=str),
                }
            ],
        )

    def finish_run(self, run_id: str, status: str, counts: dict[str, Any]) -> None:
        self._run(
            "UPDATE crawl_runs SET finished_at = ?, status = ?, counts = ? WHERE run_id = ?",
            [now(), status, json.dumps(counts, sort_keys=True, default=str), run_id],
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

    def save_articles(self, articles: Sequence[Any]) -> dict[str, int]:
        """Store articles as documents of kind 'article' next to the posts:
        forum = the site's host, thread_id = the article URL, post_id 'article'."""
        from crawler.items import Post

        posts = [
            Post(
                forum=a.site,
                thread_id=a.url,
                post_id="article",
                permalink=a.url,
                thread_title=a.title,
                position=0,
                author=a.author,
                author_id=None,
                posted_at=a.published,
                body=a.text,
                cited_urls=a.cited_urls,
                page_url=a.url,
                fetched_at=a.fetched_at,
            )
            for a in articles
        ]
        return self.save_posts(posts, kind="article")

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

    def cited_urls(self) -> list[str]:
        rows = self._run(
            "SELECT DISTINCT u FROM (SELECT unnest(cited_urls) AS u FROM posts) ORDER BY u"
        )
        return [r[0] for r in rows]

    # --------------------------------------------------------------- sources
    def urls_to_fetch(self, candidates: Iterable[str], max_attempts: int = 3) -> list[str]:
        """The candidate URLs not fetched successfully yet (failures are retried)."""
        wanted = sorted(set(candidates))
        if not wanted:
            return []
        done = {
            r[0]: (r[1], r[2])
            for r in self._run(
                "SELECT url, status, attempts FROM sources WHERE url IN (SELECT unnest(?))",
                [wanted],
            )
        }
        out = []
        for url in wanted:
            status, attempts = done.get(url, (None, 0))
            if status is not None and 200 <= status < 300:
                continue
            if (attempts or 0) >= max_attempts:
                continue
            out.append(url)
        return out

    def save_sources(self, pages: Sequence[Any]) -> int:
        if not pages:
            return 0
        attempts = {
            r[0]: r[1]
            for r in self._run(
                "SELECT url, attempts FROM sources WHERE url IN (SELECT unnest(?))",
                [[p.url for p in pages]],
            )
        }
        rows = [
            {
                "url": p.url,
                "final_url": p.final_url,
                "domain": _domain(p.final_url or p.url),
                "official": p.official,
                "title": p.title,
                "published": _iso_date(p.published),
                "body": p.text,
                "status": p.status,
                "error": p.error,
                "fetched_at": p.fetched_at,
                "attempts": (attempts.get(p.url) or 0) + 1,
            }
            for p in pages
        ]
        return self.upsert("sources", rows)

    def sources(self, only_ok: bool = True) -> list[SourceRecord]:
        where = "WHERE status BETWEEN 200 AND 299 AND length(body) > 0" if only_ok else ""
        rows = self._run(
            "SELECT url, final_url, domain, official, title, CAST(published AS VARCHAR), body "
            f"FROM sources {where} ORDER BY url"
        )
        return [
            SourceRecord(u, fu or u, d or "", bool(o), t or "", pub, b or "")
            for u, fu, d, o, t, pub, b in rows
        ]

    # ------------------------------------------------------------ signatures
    def save_signatures(self, rows: Sequence[dict[str, Any]]) -> int:
        return self.upsert("signatures", rows)

    # ----------------------------------------------------------------- links
    def link_state(self) -> dict[str, str]:
        """doc_key -> content hash of every post and source the linker has seen."""
        return {k: h for k, h in self._run("SELECT doc_key, content_hash FROM link_state")}

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

    # ---------------------------------------------------------------- quotes
    def replace_statements(self, source_urls: Sequence[str], rows: Sequence[dict]) -> None:
        with self.transaction():
            if source_urls:
                self._run(
                    "DELETE FROM statements WHERE source_url IN (SELECT unnest(?))",
                    [list(source_urls)],
                )
            self.upsert("statements", rows)

    def statements(self) -> list[tuple[str, str, str | None, str | None, str]]:
        """(statement_id, source_url, speaker, speaker_title, text) of every statement."""
        return self._run(
            "SELECT statement_id, source_url, speaker, speaker_title, text FROM statements "
            "ORDER BY source_url, position"
        )

    def replace_occurrences(self, rows: Sequence[dict]) -> None:
        """Replace every quote occurrence by `rows` (the quotes stage recomputes them all)."""
        with self.transaction():
            self._run("DELETE FROM quote_occurrences")
            self.upsert("quote_occurrences", rows)

    def replace_quote_clusters(self, rows: Sequence[dict]) -> None:
        """Replace every variant cluster by `rows` (cluster_id, occurrence_id,
        canonical_text); the quotes stage recomputes them all."""
        with self.transaction():
            self._run("DELETE FROM quote_clusters")
            self.upsert("quote_clusters", rows)

    def quote_clusters(self) -> list[dict[str, Any]]:
        """Every clustered occurrence with its cluster, canonical text and the
        occurrence's text, speaker, label and time: largest clusters first, then by
        cluster and first sighting."""
        rows = self._run(
            "SELECT c.cluster_id, c.canonical_text, count(*) OVER (PARTITION BY c.cluster_id) "
            "AS size, o.occurrence_id, o.text, o.speaker, o.label, "
            "CAST(o.seen_at AS VARCHAR), o.doc_kind, o.forum, o.thread_id, o.post_id, "
            "o.source_url FROM quote_clusters c JOIN quote_occurrences o USING (occurrence_id) "
            "ORDER BY size DESC, c.cluster_id, o.seen_at NULLS LAST, o.occurrence_id"
        )
        columns = (
            "cluster_id", "canonical_text", "size", "occurrence_id", "text", "speaker",
            "label", "seen_at", "doc_kind", "forum", "thread_id", "post_id", "source_url",
        )  # fmt: skip
        return [dict(zip(columns, row, strict=True)) for row in rows]

    # --------------------------------------------------------------- reports
    def statement_report_rows(
        self,
        needle: str | None = None,
        *,
        speaker_key: str | None = None,
        source_urls: Sequence[str] = (),
    ) -> list[dict[str, Any]]:
        """Every statement with its official source, and its occurrences, for reports.

        `needle` filters statements by id prefix, speaker or text (case-insensitive),
        `speaker_key` by the canonical key of their speaker, `source_urls` by the URL (or
        final URL) of their source; filters given together must all hold.
        """
        params: list[Any] = []
        conditions: list[str] = []
        if needle:
            conditions.append(
                "(s.statement_id LIKE ? OR s.speaker ILIKE ? OR s.text ILIKE ? "
                "OR s.speaker_title ILIKE ?)"
            )
            like = f"%{needle}%"
            params += [f"{needle}%", like, like, like]
        if speaker_key:
            conditions.append("s.speaker_key = ?")
            params.append(speaker_key)
        if source_urls:
            conditions.append("(list_contains(?, s.source_url) OR list_contains(?, src.final_url))")
            params += [list(source_urls), list(source_urls)]
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        statements = self._run(
            "SELECT s.statement_id, s.speaker, s.speaker_title, s.text, s.source_url, "
            "src.title, CAST(src.published AS VARCHAR), src.official "
            "FROM statements s LEFT JOIN sources src ON src.url = s.source_url "
            f"{where} ORDER BY src.published, s.source_url, s.position",
            params,
        )
        out = []
        for sid, speaker, title, text, url, src_title, published, official in statements:
            out.append(
                {
                    "statement_id": sid,
                    "speaker": speaker,
                    "speaker_title": title,
                    "text": text,
                    "source_url": url,
                    "source_title": src_title,
                    "published": published,
                    "official": bool(official),
                    "occurrences": self._report_occurrences("o.statement_id = ?", [sid]),
                }
            )
        return out

    def unmatched_report_rows(self) -> list[dict[str, Any]]:
        """The quotes matched to no statement, in time order, shaped like the
        occurrences of `statement_report_rows`."""
        return self._report_occurrences("o.statement_id IS NULL", [])

    def _report_occurrences(self, where: str, params: list[Any]) -> list[dict[str, Any]]:
        rows = self._run(
            "SELECT o.doc_kind, o.forum, o.thread_id, o.post_id, o.source_url, o.text, "
            "o.speaker, o.label, o.score, o.diff, CAST(o.seen_at AS VARCHAR), p.permalink, "
            "p.author, p.thread_title, p.kind FROM quote_occurrences o LEFT JOIN posts p "
            "ON p.forum = o.forum AND p.thread_id = o.thread_id AND p.post_id = o.post_id "
            f"WHERE {where} ORDER BY o.seen_at NULLS LAST, o.occurrence_id",
            params,
        )
        columns = (
            "doc_kind", "forum", "thread_id", "post_id", "source_url", "text", "speaker",
            "label", "score", "diff", "seen_at", "permalink", "author", "thread_title",
            "post_kind",
        )  # fmt: skip
        return [dict(zip(columns, row, strict=True)) for row in rows]

    def summary(self) -> dict[str, Any]:
        """Headline counts, links by verdict, occurrences by label and reposts
        per day by verdict, for `report --summary`."""
        (row,) = self._run(
            "SELECT (SELECT count(DISTINCT forum) FROM posts WHERE kind = 'post'), "
            "(SELECT count(*) FROM threads), "
            "(SELECT count(*) FROM posts WHERE kind = 'post'), "
            "(SELECT count(DISTINCT forum) FROM posts WHERE kind = 'article'), "
            "(SELECT count(*) FROM posts WHERE kind = 'article'), "
            "(SELECT count(*) FROM sources WHERE status BETWEEN 200 AND 299), "
            "(SELECT count(*) FROM sources WHERE official AND status BETWEEN 200 AND 299), "
            "(SELECT count(*) FROM links), (SELECT count(*) FROM statements), "
            "(SELECT count(*) FROM quote_occurrences)"
        )
        names = ("forums", "threads", "posts", "sites", "articles", "sources", "official",
                 "links", "statements", "occurrences")  # fmt: skip
        days: dict[Any, dict[str, int]] = {}
        for day, verdict, n in self._run(
            "SELECT day, verdict, reposts FROM v_reposts_over_time WHERE day IS NOT NULL"
        ):
            days.setdefault(day, {})[verdict] = int(n)
        return {
            "headline": dict(zip(names, (int(v) for v in row), strict=True)),
            "verdicts": dict(self._run("SELECT verdict, count(*) FROM links GROUP BY 1")),
            "labels": dict(self._run("SELECT label, count(*) FROM quote_occurrences GROUP BY 1")),
            "days": days,
        }

    def unmatched_occurrences(self) -> list[tuple[Any, ...]]:
        return self._run(
            "SELECT o.text, o.speaker, o.label, p.permalink FROM quote_occurrences o "
            "LEFT JOIN posts p ON p.forum = o.forum AND p.thread_id = o.thread_id "
            "AND p.post_id = o.post_id WHERE o.statement_id IS NULL "
            "ORDER BY o.seen_at NULLS LAST, o.occurrence_id"
        )

    def post_links(self) -> list[tuple[Any, ...]]:
        """(permalink, author, title, source_url, method, verdict, score) of every link."""
        return self._run(
            "SELECT p.permalink, p.author, p.thread_title, l.source_url, l.method, l.verdict, "
            "l.score FROM links l JOIN posts p USING (forum, thread_id, post_id) "
            "ORDER BY p.forum, p.thread_id, p.position"
        )

    # ----------------------------------------------------------------- merge
    def merge_from(self, path: str | Path) -> dict[str, int]:
        """Upsert every row of another database of this schema (a crawl worker's
        shard, see crawler.distributed) into this one, in one transaction.

        The shard is attached read-only; rows are matched on the tables' natural
        keys with the rules of `upsert` (first_seen kept) and, for the tables
        written with `insert_new`, existing rows are kept. Merging the same
        shard twice changes nothing. Returns the rows read per table, plus
        posts_new, posts_changed and posts_unchanged (compared with this
        database before the merge). Raises StoreError when the file is missing,
        not a DuckDB file, or of another schema version.
        """
        path = str(path)
        if not Path(path).exists():
            raise StoreError(f"database {path!r} does not exist")
        literal = path.replace("'", "''")
        try:
            self._run(f"ATTACH '{literal}' AS _shard (READ_ONLY)")
        except duckdb.Error as exc:
            raise StoreError(f"cannot attach {path!r}: {_first_line(exc)}") from exc
        insert_only = {"post_versions", "typed_signatures"}
        try:
            version = self._run("SELECT max(version) FROM _shard.schema_version")[0][0]
            if version != self.schema_version():
                raise StoreError(
                    f"database {path!r} has schema version {version}, "
                    f"this one {self.schema_version()}: open both with the same tool first"
                )
            out: dict[str, int] = {}
            with self.transaction():
                new, changed, unchanged = self._run(
                    "SELECT count(*) FILTER (WHERE m.post_id IS NULL), "
                    "count(*) FILTER (WHERE m.content_hash IS DISTINCT FROM s.content_hash "
                    "AND m.post_id IS NOT NULL), count(*) FILTER (WHERE m.content_hash = "
                    "s.content_hash) FROM _shard.posts s LEFT JOIN posts m ON m.forum = s.forum "
                    "AND m.thread_id = s.thread_id AND m.post_id = s.post_id"
                )[0]
                for table in TABLES:
                    keys = _KEYS[table]
                    columns = self.con.sql(f"SELECT * FROM {table} LIMIT 0").columns
                    updates = [c for c in columns if c not in keys and c not in _KEEP_ON_UPDATE]
                    conflict = (
                        f"DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in updates)}"
                        if updates and table not in insert_only
                        else "DO NOTHING"
                    )
                    names = ", ".join(columns)
                    self._run(
                        f"INSERT INTO {table} ({names}) SELECT {names} FROM _shard.{table} "
                        f"ON CONFLICT ({', '.join(keys)}) {conflict}"
                    )
                    out[table] = int(self._run(f"SELECT count(*) FROM _shard.{table}")[0][0])
            out.update(posts_new=new, posts_changed=changed, posts_unchanged=unchanged)
            return out
        finally:
            self._run("DETACH _shard")

    # ------------------------------------------------------------------- sql
    def seal(self) -> None:
        """Lock this connection to the database itself: no file outside it can be
        read or written (COPY TO, read_csv, ATTACH, extensions) and no setting
        changed back, so a query run through `sql` can change nothing on disk."""
        self._run("SET enable_external_access = false")
        self._run("SET lock_configuration = true")

    def query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run one user query; returns column names and rows."""
        if not sql.strip():
            raise StoreError("SQL error: no statement given")
        try:
            result = self.con.execute(sql)
            if result is None or result.description is None:
                if result is not None:
                    result.fetchall()
                return [], []
            return [d[0] for d in result.description], result.fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"SQL error: {_first_line(exc)}") from exc


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        log.warning("not an ISO date: %r", value)
        return None


def _domain(url: str) -> str:
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "").lower()


def _is_lock_error(exc: BaseException) -> bool:
    return "lock" in str(exc).lower()


def _connect(path: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """A connection to `path`, tried again while another process holds the file."""
    deadline = time.monotonic() + wait
    pause = 0.05
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if not _is_lock_error(exc) or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 1.0)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
