"""Crawl cost of the forum spider against a bare Scrapy spider, side by side.

A generated SMF 2.0 forum (bench/pipeline.py's corpus: board index, boards,
every thread page) is served on 127.0.0.1 by the sample-site server. The
forum spider crawls it from the board index (detection, page objects,
typed-signature stripping, DuckDB writes); a bare spider downloads the same
URLs with the same settings and does nothing with them. Both run as
subprocesses; each is measured in CPU seconds (getrusage of the finished
child: on a shared machine wall time says little) and per page, and the
forum spider's CPU per page is divided by the bare one's. Goal: at most 1.5.
Each spider runs `--runs` times (default 2) in turns, the whole crawl and a
one-page crawl (the process's start); the cheapest of each counts, and CPU
per page is given over the whole run and past the start.

    .venv/bin/python bench/crawl_speed.py --posts 6000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tools")]

import build_sample as smf  # noqa: E402
from pipeline import generate_topics  # noqa: E402

from provenance.app.commands import run_crawl  # noqa: E402
from provenance.app.options import CrawlOptions  # noqa: E402
from provenance.sample.server import serve_sites  # noqa: E402

HOST = smf.FORUM_HOST
SETTINGS = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "LOG_LEVEL": "WARNING"}

BARE = r"""
import json, sys
from scrapy import Request, Spider
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from crawler import settings as project

urls, proxy = json.load(open(sys.argv[1])), sys.argv[2]

class Bare(Spider):
    name = "bare"
    async def start(self):
        for url in urls:
            yield Request(url, meta={"proxy": proxy}, callback=self.parse)
    def parse(self, response):
        return None

settings = Settings()
settings.setmodule(project, priority="project")
settings.setdict(json.loads(sys.argv[3]), priority="cmdline")
settings.set("ITEM_PIPELINES", {}, priority="cmdline")
settings.set("DOWNLOADER_MIDDLEWARES", {}, priority="cmdline")
settings.set("ROBOTSTXT_OBEY", False, priority="cmdline")
# Scrapy's own resolver: the project's address guard refuses the loopback proxy
settings.set("TWISTED_DNS_RESOLVER", "scrapy.resolver.CachingThreadedResolver", priority="cmdline")
process = CrawlerProcess(settings)
crawler = process.create_crawler(Bare)
process.crawl(crawler)
process.start()
print(json.dumps({"responses": crawler.stats.get_value("downloader/response_count", 0)}))
"""


def build_site(root: Path, n_posts: int) -> list[str]:
    """Write the forum's pages and routes under root/HOST; return every page URL."""
    topics, numbered, _ = generate_topics(n_posts)
    smf.TOPICS = tuple(topics)  # the board renderers read the module's topic list
    folder = root / HOST
    folder.mkdir(parents=True)
    pages = {"/index.php": ("index.html", smf.render_board_index(numbered))}
    for board in smf.BOARDS:
        route = f"/index.php?board={board.bid}.0"
        pages[route] = (f"board_{board.bid}.html", smf.render_board_page(board, numbered))
    for topic in topics:
        posts = numbered[topic.tid]
        for start in smf.page_starts(len(posts)):
            html = smf.render_topic_page(topic, posts, start, topic.views)
            pages[f"/index.php?topic={topic.tid}.{start}"] = (f"t{topic.tid}_{start}.html", html)
    for name, html in pages.values():
        (folder / name).write_text(html, encoding="utf-8")
    routes = {route: name for route, (name, _) in pages.items()}
    (folder / "routes.json").write_text(json.dumps(routes), encoding="utf-8")
    return [f"http://{HOST}{route}" for route in routes]


def _children_cpu() -> float:
    """CPU seconds of the finished children of this process (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _measure(run: Callable[[], int]) -> tuple[int, float, float]:
    """(pages, CPU seconds of the child, wall seconds) of one spider run."""
    cpu, wall = _children_cpu(), time.perf_counter()
    pages = run()
    return pages, _children_cpu() - cpu, time.perf_counter() - wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=6000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "sites"
        urls = build_site(root, args.posts)
        with serve_sites(sites_dir=root) as proxy:

            def bare(first: int = len(urls)) -> int:
                listed = Path(tmp) / f"urls{first}.json"
                listed.write_text(json.dumps(urls[:first]))
                out = subprocess.run(
                    [sys.executable, "-c", BARE, str(listed), proxy, json.dumps(SETTINGS)],
                    capture_output=True,
                    text=True,
                    check=True,
                    cwd=ROOT,
                )
                return int(json.loads(out.stdout.strip().splitlines()[-1])["responses"])

            def forum(first: int = 0) -> int:
                db = Path(tmp) / "bench.duckdb"
                db.unlink(missing_ok=True)
                [summary] = run_crawl(
                    str(db),
                    CrawlOptions(
                        url=f"http://{HOST}/index.php",
                        forum="bench",
                        allow_hosts=(HOST,),
                        proxy=proxy,
                        fetch_sources=False,
                        no_throttle=True,
                        max_pages=first,
                        extra=tuple(f"{k}={v}" for k, v in SETTINGS.items()),
                    ),
                    echo=False,
                )
                return int(summary["responses"])

            spiders = {"bare scrapy": bare, "forum spider": forum}
            whole: dict[str, list[tuple[int, float, float]]] = {name: [] for name in spiders}
            start: dict[str, list[tuple[int, float, float]]] = {name: [] for name in spiders}
            for _ in range(args.runs):  # in turns, so that both see the same load
                for name, run in spiders.items():
                    whole[name].append(_measure(run))
                    start[name].append(_measure(lambda run=run: run(1)))
    # the cheapest run of each; a one-page run prices the process's start
    best = {name: min(found, key=lambda r: r[1]) for name, found in whole.items()}
    started = {name: min(found, key=lambda r: r[1]) for name, found in start.items()}
    marginal = {
        name: (cpu - started[name][1]) / max(pages - started[name][0], 1)
        for name, (pages, cpu, _) in best.items()
    }
    whole_base = best["bare scrapy"][1] / max(best["bare scrapy"][0], 1)
    print(f"{len(urls)} pages, {args.posts:,} posts, served on 127.0.0.1; best of {args.runs}")
    print(
        f"{'spider':<14}{'pages':>7}{'CPU s':>7}{'start s':>8}{'ms/page':>9}{'ratio':>7}"
        f"{'past start':>12}{'ratio':>7}{'wall s':>8}"
    )
    for name, (pages, cpu, wall) in best.items():
        per_page = cpu / max(pages, 1)
        print(
            f"{name:<14}{pages:>7}{cpu:>7.1f}{started[name][1]:>8.1f}{per_page * 1e3:>9.2f}"
            f"{per_page / whole_base:>7.2f}{marginal[name] * 1e3:>12.2f}"
            f"{marginal[name] / marginal['bare scrapy']:>7.2f}{wall:>8.1f}"
        )
    print(
        "ms/page: the run's CPU over its pages; past start: the CPU beyond a one-page run's\n"
        "(the process's start: Python, Scrapy, the project and DuckDB) over the other pages;\n"
        "ratio: over the bare spider's (goal: at most 1.5)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
