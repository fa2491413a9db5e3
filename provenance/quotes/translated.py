"""Translated quotes: an official statement rendered in another language.

The word comparison of :mod:`provenance.quotes.variants` finds nothing in a
translated quote, and the English speaker patterns of
:mod:`provenance.quotes.speakers` do not read "sagte Polizeipräsidentin Ada
Whitlock". What a translated quote keeps is what a translated post keeps:
its numbers, dates and names (:mod:`provenance.text.facts`), and the name of
its speaker somewhere around it. So a quote of a post is matched to the
statements of the sources the post is a translation of (the link stage's
``translated`` links) by three pieces of evidence:

* the speaker's surname (:func:`provenance.quotes.speakers.speaker_key`) among
  the words just before or after the quote (SPEAKER_CONTEXT characters);
* the facts the quote shares with the statement;
* similar lengths: a translation is rarely under half or over twice the
  length of its original.

A statement is the match when its speaker is named beside the quote, or when
it shares MIN_FACTS facts with it, and the lengths are comparable; the best
by (speaker, shared facts, length ratio) is labelled ``translated``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from provenance.quotes.speakers import speaker_key
from provenance.quotes.variants import Match, Statement
from provenance.text.facts import facts

__all__ = ["MIN_FACTS", "MIN_LENGTH_RATIO", "SPEAKER_CONTEXT", "match_translated"]

SPEAKER_CONTEXT = 120  # characters each side of a quote where its speaker is named
MIN_FACTS = 2  # facts a quote shares with a statement, without its speaker
MIN_LENGTH_RATIO = 0.4  # shorter / longer length of quote and statement (in letters)
_WORD = re.compile(r"[^\W\d_]+")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def match_translated(
    text: str, context: str, statements: Sequence[Statement], language: str | None
) -> Match | None:
    """The statement of ``statements`` that the quote ``text`` translates, as a
    ``translated`` :class:`Match`, or None when none is evidently it.

    ``context`` is the text around the quote (where "said Ada Whitlock" is);
    ``language`` the quote's language (its post's), for its month names.
    The score is the length ratio, plus 1 for the speaker, plus the shared
    facts (a ranking, not a probability).
    """
    own = facts(text, language or "en")
    nearby = set(_WORD.findall(_plain(context)))
    length = _letters(text)
    best: tuple[tuple[bool, int, float], Statement] | None = None
    for st in statements:
        key = speaker_key(st.speaker)
        named = key is not None and all(part in nearby for part in _WORD.findall(key))
        shared = len(own & facts(st.text))
        longer = max(length, _letters(st.text))
        ratio = min(length, _letters(st.text)) / longer if longer else 0.0
        if ratio < MIN_LENGTH_RATIO or not (named or shared >= MIN_FACTS):
            continue
        rank = (named, shared, ratio)
        if best is None or rank > best[0]:
            best = (rank, st)
    if best is None:
        return None
    (named, shared, ratio), st = best
    return Match(st.id, "translated", round(ratio + named + shared, 4), "")
