"""The watch stage's tables: watch lists, the occurrences already looked at,
alerts, and the delivery state of each alert on each channel.

An alert is written once per occurrence (its key is derived from the
occurrence id), so building alerts twice never repeats one; a delivery row
says whether a channel has it, so a failed delivery is tried on the next run.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from provenance.store.database import Database
from provenance.store.records import PUBLISHED_TEXT

ALERT_COLUMNS = (
    "alert_id", "occurrence_id", "reason", "label", "watch_ids", "statement_id",
    "statement_text", "speaker", "official_url", "published", "text", "quoted_speaker", "diff",
    "place", "post_url", "first_seen", "seen_at", "created_at",
)  # fmt: skip


class AlertTables(Database):
    """Watch lists, seen occurrences, alerts and their deliveries."""

    # --------------------------------------------------------------- watches
    def add_watch(self, row: dict[str, Any]) -> bool:
        """Store a watch (watch_id, kind, value, watch_key, origin); returns
        False when it was already there (the stored one is kept)."""
        exists = self._run("SELECT 1 FROM watches WHERE watch_id = ?", [row["watch_id"]])
        if exists:
            return False
        self.insert_new("watches", [{**row, "added_at": datetime.now(UTC)}])
        return True

    def remove_watch(self, watch_id: str) -> bool:
        """Delete a watch; returns False when there was none of that id."""
        found = self._run("SELECT 1 FROM watches WHERE watch_id = ?", [watch_id])
        self._run("DELETE FROM watches WHERE watch_id = ?", [watch_id])
        return bool(found)

    def watches(self) -> list[dict[str, Any]]:
        """Every watch, oldest first."""
        rows = self._run(
            "SELECT watch_id, kind, value, watch_key, origin, added_at FROM watches "
            "ORDER BY added_at, watch_id"
        )
        columns = ("watch_id", "kind", "value", "watch_key", "origin", "added_at")
        return [dict(zip(columns, row, strict=True)) for row in rows]

    # ----------------------------------------------------------- candidates
    def watch_candidates(self) -> list[dict[str, Any]]:
        """Every occurrence in a post or article of a known statement, with the
        statement, its official source and the post: in the order they were seen."""
        rows = self._run(
            "SELECT o.occurrence_id, o.label, o.text, o.speaker, o.diff, o.forum, "
            "o.statement_id, s.text, s.speaker, s.speaker_key, s.source_url, src.domain, "
            "CAST(src.published AS TIMESTAMPTZ), p.permalink, coalesce(p.first_seen, o.seen_at), "
            "o.seen_at, w.occurrence_id IS NOT NULL "
            "FROM quote_occurrences o JOIN statements s USING (statement_id) "
            "LEFT JOIN sources src ON src.url = s.source_url "
            "LEFT JOIN posts p ON p.forum = o.forum AND p.thread_id = o.thread_id "
            "AND p.post_id = o.post_id "
            "LEFT JOIN watch_seen w ON w.occurrence_id = o.occurrence_id "
            "WHERE o.doc_kind = 'post' "
            "ORDER BY coalesce(p.first_seen, o.seen_at) NULLS LAST, o.occurrence_id"
        )
        columns = (
            "occurrence_id", "label", "text", "quoted_speaker", "diff", "place", "statement_id",
            "statement_text", "speaker", "speaker_key", "official_url", "official_domain",
            "published", "post_url", "first_seen", "seen_at", "seen",
        )  # fmt: skip
        return [dict(zip(columns, row, strict=True)) for row in rows]

    def seen_places(self) -> set[tuple[str, str]]:
        """(statement_id, place) of every occurrence already looked at."""
        rows = self._run(
            "SELECT DISTINCT statement_id, place FROM watch_seen WHERE statement_id IS NOT NULL"
        )
        return {(str(a), str(b)) for a, b in rows}

    def mark_seen(self, rows: Sequence[dict[str, Any]]) -> None:
        """Record occurrences as looked at (occurrence_id, statement_id, place)."""
        now = datetime.now(UTC)
        self.insert_new("watch_seen", [{**row, "seen_at": now} for row in rows])

    # ---------------------------------------------------------------- alerts
    def add_alerts(self, alerts: Sequence[dict[str, Any]], seen: Sequence[dict[str, Any]]) -> int:
        """Write new alerts and mark `seen` occurrences in one transaction;
        an alert already stored is left as it is. Returns the alerts written."""
        with self.transaction():
            ids = [a["alert_id"] for a in alerts]
            known = {
                r[0]
                for r in self._run(
                    "SELECT alert_id FROM alerts WHERE alert_id IN (SELECT unnest(?))", [ids]
                )
            }
            fresh = [a for a in alerts if a["alert_id"] not in known]
            self.insert_new("alerts", fresh)
            self.mark_seen(seen)
        return len(fresh)

    def alerts(self) -> list[dict[str, Any]]:
        """Every alert, oldest first."""
        rows = self._run(
            f"SELECT {', '.join(ALERT_COLUMNS)} FROM alerts ORDER BY created_at, alert_id"
        )
        return [dict(zip(ALERT_COLUMNS, row, strict=True)) for row in rows]

    def undelivered_alerts(self, channel: str) -> list[dict[str, Any]]:
        """Alerts the channel does not have yet (never tried, or failed), oldest first."""
        cols = ", ".join(f"a.{c}" for c in ALERT_COLUMNS)
        rows = self._run(
            f"SELECT {cols} FROM alerts a LEFT JOIN alert_deliveries d "
            "ON d.alert_id = a.alert_id AND d.channel = ? "
            "WHERE d.status IS NULL OR d.status <> 'sent' ORDER BY a.created_at, a.alert_id",
            [channel],
        )
        return [dict(zip(ALERT_COLUMNS, row, strict=True)) for row in rows]

    def record_delivery(self, alert_ids: Sequence[str], channel: str, error: str = "") -> None:
        """Mark the alerts sent on `channel`, or failed with `error` (counting attempts)."""
        if not alert_ids:
            return
        now = datetime.now(UTC)
        status = "failed" if error else "sent"
        with self.transaction():
            previous = dict(
                self._run(
                    "SELECT alert_id, attempts FROM alert_deliveries WHERE channel = ? "
                    "AND alert_id IN (SELECT unnest(?))",
                    [channel, list(alert_ids)],
                )
            )
            self.upsert(
                "alert_deliveries",
                [
                    {
                        "alert_id": a,
                        "channel": channel,
                        "status": status,
                        "attempts": int(previous.get(a) or 0) + 1,
                        "error": error or None,
                        "updated_at": now,
                    }
                    for a in alert_ids
                ],
            )

    def deliveries(self) -> list[tuple[str, str, str, int]]:
        """(alert_id, channel, status, attempts) of every delivery."""
        return self._run(
            "SELECT alert_id, channel, status, attempts FROM alert_deliveries ORDER BY 1, 2"
        )

    # ---------------------------------------------------------------- claims
    def altered_claims(self) -> list[dict[str, Any]]:
        """Every altered or misattributed occurrence in a post or article, with its
        statement, official source and post: by statement, then first seen."""
        rows = self._run(
            "SELECT o.occurrence_id, o.label, o.text, o.speaker, o.diff, o.statement_id, "
            "s.text, s.speaker, s.speaker_title, s.source_url, src.title, "
            + PUBLISHED_TEXT
            + ", p.permalink, coalesce(p.posted_at, o.seen_at) "
            "FROM quote_occurrences o JOIN statements s USING (statement_id) "
            "LEFT JOIN sources src ON src.url = s.source_url "
            "LEFT JOIN posts p ON p.forum = o.forum AND p.thread_id = o.thread_id "
            "AND p.post_id = o.post_id "
            "WHERE o.doc_kind = 'post' AND o.label IN ('altered', 'misattributed') "
            "ORDER BY o.statement_id, coalesce(p.posted_at, o.seen_at) NULLS LAST, o.occurrence_id"
        )
        columns = (
            "occurrence_id", "label", "text", "quoted_speaker", "diff", "statement_id",
            "statement_text", "speaker", "speaker_title", "official_url", "official_title",
            "published", "post_url", "posted_at",
        )  # fmt: skip
        return [dict(zip(columns, row, strict=True)) for row in rows]
