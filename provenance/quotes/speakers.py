"""Speaker names: reading a name and a title out of an attribution phrase, and keys.

An attribution names its speaker in many shapes ("Attorney General Merrick B. Garland",
"U.S. Attorney Jane Doe for the Southern District of Florida", "the Harbor City Water
Department", "FBI director Christopher Wray"). This module classifies the tokens of such
a phrase (title word, name word, connector), splits a phrase into a personal name and a
title, tells an organisation from a person, and gives every form of a name one key.

Speaker keys (:func:`speaker_key`) are the accent-folded, lowercased surname; titles,
acronyms, first names, initials, particles and suffixes are dropped, so every partial
form of a name ("Garland", "AG Garland", "Attorney General Merrick B. Garland") has the
same key within and across documents. First names are left out on purpose (later
mentions usually drop them); :func:`same_speaker` also compares first initials when both
forms carry one, which separates "Jane Garland" from "Merrick Garland".

Organisations (an agency that issues a statement) are keyed by their distinctive words
("Department of Justice" and "Justice Department" are both "justice"), and
:func:`same_speaker` also accepts an acronym of the full name ("DOJ", "DEA", "ICE").
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import islice

__all__ = [
    "Phrase",
    "close_speaker",
    "Tok",
    "fold",
    "is_organisation",
    "org_head",
    "same_speaker",
    "speaker_key",
    "speaker_keys",
    "split_phrase",
    "token_core",
    "token_kind",
    "tokens",
    "trim_connectors",
    "walk_back",
    "walk_forward",
]

Tok = tuple[str, int, int]  # a token as written, its start and end
Phrase = list[Tok]  # tokens of an attribution phrase: (core, start, end)
MAX_PHRASE = 24  # tokens in "U.S. Immigration and … Deputy Director P.J. Lechleitner"


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Words of titles and of the organisations that prefix them; never part of a name.
TITLE_WORDS = _words(
    "attorney general director deputy administrator secretary governor gov superintendent "
    "commissioner chief president vice senator sen representative rep congressman "
    "congresswoman mayor sheriff undersheriff minister prime officer official agent special "
    "charge prosecutor judge spokesperson spokesman spokeswoman chairman chairwoman chair ceo "
    "inspector captain capt lieutenant lt sergeant sgt detective det trooper commander "
    "colonel col ambassador counsel solicitor assistant acting senior executive head "
    "manager coordinator principal associate chancellor treasurer auditor comptroller "
    "marshal warden mr mrs ms dr prof rev hon ag gen department office bureau agency "
    "administration service services police investigations investigation enforcement "
    "customs immigration security homeland justice state federal national international "
    "county city district division unit center centre task force commission council board "
    "ministry government european united states u.s u.k d.c authority health fire water "
    "transportation port safety public education housing finance labor defense commerce "
    "energy treasury interior agriculture environmental emergency management "
    "councilmember councilwoman councilman councillor alderman meteorologist forecaster "
    "investigator epidemiologist coordination warning provost dean professor cfo coo cto "
    "founder chairperson radprofi company firm"
)
# Titles of a person (not of an organisation): "Governor" in "Governor Elena Whitfield".
PERSON_TITLES = _words(
    "attorney general director deputy administrator secretary governor gov superintendent "
    "commissioner chief president senator sen representative rep congressman congresswoman "
    "mayor sheriff undersheriff minister officer official agent prosecutor judge "
    "spokesperson spokesman spokeswoman chairman chairwoman chair ceo inspector captain capt "
    "lieutenant lt sergeant sgt detective det trooper commander colonel col ambassador "
    "counsel solicitor manager coordinator chancellor treasurer auditor comptroller marshal "
    "warden mr mrs ms dr prof rev hon ag councilmember councilwoman councilman councillor "
    "alderman meteorologist forecaster investigator epidemiologist provost dean professor "
    "cfo coo cto founder chairperson"
)
# Head words of an organisation's name ("Harbor City Water Department"): an attribution
# phrase that ends with one names an agency, not a person.
ORG_HEADS = _words(
    "department office bureau agency administration service services commission board "
    "council ministry centre center authority police patrol guard investigations enforcement "
    "government"
)
# A period after these does not end the phrase ("Gov. Whitfield", "U.S. Attorney").
ABBREVS = _words(
    "gov sen rep dr mr mrs ms prof rev hon lt sgt capt col det gen jr sr st u.s u.k d.c"
)
CONNECTORS = _words("of the and for in on at to &")
PARTICLES = _words("de da del della di du van von der den la le bin al")
SUFFIXES = _words("jr sr ii iii iv")
# Capitalised words that start sentences; never names ("Today Garland said").
STARTERS = _words(
    "today yesterday meanwhile however furthermore moreover additionally also later lastly "
    "finally then and but so now here there this that these those it we our they their his "
    "according her its he she i you a an as when while after before during since like "
    "someone somebody everyone everybody nobody officials authorities by re yeah"
)
# Capitalised words that are never a speaker's name: days, plural sources ("Critics said").
NOT_NAMES = _words(
    "monday tuesday wednesday thursday friday saturday sunday january february september "
    "october november december critics residents experts analysts witnesses neighbors "
    "neighbours prosecutors investigators observers officers supporters opponents lawmakers "
    "sources reports parents users members people"
)
_QUALIFIERS = _words("of for at in")  # "… of the FBI Miami Field Office" qualifies a name

INITIALS = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]\.-[A-Z]\.")
_NAME_WORD = re.compile(r"[A-ZÀ-Þ][\w’'-]*")
_POSSESSIVE = re.compile(r"[A-Z][\w.’'-]*[’']s")


def fold(s: str) -> str:
    """Accents removed, curly apostrophes straightened (case kept)."""
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def token_core(tok: str) -> tuple[str, bool]:
    """Strip trailing punctuation; report whether it ends the phrase ("Lechleitner.")."""
    core = tok.rstrip(',;:!?—–”"')
    if core.endswith((")", "]")) and "(" not in core and "[" not in core:
        core = core.rstrip(")]").rstrip(',;:!?—–”"')  # "added.)" closes an aside
    stop = core != tok
    if core.endswith(".") and not (INITIALS.fullmatch(core) or core[:-1].lower() in ABBREVS):
        core, stop = core.rstrip("."), True
    return core, stop


def token_kind(core: str) -> str | None:
    """Classify a token of an attribution phrase: "conn", "title", "name" or None."""
    if not core:
        return None
    low = core.lower()
    bare = low.rstrip(".")
    if low in CONNECTORS or low in PARTICLES:
        return "conn"
    if bare in TITLE_WORDS:
        return "title"
    if bare in SUFFIXES or INITIALS.fullmatch(core):
        return "name"
    if core[0] == "(" and core[-1] == ")":  # "(ICE)" names; "(pictured)" is an aside
        return "title" if core[1:2].isupper() else "conn"
    if _POSSESSIVE.fullmatch(core):
        return "title"
    if core.replace(".", "").replace("&", "").isupper() and sum(c.isalpha() for c in core) > 1:
        return "title"  # acronym: FBI, DEA, HSI
    plain = _NAME_WORD.fullmatch(core) and any(c.islower() for c in core)
    if plain and low not in STARTERS and low not in NOT_NAMES:
        return "name"
    return None


_TOKEN = re.compile(r"\S+")


def tokens(text: str, lo: int, hi: int, limit: int | None = None) -> list[Tok]:
    """The whitespace-separated tokens of ``text[lo:hi]`` (at most ``limit``)."""
    found = islice(_TOKEN.finditer(text, lo, hi), limit)
    return [(m.group(), m.start(), m.end()) for m in found]


def walk_forward(toks: list[Tok], i: int) -> tuple[Phrase, int, int, bool]:
    """Read an attribution phrase from token ``i``: (phrase, next index, end, stopped)."""
    phrase: Phrase = []
    end, k = (toks[i][1] if i < len(toks) else -1), i
    for k in range(i, min(len(toks), i + MAX_PHRASE)):
        tok, s, e = toks[k]
        core, stop = token_core(tok)
        if token_kind(core) is None:
            return trim_connectors(phrase), k, end, False
        phrase.append((core, s, s + len(core)))
        end = e if stop else s + len(core)
        if stop:
            return trim_connectors(phrase), k + 1, end, True
    return trim_connectors(phrase), (k + 1 if phrase else i), end, False


def walk_back(toks: list[Tok], j: int) -> Phrase:
    """Read an attribution phrase that ends at token ``j`` (inclusive), backwards."""
    phrase: Phrase = []
    for k in range(j, max(-1, j - MAX_PHRASE), -1):
        tok, s, _ = toks[k]
        core, stop = token_core(tok)
        if (stop and k != j) or token_kind(core) is None:
            break  # that token closes the previous clause, or is not part of a name/title
        phrase.append((core, s, s + len(core)))
        if core in ("The", "A", "An"):
            break  # a capitalised article opens the phrase: "09:14 AM\nThe DA said"
    phrase.reverse()
    return trim_connectors(phrase)


def trim_connectors(phrase: Phrase) -> Phrase:
    """The phrase without connectors at either end ("the", "of")."""
    lo, hi = 0, len(phrase)
    while lo < hi and token_kind(phrase[lo][0]) == "conn":
        lo += 1
    while hi > lo and token_kind(phrase[hi - 1][0]) == "conn":
        hi -= 1
    return phrase[lo:hi]


def split_phrase(text: str, phrase: Phrase) -> tuple[str | None, str | None]:
    """Split an attribution phrase into (name, title), as written in ``text``.

    The name is the last run of name tokens that follows a title word (or starts the
    phrase) and ends the phrase or meets a connector; so "U.S. Attorney Jane Doe for the
    Southern District of Florida" gives "Jane Doe" and the title "U.S. Attorney for the
    Southern District of Florida", and "… Performing the Duties of Deputy Director P.J.
    Lechleitner" gives "P.J. Lechleitner". A phrase without a name gives its title only
    ("the Justice Department" gives (None, "Justice Department")).
    """
    kinds = [token_kind(t[0]) for t in phrase]
    n, i, name_run = len(phrase), 0, (0, 0)
    while i < n:
        j = i
        while j < n and kinds[j] == "name":
            j += 1
            k = j  # particles inside a name: "Ana de la Cruz"
            while k < n and phrase[k][0].lower() in PARTICLES:
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
    prefix = trim_connectors(phrase[:a])
    # "for the Southern District of Florida" keeps its "for the" after a title prefix
    suffix = trim_connectors(phrase[b:]) if not prefix else phrase[b:]
    parts = [p for p in (prefix, suffix) if p]
    has_title = any(token_kind(t[0]) == "title" for p in parts for t in p)
    name = " ".join(text[phrase[a][1] : phrase[b - 1][2]].split()) if b > a else None
    title = " ".join(w for p in parts for w in text[p[0][1] : p[-1][2]].split())
    return name, (title if has_title else None)  # a hard wrap's line break is a space


@lru_cache(maxsize=4096)
def org_head(name: str) -> str | None:
    """The head word of an organisation's name, lowercased ("department" for "Department
    of Justice"), "" for an acronym ("FBI"), None for a name that is not an organisation's."""
    toks = [t.strip(",.").lower() for t in fold(name).split()]
    toks = [t for t in toks if t]
    if not toks:
        return None
    if len(toks) == 1 and name.replace(".", "").isupper() and len(toks[0]) > 1:
        return ""
    for k, tok in enumerate(toks):
        if k and tok in _QUALIFIERS:
            toks = toks[:k]
            break
    return toks[-1] if toks[-1] in ORG_HEADS else None


