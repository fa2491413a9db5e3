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

__all__ = ["FAMILIES", "GENERIC_QUOTES", "Family", "Fact"]

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


def _narcotics(rng: random.Random, agency: Agency) -> Slots:
    slots = _common(rng, agency, "narcotics")
    drug, short = rng.choice(
        [
            ("counterfeit oxycodone pills", "counterfeit pill"),
            ("fentanyl powder", "fentanyl"),
            ("crystal methamphetamine", "methamphetamine"),
            ("cocaine", "cocaine"),
            ("heroin", "heroin"),
            ("counterfeit Xanax tablets", "counterfeit Xanax"),
            ("ketamine", "ketamine"),
            ("MDMA tablets", "MDMA"),
        ]
    )
    slots.update(
        drug=drug,
        drug_short=short,
        arrests=_count(rng, 6, 320),
        searches=_count(rng, 4, 70),
        kg=f"{rng.uniform(1.5, 900):.1f}".rstrip("0").rstrip("."),
        firearms=_count(rng, 2, 120),
        cash=_money(rng, 0.08, 55),
        vendors=str(rng.randint(2, 9)),
        hiding=rng.choice(
            [
                "children's toys",
                "tins of coffee",
                "vacuum-sealed envelopes",
                "hollowed-out books",
                "pallets of ceramic tiles",
                "boxes of frozen fish",
                "car spare parts",
            ]
        ),
        place=rng.choice(
            ["a rented warehouse", "a rural barn", "a self-storage unit", "a disused garage"]
        ),
        substance=rng.choice(["nitazenes", "xylazine", "carfentanil", "bromazolam"]),
        court=f"{rng.choice(TOWNS)} District Court",
        charge=rng.choice(
            [
                "conspiracy to distribute controlled substances",
                "possession with intent to supply",
                "importing a prohibited drug",
            ]
        ),
        years=str(rng.randint(5, 25)),
    )
    return slots


