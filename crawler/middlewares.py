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
import re
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
from twisted.internet.interfaces import IHostnameResolver, IResolutionReceiver
from zope.interface import implementer, provider

log = logging.getLogger(__name__)


class BlockedAddress(IgnoreRequest):
    """A request to an address the guard does not allow."""


DEFAULT_PORTS = {"http": 80, "https": 443}
_HOST_CHARS = re.compile(r"[a-z0-9._:%-]+")


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


def canonical_host(host: str) -> str:
    """`host` lower-cased without brackets or a trailing dot, an IPv6 address in
    its compressed form. Shorthand IPv4 spellings (127.1, 2130706433) are kept
    as written: only the exact spelling that was allowed is allowed."""
    host = host.lower().strip("[]").rstrip(".")
    if ":" in host:
        try:
            return str(ipaddress.ip_address(host.split("%")[0]))
        except ValueError:
            return host
    return host


def parse_allowed(entries: list[str]) -> frozenset[tuple[str, str, int]]:
    """The (scheme, host, port) triples the allow list lets through.

    `host` alone allows its default ports (http on 80, https on 443);
    `host:port` (or `[v6]:port`) allows that port only, with either scheme;
    `scheme://host[:port]` allows that scheme only. Raises ValueError naming
    an entry that is none of these.
    """
    allowed: set[tuple[str, str, int]] = set()
    for entry in entries:
        text = entry.strip()
        schemes: tuple[str, ...] = ("http", "https")
        if "://" in text:
            scheme, _, text = text.partition("://")
            if scheme.lower() not in DEFAULT_PORTS:
                raise ValueError(f"not an allowed host: {entry!r} (http or https only)")
            schemes = (scheme.lower(),)
        try:
            parts = urlsplit(f"http://{text.rstrip('/')}")
            host, port = parts.hostname, parts.port
        except ValueError as exc:
            raise ValueError(f"not an allowed host: {entry!r} ({exc})") from None
        bad = not host or not _HOST_CHARS.fullmatch(host)
        if bad or parts.username or parts.password or parts.path or parts.query:
            raise ValueError(f"not an allowed host: {entry!r} (write host or host:port)")
        host = canonical_host(host)
        for scheme in schemes:
            allowed.add((scheme, host, port if port is not None else DEFAULT_PORTS[scheme]))
    return frozenset(allowed)


