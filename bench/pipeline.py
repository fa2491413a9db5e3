"""Throughput of the whole pipeline, replayed from stored raw pages.

Generates a forum corpus of N posts as raw SMF 2.0 thread pages (rendered
with the sample forum's own templates, tools/build_sample.py), reposting,
excerpting, spinning and quoting a set of official releases (the labelled
link set's releases, tests/data/link_eval/releases.jsonl), stores the pages
in a DuckDB `pages` table as a crawl would, then runs the stages the way the
CLI does and measures each:

    segment + clean   crawler.replay.replay (page objects over stored pages, 2 processes)
    sign + link       provenance.link.stage.link_posts
    quotes            provenance.quotes.stage.trace_quotes

and prints per stage and in total the CPU microseconds per post (getrusage of
this process and its finished children: the figure that holds on a shared
machine), the wall seconds, the cores kept busy (CPU over wall), the share of
CPU and the peak RSS so far of this process and of its largest child. The
corpus is generated and stored a window of topics at a time, never held
whole, so the peak RSS is the pipeline's own. Goal on the project's 2-core
machine: at most 960 CPU microseconds per post in all, with both cores busy,
so that 1,000,000 posts take at most 10 minutes and 3 GB.

    .venv/bin/python bench/pipeline.py --posts 20000
    .venv/bin/python bench/pipeline.py --posts 100000 --workers 1
    .venv/bin/python bench/pipeline.py --posts 1000000   # the goal's size

To compare with other code, run this file against another checkout:
``PYTHONPATH=<checkout> python bench/pipeline.py`` keeps this bench and uses
that checkout's stages (the stages are called with ``workers`` only when
they take it).

Only the SMF 2.0 engine's pages are generated (the other engines' pages
would need their own renderers): segment speed differs per engine, see
bench/engines.py for posts per second of every page object.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import random
import resource
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# PYTHONPATH, when set, names the code under test (see above); else this checkout
sys.path[:0] = (
    [str(ROOT / "tools")] if os.environ.get("PYTHONPATH") else [str(ROOT), str(ROOT / "tools")]
)

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
    """(url, html) of every thread page of a corpus of `n_posts` posts, and the releases
    (all in memory: for tests and small corpora; the bench streams :func:`pages`)."""
    return list(pages(n_posts, seed)), _releases()


def pages(n_posts: int, seed: int = 7) -> Iterator[tuple[str, bytes]]:
    """(url, html) of every thread page of a corpus of `n_posts` posts, generated a
    window of topics at a time so that the corpus is never held whole."""
    releases = _releases()
    for topics, numbered in _topic_windows(n_posts, seed, releases):
        for topic in topics:
            posts = numbered[topic.tid]
            for page_start in smf.page_starts(len(posts)):
                url = f"{smf.SCRIPT}?topic={topic.tid}.{page_start}"
                html = smf.render_topic_page(topic, posts, page_start, topic.views)
                yield url, html.encode("utf-8")


def generate_topics(n_posts: int, seed: int = 7) -> tuple[list, dict, list[dict]]:
    """The topics of a corpus of `n_posts` posts, numbered as SMF does, and the releases."""
    releases = _releases()
    topics = [t for window, _ in _topic_windows(n_posts, seed, releases) for t in window]
    return topics, smf.number_posts(topics), releases


def _topic_windows(
    n_posts: int, seed: int, releases: list[dict], window: int = 200
) -> Iterator[tuple[list, dict]]:
    """Topics in windows of `window`, each numbered as SMF does (message ids in
    posting order, offset past the previous windows' ids)."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 5, 8, 0, tzinfo=smf.EASTERN)
    topics: list = []
    first_msg = 0
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
        if len(topics) == window:
            yield topics, _numbered(topics, first_msg)
            first_msg += sum(len(t.posts) for t in topics)
            topics = []
    if topics:
        yield topics, _numbered(topics, first_msg)


def _numbered(topics: list, first_msg: int) -> dict:
    numbered = smf.number_posts(topics)
    if first_msg:
        numbered = {
            tid: [replace(p, msg=p.msg + first_msg) for p in posts]
            for tid, posts in numbered.items()
        }
    return numbered


def _store_corpus(store: Store, pages: Iterable[tuple[str, bytes]], releases: list[dict]) -> int:
    """Store the raw pages in batches as they come; returns how many."""
    fetched = datetime.now(UTC)
    count = 0
    for batch in _chunks(pages, 2000):
        count += len(batch)
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
                for url, body in batch
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
                "published": datetime(2026, 1, 1, tzinfo=UTC),
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
    return count


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


@dataclass
class Cost:
    """What one stage cost: CPU seconds of this process and its finished children,
    wall seconds, and the peak RSS of this process and of its largest child so far."""

    cpu: float
    wall: float
    peak_self_mb: float
    peak_child_mb: float


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _peaks_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, kids / 1024


def _measure(costs: dict[str, Cost], name: str, run: Callable[[], Any]) -> Any:
    """Run one stage and record its cost under `name`; returns what it returns.
    Children count once they have exited (a stage's worker pools are joined)."""
    cpu, wall = _cpu(), time.perf_counter()
    result = run()
    costs[name] = Cost(_cpu() - cpu, time.perf_counter() - wall, *_peaks_mb())
    return result


def _with_workers(stage: Callable[..., Any], store: Store, workers: int) -> Any:
    """Call a stage with `workers` when it takes them (older stages do not)."""
    if "workers" in inspect.signature(stage).parameters:
        return stage(store, workers=workers)
    return stage(store)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", default="", help="keep the database here (default: a temp dir)")
    args = parser.parse_args(argv)

    from crawler.replay import replay
    from provenance.link.stage import link_posts
    from provenance.quotes.stage import trace_quotes

    releases = _releases()
    costs: dict[str, Cost] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.duckdb")
        with Store.open(db) as store:
            n_pages = _measure(
                costs,
                "generate + store pages",
                lambda: _store_corpus(store, pages(args.posts), releases),
            )
            summary = _measure(
                costs, "segment + clean", lambda: replay(store, "bench", workers=args.workers)
            )
            posts = summary.posts["new"]
            linked = _measure(
                costs, "sign + link", lambda: _with_workers(link_posts, store, args.workers)
            )
            quoted = _measure(
                costs, "quotes", lambda: _with_workers(trace_quotes, store, args.workers)
            )
            counts = store.counts()
    stages = {k: v for k, v in costs.items() if k != "generate + store pages"}
    cpu = sum(c.cpu for c in stages.values())
    wall = sum(c.wall for c in stages.values())
    print(
        f"corpus: {posts:,} posts on {n_pages:,} SMF 2.0 pages, {len(releases)} releases, "
        f"--workers {args.workers}"
    )
    print(
        f"{'stage':<24}{'CPU us/post':>12}{'CPU s':>9}{'wall s':>9}{'cores':>7}"
        f"{'share':>7}{'peak MB':>9}{'child MB':>10}"
    )
    for stage, c in costs.items():
        share = f"{c.cpu / cpu:.0%}" if stage in stages and cpu else "-"
        print(
            f"{stage:<24}{c.cpu / posts * 1e6:>12,.0f}{c.cpu:>9.1f}{c.wall:>9.1f}"
            f"{c.cpu / c.wall if c.wall else 0:>7.2f}{share:>7}"
            f"{c.peak_self_mb:>9,.0f}{c.peak_child_mb:>10,.0f}"
        )
    print(
        f"{'pipeline (not generate)':<24}{cpu / posts * 1e6:>12,.0f}{cpu:>9.1f}{wall:>9.1f}"
        f"{cpu / wall if wall else 0:>7.2f}{'100%':>7}"
    )
    peak_self, peak_child = _peaks_mb()
    print(
        f"peak RSS: this process {peak_self:,.0f} MB, largest child {peak_child:,.0f} MB "
        f"({peak_self * 1024 / posts:,.1f} KB per post in this process)"
    )
    print(
        "cores: CPU seconds over wall seconds; on a shared machine wall time says little, "
        "CPU per post is the figure to compare"
    )
    print(
        f"at this CPU cost 1,000,000 posts take {cpu / posts * 1e6 / 60:.1f} CPU minutes "
        f"(goal: 960 us/post = 16 CPU minutes, 10 min on 2 cores, 3 GB)"
    )
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
