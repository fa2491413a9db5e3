"""Language-neutral facts of a text: what a translation keeps.

A translator rewrites every word and reorders the sentences, but leaves the
numbers, the dates, the names of people, companies and operations, the phone
line and the URLs; only their spelling changes (``$16.2 million`` becomes
``16,2 millones``, ``September 19`` becomes ``19 de septiembre``, ``8,983``
becomes ``8 983``). This module writes each such fact in one form, whatever
the language, so that a translation and its original can be compared as sets:

* ``n:<digits>``: a number with every separator dropped, so that ``16.2`` and
  ``16,2`` (and ``2,432``, ``2.432`` and ``2 432``) are one fact. Single
  digits are left out: they are in every text. A hyphenated run (``555-0142``)
  is one number.
* ``d:MM-DD`` (``d:YYYY-MM-DD`` when the year is written): a day and a month
  name, in either order, in any language whose month names dateparser knows.
* ``w:<name>``: a capitalised word that does not start a sentence (names,
  places, companies, operations, acronyms), lowercased without accents.
* ``u:<host/path>`` and ``m:<address>``: URLs and e-mail addresses.

Which facts are distinctive (a number of one release, not the agency's name)
is for the caller to weigh: this module only extracts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from dateparser.languages import default_loader

__all__ = ["facts"]

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'»«)]+", re.IGNORECASE)
_MAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# Space-grouped thousands first (French "8 983", with no-break or thin
# spaces), then digits joined by separators or hyphens.
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|\d+(?:[.,'’-]\d+)*")
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’][^\W\d_]+)?")
_SENTENCE_END = re.compile(r"[.!?:;«»\"“”„—–\-\n(]\s*$")
_MONTH_KEYS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=64)
def _months(language: str) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int]]:
    """Patterns for "<day> <month> [<year>]" and "<month> <day> [<year>]" in
    ``language`` and English, and month name -> number, from dateparser's data."""
    names: dict[str, int] = {}
    for code in dict.fromkeys(("en", language)):
        try:
            info = default_loader.get_locale(code).info
        except (KeyError, ValueError):
            continue
        for number, key in enumerate(_MONTH_KEYS, 1):
            for name in info.get(key, ()):
                name = _plain(name).rstrip(".")
                if len(name) >= 3:
                    names.setdefault(name, number)
    alternation = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    day_first = re.compile(
        rf"\b(\d{{1,2}})(?:\.|º|er|st|nd|rd|th)?\s+(?:de\s+|of\s+)?({alternation})\b"
        rf"(?:,?\s+(?:de\s+|del\s+)?(\d{{4}}))?",
        re.IGNORECASE,
    )
    month_first = re.compile(
        rf"\b({alternation})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?",
        re.IGNORECASE,
    )
    return day_first, month_first, names


def _date(day: str, month: int, year: str | None) -> str | None:
    if not 1 <= int(day) <= 31:
        return None
    return f"d:{year}-{month:02d}-{int(day):02d}" if year else f"d:{month:02d}-{int(day):02d}"


def _dates(text: str, language: str) -> set[str]:
    day_first, month_first, names = _months(language)
    found = set()
    plain = _plain(text)  # same length for Latin letters: accents are dropped one for one
    for match in day_first.finditer(plain):
        found.add(_date(match[1], names[match[2].lower()], match[3]))
    for match in month_first.finditer(plain):
        found.add(_date(match[2], names[match[1].lower()], match[3]))
    found.discard(None)
    return found  # type: ignore[return-value]


def _numbers(text: str) -> set[str]:
    found = set()
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match[0]).lstrip("0") or "0"
        if len(digits) > 1 or "-" in match[0]:
            found.add(f"n:{digits}")
    return found


def _names(text: str) -> set[str]:
    found = set()
    for match in _WORD.finditer(text):
        word = match[0]
        if not word[0].isupper() or len(word) < 2:
            continue
        before = text[max(0, match.start() - 3) : match.start()]
        if match.start() == 0 or _SENTENCE_END.search(before):
            continue  # a sentence's first word is capitalised whatever it is
        found.add("w:" + _plain(word).replace("’", "'"))
    return found


def facts(text: str, language: str = "en") -> frozenset[str]:
    """The language-neutral facts of ``text`` (see the module docstring).

    ``language`` is an ISO 639-1 code; it says which month names to read
    besides the English ones (an unknown code reads English only).
    """
    text = unicodedata.normalize("NFKC", text)
    found: set[str] = set()
    for match in _URL.finditer(text):
        url = re.sub(r"^(?:https?://)?(?:www\.)?", "", match[0].lower()).rstrip("/.,;")
        found.add(f"u:{url}")
    for match in _MAIL.finditer(text):
        found.add(f"m:{match[0].lower()}")
    rest = _MAIL.sub(" ", _URL.sub(" ", text))
    return frozenset(found | _dates(rest, language) | _numbers(rest) | _names(rest))
