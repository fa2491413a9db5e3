"""Crawl throughput of the forum spider against a bare Scrapy spider, side by side.

A generated SMF 2.0 forum (bench/pipeline.py's corpus: board index, boards,
every thread page) is served on 127.0.0.1 by the sample-site server. The
forum spider crawls it from the board index (detection, page objects,
typed-signature stripping, DuckDB writes); a bare spider downloads the same
URLs with the same settings and does nothing with them. Both run as
subprocesses, timed wall-clock. Goal: the forum spider at least 80% of the
bare spider's pages per second.

    .venv/bin/python bench/crawl_speed.py --posts 6000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=6000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "sites"
        urls = build_site(root, args.posts)
        url_file = Path(tmp) / "urls.json"
        url_file.write_text(json.dumps(urls))
        with serve_sites(sites_dir=root) as proxy:
            t = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", BARE, str(url_file), proxy, json.dumps(SETTINGS)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            bare_seconds = time.perf_counter() - t
            bare = json.loads(out.stdout.strip().splitlines()[-1])["responses"]
            t = time.perf_counter()
            [forum] = run_crawl(
                str(Path(tmp) / "bench.duckdb"),
                CrawlOptions(
                    url=f"http://{HOST}/index.php",
                    forum="bench",
                    allow_hosts=(HOST,),
                    proxy=proxy,
                    fetch_sources=False,
                    no_throttle=True,
                    extra=tuple(f"{k}={v}" for k, v in SETTINGS.items()),
                ),
                echo=False,
            )
            forum_seconds = time.perf_counter() - t
    bare_rate = bare / bare_seconds
    forum_rate = forum["responses"] / forum_seconds
    print(f"{len(urls)} pages, {args.posts:,} posts, served on 127.0.0.1")
    print(f"{'spider':<14}{'pages':>8}{'seconds':>10}{'pages/s':>10}{'ratio':>8}")
    print(f"{'bare scrapy':<14}{bare:>8}{bare_seconds:>10.1f}{bare_rate:>10.1f}{1:>8.2f}")
    print(
        f"{'forum spider':<14}{forum['responses']:>8}{forum_seconds:>10.1f}{forum_rate:>10.1f}"
        f"{forum_rate / bare_rate:>8.2f}"
    )
    print("goal: forum spider at least 0.80 of the bare spider")
    return 0


if __name__ == "__main__":
    sys.exit(main())