NARCOTICS = Family(
    "narcotics",
    _narcotics,
    (
        "{op} dismantles {drug_short} network across {region}",
        "{arrests} arrested and {kg} kilograms of {drug_short} seized in {op}",
        "{short} charge {arrests} in {drug_short} trafficking [case|investigation]",
    ),
    (
        "Police break up {drug_short} ring: {arrests} held after {months}-month probe",
        "How {op} took down a {drug_short} supply line",
    ),
    (
        Fact(
            "lead",
            (
                "{dateline} — The {agency} [today|on {weekday}] announced the results of {op}, a {months}-month investigation into a network that [sold|supplied] {drug} to buyers in {town1}, {town2} and {town3}.",
                "{dateline} — {op}, [a|an] {months}-month [investigation|inquiry] led by the {agency}, has [ended|concluded] with {arrests} arrests, [officials|the agency] announced [today|on {weekday}].",
                "{dateline} — Officers of the {agency} [today|on {weekday}] completed the final [phase|stage] of {op}, [dismantling|breaking up] a group that trafficked {drug} through {town1} and {town2}.",
            ),
            required=True,
        ),
        Fact(
            "seizures",
            (
                "Officers made {arrests} arrests, searched {searches} properties and seized {kg} kilograms of {drug_short}, {firearms} firearms and {cash} in cash and cryptocurrency.",
                "In all, {arrests} people were [taken into custody|arrested]; [detectives|investigators] [recovered|seized] {kg} kilograms of {drug_short} along with {firearms} guns and {cash}, after searching {searches} addresses.",
                "The [searches|raids] of {searches} homes and businesses [turned up|yielded] {kg} kilograms of {drug_short}, {cash} and {firearms} weapons; {arrests} suspects are in custody.",
            ),
            required=True,
        ),
        Fact(
            "method",
            (
                "Investigators say the network [ran|operated] {vendors} vendor accounts on darknet markets. Orders were packed in {place} in {town4} and shipped [through|by] ordinary parcel services, hidden inside {hiding}.",
                "According to [detectives|investigators], parcels [left|were sent from] {place} in {town4}, with the drugs concealed in {hiding}; the group advertised on {vendors} anonymous [storefronts|vendor pages].",
                "The {drug_short} was [hidden|concealed] in {hiding} and posted from {place} in {town4}, investigators [said|say]. Buyers ordered through {vendors} online accounts and paid in cryptocurrency.",
            ),
        ),
        Fact(
            "lab",
            (
                "Laboratory tests showed that [most|many] of the samples contained {substance}, [synthetic opioids|drugs] [many times stronger than morphine|linked to a rise in overdoses].",
                "Tests by the state laboratory found {substance} in [most|many] of the [seized|recovered] samples.",
                "{substance} was [detected|identified] in [most|many] of the samples sent for analysis, [according to|said] the state laboratory.",
            ),
        ),
        Fact(
            "suspect",
            (
                "Among those charged is {person1}, {age1}, of {town5}, who [investigators|police] say [organised|managed] the shipments.",
                "{person1}, {age1}, a resident of {town5}, is [accused|alleged] of organising the shipments, [court papers|charging documents] show.",
                "[Police|Investigators] identified {person1}, {age1}, from {town5}, as the [man|person] who organised the shipments.",
            ),
        ),
        Fact(
            "charges",
            (
                "The suspects [face|have been charged with] {charge} and money laundering, [offences|crimes] that carry up to {years} years in prison.",
                "Charges include {charge} and money laundering; [convictions|a conviction] could bring [sentences|a sentence] of up to {years} years.",
                "Each defendant is charged with {charge}, and several with money laundering, [punishable|which is punishable] by up to {years} years behind bars.",
            ),
        ),
        Fact(
            "court",
            (
                "The [defendants|accused] are due to appear at {court} on {date1}.",
                "A first hearing is [scheduled|set] for {date1} at {court}.",
                "They will appear before {court} on {date1}.",
            ),
        ),
        PARTNERS_FACT,
        Fact(
            "advice",
            (
                "Anyone who has bought pills online and feels unwell should seek medical help immediately.",
                "[Officials|The agency] urged anyone who has taken pills bought online and feels unwell to get medical help [at once|right away].",
                "People who feel ill after taking pills bought online are [urged|asked] to seek medical care without delay.",
            ),
        ),
        Fact(
            "background",
            (
                "The investigation began in {date2}, when [detectives|officers] in {town3} noticed a rise in overdoses among people who had bought pills online.",
                "It started with a spike in overdoses in {town3} in {date2}, which [led detectives to|prompted officers to trace] the online sellers.",
                "[Officers|Detectives] opened the case in {date2} after overdoses in {town3} were traced to pills ordered online.",
            ),
        ),
        Fact(
            "next",
            (
                "Further arrests are expected as [analysts|investigators] work through seized phones and [ledgers|records].",
                "[Investigators|Detectives] say more arrests are likely once the [seized|recovered] phones and records have been examined.",
                "More charges may follow, [officials|the agency] said, as seized devices are examined.",
            ),
        ),
        Fact("contact", CONTACT_ENFORCEMENT, required=True),
    ),
    (
        "[Every|Each] package this network shipped was a gamble with someone's life.",
        "{op} shows that hiding behind a screen name does not put anyone beyond our reach.",
        "We followed the money from the first wallet to the last warehouse.",
        "These were not medicines, they were poison with a logo stamped on them.",
        "The people at the top of this network thought [encryption|cryptocurrency] would keep them invisible. It did the opposite.",
        "Our officers spent {months} months [building|piecing together] this case, and {town1} is safer for it.",
        "{arrests} arrests will not end the drug trade, but they will [disrupt|slow] it for a long time.",
        "Families in {town2} have buried too many young people because of pills like these.",
        "We will keep knocking on doors until every [supplier|dealer] in this network has answered for it.",
        "Every [kilogram|gram] we take off the street is a dose that never reaches a teenager.",
        "The message to anyone selling {drug_short} in {region} is simple: we are coming for you.",
        "{substance} is turning every counterfeit pill into a game of chance.",
        "The seizure of {firearms} guns tells you what kind of business this was.",
        "Dealers who think a parcel service makes them untouchable should read about this case.",
        "Whoever packed those parcels in {town4} knew exactly what was inside them.",
        "We did not just take {kg} kilograms off the street, we took out the people who supplied it.",
        "Our detectives in {town3} were the first to see the overdoses, and they did not let go.",
        "Parents in {region} should talk to their children tonight about pills bought online.",
        "The {cash} we seized will be used against the trade that produced it.",
        "A vendor account is just a storefront. Behind it there are real people, and now they are in custody.",
        "This network counted on [couriers|parcel services] not asking questions.",
        "What we found in {place} was an assembly line for addiction.",
        "I have met the families who lost someone to these pills, and this case is for them.",
        "The investigation is not over, and the people still out there know who they are.",
        "{months} months of surveillance came down to one morning of knocking on doors.",
        "Nobody should die because they trusted a pill that came in the mail.",
    ),
    (
        "{who} said the case was built on [financial evidence|months of surveillance].",
        "{who} said the arrests were [only the first step|the result of patient work].",
        "{who} credited the [analysts|investigators] who traced the parcels.",
    ),
)


def _fraud(rng: random.Random, agency: Agency) -> Slots:
    slots = _common(rng, agency, "fraud")
    scheme, bait = rng.choice(
        [
            ("an investment scheme", "monthly returns of {pct} percent"),
            ("a romance scam", "online relationships that ended in requests for money"),
            ("a fake invoice scheme", "invoices for services that were never delivered"),
            ("a bogus home-repair operation", "roof and gutter repairs that were never finished"),
            ("a cryptocurrency trading scam", "a trading platform that did not exist"),
            ("a pension transfer scam", "free reviews of retirement savings"),
            ("a tax refund scam", "refunds that required an upfront fee"),
        ]
    )
    pct = str(rng.randint(3, 12))
    slots.update(
        scheme=scheme,
        bait=bait.format(pct=pct),
        company=f"{rng.choice(LAST_NAMES)} {rng.choice(['Capital', 'Wealth Partners', 'Holdings', 'Digital Assets', 'Home Services', 'Advisory'])}",
        victims=_count(rng, 35, 4200),
        losses=_money(rng, 0.4, 90),
        defendants=str(rng.randint(2, 11)),
        years=str(rng.randint(2, 7)),
        accounts=_count(rng, 12, 460),
        recovered=_money(rng, 0.05, 12),
        average_age=str(rng.randint(38, 79)),
        max_years=str(rng.randint(10, 30)),
    )
    return slots


