"""Throughput of the whole pipeline, replayed from stored raw pages.

Generates a forum corpus of N posts as raw SMF 2.0 thread pages (rendered
with the sample forum's own templates, tools/build_sample.py), reposting,
excerpting, spinning and quoting a set of official releases (the labelled
link set's releases, tests/data/link_eval/releases.jsonl), stores the pages
in a DuckDB `pages` table as a crawl would, then runs the stages the way the
CLI does and times each:

    segment + clean   crawler.replay.replay (page objects over stored pages, 2 processes)
    sign + link       provenance.link.stage.link_posts
    quotes            provenance.quotes.stage.trace_quotes

and prints posts per second per stage and overall, the share of time per
stage and the peak memory (this process and its children). Goal on the
project's 2-core machine: 1,000,000 posts in at most 15 minutes and 8 GB.

    .venv/bin/python bench/pipeline.py --posts 20000
    .venv/bin/python bench/pipeline.py --posts 1000000   # the goal's size

Only the SMF 2.0 engine's pages are generated (the other engines' pages
would need their own renderers): segment speed differs per engine, see
bench/engines.py for posts per second of every page object.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]

import build_sample as smf  # noqa: E402

from provenance.store import Store, content_hash  # noqa: E402

RELEASES = ROOT / "tests" / "data" / "link_eval" / "releases.jsonl"
AUTHORS = tuple(smf.MEMBERS)
CHATTER = (
    "Thanks for posting this.",
    "Does anyone have the full report? The summary leaves out the numbers.",
    "I drove past there yesterday and nothing looked different.",
    "This is the third announcement like this since spring.",
    "Not sure how they will pay for it, but fine.",
    "Good. About time somebody did something about it.",
    "Our county commissioners were asked about this on Tuesday and had no answer.",
    "Bookmarking this thread for later.",
)
POSTS_PER_TOPIC = 30


def _releases() -> list[dict]:
    with RELEASES.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _quotes(text: str) -> list[str]:
    out, start = [], 0
    while (i := text.find("\u201c", start)) >= 0:
        j = text.find("\u201d", i + 1)
        if j < 0:
            break
        out.append(text[i + 1 : j].strip(" ,"))
        start = j + 1
    return [q for q in out if len(q.split()) >= 6]


def _post_body(rng: random.Random, releases: list[dict]) -> str:
    """One post's BBC source: a repost, excerpt, spun copy, quote or chatter."""
    release = rng.choice(releases)
    paragraphs = [p for p in release["text"].split("\n\n") if p.strip()]
    roll = rng.random()
    if roll < 0.05:  # verbatim repost with the URL on the last line
        return smf.forum_copy("\n\n".join(paragraphs)) + "\n\n" + release["url"]
    if roll < 0.10:  # an excerpt of a few paragraphs
        k = max(1, len(paragraphs) // 3)
        start = rng.randrange(0, max(1, len(paragraphs) - k))
        return smf.forum_copy("\n\n".join(paragraphs[start : start + k])) + "\n\n" + release["url"]
    if roll < 0.13:  # a spun copy without a URL
        return smf.forum_copy("\n\n".join(smf.spin(p) for p in paragraphs))
    quotes = _quotes(release["text"])
    if roll < 0.25 and quotes:  # a quote, sometimes cut short
        quote = rng.choice(quotes)
        if rng.random() < 0.3:
            quote = " ".join(quote.split()[: max(6, len(quote.split()) // 2)])
        return f'As the statement put it, "{quote}" {rng.choice(CHATTER)}'
    return " ".join(rng.sample(CHATTER, 2))


def generate(n_posts: int, seed: int = 7) -> tuple[list[tuple[str, bytes]], list[dict]]:
    """(url, html) of every thread page of a corpus of `n_posts` posts, and the releases."""
    topics, numbered, releases = generate_topics(n_posts, seed)
    pages = []
    for topic in topics:
        posts = numbered[topic.tid]
        for page_start in smf.page_starts(len(posts)):
            url = f"{smf.SCRIPT}?topic={topic.tid}.{page_start}"
            html = smf.render_topic_page(topic, posts, page_start, topic.views)
            pages.append((url, html.encode("utf-8")))
    return pages, releases


def generate_topics(n_posts: int, seed: int = 7) -> tuple[list, dict, list[dict]]:
    """The topics of a corpus of `n_posts` posts, numbered as SMF does, and the releases."""
    rng = random.Random(seed)
    releases = _releases()
    start = datetime(2026, 1, 5, 8, 0, tzinfo=smf.EASTERN)
    topics = []
    for tid in range(1, n_posts // POSTS_PER_TOPIC + 2):
        count = min(POSTS_PER_TOPIC, n_posts - (tid - 1) * POSTS_PER_TOPIC)
        if count <= 0:
            break
        posts = tuple(
            smf.PostSpec(
                start + timedelta(minutes=tid * 7 + k * 3),
                rng.choice(AUTHORS),
                _post_body(rng, releases),
            )
            for k in range(count)
        )
        topics.append(smf.TopicSpec(tid, 1 + tid % 2, f"Bench topic {tid}", 100 + tid, posts))
    return topics, smf.number_posts(topics), releases


def _store_corpus(store: Store, pages: list[tuple[str, bytes]], releases: list[dict]) -> None:
    fetched = datetime.now(UTC)
    for i in range(0, len(pages), 2000):
        store.upsert(
            "pages",
            [
                {
                    "url": url,
                    "kind": "forum",
                    "status": 200,
                    "content_type": "text/html; charset=UTF-8",
                    "fetched_at": fetched,
                    "sha256": content_hash(url),
                    "body": zlib.compress(body, 1),
                }
                for url, body in pages[i : i + 2000]
            ],
        )
    store.upsert(
        "sources",
        [
            {
                "url": r["url"],
                "final_url": r["url"],
                "domain": r["url"].split("/")[2],
                "official": True,
                "title": r["title"],
                "published": datetime(2026, 1, 1).date(),
                "body": r["text"],
                "status": 200,
                "fetched_at": fetched,
                "attempts": 1,
            }
            for r in releases
        ],
    )
    store.start_run(
        "bench-forum",
        "forum",
        {"forum": "bench", "url": smf.SCRIPT, "engine": "smf", "timezone": "America/New_York"},
    )


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", default="", help="keep the database here (default: a temp dir)")
    args = parser.parse_args(argv)

    from crawler.replay import replay
    from provenance.link.stage import link_posts
    from provenance.quotes.stage import trace_quotes

    started = time.perf_counter()
    pages, releases = generate(args.posts)
    generated = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.duckdb")
        times: dict[str, float] = {}
        with Store.open(db) as store:
            t = time.perf_counter()
            _store_corpus(store, pages, releases)
            times["store raw pages"] = time.perf_counter() - t
            t = time.perf_counter()
            summary = replay(store, "bench", workers=args.workers)
            times["segment + clean"] = time.perf_counter() - t
            posts = summary.posts["new"]
            t = time.perf_counter()
            linked = link_posts(store)
            times["sign + link"] = time.perf_counter() - t
            t = time.perf_counter()
            quoted = trace_quotes(store)
            times["quotes"] = time.perf_counter() - t
            counts = store.counts()
    total = sum(times.values())
    print(
        f"corpus: {posts:,} posts on {len(pages):,} SMF 2.0 pages, {len(releases)} releases "
        f"(generated in {generated:.1f} s, not counted)"
    )
    print(f"{'stage':<18}{'seconds':>10}{'posts/s':>12}{'share':>8}")
    for stage, seconds in times.items():
        rate = posts / seconds if seconds else float("inf")
        print(f"{stage:<18}{seconds:>10.1f}{rate:>12,.0f}{seconds / total:>8.0%}")
    print(f"{'overall':<18}{total:>10.1f}{posts / total:>12,.0f}{1:>8.0%}")
    print(f"peak memory {_peak_mb():,.0f} MB (this process or one child)")
    goal_minutes = 1_000_000 / (posts / total) / 60
    print(f"at this rate 1,000,000 posts take {goal_minutes:.1f} min (goal: 15 min, 8 GB)")
    print(
        f"links {linked.links:,} ({linked.by_verdict}); statements {quoted.statements}, "
        f"occurrences {quoted.occurrences:,} ({quoted.by_label})"
    )
    print(
        f"rows: posts {counts['posts']:,}, links {counts['links']:,}, "
        f"quote_occurrences {counts['quote_occurrences']:,}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
