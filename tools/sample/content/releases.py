"""The official site's three press releases: the originals the forum reposts.

Made-up prose in the office's house style: curly quotes and apostrophes, a
dateline, statements by named officials (the quotes the pipeline traces).
"""

from __future__ import annotations

from datetime import datetime

from sample.model import EASTERN, Release

OFFICE = "Office of the Attorney General"
SITE_NAME = "Office of the Attorney General of Calloway"

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
