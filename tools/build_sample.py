"""Build the bundled sample sites that `provenance demo` serves and crawls.

Two fictional sites are rendered into ``provenance/sample/sites/<host>/``:

* ``www.ag.calloway.example``: the Office of the Attorney General of the
  (fictional) State of Calloway, with a release listing and three releases.
* ``forum.townsquare.example``: "The Town Square", an SMF 2.0.19 forum in the
  Curve theme whose markup copies real SMF renders (wrappers, ids, classes,
  header, menus, login form and scripts, so the crawler meets the real noise).
  Posts repost, excerpt, quote, truncate, alter, misattribute and spin the
  releases, so that every verdict and label of the pipeline has a case.

Every text here is original, made-up prose. The script is the source of truth:
it is deterministic, and a test checks that the committed pages are exactly
what it renders. Run it after changing a text::

    python tools/build_sample.py            # rewrite provenance/sample/sites
    python tools/build_sample.py --out DIR  # render somewhere else
"""

# The templates copy SMF's and the official site's markup line for line, and
# those lines are long: line length is not checked in this file.
# ruff: noqa: E501

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from string import Template

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "provenance" / "sample" / "sites"

FORUM_HOST = "forum.townsquare.example"
FORUM_NAME = "The Town Square"
SCRIPT = f"http://{FORUM_HOST}/index.php"
THEME = f"http://{FORUM_HOST}/Themes/default"
IMAGES = f"{THEME}/images"
PER_PAGE = 15
SUBJECT_MAX = 80  # the post form's maxlength: longer titles are cut by the browser

OFFICIAL_HOST = "www.ag.calloway.example"
OFFICIAL = f"http://{OFFICIAL_HOST}"
RELEASES_PATH = "/news/releases"

EASTERN = timezone(timedelta(hours=-5))


# --------------------------------------------------------------------------
# Official releases (curly quotes and apostrophes, as the office publishes)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Release:
    slug: str
    title: str
    published: datetime
    topic: str
    summary: str
    paragraphs: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"{RELEASES_PATH}/{self.slug}"

    @property
    def url(self) -> str:
        return OFFICIAL + self.path


R1 = Release(
    slug="attorney-general-whitcomb-announces-results-of-operation-lantern",
    title=(
        "Attorney General Whitcomb Announces Results of Operation Lantern Targeting "
        "Darknet Fentanyl Traffickers"
    ),
    published=datetime(2026, 1, 8, 10, 0, tzinfo=EASTERN),
    topic="Criminal Justice",
    summary=(
        "A nine-month multi-agency investigation of darknet fentanyl vendors led to 31 "
        "arrests and the seizure of 14.6 kilograms of fentanyl and $1.9 million."
    ),
    paragraphs=(
        "MERRITON — Attorney General Dana R. Whitcomb today announced the results of "
        "Operation Lantern, a nine-month investigation by state, county and federal partners "
        "into vendors who sold fentanyl and counterfeit prescription pills on darknet "
        "marketplaces and shipped them to buyers across Calloway and beyond. The operation "
        "led to 31 arrests in 11 counties and the seizure of 14.6 kilograms of fentanyl "
        "powder, more than 48,000 counterfeit pills, 22 firearms and $1.9 million in cash "
        "and cryptocurrency.",
        "Investigators say the network ran at least six vendor accounts on two darknet "
        "markets, where it advertised pressed pills as oxycodone and alprazolam. Buyers paid "
        "in cryptocurrency, and the orders were mailed from post offices in Merriton, Dunmore "
        "and Fairhaven in vacuum-sealed envelopes. The State Crime Laboratory found fentanyl "
        "in every batch of pills it tested, and some tablets bought by undercover agents "
        "contained close to four milligrams of the drug.",
        "Attorney General Dana R. Whitcomb said, “Operation Lantern shows that hiding behind "
        "an anonymous storefront and a cryptocurrency wallet does not put anyone beyond the "
        "reach of the law in Calloway. The people who sold these pills knew they were "
        "shipping poison to our neighbors, and we will keep following the packages, the "
        "money and the servers until every one of them has answered for it.”",
        "Agents executed search warrants at 19 locations on December 9 and 10, including a "
        "rented farmhouse outside Dunmore where they found two industrial pill presses, dyes, "
        "binding agents and a stamp bearing the markings of a brand-name painkiller. They "
        "also seized 11 vehicles and froze 43 bank and exchange accounts. Prosecutors "
        "estimate that the vendors sold at least $6.3 million worth of drugs since early "
        "2024.",
        "“Our troopers and investigators worked for months behind keyboards and on the road "
        "to connect screen names to real people, and today those people are in custody,” "
        "said State Police Superintendent Marcus Ellery.",
        "Analysts at the Calloway Bureau of Investigation traced payments through a chain of "
        "cryptocurrency wallets and mixing services to accounts controlled by the suspects, "
        "and used shipping records to map more than 3,700 parcels sent to customers in 38 "
        "states.",
        "“Every one of those parcels was a potential overdose, and following the money is how "
        "we found the people who mailed them,” Director Aisha Karimi of the Calloway Bureau "
        "of Investigation said. “We will share what we learned with our partners in every "
        "state where these pills were delivered.”",
        "Twenty-four defendants have been charged in state court with trafficking in "
        "fentanyl, conspiracy and money laundering, and seven face federal charges filed in "
        "the U.S. District Court for the Eastern District of Calloway. Twelve defendants are "
        "being held without bail. Fentanyl was involved in 1,142 overdose deaths in Calloway "
        "in 2024, according to the state Department of Health.",
        "Operation Lantern was carried out by the Office of the Attorney General, the "
        "Calloway State Police, the Calloway Bureau of Investigation, the sheriff’s offices "
        "of Dunmore, Fairhaven and Ashby counties, the U.S. Postal Inspection Service, "
        "Homeland Security Investigations and the Drug Enforcement Administration.",
        "A criminal charge is merely an accusation. All defendants are presumed innocent "
        "until proven guilty beyond a reasonable doubt in a court of law.",
        "Anyone struggling with substance use can call the Calloway Recovery Line at "
        "1-800-555-0142, 24 hours a day, seven days a week.",
    ),
)

R2 = Release(
    slug="attorney-general-whitcomb-secures-4-2-million-settlement-with-brightwell-home-warranty",
    title=(
        "Attorney General Whitcomb Secures $4.2 Million Settlement with Brightwell Home "
        "Warranty over Denied Claims and Unwanted Renewals"
    ),
    published=datetime(2026, 1, 6, 14, 30, tzinfo=EASTERN),
    topic="Consumer Protection",
    summary=(
        "The home warranty company will repay customers whose repair claims were denied "
        "without an inspection or whose contracts were renewed after they asked to cancel."
    ),
    paragraphs=(
        "MERRITON — Attorney General Dana R. Whitcomb today announced a $4.2 million "
        "settlement with Brightwell Home Warranty LLC, a Fairhaven company that sells service "
        "contracts covering household appliances and home systems, resolving allegations "
        "that it routinely denied valid repair claims and renewed contracts without "
        "customers’ consent.",
        "An investigation by the Consumer Protection Division found that from 2021 through "
        "2024 Brightwell rejected more than 9,800 claims as pre-existing conditions or "
        "improper maintenance without sending a technician to inspect the appliance, and "
        "charged renewal fees of up to $649 to customers who had asked to cancel. The "
        "division received 1,356 complaints about the company during that period.",
        "Under the settlement, Brightwell will pay $3.5 million in restitution to affected "
        "customers, $450,000 in civil penalties and $250,000 to the Attorney General’s "
        "consumer education fund. The company must also reopen every claim it denied without "
        "an inspection since January 2021, get a customer’s express consent before renewing "
        "any contract, and let customers cancel online or by phone in a single step.",
        "“A home warranty is a promise that help will come when the furnace quits in January, "
        "and Brightwell broke that promise thousands of times,” said Attorney General "
        "Whitcomb. “This settlement puts money back in the pockets of families who paid for "
        "coverage they never got, and it makes canceling as easy as signing up.”",
        "Customers whose claims were denied, or who were charged a renewal fee after asking "
        "to cancel, will receive a letter by March 31, 2026. Restitution will be paid "
        "automatically, and most eligible customers do not need to file anything. Customers "
        "who believe they were harmed but do not receive a letter can file a complaint online "
        "or call the Consumer Protection Hotline at 1-800-555-0187.",
        "Brightwell did not admit wrongdoing. The settlement was filed in Ashby County "
        "Superior Court on January 5 and must be approved by the court.",
        "Whitcomb urged residents to read the coverage limits and exclusions of any home "
        "warranty before buying one. “Ask for the contract in writing, read the exclusions, "
        "and if a company won’t let you cancel, call us,” Whitcomb said.",
    ),
)

R3 = Release(
    slug="two-brandt-falls-men-indicted-in-darknet-fentanyl-pill-scheme",
    title="Two Brandt Falls Men Indicted in Darknet Fentanyl Pill Scheme Run from Storage Unit",
    published=datetime(2026, 1, 15, 11, 15, tzinfo=EASTERN),
    topic="Criminal Justice",
    summary=(
        "A statewide grand jury charged two men with pressing fentanyl pills in a storage "
        "unit and selling them on a darknet market."
    ),
    paragraphs=(
        "MERRITON — Attorney General Dana R. Whitcomb today announced the indictment of two "
        "Brandt Falls men accused of pressing counterfeit pills laced with fentanyl in a "
        "rented storage unit and selling them through a darknet market under the vendor name "
        "NorthernRelief.",
        "A statewide grand jury returned a 14-count indictment charging Corey Lindqvist, 34, "
        "and Anthony Pruett, 29, with trafficking in fentanyl, operating a drug manufacturing "
        "facility, conspiracy and money laundering. Both men were arrested on January 13 and "
        "are scheduled to be arraigned in Harlow County Superior Court on January 27.",
        "According to the indictment, the men bought pill presses and powdered fentanyl "
        "online and produced blue tablets stamped to look like 30-milligram oxycodone. "
        "Between March and November 2025 they shipped about 2,600 orders to buyers in "
        "Calloway and neighboring states, taking in roughly $410,000 in cryptocurrency. "
        "Investigators seized a pill press, 3.1 kilograms of fentanyl mixture, about 9,000 "
        "finished pills and a hardware wallet during a search of the storage unit in "
        "December.",
        "“Fentanyl sold with a few clicks on a darknet market is just as deadly as fentanyl "
        "sold on a street corner, and we will prosecute it just as hard,” said Attorney "
        "General Whitcomb.",
        "The case was investigated by the Harlow County Sheriff’s Office and the Attorney "
        "General’s Narcotics Enforcement Unit, with help from the U.S. Postal Inspection "
        "Service.",
        "“A deputy noticed the same return address on dozens of packages at one post office, "
        "and that one observation led us to the storage unit,” said Harlow County Sheriff "
        "Renata Obi.",
        "An indictment is merely an accusation. The defendants are presumed innocent unless "
        "and until proven guilty in a court of law.",
    ),
)

RELEASES = (R1, R2, R3)


# --------------------------------------------------------------------------
# The spinner: how a content farm rewrote R1 (word-by-word synonym swaps)
# --------------------------------------------------------------------------

