"""Speakers read from the sentences around a quote that names none next to itself.

Careful writing often leaves the speaker out of the quote's own attribution window and
puts it in the sentence: ``Ruiz remarked on the operation, stating: “…”``, ``Aldgate
(CFO): “…”``, ``His colleague Halle Brandt, the office's meteorologist, ran through a
checklist: “…”``, or in the sentence before a quote that stands alone (``She paused,
then added a warning. “…”``), or not at all because the quote goes on from the last
one (``A pause. “It won't be.”``). :func:`speaker_from_context` reads those: the subject
of the sentence that leads into the quote when that sentence announces speech (a
speech verb, a colon, "from"), else the subject of the sentence before, else the
speaker of the quote just before in the same or the previous paragraph.

A subject is the first person, agency, title or pronoun of the sentence, resolved by
the document's :class:`~provenance.quotes.references.Resolver`. Pure: text in, names out.
"""

from __future__ import annotations

import re

from provenance.quotes.references import Attr, Resolver
from provenance.quotes.speakers import (
    ABBREVS,
    INITIALS,
    PERSON_TITLES,
    org_head,
    split_phrase,
    token_core,
    token_kind,
    tokens,
    walk_forward,
)

__all__ = ["speaker_from_context"]

_Who = tuple[str | None, str | None]

_SENTENCE_END = re.compile(r"[.!?][”\"’')]*\s+|\n")
_CUE = re.compile(
    r"(?i:\b(?:said|says|say|told|tells|added|adds|stated|stating|states|wrote|writes|"
    r"noted|explained|remarked|warned|offer|offered|following|from|according|put\s+it|"
    r"declared|continued|insisted|argued|recalled|asked|urged|expects?|expected|"
    r"promised|vowed|called|ran\s+through|in\s+a\s+statement)\b)|:\s*$|\(\w[^)]*\):?\s*$"
)
_QUOTE_WAS = re.compile(r"(?i:\bthe\s+(?:\w+\s+)?(?:quote|line)\s+(?:was|is)\s*:?\s*$)")
_BLANK = re.compile(r"\n[ \t]*\n")
_SUBJECT_PRONOUNS = frozenset({"he", "she"})
_AGENCY_PRONOUNS = frozenset({"it"})
_MAX_LEAD = 240  # characters of a leading sentence read for its subject


def _sentence_start(text: str, lo: int, hi: int) -> int:
    """Where the sentence that ends at ``hi`` starts (not before ``lo``)."""
    start = lo
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if m.end() > hi:
            break
        if m.group() != "\n":
            words = text[max(lo, m.start() - 12) : m.start() + 1].split()
            last = words[-1] if words else ""
            if INITIALS.fullmatch(last) or last.rstrip(".").lower() in ABBREVS:
                continue
        start = m.end()
    return start


def _subject(text: str, lo: int, hi: int, resolver: Resolver) -> _Who | None:
    """The first person, agency, title or pronoun of ``text[lo:hi]``, resolved."""
    toks = tokens(text, lo, hi)
    inside = unknown = False
    read = 0  # tokens before this were read as part of a phrase
    for i, (tok, s, _) in enumerate(toks):
        if i < read:
            continue  # "chair" of "The vice chair," is no subject of its own
        if inside or tok[:1] in '“"„«‘':
            inside = not tok.rstrip(",.:;").endswith(("”", '"', "“", "»", "’")) or (
                not inside and len(tok) == 1
            )
            continue  # never a name inside an earlier quote of the sentence
        core, _ = token_core(tok)
        low = core.lower()
        if low in _SUBJECT_PRONOUNS:
            return resolver.who(Attr("pronoun", None, None, s, s, False), s)
        if low in _AGENCY_PRONOUNS and i + 1 < len(toks):
            org = resolver.who(Attr("speaker", None, "department", s, s, False), s)
            return (org[0], None) if org[0] else None
        kind = token_kind(core)
        if kind not in ("name", "title") or (low == core and kind != "title"):
            continue
        phrase, read, _, _ = walk_forward(toks, i)
        if not phrase:
            continue
        name, title = split_phrase(text, phrase)
        if name is None and phrase and token_kind(phrase[0][0]) == "name":
            run = [
                t
                for t in phrase[
                    : next(
                        (k for k, t in enumerate(phrase) if token_kind(t[0]) != "name"), len(phrase)
                    )
                ]
            ]
            name = text[run[0][1] : run[-1][2]]  # "Aldgate (CFO):"
            rest = phrase[len(run) :]
            title = text[rest[0][1] : rest[-1][2]].strip("()") if rest else None
        if name is None and title is None:
            continue
        if name is None and title is not None and _person_title(title):
            found = resolver.by_title(title, s) or resolver.known_by_title(title)
            if found:
                return found
            continue  # "CEO quote from the PR": a title nobody in the text carries
        if name is None and title is not None and title.replace(".", "").isupper():
            continue  # a dateline ("HALVERN —") or an acronym the text never spells out
        if name and len(name.split()) < 2 and not resolver.names_person(name, s):
            unknown = True  # "Heard", "Re:", "Update:", or someone the text does not know
            continue
        who = resolver.who(Attr("speaker", name, title, s, s, False), s)
        if who[0]:
            return who
        if (
            name is None
            and title is not None
            and org_head(title) is not None
            and _speaks(toks, read)
        ):
            # "the office, in its written statement, said": an agency spoke; the one
            # official agency that fits, else nobody the text names (never a person
            # named in the sentence before)
            return resolver.known_by_title(title) or (None, None)
        if name is None and title is not None and (head := _title_head(title)):
            found = resolver.by_title(head, s)  # "the meteorologist in charge at Dunmarrow"
            if found:
                return found
        if name is None and title is not None and title[:1].islower():
            continue  # "the meteorologist in charge": try a name further on
    return (None, None) if unknown else None


