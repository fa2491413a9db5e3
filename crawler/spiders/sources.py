"""The source spider: fetch every cited URL once, and the releases of official sites.

Each page is reduced to its article with trafilatura (title, body text) and
dated with htmldate. A cited URL that fails is stored with its error and
retried by a later run (up to a few attempts), never forgotten.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import tldextract
import trafilatura
from scrapy import Request, Spider
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.items import RawPage, SourcePage
from crawler.published import Published, published
from crawler.storage import store_for
from provenance.text.urls import normalise_url

log = logging.getLogger(__name__)

_GOVERNMENT = ("gov", "mil")
# the bundled public-suffix snapshot only: no network, no cache file
_extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def is_official(url: str, official_domains: frozenset[str]) -> bool:
    """True for a configured official domain (or a subdomain of one), and for a
    host registered under a government public suffix: .gov, .mil, or a
    listed government second level such as gov.uk. Decided on the registrable
    domain, never on a substring: fbi.gov.ru and justice.gov.evil.com are not
    official."""
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:  # not a URL at all (an unclosed IPv6 bracket)
        return False
    if not host:
        return False
    if any(host == d or host.endswith("." + d) for d in official_domains):
        return True
    parts = _extract(host)
    if not parts.domain or parts.is_private:
        return False
    first = parts.suffix.split(".")[0]
    return first in _GOVERNMENT


def _split(value: str | list[str] | None) -> list[str]:
    if not value:
        return []
    if isinstance(value, list):
        return value
    return [v.strip() for v in value.split(",") if v.strip()]


class SourceSpider(Spider):
    name = "sources"

    def __init__(
        self,
        official_listing: str | list[str] = "",
        official_domain: str | list[str] = "",
        max_listing_pages: str | int = 20,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.listings = [u for u in map(normalise_url, _split(official_listing)) if u]
        domains = set(_split(official_domain))
        domains.update(urlsplit(u).hostname or "" for u in self.listings)
        self.official_domains = frozenset(d.lower() for d in domains if d)
        self.max_listing_pages = int(max_listing_pages)
        self.listed: set[str] = set()  # article URLs requested from listing pages
        self.run_settings = {"listings": self.listings, "official": sorted(self.official_domains)}

    async def start(self) -> AsyncIterator[Request]:
        store = store_for(self.settings.get("PROVENANCE_DB"))
        for url in self.listings:
            yield Request(url, callback=self.parse_listing, errback=self.failed)
        for url in store.urls_to_fetch(store.cited_urls()):
            try:
                yield self._article_request(url)
            except ValueError as exc:  # a URL a stranger wrote that no request can carry
                self.crawler.stats.inc_value("provenance/source_failures")
                log.warning("source %s cannot be fetched: %s", url[:300], exc)
                yield self._failure(url, url, 0, f"cannot be fetched: {str(exc)[:200]}")

    def _article_request(self, url: str) -> Request:
        # not filtered as a duplicate: a redirect back to a URL of the chain (a
        # loop) would be dropped unseen and the source tried again every run;
        # unfiltered, the loop ends at REDIRECT_MAX_TIMES and is recorded
        return Request(
            url,
            callback=self.parse_article,
            errback=self.failed,
            meta={"cited": url},
            dont_filter=True,
        )

    def parse_listing(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            return
        base = urlsplit(response.url)
        listing_path = base.path.rstrip("/")
        pages = self.crawler.stats.get_value("provenance/listing_pages", 0)
        self.crawler.stats.inc_value("provenance/listing_pages")
        store = store_for(self.settings.get("PROVENANCE_DB"))
        articles = []
        for href in response.css("a::attr(href)").getall():
            url = normalise_url(urljoin(response.url, href))
            if not url or urlsplit(url).netloc != base.netloc:
                continue
            path = urlsplit(url).path.rstrip("/")
            if path.startswith(listing_path + "/"):
                articles.append(url)
            elif (
                path == listing_path
                and url != normalise_url(response.url)
                and pages + 1 < self.max_listing_pages
            ):
                yield Request(url, callback=self.parse_listing, errback=self.failed)
        for url in store.urls_to_fetch(articles):
            if url not in self.listed:  # requests are not filtered: see _article_request
                self.listed.add(url)
                yield self._article_request(url)

    def parse_article(self, response: Response) -> Iterator[Any]:
        cited = response.meta.get("cited") or response.url
        fetched_at = datetime.now(UTC)
        if not isinstance(response, TextResponse):
            yield self._failure(cited, response.url, response.status, "not a text page")
            return
        yield RawPage(
            url=response.url,
            status=response.status,
            fetched_at=fetched_at,
            body=response.body,
            content_type=(response.headers.get("Content-Type") or b"").decode("latin-1"),
            kind="source",
        )
        html = response.text
        doc = trafilatura.bare_extraction(
            html, url=response.url, with_metadata=True, include_comments=False, favor_precision=True
        )
        meta: dict[str, Any] = {}
        if doc is not None:
            meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        text = (meta.get("text") or "").strip()
        if not text:
            self.crawler.stats.inc_value("provenance/source_no_text")
            yield self._failure(cited, response.url, response.status, "no article text found")
            return
        when = published(html, response.url)
        if when is None and (day := _day(meta.get("date"))) is not None:
            when = day
        self.crawler.stats.inc_value("provenance/sources_fetched")
        yield SourcePage(
            url=cited,
            final_url=normalise_url(response.url) or response.url,
            status=response.status,
            fetched_at=fetched_at,
            title=(meta.get("title") or "").strip(),
            published=when.iso() if when else None,
            text=text,
            official=is_official(response.url, self.official_domains),
        )

    def _failure(self, url: str, final_url: str, status: int, error: str) -> SourcePage:
        return SourcePage(
            url=url,
            final_url=final_url,
            status=status,
            fetched_at=datetime.now(UTC),
            error=error,
            official=is_official(url, self.official_domains),
        )

    def failed(self, failure: Any) -> Iterator[SourcePage]:
        request = failure.request
        self.crawler.stats.inc_value("provenance/source_failures")
        status = failure.value.response.status if failure.check(HttpError) else 0
        reason = failure_reason(failure)
        log.warning("source %s failed: %s", request.url, reason)
        cited = request.meta.get("cited")
        if cited:
            yield self._failure(cited, request.url, status, reason[:300])


_DATA_LOSS = ("_DataLoss", "ResponseDataLossError")


def failure_reason(failure: Any) -> str:
    """A failed request's reason as one non-empty line: Twisted's connection
    failures carry their causes in `reasons` and print as nothing."""
    value = failure.value
    causes = [getattr(r, "value", r) for r in getattr(value, "reasons", None) or []]
    if any(type(c).__name__ in _DATA_LOSS for c in (value, *causes)):
        return "response cut short: fewer bytes than its Content-Length"
    text = str(value).strip() or "; ".join(f"{type(c).__name__}: {c}".rstrip(": ") for c in causes)
    return text or type(value).__name__


def _day(value: object) -> Published | None:
    """A date trafilatura found (YYYY-MM-DD) as a date-only publication time."""
    try:
        day = datetime.strptime(str(value)[:10], "%Y-%m-%d") if value else None
    except ValueError:
        return None
    return Published(day.replace(tzinfo=UTC), False) if day else None