FRAUD = Family(
    "fraud",
    _fraud,
    (
        "{defendants} charged over {scheme} that cost {victims} victims {losses}",
        "{agency} [breaks up|uncovers] {scheme} run through {company}",
        "{company} [founder|director] among {defendants} [charged|indicted] in {losses} fraud",
    ),
    (
        "Victims lost {losses} to {scheme}, investigators say",
        "{defendants} people face fraud charges after {years}-year scheme",
    ),
    (
        Fact(
            "lead",
            (
                "{dateline} — The {agency} [today|on {weekday}] charged {defendants} people over {scheme} that took {losses} from {victims} victims across {region}.",
                "{dateline} — {defendants} [people|defendants] have been charged in connection with {scheme} run through a company called {company}, the {agency} announced [today|on {weekday}].",
                "{dateline} — [Investigators|Prosecutors] from the {agency} [today|on {weekday}] [filed|brought] charges against {defendants} people accused of running {scheme} for {years} years.",
            ),
            required=True,
        ),
        Fact(
            "bait",
            (
                "The defendants [lured|attracted] victims with promises of {bait}, [using|through] a company called {company} with offices in {town1}.",
                "Victims were [drawn in|recruited] by {company}, which offered {bait}, investigators said.",
                "{company}, based in {town1}, [offered|promised] {bait}, according to the [complaint|charging documents].",
            ),
            required=True,
        ),
        Fact(
            "victims",
            (
                "Over {years} years, {victims} people lost a total of {losses}; the average victim was {average_age} years old.",
                "[In total|Altogether], {victims} victims, [most of them|many of them] retirees with an average age of {average_age}, handed over {losses} over {years} years.",
                "The scheme ran for {years} years and reached {victims} victims, whose average age was {average_age}; their losses add up to {losses}.",
            ),
            required=True,
        ),
        Fact(
            "money",
            (
                "Investigators traced the money through {accounts} bank accounts in {country1}, {country2} and {country3}.",
                "The funds [moved|passed] through {accounts} accounts, some of them in {country1} and {country2}, before reaching {country3}, [according to|said] investigators.",
                "[Financial analysts|Forensic accountants] followed payments across {accounts} accounts held in {country1}, {country2} and {country3}.",
            ),
        ),
        Fact(
            "suspect",
            (
                "Among the defendants is {person1}, {age1}, of {town2}, who is [described|named] as the director of {company}.",
                "{person1}, {age1}, of {town2}, [who ran|the director of] {company}, is [among those charged|one of the defendants].",
                "The alleged organiser, {person1}, {age1}, lives in {town2} and [ran|managed] {company}, [according to the complaint|prosecutors said].",
            ),
        ),
        Fact(
            "recovery",
            (
                "So far {recovered} has been [frozen|seized] and will be [returned|paid back] to victims [if the court agrees|after the case].",
                "Authorities have [frozen|recovered] {recovered}, which they hope to return to victims.",
                "About {recovered} has been [seized|frozen] so far, [officials|investigators] said, for eventual return to victims.",
            ),
        ),
        Fact(
            "charges",
            (
                "The charges include wire fraud and money laundering, [each|which] carry up to {max_years} years in prison.",
                "[If convicted|On conviction], the defendants face up to {max_years} years in prison for wire fraud and money laundering.",
                "Wire fraud and money laundering charges [carry|bring] a maximum of {max_years} years in prison.",
            ),
        ),
        Fact(
            "advice",
            (
                "[Officials|The agency] [reminded|warned] residents that no legitimate [firm|adviser] asks for payment in gift cards or cryptocurrency.",
                "Residents are [reminded|warned] that genuine [firms|advisers] never ask to be paid in gift cards or cryptocurrency.",
                "A request to pay in cryptocurrency or gift cards is a [warning sign|red flag], [officials|the agency] said.",
            ),
        ),
        PARTNERS_FACT,
        Fact(
            "background",
            (
                "The case began in {date2}, when a bank in {town3} reported unusual transfers from several elderly customers.",
                "A bank in {town3} [raised the alarm|alerted investigators] in {date2} after noticing unusual transfers by older customers.",
                "Investigators were first [alerted|tipped off] in {date2} by a bank in {town3} that had spotted unusual transfers.",
            ),
        ),
        Fact(
            "court",
            (
                "The defendants will appear in {town4} Superior Court on {date1}.",
                "A first court appearance [is set|has been scheduled] for {date1} in {town4} Superior Court.",
                "They are [due|scheduled] to appear before {town4} Superior Court on {date1}.",
            ),
        ),
        Fact("contact", CONTACT_ENFORCEMENT, required=True),
    ),
    (
        "These defendants [targeted|went after] people who had spent their lives saving, and they took it in months.",
        "{victims} families trusted {company} with their savings.",
        "Fraud is not a paperwork offence. It empties bank accounts and it breaks up families.",
        "We traced {accounts} accounts across three countries, and we are not finished.",
        "If an offer promises {bait}, [walk away|hang up].",
        "Every dollar we recover goes back to the people it was taken from.",
        "The average victim in this case was {average_age} years old. That is not an accident.",
        "Scammers count on shame to keep victims quiet. Please do not let them.",
        "A company name and a glossy website do not make an investment real.",
        "We will follow this money wherever it went, including {country1}.",
        "People in {town1} lost their homes because of this scheme.",
        "Our investigators read more than a million pages of bank records to bring this case.",
        "The bank in {town3} that flagged these transfers did exactly what we ask banks to do.",
        "{company} had a website, a phone line and a receptionist. It did not have a single real investment.",
        "Some of these victims lost their entire retirement, and they are still paying for it.",
        "We froze {recovered} before it could leave the country.",
        "If you sent money to {company}, we want to hear from you.",
        "Fraudsters follow the headlines, and right now they are following {scheme}.",
        "{defendants} defendants, {accounts} accounts, {years} years. This was a business, and it was built on lies.",
        "Nobody is too smart to be scammed. These people are professionals.",
        "We will ask the court for every cent to be repaid.",
        "Money moved through {country2} does not disappear. It just takes longer to find.",
        "Please check on your older relatives. Ask them who they have been sending money to.",
        "This case started with one phone call from one worried daughter.",
    ),
    (
        "{who} said the investigation [began|started] with a complaint from a family in {town3}.",
        "{who} said more victims [may|are likely to] come forward.",
        "{who} urged anyone who dealt with {company} to [come forward|get in touch].",
    ),
)