def origin(url: str) -> tuple[str, str, int]:
    """(scheme, canonical host, port) of `url` as the download handler reads it.
    Raises ValueError for a URL without a host or with a bad port."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = canonical_host(parts.hostname or "")
    if not host:
        raise ValueError(f"no host in {url[:200]!r}")
    port = parts.port
    return scheme, host, port if port is not None else DEFAULT_PORTS.get(scheme, 0)


def blocked_reason(
    host: str,
    allowed: frozenset[str] | frozenset[tuple[str, str, int]],
    scheme: str = "http",
    port: int | None = None,
    resolve: bool = True,
) -> str | None:
    """Why `host` (on `scheme` and `port`, the scheme's default port if None) may
    not be fetched, or None when it may. `allowed` holds (scheme, host, port)
    triples from :func:`parse_allowed`; plain host names are read as entries.

    With `resolve` False (the request goes through a proxy, which resolves the
    name on its side) an address literal is judged as before but a host name is
    not looked up here: a local lookup would leak the name to the local DNS and
    judge an address the proxy may never use."""
    if allowed and not all(isinstance(a, tuple) for a in allowed):
        allowed = parse_allowed([str(a) for a in allowed])
    host = canonical_host(host)
    port = DEFAULT_PORTS.get(scheme, 0) if port is None else port
    if (scheme, host, port) in allowed:
        return None
    if not resolve:
        return _literal_reason(host, port)
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        return f"{host} does not resolve ({exc})"
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not _is_public(address):
            return f"{host} resolves to non-public address {address} (port {port} not allowed)"
    return None


# names that mean "this machine or its network" wherever they are resolved (RFC 6761,
# RFC 8375, mDNS): refused through a proxy too, which may well run on this machine
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".home.arpa", ".lan")


def _literal_reason(host: str, port: int) -> str | None:
    """Why `host` may not be sent to a proxy: an address literal in any notation
    the C library reads (127.1, 0x7f.1, 2130706433, [::1]) that is not public,
    or a local name. Nothing is looked up in DNS (AI_NUMERICHOST)."""
    name = host.split("%")[0]
    single_label = "." not in name and ":" not in name and not name.isdigit()
    if name == "localhost" or name.endswith(_LOCAL_SUFFIXES) or single_label:
        return f"{host} is a local name (port {port} not allowed)"
    try:
        infos = socket.getaddrinfo(name, None, flags=socket.AI_NUMERICHOST)
    except (socket.gaierror, UnicodeError, ValueError):
        return None  # a name: the proxy resolves it
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not _is_public(address):
            return f"{host} is non-public address {address} (port {port} not allowed)"
    return None


class AddressGuardMiddleware:
    """Refuse a request whose (scheme, host, port) is not allowed and whose host
    is or resolves to a non-public address. The address actually connected to
    is checked again by :class:`GuardedResolver`, so a name that resolves
    differently the second time (DNS rebinding) gains nothing. A request sent
    through a proxy (ProxyMiddleware runs first) has its host name resolved by
    the proxy, never here; only an address literal is judged."""

    def __init__(self, allowed: list[str], crawler: Crawler) -> None:
        self.allowed = parse_allowed(allowed)
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressGuardMiddleware:
        return cls(crawler.settings.getlist("PROVENANCE_ALLOWED_HOSTS"), crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        try:
            scheme, host, port = origin(request.url)
            reason = (
                None if scheme in DEFAULT_PORTS else f"scheme {scheme!r} is not fetched"
            ) or blocked_reason(
                host, self.allowed, scheme, port, resolve=not request.meta.get("proxy")
            )
        except ValueError as exc:
            reason = f"not a fetchable URL ({exc})"
        if reason:
            if self.stats:
                self.stats.inc_value("provenance/blocked_address")
            log.warning("refused %s: %s", request.url[:300], reason)
            raise BlockedAddress(reason)


@implementer(IHostnameResolver)
class GuardedResolver:
    """The reactor's name resolver with the guard applied to what it returns:
    an address that is not public is dropped unless the (host, port) asked for
    is allowed, so the connection fails with no address to go to. It sees
    every connection Scrapy opens (proxies included), after the middleware's
    check, with the address really connected to."""

    def __init__(self, reactor: Any, allowed: frozenset[tuple[str, str, int]], stats: Any) -> None:
        self.reactor = reactor
        self.original = reactor.nameResolver
        self.allowed = {(host, port) for _, host, port in allowed}
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> GuardedResolver:
        entries = crawler.settings.getlist("PROVENANCE_ALLOWED_HOSTS")
        proxy = crawler.settings.get("PROVENANCE_PROXY", "")
        allowed = parse_allowed(entries)
        if proxy:
            # the proxy is the user's own choice: it may be on a private address
            allowed |= {(s, h, p) for s, h, p in [origin(proxy)]}
        return cls(reactor, allowed, getattr(crawler, "stats", None))

    def install_on_reactor(self) -> None:
        self.reactor.installNameResolver(self)

    def resolveHostName(  # noqa: N802 (Twisted's interface)
        self,
        resolutionReceiver: Any,  # noqa: N803
        hostName: str,  # noqa: N803
        portNumber: int = 0,  # noqa: N803
        addressTypes: Any = None,  # noqa: N803
        transportSemantics: str = "TCP",  # noqa: N803
    ) -> Any:
        exempt = (canonical_host(hostName), portNumber) in self.allowed
        return self.original.resolveHostName(
            _GuardedReceiver(resolutionReceiver, hostName, portNumber, exempt, self.stats),
            hostName,
            portNumber,
            addressTypes,
            transportSemantics,
        )


@provider(IResolutionReceiver)
class _GuardedReceiver:
    def __init__(self, receiver: Any, host: str, port: int, exempt: bool, stats: Any) -> None:
        self.receiver, self.host, self.port = receiver, host, port
        self.exempt, self.stats = exempt, stats

    def resolutionBegan(self, resolution: Any) -> None:  # noqa: N802
        self.receiver.resolutionBegan(resolution)

    def addressResolved(self, address: Any) -> None:  # noqa: N802
        try:
            ip = ipaddress.ip_address(str(address.host).split("%")[0])
        except (AttributeError, ValueError):
            return
        if self.exempt or _is_public(ip):
            self.receiver.addressResolved(address)
            return
        if self.stats:
            self.stats.inc_value("provenance/blocked_connect")
        log.warning("refused to connect to %s:%s (%s is not public)", self.host, self.port, ip)

    def resolutionComplete(self) -> None:  # noqa: N802
        self.receiver.resolutionComplete()


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
