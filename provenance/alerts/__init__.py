"""Watch lists and alerts: what a user watches, which new occurrences of it
matter (``build``), and how alerts reach them (``deliver``)."""

from __future__ import annotations

from provenance.alerts.build import (
    LABELS_THAT_MATTER,
    AlertSummary,
    add_watch,
    baseline,
    build_alerts,
    sync_watches,
)
from provenance.alerts.deliver import Channels, DeliveryError, deliver, sign
from provenance.alerts.watch import KINDS, Watch, WatchError, make_watch

__all__ = [
    "KINDS",
    "LABELS_THAT_MATTER",
    "AlertSummary",
    "Channels",
    "DeliveryError",
    "Watch",
    "WatchError",
    "add_watch",
    "baseline",
    "build_alerts",
    "deliver",
    "make_watch",
    "sign",
    "sync_watches",
]
