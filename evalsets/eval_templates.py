# ruff: noqa: E501 -- one template sentence per line reads better than wrapped strings
"""Sentence templates of fictional press releases, one family per topic.

A family is what an agency keeps publishing about (drug operations, fraud
cases, pollution penalties, outbreaks, road works, emergencies). It gives
the facts a release states, each with three phrasings: a release uses one,
a rewrite of it another, so that a rewrite keeps the facts (names, numbers,
places) and the quotes but not the wording. ``{slot}`` is a fact drawn once
per release by the family's slot maker; ``[a|b]`` is a choice of words made
at rendering, which keeps two releases of one agency on one topic from being
the same text with other numbers.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from eval_agencies import FIRST_NAMES, LAST_NAMES, Agency

__all__ = ["GENERIC_QUOTES", "Family", "Fact"]

Slots = dict[str, str]

TOWNS = [
    "Eastvale",
    "Millbrook",
    "Dunmore",
    "Harrowgate",
    "Lindenfield",
    "Oakridge",
    "Saltmarsh",
    "Brackenridge",
    "Fenwick",
    "Glenholm",
    "Ravensworth",
    "Stonebridge",
    "Thornbury",
    "Wexley",
    "Carrick",
    "Bellhaven",
    "Coldwater",
    "Northgate",
    "Westfield",
    "Elmstead",
    "Foxhollow",
    "Greywell",
    "Hollins",
    "Ivybridge",
    "Kingsmoor",
    "Larchmont",
    "Newhaven",
    "Penrose",
    "Redfern",
    "Silverdale",
    "Willowmere",
    "Brookhaven",
    "Castleton",
    "Marlow",
    "Ashford",
    "Kestrel",
]
COUNTRIES = [
    "Portugal",
    "Estonia",
    "Canada",
    "Ireland",
    "Norway",
    "Chile",
    "Japan",
    "Kenya",
    "Poland",
    "Mexico",
    "Australia",
    "Belgium",
]
# Who helps whom: partner agencies by family.
PARTNERS = {
    "narcotics": (
        "the State Bureau of Investigation",
        "the Calder State Police",
        "the Eastvale Municipal Police",
        "the Regional Prosecutor's Office",
        "the Harbor Customs Agency",
        "the Federal Drug Task Force",
        "the Postal Inspection Service",
    ),
    "fraud": (
        "the Financial Intelligence Unit",
        "the State Bureau of Investigation",
        "the Calder Securities Commission",
        "the Postal Inspection Service",
        "the Calder Revenue Agency",
        "the Consumer Protection Bureau",
    ),
    "pollution": (
        "the Lakeshore Water Authority",
        "the State Fish and Wildlife Service",
        "the Calder Department of Health",
        "the Fenwick Watershed Council",
        "the Office of the Calder Attorney General",
    ),
    "outbreak": (
        "the State Public Health Laboratory",
        "the Calder Department of Health",
        "local hospitals",
        "the Calder Department of Education",
        "the Pinecrest County Health District",
    ),
    "roadworks": (
        "the Federal Highway Administration",
        "the Calder State Police",
        "the Lakeshore Water Authority",
        "local councils",
    ),
    "emergency": (
        "the National Weather Service",
        "the Calder National Guard",
        "the Red Cross of Calder",
        "the State Fire Marshal",
        "the Calder Department of Transportation",
        "the Coast Guard",
    ),
}
OPERATION_HEADS = [
    "Lantern",
    "Copper",
    "Iron",
    "Silver",
    "Night",
    "Glass",
    "Stone",
    "Winter",
    "Falcon",
    "Ember",
    "Granite",
    "Cobalt",
    "Thistle",
    "Raven",
    "Orchid",
    "Marble",
    "Juniper",
    "Anchor",
    "Quartz",
    "Heron",
    "Saffron",
    "Tundra",
    "Beacon",
    "Cinder",
]
OPERATION_TAILS = [
    "fish",
    "line",
    "gate",
    "wood",
    "fall",
    "ridge",
    "hawk",
    "moor",
    "field",
    "crest",
    "stone",
    "wing",
    "shade",
    "brook",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _count(rng: random.Random, low: int, high: int) -> str:
    return f"{rng.randint(low, high):,}"


def _money(rng: random.Random, low: float, high: float) -> str:
    """Dollars between ``low`` and ``high`` million, written as releases write them."""
    value = rng.uniform(low, high)
    if value < 1:
        return f"${round(value * 1000) * 1000:,}"
    return f"${value:.1f} million"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _date(rng: random.Random) -> str:
    return f"{rng.choice(MONTHS)} {rng.randint(1, 28)}"


def _common(rng: random.Random, agency: Agency, family: str) -> Slots:
    towns = rng.sample(TOWNS, 5)
    partners = [p for p in PARTNERS[family] if agency.name not in p]
    p1, p2, p3 = rng.sample(partners, 3)
    c1, c2, c3 = rng.sample(COUNTRIES, 3)
    return {
        "agency": agency.name,
        "abbr": agency.abbr,
        "short": agency.short,
        "region": agency.region,
        "phone": agency.phone,
        "dateline": agency.dateline,
        "town1": towns[0],
        "town2": towns[1],
        "town3": towns[2],
        "town4": towns[3],
        "town5": towns[4],
        "p1": p1,
        "p2": p2,
        "p3": p3,
        "country1": c1,
        "country2": c2,
        "country3": c3,
        "weekday": rng.choice(WEEKDAYS),
        "date1": _date(rng),
        "date2": _date(rng),
        "person1": _person(rng),
        "person2": _person(rng),
        "age1": str(rng.randint(19, 67)),
        "age2": str(rng.randint(19, 67)),
        "op": f"Operation {rng.choice(OPERATION_HEADS)}{rng.choice(OPERATION_TAILS)}",
        "months": str(rng.randint(4, 30)),
        "year": str(rng.randint(2025, 2027)),
    }


@dataclass(frozen=True)
class Fact:
    """One fact type of a family: its phrasings and whether every release states it."""

    kind: str
    phrasings: tuple[str, ...]
    required: bool = False


@dataclass(frozen=True)
class Family:
    name: str
    slots: Callable[[random.Random, Agency], Slots]
    titles: tuple[str, ...]
    rewrite_titles: tuple[str, ...]
    facts: tuple[Fact, ...]  # in release order; the first is the lead (with its dateline)
    quotes: tuple[str, ...]  # sentences officials say
    context: tuple[str, ...]  # "{who} said ..." sentences before a quote


GENERIC_QUOTES = (
    "I want to thank the [women and men|staff] of {abbr} who [worked nights and weekends|gave up their weekends] to get this done.",
    "We owe it to the people of {region} to [get this right|do this properly], and we will.",
    "This is what [public service|the job] looks like when [agencies|people] work together.",
    "We will keep the public informed as [the work|this] continues.",
    "Nobody in {town1} should have to [wonder|worry] whether [their government|anyone] is paying attention.",
    "Our [partners|colleagues] at {p1} deserve [real|a great deal of] credit for what happened here.",
    "We [are not done|have more to do], and I will not pretend otherwise.",
    "[Accountability|Transparency] is not a slogan for us, it is the standard we are measured against.",
    "The people who [live|work] in {town2} [asked us to act|told us what they needed], and we listened.",
    "We will [report back|give an update] by {date2}, and I expect to have more to say then.",
    "I have asked my [team|staff] to [review|look again at] every step we took, so that we learn from it.",
    "This [outcome|result] did not happen by accident.",
    "There is no quick fix, but there is a [plan|path], and we are following it.",
    "When we make a promise to [residents|the public], we keep it.",
)

CONTACT_ENFORCEMENT = (
    "Anyone with information [about the case|about this investigation] is asked to call the {agency} tip line at {phone}. [Callers may remain anonymous.|Information can be given anonymously.]",
    "[Members of the public|Residents] who have information can contact {abbr} [confidentially|in confidence] on {phone}.",
    "Information [can be reported|may be passed] confidentially to the {agency} at {phone}.",
)
CONTACT_SERVICE = (
    "Residents with questions can call the {agency} information line at {phone}, [open from 8 a.m. to 6 p.m. on weekdays|staffed seven days a week].",
    "Updates will be posted [on the agency's website|online] as they become available; questions can be directed to {phone}.",
    "[People|Residents] who need help or have questions should call {phone}.",
)
PARTNERS_FACT = Fact(
    "partners",
    (
        "The [operation|work] was [coordinated|carried out] with {p1}, {p2} and {p3}.",
        "{p1} and {p2} [assisted|took part], [together with|as did] {p3}.",
        "[Support came from|Help was provided by] {p1}, {p2} and {p3}.",
    ),
)


