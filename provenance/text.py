"""Text normalisation, tokens, passages and shingles for linking posts to sources.

Everything the linker compares goes through this module, so that a post and its
source are cut into tokens the same way. Two token streams are produced:

* ``words``: every word, for verbatim copies and excerpts;
* ``immutables``: the tokens a synonym spinner cannot change (after DSpin,
  Zhang, Dave and Voelker, NDSS 2014): capitalised words that are not
  sentence-initial (names, places, agencies, acronyms), numbers, and every
  word inside quoted speech. Spun copies keep these and swap the rest.

Token rules (documented here, relied on by the tests):

* Unicode NFKC, curly quotes to straight, every dash to ``-``, lowercase.
* A token is a run of letters and digits. Hyphens split tokens
  (``fentanyl-laced`` -> ``fentanyl``, ``laced``) because copies vary hyphens.
* An apostrophe inside a word keeps it whole (``europol's``).
* A ``.`` or ``,`` between digits stays inside a number; thousands commas are
  then dropped (``6,000`` -> ``6000``) so that ``6,000`` and ``6000`` match.
* Currency signs and ``%`` are punctuation: ``$53.4`` -> ``53.4``, because a
  rewrite writes "$53.4 million" as often as "53.4 million dollars".
* Abbreviations split at dots: ``U.S.`` -> ``u``, ``s``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

__all__ = [
    "immutable_shingles",
    "immutables",
    "immutables_with_positions",
    "normalise",
    "paragraphs",
    "passages",
    "strip_urls",
    "windows",
    "word_shingles",
    "words",
]

# Typographic single quotes and primes become ', double ones and guillemets
# (quotation marks in European releases) become ". Two regexes, not
# str.translate with a dict, which is several times slower on long texts.
_SINGLE_QUOTES = re.compile("[\u2018\u2019\u201a\u201b\u2032]")
_DOUBLE_QUOTES = re.compile("[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]")
# Every Unicode dash punctuation character (category Pd) and the minus sign (Sm);
# the stdlib re module has no \p{Pd}.
_DASHES = re.compile(
    "[\u058a\u05be\u1400\u1806\u2010-\u2015\u2212\u2e17\u2e1a\u2e3a\u2e3b"
    "\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead]"
)
_WHITESPACE = re.compile(r"\s+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# Letters/digits, optionally joined by an in-word apostrophe or a decimal or
# thousands separator between two digits.
_TOKEN = re.compile(r"[^\W_]+(?:(?:'|(?<=\d)[.,](?=\d))[^\W_]+)*")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d)")
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*")
# A period after one of these does not end a sentence, so the capitalised
# word after it is not sentence-initial ("Gen. Smith", "U.S. Marshals").
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "no", "gen", "sen", "rep", "gov", "lt", "col"}
    | {"sgt", "capt", "inc", "co", "corp", "ltd", "vs", "dept", "ave"}
)
_SENTENCE_END = ".!?"
# Characters that may sit between a sentence end and the next word.
_OPENERS = "\"'([{ \t\r\n"

MIN_PARAGRAPH_WORDS = 8


def _fold(text: str) -> str:
    """NFKC, straight quotes and ASCII dashes, case kept (immutables need case)."""
    text = unicodedata.normalize("NFKC", text)
    text = _DOUBLE_QUOTES.sub('"', _SINGLE_QUOTES.sub("'", text))
    return _DASHES.sub("-", text)


def normalise(text: str) -> str:
    """Return ``text`` in NFKC, with straight quotes, ``-`` dashes, lowercased,
    and every run of whitespace (newlines included) collapsed to one space."""
    return _WHITESPACE.sub(" ", _fold(text).lower()).strip()


def strip_urls(text: str) -> str:
    """Return ``text`` without URLs (``http(s)://...`` and ``www....``).

    A repost's URL line is forum furniture, not copied text: left in, its
    path words ("largest-international-operation-...") become shingles that
    no source has and lower the containment of a verbatim repost.
    """
    return _URL.sub(" ", text)


def _clean_token(token: str) -> str:
    if "," in token:
        token = _THOUSANDS.sub("", token)
    return token.lower()


def words(text: str) -> list[str]:
    """Return the normalised word tokens of ``text`` in order (see module rules)."""
    return [_clean_token(m.group()) for m in _TOKEN.finditer(_fold(text))]


def paragraphs(text: str) -> list[str]:
    """Return the non-empty paragraphs of ``text``, stripped, case kept.

    Any line break separates paragraphs: forum engines often render a
    release's paragraphs as single lines with no blank line between them.
    """
    return [p for p in _PARAGRAPH_BREAK.split(text.strip()) if p]


def windows(tokens: Sequence[str], window: int = 50, step: int = 25) -> list[list[str]]:
    """Cut ``tokens`` into overlapping windows of ``window`` tokens every ``step``.

    A sequence of at most 1.5 x ``window`` tokens is one window (splitting it
    would leave a stub). The last window is aligned to the end so that no
    window is shorter than ``window``.

    Raises:
        ValueError: if ``window`` < 1 or ``step`` is not in [1, window].
    """
    if window < 1:
        raise ValueError(f"window must be >= 1, got {window!r}")
    if not 1 <= step <= window:
        raise ValueError(f"step must be in [1, window={window}], got {step!r}")
    tokens = list(tokens)
    if not tokens:
        return []
    if len(tokens) <= window * 3 // 2:
        return [tokens]
    starts = list(range(0, len(tokens) - window + 1, step))
    if starts[-1] + window < len(tokens):
        starts.append(len(tokens) - window)
    return [tokens[s : s + window] for s in starts]


def passages(
    text: str, window: int = 50, step: int = 25, min_words: int = MIN_PARAGRAPH_WORDS
) -> list[str]:
    """Return the passages of ``text`` as normalised, space-joined word strings.

    A paragraph is a passage; a paragraph shorter than ``min_words`` words
    (a dateline, a heading) is merged with the next one, and the last one
    with the previous; a long paragraph is cut by :func:`windows`. A post
    copying three paragraphs of a long release thus yields the same passages
    as the release itself, which is what the passage LSH needs.

    Raises:
        ValueError: for a bad ``window``, ``step`` or ``min_words``.
    """
    if min_words < 1:
        raise ValueError(f"min_words must be >= 1, got {min_words!r}")
    windows([], window, step)  # validates window and step before any work
    merged: list[list[str]] = []
    pending: list[str] = []
    for paragraph in paragraphs(text):
        pending.extend(words(paragraph))
        if len(pending) >= min_words:
            merged.append(pending)
            pending = []
    if pending:
        if merged:
            merged[-1].extend(pending)
        else:
            merged.append(pending)
    return [" ".join(w) for block in merged for w in windows(block, window, step)]


def word_shingles(tokens: Sequence[str], k: int = 5) -> list[str]:
    """Return the distinct ``k``-token shingles of ``tokens`` in first-seen order.

    A non-empty sequence shorter than ``k`` gives one shingle of all its
    tokens (so a short post is still comparable); an empty one gives [].

    Raises:
        ValueError: if ``k`` < 1.
    """
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k!r}")
    if not tokens:
        return []
    if len(tokens) < k:
        return [" ".join(tokens)]
    # dict keeps insertion order: distinct shingles, deterministic output.
    return list(dict.fromkeys(" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)))


def _quote_spans(paragraph: str) -> list[tuple[int, int]]:
    """Character spans of double-quoted speech in one (folded) paragraph.

    Quotes pair up left to right. An unmatched opening quote runs to the end
    of the paragraph: in a quotation spanning several paragraphs, each one
    opens with a quote mark and only the last one closes it.
    """
    marks = [m.start() for m in re.finditer('"', paragraph)]
    spans = [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
    if len(marks) % 2:
        spans.append((marks[-1], len(paragraph)))
    return spans


def without_quoted_speech(text: str) -> str:
    """``text`` with every double-quoted span removed, paragraphs kept.

    What is left is the poster's or writer's own wording: the linker asks
    whether a post copies a release beyond the statements it quotes (a post
    that only quotes an official is a quote occurrence, not a copy).
    """
    out = []
    for paragraph in paragraphs(_fold(text)):
        kept, last = [], 0
        for start, end in _quote_spans(paragraph):
            kept.append(paragraph[last:start])
            last = end + 1
        kept.append(paragraph[last:])
        # a line break where a quote was, so no shingle bridges the gap
        out.append("\n".join(part.strip() for part in kept if part.strip()))
    return "\n\n".join(p for p in out if p)


def _sentence_initial(paragraph: str, start: int) -> bool:
    """Whether the token starting at ``start`` begins a sentence."""
    i = start - 1
    while i >= 0 and paragraph[i] in _OPENERS:
        i -= 1
    if i < 0:
        return True
    if paragraph[i] not in _SENTENCE_END:
        return False
    if paragraph[i] == ".":
        # "Merrick B. Garland", "U.S. Attorney", "Gen. Smith": not a sentence end.
        # Walk back over the letters before the period (a regex anchored at the
        # end of paragraph[:i] would rescan the whole prefix for every word).
        j = i
        while j > 0 and paragraph[j - 1].isalpha():
            j -= 1
        before = paragraph[j:i]
        if before and (len(before) == 1 or before.lower() in _ABBREVIATIONS):
            return False
    return True


def immutables_with_positions(text: str) -> list[tuple[str, int]]:
    """Return ``(token, word_index)`` for each immutable token of ``text``.

    ``word_index`` is the token's index in ``words(text)``, which lets the
    linker compare where immutables sit in two texts (a spun copy keeps
    them at nearly the same offsets, a rewrite does not).

    A capitalised sentence-initial word counts when the same word also
    appears capitalised mid-sentence in ``text`` ("Peck dispensed ..." after
    "Anton Peck"): it is a name, and a spinner leaves it alone.
    """
    # (token, word index, immutable by itself, capitalised sentence-initial)
    candidates: list[tuple[str, int, bool, bool]] = []
    names: set[str] = set()  # capitalised mid-sentence outside quotes
    index = 0
    for paragraph in paragraphs(_fold(text)):
        quotes = _quote_spans(paragraph)
        for match in _TOKEN.finditer(paragraph):
            raw, start = match.group(), match.start()
            token = _clean_token(raw)
            if any(a < start < b for a, b in quotes) or raw[0].isdigit():
                candidates.append((token, index, True, False))
            elif raw[0].isupper():
                initial = _sentence_initial(paragraph, start)
                if not initial:
                    names.add(token)
                candidates.append((token, index, not initial, initial))
            else:
                candidates.append((token, index, False, False))
            index += 1
    return [(t, i) for t, i, keep, initial in candidates if keep or (initial and t in names)]


def immutables(text: str) -> list[str]:
    """Return the immutable tokens of ``text`` in order, lowercased.

    See the module docstring for what counts as immutable.
    """
    return [token for token, _ in immutables_with_positions(text)]


def immutable_shingles(text: str, k: int = 3) -> list[str]:
    """Return the distinct ``k``-shingles of :func:`immutables` of ``text``."""
    return word_shingles(immutables(text), k)