def is_organisation(name: str) -> bool:
    """True for the name of an agency: it ends with a head word ("Harbor City Water
    Department", "Department of Justice" before its "of" qualifier), or it is an acronym
    ("FBI")."""
    return org_head(name) is not None


_GENERIC_ORG = ORG_HEADS | CONNECTORS | _words("u.s us u.k uk the 's")


@lru_cache(maxsize=4096)
def _org_words(name: str) -> tuple[str, ...]:
    words = [t.strip(",.()").lower().removesuffix("'s") for t in fold(name).split()]
    return tuple(w for w in words if w and w not in _GENERIC_ORG)


def _acronyms(name: str) -> set[str]:
    """Acronyms of an organisation's name, with and without its connectors."""
    toks = [t.strip(",.()") for t in fold(name).split()]
    toks = [t for t in toks if t and t.lower() not in ("u.s", "u.s.", "us", "the")]
    full = "".join(t[0] for t in toks if t[0].isalpha()).lower()
    bare = "".join(t[0] for t in toks if t.lower() not in CONNECTORS and t[0].isalpha()).lower()
    return {a for a in (full, bare) if len(a) > 1}


@lru_cache(maxsize=4096)
def _name_parts(name: str) -> tuple[str, ...]:
    """The personal-name tokens of ``name``: titles, acronyms, suffixes dropped."""
    has_lower = any(c.islower() for c in name)
    parts = []
    for tok in fold(name).replace(",", " ").split():
        low = tok.lower().rstrip(".")
        if low in TITLE_WORDS or low in SUFFIXES or low in PARTICLES or low in CONNECTORS:
            continue
        if tok.startswith("(") or tok.endswith("'s"):
            continue
        bare = tok.replace(".", "")
        if has_lower and bare.isupper() and len(bare) > 1 and not INITIALS.fullmatch(tok):
            continue  # acronym such as AG or FBI
        parts.append(tok)
    return tuple(parts)


