"""Write the labelled quote-quality evaluation set to tests/data/quotes/docs.jsonl.

Usage: .venv/bin/python evalsets/make_quote_eval.py [--out FILE] [--seed N]

Deterministic for a seed; needs nothing outside the standard library. The bench
(bench/quote_quality.py) and the test (tests/test_quote_quality.py) only read the file.

Ten official releases (:mod:`quote_eval_content`) are turned into the documents that
carry their quotes elsewhere, each built piece by piece so that the offsets of every
quoted span are known exactly:

* ``release``: the official release itself (its quotes are the statements);
* ``repost``: the whole release pasted into a forum post, with the forum's furniture
  (thread header, poster badge, URL line, signature) and curly, straight or mixed marks;
* ``excerpt``: a forum post with some paragraphs, quotes cut short (truncated);
* ``rewrite``: a news story: new narration, every quote attributed anew (before, after,
  next line, "according to", "he said", "the governor said", "the statement said",
  titles in any case, apposition), quoted verbatim, truncated, altered, paraphrased or
  misattributed, plus a local witness (unmatched);
* ``spun``: a content-farm copy: narration spun word for word by a synonym spinner
  (attribution verbs too: "said" becomes "mentioned"), quotes left alone or lightly spun;
* ``forum``: forum chat quoting statements (often altered or misattributed), fabricated
  lines and witnesses' words passed on (unmatched, in variant clusters), scare quotes,
  names of things in quote marks, typed signatures; some forum posts and reposts are
  hard-wrapped (a line break every 64-80 characters, inside quotes and attributions);
* ``hand``: documents written by hand (:mod:`quote_eval_hand`), in shapes no template
  makes, to see how the extractor does beyond its templates.

The building blocks (the document builder, the quote edits, the spinner) are in
:mod:`quote_eval_build`, the attribution shapes in :mod:`quote_eval_writers`.

Each line is a document: ``id``, ``kind``, ``official``, ``release``, ``text`` and
``quotes``, the gold quotes in order, each with ``spans`` (a list of [start, end] offsets
of its paragraphs' words, marks excluded), ``speaker`` (canonical name or null),
``label`` (``statement`` for a release's own quotes; else verbatim, truncated, altered,
misattributed, paraphrase or unmatched), ``statement`` (``<release>#<n>``, the n-th
statement of the release, or null), ``cluster`` (for unmatched quotes: the id of the
unofficial quote it is a variant of) and ``how`` (the template, for reading failures).
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable, Sequence
from pathlib import Path

from quote_eval_build import (
    SAID_SPUN,
    Content,
    Doc,
    altered,
    edit_text,
    official_text,
    paraphrased,
    spin,
    statements,
    truncated,
    unofficial,
    verbatim,
)
from quote_eval_content import PEOPLE, RELEASES, SIGNATURES, UNOFFICIAL, Release, Said
from quote_eval_hand import HAND
from quote_eval_writers import put_quote, w_before, w_statement, writer_for

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "quotes" / "docs.jsonl"

# -------------------------------------------------------------------------- documents

USERS = str.split(
    "rangerrebew harborwatch_jim oldsalt1952 Mrs_Pennywhistle truthseeker77 NorthbridgeNed "
    "calder_dad quietreader stormchaser_k lakeshore_lou"
)
SCARE = (
    "Another “huge success” for the bureaucrats, I guess.",
    "They call it a “public awareness campaign” but nobody I know ever saw it.",
    "The so-called “experts” said the same thing last year.",
    "Funny how every one of these gets called “historic”.",
    "Read the part about the “ongoing partnership” and tell me who pays for it.",
    "My brother-in-law calls this kind of thing “theater,” and he is not wrong.",
    "The word “unprecedented” is doing a lot of work in that headline.",
    "The sign on the door just said “Closed Until Further Notice” in marker.",
)
CHAT = (
    "Good riddance. I hope they throw the book at every one of them.",
    "Does anyone know if this is the same outfit that was in the news last year?",
    "My cousin lives out that way and says nobody was surprised.",
    "I'll believe it when I see the court dates.",
    "Funny how this never makes the evening news.",
    "Same story every year and nothing changes.",
    "Credit where it's due, that's decent work.",
    "Can a mod move this to the local news board?",
)
OUTLETS = ("(AP)", "(Reuters)", "—", "(Harbor City Ledger) —", "(CNS) —")


def _release_doc(rel: Release, doc: Doc, rng: random.Random, keep: Callable[[int], bool]) -> None:
    """The release's paragraphs (those ``keep`` accepts), quotes as official, into ``doc``."""
    n = -1
    first = True
    previous_said = False
    for i, part in enumerate(rel.parts):
        if isinstance(part, Said):
            n += 1
            if not keep(i):
                previous_said = False
                continue
            continuation = not part.lead and not part.tail and previous_said
            if not first:
                doc.add(" " if continuation else "\n\n")
            first = False
            if part.lead:
                doc.add(part.lead)
            doc.quote(
                official_text(part), part.speaker, "statement", f"{rel.id}#{n}", None, "official"
            )
            if part.tail:
                doc.add(part.tail)
            previous_said = True
            continue
        previous_said = False
        if not keep(i):
            continue
        if not first:
            doc.add("\n\n")
        first = False
        doc.add(part)