# Swapped one token at a time, as article spinners do, with no regard for
# sense ("bank" -> "financial institution", "reasonable doubt" -> "affordable
# doubt"). Names, numbers and quoted speech are left alone: they are the
# immutables the linker relies on.
SYNONYMS = {
    "today": "these days",
    "announced": "introduced",
    "announces": "introduces",
    "targeting": "concentrated on",
    "results": "effects",
    "investigation": "research",
    "partners": "companions",
    "vendors": "distributors",
    "sold": "offered",
    "darknet": "darkish internet",
    "marketplaces": "bazaars",
    "shipped": "transported",
    "buyers": "consumers",
    "across": "throughout",
    "beyond": "past",
    "led": "resulted",
    "arrests": "apprehensions",
    "seizure": "confiscation",
    "firearms": "weapons",
    "cash": "money",
    "investigators": "detectives",
    "network": "community",
    "ran": "operated",
    "accounts": "profiles",
    "markets": "marketplaces",
    "advertised": "marketed",
    "pressed": "squeezed",
    "mailed": "posted",
    "found": "discovered",
    "every": "each and every",
    "batch": "lot",
    "some": "a few",
    "tablets": "capsules",
    "bought": "purchased",
    "undercover": "secret",
    "agents": "brokers",
    "contained": "incorporated",
    "close": "shut",
    "drug": "medicine",
    "executed": "achieved",
    "search": "seek",
    "locations": "places",
    "including": "together with",
    "rented": "leased",
    "outside": "outdoor",
    "industrial": "commercial",
    "bearing": "having",
    "painkiller": "pain reliever",
    "also": "additionally",
    "seized": "captured",
    "froze": "suspended",
    "bank": "financial institution",
    "worth": "value",
    "drugs": "medicines",
    "traced": "tracked",
    "chain": "sequence",
    "services": "facilities",
    "used": "applied",
    "shipping": "transport",
    "map": "chart",
    "sent": "despatched",
    "charged": "billed",
    "face": "confront",
    "involved": "concerned",
    "deaths": "fatalities",
    "according": "in step with",
    "was": "used to be",
    "carried": "performed",
    "offices": "workplaces",
    "criminal": "felony",
    "charge": "rate",
    "merely": "simply",
    "accusation": "allegation",
    "innocent": "blameless",
    "proven": "confirmed",
    "guilty": "accountable",
    "reasonable": "affordable",
    "law": "regulation",
    "anyone": "someone",
    "struggling": "suffering",
    "call": "name",
    "said": "mentioned",
    "more": "extra",
    "where": "the place",
}

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "being",
        "behind",
        "by",
        "can",
        "for",
        "from",
        "has",
        "have",
        "he",
        "her",
        "his",
        "in",
        "into",
        "is",
        "it",
        "its",
        "least",
        "of",
        "on",
        "or",
        "our",
        "than",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "those",
        "to",
        "two",
        "was",
        "were",
        "we",
        "where",
        "which",
        "who",
        "will",
        "with",
    ]
)

_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'-]*|[^A-Za-z]+")
_QUOTED = re.compile(r"(“[^”]*”)")


@dataclass
class SpinStats:
    content_words: int = 0
    swapped: int = 0

    @property
    def ratio(self) -> float:
        return self.swapped / self.content_words if self.content_words else 0.0


def spin(paragraph: str, stats: SpinStats | None = None) -> str:
    """Return the paragraph spun word by word, quoted speech and names untouched."""
    stats = stats if stats is not None else SpinStats()
    out: list[str] = []
    sentence_start = True
    for part in _QUOTED.split(paragraph):
        if part.startswith("“"):
            out.append(part)
            sentence_start = part.endswith((".”", "?”", "!”"))
            continue
        for token in _TOKEN.findall(part):
            if not token[0].isalpha():
                if re.search(r"[.!?]\s*$", token):
                    sentence_start = True
                out.append(token)
                continue
            lower = token.lower()
            swappable = token.islower() or (sentence_start and token[1:].islower())
            if swappable and lower not in STOPWORDS:
                stats.content_words += 1
            replacement = SYNONYMS.get(lower) if swappable else None
            if replacement and replacement != lower:
                if lower not in STOPWORDS:
                    stats.swapped += 1
                token = replacement if token.islower() else replacement[0].upper() + replacement[1:]
            out.append(token)
            sentence_start = False
    return "".join(out)


def spin_title(title: str) -> str:
    """Spin a headline: every word is capitalised, so look each one up."""
    words = []
    for word in title.split(" "):
        replacement = SYNONYMS.get(word.lower())
        words.append(replacement.title() if replacement else word)
    return " ".join(words)


# --------------------------------------------------------------------------
# The forum: members, boards, topics and posts
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    uid: int
    name: str
    postgroup: str
    stars: int
    posts: int
    signature: str | None  # BBC source, None for a member without one
    membergroup: str | None = None
    title: str | None = None

    @property
    def star_image(self) -> str:
        return "stargmod.gif" if self.membergroup == "Global Moderator" else "star.gif"


MEMBERS = {
    m.name: m
    for m in (
        Member(
            2,
            "hickorystick",
            "Town Crier",
            5,
            148_902,
            '[i]"I would rather be exposed to the inconveniences attending too much liberty '
            'than to those attending too small a degree of it."[/i]\n- Thomas Jefferson',
        ),
        Member(
            3,
            "marsh_wren",
            "Town Crier",
            5,
            41_306,
            "Link your source. Every time.",
            membergroup="Global Moderator",
        ),
        Member(
            4,
            "dock_street_dan",
            "Hero Member",
            5,
            9_870,
            '[i]"Well done is better than well said."[/i]\n- Benjamin Franklin',
        ),
        Member(
            5,
            "ledger_lou",
            "Full Member",
            3,
            388,
            "It isn't news until somebody checks it.",
            title="Retired copy editor",
        ),
        Member(6, "quietcreek", "Jr. Member", 2, 61, None),
        Member(
            7,
            "prairiefox",
            "Sr. Member",
            4,
            1_204,
            "[b]Prairie Notes[/b] | [url=http://prairienotes.example/]my garden blog[/url]",
        ),
        Member(8, "weatherbird", "Newbie", 1, 23, "Sent from my kitchen table"),
        Member(
            9,
            "lakeshore_gus",
            "Sr. Member",
            4,
            2_517,
            '[i]"Half a truth is often a great lie."[/i]\n- Benjamin Franklin, Poor Richard\'s '
            "Almanack, 1758",
        ),
        Member(10, "bramble_jay", "Jr. Member", 2, 87, "Lurking since 2009."),
    )
}


@dataclass(frozen=True)
class Board:
    bid: int
    name: str
    description: str
    category_id: int
    category: str


BOARDS = (
    Board(
        1,
        "Breaking News",
        "Press releases and news stories. Post the link to your source.",
        1,
        "Town News",
    ),
    Board(
        2,
        "General Discussion",
        "Feel free to talk about anything and everything in this board.",
        2,
        "General Category",
    ),
)


@dataclass(frozen=True)
class PostSpec:
    when: datetime
    author: str
    body: str  # BBC source: [b] [i] [url=...]...[/url], bare URLs, newlines
    quote_of: int | None = None  # index of the quoted post in the same topic
    quote_body: str | None = None  # BBC of the quoted part; None quotes it all
    edited: datetime | None = None


@dataclass(frozen=True)
class TopicSpec:
    tid: int
    board: int
    subject: str
    views: int
    posts: tuple[PostSpec, ...]


def at(day: int, clock: str) -> datetime:
    """A forum time on a day of January 2026, e.g. ``at(8, "11:04:17 AM")``."""
    parsed = datetime.strptime(f"2026-01-{day:02d} {clock}", "%Y-%m-%d %I:%M:%S %p")
    return parsed.replace(tzinfo=EASTERN)


def forum_copy(text: str) -> str:
    """Text as a member pastes it into SMF: typographic quotes become straight ones."""
    return text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")


def _paragraphs(*paragraphs: str) -> str:
    return "\n\n".join(forum_copy(p) for p in paragraphs)


AG_FIRST = (
    "Operation Lantern shows that hiding behind an anonymous storefront and a cryptocurrency "
    "wallet does not put anyone beyond the reach of the law in Calloway."
)
AG_SECOND = (
    "The people who sold these pills knew they were shipping poison to our neighbors, and we "
    "will keep following the packages, the money and the servers until every one of them has "
    "answered for it."
)
AG_SECOND_ALTERED = (
    "The people who sold these pills knew they were selling poison to our neighbors, and we "
    "will keep following the packages ... until every one of them has answered for it."
)
R2_ADVICE = (
    "Ask for the contract in writing, read the exclusions, and if a company won't let you "
    "cancel, call us."
)
R2_TRUNCATED_LINK_TEXT = f"{OFFICIAL}{RELEASES_PATH}/attorney-gen..."

SPUN_TITLE = spin_title(R1.title)


def _spun_r1() -> tuple[str, SpinStats]:
    stats = SpinStats()
    paragraphs = [spin(p, stats) for p in R1.paragraphs]
    return _paragraphs(SPUN_TITLE, *paragraphs), stats


TOPIC_1 = TopicSpec(
    tid=1,
    board=1,
    subject=R1.title[:SUBJECT_MAX],
    views=211,
    posts=(
        # 0: verbatim repost, official URL alone on the last line
        PostSpec(
            at(8, "11:04:17 AM"),
            "hickorystick",
            _paragraphs(R1.title, *R1.paragraphs) + "\n\n" + R1.url,
        ),
        # 1: quotes post 0 in full
        PostSpec(
            at(8, "11:32:50 AM"),
            "marsh_wren",
            "Good work by everyone involved. That farmhouse is forty minutes from here.",
            quote_of=0,
        ),
        # 2: the AG's statement verbatim, in running text
        PostSpec(
            at(8, "12:15:03 PM"),
            "dock_street_dan",
            f'Whitcomb said "{AG_FIRST} {AG_SECOND}"\n\nGood. Now fund the treatment beds '
            "with some of that seized cash, because arrests alone never emptied a waiting "
            "room.",
        ),
        # 3: truncated to the first sentence
        PostSpec(
            at(8, "01:40:22 PM"),
            "ledger_lou",
            f'Whitcomb says "{AG_FIRST}" Until somebody opens the next storefront a week later.',
        ),
        # 4: altered: one word changed, a clause dropped and marked with an ellipsis
        PostSpec(
            at(8, "03:02:49 PM"),
            "prairiefox",
            f'According to Attorney General Whitcomb, "{AG_SECOND_ALTERED}"\n\nStrong '
            "words. Let's see what the sentences look like.",
        ),
        # 5: misattributed: the AG's sentence put in the Superintendent's mouth
        PostSpec(
            at(8, "05:26:11 PM"),
            "quietcreek",
            f'State Police Superintendent Marcus Ellery said it best: "{AG_SECOND}"',
        ),
        # 6: unmatched: an invented quote attributed to a real speaker
        PostSpec(
            at(8, "08:48:35 PM"),
            "lakeshore_gus",
            'On Channel 6 last night Director Karimi said "this is only the first wave, and the '
            'buyers are next on our list." Anybody else catch that?',
        ),
        # 7: an edited post
        PostSpec(
            at(9, "08:13:59 AM"),
            "weatherbird",
            "Dunmore is my county. The farmhouse was out on Quarry Road, and the whole road "
            "was closed for two days in December. Nobody knew what it was at the time.",
            edited=at(9, "08:21:40 AM"),
        ),
    ),
)