def speaker_key(name: str | None) -> str | None:
    """Return the canonical key of a speaker's name, or None when it names nobody.

    For a person, the key is the lowercased, accent-folded surname without particles
    ("garland", "reyes-dunn", "leyen" for "Ursula von der Leyen"), so "Garland", "Merrick
    Garland", "AG Garland" and "Attorney General Merrick B. Garland" share it, and so do
    "de la Cruz" and "Ana de la Cruz" (particles come and go between mentions). For an
    organisation, it is its distinctive words ("justice" for the "Department of Justice",
    "fbi" for "FBI"); a bare "the department" names nobody.
    """
    if name and is_organisation(name):
        words = _org_words(name)
        return " ".join(words) if words else None
    parts = _name_parts(name or "")
    return parts[-1].lower().strip(".") if parts else None


def speaker_keys(name: str | None) -> set[str]:
    """Every key under which ``name`` may be looked up: its key, and for an organisation
    the acronyms of its name ("Drug Enforcement Administration": also "dea")."""
    key = speaker_key(name)
    if key is None or name is None:
        return set()
    return {key} | (_acronyms(name) if is_organisation(name) else set())


def same_speaker(a: str | None, b: str | None) -> bool:
    """True when two names can denote the same person: equal keys, and equal first
    initials when both names carry a first name or initial. Two organisations are the
    same when their keys are equal, one's words end the other's ("Water Department",
    "Harbor City Water Department") or one is an acronym of the other. Two None names
    are equal."""
    ka, kb = speaker_key(a), speaker_key(b)
    if ka is None or kb is None:
        return ka == kb
    if a and b and is_organisation(a) and is_organisation(b):
        if ka == kb or (ka in _acronyms(b)) or (kb in _acronyms(a)):
            return True
        wa, wb = _org_words(a), _org_words(b)
        short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
        return bool(short) and long[-len(short) :] == short
    if ka != kb:
        return False
    pa, pb = _name_parts(a or ""), _name_parts(b or "")
    return len(pa) < 2 or len(pb) < 2 or pa[0][0].lower() == pb[0][0].lower()


SURNAME_SIMILARITY = 0.8  # "Vaschenko" for "Vashenko", "Roarke" for "Roark", "Monoco"


def close_speaker(a: str | None, b: str | None) -> bool:
    """True when two names denote the same person allowing for a misspelt surname: the
    same speaker, or two persons whose surnames are at least ``SURNAME_SIMILARITY``
    alike (and whose first initials agree when both carry one). Organisations must be
    the same speaker."""
    if same_speaker(a, b):
        return True
    if not a or not b or is_organisation(a) or is_organisation(b):
        return False
    ka, kb = speaker_key(a), speaker_key(b)
    if ka is None or kb is None or min(len(ka), len(kb)) < 4 or ka[0] != kb[0]:
        return False
    if SequenceMatcher(None, ka, kb).ratio() < SURNAME_SIMILARITY:
        return False
    pa, pb = _name_parts(a), _name_parts(b)
    return len(pa) < 2 or len(pb) < 2 or pa[0][0].lower() == pb[0][0].lower()