def release_doc(rel: Release) -> Doc:
    doc = Doc("curly")
    doc.add(rel.title + "\n\n")
    _release_doc(rel, doc, random.Random(0), lambda i: True)
    return doc


def hard_wrap(text: str, width: int) -> str:
    """Break long lines at spaces, as a paste from a PDF or an e-mail does; a space
    becomes a newline, so every offset stays where it was."""
    chars = list(text)
    line_start = last_space = 0
    for i, ch in enumerate(chars):
        if ch == "\n":
            line_start, last_space = i + 1, i + 1
        elif ch == " ":
            if i - line_start > width and last_space > line_start:
                chars[last_space] = "\n"
                line_start = last_space + 1
            last_space = i
    return "".join(chars)


def _relabel(doc: Doc, start: int, label: str) -> None:
    for q in doc.quotes[start:]:
        q["label"] = label if q["label"] == "statement" else q["label"]


def _badge(rng: random.Random) -> str:
    ranks = ("TBR Contributor", "Hero Member", "Full Member", "Senior Member")
    return (
        f"Offline {rng.choice(USERS)}\n\n  • {rng.choice(ranks)}\n  • *****\n"
        f"  • Posts: {rng.randint(40, 190000):,}\n\n"
    )


def signature(doc: Doc, rng: random.Random) -> None:
    """A typed signature at the end of a post: a quote with a dash line, or bare text."""
    sig, who, text = rng.choice(SIGNATURES)
    doc.add("\n\n" + rng.choice(("", "_____\n", "--\n")))
    if rng.random() < 0.3:  # bare text and a name: no quote marks, nothing to find
        doc.add(f"{text}\n{PEOPLE[who].name}")
        return
    doc.quote((text,), who, "unmatched", None, sig, "signature")
    doc.add(rng.choice(("\n- ", "\n— ", " — ", " -- ")) + PEOPLE[who].name)


def repost(rel: Release, rng: random.Random) -> Doc:
    doc = Doc(rng.choice(("curly", "straight", "mixed")), rng)
    if rng.random() < 0.5:
        doc.add(f"Author Topic: {rel.title[:80]}  (Read {rng.randint(12, 4000)} times)\n\n")
        doc.add("0 Members and 1 Guest are viewing this topic.\n\n")
    if rng.random() < 0.6:
        doc.add(_badge(rng))
    doc.add(rel.title + "\n\n")
    _release_doc(rel, doc, rng, lambda i: True)
    _relabel(doc, 0, "verbatim")
    doc.add("\n\n" + rel.url)
    if rng.random() < 0.5:
        signature(doc, rng)
    return doc


