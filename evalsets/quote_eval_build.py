"""Building blocks of the generated quote documents (see :mod:`make_quote_eval`).

:class:`Doc` writes a document piece by piece and records the offsets of every quote it
writes, so the gold spans are exact by construction. :class:`Content` is what a document
quotes of a statement and the label that earns: verbatim, truncated (sentences or a
clause of it, sometimes behind an ellipsis), altered (a changed word or capital, a joined
word, words dropped behind an ellipsis, a dropped clause, an editor's bracket), a
hand-written paraphrase, or an unofficial quote passed on with small edits. :func:`spin`
is a word-for-word synonym spinner, as content farms run over a release.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from quote_eval_content import PEOPLE, Release, Said

# ---------------------------------------------------------------------------- building


@dataclass
class Doc:
    """A document written piece by piece; quote() records the offsets of what it quotes."""

    marks: str = "curly"  # curly, straight or mixed
    rng: random.Random = field(default_factory=random.Random)
    parts: list[str] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    size: int = 0

    def add(self, text: str) -> Doc:
        if self.marks != "curly":
            text = text.replace("’", "'")
        self.parts.append(text)
        self.size += len(text)
        return self

    def pair(self, single: bool = False) -> tuple[str, str]:
        if single:
            return ("‘", "’") if self.marks == "curly" else ("'", "'")
        if self.marks == "curly":
            return "“", "”"
        if self.marks == "straight":
            return '"', '"'
        return self.rng.choice((("“", '"'), ('"', "”"), ("“", "”"), ('"', '"')))

    def quote(
        self,
        paragraphs: Sequence[str],
        speaker: str | None,
        label: str,
        statement: str | None = None,
        cluster: str | None = None,
        how: str = "",
        single: bool = False,
    ) -> Doc:
        """Write a quote (opening mark on each paragraph, closing mark on the last)."""
        opening, closing = self.pair(single)
        spans = []
        for i, para in enumerate(paragraphs):
            if i:
                self.add("\n\n")
            self.add(opening)
            start = self.size
            self.add(para)
            spans.append([start, self.size])
        self.add(closing)
        canonical = PEOPLE[speaker].name if speaker else None
        self.quotes.append(
            {
                "spans": spans,
                "speaker": canonical,
                "label": label,
                "statement": statement,
                "cluster": cluster,
                "how": how,
            }
        )
        return self

    def text(self) -> str:
        return "".join(self.parts)


# -------------------------------------------------------------------- quote content


@dataclass(frozen=True)
class Content:
    """What a document quotes: paragraphs, the label it earns, and its statement."""

    paragraphs: tuple[str, ...]
    label: str
    statement: str | None
    speaker: str | None  # who really said it (None: an unofficial quote)
    cluster: str | None = None  # unofficial quotes: the id of the quote it varies

    def ending(self, comma: bool) -> Content:
        """The last paragraph ending as the attribution needs: "…," before "said X"."""
        last = self.paragraphs[-1].rstrip()
        if comma and last.endswith((".", "…")) and not last.endswith("..."):
            last = last[:-1] + ","
        elif not comma and last.endswith(","):
            last = last[:-1] + "."
        return Content(
            (*self.paragraphs[:-1], last), self.label, self.statement, self.speaker, self.cluster
        )


STYLE_EDITS = (
    ("internet", "Internet"),
    ("dark net", "darknet"),
    ("dark web", "darkweb"),
    ("darknet", "dark net"),
    ("health care", "healthcare"),
    ("night-lights", "nightlights"),
    ("night-light", "nightlight"),
    ("percent", "per cent"),
    ("911", "9-1-1"),
    ("lifeboats", "life boats"),
    ("neighbors", "neighbours"),
)
WORD_SWAPS = {
    "furthest": "farthest",
    "dangerous": "deadly",
    "significant": "serious",
    "relentlessly": "aggressively",
    "distribute": "sell",
    "crimes": "crime",
    "exactly": "precisely",
    "patience": "understanding",
    "stolen": "taken",
    "careful": "thorough",
    "deadliest": "most deadly",
    "precaution": "step",
    "unplug": "remove",
    "launched": "lowered",
    "immediately": "right away",
    "shelter": "housing",
    "belongings": "possessions",
    "predicted": "forecast",
    "confused": "disoriented",
    "welcome": "allowed",
    "safer": "safe",
    "publish": "release",
    "vessels": "ships",
    "patient": "painstaking",
    "thousands": "hundreds",
    "inspected": "checked",
    "victimless": "harmless",
    "peddle": "sell",
    "pursue": "chase",
    "tolerate": "accept",
    "contaminated": "unsafe",
    "global": "international",
}
BRACKETS = ("[at least 11]", "[the agency]", "[investigators]", "[sic]")


_DANGLING = frozenset(
    str.split(
        "the a an of to in on at by for and or but that who which before after with from as "
        "is was are were will we i my our their his her its this these every when"
    )
)


def _cut(words: Sequence[str]) -> str:
    """Words joined, without the function words a cut would leave dangling at its end."""
    words = list(words)
    while len(words) > 5 and words[-1].strip(",;:").lower() in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(",;:")


def statements(release: Release) -> list[Said]:
    return [p for p in release.parts if isinstance(p, Said)]


def official_text(said: Said) -> tuple[str, ...]:
    """The statement's paragraphs as the release writes them (a comma before "said X")."""
    paras = [" ".join(p) for p in said.paragraphs]
    if said.tail and paras[-1].endswith("."):
        paras[-1] = paras[-1][:-1] + ","
    return tuple(paras)


