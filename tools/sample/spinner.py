"""The spinner: how a content farm rewrites a text, one word at a time.

Each content word found in ``content/synonyms.py`` is swapped for its
synonym; quoted speech, names and numbers pass through untouched. The counts
kept in ``SpinStats`` let a test hold the share of swapped content words
between 40 and 50%.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sample.content.synonyms import STOPWORDS, SYNONYMS

_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'-]*|[^A-Za-z]+")
_QUOTED = re.compile(r"(“[^”]*”)")


@dataclass
class SpinStats:
    content_words: int = 0
    swapped: int = 0

    @property
    def ratio(self) -> float:
        return self.swapped / self.content_words if self.content_words else 0.0


def spin(paragraph: str, stats: SpinStats | None = None) -> str:
    """Return the paragraph spun word by word, quoted speech and names untouched."""
    stats = stats if stats is not None else SpinStats()
    out: list[str] = []
    sentence_start = True
    for part in _QUOTED.split(paragraph):
        if part.startswith("“"):
            out.append(part)
            sentence_start = part.endswith((".”", "?”", "!”"))
            continue
        for token in _TOKEN.findall(part):
            if not token[0].isalpha():
                if re.search(r"[.!?]\s*$", token):
                    sentence_start = True
                out.append(token)
                continue
            lower = token.lower()
            swappable = token.islower() or (sentence_start and token[1:].islower())
            if swappable and lower not in STOPWORDS:
                stats.content_words += 1
            replacement = SYNONYMS.get(lower) if swappable else None
            if replacement and replacement != lower:
                if lower not in STOPWORDS:
                    stats.swapped += 1
                token = replacement if token.islower() else replacement[0].upper() + replacement[1:]
            out.append(token)
            sentence_start = False
    return "".join(out)


def spin_title(title: str) -> str:
    """Spin a headline: every word is capitalised, so look each one up."""
    words = []
    for word in title.split(" "):
        replacement = SYNONYMS.get(word.lower())
        words.append(replacement.title() if replacement else word)
    return " ".join(words)


# --------------------------------------------------------------------------
