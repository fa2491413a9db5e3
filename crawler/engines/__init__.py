"""Forum engines: one page object per engine, and detection.

Each engine module (or package, for engines with versions: `smf`,
`vbulletin`) holds only what is specific to its engine: selectors, URL
shapes, date formats. What page objects do alike lives in `toolkit`; the
`generic` extractor reads forums no page object knows. The registry is an
explicit dict (no import-time registration): the name is what a user writes
in `forums.toml` or `--engine` to override detection.
"""

from __future__ import annotations

from parsel import Selector

from crawler.engines.base import Engine, ListingPage, PageContext, PageError, ThreadPage
from crawler.engines.discourse import Discourse
from crawler.engines.invision import Invision4
from crawler.engines.machina import Machina
from crawler.engines.mybb import Mybb18
from crawler.engines.nodebb import NodeBB
from crawler.engines.phpbb import Phpbb3
from crawler.engines.smf import Smf20, Smf21
from crawler.engines.vbulletin import VBulletin4, VBulletin5
from crawler.engines.xenforo import XenForo2

ENGINES: dict[str, Engine] = {
    "smf": Smf20(),
    "smf21": Smf21(),
    "machina": Machina(),
    "phpbb": Phpbb3(),
    "mybb": Mybb18(),
    "discourse": Discourse(),
    "nodebb": NodeBB(),
    "vbulletin4": VBulletin4(),  # month-first dates; VBulletin4(day_first=True) for other locales
    "vbulletin5": VBulletin5(),
    "xenforo2": XenForo2(),
    "invision": Invision4(),
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
    """The first engine whose fingerprints the page carries, or None.

    A detector that cannot read the page at all (an HTML detector given a
    JSON response raises ValueError in parsel) does not recognise it.
    """
    for engine in ENGINES.values():
        try:
            if engine.detect(url, sel):
                return engine
        except ValueError:
            continue
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