def _pollution(rng: random.Random, agency: Agency) -> Slots:
    slots = _common(rng, agency, "pollution")
    slots.update(
        company=f"{rng.choice(LAST_NAMES)} {rng.choice(['Chemicals', 'Paper Mill', 'Plastics', 'Metal Finishing', 'Dairy Processing', 'Tannery', 'Quarries'])}",
        water=rng.choice(
            [
                "the Fenwick River",
                "Lake Marlow",
                "Silver Creek",
                "the Alder River",
                "the Kestrel Estuary",
            ]
        ),
        substance=rng.choice(
            [
                "ammonia",
                "diesel fuel",
                "hexavalent chromium",
                "untreated sewage",
                "phosphate-rich slurry",
                "PFAS compounds",
            ]
        ),
        litres=_count(rng, 2000, 900000),
        fine=_money(rng, 0.05, 14),
        fish=_count(rng, 150, 40000),
        km=str(rng.randint(2, 38)),
        inspections=str(rng.randint(3, 40)),
        violations=str(rng.randint(2, 60)),
        stations=str(rng.randint(3, 18)),
    )
    return slots


POLLUTION = Family(
    "pollution",
    _pollution,
    (
        "{company} to pay {fine} over [discharge|spill] into {water}",
        "{agency} orders cleanup of {water} after {substance} release",
        "{fine} penalty for {company} after {fish} fish die in {water}",
    ),
    (
        "Company fined {fine} after pollution killed fish in {water}",
        "{water} spill: {company} must pay and monitor for years",
    ),
    (
        Fact(
            "lead",
            (
                "{dateline} — The {agency} [today|on {weekday}] [ordered|required] {company} to pay {fine} for releasing {substance} into {water} near {town1}.",
                "{dateline} — {company} will pay {fine} [under an agreement|in a settlement] with the {agency} over a discharge of {substance} into {water}, [officials|the agency] announced [today|on {weekday}].",
                "{dateline} — A {fine} penalty was [imposed|issued] [today|on {weekday}] against {company}, whose plant in {town1} released {substance} into {water}, the {agency} said.",
            ),
            required=True,
        ),
        Fact(
            "incident",
            (
                "On {date1}, an estimated {litres} litres of {substance} [escaped|flowed] from a storage [tank|lagoon] at the plant and reached the river through a storm drain.",
                "About {litres} litres [leaked|spilled] on {date1}, when a [tank|lagoon] holding {substance} [failed|overflowed] and the liquid ran into a storm drain.",
                "The release [began|started] on {date1}: roughly {litres} litres of {substance} [left|poured out of] a damaged [tank|lagoon] and drained into the water.",
            ),
            required=True,
        ),
        Fact(
            "impact",
            (
                "[Biologists|Field staff] counted {fish} dead fish along {km} kilometres of {water} in the days that followed.",
                "The spill killed {fish} fish over a {km}-kilometre stretch of {water}, [according to|said] [biologists|field surveys].",
                "Some {fish} fish were [found dead|recovered dead] along {km} kilometres downstream, surveys showed.",
            ),
        ),
        Fact(
            "inspections",
            (
                "Inspectors had visited the site {inspections} times since {year} and recorded {violations} violations of its permit.",
                "The plant had [racked up|accumulated] {violations} permit violations in {inspections} inspections since {year}.",
                "Records show {violations} permit violations found during {inspections} inspections since {year}.",
            ),
        ),
        Fact(
            "order",
            (
                "The order requires {company} to restore the riverbank and to fund {stations} monitoring stations [for five years|until at least {year}].",
                "Under the [order|agreement], the company must pay for {stations} water-quality monitoring stations and restore the damaged banks.",
                "{company} must also [install|pay for] {stations} monitoring stations and repair the banks of {water}.",
            ),
        ),
        Fact(
            "advice",
            (
                "Residents of {town2} and {town3} should not swim in or fish from {water} until [further notice|tests are clear].",
                "[Swimming|Fishing] in {water} near {town2} and {town3} remains [advised against|off limits] until tests are clear.",
                "People in {town2} and {town3} are [asked|told] to stay out of {water} [for now|until further notice].",
            ),
        ),
        PARTNERS_FACT,
        Fact(
            "background",
            (
                "The plant, which employs about {violations}0 people, has operated near {town1} since the 1970s.",
                "{company} has run the plant outside {town1} for decades and employs roughly {violations}0 workers.",
                "The site near {town1}, in operation since the 1970s, employs around {violations}0 people.",
            ),
        ),
        Fact(
            "testing",
            (
                "Water samples taken at {stations} points on {date2} showed {substance} at levels well above the state limit.",
                "Tests at {stations} sampling points on {date2} found {substance} far above what the state allows.",
                "On {date2}, samples from {stations} locations [showed|revealed] {substance} concentrations above the legal limit.",
            ),
        ),
        Fact("contact", CONTACT_SERVICE, required=True),
    ),
    (
        "The {water} belongs to everyone in {region}, not to the companies that use it.",
        "{fish} dead fish is not an accident, it is the cost of cutting corners.",
        "{company} knew about the problems with that [tank|lagoon] and chose not to fix them.",
        "A fine is not the end of this. The company will be paying for monitoring for years.",
        "Families in {town2} should be able to let their children swim in the river again.",
        "We inspected that site {inspections} times. The warnings were all there.",
        "Permits are not suggestions, and {violations} violations is a pattern.",
        "The river will recover, but it will take seasons, not weeks.",
        "Polluters should know that we test the water every day, not only after a spill.",
        "The money from this penalty will go back into {water} watershed.",
        "Our staff were in the water within hours, and they have not stopped since.",
        "Anglers in {town3} noticed the dead fish before anyone at {company} picked up a phone.",
        "{litres} litres of {substance} does not leak by accident. Somebody ignored a warning light.",
        "The companies that play by the rules should not have to compete with the ones that do not.",
        "We will be testing {water} long after the headlines have moved on.",
        "The wildlife that lives along {water} does not get a second chance.",
        "I grew up swimming in {water}, and I want my grandchildren to be able to do the same.",
        "Monitoring stations do not lie, and from now on there will be {stations} of them.",
        "This penalty sends a clear message to every plant upstream of {town2}.",
        "We asked {company} for its maintenance records, and what we found was a list of postponed repairs.",
        "Clean water is not a luxury in {region}. It is the law.",
        "Restoration starts this {date1}, and the company is paying for every metre of it.",
    ),
    (
        "{who} said the company [cooperated|has cooperated] with the investigation.",
        "{who} said water samples [are taken|will be taken] weekly.",
        "{who} said the agency [would|will] publish the monitoring results online.",
    ),
)


