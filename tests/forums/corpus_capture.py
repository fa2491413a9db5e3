"""Save a running corpus forum's pages as fixtures with their expected posts.

    python tests/forums/corpus_capture.py FORUM BASE_URL IDS_JSON OUT_DIR

FORUM is one of VIEWS below, BASE_URL the forum's root (http://127.0.0.1:PORT),
IDS_JSON the line its seeder printed (or a file holding it), OUT_DIR e.g.
tests/fixtures/real/<forum>. How each forum builds its URLs is written here;
what it shows of a post (quote ids, edit lines, signatures) too.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_story as story  # noqa: E402
from corpus_expected import EngineView, capture, check  # noqa: E402


def _board_name(key: str) -> str:
    return next(b.name for b in story.BOARDS if b.key == key)


def _common(ids: dict[str, Any]) -> dict[str, Any]:
    return {
        "thread_id": lambda key: str(ids["threads"][key]["topic"]),
        "post_ids": lambda key: [str(p) for p in ids["threads"][key]["posts"]],
        "author_id": lambda name: str(ids["users"][name]),
        "board_name": _board_name,
    }


def spirit(base: str, ids: dict[str, Any]) -> tuple[EngineView, dict[str, str], str | None]:
    def page_url(key: str, page: int) -> str:
        t = ids["threads"][key]
        return f"{base}/topic/{t['topic']}/{t['slug']}/" + (f"?page={page}" if page > 1 else "")

    view = EngineView(
        forum="spirit",
        timezone="America/Chicago",
        page_url=page_url,
        permalink=lambda key, pid, page: f"{base}/comment/{pid}/find/",
        signatures=False,  # Spirit has no signatures
        **_common(ids),
    )
    port = ids["boards"]["port"]
    extra = {"index.html": f"{base}/", "board_port_news.html": f"{base}/category/{port}/port-news/"}
    return view, extra, None


def mybb(base: str, ids: dict[str, Any]) -> tuple[EngineView, dict[str, str], str | None]:
    def page_url(key: str, page: int) -> str:
        tid = ids["threads"][key]["topic"]
        return f"{base}/showthread.php?tid={tid}" + (f"&page={page}" if page > 1 else "")

    def permalink(key: str, pid: str, page: int) -> str:
        tid = ids["threads"][key]["topic"]
        return f"{base}/showthread.php?tid={tid}&pid={pid}#pid{pid}"

    view = EngineView(
        forum="mybb",
        timezone="Etc/GMT+5",  # MyBB's board offset -5 hours, no DST
        page_url=page_url,
        permalink=permalink,
        quote_ids=True,
        edit_time=True,
        editor=True,
        **_common(ids),
    )
    port = ids["boards"]["port"]
    extra = {
        "index.html": f"{base}/index.php",
        "board_port_news.html": f"{base}/forumdisplay.php?fid={port}",
    }
    return view, extra, "mybb"


def _forget_key(html: str, pattern: str) -> str:
    """Blank a per-visitor token everywhere it occurs (found by `pattern`'s group)."""
    found = re.search(pattern, html)
    return html.replace(found.group(1), "") if found else html


def fluxbb(base: str, ids: dict[str, Any]) -> tuple[EngineView, dict[str, str], str | None]:
    def page_url(key: str, page: int) -> str:
        tid = ids["threads"][key]["topic"]
        return f"{base}/viewtopic.php?id={tid}" + (f"&p={page}" if page > 1 else "")

    view = EngineView(
        forum="fluxbb",
        timezone="Etc/GMT-1",  # FluxBB's default timezone +1 hour, DST off
        page_url=page_url,
        permalink=lambda key, pid, page: f"{base}/viewtopic.php?pid={pid}#p{pid}",
        edit_time=True,
        editor=True,
        **_common(ids),
    )
    port = ids["boards"]["port"]
    extra = {
        "index.html": f"{base}/index.php",
        "board_port_news.html": f"{base}/viewforum.php?id={port}",
    }
    return view, extra, None


def smf(base: str, ids: dict[str, Any]) -> tuple[EngineView, dict[str, str], str | None]:
    def page_url(key: str, page: int) -> str:
        tid = ids["threads"][key]["topic"]
        return f"{base}/index.php?topic={tid}.{(page - 1) * story.POSTS_PER_PAGE}"

    view = EngineView(
        forum="smf21",
        timezone="Asia/Kolkata",  # SMF's default_timezone setting
        page_url=page_url,
        permalink=lambda key, pid, page: f"{base}/index.php?msg={pid}",
        quote_ids=True,
        edit_time=True,
        editor=True,
        **_common(ids),
    )
    port = ids["boards"]["port"]
    extra = {
        "index.html": f"{base}/index.php",
        "board_port_news.html": f"{base}/index.php?board={port}.0",
    }
    return view, extra, "smf21"


def pybbm(base: str, ids: dict[str, Any]) -> tuple[EngineView, dict[str, str], str | None]:
    def page_url(key: str, page: int) -> str:
        tid = ids["threads"][key]["topic"]
        return f"{base}/topic/{tid}/" + (f"?page={page}" if page > 1 else "")

    view = EngineView(
        forum="pybbm",
        timezone="UTC",  # anonymous readers see UTC (TIME_ZONE, no profile offset)
        page_url=page_url,
        permalink=lambda key, pid, page: f"{base}/post/{pid}/",
        edit_time=True,  # "Edited <time>" without the editor's name
        **_common(ids),
    )
    port = ids["boards"]["port"]
    extra = {"index.html": f"{base}/", "board_port_news.html": f"{base}/forum/{port}/"}
    return view, extra, None


def machina(base: str, ids: dict[str, Any]) -> tuple[EngineView, dict[str, str], str | None]:
    def thread_path(key: str) -> str:
        t = ids["threads"][key]
        return f"{base}/forum/forum/{t['forum_slug']}/topic/{t['slug']}-{t['topic']}/"

    view = EngineView(
        forum="machina-corpus",
        timezone="Europe/Paris",
        page_url=lambda key, page: thread_path(key) + (f"?page={page}" if page > 1 else ""),
        permalink=lambda key, pid, page: f"{thread_path(key)}?post={pid}#{pid}",
        quote_ids=True,  # the quote header links to ?post=<id>
        edit_time=True,
        editor=True,
        **_common(ids),
    )
    board = ids["threads"]["main"]["forum_slug"]
    extra = {"index.html": f"{base}/forum/", "board_port_news.html": f"{base}/forum/forum/{board}/"}
    return view, extra, "machina"


def askbot(base: str, ids: dict[str, Any]) -> tuple[EngineView, dict[str, str], str | None]:
    def thread_path(key: str) -> str:
        t = ids["threads"][key]
        return f"{base}/question/{t['question']}/{t['slug']}/"

    view = EngineView(
        forum="askbot",
        timezone="Australia/Sydney",  # askbot-setup --timezone (see README: the markup's
        # dates are UTC wall times labelled +1100)
        page_url=lambda key, page: thread_path(key) + f"?sort=oldest&page={page}",
        permalink=lambda key, pid, page: f"{thread_path(key)}?answer={pid}#post-id-{pid}",
        edit_time=True,
        editor=True,
        signatures=False,  # askbot has no signatures
        per_page=10,  # askbot's ANSWERS_PAGE_SIZE
        repeat_first=True,
        **_common(ids),
    )
    extra = {
        "index.html": f"{base}/questions/",
        "board_shipping_tag.html": f"{base}/questions/tags:shipping/",
    }
    return view, extra, None


def elkarte(base: str, ids: dict[str, Any]) -> tuple[EngineView, dict[str, str], str | None]:
    def page_url(key: str, page: int) -> str:
        tid = ids["threads"][key]["topic"]
        return f"{base}/index.php?topic={tid}.{(page - 1) * story.POSTS_PER_PAGE}"

    view = EngineView(
        forum="elkarte",
        timezone="America/Los_Angeles",  # ElkArte's default_timezone setting
        page_url=page_url,
        permalink=lambda key, pid, page: (
            f"{base}/index.php?topic={ids['threads'][key]['topic']}.msg{pid}#msg{pid}"
        ),
        quote_ids=True,
        edit_time=True,
        editor=True,
        **_common(ids),
    )
    port = ids["boards"]["port"]
    extra = {
        "index.html": f"{base}/index.php",
        "board_port_news.html": f"{base}/index.php?board={port}.0",
    }
    return view, extra, None


def _misago_pages(
    n_posts: int, per_page: int = story.POSTS_PER_PAGE, orphans: int = 6
) -> list[list[int]]:
    """Misago's PostsPaginator (12 a page, its default 6 orphans) as seen on the pages:
    a Django paginator of per_page - 1 with orphans + 1, every page after the first
    opening with the last post of the page before it."""
    size, orph = per_page - 1, orphans + 1
    count = -(-max(1, n_posts - orph) // size)
    pages = []
    for number in range(1, count + 1):
        bottom = (number - 1) * size
        top = bottom + size
        if top + orph >= n_posts:
            top = n_posts
        if top < n_posts:
            top += 1
        pages.append(list(range(bottom, top)))
    return pages


def _misago_layout(n_posts: int, page: int) -> list[int]:
    return _misago_pages(n_posts)[page - 1]


def misago(base: str, ids: dict[str, Any]) -> tuple[EngineView, dict[str, str], str | None]:
    def thread_path(key: str) -> str:
        t = ids["threads"][key]
        return f"{base}/t/{t['slug']}/{t['topic']}/"

    view = EngineView(
        forum="misago",
        timezone="Europe/Berlin",
        page_url=lambda key, page: thread_path(key) + (f"{page}/" if page > 1 else ""),
        permalink=lambda key, pid, page: f"{thread_path(key)}post/{pid}/",
        signatures=False,  # the server-rendered page shows neither signatures nor edits
        layout=_misago_layout,
        page_total=lambda n: len(_misago_pages(n)),
        **_common(ids),
    )
    port = ids["boards"]["port"]
    extra = {"index.html": f"{base}/", "board_port_news.html": f"{base}/c/port-news/{port}/"}
    return view, extra, None


VIEWS: dict[str, Callable[[str, dict[str, Any]], tuple[EngineView, dict[str, str], str | None]]] = {
    "spirit": spirit,
    "mybb": mybb,
    "fluxbb": fluxbb,
    "smf21": smf,
    "pybbm": pybbm,
    "machina": machina,
    "askbot": askbot,
    "elkarte": elkarte,
    "misago": misago,
}

STRIP: dict[str, Callable[[str], str]] = {
    "misago": lambda html: re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]*"', r'\1"', html),
    "elkarte": lambda html: _forget_key(
        _forget_key(html, r"elk_session_id = '([0-9A-Za-z]+)'"),
        r"elk_session_var = '([0-9A-Za-z]+)'",
    ),
    # askbot tells visitors where its static files should be served from: a
    # machine path, replaced by a neutral one
    "askbot": lambda html: re.sub(
        r"(<em>)/[^<]*/static(</em>)",
        r"\1/srv/askbot/static\2",
        re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]*"', r'\1"', html),
    ),
    "smf21": lambda html: _forget_key(
        _forget_key(html, r'smf_session_id = "([0-9a-f]+)"'), r'smf_session_var = "([0-9a-f]+)"'
    ),
    "mybb": lambda html: _forget_key(html, r'my_post_key = "([0-9a-f]+)"'),
    "spirit": lambda html: re.sub(
        r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken" value=""', html
    ),
}


def main(argv: list[str]) -> int:
    forum, base, ids_arg, out = argv
    text = Path(ids_arg).read_text() if Path(ids_arg).is_file() else ids_arg
    ids = json.loads(text.strip().splitlines()[-1])
    view, extra, engine = VIEWS[forum](base.rstrip("/"), ids)
    saved = capture(view, Path(out), extra, engine, strip=STRIP.get(forum))
    (Path(out) / "seed_ids.json").write_text(json.dumps(ids, indent=1) + "\n", encoding="utf-8")
    print("\n".join(saved))
    problems = check(Path(out))
    print("\n".join(problems) or "every expected post found in its page")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
