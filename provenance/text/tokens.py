"""Folding, normalisation and word tokens: the token rules of the package docstring."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Typographic single quotes and primes become ', double ones and guillemets
# (quotation marks in European releases) become ", and every Unicode dash
# punctuation character (category Pd; the stdlib re module has no \p{Pd}) and
# the minus sign become -. A replace per character present: a text has few of
# them, and str.translate with a dict is many times slower on long texts.
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = (
    "\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e17\u2e1a"
    "\u2e3a\u2e3b\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead"
)
_FOLDED = (
    dict.fromkeys(_SINGLE_QUOTES, "'")
    | dict.fromkeys(_DOUBLE_QUOTES, '"')
    | dict.fromkeys(_DASHES, "-")
)
_WHITESPACE = re.compile(r"\s+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_WWW = ("ww.", "wW.", "Ww.", "WW.")
# Letters/digits, optionally joined by an in-word apostrophe or a decimal or
# thousands separator between two digits.
_TOKEN = re.compile(r"[^\W_]+(?:(?:'|(?<=\d)[.,](?=\d))[^\W_]+)*")
# A comma between digits; the literal first lets the regex engine jump from
# comma to comma instead of trying a lookbehind at every character.
_THOUSANDS = re.compile(r",(?<=\d,)(?=\d)")
# Splitting on the captured token pattern gives [separator, token, separator,
# token, ..., tail] at C speed: the separator before a token is all that the
# quote and sentence logic of cut() needs to know about the text around it.
_TOKEN_SPLIT = re.compile("(" + _TOKEN.pattern + ")")
# The one character whose lowercase is not a token character (U+0130 becomes
# "i" + U+0307): a text with it is lowercased token by token, as before.
_LOWER_SPLITS = "\u0130"
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


# Bidirectional controls (embeddings, overrides, isolates, marks): invisible,
# they reorder what a reader sees and split words for a machine; text loses them.
BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_NO_BIDI = str.maketrans(dict.fromkeys(BIDI_CONTROLS))


def strip_bidi(text: str) -> str:
    """`text` without bidirectional control characters."""
    return text if text.isascii() else text.translate(_NO_BIDI)


def _fold(text: str) -> str:
    """NFKC, straight quotes and ASCII dashes, no bidirectional controls, case
    kept (immutables need case)."""
    if text.isascii():  # NFKC, quote and dash folding only touch non-ASCII
        return text
    text = unicodedata.normalize("NFKC", text.translate(_NO_BIDI))
    for typographic, plain in _FOLDED.items():
        if typographic in text:
            text = text.replace(typographic, plain)
    return text


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
    # A cheap test first, as most texts have no URL: a match has "://" or
    # "www." in some case, so it has "://" or one of the four "ww." cases.
    if "://" not in text and not any(www in text for www in _WWW):
        return text
    return _URL.sub(" ", text)


def _clean_token(token: str) -> str:
    if "," in token:
        token = _THOUSANDS.sub("", token)
    return token.lower()


# Per ASCII code, as the str methods say: the classes the tokeniser and the
# immutable rules look at.
_ASCII = [chr(c) for c in range(128)]
_CLASSES = {
    name: np.array([method(c) for c in _ASCII])
    for name, method in (
        ("alnum", str.isalnum),
        ("decimal", str.isdecimal),
        ("lower", str.islower),
        ("upper", str.isupper),
        ("digit", str.isdigit),
    )
}
# Below this many characters the regex is quicker than numpy's fixed costs.
VECTOR_MIN_CHARS = 400


def _classes(codes: np.ndarray, *names: str) -> list[np.ndarray]:
    """The named classes (``str.isalnum`` ...) of each code point."""
    if codes.dtype == np.uint8 or not len(codes) or int(codes.max()) < 128:
        return [_CLASSES[name][codes] for name in names]
    high = codes >= 128
    low = np.where(high, 0, codes)
    distinct, inverse = np.unique(codes[high], return_inverse=True)
    chars = [chr(c) for c in distinct.tolist()]
    found = []
    for name in names:
        flags = _CLASSES[name][low]
        method = getattr(str, f"is{name}")
        flags[high] = np.array([method(c) for c in chars], dtype=bool)[inverse]
        found.append(flags)
    return found


@dataclass(frozen=True, slots=True)
class _Tokens:
    """The raw tokens of one folded text, sorted by what :func:`_cut` does at them.

    * *quiet*: a word starting with a lowercase letter, with no quote mark
      or line break before it: nothing happens there but counting (and,
      inside a quotation, marking it immutable);
    * *simple*: a word starting with a digit (``digits``) or a capital
      (``capitals``) after exactly one space: immutable, and a capital there
      is a name (unless quoted);
    * the others (``visit``, with ``seps``: the text between each of them
      and the token before it, or the text start) are looked at one by one.
    """

    raws: list[str]
    visit: list[int]
    seps: list[str]
    digits: list[int]
    capitals: list[int]


def _tokens_regex(folded: str) -> _Tokens:
    parts = _TOKEN_SPLIT.split(folded)
    raws = parts[1::2]
    visit, digits, capitals = [], [], []
    for i, (sep, raw) in enumerate(zip(parts[0::2], raws, strict=False)):  # a tail sep
        first = raw[0]
        if not i or '"' in sep or "\n" in sep:
            visit.append(i)
        elif first.islower():
            continue
        elif sep == " " and first.isdigit():
            digits.append(i)
        elif sep == " " and first.isupper():
            capitals.append(i)
        else:
            visit.append(i)
    return _Tokens(raws, visit, [parts[2 * i] for i in visit], digits, capitals)


def _tokens_many(folded: Sequence[str]) -> list[_Tokens]:
    """The tokens of several folded texts, found with numpy in one pass
    over the texts joined by line breaks (which no token spans).

    Equal to ``_TOKEN.finditer`` on each text: a character belongs to a
    token when it is a letter or digit (``str.isalnum``, as the regex's
    ``[^\\W_]``), an apostrophe between two of those, or a ``.`` or ``,``
    between two decimal digits; a token is a maximal run of them.
    """
    joined = "\n".join(folded)
    if joined.isascii():  # one byte a character: a quarter of the memory traffic
        codec, codes = "ascii", np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
    else:
        codec = "utf-32-le"
        codes = np.frombuffer(joined.encode(codec, "surrogatepass"), dtype=np.uint32)
    alnum, decimal = _classes(codes, "alnum", "decimal")
    inside = alnum.copy()
    middle = codes[1:-1]
    inside[1:-1] |= (middle == 39) & alnum[:-2] & alnum[2:]
    inside[1:-1] |= ((middle == 46) | (middle == 44)) & decimal[:-2] & decimal[2:]
    padded = np.zeros(len(codes) + 2, dtype=np.int8)
    padded[1:-1] = inside
    edges = padded[1:] - padded[:-1]
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    spaced = np.where(inside, codes, 32).astype(codes.dtype)
    raws = spaced.tobytes().decode(codec, "surrogatepass").split()
    # where each text starts in joined, and its first token
    text_at = np.zeros(len(folded) + 1, dtype=np.int64)
    np.cumsum([len(f) + 1 for f in folded], out=text_at[1:])
    first = np.searchsorted(starts, text_at)
    before = np.empty_like(starts)
    before[:1] = 0
    before[1:] = ends[:-1]
    before = np.maximum(before, np.repeat(text_at[:-1], np.diff(first)))
    breaks = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum((codes == 34) | (codes == 10), out=breaks[1:])
    lower, upper, digit = _classes(codes[starts], "lower", "upper", "digit")
    plain = breaks[starts] == breaks[before]  # no quote mark or line break before
    plain[first[:-1][first[:-1] < len(plain)]] = False  # each text's first token
    space = plain & (starts - before == 1) & (codes[starts - 1] == 32)
    kinds = np.where(plain & lower, 0, np.where(space & digit, 1, np.where(space & upper, 2, 3)))
    bounds = first.tolist()
    lists = []  # visited, simple digit and simple capital words, per text
    for kind in (3, 1, 2):
        where = np.flatnonzero(kinds == kind)
        cut = np.searchsorted(where, first).tolist()
        flat = where.tolist()
        lists.append([flat[cut[d] : cut[d + 1]] for d in range(len(folded))])
    starts_list, before_list = starts.tolist(), before.tolist()
    found = []
    for d, (visit, digits, capitals) in enumerate(zip(*lists, strict=True)):
        low = bounds[d]
        found.append(
            _Tokens(
                raws[low : bounds[d + 1]],
                [i - low for i in visit],
                [joined[before_list[i] : starts_list[i]] for i in visit],
                [i - low for i in digits],
                [i - low for i in capitals],
            )
        )
    return found


def _cleaned(raws: list[str]) -> list[str]:
    """``_clean_token`` of each raw token, done on the tokens joined by
    spaces: a comma between digits there is inside a token, and a token's
    lowercase is the same alone or between spaces (final sigma included)."""
    if not raws:
        return []
    joined = " ".join(raws).lower()
    if "," in joined:
        joined = _THOUSANDS.sub("", joined)
    return joined.split(" ")


def _lower_tokens(folded: str) -> list[str]:
    """The cleaned tokens of folded text: lowercased and stripped of
    thousands commas as a whole before the regex runs (a token never spans
    a comma between digits' neighbours, nor does lowercasing move token
    boundaries, except for U+0130), several times faster than token by token."""
    if _LOWER_SPLITS in folded:
        return [_clean_token(t) for t in _TOKEN.findall(folded)]
    return _TOKEN.findall(_THOUSANDS.sub("", folded.lower()))


def words(text: str) -> list[str]:
    """Return the normalised word tokens of ``text`` in order (see module rules)."""
    return _lower_tokens(_fold(text))
