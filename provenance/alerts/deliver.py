"""Alert delivery: an Atom feed file, a JSON Lines file, a webhook, e-mail.

Each channel gets the alerts it does not have yet (``alert_deliveries``
keeps, per alert and channel, whether it was sent), so an alert survives a
failed delivery and goes out on the next run. The webhook POSTs one JSON
alert at a time with an ``X-Provenance-Signature: sha256=<hex>`` header, the
HMAC-SHA256 of the body under the shared secret, and tries again with a
growing pause on a connection error or a 5xx answer.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import smtplib
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from provenance.store import Store
from provenance.store.jsonvalues import dumps

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Provenance-Signature"
FEED_ID = "urn:forum-provenance:alerts"


class DeliveryError(Exception):
    """A channel could not take an alert; the message says why."""


@dataclass(frozen=True)
class Channels:
    """Where alerts go; an empty field is a channel that is off."""

    atom: str = ""  # feed file, rewritten with every alert
    jsonl: str = ""  # file, one alert appended per line
    webhook: str = ""  # http(s) URL
    webhook_secret: str = ""
    webhook_attempts: int = 3
    webhook_pause: float = 1.0  # seconds before the 2nd attempt, doubled after
    smtp_host: str = ""
    smtp_port: int = 25
    mail_from: str = ""
    mail_to: tuple[str, ...] = ()

    def names(self) -> list[str]:
        on = {
            "atom": self.atom,
            "jsonl": self.jsonl,
            "webhook": self.webhook,
            "email": self.smtp_host and self.mail_to,
        }
        return [name for name, value in on.items() if value]


def alert_json(alert: dict[str, Any]) -> dict[str, Any]:
    """An alert as JSON-ready data (times in ISO 8601)."""
    return {
        k: (v.isoformat() if isinstance(v, datetime) else v)
        for k, v in alert.items()
        if k != "created_at" or v is not None
    }


def title(alert: dict[str, Any]) -> str:
    speaker = alert["speaker"] or "an official"
    what = "first seen on" if alert["reason"] == "new-place" else f"{alert['label']} on"
    return f"Statement of {speaker} {what} {alert['place']}"


def summary(alert: dict[str, Any]) -> str:
    lines = [
        f"Official: \u201c{alert['statement_text']}\u201d ({alert['speaker']})",
        f"Source: {alert['official_url']}",
        f"As posted: \u201c{alert['text']}\u201d"
        + (f" (attributed to {alert['quoted_speaker']})" if alert["quoted_speaker"] else ""),
    ]
    if alert["diff"]:
        lines.append(f"Changes: {alert['diff']}")
    lines.append(f"Post: {alert['post_url']}")
    if alert["first_seen"]:
        lines.append(f"First seen: {_iso(alert['first_seen'])}")
    return "\n".join(lines)


# ------------------------------------------------------------------ channels
def write_atom(path: Path, alerts: Sequence[dict[str, Any]]) -> None:
    """Write every alert (newest first) as an Atom 1.0 feed to `path`."""
    updated = max((_iso(a["created_at"]) for a in alerts), default=_iso(datetime.now(UTC)))
    entries = []
    for alert in sorted(alerts, key=lambda a: (a["created_at"], a["alert_id"]), reverse=True):
        link = alert["post_url"] or alert["official_url"] or ""
        entries.append(
            "  <entry>\n"
            f"    <id>urn:forum-provenance:alert:{escape(alert['alert_id'])}</id>\n"
            f"    <title>{escape(title(alert))}</title>\n"
            f"    <updated>{_iso(alert['created_at'])}</updated>\n"
            f'    <link rel="alternate" href="{escape(link, {chr(34): "&quot;"})}"/>\n'
            f'    <category term="{escape(alert["reason"])}"/>\n'
            f"    <summary>{escape(summary(alert))}</summary>\n"
            "  </entry>\n"
        )
    text = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <id>{FEED_ID}</id>\n  <title>forum-provenance alerts</title>\n"
        f"  <updated>{updated}</updated>\n  <author><name>forum-provenance</name></author>\n"
        + "".join(entries)
        + "</feed>\n"
    )
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def append_jsonl(path: Path, alerts: Sequence[dict[str, Any]]) -> None:
    with path.open("a", encoding="utf-8") as out:
        for alert in alerts:
            out.write(dumps(alert_json(alert)) + "\n")


def sign(body: bytes, secret: str) -> str:
    """The signature header value of `body`: ``sha256=`` and the hex HMAC-SHA256."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def post_webhook(
    url: str,
    alert: dict[str, Any],
    secret: str,
    attempts: int = 3,
    pause: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """POST one alert; tried `attempts` times on a connection error or a 5xx.
    Raises DeliveryError when it never got a 2xx."""
    body = dumps(alert_json(alert)).encode("utf-8")
    headers = {"Content-Type": "application/json", "User-Agent": "forum-provenance-alerts"}
    if secret:
        headers[SIGNATURE_HEADER] = sign(body, secret)
    problem = ""
    for attempt in range(1, attempts + 1):
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
                answer.read()
            return
        except urllib.error.HTTPError as exc:
            problem = f"HTTP {exc.code}"
            if exc.code < 500:
                break  # the receiver refuses it: trying again will not help
        except (urllib.error.URLError, OSError) as exc:
            problem = str(getattr(exc, "reason", exc))
        if attempt < attempts:
            sleep(pause * 2 ** (attempt - 1))
    raise DeliveryError(f"webhook {url}: {problem}")