TOPIC_2_POSTS = (
    # page 1
    PostSpec(
        at(8, "06:40:12 PM"),
        "weatherbird",
        "Our fridge died last week and the home warranty the sellers bought us at closing "
        "says it is not covered because of improper maintenance. It is three years old. "
        "Has anyone here actually had one of these plans pay out, or are they all like "
        "this?",
    ),
    PostSpec(
        at(8, "07:02:45 PM"),
        "dock_street_dan",
        "Had one for two years. They paid for a water heater thermostat and nothing else. "
        "The service fee was $125 a visit, so I came out about even.",
    ),
    PostSpec(
        at(8, "07:21:03 PM"),
        "marsh_wren",
        "Read the exclusions page before anything else. Most of them leave out anything "
        "they can call pre-existing, and they decide what that means after the technician "
        "has been.",
    ),
    PostSpec(
        at(8, "08:07:31 PM"),
        "quietcreek",
        "Our contractor told us to put the monthly payment into a savings account instead. "
        "Over five years that would have paid for a new furnace.",
    ),
    PostSpec(
        at(8, "09:15:50 PM"),
        "hickorystick",
        "The sales pitch always comes at closing, when you are signing forty other pages "
        "and nobody reads the forty-first.",
    ),
    PostSpec(
        at(8, "10:40:09 PM"),
        "ledger_lou",
        "That is the honest answer. Self-insure if you can afford a surprise repair bill.",
        quote_of=3,
    ),
    PostSpec(
        at(9, "07:55:20 AM"),
        "weatherbird",
        "They sent a technician today. He spent ten minutes looking at the compressor and "
        "said it was a coverage question, not a repair question. Now I wait for a call "
        "back.",
    ),
    PostSpec(
        at(9, "08:30:44 AM"),
        "prairiefox",
        "Ask them for the technician's written report. They have to give you a reason in "
        "writing if they deny it, at least that was true when my sister fought them over "
        "a dishwasher.",
    ),
    PostSpec(at(9, "09:12:38 AM"), "dock_street_dan", "Which company is it?"),
    PostSpec(at(9, "09:47:02 AM"), "weatherbird", "Brightwell. The sellers picked it, not us."),
    PostSpec(
        at(9, "10:20:15 AM"),
        "marsh_wren",
        "Brightwell has come up here before. There was a whole thread last year about "
        "renewals nobody asked for.",
    ),
    PostSpec(
        at(9, "12:03:33 PM"),
        "lakeshore_gus",
        "My mother got renewed by Brightwell twice after she sold the house. It took four "
        "phone calls to get the second charge reversed.",
    ),
    PostSpec(
        at(9, "01:45:27 PM"),
        "quietcreek",
        "Four calls is lucky. My neighbor gave up when the hold music started over for the "
        "third time.",
    ),
    PostSpec(
        at(9, "03:10:54 PM"),
        "hickorystick",
        "Dispute the renewal with your card issuer. It is faster than the company and it "
        "leaves a paper trail.",
    ),
    PostSpec(
        at(9, "06:22:10 PM"),
        "ledger_lou",
        "Good advice. Keep the cancellation number too, if they ever give you one.",
    ),
    # page 2
    PostSpec(
        at(9, "08:31:41 PM"),
        "weatherbird",
        "Update: denied. Improper maintenance, according to the letter. I have the "
        "receipts from when we had the coils cleaned in the spring.",
    ),
    PostSpec(
        at(9, "09:05:18 PM"),
        "prairiefox",
        "Send the receipts with a written appeal and keep copies. Then file a complaint "
        "with the AG's consumer office, they do read them.",
        quote_of=15,
    ),
    PostSpec(
        at(9, "10:14:07 PM"),
        "dock_street_dan",
        "Sorry to hear it. Three years old is no age for a fridge.",
    ),
    PostSpec(
        at(10, "08:40:13 AM"),
        "quietcreek",
        "They don't build them like they used to. Our first fridge lasted twenty-two years.",
    ),
    # 19: excerpt of R2 (two paragraphs), link text truncated by the forum
    PostSpec(
        at(10, "09:18:36 AM"),
        "marsh_wren",
        "Looks like the AG was already on it. Brightwell settled earlier this week:\n\n"
        + _paragraphs(R2.paragraphs[1], R2.paragraphs[2])
        + f"\n\n[url={R2.url}]{R2_TRUNCATED_LINK_TEXT}[/url]",
    ),
    PostSpec(
        at(10, "09:44:02 AM"),
        "weatherbird",
        "Well, that explains a lot. So do I wait for a letter or file something?",
    ),
    PostSpec(
        at(10, "10:12:29 AM"),
        "ledger_lou",
        "The release says most people get a letter by the end of March. If your claim was "
        "denied without an inspection you should be on the list. Yours had an inspection, "
        "so I would file anyway.",
        edited=at(10, "10:19:03 AM"),
    ),
    PostSpec(
        at(10, "11:30:00 AM"),
        "hickorystick",
        "Four point two million sounds like a lot until you divide it by everybody they stiffed.",
    ),
    PostSpec(
        at(10, "01:06:48 PM"),
        "lakeshore_gus",
        "Depends how many there were. Almost ten thousand denied claims, going by the "
        "numbers above.",
        quote_of=22,
    ),
    PostSpec(
        at(10, "02:55:21 PM"),
        "dock_street_dan",
        "Anybody know if this covers plans the sellers bought, or only people who signed "
        "up directly?",
    ),
    PostSpec(
        at(10, "04:40:37 PM"),
        "prairiefox",
        "Should be everyone with a Brightwell contract. It doesn't matter who paid for it.",
    ),
    PostSpec(at(10, "07:12:05 PM"), "quietcreek", "Saving this thread for when we sell our place."),
    PostSpec(
        at(11, "09:03:44 AM"),
        "marsh_wren",
        "Reminder to keep it civil, folks. Two posts removed for name-calling.",
    ),
    PostSpec(
        at(11, "10:27:19 AM"),
        "weatherbird",
        "Filed the complaint online this morning. Took about fifteen minutes with the "
        "receipts scanned.",
    ),
    PostSpec(at(11, "12:48:52 PM"), "ledger_lou", "Good. Post back when you hear something."),
    # page 3
    PostSpec(
        at(12, "08:16:27 AM"),
        "lakeshore_gus",
        "Ours came up for renewal today and there was a new checkbox asking if we want to "
        "renew. First time I have ever seen that.",
    ),
    # 31: an R2 statement quoted verbatim
    PostSpec(
        at(12, "09:05:10 AM"),
        "hickorystick",
        f'That is the settlement at work. Whitcomb said "{R2_ADVICE}" Best advice in this '
        "whole thread.",
    ),
    PostSpec(
        at(12, "05:33:58 PM"),
        "prairiefox",
        "Unchecked it and cancelled in one step. Miracles happen.",
    ),
    PostSpec(at(13, "10:41:15 AM"), "dock_street_dan", "Any word on the fridge, weatherbird?"),
    PostSpec(
        at(13, "07:58:40 PM"),
        "weatherbird",
        "Brightwell called today and offered to reopen the claim. A technician comes "
        "Thursday. Thanks for all the advice, everyone.",
    ),
)

TOPIC_2 = TopicSpec(
    tid=2,
    board=2,
    subject="Home warranty plans: worth it or a racket?",
    views=1_485,
    posts=TOPIC_2_POSTS,
)

SPUN_BODY, SPUN_STATS = _spun_r1()

TOPIC_3 = TopicSpec(
    tid=3,
    board=1,
    subject=SPUN_TITLE[:SUBJECT_MAX],
    views=57,
    posts=(
        # 0: a spun copy of R1, pasted without a source
        PostSpec(at(10, "07:52:08 AM"), "bramble_jay", SPUN_BODY),
        PostSpec(
            at(10, "09:02:31 AM"),
            "marsh_wren",
            "Where is this from? No link, and half the words look like they went through a "
            "thesaurus backwards. Please post the source with news articles.",
        ),
    ),
)

TOPICS = (TOPIC_1, TOPIC_2, TOPIC_3)


@dataclass(frozen=True)
class Post:
    """A post with everything the forum computed: id, position, subject."""

    msg: int
    topic: TopicSpec
    position: int
    spec: PostSpec

    @property
    def member(self) -> Member:
        return MEMBERS[self.spec.author]

    @property
    def subject(self) -> str:
        return self.topic.subject if self.position == 0 else f"Re: {self.topic.subject}"

    @property
    def start(self) -> int:
        return self.position - self.position % PER_PAGE


def number_posts(topics: Sequence[TopicSpec]) -> dict[int, list[Post]]:
    """Give message ids in posting order across the forum, as SMF does."""
    order = sorted(
        ((spec.when, topic.tid, i) for topic in topics for i, spec in enumerate(topic.posts)),
    )
    by_topic: dict[int, TopicSpec] = {t.tid: t for t in topics}
    numbered: dict[int, list[Post]] = {t.tid: [] for t in topics}
    for msg, (_, tid, i) in enumerate(order, start=1):
        topic = by_topic[tid]
        numbered[tid].append(Post(msg, topic, i, topic.posts[i]))
    for posts in numbered.values():
        posts.sort(key=lambda p: p.position)
    return numbered


# --------------------------------------------------------------------------
# SMF 2.0 rendering helpers
# --------------------------------------------------------------------------


def smf_date(when: datetime) -> str:
    return when.strftime("%B %d, %Y, %I:%M:%S %p")


def smf_escape(text: str) -> str:
    """htmlspecialchars(ENT_QUOTES), which SMF applies to every message it stores."""
    return html.escape(text, quote=True).replace("&#x27;", "&#39;")


def bbc_link(href: str, label: str) -> str:
    return (
        f'<a href="{href}" class="bbc_link" target="_blank" rel="noopener noreferrer">{label}</a>'
    )


_BBC_TOKEN = re.compile(
    r"\[url=(?P<href>[^\]]+)\](?P<label>.*?)\[/url\]|(?P<bare>https?://[^\s\[\]<>\"]+)"
)


def parse_bbc(source: str) -> str:
    """Render the small BBC subset the sample posts use, the way SMF 2.0 does."""
    out: list[str] = []
    pos = 0
    for match in _BBC_TOKEN.finditer(source):
        out.append(smf_escape(source[pos : match.start()]))
        if match.group("bare"):
            out.append(bbc_link(match.group("bare"), match.group("bare")))
        else:
            out.append(bbc_link(match.group("href"), smf_escape(match.group("label"))))
        pos = match.end()
    out.append(smf_escape(source[pos:]))
    rendered = "".join(out)
    for tag, element in (("b", "strong"), ("i", "em")):
        rendered = rendered.replace(f"[{tag}]", f"<{element}>").replace(
            f"[/{tag}]", f"</{element}>"
        )
    return rendered.replace("\n", "<br />")


