"""Forum engines: one page object per engine, and detection.

The registry is an explicit dict (no import-time registration): the name is
what a user writes in `forums.toml` or `--engine` to override detection.
"""

from __future__ import annotations

from parsel import Selector

from crawler.engines.base import Engine, ListingPage, PageContext, PageError, ThreadPage
from crawler.engines.smf import Smf20

ENGINES: dict[str, Engine] = {
    "smf": Smf20(),
}


class UnknownEngine(ValueError):
    """An engine name that is not in the registry."""


def get_engine(name: str) -> Engine:
    """The engine registered as `name`; raises UnknownEngine naming the known ones."""
    try:
        return ENGINES[name]
    except KeyError:
        known = ", ".join(sorted(ENGINES))
        raise UnknownEngine(f"unknown engine {name!r} (known: {known})") from None


def detect_engine(url: str, sel: Selector) -> Engine | None:
    """The first engine whose fingerprints the page carries, or None."""
    for engine in ENGINES.values():
        if engine.detect(url, sel):
            return engine
    return None


__all__ = [
    "ENGINES",
    "Engine",
    "ListingPage",
    "PageContext",
    "PageError",
    "ThreadPage",
    "UnknownEngine",
    "detect_engine",
    "get_engine",
]
