"""Official sources: which cited URLs to fetch, and the fetched articles."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from provenance.store.database import Database
from provenance.store.records import (
    PUBLISHED_TEXT,
    SourceRecord,
    _domain,
    _published,
)

log = logging.getLogger(__name__)


class SourceTables(Database):
    """Official sources: which cited URLs to fetch, and the fetched articles."""

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
                "published_has_time": _published(p.published)[1],
                "final_url": p.final_url,
                "domain": _domain(p.final_url or p.url),
                "official": p.official,
                "title": p.title,
                "published": _published(p.published)[0],
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
            f"SELECT url, final_url, domain, official, title, {PUBLISHED_TEXT}, body "
            f"FROM sources src {where} ORDER BY url"
        )
        return [
            SourceRecord(u, fu or u, d or "", bool(o), t or "", pub, b or "")
            for u, fu, d, o, t, pub, b in rows
        ]
