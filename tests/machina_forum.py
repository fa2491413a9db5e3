"""A real django-machina forum served on 127.0.0.1 for the test suite.

The Django project in tests/forums/machina_site/ is migrated and seeded once
per session into a template SQLite file (`machina_forum_template`); each
running forum serves its own copy with `manage.py runserver --noreload` on a
free port, so a test that changes its forum changes no other test's.

Fixtures (conftest.py imports them: `from machina_forum import *`):
- `machina_forum` (session): the forum index URL, `http://127.0.0.1:<port>/forum/`,
  of a forum holding exactly forums/machina_site/data.py. Do not change it.
- `machina_forum_server` (session): the same forum as a `MachinaForum`.
- `fresh_machina_forum` (function): a `MachinaForum` of its own, for tests that
  add posts, edit posts or kill things.
- `machina_forum_template` (session): the migrated, seeded SQLite file.

`MachinaForum.add_posts()` and `.edit_post()` change a running forum through
`manage.py labforum` (see forums/machina_site/seed.py); the server reads the
same SQLite file, so the next request shows the change.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from forums.machina_site import data

# the fixtures, for `from machina_forum import *` in conftest.py
__all__ = [
    "fresh_machina_forum",
    "machina_forum",
    "machina_forum_server",
    "machina_forum_template",
]

SITE = Path(__file__).parent / "forums" / "machina_site"
MANAGE = SITE / "manage.py"
DB_NAME = "forum.sqlite3"
START_TIMEOUT = 30.0  # seconds for runserver to answer


class ForumStartError(RuntimeError):
    """The test forum's server did not come up (its log is in the message)."""


def _env(data_dir: Path, time_zone: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        MACHINA_SITE_DATA=str(data_dir),
        MACHINA_SITE_TIME_ZONE=time_zone,
        DJANGO_SETTINGS_MODULE="machina_site.settings",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(data_dir: Path, *args: str, time_zone: str = data.TIME_ZONE) -> str:
    """Run `manage.py ARGS` on the forum whose files are in `data_dir`; returns its stdout.

    Raises subprocess.CalledProcessError (with stderr) when the command fails.
    """
    proc = subprocess.run(
        [sys.executable, str(MANAGE), *args],
        env=_env(data_dir, time_zone),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, proc.args, proc.stdout, proc.stderr)
    return proc.stdout


def build_template(data_dir: Path) -> Path:
    """Migrate an empty database in `data_dir` and seed data.py into it; returns the file."""
    data_dir.mkdir(parents=True, exist_ok=True)
    manage(data_dir, "migrate", "--verbosity", "0")
    manage(data_dir, "labforum", "seed")
    return data_dir / DB_NAME


@dataclass
class MachinaForum:
    """A running test forum: its URLs, its files and helpers that change it."""

    root: str  # http://127.0.0.1:<port>
    data_dir: Path
    time_zone: str
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        """The forum index (where a crawl starts)."""
        return self.root + data.MOUNT

    def topic_url(self, topic_id: int, page: int = 1) -> str:
        path = data.topic_path(topic_id - 1)
        return f"{self.root}{path}" + (f"?page={page}" if page > 1 else "")

    def add_posts(
        self, topic_id: int, count: int, author: str = "dave", step_minutes: int = 10
    ) -> list[dict[str, Any]]:
        """Append `count` replies to topic `topic_id`, `step_minutes` apart after its last post.

        Returns the new posts (post_id, author, posted_at as an aware datetime, body).
        """
        out = manage(
            self.data_dir,
            "labforum",
            "add-posts",
            "--topic",
            str(topic_id),
            "--count",
            str(count),
            "--author",
            author,
            "--step-minutes",
            str(step_minutes),
            time_zone=self.time_zone,
        )
        posts: list[dict[str, Any]] = json.loads(out.strip().splitlines()[-1])
        for post in posts:
            post["posted_at"] = datetime.fromisoformat(post["posted_at"])
        return posts

    def add_topics(self, count: int, posts_each: int) -> list[int]:
        """Open `count` topics of `posts_each` posts each; returns their ids."""
        out = manage(
            self.data_dir,
            "labforum",
            "add-topics",
            "--count",
            str(count),
            "--posts-each",
            str(posts_each),
            time_zone=self.time_zone,
        )
        topics: list[int] = json.loads(out.strip().splitlines()[-1])["topics"]
        return topics

    def edit_post(
        self,
        post_id: int,
        content: str,
        editor: str | None = None,
        reason: str = "",
        at: datetime | None = None,
    ) -> dict[str, Any]:
        """Replace a post's markdown as `editor` (its poster by default) at `at` (aware;
        default one hour after its last change). Returns post_id, editor, edited_at
        (aware datetime) and updates_count."""
        args = ["labforum", "edit-post", "--post", str(post_id), "--content", content]
        if editor:
            args += ["--editor", editor]
        if reason:
            args += ["--reason", reason]
        if at is not None:
            if at.tzinfo is None:
                raise ValueError(f"edit time must be aware, got {at!r}")
            args += ["--at", at.isoformat()]
        out = manage(self.data_dir, *args, time_zone=self.time_zone)
        result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
        result["edited_at"] = datetime.fromisoformat(result["edited_at"])
        return result

    def log(self) -> str:
        return (self.data_dir / "server.log").read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_forum(
    template: Path, data_dir: Path, time_zone: str = data.TIME_ZONE, attempts: int = 3
) -> MachinaForum:
    """Copy the seeded `template` into `data_dir` and serve it on a free 127.0.0.1 port.

    Returns once the index answers 200. Raises ForumStartError with the server's log.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, data_dir / DB_NAME)
    error = ""
    for _ in range(attempts):  # another process may take the port between pick and bind
        port = _free_port()
        with open(data_dir / "server.log", "wb") as log:
            process = subprocess.Popen(
                [sys.executable, str(MANAGE), "runserver", f"127.0.0.1:{port}", "--noreload"],
                env=_env(data_dir, time_zone),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        forum = MachinaForum(f"http://127.0.0.1:{port}", data_dir, time_zone, process)
        try:
            _wait_until_serving(forum)
            return forum
        except ForumStartError as exc:
            forum.stop()
            error = str(exc)
    raise ForumStartError(error)


def _wait_until_serving(forum: MachinaForum) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if forum.process.poll() is not None:
            raise ForumStartError(f"runserver exited ({forum.process.returncode}):\n{forum.log()}")
        try:
            with urllib.request.urlopen(forum.url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise ForumStartError(f"no answer from {forum.url} in {START_TIMEOUT:.0f}s:\n{forum.log()}")


@pytest.fixture(scope="session")
def machina_forum_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test forum's SQLite file, migrated and seeded once per session."""
    return build_template(tmp_path_factory.mktemp("machina_template"))


@pytest.fixture(scope="session")
def machina_forum_server(
    machina_forum_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[MachinaForum]:
    """The session's shared test forum (holding exactly data.py): do not change it."""
    forum = start_forum(machina_forum_template, tmp_path_factory.mktemp("machina_forum"))
    try:
        yield forum
    finally:
        forum.stop()


@pytest.fixture(scope="session")
def machina_forum(machina_forum_server: MachinaForum) -> str:
    """The shared test forum's index URL, http://127.0.0.1:<port>/forum/."""
    return machina_forum_server.url


@pytest.fixture
def fresh_machina_forum(machina_forum_template: Path, tmp_path: Path) -> Iterator[MachinaForum]:
    """A test forum of the test's own, seeded like the shared one, free to change."""
    forum = start_forum(machina_forum_template, tmp_path / "machina_forum")
    try:
        yield forum
    finally:
        forum.stop()
