"""Speakers known from the statement set, for quotes whose document names them badly.

A news story or a forum post often names an official only by a title ("the director
said"), a generic agency ("the board said") or a misspelt surname ("Vaschenko"), and
never spells the full name out. The official releases of the same story do: their
statements carry the speaker's name and title. :class:`KnownSpeakers` holds those
(name, title) pairs and turns a partial reference into the known name when exactly one
known speaker fits it; when none or several fit, the reference is left as it was, so a
known list never invents a speaker the document does not point to.

Pure: names in, names out.
"""

from __future__ import annotations

from collections.abc import Iterable

from provenance.quotes.speakers import (
    PERSON_TITLES,
    close_speaker,
    fold,
    is_organisation,
    speaker_key,
)

__all__ = ["KnownSpeakers"]

_Who = tuple[str | None, str | None]
_FILLER = frozenset({"the", "a", "an", "of", "for", "its", "their", "our", "county", "city"})
# Nouns by which a story names an organisation that has no agency word in its name.
_ORG_NOUNS = frozenset(
    str.split(
        "company firm university college federation charity foundation group district "
        "hospital association union league club network"
    )
)


def _words(s: str) -> frozenset[str]:
    return (
        frozenset(
            w for w in (x.strip(".,’'s").lower() for x in fold(s).replace("’", "'").split()) if w
        )
        - _FILLER
    )


class KnownSpeakers:
    """The (name, title) pairs of the statement set's speakers, one per speaker key, in
    their fullest form."""

    def __init__(self, speakers: Iterable[tuple[str | None, str | None]]) -> None:
        by_key: dict[str, tuple[str, str | None]] = {}
        for name, title in speakers:
            key = speaker_key(name) if name else None
            if key is None or name is None:
                continue
            old = by_key.get(key)
            if old is None or len(name.split()) > len(old[0].split()):
                by_key[key] = (name, title or (old[1] if old else None))
            elif title and not old[1]:
                by_key[key] = (old[0], title)
        self._known = sorted(by_key.values())

    def __len__(self) -> int:
        return len(self._known)

    def persons(self) -> list[tuple[str, str | None]]:
        """The known speakers that are persons (not agencies, not titleless names)."""
        return [k for k in self._known if k[1] and not is_organisation(k[0])]

    def title_of(self, name: str) -> str | None:
        """The known title of the person ``name`` (same speaker), else None."""
        key = speaker_key(name)
        return next((t for n, t in self._known if t and speaker_key(n) == key), None)

    def resolve(self, speaker: str | None, title: str | None, text: str = "") -> _Who:
        """The known speaker that ``speaker`` (a name, maybe misspelt) or, without one,
        ``title`` ("director", "board", "the company") points to, with its title;
        ``(speaker, title)`` unchanged when no single known speaker fits. Among several
        that fit, those the document ``text`` mentions (a surname, an agency's own word)
        are preferred."""
        if speaker:
            hits = [k for k in self._known if close_speaker(speaker, k[0])]
            if len(hits) == 1:
                return hits[0][0], title or hits[0][1]
            return speaker, title
        if not title or title == "statement":
            return speaker, title
        want = _words(title)
        if not want:
            return speaker, title
        if want & PERSON_TITLES and not want & _ORG_NOUNS:
            hits = [
                k
                for k in self._known
                if k[1] and not is_organisation(k[0]) and want <= _words(k[1])
            ]
        elif want & _ORG_NOUNS:  # "the company": a speaker that no title names a person
            hits = [k for k in self._known if not k[1] and not is_organisation(k[0])]
        else:  # "the board", "the police department", "the service"
            hits = [k for k in self._known if is_organisation(k[0]) and want <= _words(k[0])]
        if len(hits) > 1 and text:
            seen = _words(text)
            hits = [k for k in hits if _distinctive(k[0]) & seen] or hits
        if len(hits) > 1 and text:
            hits = self._by_colleagues(hits, text) or hits
        if len(hits) == 1:
            return hits[0][0], title
        return speaker, title

    def _by_colleagues(
        self, hits: list[tuple[str, str | None]], text: str
    ) -> list[tuple[str, str | None]]:
        """The agencies among ``hits`` that share a word with the title of an official
        the document mentions: "the department" in a post quoting the health
        commissioner is the health department."""
        seen = _words(text)
        titles: set[str] = set()
        for name, title in self.persons():
            if title and _distinctive(name) & seen:
                titles |= _words(title)
        titles -= PERSON_TITLES
        return [k for k in hits if is_organisation(k[0]) and _words(k[0]) & titles]


def _distinctive(name: str) -> frozenset[str]:
    """The words that stand for ``name`` in a text: a person's surname, an agency's words
    other than its head and generic words ("aldwick" of "Aldwick River Board")."""
    words = [w for w in fold(name).split() if w[:1].isupper()]
    if not words:
        return frozenset()
    if not is_organisation(name):
        return _words(words[-1])
    return _words(" ".join(words)) - _GENERIC


_GENERIC = frozenset(
    str.split(
        "department office bureau agency administration service services commission board "
        "council ministry centre center authority police patrol guard state national federal "
        "public health environmental protection weather district attorney's attorney"
    )
)
