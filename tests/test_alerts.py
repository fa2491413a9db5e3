"""Watch lists, alert building and delivery on a small hand-made database:
watches by kind, no alert twice for one occurrence, a baseline for a new
watch, a failed webhook delivery kept and sent on the next run, the HMAC
signature, and the `watch` and `report --format claimreview` commands."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import http.server
import io
import json
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from provenance.alerts import Channels, WatchError, add_watch, build_alerts, deliver, make_watch
from provenance.alerts.deliver import SIGNATURE_HEADER, sign
from provenance.app.cli import main
from provenance.store import Store

OFFICIAL = "https://www.ag.calloway.example/news/releases/settlement"
STATEMENT = (
    "This settlement puts money back in the pockets of families who paid for repairs "
    "that never came."
)


def _occurrence(n: int, label: str, text: str, speaker: str, forum: str = "townsquare") -> dict:
    return {
        "occurrence_id": f"occ{n}",
        "doc_kind": "post",
        "forum": forum,
        "thread_id": "1",
        "post_id": str(n),
        "text": text,
        "speaker": speaker,
        "statement_id": "abcdef123456",
        "label": label,
        "diff": "pockets → wallets" if label == "altered" else "",
        "seen_at": datetime(2026, 1, n, tzinfo=UTC),
    }


def _post(n: int, forum: str = "townsquare") -> dict:
    return {
        "forum": forum,
        "thread_id": "1",
        "post_id": str(n),
        "permalink": f"http://{forum}.example/t1#msg{n}",
        "posted_at": datetime(2026, 1, n, 9, tzinfo=UTC),
        "first_seen": datetime(2026, 2, n, tzinfo=UTC),
        "body": "...",
    }


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "a.duckdb"
    with Store.open(path) as store:
        store.upsert(
            "sources",
            [{"url": OFFICIAL, "domain": "ag.calloway.example", "official": True,
              "title": "Settlement", "published": datetime(2026, 1, 1, tzinfo=UTC)}],
        )  # fmt: skip
        store.upsert(
            "statements",
            [{"statement_id": "abcdef123456", "source_url": OFFICIAL, "position": 0,
              "speaker": "Dana R. Whitcomb", "speaker_key": "whitcomb", "text": STATEMENT}],
        )  # fmt: skip
        store.upsert("posts", [_post(1)])
        store.replace_occurrences([_occurrence(1, "verbatim", STATEMENT, "Whitcomb")])
    return path


def _more(db: Path, rows: list[dict], posts: list[dict]) -> None:
    with Store.open(db) as store:
        _, old = store.query("SELECT occurrence_id FROM quote_occurrences")
        keep = [_occurrence(1, "verbatim", STATEMENT, "Whitcomb")]
        store.upsert("posts", posts)
        store.replace_occurrences(keep + rows)
        assert old


def test_watch_kinds_normalise_and_refuse_bad_values() -> None:
    assert make_watch("speaker", "AG Dana Whitcomb").watch_id == "speaker:whitcomb"
    assert make_watch("site", "https://www.ag.calloway.example/x").key == "ag.calloway.example"
    assert make_watch("statement", "ABCDEF12").key == "abcdef12"
    for kind, value in [("speaker", "the"), ("source", "ftp://x"), ("site", "a b"), ("who", "x")]:
        with pytest.raises(WatchError):
            make_watch(kind, value)


def test_an_occurrence_raises_one_alert_once_and_a_new_watch_starts_quiet(db: Path) -> None:
    with Store.open(db) as store:
        assert add_watch(store, make_watch("speaker", "Whitcomb"))
        assert not add_watch(store, make_watch("speaker", "Attorney General Whitcomb"))
        assert build_alerts(store).alerts == 0  # occ1 is the baseline
    altered = _occurrence(2, "altered", STATEMENT.replace("pockets", "wallets"), "Whitcomb")
    elsewhere = _occurrence(3, "verbatim", STATEMENT, "Whitcomb", forum="otherboard")
    unwatched_place = _occurrence(4, "verbatim", STATEMENT, "Whitcomb")
    _more(db, [altered, elsewhere, unwatched_place], [_post(2), _post(3, "otherboard"), _post(4)])
    with Store.open(db) as store:
        summary = build_alerts(store)
        assert (summary.looked_at, summary.alerts) == (3, 2)
        assert summary.by_reason == {"altered": 1, "new-place": 1}
        assert build_alerts(store).alerts == 0
        alerts = {a["occurrence_id"]: a for a in store.alerts()}
    assert set(alerts) == {"occ2", "occ3"}
    assert alerts["occ2"]["post_url"] == "http://townsquare.example/t1#msg2"
    assert alerts["occ2"]["watch_ids"] == ["speaker:whitcomb"]
    assert alerts["occ2"]["statement_text"] == STATEMENT


class Flaky(http.server.BaseHTTPRequestHandler):
    fail_next = 0
    bodies: list[tuple[bytes, str]] = []

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if Flaky.fail_next:
            Flaky.fail_next -= 1
            self.send_response(503)
        else:
            Flaky.bodies.append((body, self.headers.get(SIGNATURE_HEADER, "")))
            self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_failed_webhook_delivery_is_kept_and_sent_on_the_next_run(db: Path) -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    channels = Channels(webhook=url, webhook_secret="k", webhook_attempts=2, webhook_pause=0)
    Flaky.bodies = []
    try:
        with Store.open(db) as store:
            add_watch(store, make_watch("statement", "abcdef12"))
        _more(db, [_occurrence(2, "misattributed", STATEMENT, "Marcus Ellery")], [_post(2)])
        with Store.open(db) as store:
            assert build_alerts(store).alerts == 1
            Flaky.fail_next = 2  # both attempts of this run fail
            assert deliver(store, channels) == {"webhook": 0}
            assert [(c, s, n) for _, c, s, n in store.deliveries()] == [("webhook", "failed", 1)]
            Flaky.fail_next = 1  # the next run: the first attempt fails, the retry passes
            assert deliver(store, channels) == {"webhook": 1}
            assert [(c, s, n) for _, c, s, n in store.deliveries()] == [("webhook", "sent", 2)]
            assert deliver(store, channels) == {"webhook": 0}
    finally:
        server.shutdown()
        server.server_close()
    ((body, signature),) = Flaky.bodies
    assert signature == "sha256=" + hmac.new(b"k", body, hashlib.sha256).hexdigest()
    assert signature == sign(body, "k")
    assert json.loads(body)["label"] == "misattributed"


def _cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(list(argv))
    return code, out.getvalue()


def test_watch_add_list_remove(db: Path) -> None:
    assert _cli("--db", str(db), "watch", "add", "site", "www.ag.calloway.example")[0] == 0
    assert _cli("--db", str(db), "watch", "add", "speaker", "AG Whitcomb")[0] == 0
    code, listed = _cli("--db", str(db), "watch", "list")
    assert code == 0
    assert [line.split("\t")[0] for line in listed.splitlines()] == [
        "site:ag.calloway.example",
        "speaker:whitcomb",
    ]
    assert _cli("--db", str(db), "watch", "remove", "speaker:whitcomb")[0] == 0
    code, message = _cli("--db", str(db), "watch", "remove", "speaker:whitcomb")
    assert code == 2 and "no watch 'speaker:whitcomb'" in message
    code, message = _cli("--db", str(db), "watch", "add", "speaker", "the")
    assert code == 2 and "not a speaker name" in message


def test_claimreview_export_has_the_required_properties(db: Path, tmp_path: Path) -> None:
    altered = STATEMENT.replace("pockets", "wallets")
    _more(
        db,
        [
            _occurrence(2, "altered", altered, "Whitcomb"),
            _occurrence(3, "altered", altered, "Whitcomb", forum="otherboard"),
            _occurrence(4, "misattributed", STATEMENT, "Marcus Ellery"),
        ],
        [_post(2), _post(3, "otherboard"), _post(4)],
    )
    out = tmp_path / "claims.jsonld"
    assert _cli("--db", str(db), "report", "--format", "claimreview", "--out", str(out))[0] == 0
    reviews = json.loads(out.read_text())
    assert len(reviews) == 2  # one claim per wording: the altered one appeared twice
    by_rating = {r["reviewRating"]["alternateName"].split(":")[0]: r for r in reviews}
    assert set(by_rating) == {"Altered quote", "Misattributed"}
    for review in reviews:
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert isinstance(review["claimReviewed"], str) and review["claimReviewed"]
        assert review["url"].startswith(OFFICIAL + "#claim-")
        datetime.fromisoformat(review["datePublished"])
        assert review["author"]["@type"] == "Organization" and review["author"]["name"]
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and isinstance(rating["alternateName"], str)
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        claim = review["itemReviewed"]
        assert claim["@type"] == "Claim"
        assert all(a["@type"] == "CreativeWork" and a["url"] for a in claim["appearance"])
        assert review["isBasedOn"]["url"] == OFFICIAL
    appearances = [a["url"] for a in by_rating["Altered quote"]["itemReviewed"]["appearance"]]
    assert appearances == ["http://townsquare.example/t1#msg2", "http://otherboard.example/t1#msg3"]
    assert by_rating["Misattributed"]["itemReviewed"]["author"]["name"] == "Marcus Ellery"
    assert by_rating["Altered quote"]["claimReviewed"] == altered
