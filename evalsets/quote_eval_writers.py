"""Attributions of the generated quote documents: one writer per shape.

A writer puts one quote and its attribution into a :class:`quote_eval_build.Doc`:
before the quote ("Attorney General Merrick Garland said, “…”"), after it (name first or
verb first), in apposition ("Wray, the FBI director, said"), "according to", on the next
line after a dash, after a sentence about the speaker ("he said"), by title alone ("the
governor said"), for agencies ("the statement said", "the department said"), inside the
writer's sentence (a partial quote) and in British style (single marks, "Mr Garland").
Titles come in any case. The gold speaker is whom the document names, so a quote given
to someone else is labelled misattributed.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from quote_eval_build import Content, Doc
from quote_eval_content import PEOPLE, UNOFFICIAL, Person

# ------------------------------------------------------------------------ attribution

WITNESSES = frozenset(p[1] for p in UNOFFICIAL if p[0].startswith("u-"))
ROLES = {
    "garland": "attorney general",
    "wray": "FBI director",
    "milgram": "DEA administrator",
    "whitfield": "governor",
    "reyes": "transportation secretary",
    "mensah": "health commissioner",
    "oneil": "police chief",
    "brandt": "fire commissioner",
    "okafor": "board chair",
    "raman": "U.S. attorney",
}


def title_case(title: str, rng: random.Random) -> str:
    """Titles as writers case them: as is, lowercase ("attorney general"), capitalised."""
    choice = rng.random()
    if choice < 0.55 or not title:
        return title
    if choice < 0.8:
        return " ".join(w if w.isupper() else w.lower() for w in title.split())
    return title.upper()


def full(person: Person, rng: random.Random, news: bool = True) -> str:
    """Title and name ("Attorney General Merrick Garland"); agencies: "the Justice Department"."""
    if person.agency:
        name = person.news_name if news and rng.random() < 0.5 else person.name
        return name if name.isupper() else f"the {name}"
    name = person.news_name if news else person.name
    title = title_case(person.title, rng) if person.title else ""
    if person.key in WITNESSES:
        return name  # witnesses are introduced after the name
    return f"{title} {name}".strip()


def _cap(sentence: str) -> str:
    """A sentence starts with a capital, whatever the case of the title it starts with."""
    return sentence[0].upper() + sentence[1:]


Writer = Callable[[Doc, Content, str, random.Random], None]
# A writer puts one quote and its attribution into a document: (doc, content, speaker
# key as the document attributes it, rng). It starts a paragraph and ends one.


def put_quote(doc: Doc, content: Content, who: str | None, how: str, single: bool = False) -> None:
    label = content.label
    if label != "unmatched" and who and who != content.speaker:
        label = "misattributed"
    doc.quote(content.paragraphs, who, label, content.statement, content.cluster, how, single)


def w_before(doc: Doc, c: Content, who: str, rng: random.Random) -> None:
    p = PEOPLE[who]
    verb = rng.choice(("said", "said", "added", "stated", "noted", "told reporters", "warned"))
    sep = rng.choice((", ", ": ", " "))
    if verb == "told reporters":
        sep = rng.choice((": ", ", "))
    doc.add(_cap(f"{full(p, rng)} {verb}{sep}"))
    put_quote(doc, c.ending(False), who, "before")


def w_before_short(doc: Doc, c: Content, who: str, rng: random.Random) -> None:
    p = PEOPLE[who]
    lead = rng.choice(("{s} said in a statement, ", "{s} added: ", "In a statement, {s} said, "))
    short = p.short if not p.agency else p.news_name
    if p.agency and not short.isupper():
        short = "the " + short
    lead = lead.format(s=short)
    doc.add(lead[0].upper() + lead[1:])
    put_quote(doc, c.ending(False), who, "before-short")


def w_after_name(doc: Doc, c: Content, who: str, rng: random.Random) -> None:
    p = PEOPLE[who]
    put_quote(doc, c.ending(True), who, "after-name")
    name = full(p, rng) if rng.random() < 0.6 else p.short
    doc.add(f" {name} said." if not p.agency else f" {name} said in a statement.")


def w_after_verb(doc: Doc, c: Content, who: str, rng: random.Random) -> None:
    p = PEOPLE[who]
    put_quote(doc, c.ending(True), who, "after-verb")
    doc.add(f" {rng.choice(('said', 'said', 'added'))} {full(p, rng)}.")


def w_after_apposition(doc: Doc, c: Content, who: str, rng: random.Random) -> None:
    p = PEOPLE[who]
    role = ROLES.get(who, p.title.lower())
    put_quote(doc, c.ending(True), who, "after-apposition")
    if rng.random() < 0.5:
        doc.add(f" said {p.news_name}, the {role}.")
    else:
        doc.add(f" {p.news_name}, the {role}, said.")


def w_before_apposition(doc: Doc, c: Content, who: str, rng: random.Random) -> None:
    p = PEOPLE[who]
    role = ROLES.get(who, p.title.lower())
    doc.add(f"{p.news_name}, the {role}, said: ")
    put_quote(doc, c.ending(False), who, "before-apposition")


def w_according(doc: Doc, c: Content, who: str, rng: random.Random) -> None:
    p = PEOPLE[who]
    if rng.random() < 0.5:
        doc.add(f"According to {full(p, rng)}, ")
        put_quote(doc, c.ending(False), who, "according-before")
    else:
        put_quote(doc, c.ending(True), who, "according-after")
        doc.add(f" according to {full(p, rng)}.")


def w_next_line(doc: Doc, c: Content, who: str, rng: random.Random) -> None:
    p = PEOPLE[who]
    put_quote(doc, c.ending(False), who, "next-line")
    lead = rng.choice(("\n— ", "\n- ", "\n--", "\nsaid "))
    doc.add(lead + full(p, rng, news=False) + ("." if lead == "\nsaid " else ""))


def w_pronoun(doc: Doc, c: Content, who: str, rng: random.Random) -> None:
    """A sentence about the speaker, then "he said" (after a quote by someone else)."""
    p = PEOPLE[who]
    mention = rng.choice(
        (
            "{f} spoke to reporters on Tuesday afternoon.",
            "{f} said the work was far from over.",
            "{f}, who took office in 2021, called the results encouraging.",
            "{f} thanked the officers and the partner agencies involved.",
        )
    )
    doc.add(_cap(mention.format(f=full(p, rng))) + " ")
    pron = "it" if p.agency else p.pronoun
    if rng.random() < 0.5:
        put_quote(doc, c.ending(True), who, "pronoun-after")
        doc.add(f" {pron} said.")
    else:
        doc.add(f"{pron.capitalize()} added, ")
        put_quote(doc, c.ending(False), who, "pronoun-before")


def w_role(doc: Doc, c: Content, who: str, rng: random.Random) -> None:
    """After a full mention earlier: "the governor said"."""
    p = PEOPLE[who]
    doc.add(_cap(f"{full(p, rng)} visited the site on Monday. "))
    put_quote(doc, c.ending(True), who, "role-after")
    doc.add(f" the {ROLES[who]} said.")


def w_statement(doc: Doc, c: Content, who: str, rng: random.Random) -> None:
    """Agency statements: "the statement said", "the department said", "according to"."""
    p = PEOPLE[who]
    intro = rng.choice(
        (
            "In a statement on Monday, {a} said it was working with residents. ",
            "{A} released a statement on its website. ",
            "{A} did not make an official available for an interview. ",
        )
    )
    name = f"the {p.news_name}" if not p.news_name.isupper() else p.news_name
    doc.add(intro.format(a=name, A=name[0].upper() + name[1:]))
    form = rng.random()
    if form < 0.4:
        put_quote(doc, c.ending(True), who, "statement-said")
        doc.add(rng.choice((" the statement said.", " the statement read.", " the release said.")))
    elif form < 0.7:
        put_quote(doc, c.ending(True), who, "noun-said")
        doc.add(f" {p.short} said.")
    else:
        doc.add(rng.choice(("According to the statement, ", "The statement said: ")))
        put_quote(doc, c.ending(False), who, "statement-before")


def w_partial(doc: Doc, c: Content, who: str, rng: random.Random) -> None:
    """A quote inside the writer's sentence: "Garland warned that the department “…”"."""
    p = PEOPLE[who]
    text = c.paragraphs[0]
    first = text.split(" ", 1)[0]
    if first not in ("I", "Our", "We") and not first.isupper() and "’" not in first:
        text = text[0].lower() + text[1:]
    verb = rng.choice(("warned that", "said that", "added that", "noted that"))
    doc.add(f"{p.short if not p.agency else 'The ' + p.name} {verb} ")
    text = text.rstrip(",.")
    put_quote(doc, Content((text,), c.label, c.statement, c.speaker, c.cluster), who, "partial")
    doc.add(".")


