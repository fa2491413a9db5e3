"""Real forum software of the corpus (tests/fixtures/real/README.md), served on 127.0.0.1.

Each forum here is a pip-installable package of the `test` extra. Its site
folder under tests/forums/ holds settings and a seeder that writes
tests/forums/corpus_story.py through the forum's own models; a forum is
migrated and seeded once per session into a temporary folder, then served
by its own development server in a subprocess on a free port.

Fixtures (conftest.py imports them: `from corpus_forums import *`):
- `spirit_corpus_forum` (session): a `CorpusForum` running django-spirit.
- `machina_corpus_forum` (session): django-machina holding the corpus story
  (tests/forums/machina_corpus; the project's own machina test forum with its
  data.py is tests/machina_forum.py).
- `askbot_corpus_forum` (session): askbot 0.13.0, which cannot share the
  project's virtualenv (it pins older python-dateutil, markdown-it-py and
  tldextract), run from its own: `.venv-askbot/` at the repository root (or
  the folder named by ASKBOT_VENV), built by .ci/run from
  tests/forums/askbot/requirements.txt. The fixture makes the Django project
  with askbot's own `askbot-setup`, migrates it, seeds it with
  tests/forums/askbot/seed_askbot.py and serves it; without that virtualenv
  the tests using it are skipped.

`CorpusForum.ids` is what the seeder printed: the database ids of members,
boards, threads and posts; `thread_url(key, page)` builds a thread page's URL.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

__all__ = ["askbot_corpus_forum", "machina_corpus_forum", "spirit_corpus_forum"]

FORUMS = Path(__file__).parent / "forums"
REPO = Path(__file__).parent.parent
START_TIMEOUT = 40.0


class CorpusForumError(RuntimeError):
    """A corpus forum failed to migrate, seed or start (its output is in the message)."""


@dataclass
class CorpusForum:
    name: str
    root: str  # http://127.0.0.1:<port>
    data_dir: Path
    ids: dict[str, Any]
    process: subprocess.Popen[bytes]
    thread_path: Callable[[dict[str, Any], str, int], str] = field(repr=False)

    def thread_url(self, key: str, page: int = 1) -> str:
        return self.root + self.thread_path(self.ids, key, page)

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


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def run(cmd: list[str], env: dict[str, str]) -> str:
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False)
    if proc.returncode != 0:
        raise CorpusForumError(f"{cmd[1:]} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return proc.stdout


def wait_until_serving(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CorpusForumError(f"server exited ({process.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise CorpusForumError(f"no answer from {url} in {START_TIMEOUT:.0f}s:\n{log.read_text()}")


def start_django_forum(
    name: str,
    site: str,
    data_dir: Path,
    seed_args: list[str],
    thread_path: Callable[[dict[str, Any], str, int], str],
    index: str = "/",
) -> CorpusForum:
    """Migrate and seed the Django site tests/forums/<site>/ in `data_dir`, then serve it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    manage = str(FORUMS / site / "manage.py")
    env = dict(os.environ, CORPUS_SITE_DATA=str(data_dir), PYTHONUNBUFFERED="1")
    env["DJANGO_SETTINGS_MODULE"] = f"{site}.settings"
    env.pop("MACHINA_SITE_DATA", None)
    run([sys.executable, manage, "migrate", "--verbosity", "0"], env)
    ids = json.loads(run([sys.executable, manage, *seed_args], env).strip().splitlines()[-1])
    return serve(name, [sys.executable, manage], env, data_dir, ids, thread_path, index)