def send_mail(channels: Channels, alerts: Sequence[dict[str, Any]], done: list[str]) -> None:
    """One message per alert over SMTP; the id of each one sent is appended to
    `done`. Raises DeliveryError on an SMTP failure."""
    try:
        with smtplib.SMTP(channels.smtp_host, channels.smtp_port, timeout=30) as smtp:
            for alert in alerts:
                message = EmailMessage()
                message["Subject"] = f"[provenance] {title(alert)}"
                message["From"] = channels.mail_from or "forum-provenance@localhost"
                message["To"] = ", ".join(channels.mail_to)
                message["X-Provenance-Alert"] = alert["alert_id"]
                message.set_content(summary(alert) + "\n")
                smtp.send_message(message)
                done.append(alert["alert_id"])
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"smtp {channels.smtp_host}:{channels.smtp_port}: {exc}") from exc


# ------------------------------------------------------------------ delivery
def deliver(store: Store, channels: Channels) -> dict[str, int]:
    """Send every channel the alerts it lacks; record each outcome. Returns the
    alerts sent per channel; a failure is logged and recorded, never raised."""
    sent: dict[str, int] = {}
    for name in channels.names():
        pending = store.undelivered_alerts(name)
        if not pending:
            sent[name] = 0
            continue
        done: list[str] = []
        try:
            if name == "atom":
                write_atom(Path(channels.atom), store.alerts())
                done = [a["alert_id"] for a in pending]
            elif name == "jsonl":
                append_jsonl(Path(channels.jsonl), pending)
                done = [a["alert_id"] for a in pending]
            elif name == "email":
                send_mail(channels, pending, done)
            else:
                for alert in pending:
                    post_webhook(
                        channels.webhook,
                        alert,
                        channels.webhook_secret,
                        channels.webhook_attempts,
                        channels.webhook_pause,
                    )
                    done.append(alert["alert_id"])
        except (DeliveryError, OSError) as exc:
            log.warning("alert delivery on %s failed: %s", name, exc)
            store.record_delivery(done, name)
            store.record_delivery([a["alert_id"] for a in pending[len(done) :]], name, str(exc))
            sent[name] = len(done)
            continue
        store.record_delivery(done, name)
        sent[name] = len(done)
    return sent


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return str(value)