def w_uk(doc: Doc, c: Content, who: str, rng: random.Random) -> None:
    """British style: single marks, "Mr Garland said"."""
    p = PEOPLE[who]
    honorific = {"he": "Mr", "she": "Ms"}[p.pronoun]
    surname = p.short if p.short[0].isupper() else p.short.split()[-1]
    if rng.random() < 0.5:
        put_quote(doc, c.ending(True), who, "uk-after", single=True)
        doc.add(f" {honorific} {surname} said.")
    else:
        doc.add(f"{honorific} {surname} said: ")
        put_quote(doc, c.ending(False), who, "uk-before", single=True)


PERSON_WRITERS: tuple[Writer, ...] = (
    w_before,
    w_before,
    w_before_short,
    w_after_name,
    w_after_name,
    w_after_verb,
    w_after_apposition,
    w_before_apposition,
    w_according,
    w_next_line,
    w_pronoun,
    w_partial,
)
AGENCY_WRITERS: tuple[Writer, ...] = (w_statement, w_statement, w_according, w_before_short)


def writer_for(who: str, rng: random.Random, uk: bool) -> Writer:
    p = PEOPLE[who]
    if p.agency:
        return rng.choice(AGENCY_WRITERS)
    if uk:
        return w_uk
    pool = PERSON_WRITERS + ((w_role,) if who in ROLES else ())
    return rng.choice(pool)
