"""Scrapy feed exports (`scrapy crawl forum -O posts.jsonl`, FEEDS) without raw pages.

The spiders yield, next to the posts, threads, articles and sources that a
feed is for, :class:`~crawler.items.RawPage` items: the fetched bytes, which
the store keeps so that extraction can be replayed. Bytes have no JSON, CSV or
XML form, and a feed of compressed HTML is not what `-O posts.jsonl` asks for,
so this exporter leaves them out of every feed (they still reach the store).
"""

from __future__ import annotations

from typing import Any

from scrapy.extensions.feedexport import FeedExporter

from crawler.items import RawPage


class ItemFeedExporter(FeedExporter):
    """Scrapy's FeedExporter for every item but the raw pages."""

    def item_scraped(self, item: Any, spider: Any) -> None:
        if isinstance(item, RawPage):
            return
        super().item_scraped(item, spider)