def excerpt(rel: Release, rng: random.Random) -> Doc:
    """Some paragraphs; each kept quote whole (verbatim) or cut short (truncated)."""
    doc = Doc(rng.choice(("curly", "straight", "mixed")), rng)
    doc.add(rng.choice(("From the release:", "Part of it:", "Here's the important bit:")))
    doc.add("\n\n")
    sids = {id(s): f"{rel.id}#{n}" for n, s in enumerate(statements(rel))}
    for k, part in enumerate(rel.parts):
        if isinstance(part, str):
            if k == 0 or rng.random() < 0.5:  # the lede stays: it names the agency
                doc.add(part + "\n\n")
            continue
        sid = sids[id(part)]
        content = verbatim(part, sid) if rng.random() < 0.5 else truncated(part, sid, rng)
        if part.tail:
            put_quote(doc, content.ending(True), part.speaker, "excerpt-official")
            doc.add(part.tail)
        else:
            lead = part.lead or f"{PEOPLE[part.speaker].short} continued: "
            doc.add(lead)
            put_quote(doc, content.ending(False), part.speaker, "excerpt-official")
        doc.add("\n\n")
    doc.add(rel.url)
    return doc


def rewrite(rel: Release, rng: random.Random, uk: bool = False) -> Doc:
    """A news story: lede, each statement quoted anew, a local witness."""
    doc = Doc(rng.choice(("curly", "curly", "straight")), rng)
    agency = PEOPLE[rel.agency]
    place = str(rel.parts[0]).split(" — ")[0] if " — " in str(rel.parts[0]) else "WASHINGTON"
    outlet = rng.choice(OUTLETS)
    lede = str(rel.parts[0]).split(" — ", 1)[-1]
    doc.add(f"{place} {outlet} {lede}\n\n")
    said = statements(rel)
    order = list(range(len(said)))
    rng.shuffle(order)
    others = [s.speaker for s in said]
    for n in order:
        st = said[n]
        sid = f"{rel.id}#{n}"
        kind = rng.choices(
            ("verbatim", "truncated", "altered", "paraphrase", "misattributed"),
            (3, 3, 3, 1.5, 1),
        )[0]
        who = st.speaker
        if kind == "verbatim":
            content = verbatim(st, sid)
        elif kind == "truncated":
            content = truncated(st, sid, rng)
        elif kind == "altered":
            content = altered(st, sid, rng)
        elif kind == "paraphrase":
            content = paraphrased(st, sid)
        else:
            content = rng.choice((verbatim(st, sid), truncated(st, sid, rng)))
            wrong = [o for o in others if o != st.speaker and not PEOPLE[o].agency]
            who = rng.choice(wrong or ["whitfield" if st.speaker != "whitfield" else "garland"])
        if PEOPLE[who].agency and kind == "paraphrase":
            content = verbatim(st, sid)
        writer = writer_for(who, rng, uk)
        if writer is w_statement and not PEOPLE[who].agency:
            writer = w_before
        writer(doc, content, who, rng)
        doc.add("\n\n")
        if rng.random() < 0.4:
            narration = [p for p in rel.parts[1:] if isinstance(p, str)]
            if narration:
                doc.add(rng.choice(narration).split(". ")[0].rstrip(".") + ".\n\n")
    for uid, who, release, text in UNOFFICIAL:
        if release == rel.id and not uid.startswith("f-"):
            p = PEOPLE[who]
            content = unofficial(text, uid, rng, edit=False)
            if rng.random() < 0.5:
                put_quote(doc, content.ending(True), who, "witness-after", single=uk)
                doc.add(f" said {p.name}, a {p.title} who lives nearby.")
            else:
                doc.add(f"{p.name}, a {p.title}, said: ")
                put_quote(doc, content.ending(False), who, "witness-before", single=uk)
            doc.add("\n\n")
    doc.add(f"The {agency.name} did not say when more details would be released.")
    return doc


