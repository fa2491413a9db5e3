"""Open-data exports of the database: JSON Lines and a SQLite file.

Parquet (`Database.export_parquet`) suits analysts; JSON Lines suits any
language with a JSON parser; a SQLite file is what Datasette and every
spreadsheet tool open. The SQLite file holds every table and every view, each
view written as a plain table of its rows at export time, since the views'
SQL is DuckDB's and would not run in SQLite. Times are written as ISO 8601
with a full offset ('2026-01-08T16:04:17.000000+00:00'), as every JSON output
of the project writes them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from provenance.store.database import Database
from provenance.store.jsonvalues import json_default
from provenance.store.schema import TABLES

BATCH = 5000
_ISO = "%Y-%m-%dT%H:%M:%S.%f+00:00"  # the connection's zone is UTC


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Exports(Database):
    """Every table and view out to JSON Lines or SQLite."""

    def views(self) -> list[str]:
        """The project's views, by name."""
        return [
            str(r[0])
            for r in self._run(
                "SELECT view_name FROM duckdb_views() WHERE NOT internal "
                "AND database_name = current_database() ORDER BY view_name"
            )
        ]

    def _columns(self, relation: str) -> list[tuple[str, str]]:
        """(name, DuckDB type) of each column of a table or view."""
        return [
            (str(name), str(kind)) for name, kind, *_ in self._run(f"DESCRIBE {_quote(relation)}")
        ]

    def _rows(self, relation: str, columns: list[tuple[str, str]]) -> Iterator[list[tuple]]:
        """The relation's rows in batches, times as ISO 8601 text."""
        select = ", ".join(
            f"strftime({_quote(c)}, '{_ISO}')" if kind == "TIMESTAMP WITH TIME ZONE" else _quote(c)
            for c, kind in columns
        )
        cursor = self.con.cursor()
        try:
            cursor.execute(f"SELECT {select} FROM {_quote(relation)}")
            while batch := cursor.fetchmany(BATCH):
                yield batch
        finally:
            cursor.close()

    def export_jsonl(self, out_dir: str | Path) -> dict[str, int]:
        """Write every table as `<out_dir>/<table>.jsonl`, one JSON object a line
        (bytes as hex); returns row counts."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        counts: dict[str, int] = {}
        for table in TABLES:
            columns = self._columns(table)
            names = [c for c, _ in columns]
            n = 0
            with open(out / f"{table}.jsonl", "w", encoding="utf-8") as f:
                for batch in self._rows(table, columns):
                    for row in batch:
                        record = dict(zip(names, row, strict=True))
                        f.write(json.dumps(record, ensure_ascii=False, default=json_default))
                        f.write("\n")
                    n += len(batch)
            counts[table] = n
        return counts

    def export_sqlite(self, path: str | Path) -> dict[str, int]:
        """Write every table and every view (as a table of its rows) into a new
        SQLite file at `path` (an existing file is replaced); returns row counts."""
        target = Path(path)
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        counts: dict[str, int] = {}
        lite = sqlite3.connect(partial)
        try:
            for relation in [*TABLES, *self.views()]:
                columns = self._columns(relation)
                lite.execute(
                    f"CREATE TABLE {_quote(relation)} ("
                    + ", ".join(f"{_quote(c)} {_affinity(k)}" for c, k in columns)
                    + ")"
                )
                insert = f"INSERT INTO {_quote(relation)} VALUES ({', '.join('?' * len(columns))})"
                n = 0
                for batch in self._rows(relation, columns):
                    lite.executemany(insert, [tuple(map(_sqlite_value, row)) for row in batch])
                    n += len(batch)
                counts[relation] = n
            lite.commit()
        finally:
            lite.close()
        partial.replace(target)
        return counts


def _affinity(kind: str) -> str:
    """The SQLite column type of a DuckDB type."""
    kind = kind.upper()
    if kind.endswith("[]") or kind.startswith(("STRUCT", "MAP", "UNION")):
        return "TEXT"  # as JSON
    if any(k in kind for k in ("INT", "BOOLEAN")):
        return "INTEGER"
    if any(k in kind for k in ("DOUBLE", "FLOAT", "REAL", "DECIMAL")):
        return "REAL"
    if "BLOB" in kind:
        return "BLOB"
    return "TEXT"


def _sqlite_value(value: Any) -> Any:
    """`value` as SQLite stores it: lists and structs as JSON text, times as ISO 8601."""
    if value is None or isinstance(value, int | float | str | bytes):
        return value
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, default=json_default)
    return json_default(value)