def _speaks(toks: list[tuple[str, int, int]], nxt: int) -> bool:
    """Does the phrase that ends before token ``nxt`` lead into speech: a comma or a
    colon after it ("the office, in its statement, said", "from the department:"), or
    a speech verb next ("the service said")? ("Board member Roscoe", "the news board?"
    do not.)"""
    last = toks[nxt - 1][0] if 0 < nxt <= len(toks) else ""
    if last.endswith((",", ":")):
        return True
    return nxt < len(toks) and _CUE.fullmatch(token_core(toks[nxt][0])[0]) is not None


def _paragraphs(text: str, lo: int, hi: int) -> int:
    """How many paragraph breaks lie between ``lo`` and ``hi``."""
    return len(_BLANK.findall(text, lo, hi))


def _title_head(title: str) -> str | None:
    """A title without the place that qualifies it ("meteorologist in charge" of
    "meteorologist in charge at Dunmarrow"), or None when nothing qualifies it."""
    head = re.split(r"\s(?:at|from|with)\s", title, maxsplit=1)[0]
    return head if head != title else None


def _person_title(title: str) -> bool:
    words = [w.strip("().,:").lower() for w in title.split()]
    return bool(words) and all(w in PERSON_TITLES or w in ("the", "a", "an") for w in words)


def speaker_from_context(
    text: str, open_pos: int, resolver: Resolver, previous: tuple[str | None, int] | None
) -> _Who | None:
    """The speaker of a quote opening at ``open_pos`` read from the sentences around it,
    or None. ``previous`` is the speaker of the last quote and where it closed."""
    para = text.rfind("\n\n", 0, open_pos)
    para = para + 2 if para >= 0 else 0
    lead_start = _sentence_start(text, max(para, open_pos - _MAX_LEAD), open_pos)
    if text[open_pos - 1 : open_pos] in (".", "!", "?"):
        lead_start = open_pos  # a mark glued to the sentence before: "release.”Patients"
    lead = text[lead_start:open_pos]
    if lead.strip() and _CUE.search(lead):
        found = _subject(text, lead_start, open_pos, resolver)
        if found is not None:  # (None, None): someone the text does not know spoke
            return found if found[0] else None
    # "The budget quote was “…”": a reply pointing back at the speaker quoted in this
    # paragraph or the last
    back = _QUOTE_WAS.search(lead) and previous is not None and previous[0]
    if back and previous is not None and _paragraphs(text, previous[1], open_pos) <= 1:
        return previous[0], None
    if lead.strip(" \t\n—–-(") and not lead.rstrip().endswith(":"):
        return None  # the quote sits inside a sentence that names nobody who speaks
    # The quote starts its sentence: the subject of the sentence before, in this
    # paragraph or closing the previous one.
    end = len(text[:lead_start].rstrip())
    prev_para = text.rfind("\n\n", 0, max(0, end))
    floor = prev_para + 2 if prev_para >= 0 else 0
    if end > floor:
        start = _sentence_start(text, max(floor, end - _MAX_LEAD), end)
        before = text[start:end]
        quoted = previous is not None and previous[1] > start
        if before.strip() and not quoted:
            found = _subject(text, start, end, resolver)
            if found is not None:
                return found if found[0] else None
    if previous is not None and previous[0] and previous[1] >= floor:
        return previous[0], None
    return None
