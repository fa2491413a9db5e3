"""How the crawler reads the corpus of real forum software, forum by forum and page by page.

For each tuning forum of tests/fixtures/real/ the saved pages are served on
127.0.0.1 and crawled from the long thread's first page; the stored posts
are compared with the expected files: posts found, authors, dates (same
instant), quotes kept apart (the quoted text out of the body, as many quotes
as expected) and junk posts (stored posts no expected file holds). One row a
page, one total row a forum.

With `--forum-dl PATH` (the `forum-dl` command of a virtualenv holding
forum-dl 0.3.0: `pip install forum-dl 'pydantic<2'`; not a dependency of the
project) the same thread is also given to forum-dl, and its posts counted
against the same expected files. forum-dl 0.3.0 has extractors for SMF,
phpBB, vBulletin, XenForo, Invision, Discourse and mailing-list archives, none
for the software of this corpus but ElkArte (an SMF fork): its failures are
printed as they come, not hidden.

    python bench/real_forums.py [--forum-dl /path/to/venv/bin/forum-dl] [FORUM ...]

The blind set (tests/fixtures/real_blind/) is not read here.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from forums import corpus_sites as corpus  # noqa: E402

from provenance.sample.server import serve_sites  # noqa: E402

COLUMNS = ("forum", "page", "expected", "found", "authors", "dates", "quotes", "junk")


def _page_of(post: dict[str, Any], pages: list[str]) -> str:
    url = post.get("page_url") or ""
    for index, page in enumerate(pages, start=1):
        if url.rstrip("/") == page.rstrip("/") or url == corpus.canonical_url(page):
            return f"p{index}"
    return "?"


def _quotes_ok(got: dict[str, Any], want: dict[str, Any]) -> bool:
    quotes = got.get("quotes") or []
    if len(quotes) != len(want["quotes"]):
        return False
    return all(q["text"][:40] not in (got.get("body") or "") for q in want["quotes"])


def ours(name: str) -> list[dict[str, Any]]:
    """Rows for one forum crawled by the project's spider from the thread URL."""
    with tempfile.TemporaryDirectory() as tmp:
        sites, thread, _ = corpus.build_site(name, Path(tmp) / "sites")
        crawled = corpus.crawl(sites, thread, Path(tmp) / "db", name)
    return _rows(name, crawled.posts)


def _rows(name: str, got: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    expected = corpus.expected_posts(name)
    pages = corpus.thread_page_urls(name)
    by_page: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COLUMNS[2:], 0))
    for post_id, want in expected.items():
        row = by_page[_page_of(want, pages)]
        row["expected"] += 1
        have = got.get(post_id)
        if have is None:
            continue
        row["found"] += 1
        row["authors"] += have.get("author") == want["author"]
        row["dates"] += corpus.same_instant(have.get("posted_at"), want["posted_at"])
        row["quotes"] += _quotes_ok(have, want)
    for post_id, have in got.items():
        if post_id not in expected:
            by_page[_page_of(have, pages)]["junk"] += 1
    rows = [{"forum": name, "page": page, **counts} for page, counts in sorted(by_page.items())]
    total = {"forum": name, "page": "all"}
    total.update({c: sum(r[c] for r in rows) for c in COLUMNS[2:]})
    return [*rows, total]


def forum_dl(command: str, name: str) -> tuple[list[dict[str, Any]], str]:
    """Rows for forum-dl's command line (`-f jsonl`) on one forum's long thread,
    and what went wrong ('' when nothing did). forum-dl runs in its own
    virtualenv: its pydantic 1 pin clashes with the project's dependencies."""
    with tempfile.TemporaryDirectory() as tmp:
        sites, thread, _ = corpus.build_site(name, Path(tmp) / "sites")
        out = Path(tmp) / "out.jsonl"
        with serve_sites(sites_dir=sites) as proxy:
            env = {"http_proxy": proxy, "HTTP_PROXY": proxy, "PATH": "/usr/bin:/bin"}
            proc = subprocess.run(
                [command, "-q", "-R", "0", "-f", "jsonl", "-o", str(out), "--textify", thread],
                capture_output=True,
                text=True,
                timeout=300,
                env=env,
                check=False,
            )
        text = out.read_text(encoding="utf-8") if out.exists() else ""
    if proc.returncode != 0:
        return [], (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1][:160]
    items = [json.loads(line) for line in text.splitlines() if line.strip()]
    got = {}
    for item in items:
        if item.get("type") == "post" or "content" in item:
            post_id = str((item.get("path") or [""])[-1])
            got[post_id] = {"author": item.get("author"), "body": item.get("content", "")}
    if not got:
        return [], f"no post in its output ({len(items)} items)"
    return _rows(name, got), ""


def _table(rows: list[dict[str, Any]]) -> str:
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in COLUMNS}
    line = "  ".join(c.ljust(widths[c]) for c in COLUMNS)
    out = [line, "  ".join("-" * widths[c] for c in COLUMNS)]
    out += ["  ".join(str(r[c]).ljust(widths[c]) for c in COLUMNS) for r in rows]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("forums", nargs="*", default=list(corpus.FORUMS))
    parser.add_argument("--forum-dl", default="", help="the forum-dl 0.3.0 command (its own venv)")
    args = parser.parse_args()
    rows = [row for name in args.forums for row in ours(name)]
    print("forum-provenance spider, from the thread URL (fixtures served on 127.0.0.1)")
    print(_table(rows))
    if args.forum_dl:
        theirs: list[dict[str, Any]] = []
        print("\nforum-dl 0.3.0 on the same thread")
        for name in args.forums:
            found, why = forum_dl(args.forum_dl, name)
            if why:
                print(f"  {name}: forum-dl failed: {why}")
            theirs += found
        if theirs:
            print(_table(theirs))


if __name__ == "__main__":
    main()
