"""forums.toml: a good file gives the expected dataclasses; every mistake is
one ConfigError line naming the file, the key and its exact line."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.app.config import Config, ConfigError, ForumConfig, load_config, parse_duration
from provenance.app.options import CrawlOptions

EXAMPLE = Path(__file__).parent.parent / "docs" / "forums.toml.example"

COOKIES = (
    "# Netscape HTTP Cookie File\n"
    "forum.example\tFALSE\t/\tFALSE\t0\tSMFCookie11\tsecret-session-value\n"
)

GOOD = """\
[defaults]
db = "data/crawl.duckdb"
user_agent = "forum-provenance/0.1 (+mailto:me@example.org)"
timezone = "Europe/Paris"
allow_hosts = ["127.0.0.1"]
every = "6h"
timeout = "2h"

[[forum]]
name = "townsquare"
url = "http://forum.example/index.php"
engine = "smf"
timezone = "America/New_York"
include_boards = ["http://forum.example/index.php?board=1.0", 7]
official_listings = ["http://www.ag.example/releases.html"]
official_domains = ["AG.example"]
cookies = "cookies.txt"
max_pages = 50

[[forum]]
name = "harbour"
urls = [
    "http://harbour.example/forums/news.4/",
    "http://harbour.example/threads/lantern.12/",
]
skip_boards = ["17"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "forums.toml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "cookies.txt").write_text(COOKIES, encoding="utf-8")
    return path


def error(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert "\n" not in message
    return message.removeprefix(f"{path}:")


def test_good_file_parses_to_the_expected_dataclasses(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    agent = "forum-provenance/0.1 (+mailto:me@example.org)"
    hosts = ("127.0.0.1",)
    assert load_config(path) == Config(
        path=path,
        forums=(
            ForumConfig(
                name="townsquare",
                urls=("http://forum.example/index.php",),
                engine="smf",
                timezone="America/New_York",
                include_boards=("http://forum.example/index.php?board=1.0", "7"),
                official_listings=("http://www.ag.example/releases.html",),
                official_domains=("ag.example",),
                cookies=str((tmp_path / "cookies.txt").resolve()),
                max_pages=50,
                user_agent=agent,
                allow_hosts=hosts,
            ),
            ForumConfig(
                name="harbour",
                urls=(
                    "http://harbour.example/forums/news.4/",
                    "http://harbour.example/threads/lantern.12/",
                ),
                timezone="Europe/Paris",
                skip_boards=("17",),
                user_agent=agent,
                allow_hosts=hosts,
            ),
        ),
        db=str((tmp_path / "data" / "crawl.duckdb").resolve()),
        timezone="Europe/Paris",
        every="6h",
        timeout=7200.0,
        user_agent=agent,
        allow_hosts=hosts,
    )


def test_cookie_values_are_never_kept(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD))
    assert "secret-session-value" not in repr(config)
    assert config.forums[0].cookies.endswith("cookies.txt")


def test_crawl_options_one_per_start_url(tmp_path: Path) -> None:
    harbour = load_config(write(tmp_path, GOOD)).forum("harbour")
    options = harbour.crawl_options()
    assert [o.url for o in options] == list(harbour.urls)
    assert options[1] == CrawlOptions(
        url="http://harbour.example/threads/lantern.12/",
        forum="harbour",
        timezone="Europe/Paris",
        allow_hosts=("127.0.0.1",),
        user_agent="forum-provenance/0.1 (+mailto:me@example.org)",
        skip_boards=("17",),
    )


def test_the_documented_example_loads() -> None:
    config = load_config(EXAMPLE)
    assert [f.name for f in config.forums] == ["townsquare", "harbourtalk"]
    assert config.every == "6h"
    assert config.timeout == 3 * 3600


def test_defaults_are_optional(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[[forum]]\nname = "a"\nurl = "https://a.example/"\n'))
    assert config.db == ""
    assert config.when == ""
    assert config.timeout == 12 * 3600
    assert config.forums == (ForumConfig(name="a", urls=("https://a.example/",)),)


def test_durations() -> None:
    assert parse_duration("30m") == 1800
    assert parse_duration("1h30m") == 5400
    assert parse_duration("1d") == 86400
    with pytest.raises(ValueError, match="not a duration: '6 hours'"):
        parse_duration("6 hours")


FORUM = '[[forum]]\nname = "a"\nurl = "https://a.example/"\n'

# (file text, the line the error must name, what the rest of the message says)
ERRORS = [
    pytest.param(
        FORUM + "max_pages = \n",
        "4:13: key 'max_pages': TOML syntax: Invalid value",
        id="toml-syntax",
    ),
    pytest.param(
        FORUM + '\n[[forum]]\nurl = "https://b.example/"\n',
        "5: key 'name' in [[forum]] #2: missing: every forum needs a unique name",
        id="missing-name",
    ),
    pytest.param(
        FORUM + 'engnie = "smf"\n',
        "4: key 'engnie' in [[forum]] #1 'a': unknown key; did you mean 'engine'?",
        id="unknown-key",
    ),
    pytest.param(
        '[defaults]\nengine = "smf"\n\n' + FORUM,
        "2: key 'engine' in [defaults]: unknown key here; it belongs in a [[forum]] entry",
        id="key-in-wrong-table",
    ),
    pytest.param(
        '[[forum]]\nname = "a"\nurls = [\n  "https://a.example/",\n  "ftp://a.example/",\n]\n',
        "5: key 'urls' in [[forum]] #1 'a': not an http(s) URL: 'ftp://a.example/'",
        id="bad-url",
    ),
    pytest.param(
        FORUM + 'engine = "smf3"\n',
        "4: key 'engine' in [[forum]] #1 'a': unknown engine 'smf3' (known: ",
        id="unknown-engine",
    ),
    pytest.param(
        FORUM + 'timezone = "America/Gotham"\n',
        "4: key 'timezone' in [[forum]] #1 'a': unknown timezone 'America/Gotham'",
        id="bad-timezone",
    ),
    pytest.param(
        FORUM + "\n" + FORUM,
        "6: key 'name' in [[forum]] #2 'a': duplicate forum name (first at line 2)",
        id="duplicate-name",
    ),
    pytest.param(
        FORUM + 'max_pages = "10"\n',
        "4: key 'max_pages' in [[forum]] #1 'a': must be an integer, not a string",
        id="wrong-type",
    ),
    pytest.param(
        '[defaults]\nallow_hosts = "127.0.0.1"\n' + FORUM,
        "2: key 'allow_hosts' in [defaults]: must be a list of strings, not a string",
        id="wrong-type-list",
    ),
    pytest.param(
        '[defaults]\nuser_agent = "forum-provenance/0.1"\n' + FORUM,
        "2: key 'user_agent' in [defaults]: must carry a contact",
        id="user-agent-without-contact",
    ),
    pytest.param(
        '[defaults]\nevery = "6h"\ncron = "0 * * * *"\n' + FORUM,
        "3: key 'cron' in [defaults]: give either every or cron, not both",
        id="every-and-cron",
    ),
    pytest.param(
        '[defaults]\n\ncron = "0 25 * * *"\n' + FORUM,
        "3: key 'cron' in [defaults]: not a valid cron expression: '0 25 * * *'",
        id="bad-cron",
    ),
    pytest.param(
        '[defaults]\nevery = "6 hours"\n' + FORUM,
        "2: key 'every' in [defaults]: not a duration: '6 hours'",
        id="bad-interval",
    ),
    pytest.param(
        FORUM + 'cookies = "missing.txt"\n',
        "4: key 'cookies' in [[forum]] #1 'a': no such file: ",
        id="cookies-missing",
    ),
    pytest.param(
        FORUM + 'cookies = "forums.toml"\n',
        "4: key 'cookies' in [[forum]] #1 'a': not a Netscape cookies.txt file",
        id="cookies-not-netscape",
    ),
    pytest.param(
        FORUM + 'include_boards = ["1"]\nskip_boards = ["2"]\n',
        "5: key 'skip_boards' in [[forum]] #1 'a': give either include_boards or skip_boards",
        id="include-and-skip",
    ),
    pytest.param(
        '[forum]\nname = "a"\nurl = "https://a.example/"\n',
        "1: key 'forum' in the top level: write each forum as a [[forum]] entry",
        id="forum-not-an-array",
    ),
    pytest.param(
        'every = "6h"\n' + FORUM,
        "1: key 'every' in the top level: unknown key here; it belongs in [defaults]",
        id="top-level-key",
    ),
    pytest.param(
        '[defaults]\nevery = "6h"\n',
        "1: key 'forum': no [[forum]] entries",
        id="no-forums",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ERRORS)
def test_errors_name_key_and_line(tmp_path: Path, text: str, expected: str) -> None:
    assert error(tmp_path, text).startswith(expected)


def test_unknown_engine_lists_the_registry(tmp_path: Path) -> None:
    from crawler.engines import ENGINES

    message = error(tmp_path, FORUM + 'engine = "smf3"\n')
    assert all(name in message for name in ENGINES)


def test_second_forum_key_line_is_found_past_the_first(tmp_path: Path) -> None:
    text = FORUM + 'engine = "smf"\n\n[[forum]]\nname = "b"\nurl = "https://b.example/"\n'
    text += 'engine = "nope"\n'
    assert error(tmp_path, text).startswith("9: key 'engine' in [[forum]] #2 'b': unknown engine")


def test_unreadable_file_names_it(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    with pytest.raises(ConfigError, match=r"absent\.toml: cannot read"):
        load_config(path)