def _outbreak(rng: random.Random, agency: Agency) -> Slots:
    slots = _common(rng, agency, "outbreak")
    disease, source, symptoms = rng.choice(
        [
            ("measles", "an unvaccinated traveller", "fever, cough and a rash"),
            ("norovirus", "a catered event", "vomiting and diarrhoea"),
            ("Legionnaires' disease", "a cooling tower", "fever, cough and shortness of breath"),
            ("salmonella", "a restaurant kitchen", "fever, stomach cramps and diarrhoea"),
            ("hepatitis A", "frozen berries", "tiredness, nausea and yellowing of the skin"),
            ("whooping cough", "a childcare centre", "a long cough that comes in bursts"),
        ]
    )
    slots.update(
        disease=disease,
        source=source,
        symptoms=symptoms,
        cases=_count(rng, 6, 240),
        hospitalised=str(rng.randint(1, 40)),
        clinics=str(rng.randint(2, 20)),
        doses=_count(rng, 300, 25000),
        school=f"{rng.choice(TOWNS)} {rng.choice(['Elementary School', 'High School', 'Community Centre', 'Care Home'])}",
        youngest=str(rng.randint(1, 9)),
        oldest=str(rng.randint(60, 94)),
    )
    return slots


OUTBREAK = Family(
    "outbreak",
    _outbreak,
    (
        "{disease} outbreak: {cases} cases confirmed in {region}",
        "{agency} opens {clinics} clinics as {disease} cases rise to {cases}",
        "Health officials trace {disease} cluster to {source}",
    ),
    (
        "{cases} people ill with {disease}, health officials say",
        "What we know about the {disease} outbreak in {town1}",
    ),
    (
        Fact(
            "lead",
            (
                "{dateline} — The {agency} [today|on {weekday}] confirmed {cases} cases of {disease} linked to an outbreak in {town1} and {town2}.",
                "{dateline} — [Health officials|The {agency}] [today|on {weekday}] reported {cases} confirmed cases of {disease} in {region}, most of them in {town1}.",
                "{dateline} — An outbreak of {disease} in {town1} has grown to {cases} confirmed cases, the {agency} said [today|on {weekday}].",
            ),
            required=True,
        ),
        Fact(
            "cases",
            (
                "{hospitalised} patients have been admitted to hospital; those affected are between {youngest} and {oldest} years old.",
                "Patients range in age from {youngest} to {oldest}, and {hospitalised} [have needed|needed] hospital care.",
                "Of those [infected|affected], {hospitalised} were hospitalised; the youngest is {youngest} and the oldest {oldest}.",
            ),
            required=True,
        ),
        Fact(
            "source",
            (
                "Investigators [believe|think] the outbreak began with {source}, and several cases are linked to {school}.",
                "The [likely|probable] source is {source}, [according to|say] investigators, with a cluster of cases at {school}.",
                "Early findings point to {source}; a number of cases are [connected|linked] to {school}.",
            ),
        ),
        Fact(
            "symptoms",
            (
                "Symptoms include {symptoms} and usually appear within days of exposure.",
                "People with {disease} [typically|usually] develop {symptoms}.",
                "The [illness|disease] causes {symptoms}, [and symptoms can last a week|which can last several days].",
            ),
        ),
        Fact(
            "clinics",
            (
                "The agency is opening {clinics} [free|walk-in] clinics and has [ordered|received] {doses} doses of vaccine and medicine.",
                "{clinics} clinics will open [this week|from {date1}], backed by {doses} doses of vaccine and treatment.",
                "[Free|Walk-in] clinics will run at {clinics} sites, and {doses} doses have been [delivered|set aside], officials said.",
            ),
        ),
        Fact(
            "advice",
            (
                "Anyone with {symptoms} should stay home and call their doctor before visiting a clinic.",
                "People who develop {symptoms} are [asked|urged] to stay home and phone ahead before seeing a doctor.",
                "[Residents|People] with symptoms should stay at home and call a doctor first rather than going straight to a clinic.",
            ),
        ),
        PARTNERS_FACT,
        Fact(
            "background",
            (
                "The first case was reported on {date2} by a doctor in {town3}.",
                "A [physician|doctor] in {town3} reported the first case on {date2}.",
                "The outbreak came to light on {date2}, when a doctor in {town3} reported a case.",
            ),
        ),
        Fact(
            "schools",
            (
                "Staff and pupils at {school} who are not vaccinated have been asked to stay home until {date1}.",
                "Until {date1}, unvaccinated staff and pupils at {school} [must|should] stay home, [officials|the agency] said.",
                "{school} has asked unvaccinated pupils and staff to remain at home until {date1}.",
            ),
        ),
        Fact("contact", CONTACT_SERVICE, required=True),
    ),
    (
        "{disease} spreads quickly, and the next few days will tell us how far.",
        "Vaccination remains the best protection we have, and it is free at every clinic.",
        "Please do not go to the emergency room unless you are seriously ill. Call first.",
        "We are contacting every family connected to {school} directly.",
        "Most people will recover at home, but we are worried about the very young and the very old.",
        "{cases} cases in a few weeks is more than we see in a normal year.",
        "Our disease investigators have interviewed every patient and their close contacts.",
        "This outbreak is a reminder that {disease} has not gone away.",
        "If you have {symptoms}, stay home. That is the single most helpful thing you can do.",
        "We have {doses} doses ready, and we can get more.",
        "I know parents in {town1} are worried, and I understand why.",
        "The doctor in {town3} who reported the first case made all the difference.",
        "Keeping pupils at {school} home for a few days is a small price for stopping this.",
        "We expect more cases before we see fewer.",
        "Wash your hands, stay home when you are sick, and check your vaccination record.",
        "{hospitalised} people in hospital is {hospitalised} too many.",
        "Our laboratory is running samples around the clock.",
        "There is no need to panic, but there is every reason to be careful.",
        "If your child has {symptoms}, keep them home and call us.",
        "The {clinics} clinics are free, and you do not need an appointment.",
        "Outbreaks like this one are why public health departments exist.",
        "We will publish new case numbers every weekday until this is over.",
    ),
    (
        "{who} said the number of cases [was expected|is likely] to rise.",
        "{who} said [contact tracing|case interviews] had identified the likely source.",
        "{who} thanked the hospital staff in {town2}.",
    ),
)


