"""Expected posts of a corpus forum's thread pages, from corpus_story and a seeder's ids.

A seeder reports the ids its forum gave the members, threads and posts; the
forum's capture (`capture()`) saves the pages, and this module writes, next to
each thread page, `<page>.expected.json` in the shape of the project's other
engine fixtures (tests/engine_cases.py `page_dict`) plus `next_page_url`.

What a page shows differs between engines, so an `EngineView` says: whether a
quote carries the quoted post's id in its markup, whether the edit time and the
editor's name are on the page, whether signatures are shown, and how the
forum's URLs are built.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import corpus_story as story

URL_RE = re.compile(r"https?://[^\s\"<>]+")


@dataclass(frozen=True)
class EngineView:
    forum: str  # the forum key used in the expected files
    timezone: str
    page_url: Callable[[str, int], str]  # (thread key, page number) -> URL
    permalink: Callable[[str, str, int], str]  # (thread key, post id, page) -> URL
    thread_id: Callable[[str], str]
    post_ids: Callable[[str], list[str]]
    author_id: Callable[[str], str | None]
    board_name: Callable[[str], str]
    quote_ids: bool = False  # the quote markup names the quoted post's id
    edit_time: bool = False  # the page shows when a post was edited
    editor: bool = False  # the page shows who edited a post
    signatures: bool = True  # the page shows members' signatures
    views: int | None = None
    per_page: int = story.POSTS_PER_PAGE
    repeat_first: bool = False  # the first post heads every page (askbot's question)
    # an engine's own page layout: (number of posts, page) -> story indices on the page
    layout: Callable[[int, int], list[int]] | None = None
    page_total: Callable[[int], int] | None = None  # number of posts -> pages


def _pages(n_posts: int, per_page: int = story.POSTS_PER_PAGE, repeat_first: bool = False) -> int:
    if repeat_first:
        return max(1, -(-(n_posts - 1) // per_page))
    return -(-n_posts // per_page)


def _view_pages(view: EngineView, n_posts: int) -> int:
    if view.page_total is not None:
        return view.page_total(n_posts)
    return _pages(n_posts, view.per_page, view.repeat_first)


def _indices(view: EngineView, n_posts: int, page: int) -> list[int]:
    """Indices (in the story thread) of the posts on `page` of `view`'s forum."""
    if view.layout is not None:
        return view.layout(n_posts, page)
    if view.repeat_first:
        first = 1 + (page - 1) * view.per_page
        return [0, *range(first, min(first + view.per_page, n_posts))]
    first = (page - 1) * view.per_page
    return list(range(first, min(first + view.per_page, n_posts)))


def expected_page(view: EngineView, thread_key: str, page: int) -> dict[str, Any]:
    spec = story.thread(thread_key)
    tz = ZoneInfo(view.timezone)
    ids = view.post_ids(thread_key)
    n_pages = _view_pages(view, len(spec.posts))
    page_urls = [view.page_url(thread_key, n) for n in range(1, n_pages + 1)]
    posts = []
    for index in _indices(view, len(spec.posts), page):
        post = spec.posts[index]
        member = story.member(post.author)
        quotes = []
        if post.quote is not None:
            quoted = spec.posts[post.quote.post]
            quotes.append(
                {
                    "text": post.quote.text,
                    "author": quoted.author,
                    "quoted_post_id": ids[post.quote.post] if view.quote_ids else None,
                }
            )
        edited_at = editor = None
        if post.edit is not None:
            if view.edit_time:
                edited_at = spec.posted_at(index) + timedelta(minutes=post.edit.after_minutes)
                edited_at = edited_at.astimezone(tz).isoformat()
            if view.editor:
                editor = post.edit.editor
        body = story.body_without_quote(post)
        posts.append(
            {
                "forum": view.forum,
                "thread_id": view.thread_id(thread_key),
                "post_id": ids[index],
                "permalink": view.permalink(thread_key, ids[index], page),
                "thread_title": spec.title,
                "position": index,
                "author": post.author,
                "author_id": view.author_id(post.author),
                "posted_at": spec.posted_at(index).astimezone(tz).isoformat(),
                "body": body,
                "signature": member.signature if view.signatures else "",
                "quotes": quotes,
                "cited_urls": URL_RE.findall(body),
                "edited_at": edited_at,
                "editor": editor,
                "page_url": page_urls[page - 1],
            }
        )
    return {
        "thread": {
            "forum": view.forum,
            "thread_id": view.thread_id(thread_key),
            "url": page_urls[0],
            "title": spec.title,
            "board": view.board_name(spec.board),
            "page_count": n_pages,
            "views": view.views,
        },
        "page_urls": page_urls,
        "next_page_url": page_urls[page] if page < n_pages else None,
        "posts": posts,
    }


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        charset = response.headers.get_content_charset() or "utf-8"
        return str(response.read().decode(charset))


def capture(
    view: EngineView,
    out: Path,
    extra_pages: dict[str, str],
    engine: str | None,
    threads: tuple[str, ...] = ("main",),
    strip: Callable[[str], str] | None = None,
) -> list[str]:
    """Save every page of `threads` as <thread>_page<n>.html with its expected file,
    and `extra_pages` (file name -> URL: the index, a board listing); returns file names.

    `strip` may remove what changes between two renders of the same forum (a
    session token, a generation time) so that a re-capture diffs cleanly."""
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    cases: dict[str, str] = {}
    for key in threads:
        spec = story.thread(key)
        for page in range(1, _view_pages(view, len(spec.posts)) + 1):
            url = view.page_url(key, page)
            name = f"{key}_page{page}.html"
            html = fetch(url)
            (out / name).write_text(strip(html) if strip else html, encoding="utf-8")
            expected = expected_page(view, key, page)
            (out / f"{key}_page{page}.expected.json").write_text(
                json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
            cases[name] = url
            saved.append(name)
    for name, url in extra_pages.items():
        html = fetch(url)
        (out / name).write_text(strip(html) if strip else html, encoding="utf-8")
        saved.append(name)
    spec_file = {
        "engine": engine,
        "forum": view.forum,
        "timezone": view.timezone,
        "fetched_at": "2026-12-08T12:00:00+00:00",
        "threads": cases,
        "other_pages": extra_pages,
    }
    (out / "cases.json").write_text(json.dumps(spec_file, indent=2) + "\n", encoding="utf-8")
    return saved


def check(out: Path) -> list[str]:
    """Problems between the saved thread pages in `out` and their expected files: a post
    id missing from the HTML, or a body whose opening words are not in the page's text."""
    import html as htmllib

    problems = []
    for expected_file in sorted(out.glob("*.expected.json")):
        page = out / expected_file.name.replace(".expected.json", ".html")
        raw = page.read_text(encoding="utf-8")
        text = htmllib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", raw)))
        for post in json.loads(expected_file.read_text(encoding="utf-8"))["posts"]:
            if post["post_id"] not in raw:
                problems.append(f"{page.name}: post id {post['post_id']} not in the HTML")
            opening = " ".join(post["body"].split()[:7])
            if opening not in text:
                problems.append(f"{page.name}: post {post['post_id']} body not found: {opening}")
    return problems
