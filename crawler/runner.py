"""Run one spider in this process: `python -m crawler.runner forum|sources ...`.

The Twisted reactor cannot be restarted, so the CLI runs every crawl as a
subprocess of this module. The last line printed is a JSON summary of the
crawl's stats, which the CLI reads.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

from scrapy.crawler import CrawlerProcess

from crawler.runsettings import build_settings, parse_args
from crawler.spiders.articles import ArticleSpider
from crawler.spiders.forum import ForumSpider
from crawler.spiders.sources import SourceSpider


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.spider == "forum" and args.redis_url:
        from crawler.distributed import main as distributed_main

        return distributed_main(args, sys.argv[1:] if argv is None else argv)
    process = CrawlerProcess(build_settings(args))
    kwargs: dict[str, Any]
    if args.spider == "forum":
        spider: type = ForumSpider
        kwargs = {
            "url": args.url,
            "forum": args.forum,
            "engine": args.engine,
            "timezone": args.timezone,
            "max_pages": args.max_pages,
            "max_thread_pages": args.max_thread_pages,
            "full": args.full,
            "cookies_file": args.cookies,
            "include_boards": args.include_board,
            "skip_boards": args.skip_board,
        }
    elif args.spider == "articles":
        spider = ArticleSpider
        kwargs = {"url": args.url, "max_articles": args.max_articles}
    else:
        spider = SourceSpider
        kwargs = {
            "official_listing": args.official_listing,
            "official_domain": args.official_domain,
        }
    crawler = process.create_crawler(spider)
    # Scrapy keeps its loggers at NOTSET and filters in its root handler: every
    # "Crawled" and "Scraped from" debug line would become a record, then be dropped
    logging.getLogger("scrapy").setLevel(process.settings.get("LOG_LEVEL"))
    process.crawl(crawler, **kwargs)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    summary = {
        "spider": args.spider,
        "finish_reason": stats.get("finish_reason"),
        "requests": stats.get("downloader/request_count", 0),
        "responses": stats.get("downloader/response_count", 0),
        "errors": stats.get("log_count/ERROR", 0),
        **{k: v for k, v in stats.items() if str(k).startswith("provenance/")},
    }
    print(json.dumps(summary, sort_keys=True, default=str))
    if "provenance/start_failed" in summary or "provenance/store_failed" in summary:
        return 1
    return 0 if summary["finish_reason"] == "finished" else 1


if __name__ == "__main__":
    sys.exit(main())
