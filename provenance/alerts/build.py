"""Alerts: new occurrences of watched items that matter, each with its evidence.

After every run the occurrences not looked at before are gone through once,
oldest first. One that touches a watch becomes an alert when its label
matters (altered, truncated, misattributed, paraphrase, translated) or when
it is the statement's first appearance on that forum or site. Every
occurrence looked at is remembered (``watch_seen``), so an occurrence raises
at most one alert, ever, and a watch that is added starts from what is
already stored (its baseline) instead of alerting on the past.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from provenance.alerts.watch import Watch, WatchError, make_watch, touches, watch_from_row
from provenance.store import Store, content_hash

log = logging.getLogger(__name__)

LABELS_THAT_MATTER = ("altered", "truncated", "misattributed", "paraphrase", "translated")
NEW_PLACE = "new-place"


@dataclass(frozen=True)
class AlertSummary:
    looked_at: int
    alerts: int
    by_reason: dict[str, int] = field(default_factory=dict)


def add_watch(store: Store, watch: Watch, origin: str = "cli") -> bool:
    """Store `watch`, taking what is stored now as its baseline; returns False
    when it was watched already."""
    with store.transaction():
        added = store.add_watch(watch.row(origin))
        if added:
            baseline(store)
    return added


def sync_watches(store: Store, configured: tuple[tuple[str, str], ...]) -> int:
    """Add the (kind, value) watches of forums.toml that the database lacks;
    returns how many were added. Raises WatchError for a bad one."""
    watches = [make_watch(kind, value) for kind, value in configured]
    return sum(add_watch(store, w, origin="config") for w in watches)


def baseline(store: Store) -> int:
    """Mark every stored occurrence as looked at, without alerts; returns how many."""
    rows = [_seen_row(c) for c in store.watch_candidates() if not c["seen"]]
    store.mark_seen(rows)
    return len(rows)


def build_alerts(store: Store) -> AlertSummary:
    """Look at the occurrences not looked at before; store an alert for each one
    that touches a watch and matters. Returns the counts."""
    watches = []
    for row in store.watches():
        try:
            watches.append(watch_from_row(row))
        except WatchError as exc:  # a row written by hand through another tool
            log.warning("skipping watch %s: %s", row["watch_id"], exc)
    fresh = [c for c in store.watch_candidates() if not c["seen"]]
    places = store.seen_places()
    alerts: list[dict[str, Any]] = []
    created = datetime.now(UTC)
    for occurrence in fresh:
        place = (str(occurrence["statement_id"]), str(occurrence["place"]))
        new_place = place not in places
        places.add(place)
        matched = [w.watch_id for w in watches if touches(w, occurrence)]
        if not matched:
            continue
        label = str(occurrence["label"])
        reason = label if label in LABELS_THAT_MATTER else (NEW_PLACE if new_place else "")
        if reason:
            alerts.append(_alert(occurrence, reason, matched, created))
    written = store.add_alerts(alerts, [_seen_row(c) for c in fresh])
    reasons = Counter(a["reason"] for a in alerts)
    return AlertSummary(len(fresh), written, dict(reasons))


def _seen_row(occurrence: dict[str, Any]) -> dict[str, Any]:
    return {
        "occurrence_id": occurrence["occurrence_id"],
        "statement_id": occurrence["statement_id"],
        "place": occurrence["place"],
    }


def _alert(
    occurrence: dict[str, Any], reason: str, watch_ids: list[str], created: datetime
) -> dict[str, Any]:
    return {
        "alert_id": content_hash("alert", occurrence["occurrence_id"])[:24],
        "occurrence_id": occurrence["occurrence_id"],
        "reason": reason,
        "label": occurrence["label"],
        "watch_ids": watch_ids,
        "statement_id": occurrence["statement_id"],
        "statement_text": occurrence["statement_text"],
        "speaker": occurrence["speaker"],
        "official_url": occurrence["official_url"],
        "published": occurrence["published"],
        "text": occurrence["text"],
        "quoted_speaker": occurrence["quoted_speaker"],
        "diff": occurrence["diff"],
        "place": occurrence["place"],
        "post_url": occurrence["post_url"],
        "first_seen": occurrence["first_seen"],
        "seen_at": occurrence["seen_at"],
        "created_at": created,
    }
