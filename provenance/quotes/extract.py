"""Quoted speech and its speaker, found in plain text.

The provenance report traces every quoted statement to its official source, so the
first step is to find the quotes and who is said to have spoken them. Press releases,
and the forum reposts and spun copies made of them, attribute speech in a few fixed
shapes (``Attorney General Merrick B. Garland said, “…”``, ``“…,” said Governor
Whitfield.``, ``“…,” Reyes-Dunn said.``, ``Wray, the FBI director, said: “…”``), so this
module does not parse sentences: it pairs quote marks in one linear pass and reads the
attribution from a short, bounded window on either side of each quote. No pattern can
backtrack over more than such a window, so a megabyte of hostile text costs linear time.
Pure: text in, records out.

Names, titles and speaker keys are read by :mod:`provenance.quotes.speakers`; what a reference
("he said", "the governor said", "the department said", "the statement said") points
to is resolved by :mod:`provenance.references`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from provenance.quotes.context import speaker_from_context
from provenance.quotes.known import KnownSpeakers
from provenance.quotes.references import Attr, Resolver
from provenance.quotes.speakers import (
    CONNECTORS,
    MAX_PHRASE,
    Phrase,
    Tok,
    same_speaker,
    speaker_key,
    split_phrase,
    token_core,
    token_kind,
    tokens,
    walk_back,
    walk_forward,
)

__all__ = ["Quote", "extract_quotes", "same_speaker", "speaker_key"]


@dataclass(frozen=True)
class Quote:
    """One quoted statement.

    ``text`` is the quoted words as written without the outer marks (paragraphs of a
    multi-paragraph quote joined with ``"\\n"``); ``start``/``end`` are the offsets of
    those words in the input, so for a one-paragraph quote ``text == input[start:end]``.
    ``speaker`` is the fullest form of the name seen in the input (a person, or the
    agency that issued a statement); ``speaker_title`` is ``"statement"`` for "the
    statement said".
    """

    text: str
    speaker: str | None
    speaker_title: str | None
    start: int
    end: int


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


_VERBS = _words(
    "said says say added adds stated states noted notes explained explains mentioned mentions "
    "asked asks "
    "remarked commented continued concluded declared told wrote writes warned emphasized "
    "emphasised stressed observed argued asserted insisted acknowledged affirmed replied "
    "responded recalled urged announced reiterated cautioned promised pledged vowed "
    "discussed shared put famous"  # "put it"; "famous": a spinner's "noted"
)
# "according to", and what article spinners make of it
_ACCORDING = (
    ("according", "to"),
    ("in", "the", "words", "of"),
    ("in", "step", "with"),
    ("in", "keeping", "with"),
    ("consistent", "with"),
)


def _verb_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """One alternation per first letter ("[Ss](?:aid|ays|…)"): the scan over a whole
    megabyte then runs about three times faster than a flat re.IGNORECASE alternation."""
    by_first: dict[str, list[str]] = {}
    for w in sorted(words):
        by_first.setdefault(w[0], []).append(w[1:])
    groups = "|".join(f"[{c.upper()}{c}](?:{'|'.join(rest)})" for c, rest in by_first.items())
    return re.compile(rf"\b(?:{groups})\b")


_VERB_WORD = _verb_pattern(_VERBS | {"according", "words", "step", "keeping", "consistent"})
_ADVERBS = _words("also further later then again once previously")
_PRONOUNS = _words("he she")
_APPOSITION = _words("the a an who whose which")  # "Wray, the FBI director, said"
# Words that name what follows as a title or a name, not speech: "the headline “…”".
_NAMING = _words(
    "headline headlined titled entitled called named dubbed slogan phrase term word words "
    "hashtag caption labeled labelled so-called"
)

_MARKS = re.compile(r"[“”\"„‟«»]|\n\s*")
_SINGLE_OPEN = re.compile(r"(?<![^\s(\[—–])[‘'](?=\w|…|\.\.\.)")
# A closing single mark follows sentence punctuation or a letter and is not followed by
# a letter; after an "s" it must not be followed by a lowercase word, so that the plural
# possessive "agents’ work" is not a close while "deserve thanks’" is.
_SINGLE_CLOSE = re.compile(r"(?:(?<=[,.!?…])|(?<=[^\Ws]))[’'](?!\w)|(?<=s)[’'](?!\w|\s+[a-z])")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_WORD = re.compile(r"\w+")
_SENTENCE_PUNCT = re.compile(r"[.!?,;:]")
_STMT_NOUN = (
    r"(?:(?:the|a|an|its|their)\s+|the\s+(?:board|department|office|agency|service|"
    r"council|commission|bureau)['’]s\s+)?(?:(?:press|news|joint|written)\s+)?"
    r"(?:statement|release|announcement)"
)
_STMT_VERB = r"(?:said|says|read|reads|stated|states|added|noted)"
_STMT_BEFORE = re.compile(
    rf"(?:{_STMT_NOUN}\s+{_STMT_VERB}(?:\s+that)?|according\s+to\s+{_STMT_NOUN})\s*[,:]?\s*$",
    re.I,
)
_STMT_AFTER = re.compile(
    rf"[\s,]*(?:[—–-]\s*)?(?:{_STMT_NOUN}\s+{_STMT_VERB}"
    rf"|(?:{_STMT_VERB}|according\s+to)\s+{_STMT_NOUN})\b",
    re.I,
)
_STMT_FROM = re.compile(
    r"(?i:statement|release|notice|announcement)\s+(?:from|by|issued\s+by)\s+(?:the\s+)?"
    r"([A-Z][^,.;:“\"\n]{2,80}?)\s+(?:said|says|read|reads|stated)\s*[,:]?\s*$"
)
# A line that is only a name and a colon before the quote: "Gov. Whitfield: “…”".
_NAME_COLON = re.compile(r"(?:^|(?<=\n)|(?<=[a-z0-9][.!?] ))[A-Z][\w’'.-]*(?: [\w’'.-]+){0,5}:\s*$")
_LEAD = re.compile(r"[\s,]*(?:([—–-]+)\s*)?")
_WINDOW = 300  # chars searched for an attribution on either side of a quote
_MAX_FILLER = 8  # tokens between verb and quote: "said on the news that the clerks were “…"
_MAX_APPOSITION = 14  # tokens of ", the attorney general," between a name and its verb
_MAX_GAP_WORDS = 8  # "“…,” Garland told CNN on Tuesday, “…”": the second quote is his too
_MIN_WORDS = 4  # an unattributed quote shorter than this is a scare quote
_MAX_SCARE = 2  # words of a quote that is a scare quote even when attributed
_MAX_PARAGRAPHS = 20  # paragraphs of one quote in single marks


def _speaker_attr(
    text: str, phrase: Phrase, end: int, after: bool, title: str | None = None
) -> Attr | None:
    name, own_title = split_phrase(text, phrase)
    if name is None and own_title is None:
        return None
    start = phrase[0][1] if phrase else end
    return Attr("speaker", name, own_title or title, start, end, after)


def _appositive_title(text: str, toks: list[Tok], i: int) -> str | None:
    """The title in an apposition starting at token ``i`` ("the FBI director,")."""
    phrase, _, _, _ = walk_forward(toks, i)
    return split_phrase(text, phrase)[1] if phrase else None


def _opens_apposition(low: str) -> bool:
    """Does this word open an apposition or a clause between a name and its verb?
    ("Wray, the FBI director,", "Okonkwo, who leads …,", "Mensah, 58,", "Garland,
    speaking at a news conference …,")"""
    return low in _APPOSITION or low.isdigit() or (low.endswith("ing") and len(low) > 5)


def _has_verb(verbs: list[int], lo: int, hi: int) -> bool:
    """Is there a speech verb in ``text[lo:hi]``? (``verbs``: sorted verb offsets)."""
    i = bisect_left(verbs, lo)
    return i < len(verbs) and verbs[i] < hi


def _according(lows: list[str], k: int) -> int:
    """Length of an "according to" phrase (or a spinner's "in step with") at ``k``, or 0."""
    for words in _ACCORDING:
        if tuple(lows[k : k + len(words)]) == words:
            return len(words)
    return 0


def _attr_before(text: str, lo: int, hi: int, verbs: list[int]) -> Attr | None:
    """Attribution ending right before an opening mark at ``hi``: ``X said, “``."""
    lo = max(lo, hi - _WINDOW)
    if _STMT_BEFORE.search(text, max(lo, hi - 80), hi):
        return Attr("statement", None, "statement", hi, hi, False)
    if m := _STMT_FROM.search(text, max(lo, hi - 160), hi):  # "a statement from X read:"
        return Attr("statement", " ".join(m.group(1).split()), "statement", m.start(), hi, False)
    if m := _NAME_COLON.search(text, lo, hi):  # a forum's "Merrick Garland: “…”"
        toks = tokens(text, m.start(), m.end())
        phrase = walk_back(toks, len(toks) - 1)
        name, title = split_phrase(text, phrase) if phrase else (None, None)
        if name and phrase[0][1] == toks[0][1]:  # the whole line names the speaker
            return Attr("speaker", name, title, m.start(), hi, False, weak=True)
    if not _has_verb(verbs, lo, hi):  # cheap test first: most quotes have no verb
        return None
    toks = tokens(text, lo, hi)[-(MAX_PHRASE + _MAX_APPOSITION + _MAX_FILLER) :]
    lows = [token_core(t[0])[0].lower() for t in toks]
    for k in range(len(toks) - 2, max(-1, len(toks) - MAX_PHRASE), -1):
        if n := _according(lows, k):  # "According to X, “"
            phrase, nxt, _, _ = walk_forward(toks, k + n)
            attr = _speaker_attr(text, phrase, hi, False) if nxt == len(toks) else None
            if attr:
                return attr
            break  # "According to reports, Wray said, “": try the verb
    v = len(toks) - 1
    while v >= max(0, len(toks) - 1 - _MAX_FILLER) and lows[v] not in _VERBS:
        core, stop = token_core(toks[v][0])
        if stop and (v != len(toks) - 1 or toks[v][0][len(core) :].startswith((".", "!", "?"))):
            return None  # a clause (or, at the quote, a sentence) ended after the verb
        v -= 1
    if v < 0 or lows[v] not in _VERBS or toks[v][0].endswith((".", "!", "?")):
        return None  # no verb, or "Garland said." ends a sentence before the quote
    if lows[v] == "put" and lows[v + 1 : v + 2] != ["it"]:
        return None  # only "As Whitfield put it, “"
    j = v - 1
    if j > 0 and (lows[j] in _ADVERBS or lows[j].endswith("ly")):
        j -= 1  # "Milgram additionally mentioned"
    if j < 0:
        return None
    if lows[j] in _PRONOUNS:
        return Attr("pronoun", None, None, toks[j][1], hi, False)
    phrase = walk_back(toks, j)
    if phrase and split_phrase(text, phrase)[0] is None:
        qualified = _qualified_name(text, toks, lows, phrase, hi)
        if qualified is not None:  # "Greer from the weather office said"
            return qualified
    if toks[j][0].endswith(","):  # "Wray, the FBI director, said" / "Okonkwo, who …, said"
        for k in range(j - 1, max(-1, j - _MAX_APPOSITION), -1):
            if toks[k][0].endswith(",") and _opens_apposition(lows[k + 1]):
                title = _appositive_title(text, toks, k + 1) if k + 1 < j else None
                named = _speaker_attr(text, walk_back(toks, k), hi, False, title)
                if named and named.name:
                    return named
                break
    return _speaker_attr(text, phrase, hi, False)


_QUALIFYING = _words("from of at with")


def _qualified_name(
    text: str, toks: list[Tok], lows: list[str], phrase: Phrase, hi: int
) -> Attr | None:
    """``Greer from the weather office said``: the person a nameless title phrase
    qualifies, a few words back across "from"/"of"/"at", else None."""
    p = next((k for k, t in enumerate(toks) if t[1] == phrase[0][1]), -1)
    for k in range(p - 1, max(0, p - 4), -1):
        if token_core(toks[k][0])[1]:
            return None  # a clause ended between them
        if lows[k] in _QUALIFYING:
            named = walk_back(toks, k - 1)
            attr = _speaker_attr(text, named, hi, False) if named else None
            return attr if attr and attr.name else None
    return None


def _attr_after(text: str, pos: int, verbs: list[int]) -> Attr | None:
    """Attribution right after a closing mark at ``pos - 1``: ``”, said X`` / ``” X said``."""
    hi = min(len(text), pos + _WINDOW)
    m = _STMT_AFTER.match(text, pos, hi)
    if m:
        return Attr("statement", None, "statement", pos, m.end(), True)
    lead = _LEAD.match(text, pos, hi)
    assert lead is not None  # the pattern matches the empty string
    start, dash = lead.end(), lead.group(1) is not None
    next_line = "\n" in text[pos:start]
    blank = _BLANK_LINE.search(text, start, hi)
    para_end = blank.start() if blank else hi  # a hard-wrapped attribution spans lines
    if not dash and not _has_verb(verbs, start, para_end):
        return None
    toks = tokens(text, start, para_end, MAX_PHRASE + _MAX_APPOSITION)
    if not toks:
        return None
    lows = [token_core(t[0])[0].lower() for t in toks]
    attr: Attr | None = None
    skip = _according(lows, 0) or (1 if lows[0] in _VERBS else 0)
    if skip:  # "said Governor Whitfield." / "according to Governor Whitfield."
        phrase, nxt, end, stopped = walk_forward(toks, skip)
        attr = _speaker_attr(text, phrase, end, True)
        apposition = stopped and nxt < len(toks) - 1 and _opens_apposition(lows[nxt])
        if attr and attr.name is None and stopped and nxt < len(toks):
            named, _, end2, _ = walk_forward(toks, nxt)  # "said the county's health
            name, title = (
                split_phrase(text, named) if named else (None, None)
            )  # chief, Dr. Ana Vo."
            if name and toks[nxt - 1][0].endswith(","):
                attr = Attr("speaker", name, attr.title or title, attr.start, end2, True)
        if attr and apposition:  # "said Wray, the FBI director." / "said Bell, 58, of …"
            title_phrase, _, end2, _ = walk_forward(toks, nxt + 1)
            _, title = split_phrase(text, title_phrase)
            if title and attr.title is None and lows[nxt] in ("the", "a", "an"):
                attr = Attr("speaker", attr.name, title, attr.start, end2, True)
            end3 = _sentence_end(toks, nxt)
            if end3 > attr.end:
                attr = Attr(attr.kind, attr.name, attr.title, attr.start, end3, True)
    elif lows[0] in _PRONOUNS and len(toks) > 1 and lows[1] in _VERBS:
        attr = Attr("pronoun", None, None, toks[0][1], toks[1][2], True)
    else:
        first = 1 if lows[0] in ("a", "an") and len(toks) > 1 else 0  # "a DEA spokeswoman"
        phrase, nxt, end, stopped = walk_forward(toks, first)
        if not stopped and nxt < len(toks) and lows[nxt] in _ADVERBS:
            nxt += 1
        if phrase and not stopped and nxt < len(toks) and lows[nxt] in _VERBS:
            attr = _speaker_attr(text, phrase, toks[nxt][2], True)  # "Reyes-Dunn said."
        elif phrase and stopped and nxt < len(toks) and _opens_apposition(lows[nxt]):
            attr = _after_apposition(text, toks, lows, phrase, nxt)  # "Wray, the …, said."
        elif dash:  # "” — Governor Whitfield": the rest of the line names the speaker
            attr = _dash_attr(text, toks, start, para_end)
    if attr and next_line:
        line_end = text.find("\n", attr.end, para_end)
        if text[attr.end : para_end if line_end < 0 else line_end].strip():
            return None  # a new sentence on the next line, not an attribution line
    return attr


def _dash_attr(text: str, toks: list[Tok], start: int, para_end: int) -> Attr | None:
    """``” — Governor Whitfield``: a name that ends its line, or a phrase that a hard wrap
    carried onto the next lines (``— ICE\nDeputy Director P.J. Lechleitner``)."""
    line_end = text.find("\n", start, para_end)
    line = [t for t in toks if line_end < 0 or t[1] < line_end]
    for part in (line, toks):
        phrase, nxt, end, stopped = walk_forward(part, 0)
        title = None
        if phrase and stopped and nxt < len(part):  # "— P.J. Lechleitner, ICE deputy director"
            rest, after, end2, _ = walk_forward(part, nxt)
            title = split_phrase(text, rest)[1] if after == len(part) else None
            nxt, end = (after, end2) if title else (nxt, end)
        attr = (
            _speaker_attr(text, phrase, end, True, title) if phrase and nxt == len(part) else None
        )
        if attr and (attr.name or part is toks):
            return attr
    return None


def _sentence_end(toks: list[Tok], i: int) -> int:
    """The end of the sentence an apposition from token ``i`` closes (-1: not within
    reach): the text after it may continue the quote ("“…,” said Claes, a crane
    operator. “More …”")."""
    for k in range(i, min(len(toks), i + _MAX_APPOSITION)):
        if toks[k][0].endswith((".", "!", "?")) and token_core(toks[k][0])[1]:
            return toks[k][2]
    return -1


def _after_apposition(
    text: str, toks: list[Tok], lows: list[str], phrase: Phrase, i: int
) -> Attr | None:
    """``” Garland, the attorney general, said.``: the name, its apposition, the verb."""
    for k in range(i, min(len(toks) - 1, i + _MAX_APPOSITION)):
        if toks[k][0].endswith(","):
            if lows[k + 1] not in _VERBS:
                return None
            title = _appositive_title(text, toks, i) if lows[i] in ("the", "a", "an") else None
            attr = _speaker_attr(text, phrase, toks[k + 1][2], True, title)
            return attr if attr and attr.name else None
        if token_core(toks[k][0])[1]:
            return None
    return None


def _mark_kind(text: str, i: int) -> str:
    """Kind of the double quote mark at ``i``: "open", "close", "either" or "none"."""
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    can_open = (prev.isspace() or prev in "([{—–-/") and not nxt.isspace()
    can_close = not prev.isspace() and prev not in "([{"
    ch = text[i]
    if ch in "“„‟«":
        return "close" if can_close and not can_open else "open"
    if ch in "”»":
        return "either" if can_open and not can_close else "close"
    if can_open and can_close:
        return "either"
    return "open" if can_open else "close" if can_close else "none"


_Span = tuple[list[tuple[int, int]], int, int]  # paragraph segments, open mark, close mark


def _double_spans(text: str) -> list[_Span]:
    """Pair double quote marks in one pass. A paragraph that opens with a mark continues
    an unclosed quote; a blank line without one abandons it; a line break inside a
    paragraph (hard-wrapped text) is part of the quote."""
    spans: list[_Span] = []
    segs: list[tuple[int, int]] = []
    seg_start = open_pos = skip = -1
    for m in _MARKS.finditer(text):
        i = m.start()
        if i == skip:
            continue
        if text[i] == "\n":
            if seg_start < 0:
                continue
            j = m.end()
            if j < len(text) and text[j] in '“"„‟«”' and _mark_kind(text, j) in ("open", "either"):
                segs.append((seg_start, len(text[seg_start:i].rstrip()) + seg_start))
                seg_start, skip = j + 1, j
            elif m.group().count("\n") > 1 or j == len(text):
                segs, seg_start = [], -1
            continue
        kind = _mark_kind(text, i)
        if seg_start < 0 and kind == "close" and text[i + 1 : i + 2].isalpha():
            kind = "open"  # glued to the sentence before: "release.”Patients …" / "ty.“Cash"
        if seg_start >= 0 and kind in ("close", "either"):
            spans.append(([*segs, (seg_start, i)], open_pos, i))
            segs, seg_start = [], -1
        elif kind in ("open", "either"):  # outside, or a stray re-opening: start afresh
            segs, seg_start, open_pos = [], i + 1, i
    return spans


def _single_spans(text: str, doubles: list[_Span]) -> list[_Span]:
    """‘…’ spans outside double quotes (kept later only if attributed); a paragraph that
    opens with a single mark continues an unclosed one, as with double marks."""
    spans: list[_Span] = []
    inside = [(o, c) for _, o, c in doubles]
    pos, d = 0, 0
    while (m := _SINGLE_OPEN.search(text, pos)) is not None:
        i = m.start()
        while d < len(inside) and inside[d][1] < i:
            d += 1
        if d < len(inside) and inside[d][0] < i:
            pos = inside[d][1] + 1
            continue
        segs: list[tuple[int, int]] = []
        seg_start = i + 1
        while True:
            blank = _BLANK_LINE.search(text, seg_start)
            para_end = blank.start() if blank else len(text)
            close = _SINGLE_CLOSE.search(text, seg_start + 1, para_end)
            if close is not None:
                spans.append(([*segs, (seg_start, close.start())], i, close.start()))
                pos = close.end()
                break
            nxt = (
                blank.end() + len(text[blank.end() :]) - len(text[blank.end() :].lstrip())
                if blank
                else -1
            )
            if nxt < 0 or nxt >= len(text) or text[nxt] not in "‘'" or len(segs) >= _MAX_PARAGRAPHS:
                pos = para_end  # no close in this paragraph for any later opening either
                break
            segs.append((seg_start, len(text[seg_start:para_end].rstrip()) + seg_start))
            seg_start = nxt + 1
    return spans


def _looks_like_name_of_thing(quoted: str) -> bool:
    """True for “Operation ProtecTor”, “Syntropy”: capitalised words, no sentence punctuation."""
    words = quoted.split()
    return not _SENTENCE_PUNCT.search(quoted) and all(
        w[0].isupper() or w.lower() in CONNECTORS for w in words
    )


def _named(text: str, open_pos: int) -> bool:
    """Do the words before the opening mark call the quote a name: the headline “…”?"""
    lows = [w.lower().strip(",:") for w in text[max(0, open_pos - 24) : open_pos].split()[-2:]]
    return bool(lows) and (lows[-1] in _NAMING or lows == ["known", "as"])


def _continues(text: str, lo: int, hi: int) -> bool:
    """Does an unattributed quote at ``hi`` continue the attributed one whose attribution
    ends at ``lo``? Yes when nothing but a few words without a sentence end, a line break
    or another name stand between them: “…,” said X. “And more …” / “…,” X told CNN on
    Tuesday, “and more.” / X said that crews “…” and that he expected “…”."""
    gap = text[lo:hi]
    if "\n" in gap or len(gap) > 80:
        return False
    words = gap.split()
    if len(words) > _MAX_GAP_WORDS or any(w.endswith((".", "!", "?")) for w in words):
        return False
    return all(token_kind(token_core(w)[0]) != "name" for w in words)


def _goes_on(
    text: str, prev_single: tuple[str | None, int] | None, speaker: str | None, open_pos: int
) -> bool:
    """Does an unattributed ‘…’ at ``open_pos`` go on from the last ‘…’ speech of the
    same speaker in the same paragraph (‘…,’ the sergeant said. ‘More …’)?"""
    if prev_single is None or speaker is None or prev_single[0] != speaker:
        return False
    return _BLANK_LINE.search(text, prev_single[1], open_pos) is None


def _headline_colon(text: str, open_pos: int) -> bool:
    """Is a quote at ``open_pos`` the words a headline gives a speaker after a colon,
    on the first line of the text ("Tannery owner: ‘we should have stopped …’")?"""
    line_start = text.rfind("\n", 0, open_pos) + 1
    return not text[:line_start].strip() and text[line_start:open_pos].rstrip().endswith(":")


def extract_quotes(text: str, known: KnownSpeakers | None = None) -> list[Quote]:
    """Return the quoted statements of ``text`` in order, each with its speaker.

    Scare quotes and quoted names of things are skipped: an unattributed quote needs at
    least four words, a quote that is only capitalised words is never speech, nor is
    one the words before call a headline, a title or a name.

    ``known``, the speakers of the statement set, completes a speaker the text names
    only by a title, a generic agency or a misspelt name (see :class:`KnownSpeakers`).
    """
    doubles = _double_spans(text)
    spans = sorted(
        [(s, False) for s in doubles] + [(s, True) for s in _single_spans(text, doubles)],
        key=lambda x: x[0][1],
    )
    # One pass for all speech verbs, so that each quote tests its windows by bisection.
    verbs = [m.start() for m in _VERB_WORD.finditer(text)]
    attrs: list[Attr | None] = []
    bounds: list[int] = []  # where the text after each quote (and its attribution) starts
    bound = 0
    for (_, open_pos, close_pos), _single in spans:
        lo = max(bound, open_pos - _WINDOW)  # bounded: a megabyte without "\n" stays linear
        blank = text.rfind("\n\n", lo, open_pos)
        lo = blank + 2 if blank >= 0 else lo
        attr = _attr_before(text, lo, open_pos, verbs) or _attr_after(text, close_pos + 1, verbs)
        attrs.append(attr)
        bound = attr.end if attr and attr.after else close_pos + 1
        bounds.append(bound)
    resolver = Resolver(text, attrs, [(o, c) for (_, o, c), _ in spans], known)
    quotes: list[Quote] = []
    prev: tuple[Quote, int] | None = None
    prev_single: tuple[str | None, int] | None = None  # the last ‘…’ speech kept
    last: tuple[str | None, int] | None = None  # the last quote's speaker, where it ended
    for ((segs, open_pos, _), single), attr, bound in zip(spans, attrs, bounds, strict=True):
        speaker, title, attributed = None, None, attr is not None
        if attr is None and prev is not None and _continues(text, prev[1], open_pos):
            speaker, title, attributed = prev[0].speaker, prev[0].speaker_title, True
        elif attr is not None:
            speaker, title = resolver.who(attr, open_pos)
            if known is not None:  # "the board said" where the story never names it
                speaker, title = known.resolve(speaker, title, text)
        if speaker is None and title != "statement":
            context = speaker_from_context(text, open_pos, resolver, last)
            if context is not None:
                speaker, title = context[0], title or context[1]
                attributed = (
                    attributed or not single or _goes_on(text, prev_single, speaker, open_pos)
                )
            if context is not None and known is not None:
                speaker, title = known.resolve(speaker, title, text)
        if single and not attributed and _headline_colon(text, open_pos):
            attributed = True  # "Tannery owner: 'we should have stopped the line'"
        quoted = "\n".join(text[s:e] for s, e in segs)
        n_words = len(_WORD.findall(quoted))
        short = n_words < _MIN_WORDS or single  # ‘…’ is speech only when attributed
        thing = _looks_like_name_of_thing(quoted) or (not attributed and _named(text, open_pos))
        # one or two words without a sentence end are a scare quote even when a verb
        # stands near them: 'The commissioner said "twenty-one days"??'
        scare = len(quoted.split()) <= _MAX_SCARE and not quoted.rstrip().endswith(
            (".", "!", "?", ",", "…")
        )
        if n_words == 0 or (short and not attributed) or thing or scare:
            prev = None
            continue
        quote = Quote(quoted, speaker, title, segs[0][0], segs[-1][1])
        quotes.append(quote)
        prev = (quote, bound) if (speaker or title) else None
        if single:
            prev_single = (speaker, bound) if speaker else None
        last = (speaker, bound)
        resolver.spoke(quote.speaker, title)
    return quotes
