"""Every page object on hostile variants of every saved page: no crash, no hang,
no wrong value.

The variants (tests/mutations.py) are cut short, left unclosed, nested
thousands deep, 10 MB long, binary, empty or wrongly encoded; they go through
the spider's decoding (crawler.decoding.readable) as in a crawl. A page object
may refuse a page only with PageError, and may leave a post out only with a
reason (ThreadPage.skipped). Pages whose dates, authors or post ids are broken
must give posts with that field empty, or skipped posts: never a wrong value.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from engine_cases import FIXTURES
from mutations import JSON, MUTATIONS, UTF8, Page, exercise, fixture_pages, mutants, response

from crawler.decoding import page_selector, readable
from crawler.engines import PageError, get_engine
from crawler.engines.base import ThreadPage

PAGES = fixture_pages()
FOLDERS = sorted({p.folder for p in PAGES})
# Time per mutated page is measured by bench/robustness.py, not here: a test never
# compares seconds. A hang still fails this test through its timeout mark.


def _pages(folder: str, kind: str) -> list[Page]:
    pages = [p for p in PAGES if p.folder == folder]
    if kind == "huge":  # 10 MB each: the first thread page of the folder is enough
        return [next(p for p in pages if p.thread)]
    return pages


@pytest.mark.timeout(600)
@pytest.mark.parametrize("kind", sorted(MUTATIONS))
@pytest.mark.parametrize("folder", FOLDERS)
def test_mutated_pages_raise_only_page_error(folder: str, kind: str) -> None:
    tried = 0
    for page in _pages(folder, kind):
        for _, _label, body, content_type in mutants(page, (kind,)):
            outcome = exercise(page, body, content_type)  # anything but PageError fails here
            tried += 1
            for reason in outcome.skipped:
                assert " on http" in reason, f"a skipped post's reason names its page: {reason}"
    assert tried > 0


def test_an_empty_page_is_refused_with_a_reason() -> None:
    for folder in FOLDERS:
        page = next(p for p in PAGES if p.folder == folder and p.thread)
        outcome = exercise(page, b"", "text/html; charset=utf-8")
        assert outcome.posts == 0
        assert outcome.error or outcome.posts == 0


# ------------------------------------------------------------ broken fields
def _expected(page: Page) -> dict[str, Any]:
    path = FIXTURES / page.folder / (Path(page.name).stem + ".expected.json")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


_TAG = re.compile(r"<[^>]+>")
_MONTHS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?"
)
_ISO = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?(\.\d+)?(Z|[+-]\d\d:?\d\d)?")


def _in_tags(html: str, change: Any) -> str:
    return _TAG.sub(lambda m: change(m.group(0)), html)


def _no_authors(html: str, expected: dict[str, Any]) -> str:
    for name in {p["author"] for p in expected["posts"] if p["author"]}:
        html = html.replace(f">{name}<", "><").replace(f'"{name}"', '""')
    return html


def _bad_dates(html: str, expected: dict[str, Any]) -> str:
    html = _MONTHS.sub("Smarch", html)
    html = _ISO.sub("garbage", html)
    html = re.sub(r'(data-(?:time|timestamp|value)=")\d+(")', r"\1soon\2", html)
    html = re.sub(r"\b(Today|Yesterday)\b", "Someday", html)
    return re.sub(r"\b(\d{1,2}):(\d\d)\b", r"\1h\2", html)  # clock times too


def _bad_ids(html: str, expected: dict[str, Any]) -> str:
    ids = sorted({p["post_id"] for p in expected["posts"]}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\dA-Za-z])(" + "|".join(map(re.escape, ids)) + r")(?!\d)")
    return _in_tags(html, lambda tag: pattern.sub(r"\1x", tag))


def _json_mutation(body: bytes, field: str) -> bytes:
    data = json.loads(body)
    for post in (data.get("post_stream") or {}).get("posts") or data.get("posts") or []:
        if field == "author":
            post.pop("username", None)
            post.pop("name", None)
        elif field == "date":
            post["created_at"] = "garbage"
        else:
            post["id"] = None
    return json.dumps(data).encode()


FIELD_MUTATIONS = {"author": _no_authors, "date": _bad_dates, "id": _bad_ids}
THREAD_PAGES = [p for p in PAGES if p.thread]


def _parse(page: Page, body: bytes) -> ThreadPage | None:
    sel, _ = page_selector(readable(response(page.url, body, JSON if page.json else UTF8)))
    try:
        return get_engine(page.engine).parse_thread(page.url, sel, page.ctx)
    except PageError:
        return None  # refused with a reason: never a wrong value


def _words(text: str) -> str:
    return " ".join(text.split())[:40]


@pytest.mark.parametrize("field", sorted(FIELD_MUTATIONS))
@pytest.mark.parametrize("page", THREAD_PAGES, ids=[f"{p.folder}/{p.name}" for p in THREAD_PAGES])
def test_broken_fields_give_empty_fields_or_skipped_posts_never_wrong_values(
    page: Page, field: str
) -> None:
    expected = _expected(page)
    if page.json:
        body = _json_mutation(page.body, field)
    else:
        body = FIELD_MUTATIONS[field](page.body.decode("utf-8"), expected).encode("utf-8")
    parsed = _parse(page, body)
    if parsed is None:
        return
    by_id = {p["post_id"]: p for p in expected["posts"]}
    assert len(parsed.posts) + len(parsed.skipped) == len(expected["posts"]), (
        "every post is kept or skipped with a reason"
    )
    for post in parsed.posts:
        assert post.post_id in by_id, f"wrong post id {post.post_id!r}"
        want = by_id[post.post_id]
        if field != "date":  # the date mutation also changes clock times in bodies
            assert _words(post.body) == _words(want["body"]), f"post {post.post_id}: wrong body"
        assert post.author in (None, want["author"]), f"post {post.post_id}: wrong author"
        if post.posted_at is not None:
            right = datetime.fromisoformat(want["posted_at"]) if want["posted_at"] else None
            assert post.posted_at == right, f"post {post.post_id}: wrong date {post.posted_at}"
    if field == "author":
        assert all(p.author is None or p.author == by_id[p.post_id]["author"] for p in parsed.posts)