def spun(rel: Release, rng: random.Random, spin_quotes: bool) -> Doc:
    """A content-farm copy: the narration (and the attributions) spun, quotes kept or
    lightly spun (a few words swapped: altered)."""
    doc = Doc("curly", rng)
    rate = rng.choice((0.3, 0.45, 0.6))
    doc.add(spin(rel.title, rate, rng) + "\n\n")
    n = -1
    previous = False
    for part in rel.parts:
        if isinstance(part, str):
            doc.add(spin(part, rate, rng) + "\n\n")
            previous = False
            continue
        n += 1
        sid = f"{rel.id}#{n}"
        content = verbatim(part, sid)
        if spin_quotes:
            text = "\n".join(content.paragraphs)
            edited = edit_text(edit_text(text, "swap", rng), "swap", rng)
            if edited != text:
                content = Content(tuple(edited.split("\n")), "altered", sid, part.speaker)
        if not part.lead and not part.tail and previous and doc.parts[-1] == "\n\n":
            doc.parts[-1] = " "  # a continuation stays in its paragraph
            doc.size -= 1
        if part.lead:
            doc.add(spin(part.lead, max(rate, 0.5), rng))
        elif not part.tail and not previous:
            doc.add(f"{PEOPLE[part.speaker].short} {rng.choice(SAID_SPUN)}, ")
        put_quote(doc, content.ending(bool(part.tail)), part.speaker, "spun")
        if part.tail:
            doc.add(spin(part.tail, max(rate, 0.5), rng))
        doc.add("\n\n")
        previous = True
    return doc


def forum(rel: Release, rng: random.Random, thread: int) -> Doc:
    """Forum chat: statements quoted (altered, misattributed, unattributed), unofficial
    lines passed on, scare quotes, a typed signature."""
    doc = Doc(rng.choice(("curly", "straight", "straight", "mixed")), rng)
    doc.add(f"Re: {rel.topic}\n\n")
    said = statements(rel)
    picks = rng.sample(range(len(said)), min(len(said), rng.randint(1, 2)))
    for n in picks:
        st = said[n]
        sid = f"{rel.id}#{n}"
        kind = rng.choices(("truncated", "altered", "misattributed", "bare", "paraphrase"))[0]
        p = PEOPLE[st.speaker]
        if kind == "bare":  # pasted with no attribution at all
            doc.add(rng.choice(("This is the part that matters: ", "Key line:\n", "")))
            c = rng.choice((verbatim(st, sid), truncated(st, sid, rng)))
            put_quote(doc, c, None, "bare")
        elif kind == "misattributed":
            wrong = rng.choice([k for k in ("garland", "wray", "whitfield", "oneil") if k != p.key])
            c = truncated(st, sid, rng)
            doc.add(
                rng.choice(("{s} said it best: ", "Like {s} said, ", "As {s} put it: ")).format(
                    s=PEOPLE[wrong].short if rng.random() < 0.5 else PEOPLE[wrong].news_name
                )
            )
            put_quote(doc, c.ending(False), wrong, "forum-misattributed")
        elif kind == "paraphrase" and not p.agency:
            doc.add(f"So {p.short} says ")
            put_quote(doc, paraphrased(st, sid), st.speaker, "forum-paraphrase")
            doc.add(" and we are supposed to just believe that?")
        else:
            c = truncated(st, sid, rng) if kind == "truncated" else altered(st, sid, rng)
            if p.agency:
                doc.add(f"The {p.news_name} says ")
                put_quote(doc, c.ending(False), st.speaker, "forum-agency")
            elif rng.random() < 0.5:
                doc.add(f"Look at what {p.short} said: ")
                put_quote(doc, c.ending(False), st.speaker, "forum-before")
            else:
                put_quote(doc, c.ending(False), st.speaker, "forum-dash")
                doc.add(f" — {p.title} {p.name}" if rng.random() < 0.5 else f"\n— {p.short}")
        doc.add("\n\n" + rng.choice(CHAT) + "\n\n")
    if rng.random() < 0.6:
        doc.add(rng.choice(SCARE) + "\n\n")
    if rng.random() < 0.25:  # a headline in quote marks is not a statement
        doc.add(
            f"Saw the headline “{rel.title[0] + rel.title[1:].lower()}” and had to post it.\n\n"
        )
    mine = [u for u in UNOFFICIAL if u[2] == rel.id]
    for uid, who, _, text in rng.sample(mine, len(mine)):
        p = PEOPLE[who]
        c = unofficial(text, uid, rng, edit=thread > 0 or rng.random() < 0.5)
        form = rng.random()
        if form < 0.35:
            doc.add(f"{p.short} said ")
            put_quote(doc, c.ending(False), who, "chain-before")
        elif form < 0.65:
            put_quote(doc, c.ending(True), who, "chain-after")
            doc.add(f" {p.news_name} said.")
        else:
            doc.add(
                rng.choice(("Someone on the radio said ", "Heard this today: ", "A guy at work: "))
            )
            put_quote(doc, c.ending(False), None, "chain-bare")
        doc.add("\n\n")
    doc.add(rng.choice(CHAT))
    if rng.random() < 0.5:
        signature(doc, rng)
    return doc


