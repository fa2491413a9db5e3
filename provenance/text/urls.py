"""URL normalisation shared by the crawler and the linker.

A cited URL is compared with stored source URLs, and forum URLs are
de-duplicated, so both sides must be spelled the same way: lowercase scheme
and host, no default port, no fragment, no tracking or session parameters.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import safe_url_string

# Session ids forums put in URLs (SMF PHPSESSID, phpBB sid, vBulletin s) and
# trackers that never change what a page says.
DROP_PARAMS = frozenset({"phpsessid", "sid", "s", "fbclid", "gclid", "mc_cid", "mc_eid"})
_DROP_PREFIXES = ("utm_",)
_SMF_SESSION = re.compile(r"[;&]?PHPSESSID=[0-9a-zA-Z,-]+", re.IGNORECASE)


def normalise_url(url: str) -> str | None:
    """The normal form of an http(s) URL, or None when `url` is not one."""
    url = url.strip()
    if not url:
        return None
    try:
        parts = urlsplit(safe_url_string(url))
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if ":" in host:  # an IPv6 literal keeps its brackets, or the port would run into it
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        return None
    netloc = (
        host
        if port is None or (scheme, port) in (("http", 80), ("https", 443))
        else (f"{host}:{port}")
    )
    query = _SMF_SESSION.sub("", parts.query).lstrip(";&")
    if "=" in query and ";" not in query:
        pairs = [
            (k, v)
            for k, v in parse_qsl(query, keep_blank_values=True)
            if k.lower() not in DROP_PARAMS and not k.lower().startswith(_DROP_PREFIXES)
        ]
        query = urlencode(pairs, safe=":/,")
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


def same_site(url: str, other: str) -> bool:
    """True when both URLs are on the same host and port."""
    a, b = urlsplit(url), urlsplit(other)
    return (a.hostname, a.port) == (b.hostname, b.port)
