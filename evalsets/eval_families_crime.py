# ruff: noqa: E501  (templates are long sentences, one a line)
"""Release families about crime: narcotics operations and fraud schemes."""


import random

from eval_agencies import LAST_NAMES, Agency
from eval_templates import (
    CONTACT_ENFORCEMENT,
    PARTNERS_FACT,
    TOWNS,
    Fact,
    Family,
    Slots,
    _common,
    _count,
    _money,
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


