"""forums.toml's `[[watch]]` entries and `[alerts]` table, checked with the
config's own table reader (passed in, so that this module needs nothing of
provenance.app.config) and handed to the alert step of scheduled runs."""

from __future__ import annotations

from typing import Any

from provenance.alerts import WatchError, make_watch

# [[watch]]: one key naming what is watched; [alerts]: where alerts go (Channels)
WATCH_KEYS = ("statement", "speaker", "source", "site")
ALERT_KEYS = (
    "atom", "jsonl", "webhook", "webhook_secret", "webhook_attempts", "smtp_host",
    "smtp_port", "mail_from", "mail_to",
)  # fmt: skip


def check_watches(loader: Any, top: Any, raw: Any, table: Any) -> tuple[tuple[str, str], ...]:
    """The (kind, value) of each `[[watch]]` of forums.toml; raises ConfigError."""
    if not isinstance(raw, list):
        top.fail("watch", "write each watch as a [[watch]] entry (with double brackets)")
    out = []
    for index, entry in enumerate(raw):
        t = table(loader, "watch", index, entry, f"[[watch]] #{index + 1}")
        t.check_keys(WATCH_KEYS, {})
        if len(entry) != 1:
            t.fail(next(iter(entry), "statement"), f"give one of {', '.join(WATCH_KEYS)}")
        kind = next(iter(entry))
        try:
            make_watch(kind, t.string(kind))
        except WatchError as exc:
            t.fail(kind, str(exc))
        out.append((kind, t.string(kind)))
    return tuple(out)


def check_alerts(loader: Any, top: Any, raw: Any, table: Any) -> dict[str, Any]:
    """The checked `[alerts]` of forums.toml (Channels fields); raises ConfigError."""
    if not isinstance(raw, dict):
        top.fail("alerts", f"must be a table ([alerts]), not {type(raw).__name__}")
    t = table(loader, "alerts", 0, raw, "[alerts]")
    t.check_keys(ALERT_KEYS, {})
    if raw.get("webhook"):
        t.url("webhook", t.string("webhook"))
    out: dict[str, Any] = {k: t.path(k) for k in ("atom", "jsonl") if k in raw}
    strings = ("webhook", "webhook_secret", "smtp_host", "mail_from")
    out |= {k: t.string(k) for k in strings if k in raw}
    out |= {k: t.integer(k) for k in ("webhook_attempts", "smtp_port") if k in raw}
    if "mail_to" in raw:
        out["mail_to"] = t.strings("mail_to")
    return out
