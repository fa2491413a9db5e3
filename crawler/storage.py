"""The crawl process's one connection to the store.

DuckDB allows one writing connection per file and process, and both the
source spider (which asks what is left to fetch) and the store pipeline
need it, so they share the store opened here for the life of the process.
"""

from __future__ import annotations

from provenance.store import Store

_open: dict[str, Store] = {}


def store_for(path: str) -> Store:
    """The open store for `path`, opened (and migrated) on first use."""
    if path not in _open:
        _open[path] = Store.open(path)
    return _open[path]


def close_all() -> None:
    while _open:
        _, store = _open.popitem()
        store.close()
