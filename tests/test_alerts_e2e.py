"""Watch and alert end to end: `schedule --once` three times on the sample
forum served on 127.0.0.1, with a watched statement. The first run is the
baseline; before the second, the forum gets one more post quoting the
watched statement with words changed, and exactly one alert reaches the
table, the Atom feed, a webhook (signature checked) and an SMTP server; the
third run adds none."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import http.server
import io
import json
import re
import shutil
import socket
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from provenance.alerts.deliver import SIGNATURE_HEADER
from provenance.app.cli import main
from provenance.sample import FORUM_URL, OFFICIAL_RELEASES_URL, SAMPLE_HOSTS, SITES_DIR
from provenance.sample.server import serve_sites
from provenance.store import Store

aiosmtpd = pytest.importorskip("aiosmtpd.controller")

SECRET = "watch-17-shared-secret"
ATOM = "{http://www.w3.org/2005/Atom}"
NEW_POST = (
    "Saw this on the evening news. Attorney General Dana R. Whitcomb said, &quot;Operation "
    "Lantern shows that hiding behind an anonymous storefront and a cryptocurrency wallet does "
    "not put anyone beyond the reach of the law in Calloway. The people who sold these pills "
    "knew they were selling poison to our kids, and we will keep following the packages, the "
    "money and the servers until every one of them has answered for it.&quot;"
)


class Hook(http.server.BaseHTTPRequestHandler):
    received: list[dict] = []
    refused = 0

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(self.headers.get(SIGNATURE_HEADER, ""), expected):
            Hook.refused += 1
            self.send_response(401)
        else:
            Hook.received.append(json.loads(body))
            self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[str] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's name)
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        return "250 OK"


@contextlib.contextmanager
def webhook_server() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _add_post(site: Path) -> None:
    """One more reply in thread 3 (msg 90), and the board list saying so."""
    forum = site / "forum.townsquare.example"
    topic = (forum / "topic_3_0.html").read_text("utf-8")
    start = topic.index('\t\t\t\t<a id="msg29"></a>')
    end = topic.index('\t\t\t\t<hr class="post_separator" />', start)
    block = topic[start:end].replace("29", "90").replace("Reply #1", "Reply #2")
    block = re.sub(r'(<div class="inner" id="msg_90">).*?(</div>)', rf"\g<1>{NEW_POST}\2", block)
    block = block.replace("marsh_wren", "copper_kite").replace("u=3", "u=31")
    separator = '\t\t\t\t<hr class="post_separator" />\n'
    insert_at = end + len(separator)
    (forum / "topic_3_0.html").write_text(topic[:insert_at] + block + separator + topic[insert_at:])
    board = (forum / "board_1.html").read_text("utf-8")
    row = board.index("topic=3.0#msg29")
    head = board[: board.rindex("1 Replies", 0, row)]
    board = head + "2 Replies" + board[len(head) + len("1 Replies") :]
    (forum / "board_1.html").write_text(board.replace("topic=3.0#msg29", "topic=3.0#msg90"))


def _schedule(db: Path, config: Path, site: Path, hook: str, smtp_port: int) -> str:
    with serve_sites(sites_dir=site) as proxy:
        config.write_text(
            f'[defaults]\nproxy = "{proxy}"\nallow_hosts = {json.dumps(list(SAMPLE_HOSTS))}\n'
            f'timezone = "America/New_York"\n\n'
            f'[[forum]]\nname = "townsquare"\nurl = "{FORUM_URL}"\n'
            f'official_listings = ["{OFFICIAL_RELEASES_URL}"]\n\n'
            '[[watch]]\nstatement = "Operation Lantern shows that hiding behind an anonymous"\n\n'
            f'[alerts]\natom = "alerts.xml"\njsonl = "alerts.jsonl"\nwebhook = "{hook}"\n'
            f'webhook_secret = "{SECRET}"\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp_port}\n'
            'mail_to = ["desk@newsroom.example"]\n',
            "utf-8",
        )
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["--db", str(db), "schedule", "--config", str(config), "--once"]) == 0
    return out.getvalue()


def _alert_count(db: Path) -> int:
    with Store.open(db, read_only=True) as store:
        return len(store.alerts())


def test_schedule_twice_on_the_sample_forum_raises_one_alert_everywhere(tmp_path: Path) -> None:
    site = tmp_path / "sites"
    shutil.copytree(SITES_DIR, site)
    db, config = tmp_path / "watch.duckdb", tmp_path / "forums.toml"
    mailbox = Mailbox()
    smtp_port = _free_port()
    smtp = aiosmtpd.Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    Hook.received, Hook.refused = [], 0
    try:
        with webhook_server() as hook:
            _schedule(db, config, site, hook, smtp_port)
            assert _alert_count(db) == 0  # the first run is the watch's baseline
            assert Hook.received == [] and mailbox.messages == []

            _add_post(site)
            _schedule(db, config, site, hook, smtp_port)
            with Store.open(db, read_only=True) as store:
                alerts = store.alerts()
                deliveries = store.deliveries()
            assert len(alerts) == 1
            (alert,) = alerts
            assert alert["label"] == "altered" and alert["reason"] == "altered"
            assert alert["post_url"].endswith("topic=3.msg90#msg90")
            assert "shipping → selling" in alert["diff"]
            assert alert["official_url"].startswith(OFFICIAL_RELEASES_URL)
            assert alert["first_seen"] is not None
            assert {(c, s) for _, c, s, _ in deliveries} == {
                ("atom", "sent"), ("jsonl", "sent"), ("webhook", "sent"), ("email", "sent"),
            }  # fmt: skip

            _schedule(db, config, site, hook, smtp_port)
            assert _alert_count(db) == 1
    finally:
        smtp.stop()

    entries = ET.parse(tmp_path / "alerts.xml").getroot().findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert entries[0].find(f"{ATOM}link").get("href") == alert["post_url"]
    assert len((tmp_path / "alerts.jsonl").read_text().splitlines()) == 1
    assert Hook.refused == 0
    assert [a["alert_id"] for a in Hook.received] == [alert["alert_id"]]
    assert len(mailbox.messages) == 1 and alert["alert_id"] in mailbox.messages[0]
