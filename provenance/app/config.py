"""Load `forums.toml`: the forums that scheduled runs crawl, and how.

A scheduled crawl needs more than one command line can comfortably hold (a
dozen forums, each with its timezone, boards and official sites), so the
list lives in a TOML file, checked here once, at the boundary: every mistake
is a `ConfigError` whose one-line message names the file, the line and the
key, e.g. `forums.toml:14: key 'engnie' in [[forum]] #2 'townsquare':
unknown key; did you mean 'engine'?`.

The format (see docs/forums.toml.example)::

    [defaults]                      # optional; applies to every forum
    db = "provenance.duckdb"        # relative paths are relative to this file
    user_agent = "forum-provenance/0.1 (+mailto:you@example.org)"  # must carry a contact
    timezone = "UTC"                # IANA name; a forum's own timezone wins
    allow_hosts = ["127.0.0.1"]     # hosts fetched even on private addresses
    proxy = ""                      # HTTP proxy for every request
    every = "6h"                    # interval: 30m, 6h, 1d, 1h30m ... or
    # cron = "0 */6 * * *"          # a 5-field cron expression (not both)
    timeout = "12h"                 # a run still going after this is stopped

    [[forum]]                       # one entry per forum
    name = "townsquare"             # required, unique: the forum's key in the store
    url = "https://forum.example/index.php"   # or urls = [...]: root, boards or threads
    engine = "smf"                  # optional: override detection (crawler.engines)
    timezone = "America/New_York"
    include_boards = ["https://forum.example/index.php?board=1.0", "7"]  # URLs or ids
    skip_boards = []                # (not both include_boards and skip_boards)
    official_listings = ["https://www.ag.example/releases"]
    official_domains = ["ag.example"]
    cookies = "cookies/townsquare.txt"  # Netscape cookies.txt, for member-only boards
    max_pages = 100000              # requests per run (default 100,000)
    max_thread_pages = 1000         # pages per thread, stored ones included (default 1,000)

Unknown keys are errors (with a suggestion), so a typo never silently
turns a setting off. Only the path of a cookies file is kept, never a value.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from http.cookiejar import LoadError, MozillaCookieJar
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from provenance.app.options import CrawlOptions

DEFAULT_DB = "provenance.duckdb"
DEFAULT_TIMEOUT = "12h"
MIN_INTERVAL = 60.0

DEFAULT_KEYS = (
    "db",
    "user_agent",
    "timezone",
    "allow_hosts",
    "proxy",
    "every",
    "cron",
    "timeout",
)
FORUM_KEYS = (
    "name",
    "url",
    "urls",
    "engine",
    "timezone",
    "include_boards",
    "skip_boards",
    "official_listings",
    "official_domains",
    "cookies",
    "max_pages",
    "max_thread_pages",
)
TOP_KEYS = ("defaults", "forum", "watch", "alerts")  # the last two: provenance.app.watchconfig

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_DURATION = re.compile(r"(?:\s*\d+\s*[smhdw])+\s*")
_CONTACT = re.compile(r"[^@\s()<>]+@[^@\s()<>]+\.[^@\s()<>]+|https?://\S+")
_HOST = re.compile(r"[A-Za-z0-9.-]+(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?|[0-9A-Fa-f:.]+")


class ConfigError(ValueError):
    """A forums.toml that cannot be used; the message is one line naming the
    file, the line (when known) and the key."""

    def __init__(self, path: str, line: int, message: str, column: int = 0) -> None:
        self.path = path
        self.line = line
        self.column = column
        where = path + (f":{line}" if line else "") + (f":{column}" if column else "")
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class ForumConfig:
    """One `[[forum]]` entry, with the `[defaults]` it inherits already applied."""

    name: str
    urls: tuple[str, ...]
    engine: str = ""
    timezone: str = "UTC"
    include_boards: tuple[str, ...] = ()
    skip_boards: tuple[str, ...] = ()
    official_listings: tuple[str, ...] = ()
    official_domains: tuple[str, ...] = ()
    cookies: str = ""  # absolute path of a cookies.txt file; its values are never read here
    max_pages: int = 0  # 0: the crawler's default
    max_thread_pages: int = 0
    user_agent: str = ""
    allow_hosts: tuple[str, ...] = ()
    proxy: str = ""

    def crawl_options(self) -> tuple[CrawlOptions, ...]:
        """The `CrawlOptions` of each start URL, in file order."""
        from provenance.app.options import CrawlOptions

        return tuple(
            CrawlOptions(
                url=url,
                forum=self.name,
                engine=self.engine,
                timezone=self.timezone,
                allow_hosts=self.allow_hosts,
                proxy=self.proxy,
                official_listings=self.official_listings,
                official_domains=self.official_domains,
                user_agent=self.user_agent,
                max_pages=self.max_pages,
                max_thread_pages=self.max_thread_pages,
                cookies=self.cookies,
                include_boards=self.include_boards,
                skip_boards=self.skip_boards,
            )
            for url in self.urls
        )


@dataclass(frozen=True)
class Config:
    """A whole forums.toml. `db` is absolute, or "" when the file names none;
    `timeout` is in seconds."""

    path: Path
    forums: tuple[ForumConfig, ...]
    db: str = ""
    user_agent: str = ""
    timezone: str = "UTC"
    allow_hosts: tuple[str, ...] = ()
    proxy: str = ""
    every: str = ""
    cron: str = ""
    timeout: float = 12 * 3600.0
    watches: tuple[tuple[str, str], ...] = ()  # (kind, value) of each [[watch]]
    alerts: dict[str, Any] = field(default_factory=dict)  # [alerts], checked

    @property
    def when(self) -> str:
        """The schedule as written (`every` or `cron`), or "" when there is none."""
        return self.every or self.cron

    def forum(self, name: str) -> ForumConfig:
        """The forum called `name`; raises KeyError naming the known ones."""
        for forum in self.forums:
            if forum.name == name:
                return forum
        known = ", ".join(f.name for f in self.forums)
        raise KeyError(f"no forum {name!r} in {self.path} (known: {known})")


# ------------------------------------------------------------------ values
def parse_duration(text: str) -> float:
    """Seconds in a duration such as "30m", "6h", "1d" or "1h30m".

    Raises ValueError naming the text when it is not one, or is zero.
    """
    if not _DURATION.fullmatch(text):
        raise ValueError(f"not a duration: {text!r} (use e.g. 30m, 6h, 1d, 1h30m)")
    seconds = sum(int(n) * _UNITS[unit] for n, unit in re.findall(r"(\d+)\s*([smhdw])", text))
    if seconds <= 0:
        raise ValueError(f"duration {text!r} is zero")
    return float(seconds)


def check_cron(expression: str) -> None:
    """Raises ValueError unless `expression` is a 5-field cron expression (or
    @hourly, @daily, @weekly, @monthly, @yearly), as a crontab takes it."""
    from croniter import croniter  # lazy: only schedules need it

    macro = expression.startswith("@")
    if not macro and len(expression.split()) != 5:
        raise ValueError(
            f"cron expression {expression!r} needs 5 fields: minute hour day month weekday"
        )
    if not croniter.is_valid(expression):
        raise ValueError(f"not a valid cron expression: {expression!r}")


# ------------------------------------------------------------------ lines
_HEADER = re.compile(r"\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?")


class _Lines:
    """Where tables and keys sit in the file's text (tomllib does not say),
    so that a semantic error can name its line."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: list[tuple[int, str, bool]] = []  # (line, table, is array entry)
        in_string = ""
        for number, line in enumerate(self.lines, start=1):
            if not in_string:
                match = _HEADER.fullmatch(line)
                if match:
                    name = re.sub(r"[\"'\s]", "", match.group(2))
                    self.headers.append((number, name, match.group(1) == "[["))
            for quote in ('"""', "'''"):
                if (not in_string or in_string == quote) and line.count(quote) % 2:
                    in_string = "" if in_string else quote

    def span(self, table: str, index: int) -> tuple[int, int]:
        """First and last line of the `index`-th (0-based) `[table]`/`[[table]]`,
        or of the top level when `table` is ""; (0, 0) when not found."""
        if not table:
            first_header = self.headers[0][0] if self.headers else len(self.lines) + 1
            return 1, first_header - 1
        found = [i for i, (_, name, _) in enumerate(self.headers) if name == table]
        if index >= len(found):
            return 0, 0
        i = found[index]
        end = self.headers[i + 1][0] - 1 if i + 1 < len(self.headers) else len(self.lines)
        return self.headers[i][0], end

    def key(self, table: str, index: int, key: str) -> int:
        """The line of `key` in that table; else the table's header; else 1."""
        first, last = self.span(table, index)
        if not first:
            return self._top_key(table) or 1
        pattern = re.compile(
            rf"\s*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')\s*="
        )
        for number in range(first, last + 1):
            if pattern.match(self.lines[number - 1]):
                return number
        return first

    def value(self, table: str, index: int, key: str, value: str) -> int:
        """The line of one element of a (multi-line) list; else the key's line."""
        start = self.key(table, index, key)
        _, last = self.span(table, index)
        for number in range(start, max(last, start) + 1):
            if value in self.lines[number - 1]:
                return number
        return start

    def _top_key(self, table: str) -> int:
        # a table written inline at the top level: `defaults = { ... }`
        pattern = re.compile(rf"\s*{re.escape(table)}\s*=")
        for number, line in enumerate(self.lines, start=1):
            if pattern.match(line):
                return number
        return 0