def serve(
    name: str,
    manage: list[str],
    env: dict[str, str],
    data_dir: Path,
    ids: dict[str, Any],
    thread_path: Callable[[dict[str, Any], str, int], str],
    index: str = "/",
) -> CorpusForum:
    """Run `manage runserver` on a free 127.0.0.1 port until `index` answers."""
    error = ""
    for _ in range(3):  # another process may take the port between pick and bind
        port = free_port()
        log = data_dir / "server.log"
        with open(log, "wb") as out:
            process = subprocess.Popen(
                [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        forum = CorpusForum(name, f"http://127.0.0.1:{port}", data_dir, ids, process, thread_path)
        try:
            wait_until_serving(forum.root + index, process, log)
            return forum
        except CorpusForumError as exc:
            forum.stop()
            error = str(exc)
    raise CorpusForumError(error)


def _spirit_thread(ids: dict[str, Any], key: str, page: int) -> str:
    t = ids["threads"][key]
    return f"/topic/{t['topic']}/{t['slug']}/" + (f"?page={page}" if page > 1 else "")


@pytest.fixture(scope="session")
def spirit_corpus_forum(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CorpusForum]:
    """django-spirit seeded with corpus_story, on a free 127.0.0.1 port."""
    pytest.importorskip("spirit")
    forum = start_django_forum(
        "spirit",
        "spirit_site",
        tmp_path_factory.mktemp("spirit_corpus"),
        ["corpusforum", "seed"],
        _spirit_thread,
    )
    try:
        yield forum
    finally:
        forum.stop()


def _machina_thread(ids: dict[str, Any], key: str, page: int) -> str:
    t = ids["threads"][key]
    path = f"/forum/forum/{t['forum_slug']}/topic/{t['slug']}-{t['topic']}/"
    return path + (f"?page={page}" if page > 1 else "")


@pytest.fixture(scope="session")
def machina_corpus_forum(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CorpusForum]:
    """django-machina seeded with corpus_story, on a free 127.0.0.1 port."""
    pytest.importorskip("machina")
    forum = start_django_forum(
        "machina",
        "machina_corpus",
        tmp_path_factory.mktemp("machina_corpus"),
        ["corpusforum", "seed"],
        _machina_thread,
        index="/forum/",
    )
    try:
        yield forum
    finally:
        forum.stop()


def askbot_venv() -> Path:
    """The virtualenv askbot runs from (ASKBOT_VENV, or .venv-askbot in the repository)."""
    return Path(os.environ.get("ASKBOT_VENV") or REPO / ".venv-askbot")


def _askbot_thread(ids: dict[str, Any], key: str, page: int) -> str:
    t = ids["threads"][key]
    return f"/question/{t['question']}/{t['slug']}/?sort=oldest&page={page}"


def start_askbot(venv: Path, data_dir: Path) -> CorpusForum:
    """Make an askbot project in `data_dir` with askbot-setup (SQLite, Australia/Sydney,
    as the saved pages were made), migrate and seed it, then serve it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    root = data_dir / "project"  # a folder name that is no Python module (askbot-setup checks)
    python = str(venv / "bin" / "python")
    # the project's own PYTHONPATH and virtualenv are not askbot's
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1")
    extra_settings = "\n".join(
        [
            "ALLOWED_HOSTS = ['127.0.0.1']",
            # askbot mails members about new answers: keep those mails in memory
            "EMAIL_BACKEND = 'django.core.mail.backends.locmem.EmailBackend'",
        ]
    )
    run(
        [
            str(venv / "bin" / "askbot-setup"),
            "--noinput",
            "--root-directory",
            str(root),
            "--proj-name",
            "askbot_site",
            "--db-engine",
            "sqlite",
            "--db-name",
            str(data_dir / "askbot.sqlite"),
            "--admin-name",
            "harbourmaster",
            "--admin-email",
            "harbourmaster@corpus.invalid",
            "--domain-name",
            "localhost.localdomain",
            "--timezone",
            "Australia/Sydney",
            "--append-settings",
            extra_settings,
        ],
        env,
    )
    manage = [python, str(root / "manage.py")]
    env["DJANGO_SETTINGS_MODULE"] = "askbot_site.settings"
    run([*manage, "migrate", "--verbosity", "0"], env)
    seed_env = dict(env, PYTHONPATH=os.pathsep.join([str(root), str(FORUMS)]))
    seeded = run([python, str(FORUMS / "askbot" / "seed_askbot.py")], seed_env)
    ids = json.loads(seeded.strip().splitlines()[-1])
    return serve("askbot", manage, env, data_dir, ids, _askbot_thread, index="/questions/")


@pytest.fixture(scope="session")
def askbot_corpus_forum(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CorpusForum]:
    """askbot 0.13.0 seeded with corpus_story, served from its own virtualenv."""
    venv = askbot_venv()
    if not (venv / "bin" / "askbot-setup").is_file():
        pytest.skip(
            f"askbot needs its own virtualenv, not found at {venv}: "
            "python3 -m venv .venv-askbot && .venv-askbot/bin/pip install "
            "-r tests/forums/askbot/requirements.txt (or set ASKBOT_VENV)"
        )
    forum = start_askbot(venv, tmp_path_factory.mktemp("askbot_corpus"))
    try:
        yield forum
    finally:
        forum.stop()
