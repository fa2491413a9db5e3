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

The functions below state the rules one at a time. The linker calls
:func:`cut_many` instead, which gives the same tokens, immutables, unquoted
parts and paragraph sizes for a batch of texts in one pass (numpy finds the
tokens of the whole batch; Python looks only at the words where a quote, a
paragraph or a sentence may start), and the tests hold it equal to them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "Cut",
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


def _fold(text: str) -> str:
    """NFKC, straight quotes and ASCII dashes, case kept (immutables need case)."""
    if text.isascii():  # NFKC, quote and dash folding only touch non-ASCII
        return text
    text = unicodedata.normalize("NFKC", text)
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


def paragraphs(text: str) -> list[str]:
    """Return the non-empty paragraphs of ``text``, stripped, case kept.

    Any line break separates paragraphs: forum engines often render a
    release's paragraphs as single lines with no blank line between them.
    """
    return [p for p in _PARAGRAPH_BREAK.split(text.strip()) if p]


def window_ranges(size: int, window: int = 50, step: int = 25) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` ranges of :func:`windows` over ``size`` tokens.

    Raises:
        ValueError: if ``window`` < 1 or ``step`` is not in [1, window].
    """
    if window < 1:
        raise ValueError(f"window must be >= 1, got {window!r}")
    if not 1 <= step <= window:
        raise ValueError(f"step must be in [1, window={window}], got {step!r}")
    if not size:
        return []
    if size <= window * 3 // 2:
        return [(0, size)]
    starts = list(range(0, size - window + 1, step))
    if starts[-1] + window < size:
        starts.append(size - window)
    return [(s, s + window) for s in starts]


def windows(tokens: Sequence[str], window: int = 50, step: int = 25) -> list[list[str]]:
    """Cut ``tokens`` into overlapping windows of ``window`` tokens every ``step``.

    A sequence of at most 1.5 x ``window`` tokens is one window (splitting it
    would leave a stub). The last window is aligned to the end so that no
    window is shorter than ``window``.

    Raises:
        ValueError: if ``window`` < 1 or ``step`` is not in [1, window].
    """
    tokens = list(tokens)
    return [tokens[s:e] for s, e in window_ranges(len(tokens), window, step)]


def passage_ranges(
    sizes: Sequence[int], window: int = 50, step: int = 25, min_words: int = MIN_PARAGRAPH_WORDS
) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` word ranges of :func:`passages`, given the
    number of words of each paragraph in order.

    Raises:
        ValueError: for a bad ``window``, ``step`` or ``min_words``.
    """
    if min_words < 1:
        raise ValueError(f"min_words must be >= 1, got {min_words!r}")
    window_ranges(0, window, step)  # validates window and step before any work
    blocks: list[list[int]] = []  # [start, end) word ranges of merged paragraphs
    start = end = 0
    for size in sizes:
        end += size
        if end - start >= min_words:
            blocks.append([start, end])
            start = end
    if end > start:
        if blocks:
            blocks[-1][1] = end
        else:
            blocks.append([start, end])
    return [
        (first + s, first + e)
        for first, last in blocks
        for s, e in window_ranges(last - first, window, step)
    ]


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
    per_paragraph = [words(paragraph) for paragraph in paragraphs(text)]
    tokens = [token for paragraph in per_paragraph for token in paragraph]
    ranges = passage_ranges([len(p) for p in per_paragraph], window, step, min_words)
    return [" ".join(tokens[s:e]) for s, e in ranges]


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


@dataclass(frozen=True, slots=True)
class Cut:
    """A text cut once into everything the linker compares, as word indices.

    Equal, by construction and by test, to what the functions above give for
    the same text, but computed in one pass over the tokens instead of five:

    * ``words``: :func:`words` of the text;
    * ``paragraph_sizes``: the number of words of each paragraph that has
      words (what :func:`passage_ranges` needs to give :func:`passages`);
    * ``immutables``: the word index of each of :func:`immutables_with_positions`;
    * ``own_parts``: the ``(start, end)`` word ranges of the paragraphs of
      :func:`without_quoted_speech` that have words;
    * ``facts``: the word index of each token of
      ``immutables(without_quoted_speech(text))``.
    """

    words: list[str]
    paragraph_sizes: list[int]
    immutables: list[int]
    own_parts: list[tuple[int, int]]
    facts: list[int]


def _initial(sep: str, previous: str) -> bool:
    """:func:`_sentence_initial` for a token preceded by ``sep`` (the
    non-token characters since ``previous``, the token before it in the same
    paragraph, or "" for the paragraph's first token)."""
    stripped = sep.rstrip(_OPENERS)
    if not stripped:
        return not previous  # the paragraph start, or a token character
    last = stripped[-1]
    if last not in _SENTENCE_END:
        return False
    if last == "." and len(stripped) == 1 and previous:
        j = len(previous)
        while j and previous[j - 1].isalpha():
            j -= 1
        before = previous[j:]
        if before and (len(before) == 1 or before.lower() in _ABBREVIATIONS):
            return False
    return True


def cut(text: str) -> Cut:
    """Return the :class:`Cut` of ``text``: its words, paragraph sizes,
    immutables, own (unquoted) parts and facts, in one pass."""
    return cut_many([text])[0]


def cut_many(texts: Sequence[str]) -> list[Cut]:
    """Return the :class:`Cut` of each text; several texts at once cost
    less than one by one (their tokens are found in one numpy pass)."""
    folded = [_fold(text) for text in texts]
    if sum(map(len, folded)) >= VECTOR_MIN_CHARS:
        found = _tokens_many(folded)
    else:
        found = [_tokens_regex(f) for f in folded]
    everything = _cleaned([raw for tokens in found for raw in tokens.raws])
    cuts = []
    start = 0
    for tokens in found:
        stop = start + len(tokens.raws)
        cuts.append(_cut(tokens, everything[start:stop]))
        start = stop
    return cuts


def _cut(found: _Tokens, tokens: list[str]) -> Cut:
    """The cut of one text from its tokens: the immutables and quote logic.

    Immutables are collected in any order and sorted at the end: a word
    index i when immutable by itself, ~i for a capitalised sentence-initial
    word (immutable if the same word is a name elsewhere), a range for a run
    of quoted words; the same, without quotes, for the own words. Plain
    ints, not tuples: hundreds of small objects per text keep the garbage
    collector busy.
    """
    raws, digits, capitals = found.raws, found.digits, found.capitals
    sizes: list[int] = []
    own_parts: list[tuple[int, int]] = []
    marks: list[int] = []
    own_marks: list[int] = []
    runs: list[range] = []
    names: set[str] = set()
    own_names: set[str] = set()
    quoted = False
    paragraph_start = part_start = 0
    last = -1
    for index, sep in zip(found.visit, found.seps, strict=True):
        if quoted and index > last + 1:
            runs.append(range(last + 1, index))
        last = index
        raw = raws[index]
        previous = raws[index - 1] if index > paragraph_start else ""
        own_initial = None  # as initial, except first in an own part after a quote
        if sep != " ":
            if not index:
                sep = sep.lstrip()  # paragraphs() strips the text
            if "\n" in sep:  # a paragraph break: quotes and sentences restart
                if index > paragraph_start:
                    sizes.append(index - paragraph_start)
                if not quoted and index > part_start:
                    own_parts.append((part_start, index))
                paragraph_start = part_start = index
                quoted, previous = False, ""
                sep = sep[sep.rindex("\n") + 1 :].lstrip()
            if '"' in sep:
                if not quoted and index > part_start:
                    own_parts.append((part_start, index))
                quoted ^= sep.count('"') % 2 == 1
                if not quoted:  # a new own part starts here, after the quote
                    part_start = index
                    after = sep[sep.rindex('"') + 1 :].lstrip().rstrip(_OPENERS)
                    own_initial = not after or after[-1] in _SENTENCE_END
        first = raw[0]
        if quoted:
            marks.append(index)
        elif first.isdigit():
            marks.append(index)
            own_marks.append(index)
        elif first.isupper():
            mid_sentence = (sep == " " and previous) or sep == ", "
            initial = False if mid_sentence else _initial(sep, previous)
            if own_initial is None:
                own_initial = initial
            if not initial:
                names.add(tokens[index])
            if not own_initial:
                own_names.add(tokens[index])
            marks.append(~index if initial else index)
            own_marks.append(~index if own_initial else index)
    if quoted and len(raws) > last + 1:
        runs.append(range(last + 1, len(raws)))
    # The simple words: immutable anyway; outside quotes, own words too, and
    # a capital there is a name in mid-sentence.
    inside = bytearray(len(raws))
    for run in runs:
        inside[run.start : run.stop] = b"\x01" * len(run)
    own_digits = [i for i in digits if not inside[i]]
    own_capitals = [i for i in capitals if not inside[i]]
    for own in (own_digits, own_capitals):
        marks.extend(own)
        own_marks.extend(own)
    own_names.update(map(tokens.__getitem__, own_capitals))
    names.update(map(tokens.__getitem__, own_capitals))
    if len(raws) > paragraph_start:
        sizes.append(len(raws) - paragraph_start)
    if not quoted and len(raws) > part_start:
        own_parts.append((part_start, len(raws)))
    immutables = [m if m >= 0 else ~m for m in marks if m >= 0 or tokens[~m] in names]
    for run in runs:
        immutables.extend(run)
    immutables.sort()
    facts = [m if m >= 0 else ~m for m in own_marks if m >= 0 or tokens[~m] in own_names]
    facts.sort()
    return Cut(
        words=tokens,
        paragraph_sizes=sizes,
        immutables=immutables,
        own_parts=own_parts,
        facts=facts,
    )