def hand_doc(text: str, golds: Sequence) -> Doc:
    """A hand-written document: each gold quote's words are found in order in ``text``."""
    doc = Doc("curly")
    doc.add(text)
    pos = 0
    for gold in golds:
        paragraphs = (gold.words,) if isinstance(gold.words, str) else gold.words
        spans = []
        for para in paragraphs:
            start = text.index(para, pos)
            pos = start + len(para)
            spans.append([start, pos])
        doc.quotes.append(
            {
                "spans": spans,
                "speaker": PEOPLE[gold.speaker].name if gold.speaker else None,
                "label": gold.label,
                "statement": gold.statement,
                "cluster": gold.cluster,
                "how": "hand",
            }
        )
    return doc


def documents(seed: int) -> list[dict]:
    rng = random.Random(seed)
    docs: list[tuple[str, str, Release, Doc]] = []
    for rel in RELEASES:
        docs.append(("release", rel.id, rel, release_doc(rel)))
        docs.append(("repost", f"{rel.id}/repost", rel, repost(rel, rng)))
        docs.append(("excerpt", f"{rel.id}/excerpt", rel, excerpt(rel, rng)))
        for k in range(3):
            docs.append(("rewrite", f"{rel.id}/rewrite{k}", rel, rewrite(rel, rng, uk=k == 2)))
        docs.append(("spun", f"{rel.id}/spun0", rel, spun(rel, rng, spin_quotes=False)))
        docs.append(("spun", f"{rel.id}/spun1", rel, spun(rel, rng, spin_quotes=True)))
        for k in range(4):
            docs.append(("forum", f"{rel.id}/forum{k}", rel, forum(rel, rng, k)))
    releases = {r.id: r for r in RELEASES}
    for doc_id, release, text, golds in HAND:
        docs.append(("hand", doc_id, releases[release], hand_doc(text, golds)))
    out = []
    for kind, doc_id, rel, doc in docs:
        text = doc.text()
        if kind in ("repost", "forum") and rng.random() < 0.3:
            text = hard_wrap(text, rng.randint(64, 80))
        for q in doc.quotes:
            for s, e in q["spans"]:
                assert 0 <= s < e <= len(text), (doc_id, q)
        out.append(
            {
                "id": doc_id,
                "kind": kind,
                "official": kind == "release",
                "release": rel.id,
                "text": text,
                "quotes": doc.quotes,
            }
        )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seed", type=int, default=20250)
    args = parser.parse_args(argv)
    docs = documents(args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for doc in docs:
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    quotes = [q for d in docs for q in d["quotes"]]
    labels: dict[str, int] = {}
    for q in quotes:
        labels[q["label"]] = labels.get(q["label"], 0) + 1
    print(f"{len(docs)} documents, {len(quotes)} gold quotes -> {args.out}")
    print("  " + ", ".join(f"{k} {v}" for k, v in sorted(labels.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
