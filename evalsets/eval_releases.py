"""Fictional press releases and their rewrites, for the link-quality evaluation set.

A release is planned once (its facts, its quotes, who says them) and then
rendered twice: as the official text (dateline, facts in the agency's
order, quotes with attributions before or after, the agency's boilerplate)
and as a rewrite (what a news site or a blogger makes of it: another
headline, every fact in another phrasing and another order, the same
quotes word for word under other attributions, a fact or two dropped).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from eval_agencies import Agency, Official
from eval_families import FAMILIES
from eval_templates import GENERIC_QUOTES, Family, Slots

__all__ = ["Plan", "Release", "plan_release", "render_release", "render_rewrite"]

_CHOICE = re.compile(r"\[([^\[\]]*)\]")


def _fill(template: str, slots: Slots, rng: random.Random) -> str:
    """``template`` with each ``[a|b]`` resolved by ``rng`` and each ``{slot}`` filled."""
    text = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    text = text.format_map(slots)
    return text[0].upper() + text[1:]


def _typographic(text: str) -> str:
    return text.replace("'", "\u2019")


@dataclass(frozen=True)
class Quote:
    official: Official
    sentences: tuple[str, ...]
    style: str  # after | before | end | context


@dataclass(frozen=True)
class Plan:
    """What a release says, before it is written out."""

    agency: Agency
    family: Family
    slots: Slots
    seed: int
    facts: tuple[tuple[str, int], ...]  # (fact kind, phrasing index) in release order
    quotes: tuple[Quote, ...]
    quote_after: tuple[int, ...]  # the fact paragraph each quote follows
    with_about: bool


@dataclass(frozen=True)
class Release:
    url: str
    title: str
    paragraphs: tuple[str, ...]
    kinds: tuple[str, ...]  # per paragraph: lead, facts, quote, about


def plan_release(agency: Agency, family_name: str, seed: int, said: set[str] | None = None) -> Plan:
    """Draw the facts, quotes and layout of one release of ``agency`` on ``family_name``.

    ``said``: quote templates this agency already used on this topic; they
    are not used again (an official does not give the same quote in two
    releases), and the ones drawn here are added to it.
    """
    said = set() if said is None else said
    rng = random.Random(seed)
    family = FAMILIES[family_name]
    slots = family.slots(rng, agency)
    facts = tuple(
        (fact.kind, rng.randrange(len(fact.phrasings)))
        for fact in family.facts
        if fact.required or rng.random() < 0.8
    )
    # mostly the family's own lines, a few generic ones mixed in
    fresh = [q for q in GENERIC_QUOTES if q not in said]
    generic = rng.sample(fresh, min(3, len(fresh)))
    pool = [q for q in family.quotes if q not in said] + generic
    rng.shuffle(pool)
    speakers = [agency.officials[0]] + rng.sample(
        agency.officials[1:], rng.randint(1, len(agency.officials) - 1)
    )
    quotes = []
    used: set[str] = set()  # in this release
    for number, official in enumerate(speakers):
        count = rng.choice((1, 2, 2, 3, 3))
        if len(pool) < count:  # everything said once: stock lines come back
            pool = [q for q in family.quotes if q not in used]
            rng.shuffle(pool)
        taken = [pool.pop() for _ in range(count)]
        said.update(taken)
        used.update(taken)
        sentences = tuple(_typographic(_fill(s, slots, rng)) for s in taken)
        styles = ("after", "before", "end", "context") if number < 2 else ("after", "end")
        quotes.append(Quote(official, sentences, rng.choice(styles)))
    fact_paragraphs = len(facts) - len(facts) // 3
    positions = sorted(rng.sample(range(1, max(fact_paragraphs, len(quotes) + 1)), len(quotes)))
    return Plan(
        agency,
        family,
        slots,
        seed,
        facts,
        tuple(quotes),
        tuple(positions),
        bool(agency.about) and rng.random() < 0.85,
    )


def _fact_text(plan: Plan, kind: str, phrasing: int, rng: random.Random) -> str:
    fact = next(f for f in plan.family.facts if f.kind == kind)
    return _fill(fact.phrasings[phrasing], plan.slots, rng)


def _joined(sentences: tuple[str, ...], last: str = ".") -> str:
    """Sentences of a quote, the last one ending in ``last`` instead of its period."""
    text = " ".join(sentences)
    return text[:-1] + last if text.endswith(".") else text


def _release_quote(quote: Quote, plan: Plan, rng: random.Random) -> str:
    who = f"{quote.official.title} {quote.official.name}"
    first, rest = quote.sentences[0], quote.sentences[1:]
    if quote.style == "after":
        tail = f" \u201c{' '.join(rest)}\u201d" if rest else ""
        verb = rng.choice(("said", "said", "added"))
        return f"\u201c{_joined((first,), ',')}\u201d {verb} {who}.{tail}"
    if quote.style == "before":
        return f"{who} said, \u201c{' '.join(quote.sentences)}\u201d"
    if quote.style == "end":
        return f"\u201c{_joined(quote.sentences, ',')}\u201d {who} said."
    if quote.style == "context":
        context = _fill(rng.choice(plan.family.context), {**plan.slots, "who": who}, rng)
        return f"{_typographic(context)} \u201c{' '.join(quote.sentences)}\u201d"
    return f"\u201c{_joined(quote.sentences, ',')}\u201d {who} said."


def render_release(plan: Plan) -> Release:
    """The official text of ``plan``: title, paragraphs and what each paragraph is."""
    rng = random.Random(plan.seed * 7 + 1)
    title = _fill(rng.choice(plan.family.titles), plan.slots, rng)
    sentences = [_fact_text(plan, kind, p, rng) for kind, p in plan.facts]
    # the lead alone, then one or two facts a paragraph; the contact line alone at the end
    blocks: list[list[str]] = [[sentences[0]]]
    body, contact = sentences[1:-1], sentences[-1]
    while body:
        take = 1 if len(body) == 1 or rng.random() < 0.4 else 2
        blocks.append(body[:take])
        body = body[take:]
    paragraphs = [" ".join(b) for b in blocks]
    kinds = ["lead"] + ["facts"] * (len(paragraphs) - 1)
    for offset, (quote, after) in enumerate(zip(plan.quotes, plan.quote_after, strict=True)):
        at = min(after, len(paragraphs) - 1) + 1 + offset
        paragraphs.insert(at, _release_quote(quote, plan, rng))
        kinds.insert(at, "quote")
    paragraphs.append(contact)
    kinds.append("contact")
    if plan.with_about:
        paragraphs.append(f"About the {plan.agency.name}: {plan.agency.about}")
        kinds.append("about")
    return Release(
        url="",
        title=_typographic(title),
        paragraphs=tuple(_typographic(p) for p in paragraphs),
        kinds=tuple(kinds),
    )


def _rewrite_quote(quote: Quote, rng: random.Random) -> str:
    name, title = quote.official.name, quote.official.title
    text = " ".join(quote.sentences)
    style = rng.randrange(4)
    if style == 0:
        return f"\u201c{_joined(quote.sentences, ',')}\u201d {name} told reporters."
    if style == 1:
        return f"{name}, the {title.lower()}, said in a statement: \u201c{text}\u201d"
    if style == 2:
        return f"In a statement, {title} {name} said: \u201c{text}\u201d"
    return f"\u201c{_joined(quote.sentences, ',')}\u201d said {title} {name}."


def render_rewrite(plan: Plan, seed: int) -> tuple[str, str]:
    """A rewrite of ``plan``: (title, text) with new wording and order, same quotes.

    Every fact is phrased with another template than the release's; the
    lead stays first (without dateline), the other facts are shuffled and
    up to two optional ones dropped, the quotes keep their words and get
    other attributions and places.
    """
    rng = random.Random(seed)
    title = _fill(rng.choice(plan.family.rewrite_titles), plan.slots, rng)
    facts = list(plan.facts)
    required = {f.kind for f in plan.family.facts if f.required}
    optional = [f for f in facts[1:] if f[0] not in required]
    for dropped in rng.sample(optional, min(len(optional), rng.randint(0, 2))):
        facts.remove(dropped)
    sentences = []
    for kind, phrasing in facts:
        count = len(next(f for f in plan.family.facts if f.kind == kind).phrasings)
        other = rng.choice([p for p in range(count) if p != phrasing])
        sentences.append(_fact_text(plan, kind, other, rng))
    lead = re.sub(r"^[A-Z .]+ \u2014 ", "", sentences[0])
    lead = lead[0].upper() + lead[1:]
    rest = sentences[1:]
    rng.shuffle(rest)
    units = [lead, *rest]
    for quote in plan.quotes:
        units.insert(rng.randint(1, len(units)), "\n" + _rewrite_quote(quote, rng) + "\n")
    text = " ".join(units).replace(" \n", "\n").replace("\n ", "\n")
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    # long runs of facts are broken in two, as a news writer would
    out = []
    for p in paragraphs:
        parts = re.split(r"(?<=[.!?]) (?=[A-Z])", p)
        if len(parts) > 3 and "\u201c" not in p:
            cut = len(parts) // 2
            out += [" ".join(parts[:cut]), " ".join(parts[cut:])]
        else:
            out.append(p)
    return _typographic(title), _typographic("\n\n".join(out))
