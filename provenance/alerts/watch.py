"""Watch lists: what a user wants to hear about, and whether an occurrence touches it.

A watch is a statement (its id, a prefix of it, or words of its text), a
speaker (any form of the name: "AG Whitcomb"), an official source URL, or a
whole official site (a domain, with its subdomains). Watches are stored in
the database (``provenance watch add``) or written in forums.toml
(``[[watch]]``); either way a watch is known by ``kind:key``, so the same
watch added twice is one watch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from provenance.quotes import speaker_key
from provenance.text.tokens import normalise
from provenance.text.urls import normalise_url

KINDS = ("statement", "speaker", "source", "site")
_STATEMENT_ID = re.compile(r"[0-9a-f]{6,64}")
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]+|[a-z0-9-]+")


class WatchError(ValueError):
    """A watch that cannot be understood; the message names the bad value."""


@dataclass(frozen=True)
class Watch:
    """One watched item: `key` is the normal form `value` is compared by."""

    kind: str
    value: str
    key: str

    @property
    def watch_id(self) -> str:
        return f"{self.kind}:{self.key}"

    def row(self, origin: str) -> dict[str, Any]:
        return {
            "watch_id": self.watch_id,
            "kind": self.kind,
            "value": self.value,
            "watch_key": self.key,
            "origin": origin,
        }


def make_watch(kind: str, value: str) -> Watch:
    """The watch of `kind` on `value`. Raises WatchError for an unknown kind, an
    empty value, a speaker that names nobody, a source that is not an http(s)
    URL, or a site that is not a domain."""
    if kind not in KINDS:
        raise WatchError(f"unknown watch kind {kind!r} (one of {', '.join(KINDS)})")
    value = value.strip()
    if not value:
        raise WatchError(f"empty {kind} watch")
    if kind == "statement":
        key = value.lower() if _STATEMENT_ID.fullmatch(value.lower()) else normalise(value)
    elif kind == "speaker":
        found = speaker_key(value)
        if found is None:
            raise WatchError(f"not a speaker name: {value!r}")
        key = found
    elif kind == "source":
        url = normalise_url(value)
        if url is None:
            raise WatchError(f"not an http(s) URL: {value!r}")
        key = url
    else:
        host = urlsplit(value).hostname if "://" in value else value.lower().strip("/")
        host = (host or "").removeprefix("www.")
        if not _DOMAIN.fullmatch(host):
            raise WatchError(f"not a domain: {value!r}")
        key = host
    return Watch(kind, value, key)


def watch_from_row(row: dict[str, Any]) -> Watch:
    return Watch(str(row["kind"]), str(row["value"]), str(row["watch_key"]))


def touches(watch: Watch, occurrence: dict[str, Any]) -> bool:
    """True when `occurrence` (a row of Store.watch_candidates) touches `watch`:
    it quotes the watched statement, a statement of the watched speaker (or puts
    words in the watched speaker's mouth), or a statement of the watched source
    or site."""
    if watch.kind == "statement":
        statement_id = str(occurrence["statement_id"] or "")
        if _STATEMENT_ID.fullmatch(watch.key) and statement_id.startswith(watch.key):
            return True
        return len(watch.key) >= 12 and watch.key in normalise(occurrence["statement_text"] or "")
    if watch.kind == "speaker":
        keys = {occurrence["speaker_key"], speaker_key(occurrence["quoted_speaker"])}
        return watch.key in keys
    if watch.kind == "source":
        return normalise_url(occurrence["official_url"] or "") == watch.key
    host = (urlsplit(occurrence["official_url"] or "").hostname or "").removeprefix("www.")
    return host == watch.key or host.endswith("." + watch.key)
