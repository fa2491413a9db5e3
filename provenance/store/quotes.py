"""The quote stage's tables: official statements, occurrences and variant clusters."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from provenance.store.database import Database
from provenance.store.records import iso_time_sql

log = logging.getLogger(__name__)
_SEEN_AT = iso_time_sql("o.seen_at")


class QuoteTables(Database):
    """The quote stage's tables: official statements, occurrences and variant clusters."""

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

    def clear_occurrences(self) -> None:
        """Forget every quote occurrence, before the stage writes them again in batches."""
        self._run("DELETE FROM quote_occurrences")

    def add_occurrences(self, rows: Sequence[dict]) -> int:
        """Write one batch of occurrences (the last row of a repeated id wins)."""
        return self.upsert("quote_occurrences", rows)

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
            + _SEEN_AT
            + ", o.doc_kind, o.forum, o.thread_id, o.post_id, "
            "o.source_url FROM quote_clusters c JOIN quote_occurrences o USING (occurrence_id) "
            "ORDER BY size DESC, c.cluster_id, o.seen_at NULLS LAST, o.occurrence_id"
        )
        columns = (
            "cluster_id", "canonical_text", "size", "occurrence_id", "text", "speaker",
            "label", "seen_at", "doc_kind", "forum", "thread_id", "post_id", "source_url",
        )  # fmt: skip
        return [dict(zip(columns, row, strict=True)) for row in rows]

    def unmatched_occurrences(self) -> list[tuple[Any, ...]]:
        return self._run(
            "SELECT o.text, o.speaker, o.label, p.permalink FROM quote_occurrences o "
            "LEFT JOIN posts p ON p.forum = o.forum AND p.thread_id = o.thread_id "
            "AND p.post_id = o.post_id WHERE o.statement_id IS NULL "
            "ORDER BY o.seen_at NULLS LAST, o.occurrence_id"
        )
