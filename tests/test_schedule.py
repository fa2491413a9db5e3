"""Scheduled runs: a failing run is recorded and the scheduler goes on; next
run times from a fixed clock; the crontab line; one real failing subprocess."""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from provenance.app.config import Config, ForumConfig, loads
from provenance.app.schedule import (
    Cron,
    Every,
    RunResult,
    ScheduleError,
    Scheduler,
    cron_line,
    parse_when,
    run_argv,
)
from provenance.store import Store

T0 = datetime(2025, 1, 1, 0, 0, tzinfo=UTC)

CONFIG = """\
[defaults]
every = "6h"
allow_hosts = ["127.0.0.1"]

[[forum]]
name = "broken"
url = "http://127.0.0.1:9/"

[[forum]]
name = "fine"
url = "http://127.0.0.1:10/"
"""


class FakeClock:
    def __init__(self, start: datetime = T0) -> None:
        self.moment = start

    def now(self) -> datetime:
        return self.moment

    def sleep(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


class FakeRunner:
    """Answers from a list of results; each run takes `minutes` of fake time."""

    def __init__(self, clock: FakeClock, results: list[RunResult], minutes: float = 10) -> None:
        self.clock = clock
        self.results = results
        self.minutes = minutes
        self.calls: list[tuple[list[str], datetime]] = []

    def __call__(
        self, argv: Sequence[str], timeout: float | None, should_stop: Callable[[], bool]
    ) -> RunResult:
        self.calls.append((list(argv), self.clock.now()))
        self.clock.sleep(self.minutes * 60)
        return self.results[(len(self.calls) - 1) % len(self.results)]


OK = RunResult(0, 600.0, "forum: 3 requests\nlink: 2 posts against 1 sources, 1 links\n")
FAILED = RunResult(2, 1.5, "Traceback ...\nprovenance: error: the forum crawl failed (exit 1)\n")


def stored_runs(db: Path) -> list[tuple[str, str, dict, dict]]:
    with Store.open(db, read_only=True) as store:
        _, rows = store.query(
            "SELECT kind, status, settings, counts FROM crawl_runs ORDER BY started_at, run_id"
        )
    return [(k, s, json.loads(st), json.loads(c)) for k, s, st, c in rows]


def test_a_failing_run_is_recorded_and_the_next_forum_still_runs(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    clock = FakeClock()
    runner = FakeRunner(clock, [FAILED, OK])
    scheduler = Scheduler(
        loads(CONFIG, tmp_path / "forums.toml"), str(db), runner=runner, clock=clock
    )

    outcomes = scheduler.run_once()

    assert [(o.forum, o.status, o.exit_code, o.recorded) for o in outcomes] == [
        ("broken", "failed", 2, True),
        ("fine", "ok", 0, True),
    ]
    assert scheduler.failed == 1
    runs = stored_runs(db)
    assert [(kind, status) for kind, status, _, _ in runs] == [
        ("schedule", "failed"),
        ("schedule", "ok"),
    ]
    assert runs[0][2]["forum"] == "broken"
    assert runs[0][3]["error"] == "provenance: error: the forum crawl failed (exit 1)"
    assert runs[1][3]["summary"] == [
        "forum: 3 requests",
        "link: 2 posts against 1 sources, 1 links",
    ]


def test_interval_passes_start_every_six_hours(tmp_path: Path) -> None:
    clock = FakeClock()
    runner = FakeRunner(clock, [OK])
    config = loads(CONFIG, tmp_path / "forums.toml")
    scheduler = Scheduler(config, str(tmp_path / "s.duckdb"), runner=runner, clock=clock)

    assert scheduler.run_forever(max_runs=3) == 3
    starts = [moment for _, moment in runner.calls][::2]  # two forums per pass
    assert starts == [T0, T0 + timedelta(hours=6), T0 + timedelta(hours=12)]


def test_cron_waits_for_its_next_match(tmp_path: Path) -> None:
    clock = FakeClock(T0 + timedelta(hours=1, minutes=30))
    runner = FakeRunner(clock, [OK])
    config = loads(CONFIG, tmp_path / "forums.toml")
    trigger = Cron("0 */6 * * *", UTC)
    scheduler = Scheduler(config, str(tmp_path / "s.duckdb"), trigger, runner, clock)

    scheduler.run_forever(max_runs=2)
    starts = [moment for _, moment in runner.calls][::2]
    assert starts == [T0 + timedelta(hours=6), T0 + timedelta(hours=12)]


def test_an_overrunning_pass_is_followed_at_once_not_by_a_burst(tmp_path: Path) -> None:
    clock = FakeClock()
    runner = FakeRunner(clock, [OK], minutes=45)  # two forums: 90 minutes a pass
    config = loads(CONFIG, tmp_path / "forums.toml")
    scheduler = Scheduler(config, str(tmp_path / "s.duckdb"), Every(3600, "1h"), runner, clock)

    scheduler.run_forever(max_runs=3)
    starts = [moment for _, moment in runner.calls][::2]
    assert starts == [T0, T0 + timedelta(minutes=90), T0 + timedelta(minutes=180)]


def test_next_times_from_a_fixed_clock() -> None:
    assert Every(6 * 3600, "6h").next_after(T0) == T0 + timedelta(hours=6)
    assert Cron("15 */6 * * *", UTC).next_after(T0) == T0 + timedelta(minutes=15)
    # 06:00 in New York is 11:00 UTC before the DST change of 9 March 2025, 10:00 after
    new_york = Cron("0 6 * * *", ZoneInfo("America/New_York"))
    saturday = datetime(2025, 3, 8, 12, 0, tzinfo=UTC)
    assert new_york.next_after(saturday) == datetime(2025, 3, 9, 10, 0, tzinfo=UTC)
    assert new_york.next_after(saturday - timedelta(hours=2)) == saturday - timedelta(hours=1)


def test_parse_when() -> None:
    assert parse_when("6h") == Every(21600, "6h")
    assert parse_when("30m") == Every(1800, "30m")
    assert parse_when("1d") == Every(86400, "1d")
    assert parse_when("0 */6 * * *") == Cron("0 */6 * * *")
    with pytest.raises(ScheduleError, match="not a duration: '6x'"):
        parse_when("6x")
    with pytest.raises(ScheduleError, match="needs 5 fields"):
        parse_when("0 6 * *")


def test_intervals_as_crontab_expressions() -> None:
    assert parse_when("30m").crontab() == "*/30 * * * *"
    assert parse_when("1h").crontab() == "0 * * * *"
    assert parse_when("6h").crontab() == "0 */6 * * *"
    assert parse_when("1d").crontab() == "0 0 * * *"
    with pytest.raises(ScheduleError, match="'90m' has no crontab equivalent"):
        parse_when("90m").crontab()


def test_cron_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "forums.toml").write_text(CONFIG, encoding="utf-8")
    python = os.path.abspath(sys.executable)
    assert cron_line("forums.toml", "out/p.duckdb", "6h") == (
        f"0 */6 * * * {python} -m provenance --db {tmp_path}/out/p.duckdb "
        f"schedule --config {tmp_path}/forums.toml --once"
    )
    # the config's own schedule and database, and cron's % escaped
    (tmp_path / "50%.toml").write_text(CONFIG.replace('every = "6h"', 'cron = "5 4 * * *"'))
    assert cron_line(tmp_path / "50%.toml", None) == (
        f"5 4 * * * {python} -m provenance --db {tmp_path}/provenance.duckdb "
        f"schedule --config {tmp_path}/50\\%.toml --once"
    )


def test_run_argv_carries_every_option() -> None:
    forum = ForumConfig(
        name="town",
        urls=("https://t.example/",),
        engine="smf",
        timezone="America/New_York",
        official_listings=("https://ag.example/releases",),
        official_domains=("ag.example",),
        cookies="/secret/cookies.txt",
        max_pages=9,
        user_agent="x (+mailto:a@b.org)",
        allow_hosts=("127.0.0.1",),
        proxy="http://127.0.0.1:3128",
    )
    (options,) = forum.crawl_options()
    assert run_argv("/d.duckdb", options)[1:] == [
        "-m",
        "provenance",
        "--db",
        "/d.duckdb",
        "run",
        "https://t.example/",
        "--forum",
        "town",
        "--engine",
        "smf",
        "--timezone",
        "America/New_York",
        "--proxy",
        "http://127.0.0.1:3128",
        "--user-agent",
        "x (+mailto:a@b.org)",
        "--cookies",
        "/secret/cookies.txt",
        "--allow-host",
        "127.0.0.1",
        "--official-listing",
        "https://ag.example/releases",
        "--official-domain",
        "ag.example",
        "--max-pages",
        "9",
    ]


def test_sigint_stops_between_runs(tmp_path: Path) -> None:
    clock = FakeClock()

    def interrupted(
        argv: Sequence[str], timeout: float | None, stop: Callable[[], bool]
    ) -> RunResult:
        os.kill(os.getpid(), signal.SIGINT)  # as a Ctrl-C during the first crawl
        return OK

    config = loads(CONFIG, tmp_path / "forums.toml")
    scheduler = Scheduler(config, str(tmp_path / "s.duckdb"), runner=interrupted, clock=clock)

    assert scheduler.run_forever() == 1
    assert [o for _, o, _, _ in stored_runs(tmp_path / "s.duckdb")] == ["ok"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_no_schedule_is_an_error(tmp_path: Path) -> None:
    config = loads(CONFIG.replace('every = "6h"', ""), tmp_path / "forums.toml")
    with pytest.raises(ScheduleError, match="no schedule"):
        Scheduler(config, str(tmp_path / "s.duckdb")).run_forever()


# ------------------------------------------------------- real subprocesses
def test_real_failing_subprocess_is_recorded_and_does_not_raise(tmp_path: Path) -> None:
    db = tmp_path / "real.duckdb"
    # an engine the `run` command refuses: a real non-zero exit, within a second
    forum = ForumConfig("bad", ("http://127.0.0.1:9/",), engine="nope", allow_hosts=("127.0.0.1",))
    scheduler = Scheduler(Config(tmp_path / "forums.toml", (forum,)), str(db))

    (outcome,) = scheduler.run_once()

    assert (outcome.status, outcome.exit_code, outcome.recorded) == ("failed", 2, True)
    ((kind, status, settings, counts),) = stored_runs(db)
    assert (kind, status, settings["url"]) == ("schedule", "failed", "http://127.0.0.1:9/")
    assert counts["error"].startswith("provenance: error: unknown engine 'nope'")


def test_real_run_past_its_timeout_is_stopped_and_recorded(tmp_path: Path) -> None:
    db = tmp_path / "real.duckdb"
    forum = ForumConfig("slow", ("http://127.0.0.1:9/",), allow_hosts=("127.0.0.1",))
    config = Config(tmp_path / "forums.toml", (forum,), timeout=1.0)

    (outcome,) = Scheduler(config, str(db)).run_once()

    assert (outcome.status, outcome.exit_code) == ("timeout", None)
    assert [s for _, s, _, _ in stored_runs(db)] == ["timeout"]


def test_a_run_that_cannot_start_is_a_failed_run(tmp_path: Path) -> None:
    def missing(argv: Sequence[str], timeout: float | None, stop: Callable[[], bool]) -> RunResult:
        raise FileNotFoundError(2, "No such file or directory", argv[0])

    config = loads(CONFIG, tmp_path / "forums.toml")
    outcomes = Scheduler(config, str(tmp_path / "s.duckdb"), runner=missing).run_once()

    assert [o.status for o in outcomes] == ["failed", "failed"]
    counts = [c for _, _, _, c in stored_runs(tmp_path / "s.duckdb")]
    assert counts[0]["error"].startswith("cannot start the run: [Errno 2]")
