"""Fetch safety: the address guard, and an explicit proxy setting.

URLs taken from posts are written by strangers, so a crawl must not become a
way to reach the machine's own services or its network: a request whose host
is (or resolves to) a loopback, private, link-local, multicast or reserved
address is refused unless the host is listed in PROVENANCE_ALLOWED_HOSTS.
Redirects pass through downloader middlewares again, so they are checked too.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

log = logging.getLogger(__name__)


class BlockedAddress(IgnoreRequest):
    """A request to an address the guard does not allow."""


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
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