def _roadworks(rng: random.Random, agency: Agency) -> Slots:
    slots = _common(rng, agency, "roadworks")
    route = str(rng.randint(2, 99))
    project, scope = rng.choice(
        [
            ("the replacement of the {town1} Bridge", "a new four-lane bridge"),
            ("the widening of Route {route}", "two additional lanes"),
            ("the rebuilding of the {town1} interchange", "new ramps and a roundabout"),
            ("the resurfacing of Highway {route}", "new pavement and drainage"),
            ("a new rail crossing in {town1}", "an underpass for road traffic"),
        ]
    )
    slots.update(
        route=route,
        detour=str(rng.randint(2, 99)),
        project=project.format(town1=slots["town1"], route=route),
        scope=scope,
        cost=_money(rng, 4, 480),
        contractor=f"{rng.choice(LAST_NAMES)} {rng.choice(['Civil Works', 'Construction', 'Infrastructure Group', 'Paving'])}",
        km=f"{rng.uniform(0.4, 22):.1f}",
        jobs=_count(rng, 40, 1600),
        vehicles=_count(rng, 4000, 95000),
        share=str(rng.randint(20, 80)),
        crashes=str(rng.randint(12, 340)),
        season=rng.choice(["spring", "summer", "autumn", "winter"]),
    )
    return slots


