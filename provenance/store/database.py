"""The connection: opening, locking, migrating, transactions and batch upserts.

DuckDB lets one process write a file at a time, so commands open the store
for the duration of one stage and close it again; a reader waits up to
``LOCK_WAIT`` seconds for a writer to finish.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

import duckdb
import pyarrow as pa

from provenance.store.schema import (
    KEEP_ON_UPDATE,
    KEYS,
    MERGE_ON_UPDATE,
    MIGRATIONS,
    SCHEMA_VERSION,
    TABLES,
)

# seconds a command waits for a database file that another process holds
LOCK_WAIT = 10.0

log = logging.getLogger(__name__)


def _is_lock_error(exc: BaseException) -> bool:
    return "lock" in str(exc).lower()


# DuckDB fetches missing extensions from the network on first use; never here
_OFFLINE = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
# A new database file is written in the storage format of DuckDB 1.0, which every
# DuckDB since reads (the DuckDB CLI, Datasette's duckdb plugins, an older Python
# wheel): the data outlives the version of the tool that wrote it. A file made
# before keeps the format it was created with.
STORAGE_COMPATIBILITY = "v1.0.0"


def _connect(path: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """A connection to `path`, tried again while another process holds the file."""
    deadline = time.monotonic() + wait
    pause = 0.05
    while True:
        try:
            config = dict(_OFFLINE)
            if not read_only and path != ":memory:" and not Path(path).exists():
                config["storage_compatibility_version"] = STORAGE_COMPATIBILITY
            return duckdb.connect(path, read_only=read_only, config=config)
        except duckdb.IOException as exc:
            if not _is_lock_error(exc) or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 1.0)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


class StoreError(Exception):
    """The database cannot be opened or used (missing, locked, from a newer version)."""


class Database:
    """One DuckDB database file: the connection, migrations, transactions and
    the generic batch writes that every group of tables uses."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only
        self._depth = 0  # nesting of transaction() blocks

    # ------------------------------------------------------------------ open
    @classmethod
    def open(cls, path: str | Path, read_only: bool = False, wait: float | None = None) -> Self:
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

    def __enter__(self) -> Self:
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
        if version == 0:
            tables = self._run("SELECT count(*) FROM information_schema.tables")[0][0]
            if tables:
                raise StoreError(
                    f"database {self.path!r} is a DuckDB file of something else "
                    f"({tables} tables and no schema_version): not opened"
                )
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
        keys = KEYS[table]
        unique: dict[tuple[Any, ...], dict[str, Any]] = {}
        for row in rows:
            unique[tuple(row[k] for k in keys)] = row
        schema = self.con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
        columns = schema.names
        batch = pa.Table.from_pylist(
            [{c: row.get(c) for c in columns} for row in unique.values()], schema=schema
        )
        updates = [c for c in columns if c not in keys and c not in KEEP_ON_UPDATE]
        merge = MERGE_ON_UPDATE.get(table, {})
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
        keys = KEYS[table]
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
                    keys = KEYS[table]
                    columns = self.con.sql(f"SELECT * FROM {table} LIMIT 0").columns
                    updates = [c for c in columns if c not in keys and c not in KEEP_ON_UPDATE]
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
    def seal(self, memory_limit: str = "") -> None:
        """Lock this connection to the database itself: no file outside it can be
        read or written (COPY TO, read_csv, ATTACH, extensions) and no setting
        changed back, so a query run through `sql` can change nothing on disk.
        `memory_limit` (a DuckDB size such as "2GB") caps the memory a query
        may take. Raises StoreError for a size DuckDB does not read."""
        if memory_limit:
            try:
                self.con.execute(f"SET memory_limit = '{memory_limit.replace(chr(39), '')}'")
            except duckdb.Error as exc:
                raise StoreError(f"bad memory limit {memory_limit!r}: {_first_line(exc)}") from exc
        self._run("SET enable_external_access = false")
        self._run("SET lock_configuration = true")

    def query(
        self, sql: str, timeout: float | None = None
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run one user query; returns column names and rows. A query still
        running after `timeout` seconds is interrupted and raises StoreError."""
        if not sql.strip():
            raise StoreError("SQL error: no statement given")
        timer = threading.Timer(timeout, self.con.interrupt) if timeout else None
        if timer:
            timer.daemon = True
            timer.start()
        try:
            return self._query(sql)
        except StoreError:
            if timer and not timer.is_alive():
                raise StoreError(f"SQL error: stopped after {timeout:g} s (--timeout)") from None
            raise
        finally:
            if timer:
                timer.cancel()

    def _query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        try:
            result = self.con.execute(sql)
            if result is None or result.description is None:
                if result is not None:
                    result.fetchall()
                return [], []
            return [d[0] for d in result.description], result.fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"SQL error: {_first_line(exc)}") from exc