def verbatim(said: Said, sid: str) -> Content:
    return Content(tuple(" ".join(p) for p in said.paragraphs), "verbatim", sid, said.speaker)


def truncated(said: Said, sid: str, rng: random.Random) -> Content:
    """A contiguous part: some sentences of one paragraph, or one clause of a sentence."""
    paragraphs = said.paragraphs
    para = rng.choice(paragraphs)
    whole = len(paragraphs) == 1
    if len(para) > 1 and rng.random() < 0.6:
        n = rng.randint(1, len(para) - 1 if whole else len(para))
        i = rng.randint(0, len(para) - n)
        text = " ".join(para[i : i + n])
    else:
        sentence = rng.choice(para)
        clauses = [c for c in re.split(r"(?<=,) ", sentence)]
        if len(clauses) < 2:
            words = sentence.split()
            cut = rng.randint(6, max(6, len(words) - 3))
            text = _cut(words[:cut]) if rng.random() < 0.5 else " ".join(words[-cut:])
        else:
            k = rng.randint(1, len(clauses) - 1)
            text = " ".join(clauses[:k] if rng.random() < 0.5 else clauses[k:])
        text = text.rstrip(",")
        if len(text.split()) < 6:
            text = sentence
            if whole and len(para) == 1:  # the whole statement: cut words off the end
                text = _cut(sentence.split()[:-4])
    if rng.random() < 0.25:
        text = rng.choice(("…", "... ", "…")) + text[0].lower() + text[1:]
    elif rng.random() < 0.25 and not text.endswith("."):
        text = text + rng.choice(("…", "..."))
    return Content((text,), "truncated", sid, said.speaker)


def altered(said: Said, sid: str, rng: random.Random) -> Content:
    """One or two edits of a whole statement or a part of it: a changed word or capital,
    a joined or split word, words dropped behind an ellipsis, a clause dropped, an
    editor's bracket inserted."""
    for _ in range(50):
        base = verbatim(said, sid) if rng.random() < 0.5 else truncated(said, sid, rng)
        text = "\n".join(base.paragraphs)
        edits = rng.sample(("style", "swap", "ellipsis", "clause", "bracket"), rng.randint(1, 2))
        out = text
        for edit in edits:
            out = edit_text(out, edit, rng)
        if out != text and len(out.split()) >= 5:
            return Content(tuple(out.split("\n")), "altered", sid, said.speaker)
    raise ValueError(f"cannot alter {sid}")


