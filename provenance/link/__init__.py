"""Linking posts to the official sources they copy.

``signatures`` makes MinHash sketches of passages (datasketch-compatible
values), ``index`` is the banded LSH index over source passages, ``linker``
finds candidates through both indexes and verifies each one exactly to give
a verdict (verbatim, excerpt, spun, rewrite, cites-only); ``stage`` runs all
of it against the store. Text is cut into tokens by :mod:`provenance.text`.
"""

from __future__ import annotations

from provenance.link.linker import (
    VERDICTS,
    Comparison,
    Linker,
    LinkOptions,
    LinkResult,
    PostText,
    SourceText,
    canonical_url,
)

__all__ = [
    "VERDICTS",
    "Comparison",
    "LinkOptions",
    "LinkResult",
    "Linker",
    "PostText",
    "SourceText",
    "canonical_url",
]
