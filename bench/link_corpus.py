"""A synthetic corpus for bench/link_speed.py: official sources and forum posts.

The speed bench needs a million posts and a hundred thousand sources, far
more than the labelled set of bench/link_quality.py, so it makes them from a
fixed seed. The text is made-up words with the shape that costs the linker
its time: press releases of 300-500 words in 4-8 paragraphs, with names in
the middle of sentences, numbers, a dateline and quoted statements; posts
that are reposts (the whole release, often with its URL cited), excerpts (a
few paragraphs), spun copies (most words outside names, numbers and quotes
swapped one for one) or unrelated chatter in the same vocabulary.

Words follow a Zipf law over a generated vocabulary, so common shingles
recur across documents as in real text. Each post carries the kind it was
made as, so the bench can check that the linker found what it should
(a sanity check of the run, not a quality measure).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from provenance.link import PostText, SourceText

__all__ = ["KINDS", "Corpus", "LabelledPost"]

# Kinds of post, their share of the posts, and the verdict the linker should give.
KINDS = {"verbatim": 0.25, "excerpt": 0.2, "spun": 0.15, "unrelated": 0.4}
EXPECTED = {"verbatim": "verbatim", "excerpt": "excerpt", "spun": "spun", "unrelated": None}

_SYLLABLES = [
    "ka",
    "to",
    "ri",
    "en",
    "sa",
    "mo",
    "lu",
    "ter",
    "an",
    "vel",
    "dor",
    "is",
    "pra",
    "quen",
    "ul",
    "mar",
    "fe",
    "lo",
    "ti",
    "ra",
    "ben",
    "cos",
    "nur",
    "gal",
    "hes",
    "pin",
    "dra",
    "wol",
    "sten",
    "ru",
    "ce",
    "va",
    "ko",
    "mi",
    "ne",
    "ta",
    "lin",
    "bor",
    "ges",
    "fra",
]
_TITLES = ("Detective", "Chief", "Commissioner", "Director", "Sergeant", "Attorney", "Inspector")


@dataclass(frozen=True)
class LabelledPost:
    post: PostText
    kind: str
    source_url: str | None  # the source it was made from (None for unrelated)


class Corpus:
    """Sources and posts from one seed: the same seed gives the same texts."""

    def __init__(self, seed: int = 1, vocabulary: int = 20000) -> None:
        self.rng = np.random.default_rng(seed)
        self.words = self._words(vocabulary)
        ranks = np.arange(1, len(self.words) + 1)
        self.cumulative = np.cumsum(1.0 / ranks) / np.sum(1.0 / ranks)
        self.first_names = [w.capitalize() for w in self._words(400)]
        self.last_names = [w.capitalize() for w in self._words(3000)]
        self.places = [w.capitalize() for w in self._words(600)]
        # a spinner's thesaurus: each word has one "synonym", another word
        self.synonym = dict(zip(self.words, self.rng.permutation(self.words), strict=True))
        self.sources: list[SourceText] = []
        self.paragraphs: list[list[str]] = []  # of each source

    def _words(self, n: int) -> list[str]:
        made: dict[str, None] = {}
        while len(made) < n:
            parts = self.rng.choice(_SYLLABLES, size=(n, 3))
            lengths = self.rng.integers(1, 4, size=n)
            for row, length in zip(parts, lengths, strict=True):
                made["".join(row[:length])] = None
        return list(made)[:n]

    def _draw(self, n: int) -> list[str]:
        picks = np.searchsorted(self.cumulative, self.rng.random(n))
        return [self.words[i] for i in picks]

    def _name(self) -> str:
        rng = self.rng
        return f"{self.first_names[rng.integers(400)]} {self.last_names[rng.integers(3000)]}"

    def _number(self) -> str:
        rng = self.rng
        choice = rng.integers(4)
        if choice == 0:
            return str(rng.integers(2, 999))
        if choice == 1:
            return f"{rng.integers(1, 99)},{rng.integers(0, 1000):03d}"
        if choice == 2:
            return f"${rng.integers(1, 99)}.{rng.integers(0, 10)} million"
        return f"{rng.integers(1, 28)} {self.places[rng.integers(600)]}"

    def sentence(self, quote: bool = False) -> str:
        """One sentence: capitalised first word, names and numbers inside."""
        rng = self.rng
        words = self._draw(int(rng.integers(9, 22)))
        for _ in range(int(rng.integers(0, 3))):
            slot = int(rng.integers(1, len(words)))
            filler = (self._name, self._number, lambda: self.places[rng.integers(600)])
            words[slot] = filler[int(rng.integers(3))]()
        words[0] = words[0].capitalize()
        text = " ".join(words)
        if quote:
            speaker = f"{_TITLES[rng.integers(len(_TITLES))]} {self._name()}"
            return f"\u201c{text}. {self.sentence()}\u201d said {speaker}."
        return text + "."

    def _paragraph(self, quote: bool) -> str:
        count = int(self.rng.integers(2, 5))
        return " ".join(self.sentence(quote and i == count - 1) for i in range(count))

    def make_sources(self, n: int) -> list[SourceText]:
        """Make (and keep) ``n`` more sources of 300-500 words."""
        rng = self.rng
        for _ in range(n):
            target = int(rng.integers(300, 501))
            place = self.places[rng.integers(600)].upper()
            paragraphs = [f"{place} - {self._paragraph(False)}"]
            size = len(paragraphs[0].split())
            while size < target:
                paragraphs.append(self._paragraph(quote=rng.random() < 0.35))
                size += len(paragraphs[-1].split())
            number = len(self.sources)
            title = f"{self.places[rng.integers(600)]} {self.sentence()[:-1]}"
            url = f"https://agency{number % 997}.example/news/{number}-{'-'.join(self._draw(4))}"
            self.sources.append(SourceText(url, title, "\n\n".join(paragraphs)))
            self.paragraphs.append(paragraphs)
        return self.sources[-n:]

    def _spin(self, text: str) -> str:
        """Swap most lowercase words outside quotes for their synonym."""
        out = []
        quoted = False
        swap = self.rng.random(text.count(" ") + 1) < 0.7
        for i, word in enumerate(text.split(" ")):
            if "\u201c" in word:
                quoted = True
            if not quoted and word.islower() and word.isalpha() and swap[i]:
                word = self.synonym.get(word, word)
            if "\u201d" in word:
                quoted = False
            out.append(word)
        return " ".join(out)

    def posts(self, n: int, start: int = 0) -> Iterator[LabelledPost]:
        """Yield ``n`` posts numbered from ``start``, made from the sources."""
        rng = self.rng
        kinds = list(KINDS)
        picks = rng.choice(len(kinds), size=n, p=list(KINDS.values()))
        for number, kind_index in enumerate(picks.tolist(), start):
            kind = kinds[kind_index]
            key = f"forum/t{number // 20}/p{number}"
            if kind == "unrelated":
                text = "\n\n".join(
                    " ".join(self.sentence() for _ in range(int(rng.integers(1, 4))))
                    for _ in range(int(rng.integers(1, 5)))
                )
                yield LabelledPost(PostText(key, text), kind, None)
                continue
            which = int(rng.integers(len(self.sources)))
            source, paragraphs = self.sources[which], self.paragraphs[which]
            cited: tuple[str, ...] = ()
            if kind == "verbatim":
                text = f"{source.title}\n\n{source.text}\n{source.url}"
                cited = (source.url,) if rng.random() < 0.5 else ()
            elif kind == "excerpt":
                first = int(rng.integers(0, max(1, len(paragraphs) - 2)))
                text = "\n\n".join(paragraphs[first : first + 2])
            else:
                text = self._spin(source.text)
            yield LabelledPost(PostText(key, text, cited), kind, source.url)