def shorten_subject(subject: str, length: int = 24) -> str:
    return subject if len(subject) <= length else subject[:length] + "..."


def number(n: int) -> str:
    return f"{n:,}"


def session(key: str) -> tuple[str, str]:
    """A session variable name and id, fixed per page so renders are reproducible."""
    session_id = hashlib.md5(f"sid:{key}".encode()).hexdigest()
    digest = hashlib.md5(f"var:{key}".encode()).hexdigest()
    length = 7 + int(digest[-1], 16) % 6
    name = "abcdef"[int(digest[0], 16) % 6] + digest[1:length]
    return name, session_id


def tabs(template: str) -> str:
    """Templates are indented with four spaces per tab; SMF's output uses tabs."""
    return _INDENT.sub(lambda m: m.group(1) + "\t" * (len(m.group(2)) // 4), template)


# A placeholder may open a line (``${groups}``) and stand for whole lines of its own.
_INDENT = re.compile(r"^(\$\{\w+\}|)((?: {4})+)", re.MULTILINE)


def template(text: str) -> Template:
    return Template(tabs(text.strip("\n")))


SMF_HEAD = template(r"""
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
    <link rel="stylesheet" type="text/css" href="${theme}/css/index.css?fin20" />
    <script type="text/javascript" src="${theme}/scripts/script.js?fin20"></script>
    <script type="text/javascript" src="${theme}/scripts/theme.js?fin20"></script>
    <script type="text/javascript"><!-- // --><![CDATA[
        var smf_theme_url = "${theme}";
        var smf_default_theme_url = "${theme}";
        var smf_images_url = "${images}";
        var smf_scripturl = "${script}";
        var smf_iso_case_folding = false;
        var smf_charset = "UTF-8";
        var ajax_notification_text = "Loading...";
        var ajax_notification_cancel_text = "Cancel";
    // ]]></script>
    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
    <meta name="description" content="${title}" />
    <title>${title}</title>
    <link rel="canonical" href="${canonical}" />
    <link rel="help" href="${script}?action=help" />
    <link rel="search" href="${script}?action=search" />
    <link rel="contents" href="${script}" />
    <link rel="alternate" type="application/rss+xml" title="${forum} - RSS" href="${script}?type=rss;action=.xml" />${index_link}
</head>
<body>
<div id="wrapper" style="width: 90%">
    <div id="header"><div class="frame">
        <div id="top_section">
            <h1 class="forumtitle">
                <a href="${script}">${forum}</a>
            </h1>
            <img id="upshrink" src="${images}/upshrink.png" alt="*" title="Shrink or expand the header." style="display: none;" />
            <img id="smflogo" src="${images}/smflogo.png" alt="Simple Machines Forum" title="Simple Machines Forum" />
        </div>
        <div id="upper_section" class="middletext">
            <div class="user">
                <script type="text/javascript" src="${theme}/scripts/sha1.js"></script>
                <form id="guest_form" action="${script}?action=login2" method="post" accept-charset="UTF-8"  onsubmit="hashLoginPassword(this, '${sid}');">
                    <div class="info">Welcome, <strong>Guest</strong>. Please <a href="${script}?action=login">login</a> or <a href="${script}?action=register">register</a>.</div>
                    <input type="text" name="user" size="10" class="input_text" />
                    <input type="password" name="passwrd" size="10" class="input_password" />
                    <select name="cookielength">
                        <option value="60">1 Hour</option>
                        <option value="1440">1 Day</option>
                        <option value="10080">1 Week</option>
                        <option value="43200">1 Month</option>
                        <option value="-1" selected="selected">Forever</option>
                    </select>
                    <input type="submit" value="Login" class="button_submit" /><br />
                    <div class="info">Login with username, password and session length</div>
                    <input type="hidden" name="hash_passwrd" value="" /><input type="hidden" name="${svar}" value="${sid}" />
                </form>
            </div>
            <div class="news normaltext">
                <form id="search_form" action="${script}?action=search2" method="post" accept-charset="UTF-8">
                    <input type="text" name="search" value="" class="input_text" />&nbsp;
                    <input type="submit" name="submit" value="Search" class="button_submit" />
                    <input type="hidden" name="advanced" value="0" />${search_scope}</form>
                <h2>News: </h2>
                <p>Reposting a press release? Put the link to the original on the last line.</p>
            </div>
        </div>
        <br class="clear" />
        <script type="text/javascript"><!-- // --><![CDATA[
            var oMainHeaderToggle = new smc_Toggle({
                bToggleEnabled: true,
                bCurrentlyCollapsed: false,
                aSwappableContainers: [
                    'upper_section'
                ],
                aSwapImages: [
                    {
                        sId: 'upshrink',
                        srcExpanded: smf_images_url + '/upshrink.png',
                        altExpanded: 'Shrink or expand the header.',
                        srcCollapsed: smf_images_url + '/upshrink2.png',
                        altCollapsed: 'Shrink or expand the header.'
                    }
                ],
                oThemeOptions: {
                    bUseThemeSettings: false,
                    sOptionName: 'collapse_header',
                    sSessionVar: '${svar}',
                    sSessionId: '${sid}'
                },
                oCookieOptions: {
                    bUseCookie: true,
                    sCookieName: 'upshrink'
                }
            });
        // ]]></script>
        <div id="main_menu">
            <ul class="dropmenu" id="menu_nav">
                <li id="button_home">
                    <a class="active firstlevel" href="${script}">
                        <span class="last firstlevel">Home</span>
                    </a>
                </li>
                <li id="button_help">
                    <a class="firstlevel" href="${script}?action=help">
                        <span class="firstlevel">Help</span>
                    </a>
                </li>
                <li id="button_search">
                    <a class="firstlevel" href="${script}?action=search">
                        <span class="firstlevel">Search</span>
                    </a>
                </li>
                <li id="button_login">
                    <a class="firstlevel" href="${script}?action=login">
                        <span class="firstlevel">Login</span>
                    </a>
                </li>
                <li id="button_register">
                    <a class="firstlevel" href="${script}?action=register">
                        <span class="last firstlevel">Register</span>
                    </a>
                </li>
            </ul>
        </div>
        <br class="clear" />
    </div></div>
    <div id="content_section"><div class="frame">
        <div id="main_content_section">
""")

SMF_FOOT = template(r"""
    <div id="footer_section"><div class="frame">
        <ul class="reset">
            <li class="copyright">
            <span class="smalltext" style="display: inline; visibility: visible; font-family: Verdana, Arial, sans-serif;"><a href="${script}?action=credits" title="Simple Machines Forum" target="_blank" class="new_win">SMF 2.0.19</a> |
 <a href="https://www.simplemachines.org/about/smf/license.php" title="License" target="_blank" class="new_win">SMF &copy; 2021</a>, <a href="https://www.simplemachines.org" title="Simple Machines" target="_blank" class="new_win">Simple Machines</a>
            </span></li>
            <li><a id="button_xhtml" href="http://validator.w3.org/check?uri=referer" target="_blank" class="new_win" title="Valid XHTML 1.0!"><span>XHTML</span></a></li>
            <li><a id="button_rss" href="${script}?action=.xml;type=rss" class="new_win"><span>RSS</span></a></li>
            <li class="last"><a id="button_wap2" href="${script}?wap2" class="new_win"><span>WAP2</span></a></li>
        </ul>
    </div></div>
</div>
</body></html>
""")

LINKTREE_ITEM = template(r"""
            <li>
                <a href="${href}"><span>${name}</span></a> &#187;
            </li>
""")

LINKTREE_LAST = template(r"""
            <li class="last">
                <a href="${href}"><span>${name}</span></a>
            </li>
""")


def linktree(items: Sequence[tuple[str, str]]) -> str:
    """The breadcrumb SMF prints above and below the content."""
    lines = ['\t<div class="navigate_section">', "\t\t<ul>"]
    for i, (href, name) in enumerate(items):
        item = LINKTREE_LAST if i == len(items) - 1 else LINKTREE_ITEM
        lines.append(item.substitute(href=href, name=name))
    lines += ["\t\t</ul>", "\t</div>"]
    return "\n".join(lines)


def smf_page(
    key: str,
    title: str,
    canonical: str,
    content: str,
    *,
    board: int | None = None,
    topic: int | None = None,
) -> str:
    """Wrap page content in SMF's head, header and footer.

    ``content`` may hold ``$${svar}`` and ``$${sid}``: the page's session tokens,
    which SMF prints in forms and scripts, are filled in here.
    """
    svar, sid = session(key)
    index_link = ""
    if board is not None:
        index_link = f'\n\t<link rel="index" href="{SCRIPT}?board={board}.0" />'
    if topic is not None:
        scope = f'\n\t\t\t\t\t<input type="hidden" name="topic" value="{topic}" />'
    elif board is not None:
        scope = f'\n\t\t\t\t\t<input type="hidden" name="brd[{board}]" value="{board}" />'
    else:
        scope = ""
    head = SMF_HEAD.substitute(
        theme=THEME,
        images=IMAGES,
        script=SCRIPT,
        forum=FORUM_NAME,
        title=title,
        canonical=canonical,
        index_link=index_link,
        sid=sid,
        svar=svar,
        search_scope=scope,
    )
    body = content.replace("${svar}", svar).replace("${sid}", sid)
    return head + "\n" + body + "\n" + SMF_FOOT.substitute(script=SCRIPT)


# ---- topic pages ---------------------------------------------------------

TOPIC_TOP = template(r"""
            <a id="top"></a>
            <a id="msg${first}"></a>
            <div class="pagesection">
                <div class="nextlinks"><a href="${script}?topic=${topic}.0;prev_next=prev#new">&laquo; previous</a> <a href="${script}?topic=${topic}.0;prev_next=next#new">next &raquo;</a></div>
        <div class="buttonlist floatright">
            <ul>
                <li><a class="button_strip_print" href="${script}?action=printpage;topic=${topic}.0" rel="new_win nofollow"><span class="last">Print</span></a></li>
            </ul>
        </div>
                <div class="pagelinks floatleft">Pages: ${pages}</div>
            </div>
            <div id="forumposts">
                <div class="cat_bar">
                    <h3 class="catbg">
                        <img src="${images}/topic/${icon}" align="bottom" alt="" />
                        <span id="author">Author</span>
                        Topic: ${subject} &nbsp;(Read ${reads} times)
                    </h3>
                </div>
                <p id="whoisviewing" class="smalltext">0 Members and 1 Guest are viewing this topic.
                </p>
                <form action="${script}?action=quickmod2;topic=${topic}.${start}" method="post" accept-charset="UTF-8" name="quickModForm" id="quickModForm" style="margin: 0;" onsubmit="return oQuickModify.bInEditMode ? oQuickModify.modifySave('$${sid}', '$${svar}') : false">
""")

POST = template(r"""
                <div class="${alternate}">
                    <span class="topslice"><span></span></span>
                    <div class="post_wrapper">
                        <div class="poster">
                            <h4>
                                <img src="${images}/useroff.gif" alt="Offline" />
                                <a href="${script}?action=profile;u=${uid}" title="View the profile of ${name}">${name}</a>
                            </h4>
                            <ul class="reset smalltext" id="msg_${msg}_extra_info">
${groups}                                <li class="stars">${stars}</li>
                                <li class="postcount">Posts: ${postcount}</li>
                                <li class="profile">
                                    <ul>
                                        <li><a href="${script}?action=profile;u=${uid}"><img src="${images}/icons/profile_sm.gif" alt="View Profile" title="View Profile" /></a></li>
                                    </ul>
                                </li>
                            </ul>
                        </div>
                        <div class="postarea">
                            <div class="flow_hidden">
                                <div class="keyinfo">
                                    <div class="messageicon">
                                        <img src="${images}/post/xx.gif" alt="" />
                                    </div>
                                    <h5 id="subject_${msg}">
                                        <a href="${script}?topic=${topic}.msg${msg}#msg${msg}" rel="nofollow">${subject}</a>
                                    </h5>
                                    <div class="smalltext">&#171; <strong>${counter} on:</strong> ${date} &#187;</div>
                                    <div id="msg_${msg}_quick_mod"></div>
                                </div>
                            </div>
                            <div class="post">
                                <div class="inner" id="msg_${msg}">${body}</div>
                            </div>
                        </div>
                        <div class="moderatorbar">
                            <div class="smalltext modified" id="modified_${msg}">
${modified}                            </div>
                            <div class="smalltext reportlinks">
                                <img src="${images}/ip.gif" alt="" />
                                Logged
                            </div>
${signature}                        </div>
                    </div>
                    <span class="botslice"><span></span></span>
                </div>
                <hr class="post_separator" />
""")

TOPIC_BOTTOM = template(r"""
                </form>
            </div>
            <a id="lastPost"></a>
            <div class="pagesection">
${blank4}
        <div class="buttonlist floatright">
            <ul>
                <li><a class="button_strip_print" href="${script}?action=printpage;topic=${topic}.0" rel="new_win nofollow"><span class="last">Print</span></a></li>
            </ul>
        </div>
                <div class="pagelinks floatleft">Pages: ${pages}</div>
                <div class="nextlinks_bottom"><a href="${script}?topic=${topic}.0;prev_next=prev#new">&laquo; previous</a> <a href="${script}?topic=${topic}.0;prev_next=next#new">next &raquo;</a></div>
            </div>
""")

TOPIC_SCRIPTS = template(r"""
            <div id="moderationbuttons"></div>
            <div class="plainbox" id="display_jump_to">&nbsp;</div>
        <br class="clear" />
                <script type="text/javascript" src="${theme}/scripts/topic.js"></script>
                <script type="text/javascript"><!-- // --><![CDATA[
                    var oQuickReply = new QuickReply({
                        bDefaultCollapsed: true,
                        iTopicId: ${topic},
                        iStart: ${start},
                        sScriptUrl: smf_scripturl,
                        sImagesUrl: "${images}",
                        sContainerId: "quickReplyOptions",
                        sImageId: "quickReplyExpand",
                        sImageCollapsed: "collapse.gif",
                        sImageExpanded: "expand.gif",
                        sJumpAnchor: "quickreply"
                    });
                    if ('XMLHttpRequest' in window)
                    {
                        var oQuickModify = new QuickModify({
                            sScriptUrl: smf_scripturl,
                            bShowModify: true,
                            iTopicId: ${topic},
                            sTemplateBodyEdit: '\n\t\t\t\t\t\t\t\t<div id="quick_edit_body_container" style="width: 90%">\n\t\t\t\t\t\t\t\t\t<div id="error_box" style="padding: 4px;" class="error"><' + '/div>\n\t\t\t\t\t\t\t\t\t<textarea class="editor" name="message" rows="12" style="width: 100%; margin-bottom: 10px;" tabindex="1">%body%<' + '/textarea><br />\n\t\t\t\t\t\t\t\t\t<input type="hidden" name="$${svar}" value="$${sid}" />\n\t\t\t\t\t\t\t\t\t<input type="hidden" name="topic" value="${topic}" />\n\t\t\t\t\t\t\t\t\t<input type="hidden" name="msg" value="%msg_id%" />\n\t\t\t\t\t\t\t\t\t<div class="righttext">\n\t\t\t\t\t\t\t\t\t\t<input type="submit" name="post" value="Save" tabindex="2" onclick="return oQuickModify.modifySave(\'$${sid}\', \'$${svar}\');" accesskey="s" class="button_submit" />&nbsp;&nbsp;<input type="submit" name="cancel" value="Cancel" tabindex="3" onclick="return oQuickModify.modifyCancel();" class="button_submit" />\n\t\t\t\t\t\t\t\t\t<' + '/div>\n\t\t\t\t\t\t\t\t<' + '/div>',
                            sTemplateSubjectEdit: '<input type="text" style="width: 90%;" name="subject" value="%subject%" size="80" maxlength="80" tabindex="4" class="input_text" />',
                            sTemplateBodyNormal: '%body%',
                            sTemplateSubjectNormal: '<a hr'+'ef="${script}'+'?topic=${topic}.msg%msg_id%#msg%msg_id%" rel="nofollow">%subject%<' + '/a>',
                            sTemplateTopSubject: 'Topic: %subject% &nbsp;(Read ${reads} times)',
                            sErrorBorderStyle: '1px solid red'
                        });

                        aJumpTo[aJumpTo.length] = new JumpTo({
                            sContainerId: "display_jump_to",
                            sJumpToTemplate: "<label class=\"smalltext\" for=\"%select_id%\">Jump to:<" + "/label> %dropdown_list%",
                            iCurBoardId: ${board},
                            iCurBoardChildLevel: 0,
                            sCurBoardName: "${board_name}",
                            sBoardChildLevelIndicator: "==",
                            sBoardPrefix: "=> ",
                            sCatSeparator: "-----------------------------",
                            sCatPrefix: "",
                            sGoButtonLabel: "go"
                        });

                        aIconLists[aIconLists.length] = new IconList({
                            sBackReference: "aIconLists[" + aIconLists.length + "]",
                            sIconIdPrefix: "msg_icon_",
                            sScriptUrl: smf_scripturl,
                            bShowModify: true,
                            iBoardId: ${board},
                            iTopicId: ${topic},
                            sSessionId: "$${sid}",
                            sSessionVar: "$${svar}",
                            sLabelIconList: "Message Icon",
                            sBoxBackground: "transparent",
                            sBoxBackgroundHover: "#ffffff",
                            iBoxBorderWidthHover: 1,
                            sBoxBorderColorHover: "#adadad" ,
                            sContainerBackground: "#ffffff",
                            sContainerBorder: "1px solid #adadad",
                            sItemBorder: "1px solid #ffffff",
                            sItemBorderHover: "1px dotted gray",
                            sItemBackground: "transparent",
                            sItemBackgroundHover: "#e0e0f0"
                        });
                    }
                // ]]></script>
        </div>
    </div></div>
""")


def board_of(topic: TopicSpec) -> Board:
    return next(b for b in BOARDS if b.bid == topic.board)


def page_starts(total_posts: int) -> list[int]:
    return list(range(0, total_posts, PER_PAGE)) or [0]


def topic_pagelinks(tid: int, starts: Sequence[int], current: int) -> str:
    parts = []
    for n, start in enumerate(starts, start=1):
        if start == current:
            parts.append(f"[<strong>{n}</strong>] ")
        else:
            parts.append(f'<a class="navPages" href="{SCRIPT}?topic={tid}.{start}">{n}</a> ')
    return "".join(parts)


def topic_icon(replies: int) -> str:
    if replies > 25:
        return "veryhot_post.gif"
    return "hot_post.gif" if replies > 15 else "normal_post.gif"


def render_post(post: Post, posts: Sequence[Post]) -> str:
    member = post.member
    groups = ""
    if member.title:
        groups += f'\t\t\t\t\t\t\t\t<li class="title">{member.title}</li>\n'
    if member.membergroup:
        groups += f'\t\t\t\t\t\t\t\t<li class="membergroup">{member.membergroup}</li>\n'
    groups += f'\t\t\t\t\t\t\t\t<li class="postgroup">{member.postgroup}</li>\n'
    star = f'<img src="{IMAGES}/{member.star_image}" alt="*" />'
    body = parse_bbc(post.spec.body)
    if post.spec.quote_of is not None:
        quoted = posts[post.spec.quote_of]
        quoted_bbc = post.spec.quote_body if post.spec.quote_body is not None else quoted.spec.body
        body = (
            '<div class="quoteheader"><div class="topslice_quote">'
            f'<a href="{SCRIPT}?topic={post.topic.tid}.msg{quoted.msg}#msg{quoted.msg}">'
            f"Quote from: {quoted.member.name} on {smf_date(quoted.spec.when)}</a></div></div>"
            f'<blockquote class="bbc_standard_quote">{parse_bbc(quoted_bbc)}<br /></blockquote>'
            '<div class="quotefooter"><div class="botslice_quote"></div></div>' + body
        )
    modified = ""
    if post.spec.edited is not None:
        modified = (
            f"\t\t\t\t\t\t\t\t&#171; <em>Last Edit: {smf_date(post.spec.edited)} by "
            f"{member.name}</em> &#187;\n"
        )
    signature = ""
    if member.signature is not None:
        signature = (
            f'\t\t\t\t\t\t\t<div class="signature" id="msg_{post.msg}_signature">'
            f"{parse_bbc(member.signature)}</div>\n"
        )
    return POST.substitute(
        alternate="windowbg" if post.position % 2 == 0 else "windowbg2",
        images=IMAGES,
        script=SCRIPT,
        uid=member.uid,
        name=member.name,
        msg=post.msg,
        groups=groups,
        stars=star * member.stars,
        postcount=number(member.posts),
        topic=post.topic.tid,
        subject=smf_escape(post.subject),
        counter="" if post.position == 0 else f"Reply #{post.position}",
        date=smf_date(post.spec.when),
        body=body,
        modified=modified,
        signature=signature,
    )


def render_topic_page(topic: TopicSpec, posts: Sequence[Post], start: int, reads: int) -> str:
    board = board_of(topic)
    starts = page_starts(len(posts))
    page = [p for p in posts if p.start == start]
    subject = smf_escape(topic.subject)
    trail = linktree(
        [
            (SCRIPT, FORUM_NAME),
            (f"{SCRIPT}#c{board.category_id}", board.category),
            (f"{SCRIPT}?board={board.bid}.0", board.name),
            (f"{SCRIPT}?topic={topic.tid}.0", subject),
        ]
    )
    pages = topic_pagelinks(topic.tid, starts, start)
    common = {"script": SCRIPT, "images": IMAGES, "theme": THEME, "topic": topic.tid}
    parts = [
        trail,
        TOPIC_TOP.substitute(
            common,
            first=page[0].msg,
            pages=pages,
            subject=subject,
            icon=topic_icon(len(posts) - 1),
            reads=reads,
            start=start,
        ),
    ]
    for i, post in enumerate(page):
        if i:
            parts.append(f'\t\t\t\t<a id="msg{post.msg}"></a>')
        parts.append(render_post(post, posts))
    parts.append(TOPIC_BOTTOM.substitute(common, pages=pages, blank4="\t" * 4))
    parts.append(trail)
    parts.append(
        TOPIC_SCRIPTS.substitute(
            common, start=start, reads=reads, board=board.bid, board_name=board.name
        )
    )
    return smf_page(
        f"topic-{topic.tid}-{start}",
        subject,
        f"{SCRIPT}?topic={topic.tid}.{start}",
        "\n".join(parts),
        board=board.bid,
        topic=topic.tid,
    )


# ---- board pages ---------------------------------------------------------

BOARD_TOP = template(r"""
    <a id="top"></a>
    <div class="pagesection">
        <div class="pagelinks floatleft">Pages: [<strong>1</strong>] </div>
${blank2}
    </div>
    <div class="tborder topic_table" id="messageindex">
        <table class="table_grid" cellspacing="0">
            <thead>
                <tr class="catbg">
                    <th scope="col" class="first_th" width="8%" colspan="2">&nbsp;</th>
                    <th scope="col" class="lefttext"><a href="${script}?board=${board}.0;sort=subject">Subject</a> / <a href="${script}?board=${board}.0;sort=starter">Started by</a></th>
                    <th scope="col" width="14%"><a href="${script}?board=${board}.0;sort=replies">Replies</a> / <a href="${script}?board=${board}.0;sort=views">Views</a></th>
                    <th scope="col" class="lefttext last_th" width="22%"><a href="${script}?board=${board}.0;sort=last_post">Last post <img src="${images}/sort_down.gif" alt="" /></a></th>
                </tr>
            </thead>
            <tbody>
                <tr class="windowbg2 whos_viewing">
                    <td colspan="5" class="smalltext">0 Members and 1 Guest are viewing this board.
                    </td>
                </tr>
""")

BOARD_ROW = template(r"""
                <tr>
                    <td class="icon1 windowbg">
                        <img src="${images}/topic/${icon}" alt="" />
                    </td>
                    <td class="icon2 windowbg">
                        <img src="${images}/post/xx.gif" alt="" />
                    </td>
                    <td class="subject windowbg2">
                        <div >
                            <span id="msg_${first}"><a href="${script}?topic=${topic}.0">${subject}</a></span>
                            <p>Started by <a href="${script}?action=profile;u=${starter_uid}" title="View the profile of ${starter}">${starter}</a>
                                <small id="pages${first}">${pages}</small>
                            </p>
                        </div>
                    </td>
                    <td class="stats windowbg">
                        ${replies} Replies
                        <br />
                        ${views} Views
                    </td>
                    <td class="lastpost windowbg2">
                        <a href="${script}?topic=${topic}.${last_start}#msg${last}"><img src="${images}/icons/last_post.gif" alt="Last post" title="Last post" /></a>
                        ${last_date}<br />
                        by <a href="${script}?action=profile;u=${last_uid}">${last_name}</a>
                    </td>
                </tr>
""")

BOARD_BOTTOM = template(r"""
            </tbody>
        </table>
    </div>
    <a id="bot"></a>
    <div class="pagesection">
${blank2}
        <div class="pagelinks">Pages: [<strong>1</strong>] </div>
    </div>
""")

BOARD_SCRIPTS = template(r"""
    <div class="tborder" id="topic_icons">
        <div class="description">
            <p class="floatright" id="message_index_jump_to">&nbsp;</p>
            <p class="floatleft smalltext">
                <img src="${images}/topic/normal_post.gif" alt="" align="middle" /> Normal Topic<br />
                <img src="${images}/topic/hot_post.gif" alt="" align="middle" /> Hot Topic (More than 15 replies)<br />
                <img src="${images}/topic/veryhot_post.gif" alt="" align="middle" /> Very Hot Topic (More than 25 replies)
            </p>
            <p class="smalltext">
                <img src="${images}/icons/quick_lock.gif" alt="" align="middle" /> Locked Topic<br />
                <img src="${images}/icons/quick_sticky.gif" alt="" align="middle" /> Sticky Topic<br />
                <img src="${images}/topic/normal_poll.gif" alt="" align="middle" /> Poll
            </p>
            <script type="text/javascript"><!-- // --><![CDATA[
                if (typeof(window.XMLHttpRequest) != "undefined")
                    aJumpTo[aJumpTo.length] = new JumpTo({
                        sContainerId: "message_index_jump_to",
                        sJumpToTemplate: "<label class=\"smalltext\" for=\"%select_id%\">Jump to:<" + "/label> %dropdown_list%",
                        iCurBoardId: ${board},
                        iCurBoardChildLevel: 0,
                        sCurBoardName: "${board_name}",
                        sBoardChildLevelIndicator: "==",
                        sBoardPrefix: "=> ",
                        sCatSeparator: "-----------------------------",
                        sCatPrefix: "",
                        sGoButtonLabel: "Go!"
                    });
            // ]]></script>
            <br class="clear" />
        </div>
    </div>
<script type="text/javascript" src="${theme}/scripts/topic.js"></script>
<script type="text/javascript"><!-- // --><![CDATA[

    // Hide certain bits during topic edit.
    hide_prefixes.push("lockicon", "stickyicon", "pages", "newicon");

    // Use it to detect when we've stopped editing.
    document.onclick = modify_topic_click;

    var mouse_on_div;
    function modify_topic_click()
    {
        if (in_edit_mode == 1 && mouse_on_div == 0)
            modify_topic_save("$${sid}", "$${svar}");
    }

    function modify_topic_keypress(oEvent)
    {
        if (typeof(oEvent.keyCode) != "undefined" && oEvent.keyCode == 13)
        {
            modify_topic_save("$${sid}", "$${svar}");
            if (typeof(oEvent.preventDefault) == "undefined")
                oEvent.returnValue = false;
            else
                oEvent.preventDefault();
        }
    }

    // For templating, shown when an inline edit is made.
    function modify_topic_show_edit(subject)
    {
        // Just template the subject.
        setInnerHTML(cur_subject_div, '<input type="text" name="subject" value="' + subject + '" size="60" style="width: 95%;" maxlength="80" onkeypress="modify_topic_keypress(event)" class="input_text" /><input type="hidden" name="topic" value="' + cur_topic_id + '" /><input type="hidden" name="msg" value="' + cur_msg_id.substr(4) + '" />');
    }

    // And the reverse for hiding it.
    function modify_topic_hide_edit(subject)
    {
        // Re-template the subject!
        setInnerHTML(cur_subject_div, '<a href="${script}?topic=' + cur_topic_id + '.0">' + subject + '<' +'/a>');
    }

// ]]></script>
        </div>
    </div></div>
""")


def render_board_page(board: Board, numbered: dict[int, list[Post]]) -> str:
    topics = [t for t in TOPICS if t.board == board.bid]
    topics.sort(key=lambda t: numbered[t.tid][-1].spec.when, reverse=True)
    trail = linktree(
        [
            (SCRIPT, FORUM_NAME),
            (f"{SCRIPT}#c{board.category_id}", board.category),
            (f"{SCRIPT}?board={board.bid}.0", board.name),
        ]
    )
    common = {"script": SCRIPT, "images": IMAGES, "theme": THEME, "board": board.bid}
    parts = [trail, BOARD_TOP.substitute(common, blank2="\t\t").rstrip("\n")]
    for topic in topics:
        posts = numbered[topic.tid]
        first, last = posts[0], posts[-1]
        starts = page_starts(len(posts))
        pages = ""
        if len(starts) > 1:
            links = " ".join(
                f'<a class="navPages" href="{SCRIPT}?topic={topic.tid}.{s}">{n}</a>'
                for n, s in enumerate(starts, start=1)
            )
            pages = f"&#171; {links}  &#187;"
        parts.append(
            BOARD_ROW.substitute(
                common,
                icon=topic_icon(len(posts) - 1),
                first=first.msg,
                topic=topic.tid,
                subject=smf_escape(topic.subject),
                starter_uid=first.member.uid,
                starter=first.member.name,
                pages=pages,
                replies=number(len(posts) - 1),
                views=number(topic.views),
                last_start=last.start,
                last=last.msg,
                last_date=smf_date(last.spec.when),
                last_uid=last.member.uid,
                last_name=last.member.name,
            )
        )
    parts.append(BOARD_BOTTOM.substitute(blank2="\t\t"))
    parts.append(trail)
    parts.append(BOARD_SCRIPTS.substitute(common, board_name=board.name))
    return smf_page(
        f"board-{board.bid}",
        board.name,
        f"{SCRIPT}?board={board.bid}.0",
        "\n".join(parts),
        board=board.bid,
    )


# ---- board index ---------------------------------------------------------

INDEX_CATEGORY = template(r"""
            <tbody class="header" id="category_${cat}">
                <tr>
                    <td colspan="4">
                        <div class="cat_bar">
                            <h3 class="catbg">
                                <a id="c${cat}"></a>${cat_name}
                            </h3>
                        </div>
                    </td>
                </tr>
            </tbody>
            <tbody class="content" id="category_${cat}_boards">
                <tr id="board_${board}" class="windowbg2">
                    <td class="icon windowbg">
                        <a href="${script}?board=${board}.0">
                            <img src="${images}/off.png" alt="No New Posts" title="No New Posts" />
                        </a>
                    </td>
                    <td class="info">
                        <a class="subject" href="${script}?board=${board}.0" name="b${board}">${board_name}</a>

                        <p>${description}</p>
                    </td>
                    <td class="stats windowbg">
                        <p>${posts} Posts <br />
                        ${topics} Topics
                        </p>
                    </td>
                    <td class="lastpost">
                        <p><strong>Last post</strong>  by <a href="${script}?action=profile;u=${last_uid}">${last_name}</a><br />
                        in <a href="${script}?topic=${last_topic}.msg${last}#new" title="${last_subject}">${last_short}</a><br />
                        on ${last_date}
                        </p>
                    </td>
                </tr>
            </tbody>
            <tbody class="divider">
                <tr>
                    <td colspan="4"></td>
                </tr>
            </tbody>
""")

INDEX_INFO = template(r"""
        </table>
    </div>
    <div id="posting_icons" class="flow_hidden">
        <ul class="reset">
            <li class="floatleft"><img src="${images}/new_none.png" alt="" /> No New Posts</li>
            <li class="floatleft"><img src="${images}/new_redirect.png" alt="" /> Redirect Board</li>
        </ul>
    </div>
    <span class="clear upperframe"><span></span></span>
    <div class="roundframe"><div class="innerframe">
        <div class="cat_bar">
            <h3 class="catbg">
                <img class="icon" id="upshrink_ic" src="${images}/collapse.gif" alt="*" title="Shrink or expand the header." style="display: none;" />
                ${forum} - Info Center
            </h3>
        </div>
        <div id="upshrinkHeaderIC">
            <div class="title_barIC">
                <h4 class="titlebg">
                    <span class="ie6_header floatleft">
                        <a href="${script}?action=stats"><img class="icon" src="${images}/icons/info.gif" alt="Forum Stats" /></a>
                        Forum Stats
                    </span>
                </h4>
            </div>
            <p>
                ${total_posts} Posts in ${total_topics} Topics by ${total_members} Members. Latest Member: <strong> <a href="${script}?action=profile;u=${newest_uid}">${newest}</a></strong><br />
                Latest Post: <strong>&quot;<a href="${script}?topic=${last_topic}.msg${last}#new" title="${last_subject}">${last_short}</a>&quot;</strong>  ( ${last_date} )<br />
                <a href="${script}?action=recent">View the most recent posts on the forum.</a><br />
                <a href="${script}?action=stats">[More Stats]</a>
            </p>
            <div class="title_barIC">
                <h4 class="titlebg">
                    <span class="ie6_header floatleft">
                        <img class="icon" src="${images}/icons/online.gif" alt="Users Online" />
                        Users Online
                    </span>
                </h4>
            </div>
            <p class="inline stats">
                1 Guest, 0 Users
            </p>
            <p class="inline smalltext">
            </p>
            <p class="last smalltext">
                Most Online Today: <strong>1</strong>.
                Most Online Ever: 4 (January 09, 2026, 08:15:12 PM)
            </p>
        </div>
    </div></div>
    <span class="lowerframe"><span></span></span>
    <script type="text/javascript"><!-- // --><![CDATA[
        var oInfoCenterToggle = new smc_Toggle({
            bToggleEnabled: true,
            bCurrentlyCollapsed: false,
            aSwappableContainers: [
                'upshrinkHeaderIC'
            ],
            aSwapImages: [
                {
                    sId: 'upshrink_ic',
                    srcExpanded: smf_images_url + '/collapse.gif',
                    altExpanded: 'Shrink or expand the header.',
                    srcCollapsed: smf_images_url + '/expand.gif',
                    altCollapsed: 'Shrink or expand the header.'
                }
            ],
            oThemeOptions: {
                bUseThemeSettings: false,
                sOptionName: 'collapse_header_ic',
                sSessionVar: '$${svar}',
                sSessionId: '$${sid}'
            },
            oCookieOptions: {
                bUseCookie: true,
                sCookieName: 'upshrinkIC'
            }
        });
    // ]]></script>
        </div>
    </div></div>
""")

TOTAL_MEMBERS = 212  # registered members, most of whom never post in the sample threads


def render_board_index(numbered: dict[int, list[Post]]) -> str:
    common = {"script": SCRIPT, "images": IMAGES}
    parts = [
        linktree([(SCRIPT, FORUM_NAME)]),
        '\t<div id="boardindex_table">',
        '\t\t<table class="table_list">',
    ]
    all_posts = [p for posts in numbered.values() for p in posts]
    for board in BOARDS:
        posts = [p for p in all_posts if p.topic.board == board.bid]
        last = max(posts, key=lambda p: p.msg)
        parts.append(
            INDEX_CATEGORY.substitute(
                common,
                cat=board.category_id,
                cat_name=board.category,
                board=board.bid,
                board_name=board.name,
                description=board.description,
                posts=number(len(posts)),
                topics=len({p.topic.tid for p in posts}),
                last_uid=last.member.uid,
                last_name=last.member.name,
                last_topic=last.topic.tid,
                last=last.msg,
                last_subject=smf_escape(last.subject),
                last_short=smf_escape(shorten_subject(last.subject)),
                last_date=smf_date(last.spec.when),
            ).rstrip("\n")
        )
    last = max(all_posts, key=lambda p: p.msg)
    newest = max(MEMBERS.values(), key=lambda m: m.uid)
    parts.append(
        INDEX_INFO.substitute(
            common,
            forum=FORUM_NAME,
            total_posts=number(len(all_posts)),
            total_topics=len(numbered),
            total_members=number(TOTAL_MEMBERS),
            newest_uid=newest.uid,
            newest=newest.name,
            last_topic=last.topic.tid,
            last=last.msg,
            last_subject=smf_escape(last.subject),
            last_short=smf_escape(shorten_subject(last.subject)),
            last_date=smf_date(last.spec.when),
        )
    )
    return smf_page("index", f"{FORUM_NAME} - Index", SCRIPT, "\n".join(parts))


def render_forum() -> dict[str, tuple[str, str]]:
    """Return route -> (file name, content) for the forum host."""
    numbered = number_posts(TOPICS)
    pages: dict[str, tuple[str, str]] = {
        "/index.php": ("index.html", render_board_index(numbered)),
    }
    for board in BOARDS:
        pages[f"/index.php?board={board.bid}.0"] = (
            f"board_{board.bid}.html",
            render_board_page(board, numbered),
        )
    for topic in TOPICS:
        posts = numbered[topic.tid]
        for n, start in enumerate(page_starts(len(posts))):
            reads = topic.views + 1 + n  # every page view counts, including the crawler's
            pages[f"/index.php?topic={topic.tid}.{start}"] = (
                f"topic_{topic.tid}_{start}.html",
                render_topic_page(topic, posts, start, reads),
            )
    return pages


# --------------------------------------------------------------------------
# The official site
# --------------------------------------------------------------------------

OFFICE = "Office of the Attorney General"
SITE_NAME = "Office of the Attorney General of Calloway"

OFFICIAL_HEAD = template(r"""
<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${head_title}</title>
<meta name="description" content="${description}">
<link rel="canonical" href="${url}">
<meta property="og:site_name" content="${site_name}">
<meta property="og:type" content="${og_type}">
<meta property="og:title" content="${og_title}">
<meta property="og:url" content="${url}">${article_meta}
<link rel="icon" href="/favicon.ico">
<style>
    body { margin: 0; font-family: Georgia, "Times New Roman", serif; color: #1b1b1b; }
    .gov-banner { background: #f0f0f0; font: 13px Arial, sans-serif; padding: 4px 16px; }
    .site-header { background: #14325c; color: #fff; padding: 16px; }
    .site-header a { color: #fff; }
    .main-nav ul, .breadcrumb ol { list-style: none; margin: 0; padding: 0; }
    .main-nav li, .breadcrumb li { display: inline-block; margin-right: 16px; }
    .container { max-width: 960px; margin: 0 auto; padding: 0 16px; }
    .press-release__meta, .teaser__meta { color: #5c5c5c; font: 14px Arial, sans-serif; }
    .site-footer { background: #1b1b1b; color: #dcdcdc; font: 13px Arial, sans-serif; padding: 24px 16px; }
    .visually-hidden { position: absolute; left: -10000px; }
</style>
</head>
<body class="${body_class}">
<a class="skip-link visually-hidden" href="#main-content">Skip to main content</a>
<div class="gov-banner">An official website of the State of Calloway. <a href="/about/official-websites">Here’s how you know</a></div>
<header class="site-header" role="banner">
    <div class="container">
        <a class="site-logo" href="/" rel="home"><span class="site-name">${office}</span> <span class="site-state">State of Calloway</span></a>
        <form class="site-search" action="/search" method="get" role="search">
            <label for="search-q" class="visually-hidden">Search this site</label>
            <input type="search" id="search-q" name="q" placeholder="Search">
            <button type="submit">Search</button>
        </form>
    </div>
    <nav class="main-nav" aria-label="Main navigation">
        <div class="container">
            <ul>
                <li><a href="/">Home</a></li>
                <li><a href="/about">About the Office</a></li>
                <li class="active"><a href="/news/releases">News</a></li>
                <li><a href="/consumer-protection">Consumer Protection</a></li>
                <li><a href="/criminal-justice">Criminal Justice</a></li>
                <li><a href="/opinions">Legal Opinions</a></li>
                <li><a href="/contact">Contact Us</a></li>
            </ul>
        </div>
    </nav>
</header>
""")

OFFICIAL_FOOT = template(r"""
<footer class="site-footer" role="contentinfo">
    <div class="container">
        <div class="footer-address">
            <p><strong>${office}</strong><br>
            200 Capitol Plaza, Merriton, CL 40120<br>
            Main line: (555) 010-4400 · Consumer Protection Hotline: 1-800-555-0187</p>
        </div>
        <ul class="footer-links">
            <li><a href="/accessibility">Accessibility</a></li>
            <li><a href="/privacy">Privacy Policy</a></li>
            <li><a href="/public-records">Public Records Requests</a></li>
            <li><a href="/careers">Careers</a></li>
            <li><a href="/sitemap.xml">Site Map</a></li>
        </ul>
        <p class="footer-note">Information on this website is provided as a public service by the ${office} of the State of Calloway. Content is in the public domain unless otherwise noted.</p>
    </div>
</footer>
</body>
</html>
""")

RELEASE_MAIN = template(r"""
<nav class="breadcrumb" aria-label="Breadcrumb">
    <div class="container">
        <ol>
            <li><a href="/">Home</a></li>
            <li><a href="/news/releases">Press Releases</a></li>
            <li aria-current="page">${crumb}</li>
        </ol>
    </div>
</nav>
<main id="main-content" class="container">
    <header class="page-header">
        <p class="page-header__label">Press Release</p>
        <h1 class="page-title">${title}</h1>
        <p class="press-release__meta"><time datetime="${iso}">${human}</time> <span class="sep">|</span> <span class="press-release__topic">${topic}</span></p>
    </header>
    <article class="press-release">
        <div class="press-release__body">
${paragraphs}
        </div>
        <footer class="press-release__contact">
            <h2>Media Contact</h2>
            <p>Communications Office<br>(555) 010-4470<br><a href="mailto:press@ag.calloway.example">press@ag.calloway.example</a></p>
        </footer>
    </article>
    <aside class="related" aria-labelledby="related-heading">
        <h2 id="related-heading">Related Releases</h2>
        <ul>
${related}
        </ul>
    </aside>
</main>
""")

LISTING_MAIN = template(r"""
<nav class="breadcrumb" aria-label="Breadcrumb">
    <div class="container">
        <ol>
            <li><a href="/">Home</a></li>
            <li aria-current="page">Press Releases</li>
        </ol>
    </div>
</nav>
<main id="main-content" class="container">
    <h1>Press Releases</h1>
    <p class="intro">News from the ${office}, newest first. Members of the media may contact the Communications Office at (555) 010-4470.</p>
    <div class="view-content">
${teasers}
    </div>
    <nav class="pager" aria-label="Pagination"><p>Page 1 of 1</p></nav>
</main>
""")

HOME_MAIN = template(r"""
<main id="main-content" class="container">
    <section class="hero">
        <h1>Protecting the people of Calloway</h1>
        <p>The ${office} is the chief legal officer of the State of Calloway. We prosecute serious crime, defend consumers and represent the state in court.</p>
    </section>
    <section class="latest-news" aria-labelledby="latest-heading">
        <h2 id="latest-heading">Latest News</h2>
        <ul>
${latest}
        </ul>
        <p><a href="/news/releases">All press releases</a></p>
    </section>
    <section class="help">
        <h2>How can we help?</h2>
        <ul>
            <li><a href="/consumer-protection/file-a-complaint">File a consumer complaint</a></li>
            <li><a href="/criminal-justice/victim-services">Victim services</a></li>
            <li><a href="/opinions">Search legal opinions</a></li>
        </ul>
    </section>
</main>
""")


def human_date(when: datetime) -> str:
    return f"{when:%B} {when.day}, {when:%Y}"


def iso(when: datetime) -> str:
    return when.isoformat()


def official_page(
    *,
    head_title: str,
    description: str,
    url: str,
    body_class: str,
    main: str,
    og_type: str = "website",
    og_title: str | None = None,
    published: datetime | None = None,
) -> str:
    article_meta = ""
    if published is not None:
        article_meta = (
            f'\n<meta property="article:published_time" content="{iso(published)}">'
            f'\n<meta property="article:modified_time" content="{iso(published)}">'
            '\n<meta property="article:section" content="Press Releases">'
        )
    head = OFFICIAL_HEAD.substitute(
        head_title=html.escape(head_title),
        description=html.escape(description),
        url=url,
        site_name=SITE_NAME,
        og_type=og_type,
        og_title=html.escape(og_title or head_title),
        article_meta=article_meta,
        body_class=body_class,
        office=OFFICE,
    )
    return head + "\n" + main + "\n" + OFFICIAL_FOOT.substitute(office=OFFICE) + "\n"


def render_release(release: Release) -> str:
    paragraphs = "\n".join(
        f"\t\t\t<p>{html.escape(p, quote=False)}</p>" for p in release.paragraphs
    )
    others = [
        r for r in sorted(RELEASES, key=lambda r: r.published, reverse=True) if r is not release
    ]
    related = "\n".join(
        f'\t\t\t<li><a href="{r.path}">{html.escape(r.title)}</a> '
        f'<time datetime="{r.published:%Y-%m-%d}">{human_date(r.published)}</time></li>'
        for r in others
    )
    main = RELEASE_MAIN.substitute(
        crumb=html.escape(release.title),
        title=html.escape(release.title),
        iso=iso(release.published),
        human=human_date(release.published),
        topic=release.topic,
        paragraphs=paragraphs,
        related=related,
    )
    return official_page(
        head_title=f"{release.title} | {SITE_NAME}",
        description=release.summary,
        url=release.url,
        body_class="page-node node-type-press-release",
        main=main,
        og_type="article",
        og_title=release.title,
        published=release.published,
    )


def render_listing() -> str:
    teasers = []
    for release in sorted(RELEASES, key=lambda r: r.published, reverse=True):
        teasers.append(
            '\t\t<article class="teaser">\n'
            f'\t\t\t<h2 class="teaser__title"><a href="{release.path}">'
            f"{html.escape(release.title)}</a></h2>\n"
            f'\t\t\t<p class="teaser__meta"><time datetime="{iso(release.published)}">'
            f"{human_date(release.published)}</time> | {release.topic}</p>\n"
            f'\t\t\t<p class="teaser__summary">{html.escape(release.summary)}</p>\n'
            "\t\t</article>"
        )
    main = LISTING_MAIN.substitute(office=OFFICE, teasers="\n".join(teasers))
    return official_page(
        head_title=f"Press Releases | {SITE_NAME}",
        description="Press releases from the Office of the Attorney General of Calloway.",
        url=OFFICIAL + RELEASES_PATH,
        body_class="page-view view-press-releases",
        main=main,
    )


def render_home() -> str:
    latest = "\n".join(
        f'\t\t\t<li><a href="{r.path}">{html.escape(r.title)}</a></li>'
        for r in sorted(RELEASES, key=lambda r: r.published, reverse=True)
    )
    main = HOME_MAIN.substitute(office=OFFICE, latest=latest)
    return official_page(
        head_title=SITE_NAME,
        description="The Office of the Attorney General of Calloway.",
        url=OFFICIAL + "/",
        body_class="page-front",
        main=main,
    )


ROBOTS = f"""User-agent: *
Disallow: /search
Allow: /

Sitemap: {OFFICIAL}/sitemap.xml
"""


def render_sitemap() -> str:
    newest = max(r.published for r in RELEASES)
    entries = [(OFFICIAL + "/", newest), (OFFICIAL + RELEASES_PATH, newest)]
    entries += [(r.url, r.published) for r in sorted(RELEASES, key=lambda r: r.published)]
    urls = "".join(
        f"  <url>\n    <loc>{loc}</loc>\n    <lastmod>{when:%Y-%m-%d}</lastmod>\n  </url>\n"
        for loc, when in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n"
    )


def render_official() -> dict[str, tuple[str, str]]:
    """Return route -> (file name, content) for the official host."""
    pages = {
        "/": ("index.html", render_home()),
        RELEASES_PATH: ("releases.html", render_listing()),
        "/robots.txt": ("robots.txt", ROBOTS),
        "/sitemap.xml": ("sitemap.xml", render_sitemap()),
    }
    for release in RELEASES:
        pages[release.path] = (f"{release.slug}.html", render_release(release))
    return pages


# --------------------------------------------------------------------------
# The content farm: the spun copy of R1 as an article, with a feed and a sitemap
# --------------------------------------------------------------------------

FARM_HOST = "www.dailywirenow.example"
FARM = f"http://{FARM_HOST}"
FARM_NAME = "Daily Wire Now"
FARM_PUBLISHED = datetime(2026, 1, 9, 6, 30, tzinfo=EASTERN)
FARM_SPUN_PATH = "/2026/01/09/attorney-general-whitcomb-introduces-effects-of-operation-lantern"
FARM_OTHER_PATH = "/2026/01/10/ten-winter-driving-tips-for-calloway-roads"
FARM_OTHER_TITLE = "Ten Winter Driving Tips for Calloway Roads"
FARM_OTHER = (
    "Black ice forms first on bridges and overpasses, so ease off the accelerator before you "
    "reach them and keep your following distance at six seconds or more.",
    "Keep a blanket, a flashlight, a phone charger and a bag of sand or cat litter in the "
    "trunk from December to March; the sand gives your tires grip if you get stuck.",
    "Clear the whole car of snow before you drive, roof included: a sheet of snow sliding "
    "onto your windshield at the first stop is how many winter fender-benders begin.",
)

FARM_PAGE = template(r"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title} - ${site}</title>
<meta name="description" content="${title}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="${iso}">
<link rel="alternate" type="application/rss+xml" title="${site}" href="${farm}/feed.xml">
</head>
<body>
<header class="site-header"><a href="${farm}/">${site}</a> | Trending | Local | Money</header>
<div class="ad-slot">Advertisement</div>
<main>
<article class="post">
<h1 class="entry-title">${title}</h1>
<p class="byline">By <span class="author">Staff Writer</span> |
<time datetime="${iso}">${human}</time></p>
<div class="entry-content">
${paragraphs}
</div>
</article>
<aside class="related">You may also like: <a href="${farm}${other}">${other_title}</a></aside>
</main>
<footer>&copy; 2026 ${site}. All rights reserved.</footer>
</body>
</html>
""")


def render_farm_article(title: str, paragraphs: Sequence[str], when: datetime, other: str,
                        other_title: str) -> str:
    return FARM_PAGE.substitute(
        title=html.escape(title),
        site=FARM_NAME,
        farm=FARM,
        iso=iso(when),
        human=human_date(when),
        paragraphs="\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs),
        other=other,
        other_title=html.escape(other_title),
    )


def render_farm() -> dict[str, tuple[str, str]]:
    """Return route -> (file name, content) for the content farm host."""
    spun_text, _ = _spun_r1()
    spun_paragraphs = spun_text.split("\n\n")[1:]  # the first paragraph is the title
    other_when = datetime(2026, 1, 10, 8, 0, tzinfo=EASTERN)
    items = [
        (FARM_SPUN_PATH, SPUN_TITLE, FARM_PUBLISHED),
        (FARM_OTHER_PATH, FARM_OTHER_TITLE, other_when),
    ]
    feed_items = "".join(
        f"  <item>\n    <title>{html.escape(title)}</title>\n    <link>{FARM}{path}</link>\n"
        f"    <pubDate>{when:%a, %d %b %Y %H:%M:%S %z}</pubDate>\n  </item>\n"
        for path, title, when in items
    )
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n'
        f"  <title>{FARM_NAME}</title>\n  <link>{FARM}/</link>\n"
        f"  <description>News as it breaks</description>\n{feed_items}</channel>\n</rss>\n"
    )
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "".join(f"  <url><loc>{FARM}{path}</loc></url>\n" for path, _, _ in items)
        + "</urlset>\n"
    )
    home = FARM_PAGE.substitute(
        title="Latest news", site=FARM_NAME, farm=FARM, iso=iso(other_when),
        human=human_date(other_when),
        paragraphs="\n".join(
            f'<p><a href="{FARM}{path}">{html.escape(title)}</a></p>' for path, title, _ in items
        ),
        other=FARM_OTHER_PATH, other_title=html.escape(FARM_OTHER_TITLE),
    )
    return {
        "/": ("index.html", home),
        "/feed.xml": ("feed.xml", feed),
        "/sitemap.xml": ("sitemap.xml", sitemap),
        "/robots.txt": ("robots.txt", "User-agent: *\nAllow: /\n"),
        FARM_SPUN_PATH: (
            "spun-operation-lantern.html",
            render_farm_article(SPUN_TITLE, spun_paragraphs, FARM_PUBLISHED, FARM_OTHER_PATH,
                                FARM_OTHER_TITLE),
        ),
        FARM_OTHER_PATH: (
            "winter-driving-tips.html",
            render_farm_article(FARM_OTHER_TITLE, FARM_OTHER, other_when, FARM_SPUN_PATH,
                                SPUN_TITLE),
        ),
    }


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def render_sites() -> dict[str, dict[str, tuple[str, str]]]:
    """Return host -> route -> (file name, content) for every sample page."""
    return {
        FORUM_HOST: render_forum(),
        OFFICIAL_HOST: render_official(),
        FARM_HOST: render_farm(),
    }


def write_sites(out: Path) -> list[Path]:
    """Write every page and each host's routes.json under ``out``; return the paths written.

    Files in a host folder that the generator no longer produces are removed,
    so the folder always equals the render.
    """
    written: list[Path] = []
    for host, pages in render_sites().items():
        folder = out / host
        folder.mkdir(parents=True, exist_ok=True)
        routes = {route: name for route, (name, _) in pages.items()}
        files = {name: content for name, content in pages.values()}
        files["routes.json"] = json.dumps(routes, indent=2, sort_keys=True) + "\n"
        for name, content in sorted(files.items()):
            path = folder / name
            path.write_bytes(content.encode("utf-8"))
            written.append(path)
        for stale in sorted(folder.iterdir()):
            if stale.is_file() and stale.name not in files:
                stale.unlink()
    return written


def describe(posts_by_topic: dict[int, list[Post]]) -> Iterable[str]:
    """One line per post, for checking the render by eye."""
    for tid, posts in sorted(posts_by_topic.items()):
        for post in posts:
            yield (
                f"topic {tid} page {post.start:>2} msg{post.msg:<3} #{post.position:<2} "
                f"{post.member.name:<16} {smf_date(post.spec.when)}"
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"folder to write the sites into (default: {DEFAULT_OUT})",
    )
    parser.add_argument(
        "--list-posts",
        action="store_true",
        help="print the message id and position of every forum post",
    )
    args = parser.parse_args(argv)
    written = write_sites(args.out)
    print(f"wrote {len(written)} files under {args.out}")
    print(
        f"spun copy: {SPUN_STATS.swapped}/{SPUN_STATS.content_words} content words swapped "
        f"({SPUN_STATS.ratio:.0%})"
    )
    if args.list_posts:
        for line in describe(number_posts(TOPICS)):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
