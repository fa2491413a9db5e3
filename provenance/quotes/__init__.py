"""Quoted statements: where they are, who said them, which official words they are.

``extract`` finds quoted speech and its attribution in a text, ``speakers``
and ``references`` turn names, titles, pronouns and agencies into one person,
``variants`` matches each quote to an official statement and labels the
occurrence (verbatim, truncated, altered, misattributed, paraphrase,
unmatched); ``stage`` runs all of it against the store.
"""

from __future__ import annotations

from provenance.quotes.extract import Quote, extract_quotes, same_speaker, speaker_key

__all__ = ["Quote", "extract_quotes", "same_speaker", "speaker_key"]
