"""Scheduled runs: crawl, link and trace quotes for every forum of a
forums.toml, at an interval (`30m`, `6h`, `1d`) or on a cron expression.

Each start URL of each forum is one subprocess,
`python -m provenance --db DB run URL ...`, because the Twisted reactor
does not restart within a process, and so that one forum that hangs or
crashes cannot take the scheduler with it: a failed run (non-zero exit,
timeout) is logged and recorded, and the scheduler goes on with the next
forum and the next tick. Every run is a row of `crawl_runs` (kind
"schedule"); the store is opened only around those writes, because DuckDB
lets one process write the file at a time and the crawl writes it too.

SIGINT or SIGTERM stops the scheduler once the run under way has finished;
a second one stops that run too. The clock, the sleep and the runner are
parameters, so that tests drive the scheduler without waiting or crawling.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, Protocol

from provenance.app.config import (
    DEFAULT_DB,
    Config,
    ForumConfig,
    check_cron,
    load_config,
    parse_duration,
)
from provenance.store import Store, StoreError

if TYPE_CHECKING:
    from provenance.app.options import CrawlOptions

log = logging.getLogger(__name__)

KIND = "schedule"
STOP_GRACE = 30.0  # seconds a stopped run gets to close its spider before SIGKILL
POLL = 0.5
OUTPUT_TAIL = 64 * 1024
STORE_ATTEMPTS = 5
STORE_RETRY = 2.0
# lines of `provenance run` output worth keeping in crawl_runs.counts
_SUMMARY = re.compile(r"^(forum|sources|link|quotes): ")


class ScheduleError(ValueError):
    """A schedule that cannot be used: a bad --every/--cron, or none at all."""


# ----------------------------------------------------------------- triggers
@dataclass(frozen=True)
class Every:
    """Runs `seconds` apart, measured from the start of one pass to the next."""

    seconds: float
    text: str

    def next_after(self, moment: datetime) -> datetime:
        return moment + timedelta(seconds=self.seconds)

    def crontab(self) -> str:
        """The 5-field cron expression for this interval; raises ScheduleError
        when cron cannot express it (e.g. 90m, 5h)."""
        minutes, rest = divmod(int(self.seconds), 60)
        hours = minutes // 60
        if rest == 0 and 0 < minutes < 60 and 60 % minutes == 0:
            return "* * * * *" if minutes == 1 else f"*/{minutes} * * * *"
        if rest == 0 and minutes % 60 == 0 and 0 < hours < 24 and 24 % hours == 0:
            return "0 * * * *" if hours == 1 else f"0 */{hours} * * *"
        if rest == 0 and hours == 24:
            return "0 0 * * *"
        if rest == 0 and hours == 24 * 7:
            return "0 0 * * 0"
        raise ScheduleError(
            f"every {self.text!r} has no crontab equivalent; give a cron expression instead"
        )


@dataclass(frozen=True)
class Cron:
    """Runs at the times a cron expression matches, read in `tz` (None: the
    system's local time, as cron itself reads it)."""

    expression: str
    tz: tzinfo | None = None

    def next_after(self, moment: datetime) -> datetime:
        from croniter import croniter

        local = moment.astimezone(self.tz)
        following: datetime = croniter(self.expression, local).get_next(datetime)
        return following.astimezone(UTC)

    def crontab(self) -> str:
        return self.expression

    @property
    def text(self) -> str:
        return self.expression


Trigger = Every | Cron


def parse_when(text: str, tz: tzinfo | None = None) -> Trigger:
    """An interval ("30m", "6h", "1d", "1h30m") or a 5-field cron expression.

    Raises ScheduleError naming the text when it is neither.
    """
    text = text.strip()
    if re.fullmatch(r"(?:\s*\d+\s*[a-zA-Z]+)+", text):
        try:
            return Every(parse_duration(text), text)
        except ValueError as exc:
            raise ScheduleError(str(exc)) from None
    try:
        check_cron(text)
    except ValueError as exc:
        raise ScheduleError(f"{exc}; or give an interval such as 30m, 6h, 1d") from None
    return Cron(text, tz)


# ------------------------------------------------------------------- runner
@dataclass(frozen=True)
class RunResult:
    """What one subprocess did. `exit_code` is None when it was stopped."""

    exit_code: int | None
    seconds: float
    output: str = ""  # the tail of its stdout and stderr
    timed_out: bool = False
    interrupted: bool = False


Runner = Callable[[Sequence[str], float | None, Callable[[], bool]], RunResult]


def subprocess_runner(
    argv: Sequence[str], timeout: float | None, should_stop: Callable[[], bool]
) -> RunResult:
    """Run `argv` in its own process group, output to a temporary file (a
    pipe could fill and block a long crawl); stop the whole group (the
    `run` command starts the spider as a grandchild) on timeout or when
    `should_stop()` turns true."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(
            list(argv),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl-C at the terminal reaches the scheduler only
        )
        timed_out = interrupted = False
        while True:
            try:
                code: int | None = proc.wait(timeout=POLL)
                break
            except subprocess.TimeoutExpired:
                timed_out = timeout is not None and time.monotonic() - started > timeout
                interrupted = should_stop()
                if timed_out or interrupted:
                    _stop_group(proc)
                    code = None
                    break
        out.seek(0, os.SEEK_END)
        out.seek(max(0, out.tell() - OUTPUT_TAIL))
        output = out.read().decode("utf-8", errors="replace")
    return RunResult(code, time.monotonic() - started, output, timed_out, interrupted)


def _stop_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the group (Scrapy closes its spider and flushes), SIGKILL
    to whatever is left after STOP_GRACE."""
    _signal_group(proc.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE
    while time.monotonic() < deadline and _group_alive(proc):
        time.sleep(POLL)
    _signal_group(proc.pid, signal.SIGKILL)
    proc.wait()


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):  # the whole group has exited already
        os.killpg(pgid, sig)


def _group_alive(proc: subprocess.Popen[bytes]) -> bool:
    proc.poll()  # reap our child, so that it does not count as alive
    try:
        os.killpg(proc.pid, 0)
    except ProcessLookupError:
        return False
    return True


def run_argv(db: str, options: CrawlOptions) -> list[str]:
    """The command line of `provenance --db DB run` for `options`."""
    # the scheduler's -v or -q holds for its runs (and their crawl subprocesses) too
    level = logging.getLogger().getEffectiveLevel()
    loudness = ["-v"] if level <= logging.INFO else ["-q"] if level >= logging.ERROR else []
    argv = [sys.executable, "-m", "provenance", *loudness, "--db", db, "run", options.url]
    pairs = [
        ("--forum", options.forum),
        ("--engine", options.engine),
        ("--timezone", options.timezone),
        ("--proxy", options.proxy),
        ("--user-agent", options.user_agent),
        ("--cookies", options.cookies),
    ]
    pairs += [("--allow-host", h) for h in options.allow_hosts]
    pairs += [("--official-listing", u) for u in options.official_listings]
    pairs += [("--official-domain", d) for d in options.official_domains]
    pairs += [("--include-board", b) for b in options.include_boards]
    pairs += [("--skip-board", b) for b in options.skip_boards]
    if options.max_pages:
        pairs.append(("--max-pages", str(options.max_pages)))
    if options.max_thread_pages:
        pairs.append(("--max-thread-pages", str(options.max_thread_pages)))
    for flag, value in pairs:
        if value:
            argv += [flag, value]
    if options.full:
        argv.append("--full")
    if not options.fetch_sources:
        argv.append("--no-sources")
    return argv


# ---------------------------------------------------------------- scheduler
class Clock(Protocol):
    def now(self) -> datetime: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@dataclass(frozen=True)
class RunOutcome:
    """One scheduled run. `status` is ok, failed, timeout or interrupted;
    `recorded` is False when crawl_runs could not be written."""

    run_id: str
    forum: str
    url: str
    status: str
    exit_code: int | None
    seconds: float
    recorded: bool


class Scheduler:
    """Runs every forum of `config` on `trigger` (default: the config's own).

    `runner` runs one command line (default: a subprocess); `clock` gives
    the time and sleeps (default: the system's).
    """

    def __init__(
        self,
        config: Config,
        db: str,
        trigger: Trigger | None = None,
        runner: Runner = subprocess_runner,
        clock: Clock | None = None,
    ) -> None:
        self.config = config
        self.db = db
        self.trigger = trigger or (parse_when(config.when) if config.when else None)
        self.runner = runner
        self.clock: Clock = clock or SystemClock()
        self.stopping = False  # finish the run under way, start no other
        self.aborting = False  # stop the run under way too
        self.runs = 0  # runs started, over the scheduler's life
        self.failed = 0  # runs whose status was not "ok", over the scheduler's life
        self._signal_depth = 0

    def stop(self) -> None:
        self.stopping = True

    # -------------------------------------------------------------- passes
    def run_once(self) -> list[RunOutcome]:
        """Run each start URL of each forum once, in file order; returns the
        outcomes. Failed runs are outcomes, not exceptions."""
        outcomes: list[RunOutcome] = []
        with self._signals():
            for forum in self.config.forums:
                for options in forum.crawl_options():
                    if self.stopping:
                        log.warning("stopped before forum %s (%s)", forum.name, options.url)
                        return outcomes
                    outcomes.append(self._run(forum, options))
            self._record(self._alerts)
        return outcomes

    def _alerts(self, store: Store) -> None:
        """After a pass: the config's watches, new alerts, and their delivery."""
        from provenance.app.alerting import alert_step, channels_of

        log.info(alert_step(store, self.config.watches, channels_of(self.config.alerts)))

    def run_forever(self, max_runs: int | None = None) -> int:
        """Run passes on the trigger until stopped (signal or `stop()`), or
        after `max_runs` passes; returns the number of passes run.

        An interval runs its first pass at once, a cron expression at its
        next match. A pass that overruns its slot is followed by the next
        one at once (interval) or at the next match (cron): never a burst.
        Raises ScheduleError when there is no trigger.
        """
        trigger = self.trigger
        if trigger is None:
            raise ScheduleError(
                f"no schedule: give --every or --cron, or set every or cron in "
                f"[defaults] of {self.config.path}"
            )
        passes = 0
        with self._signals():
            now = self.clock.now()
            due = now if isinstance(trigger, Every) else trigger.next_after(now)
            while not self.stopping:
                log.info("next pass at %s", due.isoformat(timespec="seconds"))
                self._sleep_until(due)
                if self.stopping:
                    break
                started = self.clock.now()
                self.run_once()
                passes += 1
                if max_runs is not None and passes >= max_runs:
                    break
                due = self.next_due(trigger, started)
        return passes

    def next_due(self, trigger: Trigger, started: datetime) -> datetime:
        """When the pass after one that started at `started` is due."""
        due = trigger.next_after(started)
        now = self.clock.now()
        if due > now:
            return due
        log.warning("a pass took longer than its slot (%s); skipping ahead", trigger.text)
        return now if isinstance(trigger, Every) else trigger.next_after(now)

    def _sleep_until(self, due: datetime) -> None:
        # short naps: a signal handler only sets a flag, and sleep resumes after it
        while not self.stopping:
            remaining = (due - self.clock.now()).total_seconds()
            if remaining <= 0:
                return
            self.clock.sleep(min(remaining, 1.0))

    # ----------------------------------------------------------------- runs
    def _run(self, forum: ForumConfig, options: CrawlOptions) -> RunOutcome:
        started = self.clock.now()
        run_id = f"{KIND}-{started:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"
        settings = {
            "config": str(self.config.path),
            "forum": forum.name,
            "url": options.url,
            "engine": options.engine,
            "trigger": self.trigger.text if self.trigger else "once",
            "timeout": self.config.timeout,
            "cookies": options.cookies,  # the file's path; its values never leave it
        }
        start_recorded = self._record(lambda store: store.start_run(run_id, KIND, settings))
        log.info("run %s: forum %s, %s", run_id, forum.name, options.url)
        try:
            result = self.runner(
                run_argv(self.db, options), self.config.timeout, lambda: self.aborting
            )
        except OSError as exc:  # could not even start (e.g. no such interpreter)
            result = RunResult(None, 0.0, f"cannot start the run: {exc}")
        status = _status(result)
        counts = _counts(result)
        self.runs += 1
        self.failed += status != "ok"
        if status == "ok":
            log.info("run %s: ok in %.0fs", run_id, result.seconds)
        else:
            log.warning(
                "run %s (forum %s, %s): %s, exit %s, after %.0fs: %s",
                run_id,
                forum.name,
                options.url,
                status,
                result.exit_code,
                result.seconds,
                counts.get("error", ""),
            )

        def finish(store: Store) -> None:
            if not start_recorded:  # the start could not be written: write both now
                store.start_run(run_id, KIND, settings)
            store.finish_run(run_id, status, counts)

        recorded = self._record(finish)
        return RunOutcome(
            run_id, forum.name, options.url, status, result.exit_code, result.seconds, recorded
        )

    def _record(self, write: Callable[[Store], None]) -> bool:
        """Open the store, write, close; retried while another process holds
        the file. Returns False (after logging) when it never could."""
        for attempt in range(1, STORE_ATTEMPTS + 1):
            try:
                with Store.open(self.db) as store:
                    write(store)
                return True
            except StoreError as exc:
                if attempt == STORE_ATTEMPTS:
                    log.error("cannot record a scheduled run in %s: %s", self.db, exc)
                    return False
                self.clock.sleep(STORE_RETRY)
        return False

    # -------------------------------------------------------------- signals
    @contextlib.contextmanager
    def _signals(self) -> Iterator[None]:
        """SIGINT/SIGTERM: the first stops after the run under way, the
        second stops that run as well. Installed once, from the main thread."""
        if self._signal_depth or threading.current_thread() is not threading.main_thread():
            self._signal_depth += 1
            try:
                yield
            finally:
                self._signal_depth -= 1
            return

        def handle(signum: int, frame: FrameType | None) -> None:
            if self.stopping:
                log.warning("stopping the run under way")
                self.aborting = True
            else:
                log.warning("stopping after the run under way (again to stop it too)")
                self.stopping = True

        previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
        self._signal_depth = 1
        try:
            yield
        finally:
            self._signal_depth = 0
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def _status(result: RunResult) -> str:
    if result.interrupted:
        return "interrupted"
    if result.timed_out:
        return "timeout"
    return "ok" if result.exit_code == 0 else "failed"


def _counts(result: RunResult) -> dict[str, Any]:
    lines = [line.strip() for line in result.output.splitlines() if line.strip()]
    counts: dict[str, Any] = {
        "exit_code": result.exit_code,
        "seconds": round(result.seconds, 3),
        "summary": [line for line in lines if _SUMMARY.match(line)],
    }
    if result.exit_code != 0:
        errors = [line for line in lines if line.startswith("provenance: error:")]
        counts["error"] = (errors or lines or [""])[-1]
    return counts


# ------------------------------------------------------------- entry points
def resolve_db(db: str | None, config: Config) -> str:
    """The database: `db` if given, else the config's, else ./provenance.duckdb; absolute."""
    return os.path.abspath(db or config.db or DEFAULT_DB)


def run_schedule(
    config_path: str | Path, db: str | None = None, when: str | None = None, once: bool = False
) -> tuple[int, int]:
    """Load the config and run one pass (`once`) or passes on `when` (default:
    the config's every/cron) until a signal; returns (runs, failed runs).

    Raises ConfigError or ScheduleError for a bad config or schedule.
    """
    config = load_config(config_path)
    trigger = parse_when(when) if when else None
    scheduler = Scheduler(config, resolve_db(db, config), trigger)
    if once:
        scheduler.run_once()
    else:
        scheduler.run_forever()
    return scheduler.runs, scheduler.failed


def cron_line(config_path: str | Path, db: str | None, every_or_cron: str | None = None) -> str:
    """The crontab line that runs `provenance --db DB schedule --config PATH
    --once` on `every_or_cron` (default: the config's every/cron), with
    absolute paths.

    Raises ConfigError for a bad config, ScheduleError when there is no
    schedule or it has no crontab form.
    """
    path = Path(config_path)
    config: Config | None = None
    if every_or_cron is None or db is None:
        config = load_config(path)
    when = every_or_cron or (config.when if config else "")
    if not when:
        raise ScheduleError(f"no schedule: give --every or --cron, or set one in {path}")
    expression = parse_when(when).crontab()
    database = resolve_db(db, config) if config else os.path.abspath(db or DEFAULT_DB)
    command = shlex.join(
        [
            os.path.abspath(sys.executable),
            "-m",
            "provenance",
            "--db",
            database,
            "schedule",
            "--config",
            os.path.abspath(path),
            "--once",
        ]
    )
    return f"{expression} {command.replace('%', chr(92) + '%')}"  # % ends a crontab command
