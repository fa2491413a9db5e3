"""Scores of extraction on the corpus of real forum software (tests/fixtures/real/).

Each forum folder holds thread pages rendered by the real software, their
`<page>.expected.json` and a `cases.json`. A page is read the way the spider
reads a page of a forum nobody configured: engine detection, else the generic
extractor (or the generic extractor forced). Extracted posts are paired with
expected ones by post id, else by the opening of the body, and counted:

- found: expected posts that were extracted; author, date: found with the
  author / the instant right; right: all three;
- junk: extracted posts that pair with no expected post;
- quotes: expected quoted replies, kept: found among the post's quotes and
  absent from its body; quote_author: kept with the quoted author right;
- signature_leaks: expected signatures whose text reached the body;
- pages: pages whose page URLs are the expected ones.

Run as a script for the table: `python tests/real_corpus.py [real|real_blind] [--generic]`.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from parsel import Selector

from crawler.engines import PageContext, ThreadPage, detect_engine
from crawler.engines.generic import GENERIC
from crawler.items import Post

FIXTURES = Path(__file__).parent / "fixtures"


_COUNTS = (
    *("posts", "found", "author", "date", "right", "junk", "quotes", "kept"),
    *("quote_author", "signatures", "signature_leaks", "pages", "pages_right"),
)


@dataclass
class Score:
    forum: str
    engine: str = ""
    posts: int = 0
    found: int = 0
    author: int = 0
    date: int = 0
    right: int = 0
    junk: int = 0
    quotes: int = 0
    kept: int = 0
    quote_author: int = 0
    signatures: int = 0
    signature_leaks: int = 0
    pages: int = 0
    pages_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in [
            "posts",
            "found",
            "author",
            "date",
            "right",
            "junk",
            "quotes",
            "kept",
            "quote_author",
            "signatures",
            "signature_leaks",
            "pages",
            "pages_right",
        ]:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)


def _norm(value: str) -> str:
    return " ".join(re.sub(r"[^\w$%.,]+", " ", value.lower()).split())


def _instant(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _pair(expected: list[dict[str, Any]], got: tuple[Post, ...]) -> dict[int, Post]:
    """Expected post index -> the extracted post it pairs with."""
    pairs: dict[int, Post] = {}
    free = list(got)
    for index, want in enumerate(expected):
        match = next((p for p in free if p.post_id == want["post_id"]), None)
        if match is None:
            head = _norm(want["body"])[:60]
            match = next((p for p in free if head and head in _norm(p.body)), None)
        if match is None:
            head = _norm(want["body"])[:60]
            match = next((p for p in free if p.body and _norm(p.body)[:60] in head), None)
        if match is not None:
            free.remove(match)
            pairs[index] = match
    return pairs


def read_page(folder: Path, page: str, url: str, ctx: PageContext, generic: bool) -> ThreadPage:
    text = (folder / page).read_text(encoding="utf-8")
    sel = Selector(text=text)
    engine = GENERIC if generic else (detect_engine(url, sel) or GENERIC)
    return engine.parse_thread(url, sel, ctx)


def engine_name(folder: Path, page: str, url: str) -> str:
    sel = Selector(text=(folder / page).read_text(encoding="utf-8"))
    found = detect_engine(url, sel)
    return found.name if found else "generic"


def score_forum(folder: Path, generic: bool = False) -> Score:
    spec = json.loads((folder / "cases.json").read_text(encoding="utf-8"))
    ctx = PageContext(
        forum=spec["forum"],
        fetched_at=datetime.fromisoformat(spec["fetched_at"]),
        timezone=ZoneInfo(spec.get("timezone", "UTC")),
    )
    total = Score(folder.name)
    for page, url in spec["threads"].items():
        expected = json.loads((folder / (Path(page).stem + ".expected.json")).read_text())
        total.engine = "generic" if generic else engine_name(folder, page, url)
        try:
            got = read_page(folder, page, url, ctx, generic)
        except ValueError as exc:  # PageError: the whole page lost
            total.posts += len(expected["posts"])
            total.pages += 1
            total.misses.append(f"{page}: page refused: {exc}")
            continue
        total.add(score_page(page, expected, got))
    return total


def score_page(page: str, expected: dict[str, Any], got: ThreadPage) -> Score:
    score = Score("")
    wants = expected["posts"]
    pairs = _pair(wants, got.posts)
    score.posts = len(wants)
    score.found = len(pairs)
    score.junk = len(got.posts) - len(pairs)
    for post in got.posts:
        if post not in pairs.values():
            score.misses.append(
                f"{page}: junk post {post.post_id} {post.author!r} {post.body[:60]!r}"
            )
    score.pages = 1
    score.pages_right = int(list(got.page_urls) == expected["page_urls"])
    if not score.pages_right:
        score.misses.append(f"{page}: pages {list(got.page_urls)} != {expected['page_urls']}")
    for index, want in enumerate(wants):
        score.quotes += len(want["quotes"])
        if want["signature"]:
            score.signatures += 1
        post = pairs.get(index)
        if post is None:
            score.misses.append(f"{page}: post {want['post_id']} not found")
            continue
        author_ok = post.author == want["author"]
        date_ok = post.posted_at == _instant(want["posted_at"])
        score.author += author_ok
        score.date += date_ok
        score.right += author_ok and date_ok
        if not author_ok:
            score.misses.append(
                f"{page}: post {want['post_id']} author {post.author!r} != {want['author']!r}"
            )
        if not date_ok:
            shown = post.posted_at.isoformat() if post.posted_at else None
            score.misses.append(
                f"{page}: post {want['post_id']} date {shown} != {want['posted_at']}"
            )
        body = _norm(post.body)
        for quote in want["quotes"]:
            head = _norm(quote["text"])[:50]
            kept = next((q for q in post.quotes if head and head in _norm(q.text)), None)
            if kept is not None and head not in body:
                score.kept += 1
                score.quote_author += kept.author == quote["author"]
                if kept.author != quote["author"]:
                    wrong = f"quote author {kept.author!r} != {quote['author']!r}"
                    score.misses.append(f"{page}: post {want['post_id']} {wrong}")
            else:
                score.misses.append(
                    f"{page}: post {want['post_id']} quote not kept apart: {head[:40]!r}"
                )
        sig = _norm(want["signature"])[:40]
        if sig and sig in body:
            score.signature_leaks += 1
            score.misses.append(f"{page}: post {want['post_id']} signature in body")
    return score


def forums(corpus: str = "real") -> list[Path]:
    return sorted(p.parent for p in (FIXTURES / corpus).glob("*/cases.json"))


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "   - "


def table(scores: list[Score]) -> str:
    head = (
        "forum      engine      posts found author  date right  junk quotes kept q.auth "
        "sigleak pages"
    )
    lines = [head]
    total = Score("TOTAL")
    for s in [*scores, total]:
        if s is not total:
            total.add(s)
        lines.append(
            f"{s.forum:<10} {s.engine:<10} {s.posts:5d} {_pct(s.found, s.posts)} "
            f"{_pct(s.author, s.posts)} {_pct(s.date, s.posts)} {_pct(s.right, s.posts)} "
            f"{s.junk:4d} {s.quotes:6d} {s.kept:4d} {s.quote_author:6d} {s.signature_leaks:7d} "
            f"{s.pages_right}/{s.pages}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    corpus = next((a for a in sys.argv[1:] if not a.startswith("-")), "real")
    forced = "--generic" in sys.argv
    found = [score_forum(folder, generic=forced) for folder in forums(corpus)]
    print(table(found))
    if "-v" in sys.argv:
        for s in found:
            for miss in s.misses:
                print(f"  {s.forum}: {miss}")