def edit_text(text: str, edit: str, rng: random.Random) -> str:
    words = text.split(" ")
    if edit == "style":
        found = [(a, b) for a, b in STYLE_EDITS if re.search(rf"\b{re.escape(a)}\b", text)]
        if found:
            a, b = rng.choice(found)
            return re.sub(rf"\b{re.escape(a)}\b", b, text, count=1)
        return text
    if edit == "swap":
        swappable = [k for k, w in enumerate(words) if w.strip(",.;:").lower() in WORD_SWAPS]
        if swappable:
            i = rng.choice(swappable)
            core = words[i].strip(",.;:")
            words[i] = words[i].replace(core, WORD_SWAPS[core.lower()])
        return " ".join(words)
    if edit == "ellipsis" and len(words) > 14:
        i = rng.randint(3, len(words) - 9)
        n = rng.randint(2, 6)
        return " ".join([*words[:i], rng.choice(("…", "...", ". . .")), *words[i + n :]])
    if edit == "clause":
        clauses = re.split(r"(?<=,) ", text)
        if len(clauses) > 2:
            i = rng.randint(1, len(clauses) - 2)
            return " ".join(clauses[:i] + clauses[i + 1 :])
        return text
    if edit == "bracket":
        options = []
        if m := re.search(r"\b(?:we|they)\b", text):  # the editor names who "we" are
            options.append(text[: m.start()] + rng.choice(BRACKETS[1:3]) + text[m.end() :])
        if m := re.search(r"\b(?:your|these|the) (?=\w+s\b)", text):  # a number put in
            options.append(text[: m.start()] + "[at least 11] " + text[m.end() :])
        if len(words) > 6:
            i = rng.randint(2, len(words) - 3)
            options.append(" ".join([*words[:i], "[sic]", *words[i:]]))
        return rng.choice(options) if options else text
    return text


def paraphrased(said: Said, sid: str) -> Content:
    return Content((said.paraphrase,), "paraphrase", sid, said.speaker)


def unofficial(text: str, cluster: str, rng: random.Random, edit: bool) -> Content:
    """An unofficial quote as passed on: as first reported, or cut or lightly edited."""
    if edit:
        choice = rng.random()
        if choice < 0.35:
            words = text.split()
            text = _cut(words[: rng.randint(8, len(words) - 2)])
        elif choice < 0.7:
            text = edit_text(text, rng.choice(("swap", "clause", "style")), rng)
            if "," in text and rng.random() < 0.5:
                text = text.replace(",", "", 1)
        else:
            text = (
                text[0].lower() + text[1:]
                if rng.random() < 0.5
                else text.replace(" and ", " & ", 1)
            )
    return Content((text,), "unmatched", None, None, cluster)


# ------------------------------------------------------------------------------ spinner

