"""Who an attribution points to, within one document.

An attribution read next to a quote (:mod:`provenance.quotes`) often names its speaker
only partly or not at all: "Garland said" after "Attorney General Merrick B. Garland"
earlier, "he said", "the governor said", "the department said", "the statement said".
:class:`Resolver` turns each into a speaker from what the document says elsewhere:

* a name becomes its fullest compatible form in the document;
* "he"/"she" becomes the first person named in the last sentence before it that names
  one (the subject of "Wray, who …, warned that …", not the object of "Garland thanked
  Wray"), or else the last speaker;
* a title alone ("the governor", "the FBI director") becomes the last person mentioned
  with that title;
* a generic agency ("the department", "the board") becomes the last agency mentioned
  with that head word, and "the statement" the last agency mentioned at all;
* an acronym ("CPSB") becomes the agency's full name when the document gives it.

Mentions are read from running text with bounded scans (at most ``MAX_MENTIONS`` of
each kind), and only when some attribution needs them, so a megabyte costs little.
Pure: text in, names out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from provenance.quotes.known import KnownSpeakers
from provenance.quotes.speakers import (
    ABBREVS,
    INITIALS,
    PERSON_TITLES,
    Phrase,
    fold,
    is_organisation,
    org_head,
    same_speaker,
    speaker_key,
    split_phrase,
    token_core,
    token_kind,
    tokens,
    trim_connectors,
    walk_back,
    walk_forward,
)

__all__ = ["MAX_MENTIONS", "Attr", "Resolver"]

MAX_MENTIONS = 1000  # running-text mentions read per kind; the useful ones come early

_Who = tuple[str | None, str | None]  # (speaker, title)


@dataclass(frozen=True)
class Attr:
    """An attribution as read next to a quote."""

    kind: str  # "speaker" | "pronoun" | "statement"
    name: str | None
    title: str | None
    start: int  # where the attribution starts
    end: int  # where it ends (after-attributions: a continuation starts here)
    after: bool  # after the quote (else before it)
    weak: bool = False  # a bare "Garland:" before a quote: trusted only for a known name


@dataclass(frozen=True)
class _Mention:
    pos: int
    name: str
    title: str | None


def _alternation(words: frozenset[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_CAP_WORD = re.compile(r"[A-ZÀ-Þ][\w’'-]*")
_PERSON_TITLE = re.compile(rf"\b(?i:{_alternation(PERSON_TITLES)})\.?\s+(?=[A-Z])")
_APPOSED = re.compile(r"\b([A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){1,3}), (?:the|a|an) ([^,.;“\"]{2,60})")
_ORG_HEAD = re.compile(
    r"\b(?:Department|Office|Bureau|Agency|Administration|Services?|Commission|Board|"
    r"Council|Ministry|Centre|Center|Authority|Police|Patrol|Guard|Investigations|"
    r"Enforcement)\b"
)
# A company's name has no agency word; it is read by its corporate last word.
_COMPANY = re.compile(
    r"\b((?:[A-Z][\w&’'-]+ ){1,3}(?:Systems|Health|Inc\.?|Corp\.?|Corporation|Company|Ltd\.?|"
    r"LLC|Group|Holdings|Technologies|Labs|Energy|Works|Industries|Partners|Bank|Airlines|"
    r"Motors|Foods|Pharmaceuticals|Software|Logistics|Media))\b"
)
_COMPANY_NOUNS = frozenset({"company", "firm", "companies", "manufacturer", "retailer"})
_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s+(?=[“\"‘'(]?[A-Z0-9])|\n[ \t]*\n")
_TITLE_ABBREVS = {"gov": "governor", "sen": "senator", "rep": "representative"}
_TITLE_FILLER = frozenset({"the", "a", "an", "of", "for", "u.s", "u.s."})


def _title_words(title: str) -> frozenset[str]:
    words = (w.strip(".,").lower() for w in fold(title).split())
    return frozenset(_TITLE_ABBREVS.get(w, w) for w in words if w and w not in _TITLE_FILLER)


def _has_head(name: str, head: str) -> bool:
    """Is ``head`` the head word of the agency ``name``, or one of its words ("the
    service" for the "Dunmarrow Weather Service Office")?"""
    return org_head(name) == head or head in fold(name).lower().split()


class Resolver:
    """Resolves the attributions of one document (see the module docstring)."""

    def __init__(
        self,
        text: str,
        attrs: Sequence[Attr | None],
        quotes: Sequence[tuple[int, int]],
        known: KnownSpeakers | None = None,
    ) -> None:
        self.text = text
        self._known_speakers = known
        self._attrs = [a for a in attrs if a is not None]
        self._quotes = sorted(quotes)  # (open mark, close mark) of every quote
        self._names = self._fullest()
        self._persons: list[_Mention] | None = None
        self._orgs: list[_Mention] | None = None
        self._last: _Who = (None, None)

    def spoke(self, speaker: str | None, title: str | None) -> None:
        """Record the speaker of the quote just read (a pronoun's last resort)."""
        if speaker and not is_organisation(speaker):
            self._last = (speaker, title)

    def names_person(self, name: str, pos: int) -> bool:
        """Is ``name`` (a lone surname, say) a person the document names somewhere other
        than at ``pos`` (by an attribution that is not a bare "Name:", or in the text)?"""
        key = speaker_key(name)
        if key is None:
            return False
        attrs = (a for a in self._attrs if a.name and not a.weak and a.start != pos)
        return (
            any(speaker_key(a.name) == key for a in attrs)
            or any(
                p.pos != pos and speaker_key(p.name) == key and p.name != name
                for p in self._people()
            )
            or self.known_name(name) is not None
        )

    def known_name(self, name: str) -> str | None:
        """The one official of the statement set that ``name`` (a bare surname, maybe
        misspelt) denotes, else None: "Briar" in "And this from Chief Investigator
        Briar:" is a speaker even when the post names him nowhere else."""
        if self._known_speakers is None:
            return None
        full, _ = self._known_speakers.resolve(name, None)
        return full if full != name or len(name.split()) > 1 else None

    def known_by_title(self, title: str) -> _Who | None:
        """The one official of the statement set that ``title`` ("CEO") fits, preferring
        those the document mentions, else None."""
        if self._known_speakers is None:
            return None
        found = self._known_speakers.resolve(None, title, self.text)
        return found if found[0] else None

    def who(self, attr: Attr, open_pos: int) -> _Who:
        """The (speaker, title) that ``attr``, next to a quote opening at ``open_pos``,
        points to; the speaker is None when the document does not say."""
        anchor = open_pos if attr.after else attr.start
        if attr.kind == "statement":  # "the statement said" / "a statement from X read"
            org = self._full_org(attr.name) if attr.name else self._org_before(anchor, None)
            return org, "statement"
        if attr.kind == "pronoun":
            return self._pronoun(anchor)
        if attr.name and attr.weak and len(attr.name.split()) < 2 and not self._known(attr):
            return None, None
        if attr.name:
            return self._names.get((attr.name, attr.title), (attr.name, attr.title))
        title = attr.title or ""
        head = org_head(title)
        if head is None and _title_words(title) & _COMPANY_NOUNS:  # "the company said"
            company = self._company(anchor)
            return (company, None) if company else (None, title)
        if head is None:  # a person's title alone: "the governor"
            return self._by_title(title, anchor) or (None, title)
        if speaker_key(title) is None:  # "the department"
            org = self._org_before(anchor, head) or self._org_anywhere(head)
            return (org, None) if org else (None, title)
        return self._full_org(title), None

    # ------------------------------------------------------------------ people
    def _fullest(self) -> dict[_Who, _Who]:
        """Map each attributed (name, title) to the fullest compatible form in the text."""
        forms: dict[str, dict[str, tuple[int, str | None]]] = {}  # key -> name -> (pos, title)
        text = self.text

        def add(name: str, pos: int, title: str | None) -> None:
            key = speaker_key(name)
            if key is not None:
                old_pos, old_title = forms.setdefault(key, {}).get(name, (pos, None))
                forms[key][name] = (min(pos, old_pos), old_title or title)

        for a in self._attrs:
            if a.name:
                add(a.name, a.end, a.title)
        # Running-text mentions ("Attorney General Merrick B. Garland announced …") count too.
        surnames = {key.split()[-1] for key in forms}
        hits = (m for m in _CAP_WORD.finditer(text) if fold(m.group()).lower() in surnames)
        for m in islice(hits, MAX_MENTIONS):
            toks = tokens(text, max(0, m.start() - 120), m.end())
            name, title = split_phrase(text, walk_back(toks, len(toks) - 1))
            if name and speaker_key(name) in forms:
                add(name, m.start(), title)
        self._forms = forms
        resolved: dict[_Who, _Who] = {}
        for a in self._attrs:
            if not a.name or (a.name, a.title) in resolved:
                continue
            key = speaker_key(a.name)
            if key is None:
                continue
            resolved[(a.name, a.title)] = self._best(key, a.name, a.title)
        return resolved

    def _best(self, key: str, name: str, title: str | None) -> _Who:
        same = sorted(
            (pos, n, t) for n, (pos, t) in self._forms[key].items() if same_speaker(n, name)
        )
        if not same:
            return name, title
        best = max(same, key=lambda f: (len(f[1].split()), -f[0]))
        own = title if best[1] == name else None  # its own title wins when as full
        return best[1], own or best[2] or title or next((t for _, _, t in same if t), None)

    def _person(self, name: str, title: str | None) -> _Who:
        key = speaker_key(name)
        if key is not None and key in self._forms:
            return self._best(key, name, title)
        return name, title

    def _known(self, attr: Attr) -> bool:
        """Does the document name ``attr``'s person elsewhere (an attribution, a mention)?"""
        key = speaker_key(attr.name)
        others = (a for a in self._attrs if a is not attr and a.name)
        return any(speaker_key(a.name) == key for a in others) or any(
            p.pos != attr.start and speaker_key(p.name) == key for p in self._people()
        )

    def _inside_quote(self, pos: int) -> bool:
        i = bisect_right(self._quotes, (pos, len(self.text))) - 1
        return i >= 0 and self._quotes[i][0] < pos < self._quotes[i][1]

    def _people(self) -> list[_Mention]:
        """Every person named in the document, in order: attributions, "Title Name",
        "Name, the …" and later mentions of their surnames."""
        if self._persons is not None:
            return self._persons
        text = self.text
        found: dict[int, _Mention] = {}
        for a in self._attrs:
            if a.name and not is_organisation(a.name):
                found[a.start] = _Mention(a.start, a.name, a.title)
        for m in islice(_PERSON_TITLE.finditer(text), MAX_MENTIONS):
            toks = tokens(text, max(0, m.start() - 80), m.start() + 160)
            i = next(k for k, t in enumerate(toks) if t[2] > m.start())
            phrase, nxt, _, _ = walk_forward(toks, i)
            if phrase and nxt > i:
                full = walk_back(toks, nxt - 1)
                name, title = split_phrase(text, full)
                if name and full:
                    found.setdefault(full[0][1], _Mention(full[0][1], name, title))
        for m in islice(_APPOSED.finditer(text), MAX_MENTIONS):  # "Wray, the FBI director,"
            toks = tokens(text, m.start(1), m.end(1))
            name, _ = split_phrase(text, walk_back(toks, len(toks) - 1))
            role, _, _, _ = walk_forward(tokens(text, m.start(2), m.end(2)), 0)
            title = split_phrase(text, role)[1] if role else None
            if name:
                found.setdefault(m.start(1), _Mention(m.start(1), name, title))
        named: dict[str, _Mention] = {}  # surname -> its first full mention
        for f in sorted(found.values(), key=lambda f: f.pos):
            named.setdefault(fold(f.name.split()[-1]).lower(), f)
        # A known official named bare ("Tobias Greer has been forecasting …") is a person
        # for a later "he" or "the meteorologist".
        for name, title in (
            self._known_speakers.persons() if self._known_speakers is not None else ()
        ):
            named.setdefault(fold(name.split()[-1]).lower(), _Mention(-1, name, title))
        hits = (m for m in _CAP_WORD.finditer(text) if fold(m.group()).lower() in named)
        for m in islice(hits, MAX_MENTIONS):
            first = named[fold(m.group()).lower()]
            found.setdefault(m.start(), _Mention(m.start(), first.name, first.title))
        people = sorted(
            (f for f in found.values() if not self._inside_quote(f.pos)), key=lambda f: f.pos
        )
        self._persons = people
        return people

    def _boundary(self, a: int, b: int) -> bool:
        """Does a sentence end between offsets ``a`` and ``b``?"""
        for m in _SENTENCE_END.finditer(self.text, a, b):
            if m.group().startswith("\n"):
                return True
            word = self.text[max(a, m.start() - 12) : m.start()].split()
            last = word[-1] if word else ""
            if not (INITIALS.fullmatch(last + ".") or last.lower() in ABBREVS):
                return True
        return False

    def _pronoun(self, anchor: int) -> _Who:
        people = self._people()
        i = bisect_right([p.pos for p in people], anchor - 1)
        if i == 0:
            return self._last
        first = people[i - 1]
        for p in reversed(people[: i - 1]):
            if self._boundary(p.pos, first.pos):
                break
            first = p
        return self._person(first.name, first.title)

    def _by_title(self, title: str, anchor: int) -> _Who | None:
        want = _title_words(title)
        if not want:
            return None
        for p in reversed(self._people()):
            held = p.title or (
                self._known_speakers.title_of(p.name) if self._known_speakers else None
            )
            if p.pos < anchor and held and want <= _title_words(held):
                return self._person(p.name, held)
        return None

    # ------------------------------------------------------------- agencies
    def _agencies(self) -> list[_Mention]:
        """Every agency named in the running text: "the Harbor City Water Department",
        "the U.S. Department of Justice", in order."""
        if self._orgs is not None:
            return self._orgs
        text = self.text
        orgs: list[_Mention] = []
        for m in islice(_ORG_HEAD.finditer(text), MAX_MENTIONS):
            toks = tokens(text, max(0, m.start() - 120), min(len(text), m.end() + 120))
            h = next(k for k, t in enumerate(toks) if t[2] > m.start())
            k = h
            while k > 0 and h - k < 8:
                core, stop = token_core(toks[k - 1][0])
                if stop or core.startswith("(") or token_kind(core) is None:
                    break
                if "\n" in text[toks[k - 1][2] : toks[k][1]]:  # a heading above is not the name
                    break
                k -= 1
            phrase: Phrase = [
                (token_core(t[0])[0], t[1], t[1] + len(token_core(t[0])[0])) for t in toks[k:h]
            ]
            phrase.append((m.group(), m.start(), m.end()))
            qualified = h + 1 < len(toks) and toks[h + 1][0].lower() in ("of", "for")
            if qualified and text[m.end() : m.end() + 1].isspace():
                qualifier, _, _, _ = walk_forward(toks, h + 1)
                phrase += [t for t in qualifier if not t[0].startswith("(")]
            phrase = trim_connectors(phrase)
            if len(phrase) < 2:
                continue
            name = text[phrase[0][1] : phrase[-1][2]]
            if (
                org_head(name)
                and speaker_key(name) is not None
                and not self._inside_quote(m.start())
            ):
                orgs.append(_Mention(phrase[0][1], name, None))
        self._orgs = orgs
        return orgs

    def _org_before(self, anchor: int, head: str | None) -> str | None:
        """The last agency named before ``anchor`` (with that head word), in its fullest
        form ("Water Department" after "Harbor City Water Department")."""
        orgs = self._agencies()
        for org in reversed(orgs):
            if org.pos < anchor and (head is None or _has_head(org.name, head)):
                same = [o.name for o in orgs if same_speaker(o.name, org.name)]
                return max(same, key=lambda n: len(n.split()))
        return None

    def _org_anywhere(self, head: str) -> str | None:
        """The fullest agency with that head word named anywhere in the document (a
        "the board said" before the board is named), else None."""
        same = [o.name for o in self._agencies() if _has_head(o.name, head)]
        return max(same, key=lambda n: len(n.split())) if same else None

    def _company(self, anchor: int) -> str | None:
        """The last company named before ``anchor`` ("Corvane Health", "Quellmark
        Systems"), else the first named after it, else None."""
        names = [
            (m.start(1), m.group(1))
            for m in islice(_COMPANY.finditer(self.text), MAX_MENTIONS)
            if not self._inside_quote(m.start())
        ]
        before = [n for pos, n in names if pos < anchor]
        name = before[-1] if before else (names[0][1] if names else None)
        if name and name.split()[0] in ("The", "A", "An"):
            name = name.split(" ", 1)[1]
        if name and len(name.split()) > 2:  # "Quellmark Systems Inc." is Quellmark Systems
            name = re.sub(r" (?:Inc|Corp|Ltd|LLC)\.?$", "", name)
        return name

    def by_title(self, title: str, anchor: int) -> _Who | None:
        """The last person before ``anchor`` named with ``title``, else None."""
        return self._by_title(title, anchor)

    def _full_org(self, name: str) -> str:
        """An acronym ("CPSB") as the full name the document gives, else as written."""
        if org_head(name) != "":
            return name
        for org in self._agencies():
            if same_speaker(org.name, name):
                return org.name
        return name