ROADWORKS = Family(
    "roadworks",
    _roadworks,
    (
        "{cost} contract awarded for {project}",
        "Work begins on {project}; closures expected from {date1}",
        "{agency} [announces|sets out] schedule for {project}",
    ),
    (
        "Drivers face detours as {cost} road project starts",
        "{project}: what changes for drivers",
    ),
    (
        Fact(
            "lead",
            (
                "{dateline} — The {agency} [today|on {weekday}] awarded a {cost} contract to {contractor} for {project}.",
                "{dateline} — Work on {project} will begin on {date1} after the {agency} [signed|approved] a {cost} contract with {contractor}, [officials|the agency] announced [today|on {weekday}].",
                "{dateline} — {contractor} [will carry out|has won the contract for] {project}, a {cost} project, the {agency} said [today|on {weekday}].",
            ),
            required=True,
        ),
        Fact(
            "scope",
            (
                "The project covers {km} kilometres and will deliver {scope}, along with new lighting and a shared path for cyclists.",
                "Over {km} kilometres, crews will build {scope}; the plans also include lighting and a path for cyclists and pedestrians.",
                "[Plans|The design] call for {scope} along a {km}-kilometre stretch, plus a [walking and cycling path|shared path] and new lights.",
            ),
            required=True,
        ),
        Fact(
            "traffic",
            (
                "About {vehicles} vehicles use the road each day; during closures, traffic will be detoured via Route {detour}.",
                "Drivers, some {vehicles} a day, will be [sent|diverted] along Route {detour} while lanes are closed.",
                "Route {detour} will serve as the detour for the {vehicles} vehicles that use the corridor daily.",
            ),
            required=True,
        ),
        Fact(
            "schedule",
            (
                "Construction starts on {date1} and is expected to be finished by {season} {year}.",
                "Crews will [start|begin] on {date1}, with completion [planned|expected] in {season} {year}.",
                "The work [is scheduled|is due] to run from {date1} until {season} {year}.",
            ),
        ),
        Fact(
            "funding",
            (
                "Federal grants cover {share} percent of the cost, with the state paying the rest.",
                "{share} percent of the money comes from federal grants; the state [funds|pays] the remainder.",
                "The state will pay for the part not covered by federal grants, which [fund|pay] {share} percent.",
            ),
        ),
        Fact(
            "safety",
            (
                "The corridor recorded {crashes} crashes in the last five years, and the new design is meant to cut that number sharply.",
                "There have been {crashes} crashes on this stretch in five years, a figure the redesign is [meant|intended] to reduce.",
                "[Safety|Crash] data show {crashes} collisions over the past five years on the corridor.",
            ),
        ),
        Fact(
            "jobs",
            (
                "The project will support about {jobs} construction jobs, [according to|says] {contractor}.",
                "{contractor} expects to employ roughly {jobs} workers [at the peak of construction|over the life of the project].",
                "Around {jobs} jobs will be [created|supported] during construction.",
            ),
        ),
        Fact(
            "meetings",
            (
                "A public information session will be held at {town2} Town Hall on {date2}.",
                "Residents can ask questions at an information session in {town2} Town Hall on {date2}.",
                "The agency will present the plans at {town2} Town Hall on {date2}, [and residents are invited|with time for questions].",
            ),
        ),
        Fact(
            "background",
            (
                "The existing road was built in the 1960s and carries three times the traffic it was designed for.",
                "Built in the 1960s, the road now carries about three times the traffic it was designed to handle.",
                "[Engineers|Inspectors] say the 1960s-era road carries roughly three times its design traffic.",
            ),
        ),
        Fact("contact", CONTACT_SERVICE, required=True),
    ),
    (
        "{project} has been on the wish list of {town1} for twenty years. Now it is happening.",
        "We know closures are frustrating, and we will keep them as short as we can.",
        "{crashes} crashes on one stretch of road is too many, and this design fixes the worst of it.",
        "This contract came in under budget, and that money goes straight back into other roads.",
        "Drivers from {town2} will feel the difference every single morning.",
        "Every lane we add is built to last fifty years, not five.",
        "We will publish the closure schedule a week ahead, every week.",
        "{jobs} jobs means paychecks in {region}, not somewhere else.",
        "The cyclists and pedestrians who use this corridor finally get a safe path.",
        "Please slow down in the work zone. Our crews have families too.",
        "People in {town2} have waited long enough for this road to be fixed.",
        "The detour via Route {detour} adds a few minutes. The new road will save many more.",
        "We listened at every meeting in {town2}, and the design changed because of it.",
        "{contractor} has built roads for us before, and they know what we expect.",
        "A road built in the 1960s was never meant to carry {vehicles} vehicles a day.",
        "Every dollar of the {cost} is accounted for, and the budget is public.",
        "Construction is noisy and inconvenient. Safer roads are worth it.",
        "The {season} {year} finish date is a promise, and I intend to keep it.",
        "This is the largest investment in {region} roads in a decade.",
        "Our engineers will be on site every day until the last lane opens.",
        "We owe the people of {town1} a road they can drive without worrying.",
    ),
    (
        "{who} said night work [would|will] limit daytime closures.",
        "{who} said the design [had been|was] shaped by public meetings in {town2}.",
        "{who} said the schedule [depended|depends] on the weather.",
    ),
)


def _emergency(rng: random.Random, agency: Agency) -> Slots:
    slots = _common(rng, agency, "emergency")
    event, cause = rng.choice(
        [
            ("a wildfire", "a lightning strike"),
            ("a grass fire", "a downed power line"),
            ("flooding", "three days of heavy rain"),
            ("a chemical fire at a warehouse", "an electrical fault"),
            ("a storm", "winds of more than 100 km/h"),
        ]
    )
    slots.update(
        event=event,
        cause=cause,
        hectares=_count(rng, 40, 28000),
        homes=_count(rng, 12, 3200),
        residents=_count(rng, 40, 9000),
        shelters=str(rng.randint(1, 9)),
        crews=str(rng.randint(6, 180)),
        aircraft=str(rng.randint(1, 24)),
        contained=str(rng.randint(5, 95)),
        structures=str(rng.randint(0, 160)),
        route=str(rng.randint(2, 99)),
        shelter=f"{rng.choice(TOWNS)} {rng.choice(['High School', 'Community Centre', 'Fairgrounds', 'Civic Arena'])}",
    )
    return slots


