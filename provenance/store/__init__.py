"""The DuckDB store: the only place in the project where SQL is written.

Each table has a natural key, so every write is an idempotent upsert: running
the same crawl or the same analysis twice leaves the row counts unchanged.
Rows are written in batches through Arrow tables, never one INSERT per row.
The :class:`Store` is assembled from one group of methods per stage
(``crawl``, ``sources``, ``links``, ``quotes``, ``reports``) over the shared
connection in ``database``; ``schema`` holds the migrations.
"""

from __future__ import annotations

from provenance.store.alerts import AlertTables
from provenance.store.crawl import CrawlTables
from provenance.store.database import LOCK_WAIT, Database, StoreError
from provenance.store.export import Exports
from provenance.store.links import LinkTables
from provenance.store.quotes import QuoteTables
from provenance.store.records import PostRecord, SourceRecord, ThreadState, content_hash, now
from provenance.store.reports import ReportQueries
from provenance.store.schema import MIGRATIONS, SCHEMA_VERSION, TABLES
from provenance.store.sources import SourceTables

__all__ = [
    "LOCK_WAIT",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "TABLES",
    "PostRecord",
    "SourceRecord",
    "Store",
    "StoreError",
    "ThreadState",
    "content_hash",
    "now",
]


class Store(
    CrawlTables,
    SourceTables,
    LinkTables,
    QuoteTables,
    ReportQueries,
    AlertTables,
    Exports,
    Database,
):
    """One DuckDB database file. Open with ``Store.open(path)``; close when done."""
