"""Text normalisation, tokens, passages and shingles for linking posts to sources.

Everything the linker compares goes through this module, so that a post and its
source are cut into tokens the same way. Two token streams are produced:

* ``words``: every word, for verbatim copies and excerpts;
* ``immutables``: the tokens a synonym spinner cannot change (after DSpin,
  Zhang, Dave and Voelker, NDSS 2014): capitalised words that are not
  sentence-initial (names, places, agencies, acronyms), numbers, and every
  word inside quoted speech. Spun copies keep these and swap the rest.

Token rules (documented here, relied on by the tests):

* Unicode NFKC, curly quotes to straight, every dash to ``-``, lowercase;
  bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E/F) removed.
* A token is a run of letters and digits. Hyphens split tokens
  (``fentanyl-laced`` -> ``fentanyl``, ``laced``) because copies vary hyphens.
* An apostrophe inside a word keeps it whole (``europol's``).
* A ``.`` or ``,`` between digits stays inside a number; thousands commas are
  then dropped (``6,000`` -> ``6000``) so that ``6,000`` and ``6000`` match.
* Currency signs and ``%`` are punctuation: ``$53.4`` -> ``53.4``, because a
  rewrite writes "$53.4 million" as often as "53.4 million dollars".
* Abbreviations split at dots: ``U.S.`` -> ``u``, ``s``.

The functions below state the rules one at a time. The linker calls
:func:`cut_many` instead, which gives the same tokens, immutables, unquoted
parts and paragraph sizes for a batch of texts in one pass (numpy finds the
tokens of the whole batch; Python looks only at the words where a quote, a
paragraph or a sentence may start), and the tests hold it equal to them.
"""

from __future__ import annotations

from provenance.text.cuts import Cut, cut, cut_many
from provenance.text.passages import (
    immutable_shingles,
    immutables,
    immutables_with_positions,
    paragraphs,
    passage_ranges,
    passages,
    window_ranges,
    windows,
    without_quoted_speech,
    word_shingles,
)
from provenance.text.tokens import _URL, BIDI_CONTROLS, normalise, strip_bidi, strip_urls, words

__all__ = [
    "BIDI_CONTROLS",
    "strip_bidi",
    "Cut",
    "cut_many",
    "without_quoted_speech",
    "_URL",
    "cut",
    "immutable_shingles",
    "immutables",
    "immutables_with_positions",
    "normalise",
    "paragraphs",
    "passage_ranges",
    "passages",
    "strip_urls",
    "window_ranges",
    "windows",
    "word_shingles",
    "words",
]