EMERGENCY = Family(
    "emergency",
    _emergency,
    (
        "{event} near {town1}: {homes} homes evacuated",
        "Update on {event}: {contained} percent contained, {residents} residents out of their homes",
        "Evacuation orders issued for {town1} and {town2}",
    ),
    (
        "Thousands leave homes as {event} spreads near {town1}",
        "{event} forces evacuations in {region}",
    ),
    (
        Fact(
            "lead",
            (
                "{dateline} — [Crews|Firefighters] from the {agency} [are responding to|continue to fight] {event} near {town1} that has forced the evacuation of {homes} homes.",
                "{dateline} — {homes} homes near {town1} and {town2} were evacuated [today|on {weekday}] because of {event}, the {agency} said.",
                "{dateline} — The {agency} [today|on {weekday}] ordered residents of {homes} homes in {town1} to leave as {event} [spread|advanced].",
            ),
            required=True,
        ),
        Fact(
            "extent",
            (
                "The [affected area|emergency] covers {hectares} hectares and is {contained} percent contained; {structures} buildings have been damaged or destroyed.",
                "So far {hectares} hectares are affected and {structures} structures damaged; crews report {contained} percent containment.",
                "It has [spread over|affected] {hectares} hectares. Containment stands at {contained} percent, and {structures} buildings have been [damaged|lost].",
            ),
            required=True,
        ),
        Fact(
            "resources",
            (
                "{crews} crews and {aircraft} aircraft are assigned, with help from {p1}.",
                "[More than|Some] {crews} crews are on the scene, supported by {aircraft} aircraft and {p1}.",
                "{p1} has sent help; in total {crews} crews and {aircraft} aircraft are working.",
            ),
        ),
        Fact(
            "shelters",
            (
                "{shelters} shelters are open, including one at {shelter}, for the {residents} residents who have left their homes.",
                "The {residents} people who have been evacuated can stay at {shelters} shelters, among them {shelter}.",
                "Shelters are open at {shelters} locations, including {shelter}; {residents} residents have registered.",
            ),
        ),
        Fact(
            "roads",
            (
                "Route {route} is closed between {town1} and {town3}, and drivers should avoid the area.",
                "Drivers [are asked to|should] stay away: Route {route} is shut from {town1} to {town3}.",
                "The closure of Route {route} between {town1} and {town3} will remain [until further notice|in place overnight].",
            ),
        ),
        Fact(
            "cause",
            (
                "Investigators believe {event} was caused by {cause}.",
                "The cause appears to be {cause}, [investigators said|according to investigators].",
                "{cause} is the most likely cause, [officials|investigators] said.",
            ),
        ),
        Fact(
            "advice",
            (
                "Residents under an evacuation warning should pack medicines, documents and pets now and be ready to leave at short notice.",
                "Anyone under a warning is [asked|urged] to have medicines, papers and pets ready to go.",
                "People in warning areas should be ready to leave quickly, with medicines, documents and pets.",
            ),
        ),
        Fact(
            "weather",
            (
                "Forecasters expect [strong winds|more rain] through {weekday}, which could [worsen|complicate] conditions.",
                "The weather is expected to stay difficult until {weekday}, with [strong winds|more rain] forecast.",
                "[Strong winds|More rain] forecast through {weekday} may make the work harder, [officials|the agency] warned.",
            ),
        ),
        Fact(
            "recovery",
            (
                "Damage assessment teams will begin work in {town2} once it is safe to enter the area.",
                "Once the area is safe, teams will assess the damage in {town2}, [officials|the agency] said.",
                "Assessment teams are ready to go into {town2} as soon as conditions allow.",
            ),
        ),
        Fact("contact", CONTACT_SERVICE, required=True),
    ),
    (
        "If you are told to leave, leave. Do not wait to see the smoke or the water.",
        "Our crews have been working through the night, and they will keep working.",
        "Houses can be rebuilt. People cannot be replaced.",
        "{homes} families are out of their homes tonight, and we are doing everything we can to get them back.",
        "The next {shelters} days will be difficult, but we have the people and the equipment we need.",
        "{contained} percent contained is progress, but it is not the end.",
        "I want to thank the neighbours in {town2} who opened their doors to evacuees.",
        "Please stay off Route {route}. Our trucks need that road.",
        "Conditions can change in minutes, so keep your phone charged and listen for alerts.",
        "We have asked {p1} for more help, and it is on the way.",
        "The crews from {p1} arrived in the middle of the night, and we are grateful.",
        "{structures} buildings damaged means {structures} families facing a very hard week.",
        "The shelter at {shelter} has beds, food and a place for pets.",
        "Do not drive through water on the road. It takes very little to float a car.",
        "We will not lift the orders for {town1} until it is safe, and not an hour before.",
        "The people of {region} have been through this before, and they know how to look after each other.",
        "{aircraft} aircraft and {crews} crews are a big response, and the situation calls for it.",
        "Our dispatchers have taken thousands of calls since {weekday}, and every one was answered.",
        "The forecast is not on our side, so we are planning for the worst.",
        "Check on your neighbours, especially the elderly and anyone living alone.",
        "When this is over, we will look honestly at what went right and what did not.",
    ),
    (
        "{who} said the weather [would|could] make the next days harder.",
        "{who} said no injuries [had been|have been] reported.",
        "{who} thanked the residents of {town2} for following the orders.",
    ),
)

FAMILIES: dict[str, Family] = {
    f.name: f for f in (NARCOTICS, FRAUD, POLLUTION, OUTBREAK, ROADWORKS, EMERGENCY)
}
