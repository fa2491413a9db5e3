"""What strangers can write or serve, kept in one place so that the hostile-world
tests and bench/robustness.py probe with the same inputs: cited URLs that
cannot be fetched, redirect loops and short reads, a crawl whose disk fills,
database files that are not ours, bad command-line values, and report rows
full of markup."""

from __future__ import annotations

from pathlib import Path

from tests.hostile_servers import ARTICLE, Routes

# cited URLs no fetch can succeed on: IPv6 literals, malformed hosts and ports
UNFETCHABLE = [
    "http://[::1]:9/v6",
    "http://[2001:db8::1]/doc",
    "http://[::1/unclosed",
    "http://exa mple.com/x",
    "http://%zz/",
    "http://example.com:99999/",
]

# a server's routes: two redirect loops, a short read and one good article
SOURCE_TRAPS: Routes = {
    "/loop-a": (302, {"Location": "/loop-b"}, b""),
    "/loop-b": (302, {"Location": "/loop-a"}, b""),
    "/self": (301, {"Location": "/self"}, b""),
    "/short": (200, {"Content-Type": "text/html", "Content-Length": "5000"}, ARTICLE[2][:200]),
    "/fine": ARTICLE,
}
TRAP_PATHS = ("/loop-a", "/self", "/short")

# the crawl runner with the store's post writes failing (no space left) after
# argv[1] of them; the rest of argv is the runner's
DISK_FULL = """
import errno, sys
from provenance.store.crawl import CrawlTables
from crawler.runner import main

allowed = int(sys.argv[1])
original = CrawlTables.save_posts
calls = []

def save_posts(self, *args, **kwargs):
    calls.append(1)
    if len(calls) > allowed:
        raise OSError(errno.ENOSPC, "No space left on device")
    return original(self, *args, **kwargs)

CrawlTables.save_posts = save_posts
sys.exit(main(sys.argv[2:]))
"""

# (post writes allowed, extra runner arguments): the disk fills mid-crawl (two
# batches stored, the third fails), or as the crawl closes (its one batch fails)
DISK_FULL_CASES = {
    "mid-crawl": (2, ["--max-pages", "12", "--set", "PROVENANCE_BATCH_SIZE=10"]),
    "at-close": (0, ["--max-pages", "3", "--set", "PROVENANCE_BATCH_SIZE=100000"]),
}


def endless_forum_args(db: Path, port: int, *extra: str) -> list[str]:
    """The runner's arguments for a forum crawl of `hostile_servers.endless_thread`."""
    return [
        "forum",
        "--db", str(db),
        "--url", f"http://127.0.0.1:{port}/index.php?topic=4.0",
        "--engine", "smf",
        "--allow-host", f"127.0.0.1:{port}",
        "--no-throttle",
        *extra,
    ]  # fmt: skip


def bad_files(folder: Path) -> dict[str, Path]:
    """Database files that are not ours, written into `folder`: another
    program's DuckDB file, the same cut short, and bytes that are no database."""
    import duckdb

    foreign = folder / "foreign.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE t AS SELECT range AS x FROM range(100000)")
    con.close()
    truncated = folder / "truncated.duckdb"
    truncated.write_bytes(foreign.read_bytes()[:20000])
    noise = folder / "noise.duckdb"
    noise.write_bytes(bytes(range(256)) * 40)
    return {"foreign": foreign, "truncated": truncated, "noise": noise}


# commands that open an existing database
DB_COMMANDS = [["link"], ["quotes"], ["report"], ["sql", "SELECT 1"], ["replay"], ["export", "out"]]

# command lines refused before any work, and a word the one-line refusal holds
BAD_VALUES = [
    (["crawl", "http://a b/"], "not an http(s) URL"),
    (["crawl", "http://example.com/", "--cookies", "/etc/passwd"], "cookies.txt"),
    (["crawl", "http://example.com/", "--proxy", "not a proxy"], "not a proxy URL"),
    (["crawl", "http://example.com/", "--max-pages", "-1"], "--max-pages"),
    (["crawl", "http://example.com/", "--max-pages", "0"], "--max-pages"),
    (["crawl", "http://example.com/" + "a" * 100_000], "longer than"),
    (["crawl", "http://example.com/", "--allow-host", "a b"], "not an allowed host"),
    (["replay", "--workers", "0"], "--workers"),
    (["sql", "SELECT 1", "--memory-limit", "lots"], "memory limit"),
]

# bidirectional controls a report must not carry
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
# what a page can run or fetch when the markup it scraped is written out unescaped
PAGE_MARK = "document.documentElement.appendChild(document.createElement('div')).id"


def hostile_payloads(img_url: str) -> dict[str, str]:
    """Scraped text that would run a script, fetch an image or link away if a
    report wrote it into Markdown as it is, by kind."""
    return {
        "script": f"<script>{PAGE_MARK}='pwned-script'</script>",
        "img": f"<img src={img_url}/onerror onerror=\"{PAGE_MARK}='pwned-img'\">",
        "md-image": f"![x]({img_url}/md-image)",
        "js-link": "[click](javascript:alert(1))",
        "bidi": "\u202eevil",
    }


def hostile_rows(img_url: str, planted: str = "") -> list[dict[str, object]]:
    """Report rows (`report.markdown.statements_markdown`'s input) with every
    payload of `hostile_payloads` (or `planted`) in every scraped field."""
    found = hostile_payloads(img_url)
    script, img, md_img, link = found["script"], found["img"], found["md-image"], found["js-link"]
    planted = planted or f" {script} {img} {md_img} {link} {found['bidi']} "
    occurrence = {
        "label": "altered",
        "seen_at": "2026-01-05",
        "doc_kind": "post",
        "post_id": "5",
        "thread_title": f"Lantern{script}",
        "author": f"fox{img}",
        "permalink": f"http://f.example/t/1{planted}",
        "text": f"We will rebuild{planted}",
        "speaker": f"Ortiz{md_img}",
        "diff": f"+'{img}'",
    }
    return [
        {
            "speaker": f"Ortiz{script}",
            "speaker_title": md_img,
            "text": f"We will rebuild the walls{planted}",
            "official": True,
            "source_url": f"{img_url}/source-url",
            "published": "2026-01-01",
            "source_title": f"Release {img}{link}",
            "statement_id": "abcdef0123456789",
            "occurrences": [occurrence, occurrence | {"label": "verbatim"}],
        }
    ]