SYNONYMS = {
    "today": "these days", "announced": "introduced", "results": "effects",
    "partners": "companions", "international": "world", "largest": "biggest",
    "arrests": "apprehensions", "nearly": "just about", "double": "dual",
    "conducted": "carried out", "seizures": "confiscations", "previous": "earlier",
    "including": "together with", "drugs": "medicine", "cash": "money",
    "virtual": "digital", "goal": "intention", "disrupt": "disrupt", "dark": "darkish",
    "web": "internet", "coordinated": "coordinated", "across": "around",
    "ongoing": "continuing", "foreign": "overseas", "law": "regulation", "illegal": "unlawful",
    "sale": "sale", "goods": "items", "services": "products and services",
    "operation": "operation", "campaign": "marketing campaign", "aimed": "geared",
    "promoting": "selling", "public": "public", "safety": "protection",
    "spreading": "spreading", "awareness": "consciousness", "resources": "sources",
    "struggling": "suffering", "abuse": "abuse", "efforts": "efforts", "various": "quite a lot of",
    "markets": "marketplaces", "vendor": "seller", "found": "discovered",
    "possessed": "owned", "list": "inventory", "customers": "consumers", "living": "dwelling",
    "program": "programme", "repair": "restore", "replace": "substitute",
    "bridges": "bridges", "structurally": "structurally", "deficient": "poor",
    "investment": "funding", "history": "historical past", "funded": "financed",
    "approved": "licensed", "voters": "electorate", "begin": "start", "residents": "citizens",
    "progress": "development", "project": "venture", "updated": "up to date",
    "weekly": "weekly", "federal": "federal", "agents": "brokers", "arrested": "detained",
    "connection": "reference to", "scheme": "scheme", "billed": "charged",
    "tests": "checks", "equipment": "apparatus", "patients": "sufferers",
    "received": "gained", "indictment": "indictment", "defendants": "defendants",
    "paid": "paid", "kickbacks": "bribes", "recruiters": "recruiters", "stolen": "stolen",
    "identities": "identities", "submit": "put up", "claims": "claims",
    "convicted": "convicted", "faces": "faces", "prison": "jail", "merely": "simply",
    "allegation": "allegation", "presumed": "presumed", "innocent": "blameless",
    "proven": "confirmed", "guilty": "accountable", "doubt": "doubt", "court": "court docket",
    "issued": "issued", "advisory": "advisory", "expected": "anticipated", "reach": "achieve",
    "degrees": "levels", "high": "top", "humidity": "humidity", "opened": "unfolded",
    "cooling": "cooling", "centers": "facilities", "libraries": "libraries",
    "recreation": "game", "city": "town", "treated": "handled", "emergency": "emergency",
    "rooms": "rooms", "illness": "sickness", "wave": "wave", "died": "died",
    "available": "to be had", "website": "web page", "calling": "calling",
    "police": "police", "men": "males", "early": "early", "string": "string",
    "armed": "armed", "robberies": "robberies", "stores": "retail outlets", "suspects": "suspects",
    "ages": "a long time", "charged": "charged", "counts": "counts",
    "officers": "officials", "recovered": "recovered", "handguns": "handguns",
    "searches": "searches", "homes": "houses", "information": "data", "asked": "requested",
    "notice": "realize", "households": "families", "break": "damage", "caused": "led to",
    "sudden": "surprising", "loss": "loss", "pressure": "drive", "system": "device",
    "bottled": "bottled", "water": "water", "distributed": "allotted", "daily": "day by day",
    "inspectors": "inspectors", "countries": "nations", "detained": "detained",
    "ships": "ships", "months": "months", "targeting": "concentrated on",
    "unsafe": "unsafe", "vessels": "vessels", "ports": "ports", "focused": "concentrated",
    "older": "older", "flagged": "flagged", "states": "states", "poor": "deficient",
    "records": "information", "detentions": "detentions", "lifted": "lifted",
    "repairs": "upkeep", "banned": "banned", "recall": "recall", "sold": "offered",
    "brand": "logo", "reports": "experiences", "fires": "fires", "serious": "critical",
    "burns": "burns", "hardware": "hardware", "discount": "bargain", "nationwide": "national",
    "online": "on-line", "orders": "orders", "expanded": "extended", "grew": "grew",
    "acres": "acres", "overnight": "in a single day", "firefighters": "firefighters",
    "aircraft": "plane", "assigned": "assigned", "contained": "contained",
    "evening": "night", "deaths": "deaths", "reported": "reported", "took": "took",
    "part": "section", "offices": "places of work", "seizure": "confiscation",
    "currency": "forex", "led": "resulted", "record": "file", "said": "mentioned",
    "added": "added", "according": "in step with",
}  # fmt: skip
SAID_SPUN = ("mentioned", "stated", "mentioned", "said", "discussed", "famous")
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*|[^A-Za-z]+")


def spin(text: str, rate: float, rng: random.Random) -> str:
    """Swap lowercase words for "synonyms" at ``rate``, as an article spinner does
    (names, numbers and capitalised words are left alone)."""
    out = []
    for token in _WORD.findall(text):
        swap = SYNONYMS.get(token)
        if swap and token.islower() and rng.random() < rate:
            if token == "said":
                swap = rng.choice(SAID_SPUN)
            if token == "according" and rng.random() < 0.5:
                swap = rng.choice(("consistent with", "in keeping with"))
            out.append(swap)
        else:
            out.append(token)
    text = "".join(out)
    # "in step with to X": the spinner swapped "according" and left "to"
    return re.sub(r"\b(in step with|consistent with|in keeping with) to\b", r"\1", text)