# ------------------------------------------------------------------ loading
class _Table:
    """One table being checked: knows how to name itself and its keys' lines."""

    def __init__(
        self, loader: _Loader, table: str, index: int, data: dict[str, Any], label: str
    ) -> None:
        self.loader = loader
        self.table = table
        self.index = index
        self.data = data
        self.label = label

    def fail(self, key: str, problem: str, value: str = "") -> NoReturn:
        lines = self.loader.lines
        line = (
            lines.value(self.table, self.index, key, value)
            if value
            else lines.key(self.table, self.index, key)
        )
        raise ConfigError(self.loader.path, line, f"key {key!r} in {self.label}: {problem}")

    def check_keys(self, known: tuple[str, ...], elsewhere: dict[str, str]) -> None:
        for key in self.data:
            if key in known:
                continue
            if key in elsewhere:
                self.fail(key, f"unknown key here; it belongs in {elsewhere[key]}")
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(known)})"
            self.fail(key, f"unknown key{hint}")

    def string(self, key: str, default: str = "") -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str):
            self.fail(key, f"must be a string, not {_type(value)}")
        return value.strip()

    def strings(self, key: str, allow_int: bool = False) -> tuple[str, ...]:
        value = self.data.get(key, [])
        kinds = "strings or integers" if allow_int else "strings"
        if not isinstance(value, list):
            self.fail(key, f"must be a list of {kinds}, not {_type(value)}")
        out: list[str] = []
        for item in value:
            ok = isinstance(item, str) or (
                allow_int and isinstance(item, int) and not isinstance(item, bool)
            )
            if not ok:
                self.fail(key, f"must be a list of {kinds}; {item!r} is {_type(item)}", str(item))
            text = str(item).strip()
            if not text:
                self.fail(key, "has an empty entry")
            if text in out:
                self.fail(key, f"lists {text!r} twice", text)
            out.append(text)
        return tuple(out)

    def integer(self, key: str, default: int = 0) -> int:
        value = self.data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(key, f"must be an integer, not {_type(value)}")
        if value < 0:
            self.fail(key, f"must be 0 or more, not {value}")
        return value

    def url(self, key: str, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            self.fail(key, f"not an http(s) URL: {value!r}", value)
        return value

    def host(self, key: str, value: str) -> str:
        if "://" in value or not _HOST.fullmatch(value):
            self.fail(key, f"not a host: {value!r} (write host or host:port, no scheme)", value)
        return value.lower()

    def timezone(self, key: str, default: str) -> str:
        name = self.string(key, default)
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            self.fail(key, f"unknown timezone {name!r} (use an IANA name, e.g. Europe/Paris)")
        return name

    def path(self, key: str) -> str:
        """A path relative to the config file's folder, made absolute; "" if unset."""
        text = self.string(key)
        if not text:
            return ""
        return str((self.loader.folder / Path(text).expanduser()).resolve())


class _Loader:
    def __init__(self, path: Path, text: str) -> None:
        self.path = str(path)
        self.folder = path.resolve().parent
        self.lines = _Lines(text)

    def load(self, data: dict[str, Any]) -> Config:
        top = _Table(self, "", 0, data, "the top level")
        elsewhere = {k: "[defaults]" for k in DEFAULT_KEYS} | {
            k: "a [[forum]] entry" for k in FORUM_KEYS if k not in DEFAULT_KEYS
        }
        top.check_keys(TOP_KEYS, elsewhere)
        raw_defaults = data.get("defaults", {})
        if not isinstance(raw_defaults, dict):
            top.fail("defaults", f"must be a table ([defaults]), not {_type(raw_defaults)}")
        defaults = self._defaults(_Table(self, "defaults", 0, raw_defaults, "[defaults]"))
        raw_forums = data.get("forum")
        if raw_forums is None:
            raise ConfigError(self.path, 1, "key 'forum': no [[forum]] entries")
        if not isinstance(raw_forums, list):
            top.fail("forum", "write each forum as a [[forum]] entry (with double brackets)")
        forums: list[ForumConfig] = []
        first_line: dict[str, int] = {}
        for index, entry in enumerate(raw_forums):
            forum = self._forum(index, entry, defaults)
            line = self.lines.key("forum", index, "name")
            if forum.name in first_line:
                table = _Table(self, "forum", index, entry, _label(index, forum.name))
                table.fail("name", f"duplicate forum name (first at line {first_line[forum.name]})")
            first_line[forum.name] = line
            forums.append(forum)
        return Config(
            path=Path(self.path),
            forums=tuple(forums),
            watches=check_watches(self, top, data.get("watch", [])),
            alerts=check_alerts(self, top, data.get("alerts", {})),
            **defaults,
        )

    def _defaults(self, t: _Table) -> dict[str, Any]:
        t.check_keys(DEFAULT_KEYS, {k: "a [[forum]] entry" for k in FORUM_KEYS})
        user_agent = t.string("user_agent")
        if user_agent and not _CONTACT.search(user_agent):
            t.fail(
                "user_agent",
                "must carry a contact (an e-mail address or an http(s) URL), "
                "e.g. 'forum-provenance/0.1 (+mailto:you@example.org)'",
            )
        proxy = t.string("proxy")
        if proxy:
            t.url("proxy", proxy)
        every, cron = t.string("every"), t.string("cron")
        if every and cron:
            t.fail("cron", "give either every or cron, not both")
        if every:
            seconds = self._duration(t, "every", every)
            if seconds < MIN_INTERVAL:
                t.fail("every", f"interval {every!r} is shorter than one minute")
        if cron:
            try:
                check_cron(cron)
            except ValueError as exc:
                t.fail("cron", str(exc))
        return {
            "db": t.path("db"),
            "user_agent": user_agent,
            "timezone": t.timezone("timezone", "UTC"),
            "allow_hosts": tuple(t.host("allow_hosts", h) for h in t.strings("allow_hosts")),
            "proxy": proxy,
            "every": every,
            "cron": cron,
            "timeout": self._duration(t, "timeout", t.string("timeout", DEFAULT_TIMEOUT)),
        }

    def _duration(self, t: _Table, key: str, text: str) -> float:
        try:
            return parse_duration(text)
        except ValueError as exc:
            t.fail(key, str(exc))

    def _forum(self, index: int, entry: Any, defaults: dict[str, Any]) -> ForumConfig:
        label = _label(index, "")
        if not isinstance(entry, dict):
            line = self.lines.key("", 0, "forum")
            raise ConfigError(self.path, line, f"{label}: must be a table, not {_type(entry)}")
        name = entry.get("name")
        if isinstance(name, str) and name.strip():
            label = _label(index, name.strip())
        t = _Table(self, "forum", index, entry, label)
        t.check_keys(FORUM_KEYS, {k: "[defaults]" for k in DEFAULT_KEYS if k not in FORUM_KEYS})
        if "name" not in entry:
            t.fail("name", "missing: every forum needs a unique name")
        name = t.string("name")
        if not name:
            t.fail("name", "must not be empty")
        urls = self._urls(t)
        engine = t.string("engine")
        if engine:
            from crawler.engines import ENGINES  # lazy: pulls in the page objects

            if engine not in ENGINES:
                t.fail("engine", f"unknown engine {engine!r} (known: {', '.join(sorted(ENGINES))})")
        include = self._boards(t, "include_boards")
        skip = self._boards(t, "skip_boards")
        if include and skip:
            t.fail("skip_boards", "give either include_boards or skip_boards, not both")
        cookies = t.path("cookies")
        if cookies:
            self._check_cookies(t, cookies)
        return ForumConfig(
            name=name,
            urls=urls,
            engine=engine,
            timezone=t.timezone("timezone", defaults["timezone"]),
            include_boards=include,
            skip_boards=skip,
            official_listings=tuple(
                t.url("official_listings", u) for u in t.strings("official_listings")
            ),
            official_domains=tuple(
                t.host("official_domains", d) for d in t.strings("official_domains")
            ),
            cookies=cookies,
            max_pages=t.integer("max_pages"),
            max_thread_pages=t.integer("max_thread_pages"),
            user_agent=defaults["user_agent"],
            allow_hosts=defaults["allow_hosts"],
            proxy=defaults["proxy"],
        )

    def _urls(self, t: _Table) -> tuple[str, ...]:
        if "url" in t.data and "urls" in t.data:
            t.fail("urls", "give either url or urls, not both")
        if "url" in t.data:
            return (t.url("url", t.string("url")),)
        if "urls" not in t.data:
            t.fail("url", "missing: give the start URL (url) or URLs (urls)")
        urls = t.strings("urls")
        if not urls:
            t.fail("urls", "is empty")
        return tuple(t.url("urls", u) for u in urls)

    def _boards(self, t: _Table, key: str) -> tuple[str, ...]:
        boards = t.strings(key, allow_int=True)
        for board in boards:
            if "://" in board:
                t.url(key, board)
            elif any(c.isspace() for c in board):
                t.fail(key, f"not a board URL or id: {board!r}", board)
        return boards

    def _check_cookies(self, t: _Table, path: str) -> None:
        if not Path(path).is_file():
            t.fail("cookies", f"no such file: {path}")
        jar = MozillaCookieJar(path)
        try:
            jar.load(ignore_discard=True, ignore_expires=True)
        except (OSError, LoadError) as exc:
            t.fail("cookies", f"not a Netscape cookies.txt file ({path}): {exc}")
        jar.clear()  # the values are the spider's business, not the config's


def check_watches(loader: _Loader, top: _Table, raw: Any) -> tuple[tuple[str, str], ...]:
    from provenance.app.watchconfig import check_watches as check

    return check(loader, top, raw, _Table)


def check_alerts(loader: _Loader, top: _Table, raw: Any) -> dict[str, Any]:
    from provenance.app.watchconfig import check_alerts as check

    return check(loader, top, raw, _Table)


def load_config(path: str | Path) -> Config:
    """Read and check a forums.toml; returns its Config.

    Raises ConfigError (a ValueError) for a file that cannot be read, is not
    TOML, or holds a key or value this tool does not accept.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(str(path), 0, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(str(path), line, "not UTF-8 text") from None
    return loads(text, path)


def loads(text: str, path: str | Path = "forums.toml") -> Config:
    """Check the text of a forums.toml; `path` names it in errors and anchors
    its relative paths. Raises ConfigError as load_config does."""
    path = Path(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(str(path), text, exc) from None
    return _Loader(path, text).load(data)


def _syntax_error(path: str, text: str, exc: tomllib.TOMLDecodeError) -> ConfigError:
    message = str(exc)
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    lines = text.splitlines()
    if match:
        line, column = int(match.group(1)), int(match.group(2))
    else:  # "(at end of document)"
        line, column = max(len(lines), 1), 0
    problem = re.sub(r"\s*\(at [^)]*\)$", "", message)
    key = re.match(r"\s*([A-Za-z0-9_-]+)\s*=", lines[line - 1]) if line <= len(lines) else None
    where = f"key {key.group(1)!r}: " if key else ""
    return ConfigError(path, line, f"{where}TOML syntax: {problem}", column)


def _label(index: int, name: str) -> str:
    return f"[[forum]] #{index + 1}" + (f" {name!r}" if name else "")


def _type(value: object) -> str:
    names = {str: "a string", int: "an integer", float: "a number", bool: "a boolean"}
    names |= {list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)
