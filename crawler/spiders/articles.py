"""The article spider: a site's RSS/Atom feeds or sitemaps → its articles.

Content farms publish spun copies as articles, not forum posts. Given a
site's home page, feed or sitemap, the spider finds the article URLs
(trafilatura's feed discovery and feed parsing on the fetched text, Scrapy's
sitemap parser; every fetch goes through Scrapy, so the address guard and
robots.txt apply), reduces each article to title, author, date and text, and
stores it as a document of kind 'article'. Articles stored before are not
fetched again.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import trafilatura
from scrapy import Request, Spider
from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import Sitemap
from trafilatura.feeds import FeedParameters, determine_feed, extract_links, get_hostinfo

from crawler.engines.toolkit.urls import BARE_URL
from crawler.items import Article, RawPage
from crawler.published import published
from crawler.storage import store_for
from provenance.text.urls import normalise_url

log = logging.getLogger(__name__)

_XML_MARKERS = ("<rss", "<feed", "<urlset", "<sitemapindex", "<rdf:RDF")


def _looks_like_xml(response: Response) -> bool:
    head = response.body[:2048].lstrip().lower()
    return head.startswith(b"<?xml") or any(m.lower().encode() in head for m in _XML_MARKERS)


class ArticleSpider(Spider):
    name = "articles"

    def __init__(self, url: str = "", max_articles: str | int = 500, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        start = normalise_url(url) if url else None
        if not start:
            raise ValueError(
                f"article spider needs an http(s) site, feed or sitemap URL, got {url!r}"
            )
        self.start_url = start
        self.site = (urlsplit(start).hostname or "").lower()
        self.allowed_domains = [self.site]
        self.max_articles = int(max_articles)
        self.requested: set[str] = set()
        self.known: set[str] = set()
        self.run_settings = {"url": start, "site": self.site, "max_articles": self.max_articles}

    async def start(self) -> AsyncIterator[Request]:
        self.known = store_for(self.settings.get("PROVENANCE_DB")).article_urls(self.site)
        yield Request(self.start_url, callback=self.parse_start, errback=self.failed)

    def _params(self, url: str) -> FeedParameters:
        domain, base = get_hostinfo(url)
        return FeedParameters(base or url, domain or self.site, url)

    def parse_start(self, response: Response) -> Iterator[Any]:
        if _looks_like_xml(response):
            yield from self.parse_xml(response)
            return
        if not isinstance(response, TextResponse):
            return
        feeds = determine_feed(response.text, self._params(response.url))
        for feed in feeds:
            yield Request(feed, callback=self.parse_xml, errback=self.failed)
        if not feeds:
            sitemap = urljoin(response.url, "/sitemap.xml")
            yield Request(sitemap, callback=self.parse_xml, errback=self.failed)

    def parse_xml(self, response: Response) -> Iterator[Any]:
        """A feed (RSS, Atom) or a sitemap (urlset or index of sitemaps)."""
        body = response.body
        try:
            sitemap = Sitemap(body)
        except Exception:  # noqa: BLE001 - lxml raises several kinds on non-XML
            sitemap = None
        if sitemap is not None and sitemap.type in ("urlset", "sitemapindex"):
            for entry in sitemap:
                loc = entry.get("loc", "")
                if sitemap.type == "sitemapindex":
                    yield Request(loc, callback=self.parse_xml, errback=self.failed)
                else:
                    yield from self._article(loc)
            return
        text = body.decode(getattr(response, "encoding", None) or "utf-8", errors="replace")
        links = extract_links(text, self._params(response.url))
        if not links:
            self.crawler.stats.inc_value("provenance/feeds_without_links")
            log.warning("no article link in %s", response.url)
        for link in links:
            yield from self._article(link)

    def _article(self, url: str) -> Iterator[Request]:
        norm = normalise_url(url)
        if not norm or urlsplit(norm).hostname != self.site:
            return
        if norm in self.known:
            self.crawler.stats.inc_value("provenance/articles_known")
            return
        if norm in self.requested or len(self.requested) >= self.max_articles:
            return
        self.requested.add(norm)
        yield Request(norm, callback=self.parse_article, errback=self.failed, meta={"url": norm})

    def parse_article(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            return
        fetched_at = datetime.now(UTC)
        yield RawPage(
            response.url,
            response.status,
            fetched_at,
            response.body,
            (response.headers.get("Content-Type") or b"").decode("latin-1"),
            "article",
        )
        doc = trafilatura.bare_extraction(
            response.text, url=response.url, with_metadata=True, favor_precision=True
        )
        meta: dict[str, Any] = {}
        if doc is not None:
            meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        text = (meta.get("text") or "").strip()
        if not text:
            self.crawler.stats.inc_value("provenance/articles_without_text")
            log.warning("no article text in %s", response.url)
            return
        when = published(response.text, response.url)
        self.crawler.stats.inc_value("provenance/articles")
        yield Article(
            url=response.meta["url"],
            site=self.site,
            title=(meta.get("title") or "").strip(),
            text=text,
            fetched_at=fetched_at,
            author=(meta.get("author") or None),
            published=when.moment if when else None,
            cited_urls=tuple(
                u
                for u in dict.fromkeys(normalise_url(m.group(0)) for m in BARE_URL.finditer(text))
                if u
            ),
        )

    def failed(self, failure: Any) -> None:
        request = getattr(failure, "request", None)
        self.crawler.stats.inc_value("provenance/failed_requests")
        if request is not None and request.url == self.start_url:
            # no feed and no sitemap can be read: the run fails instead of finishing empty
            self.crawler.stats.set_value("provenance/start_failed", str(failure.value)[:200])
        log.warning("failed %s: %s", getattr(request, "url", "?"), failure.value)
