"""The `watch` and `alerts` commands, and the alert step that follows every
`run` and every scheduled pass: build the new alerts, then deliver them to
the channels of forums.toml's `[alerts]`."""

from __future__ import annotations

from typing import Any

from provenance.alerts import (
    Channels,
    WatchError,
    add_watch,
    build_alerts,
    deliver,
    make_watch,
    sync_watches,
)
from provenance.app.options import CliError
from provenance.store import Store
from provenance.store.jsonvalues import dumps


def channels_of(settings: dict[str, Any]) -> Channels:
    """The Channels of a checked `[alerts]` table."""
    return Channels(**settings)


def alert_step(
    store: Store,
    watches: tuple[tuple[str, str], ...] = (),
    channels: Channels | None = None,
) -> str:
    """Add configured watches, build alerts and deliver them; returns the summary line."""
    added = sync_watches(store, watches) if watches else 0
    summary = build_alerts(store)
    sent = deliver(store, channels) if channels else {}
    line = f"alerts: {summary.looked_at} new occurrences looked at, {summary.alerts} alerts"
    if added:
        line += f", {added} watches added"
    if sent:
        line += "; sent " + ", ".join(f"{k} {v}" for k, v in sent.items())
    return line


def run_alert_step(db: str) -> None:
    """The alert step of `provenance run` (delivery is the scheduler's, with its config)."""
    with Store.open(db) as store:
        print(alert_step(store))


def run_watch(db: str, action: str, kind: str = "", value: str = "") -> None:
    """`provenance watch add KIND VALUE | list | remove ID`."""
    with Store.open(db) as store:
        if action == "add":
            try:
                watch = make_watch(kind, value)
            except WatchError as exc:
                raise CliError(str(exc)) from None
            added = add_watch(store, watch)
            print(f"watch: {'added' if added else 'already watched'} {watch.watch_id}")
        elif action == "remove":
            if not store.remove_watch(value):
                raise CliError(f"no watch {value!r} (see `provenance watch list`)")
            print(f"watch: removed {value}")
        else:
            for row in store.watches():
                print(f"{row['watch_id']}\t{row['value']}\t{row['origin']}")


def run_alerts(db: str, config: str = "", as_json: bool = False) -> None:
    """`provenance alerts [--config F]`: list alerts, or deliver the pending ones."""
    if config:
        from provenance.app.config import ConfigError, load_config

        try:
            loaded = load_config(config)
        except ConfigError as exc:
            raise CliError(str(exc)) from None
        with Store.open(db) as store:
            print(alert_step(store, loaded.watches, channels_of(loaded.alerts)))
        return
    from provenance.alerts.deliver import alert_json, title

    with Store.open(db, read_only=True) as store:
        alerts = store.alerts()
    for alert in alerts:
        if as_json:
            print(dumps(alert_json(alert)))
        else:
            print(f"{alert['alert_id']}  {title(alert)}  {alert['post_url']}")


def run_claimreview(db: str, out: str) -> None:
    """`report --format claimreview`: ClaimReview JSON-LD to stdout or `out`."""
    from datetime import UTC, datetime
    from pathlib import Path

    from provenance.report.claimreview import claim_reviews_json

    with Store.open(db, read_only=True) as store:
        text = claim_reviews_json(store.altered_claims(), datetime.now(UTC).date()) + "\n"
    if not out:
        print(text, end="")
        return
    try:
        Path(out).write_text(text, "utf-8")
    except OSError as exc:
        raise CliError(f"cannot write {out!r}: {exc.strerror or exc}") from None
    print(f"report: wrote {out}")
