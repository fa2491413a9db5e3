"""Quoted speech and its speaker, found in plain text.

The provenance report traces every quoted statement to its official source, so the
first step is to find the quotes and who is said to have spoken them. Press releases,
and the forum reposts and spun copies made of them, attribute speech in a few fixed
shapes (``Attorney General Merrick B. Garland said, “…”``, ``“…,” said Governor
Whitfield.``, ``“…,” Reyes-Dunn said.``), so this module does not parse sentences: it
pairs quote marks in one linear pass and reads the attribution from a short, bounded
window on either side of each quote. No pattern can backtrack over more than such a
window, so a megabyte of hostile text costs linear time. Pure: text in, records out.

Speaker keys (:func:`speaker_key`) are the accent-folded, lowercased surname; titles,
acronyms, first names, initials, particles and suffixes are dropped, so every partial
form of a name ("Garland", "AG Garland", "Attorney General Merrick B. Garland") has the
same key within and across documents. First names are left out on purpose (later
mentions usually drop them); :func:`same_speaker` also compares first initials when both
forms carry one, which separates "Jane Garland" from "Merrick Garland".
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

__all__ = ["Quote", "extract_quotes", "same_speaker", "speaker_key"]


@dataclass(frozen=True)
class Quote:
    """One quoted statement.

    ``text`` is the quoted words as written without the outer marks (paragraphs of a
    multi-paragraph quote joined with ``"\\n"``); ``start``/``end`` are the offsets of
    those words in the input, so for a one-paragraph quote ``text == input[start:end]``.
    ``speaker`` is the fullest form of the name seen in the input; ``speaker_title`` is
    ``"statement"`` for "the statement said".
    """

    text: str
    speaker: str | None
    speaker_title: str | None
    start: int
    end: int


def _words(s: str) -> set[str]:
    return set(s.split())


# Words of titles and of the organisations that prefix them; never part of a name.
_TITLE_WORDS = _words(
    "attorney general director deputy administrator secretary governor gov superintendent "
    "commissioner chief president vice senator sen representative rep congressman "
    "congresswoman mayor sheriff minister prime officer official agent special charge "
    "prosecutor judge spokesperson spokesman spokeswoman chairman chairwoman chair ceo "
    "inspector captain capt lieutenant lt sergeant sgt detective det trooper commander "
    "colonel col ambassador counsel solicitor assistant acting senior executive head "
    "manager coordinator principal associate chancellor treasurer auditor comptroller "
    "marshal warden mr mrs ms dr prof rev hon ag gen department office bureau agency "
    "administration service services police investigations investigation enforcement "
    "customs immigration security homeland justice state federal national international "
    "county city district division unit center centre task force commission council board "
    "ministry government european united states u.s u.k d.c"
)
# A period after these does not end the phrase ("Gov. Whitfield", "U.S. Attorney").
_ABBREVS = _words(
    "gov sen rep dr mr mrs ms prof rev hon lt sgt capt col det gen jr sr st u.s u.k d.c"
)
_CONNECTORS = _words("of the and for in on at to &")
_PARTICLES = _words("de da del della di du van von der den la le bin al")
_SUFFIXES = _words("jr sr ii iii iv")
# Capitalised words that start sentences; never names ("Today Garland said").
_STARTERS = _words(
    "today yesterday meanwhile however furthermore moreover additionally also later lastly "
    "finally then and but so now here there this that these those it we our they their his "
    "according her its he she i you a an as when while after before during since"
)
_VERBS = _words(
    "said says say added adds stated states noted notes explained explains mentioned mentions "
    "remarked commented continued concluded declared told wrote writes warned emphasized "
    "emphasised stressed observed argued asserted insisted acknowledged affirmed replied "
    "responded recalled urged announced reiterated cautioned promised pledged vowed"
)


def _verb_pattern(words: set[str]) -> re.Pattern[str]:
    """One alternation per first letter ("[Ss](?:aid|ays|…)"): the scan over a whole
    megabyte then runs about three times faster than a flat re.IGNORECASE alternation."""
    by_first: dict[str, list[str]] = {}
    for w in sorted(words):
        by_first.setdefault(w[0], []).append(w[1:])
    groups = "|".join(f"[{c.upper()}{c}](?:{'|'.join(rest)})" for c, rest in by_first.items())
    return re.compile(rf"\b(?:{groups})\b")


_VERB_WORD = _verb_pattern(_VERBS | {"according"})
_ADVERBS = _words("also further later then again once previously")
_PRONOUNS = _words("he she")

_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]\.-[A-Z]\.")
_NAME_WORD = re.compile(r"[A-ZÀ-Þ][\w’'-]*")
_POSSESSIVE = re.compile(r"[A-Z][\w.’'-]*[’']s")
_MARKS = re.compile(r"[“”\"„‟«»]|\n\s*")
_SINGLE_OPEN = re.compile(r"(?<![^\s(\[—–])[‘'](?=\w)")
# A closing single mark follows sentence punctuation or a letter other than "s" (so the
# plural possessive "agents’ work" is not a close) and is not followed by a letter.
_SINGLE_CLOSE = re.compile(r"(?:(?<=[,.!?…])|(?<=[^\Ws]))[’'](?!\w)")
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"\w+")
_SENTENCE_PUNCT = re.compile(r"[.!?,;:]")
_CAP_WORD = re.compile(r"[A-ZÀ-Þ][\w’'-]*")
_STMT_NOUN = (
    r"(?:(?:the|a|an|its|their)\s+)?(?:(?:press|news|joint|written)\s+)?"
    r"(?:statement|release|announcement)"
)
_STMT_VERB = r"(?:said|says|read|reads|stated|states|added|noted)"
_STMT_BEFORE = re.compile(
    rf"(?:{_STMT_NOUN}\s+{_STMT_VERB}|according\s+to\s+{_STMT_NOUN})\s*[,:]?\s*$", re.I
)
_STMT_AFTER = re.compile(
    rf"[\s,]*(?:[—–-]\s*)?(?:{_STMT_NOUN}\s+{_STMT_VERB}"
    rf"|(?:{_STMT_VERB}|according\s+to)\s+{_STMT_NOUN})\b",
    re.I,
)
_LEAD = re.compile(r"[\s,]*(?:([—–-])\s*)?")
_WINDOW = 300  # chars searched for an attribution on either side of a quote
_MAX_PHRASE = 24  # tokens in "U.S. Immigration and … Deputy Director P.J. Lechleitner"
_MAX_FILLER = 5  # tokens allowed between verb and quote: "said in a statement, “…"
_MIN_WORDS = 4  # an unattributed quote shorter than this is a scare quote
_MAX_MENTIONS = 1000  # running-text mentions read to find the fullest form of a name

_Tok = tuple[str, int, int]  # token as written, start, end


@dataclass(frozen=True)
class _Attr:
    kind: str  # "speaker" | "pronoun" | "statement"
    name: str | None
    title: str | None
    end: int  # where the attribution ends (after-attributions: a continuation starts here)
    after: bool


def _fold(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def _core(tok: str) -> tuple[str, bool]:
    """Strip trailing punctuation; report whether it ends the phrase ("Lechleitner.")."""
    core = tok.rstrip(',;:!?—–”"')
    stop = core != tok
    if core.endswith(".") and not (_INITIALS.fullmatch(core) or core[:-1].lower() in _ABBREVS):
        core, stop = core.rstrip("."), True
    return core, stop


def _kind(core: str) -> str | None:
    """Classify a token of an attribution phrase: "conn", "title", "name" or None."""
    if not core:
        return None
    low = core.lower()
    bare = low.rstrip(".")
    if low in _CONNECTORS or low in _PARTICLES:
        return "conn"
    if bare in _TITLE_WORDS:
        return "title"
    if bare in _SUFFIXES or _INITIALS.fullmatch(core):
        return "name"
    if (core[0] == "(" and core[-1] == ")") or _POSSESSIVE.fullmatch(core):
        return "title"
    if core.replace(".", "").replace("&", "").isupper() and sum(c.isalpha() for c in core) > 1:
        return "title"  # acronym: FBI, DEA, HSI
    if _NAME_WORD.fullmatch(core) and any(c.islower() for c in core) and low not in _STARTERS:
        return "name"
    return None


def _tokens(text: str, lo: int, hi: int, limit: int | None = None) -> list[_Tok]:
    found = islice(_TOKEN.finditer(text, lo, hi), limit)
    return [(m.group(), m.start(), m.end()) for m in found]


def _trim_conn(phrase: list[_Tok]) -> list[_Tok]:
    lo, hi = 0, len(phrase)
    while lo < hi and _kind(phrase[lo][0]) == "conn":
        lo += 1
    while hi > lo and _kind(phrase[hi - 1][0]) == "conn":
        hi -= 1
    return phrase[lo:hi]


def _walk_forward(toks: list[_Tok], i: int) -> tuple[list[_Tok], int, int, bool]:
    """Read an attribution phrase from token ``i``: (phrase, next index, end, stopped)."""
    phrase: list[_Tok] = []
    end, k = (toks[i][1] if i < len(toks) else -1), i
    for k in range(i, min(len(toks), i + _MAX_PHRASE)):
        tok, s, e = toks[k]
        core, stop = _core(tok)
        if _kind(core) is None:
            return _trim_conn(phrase), k, end, False
        phrase.append((core, s, s + len(core)))
        end = e if stop else s + len(core)
        if stop:
            return _trim_conn(phrase), k + 1, end, True
    return _trim_conn(phrase), (k + 1 if phrase else i), end, False


def _walk_back(toks: list[_Tok], j: int) -> list[_Tok]:
    """Read an attribution phrase that ends at token ``j`` (inclusive), backwards."""
    phrase: list[_Tok] = []
    for k in range(j, max(-1, j - _MAX_PHRASE), -1):
        tok, s, _ = toks[k]
        core, stop = _core(tok)
        if (stop and k != j) or _kind(core) is None:
            break  # that token closes the previous clause, or is not part of a name/title
        phrase.append((core, s, s + len(core)))
    phrase.reverse()
    return _trim_conn(phrase)


def _split(text: str, phrase: list[_Tok]) -> tuple[str | None, str | None]:
    """Split a phrase into (name, title).

    The name is the last run of name tokens that follows a title word (or starts the
    phrase) and ends the phrase or meets a connector; so "U.S. Attorney Jane Doe for the
    Southern District of Florida" gives "Jane Doe" and the title "U.S. Attorney for the
    Southern District of Florida", and "… Performing the Duties of Deputy Director P.J.
    Lechleitner" gives "P.J. Lechleitner".
    """
    kinds = [_kind(t[0]) for t in phrase]
    n, i, name_run = len(phrase), 0, (0, 0)
    while i < n:
        j = i
        while j < n and kinds[j] == "name":
            j += 1
            k = j  # particles inside a name: "Ana de la Cruz"
            while k < n and phrase[k][0].lower() in _PARTICLES:
                k += 1
            if k > j and k < n and kinds[k] == "name":
                j = k
        if j == i:
            i += 1
            continue
        if (i == 0 or kinds[i - 1] == "title") and (j == n or kinds[j] == "conn") and j - i <= 5:
            name_run = (i, j)
        i = j
    a, b = name_run
    prefix = _trim_conn(phrase[:a])
    # "for the Southern District of Florida" keeps its "for the" after a title prefix
    suffix = _trim_conn(phrase[b:]) if not prefix else phrase[b:]
    parts = [p for p in (prefix, suffix) if p]
    has_title = any(_kind(t[0]) == "title" for p in parts for t in p)
    name = text[phrase[a][1] : phrase[b - 1][2]] if b > a else None
    title = " ".join(text[p[0][1] : p[-1][2]] for p in parts) if has_title else None
    return name, title


def _speaker_attr(text: str, phrase: list[_Tok], end: int, after: bool) -> _Attr | None:
    name, title = _split(text, phrase)
    if name is None and title is None:
        return None
    return _Attr("speaker", name, title, end, after)


def _has_verb(verbs: list[int], lo: int, hi: int) -> bool:
    """Is there a speech verb in ``text[lo:hi]``? (``verbs``: sorted verb offsets)."""
    i = bisect_left(verbs, lo)
    return i < len(verbs) and verbs[i] < hi


def _attr_before(text: str, lo: int, hi: int, verbs: list[int]) -> _Attr | None:
    """Attribution ending right before an opening mark at ``hi``: ``X said, “``."""
    lo = max(lo, hi - _WINDOW)
    if _STMT_BEFORE.search(text, max(lo, hi - 80), hi):
        return _Attr("statement", None, "statement", hi, False)
    if not _has_verb(verbs, lo, hi):  # cheap test first: most quotes have no verb
        return None
    toks = _tokens(text, lo, hi)[-(_MAX_PHRASE + _MAX_FILLER) :]
    lows = [_core(t[0])[0].lower() for t in toks]
    for k in range(len(toks) - 2, max(-1, len(toks) - _MAX_PHRASE), -1):
        if lows[k] == "according" and lows[k + 1] == "to":  # "According to X, “"
            phrase, nxt, _, _ = _walk_forward(toks, k + 2)
            attr = _speaker_attr(text, phrase, hi, False) if nxt == len(toks) else None
            if attr:
                return attr
            break  # "According to reports, Wray said, “": try the verb
    v = len(toks) - 1
    while v >= max(0, len(toks) - 1 - _MAX_FILLER) and lows[v] not in _VERBS:
        if v != len(toks) - 1 and _core(toks[v][0])[1]:
            return None  # a clause ended between the verb and the quote
        v -= 1
    if v < 0 or lows[v] not in _VERBS:
        return None
    j = v - 1
    if j > 0 and (lows[j] in _ADVERBS or lows[j].endswith("ly")):
        j -= 1  # "Milgram additionally mentioned"
    if j < 0:
        return None
    if lows[j] in _PRONOUNS:
        return _Attr("pronoun", None, None, hi, False)
    return _speaker_attr(text, _walk_back(toks, j), hi, False)


def _attr_after(text: str, pos: int, verbs: list[int]) -> _Attr | None:
    """Attribution right after a closing mark at ``pos - 1``: ``”, said X`` / ``” X said``."""
    hi = min(len(text), pos + _WINDOW)
    m = _STMT_AFTER.match(text, pos, hi)
    if m:
        return _Attr("statement", None, "statement", m.end(), True)
    lead = _LEAD.match(text, pos, hi)
    assert lead is not None  # the pattern matches the empty string
    start, dash = lead.end(), lead.group(1) is not None
    next_line = "\n" in text[pos:start]
    line_end = text.find("\n", start, hi)
    line_end = hi if line_end < 0 else line_end
    if not dash and not _has_verb(verbs, start, line_end):
        return None
    toks = _tokens(text, start, line_end, _MAX_PHRASE + 3)
    if not toks:
        return None
    lows = [_core(t[0])[0].lower() for t in toks]
    attr: _Attr | None = None
    skip = 2 if lows[:2] == ["according", "to"] else 1 if lows[0] in _VERBS else 0
    if skip:  # "said Governor Whitfield." / "according to Governor Whitfield."
        phrase, nxt, end, stopped = _walk_forward(toks, skip)
        attr = _speaker_attr(text, phrase, end, True)
        apposition = stopped and nxt < len(toks) - 1 and lows[nxt] in ("the", "a", "an")
        if attr and attr.title is None and apposition:  # "said Wray, the FBI director."
            title_phrase, _, end2, _ = _walk_forward(toks, nxt + 1)
            _, title = _split(text, title_phrase)
            if title:
                attr = _Attr("speaker", attr.name, title, end2, True)
    elif lows[0] in _PRONOUNS and len(toks) > 1 and lows[1] in _VERBS:
        attr = _Attr("pronoun", None, None, toks[1][2], True)
    else:
        phrase, nxt, end, stopped = _walk_forward(toks, 0)
        if not stopped and nxt < len(toks) and lows[nxt] in _ADVERBS:
            nxt += 1
        if phrase and not stopped and nxt < len(toks) and lows[nxt] in _VERBS:
            attr = _speaker_attr(text, phrase, toks[nxt][2], True)  # "Reyes-Dunn said."
        elif phrase and dash and nxt == len(toks):
            attr = _speaker_attr(text, phrase, end, True)  # "” — Governor Whitfield"
    if attr and next_line and text[attr.end : line_end].strip():
        return None  # a new sentence on the next line, not an attribution line
    return attr


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
    """Pair double quote marks in one pass; a paragraph that opens with a mark continues
    an unclosed quote, any other line break abandons it."""
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
            else:
                segs, seg_start = [], -1
            continue
        kind = _mark_kind(text, i)
        if seg_start >= 0 and kind in ("close", "either"):
            spans.append(([*segs, (seg_start, i)], open_pos, i))
            segs, seg_start = [], -1
        elif kind in ("open", "either"):  # outside, or a stray re-opening: start afresh
            segs, seg_start, open_pos = [], i + 1, i
    return spans


def _single_spans(text: str, doubles: list[_Span]) -> list[_Span]:
    """‘…’ spans outside double quotes; kept later only if attributed."""
    spans: list[_Span] = []
    inside = [(o, c) for _, o, c in doubles]
    pos, d, para_end = 0, 0, -1
    while (m := _SINGLE_OPEN.search(text, pos)) is not None:
        i = m.start()
        while d < len(inside) and inside[d][1] < i:
            d += 1
        if d < len(inside) and inside[d][0] < i:
            pos = inside[d][1] + 1
            continue
        if para_end < i:  # found once per paragraph, not once per opening mark
            para_end = text.find("\n", i)
            para_end = len(text) if para_end < 0 else para_end
        close = _SINGLE_CLOSE.search(text, i + 2, para_end)
        if close is None:
            pos = para_end  # no close in this paragraph for any later opening either
            continue
        spans.append(([(i + 1, close.start())], i, close.start()))
        pos = close.end()
    return spans


def _looks_like_name_of_thing(quoted: str) -> bool:
    """True for “Operation ProtecTor”, “Syntropy”: capitalised words, no sentence punctuation."""
    words = quoted.split()
    return not _SENTENCE_PUNCT.search(quoted) and all(
        w[0].isupper() or w.lower() in _CONNECTORS for w in words
    )


_Who = tuple[str | None, str | None]  # (speaker name, title)


def _resolve(text: str, attrs: list[_Attr | None]) -> dict[_Who, _Who]:
    """Map each attributed (name, title) to the fullest compatible form in the text."""
    forms: dict[str, dict[str, tuple[int, str | None]]] = {}  # key -> name -> (pos, title)

    def add(name: str, pos: int, title: str | None) -> None:
        key = speaker_key(name)
        if key is not None:
            old_pos, old_title = forms.setdefault(key, {}).get(name, (pos, None))
            forms[key][name] = (min(pos, old_pos), old_title or title)

    for a in attrs:
        if a and a.name:
            add(a.name, a.end, a.title)
    # Running-text mentions ("Attorney General Merrick B. Garland announced …") count too.
    surnames = {key.split()[-1] for key in forms}
    hits = (m for m in _CAP_WORD.finditer(text) if _fold(m.group()).lower() in surnames)
    for m in islice(hits, _MAX_MENTIONS):  # the fullest form comes early; bound the work
        toks = _tokens(text, max(0, m.start() - 120), m.end())
        name, title = _split(text, _walk_back(toks, len(toks) - 1))
        if name and speaker_key(name) in forms:
            add(name, m.start(), title)
    resolved: dict[_Who, _Who] = {}
    for a in attrs:
        if not (a and a.name) or (a.name, a.title) in resolved:
            continue
        key = speaker_key(a.name)
        if key is None:
            continue
        same = sorted((pos, n, t) for n, (pos, t) in forms[key].items() if same_speaker(n, a.name))
        best = max(same, key=lambda f: (len(f[1].split()), -f[0]))
        own = a.title if best[1] == a.name else None  # its own title wins when as full
        title = own or best[2] or a.title or next((t for _, _, t in same if t), None)
        resolved[(a.name, a.title)] = (best[1], title)
    return resolved


def extract_quotes(text: str) -> list[Quote]:
    """Return the quoted statements of ``text`` in order, each with its speaker.

    Scare quotes and quoted names of things are skipped: an unattributed quote needs at
    least four words and a quote that is only capitalised words is never speech.
    """
    doubles = _double_spans(text)
    spans = sorted(
        [(s, False) for s in doubles] + [(s, True) for s in _single_spans(text, doubles)],
        key=lambda x: x[0][1],
    )
    # One pass for all speech verbs, so that each quote tests its windows by bisection.
    verbs = [m.start() for m in _VERB_WORD.finditer(text)]
    attrs: list[_Attr | None] = []
    bounds: list[int] = []  # where the text after each quote (and its attribution) starts
    bound = 0
    for (_, open_pos, close_pos), _single in spans:
        lo = max(bound, open_pos - _WINDOW)  # bounded: a megabyte without "\n" stays linear
        newline = text.rfind("\n", lo, open_pos)
        lo = newline + 1 if newline >= 0 else lo
        attr = _attr_before(text, lo, open_pos, verbs) or _attr_after(text, close_pos + 1, verbs)
        attrs.append(attr)
        bound = attr.end if attr and attr.after else close_pos + 1
        bounds.append(bound)
    names = _resolve(text, attrs)
    quotes: list[Quote] = []
    last_named: _Who = (None, None)
    prev: tuple[Quote, int] | None = None
    for ((segs, open_pos, _), single), attr, bound in zip(spans, attrs, bounds, strict=True):
        speaker, title, attributed = None, None, attr is not None
        if attr is None and prev is not None:
            gap = text[prev[1] : open_pos]
            if not gap.strip() and "\n" not in gap:  # “…,” said X. “And more …”
                speaker, title, attributed = prev[0].speaker, prev[0].speaker_title, True
        elif attr and attr.kind == "pronoun":
            speaker, title = last_named
        elif attr and attr.kind == "statement":
            title = "statement"
        elif attr:
            speaker, title = names.get((attr.name, attr.title), (None, None))
            title = title or attr.title
        quoted = "\n".join(text[s:e] for s, e in segs)
        n_words = len(_WORD.findall(quoted))
        short = n_words < _MIN_WORDS or single  # ‘…’ is speech only when attributed
        if n_words == 0 or (short and not attributed) or _looks_like_name_of_thing(quoted):
            prev = None
            continue
        quote = Quote(quoted, speaker, title, segs[0][0], segs[-1][1])
        quotes.append(quote)
        prev = (quote, bound) if (speaker or title) else None
        if speaker:
            last_named = (speaker, title)
    return quotes


@lru_cache(maxsize=4096)
def _name_parts(name: str) -> tuple[str, ...]:
    """The personal-name tokens of ``name``: titles, acronyms, suffixes dropped."""
    has_lower = any(c.islower() for c in name)
    parts = []
    for tok in _fold(name).replace(",", " ").split():
        low = tok.lower().rstrip(".")
        if low in _TITLE_WORDS or low in _SUFFIXES or low in _PARTICLES:
            continue
        if tok.startswith("(") or tok.endswith("'s"):
            continue
        bare = tok.replace(".", "")
        if has_lower and bare.isupper() and len(bare) > 1 and not _INITIALS.fullmatch(tok):
            continue  # acronym such as AG or FBI
        parts.append(tok)
    return tuple(parts)


def speaker_key(name: str | None) -> str | None:
    """Return the canonical key of a speaker's name, or None when it names nobody.

    The key is the lowercased, accent-folded surname without particles ("garland",
    "reyes-dunn", "leyen" for "Ursula von der Leyen"), so "Garland", "Merrick Garland",
    "AG Garland" and "Attorney General Merrick B. Garland" share it, and so do "de la
    Cruz" and "Ana de la Cruz" (particles come and go between mentions).
    """
    parts = _name_parts(name or "")
    return parts[-1].lower().strip(".") if parts else None


def same_speaker(a: str | None, b: str | None) -> bool:
    """True when two names can denote the same person: equal keys, and equal first
    initials when both names carry a first name or initial. Two None names are equal."""
    ka, kb = speaker_key(a), speaker_key(b)
    if ka is None or kb is None or ka != kb:
        return ka == kb
    pa, pb = _name_parts(a or ""), _name_parts(b or "")
    return len(pa) < 2 or len(pb) < 2 or pa[0][0].lower() == pb[0][0].lower()
