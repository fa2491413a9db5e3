"""Fetch safety: the address guard, retries that back off, and an explicit proxy setting.

URLs taken from posts are written by strangers, so a crawl must not become a
way to reach the machine's own services or its network: a request whose host
is (or resolves to) a loopback, private, link-local, multicast or reserved
address is refused unless the host is listed in PROVENANCE_ALLOWED_HOSTS.
Redirects pass through downloader middlewares again, so they are checked too.

Old forum servers answer a busy minute with 429 or 503 and time out under
load; Scrapy (2.19) retries those at once, which a struggling server reads as
more load. The retry middleware here waits before each retry, longer each
time, and as long as a Retry-After header asks (within a cap).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.settings import BaseSettings

log = logging.getLogger(__name__)


class BlockedAddress(IgnoreRequest):
    """A request to an address the guard does not allow."""


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for an address on the public internet only.

    `is_global` also refuses the ranges that are neither private nor public
    (carrier-grade NAT 100.64.0.0/10, benchmarking, documentation); an IPv6
    address that carries an IPv4 one (mapped, 6to4, Teredo) is judged by
    that IPv4 address as well.
    """
    embedded: list[ipaddress.IPv4Address] = []
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return _is_public(ip.ipv4_mapped)
        embedded += [ip.sixtofour] if ip.sixtofour is not None else []
        embedded += [ip.teredo[1]] if ip.teredo is not None else []
    return all(
        a.is_global
        and not (
            a.is_private
            or a.is_loopback
            or a.is_link_local
            or a.is_multicast
            or a.is_reserved
            or a.is_unspecified
        )
        for a in (ip, *embedded)
    )


def blocked_reason(host: str, allowed: frozenset[str]) -> str | None:
    """Why `host` may not be fetched, or None when it may."""
    host = host.lower().strip("[]")
    if host in allowed:
        return None
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        return f"{host} does not resolve ({exc})"
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not _is_public(address):
            return f"{host} resolves to non-public address {address}"
    return None


class AddressGuardMiddleware:
    def __init__(self, allowed: list[str], crawler: Crawler) -> None:
        self.allowed = frozenset(h.lower() for h in allowed)
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressGuardMiddleware:
        return cls(crawler.settings.getlist("PROVENANCE_ALLOWED_HOSTS"), crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        host = urlsplit(request.url).hostname or ""
        reason = blocked_reason(host, self.allowed)
        if reason:
            if self.stats:
                self.stats.inc_value("provenance/blocked_address")
            log.warning("refused %s: %s", request.url, reason)
            raise BlockedAddress(reason)


class ProxyMiddleware:
    """Send every request through PROVENANCE_PROXY when it is set."""

    def __init__(self, proxy: str) -> None:
        self.proxy = proxy

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProxyMiddleware:
        return cls(crawler.settings.get("PROVENANCE_PROXY", ""))

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if self.proxy and "proxy" not in request.meta:
            request.meta["proxy"] = self.proxy


def backoff_delay(retry: int, base: float, cap: float, retry_after: float | None = None) -> float:
    """Seconds to wait before retry number `retry` (1 for the first): `base`
    doubled for each earlier retry, or what the server asked (Retry-After),
    never more than `cap`."""
    wanted = retry_after if retry_after is not None else base * 2 ** max(retry - 1, 0)
    return max(0.0, min(cap, wanted))


def retry_after(response: Response) -> float | None:
    """The seconds a Retry-After header asks for (a number or an HTTP date), or None."""
    value = (response.headers.get("Retry-After") or b"").decode("latin-1").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware (RETRY_TIMES, RETRY_HTTP_CODES, RETRY_EXCEPTIONS)
    with a wait before each retry: PROVENANCE_RETRY_BACKOFF seconds, doubled at
    each retry, or the response's Retry-After, at most PROVENANCE_RETRY_BACKOFF_MAX.
    """

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("PROVENANCE_RETRY_BACKOFF", 1.0)
        self.cap = settings.getfloat("PROVENANCE_RETRY_BACKOFF_MAX", 60.0)

    def _with_delay(self, result: Any, asked: float | None = None) -> Any:
        if isinstance(result, Request):
            delay = backoff_delay(result.meta.get("retry_times", 1), self.base, self.cap, asked)
            result.meta["retry_delay"] = delay
            if self.crawler.stats:
                self.crawler.stats.inc_value("provenance/retry_wait_ms", int(delay * 1000))
            log.info("retrying %s in %.1fs", result.url, delay)
        return result

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        result = super().process_response(request, response)
        asked = retry_after(response) if response.status in (429, 503) else None
        return self._with_delay(result, asked)  # type: ignore[no-any-return]

    def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> Request | Response | None:
        return self._with_delay(super().process_exception(request, exception))  # type: ignore[no-any-return]

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        delay = request.meta.pop("retry_delay", 0.0)
        if delay:
            await asyncio.sleep(delay)
