"""Speakers, official releases and unofficial voices of the quote-quality evaluation set.

Two releases are the real U.S. Justice Department and ICE releases on Operation SpecTor
(May 2, 2023; the seeds of the project, public domain). The others are invented, in the
shape of real official publishing: a governor's office, a U.S. Attorney's office, city
health, police and water departments, a European agency, a product-safety board and a
state fire service. Each quoted statement has a hand-written paraphrase in its speaker's
voice. The unofficial voices (witnesses, residents, fabricated lines put in officials'
mouths, forum signatures) are quotes with no official statement; they travel between
documents and make the variant clusters of the set.

Read by :mod:`make_quote_eval`; nothing here is imported by the project.
"""

from __future__ import annotations

from quote_eval_people import (
    _GARLAND,
    _LECH1,
    _LECH2,
    _MILGRAM,
    _WRAY,
    PEOPLE,
    Person,
    Release,
    Said,
)

__all__ = ["PEOPLE", "RELEASES", "SIGNATURES", "UNOFFICIAL", "Person", "Release", "Said"]


RELEASES: tuple[Release, ...] = (
    Release(
        "doj-spector",
        "https://www.justice.gov/opa/pr/justice-department-announces-results-operation-spector",
        "2023-05-02",
        "doj",
        "Justice Department Announces Results of Operation SpecTor",
        (
            "Today, the Justice Department, alongside its Joint Criminal Opioid and Darknet "
            "Enforcement (JCODE) team and international partners, announced the results of "
            "Operation SpecTor. This operation resulted in the largest number of arrests ever "
            "made through a JCODE operation, with a total of 288 arrests, nearly double that of "
            "the prior operation. Law enforcement also conducted more seizures than any previous "
            "operation, including 117 firearms, 850 kilograms of drugs that include 64 kilograms "
            "of fentanyl or fentanyl-laced narcotics, and $53.4 million in cash and virtual "
            "currencies.",
            "The goal of Operation SpecTor was to disrupt fentanyl and opioid trafficking on the "
            "darknet, or dark web. This coordinated international operation was conducted across "
            "the United States, Europe, and South America, thanks to the ongoing partnership "
            "between JCODE and foreign law enforcement against the illegal sale of drugs and "
            "other illicit goods and services on the darknet.",
            _GARLAND,
            _WRAY,
            _MILGRAM,
            "This year’s law enforcement operation was accompanied by a public awareness "
            "campaign called Operation ProtecTor aimed at promoting public safety and spreading "
            "awareness of resources for those struggling with substance abuse.",
            "The interagency efforts of Operation SpecTor resulted in over 100 federal "
            "operations and prosecutions, including the sentencing of Anton Peck, 29, of Boca "
            "Raton, Florida, who was sentenced to 16 years in prison. Peck distributed narcotics "
            "from various darknet markets using the vendor profile “Syntropy” and was found to "
            "have possessed a list of more than 6,000 customers living across the United States.",
        ),
        "Operation SpecTor",
    ),
    Release(
        "ice-spector",
        "https://www.ice.gov/news/releases/largest-international-operation-against-darknet-"
        "trafficking-fentanyl-opioids-results",
        "2023-05-02",
        "ice",
        "Largest international operation against darknet trafficking of fentanyl, opioids "
        "results in record arrests, seizures",
        (
            "WASHINGTON — International partners, including Homeland Security Investigations "
            "(HSI) and the U.S. Department of Justice (DOJ) and its Joint Criminal Opioid and "
            "Darknet Enforcement (JCODE) team announced the results of Operation SpecTor, which "
            "included 288 arrests — the most ever for any JCODE operation and nearly double "
            "that of the prior operation. Law enforcement conducted more seizures than any "
            "previous operation, including 117 firearms, 850 kilograms of drugs that include 64 "
            "kilograms of fentanyl or fentanyl-laced narcotics, and $53.4 million in cash and "
            "virtual currencies.",
            _LECH1,
            _LECH2,
            "HSI took part in Operation SpecTor through its Cyber Crimes Center and field "
            "offices in 14 cities, which led to 33 arrests and the seizure of more than $4 "
            "million in virtual currency.",
        ),
        "darknet fentanyl arrests",
    ),
    Release(
        "calloway-bridges",
        "https://governor.calloway.example/news/2024/bridge-repair-program",
        "2024-03-14",
        "gov_office",
        "Governor Whitfield Announces $1.2 Billion Bridge Repair Program",
        (
            "ASHFORD — Governor Elena Whitfield today announced a $1.2 billion program to repair "
            "or replace 412 structurally deficient bridges across Calloway over the next six "
            "years, the largest bridge investment in the state’s history.",
            Said(
                "whitfield",
                (
                    (
                        "Every morning, thousands of Calloway families drive across a bridge "
                        "that was built before their grandparents were born.",
                    ),
                ),
                "families in this state cross bridges older than their grandparents every day",
                tail=" said Governor Whitfield.",
            ),
            Said(
                "whitfield",
                (
                    (
                        "This program fixes the worst of them first, and it does so without "
                        "raising a single toll.",
                    ),
                ),
                "the most dangerous bridges come first and nobody will pay a new toll for it",
            ),
            "The program is funded by federal infrastructure dollars and a state bond approved "
            "by voters in November. Work on the first 60 bridges, most of them in Dunmore and "
            "Pike counties, will begin in May.",
            Said(
                "reyes",
                (
                    (
                        "Our engineers have inspected every one of these structures twice in the "
                        "past year, and we know exactly which ones need work first.",
                    ),
                    (
                        "Drivers will see lane closures this summer, and we ask for their "
                        "patience.",
                        "A closed lane for a few weeks is a small price for a bridge that will "
                        "last another 75 years.",
                    ),
                ),
                "state engineers checked each of these bridges two times last year and know "
                "which ones to fix first",
                lead="Transportation Secretary Tomás Reyes-Dunn said, ",
            ),
            "Residents can follow the progress of each project on the department’s online map, "
            "which will be updated weekly.",
        ),
        "bridge repair program",
    ),
    Release(
        "sdfl-fraud",
        "https://www.justice.gov/usao-sdfl/pr/fourteen-charged-92-million-medicare-fraud",
        "2024-06-20",
        "usao",
        "Fourteen Charged in $92 Million Medicare Fraud Scheme",
        (
            "MIAMI — Federal agents arrested 14 people on Tuesday in connection with a Medicare "
            "fraud scheme that billed the program more than $92 million for genetic tests and "
            "medical equipment that patients never needed or received.",
            Said(
                "raman",
                (
                    (
                        "These defendants treated Medicare as their personal bank account, and "
                        "they stole from a program that millions of older Americans depend on.",
                    ),
                ),
                "the defendants used Medicare like their own piggy bank and robbed older "
                "Americans who rely on it",
                tail=" said U.S. Attorney Priya Raman for the Southern District of Florida.",
            ),
            "According to the indictment, the defendants paid kickbacks to patient recruiters "
            "and telemarketers, who used the stolen identities of more than 9,000 beneficiaries "
            "to submit claims.",
            Said(
                "delacruz",
                (
                    (
                        "Health care fraud is not a victimless crime.",
                        "Every dollar stolen through these schemes is a dollar that does not go "
                        "to patient care, and the FBI will keep working with our partners to find "
                        "the people responsible.",
                    ),
                ),
                "medical fraud has real victims, because stolen money never reaches patients, "
                "and the FBI will keep hunting the people behind it",
                lead="Special Agent in Charge Ana de la Cruz of the FBI Miami Field Office said, ",
            ),
            "If convicted, each defendant faces up to 20 years in federal prison. An indictment "
            "is merely an allegation, and all defendants are presumed innocent until proven "
            "guilty beyond a reasonable doubt in a court of law.",
        ),
        "Medicare fraud arrests",
    ),
    Release(
        "harbor-heat",
        "https://health.harborcity.example/news/2024/heat-advisory",
        "2024-07-08",
        "health",
        "Health Department Issues Heat Advisory, Opens 23 Cooling Centers",
        (
            "HARBOR CITY — The Harbor City Health Department today issued a heat advisory for "
            "Tuesday through Friday, when temperatures are expected to reach 102 degrees with "
            "high humidity, and opened 23 cooling centers in libraries and recreation centers "
            "across the city.",
            Said(
                "mensah",
                (
                    (
                        "Heat is the deadliest weather we face in this city, and it is most "
                        "dangerous for older adults who live alone.",
                        "Check on your neighbors, drink water before you feel thirsty, and do not "
                        "leave children or pets in a parked car, even for a few minutes.",
                    ),
                ),
                "hot weather kills more people here than storms do, above all elderly people "
                "living on their own",
                lead="Health Commissioner Dr. Samuel K. Mensah said, ",
            ),
            "Last summer, 31 residents were treated in emergency rooms for heat-related illness "
            "during a four-day heat wave, and two died.",
            Said(
                "health",
                (
                    (
                        "Cooling centers are open to everyone, no identification is required, "
                        "and pets on a leash are welcome.",
                    ),
                ),
                "anybody can walk into a cooling center without an ID, and leashed dogs are "
                "allowed too",
                tail=" the department said.",
            ),
            Said(
                "mensah",
                (
                    (
                        "If you see someone who is confused, has stopped sweating, or has a very "
                        "high temperature, call 911 right away.",
                    ),
                ),
                "anyone who seems confused, is not sweating or is burning up needs an "
                "ambulance immediately",
                tail=" Mensah said.",
            ),
            "A list of cooling centers and their hours is available on the department’s "
            "website and by calling 311.",
        ),
        "heat advisory",
    ),
    Release(
        "harbor-robberies",
        "https://police.harborcity.example/news/2024/pier-street-arrests",
        "2024-09-03",
        "police",
        "Three Arrested in Pier Street Robberies",
        (
            "HARBOR CITY — Harbor City police arrested three men early Sunday in connection with "
            "a string of armed robberies at convenience stores along Pier Street and the "
            "waterfront, Police Chief Raymond O’Neil announced Monday.",
            Said(
                "oneil",
                (
                    (
                        "These arrests are the result of three weeks of patient, careful work by "
                        "our detectives and patrol officers, and I want to thank the store clerks "
                        "who came forward.",
                    ),
                ),
                "detectives and patrol officers spent three weeks on this case, and the clerks "
                "who spoke up deserve thanks",
                tail=" said Chief O’Neil.",
            ),
            "The suspects, ages 19, 22 and 24, are charged with seven counts of armed robbery. "
            "Officers recovered two handguns and about $4,300 in cash during searches of two "
            "homes on Tuesday.",
            Said(
                "okonkwo",
                (
                    (
                        "Nobody was seriously hurt in these robberies, but several clerks were "
                        "held at gunpoint, and that is something they will carry with them for a "
                        "long time.",
                    ),
                ),
                "the clerks who had guns pointed at them will carry that memory for years",
                lead="Lt. Grace Okonkwo, who leads the robbery unit, said, ",
            ),
            Said(
                "oneil",
                (
                    (
                        "We will not tolerate violence against the people who keep our "
                        "neighborhood stores open at night.",
                    ),
                ),
                "the department will not put up with attacks on night-shift store workers",
                tail=" O’Neil said.",
            ),
            "Police are still looking for a fourth man, described as about 5’10” tall with a "
            "thin build, who was seen driving a gray sedan. Anyone with information about the "
            "robberies is asked to call the department’s tip line at 555-0147.",
        ),
        "Pier Street robberies",
    ),
    Release(
        "harbor-water",
        "https://water.harborcity.example/notices/boil-water-north-district",
        "2024-11-18",
        "water",
        "Boil-Water Notice for the North District",
        (
            "HARBOR CITY — The Harbor City Water Department issued a boil-water notice on Monday "
            "for about 18,000 households in the North District after a main break on Calder "
            "Avenue caused a sudden loss of pressure in the system.",
            Said(
                "water",
                (
                    (
                        "Residents in the affected area should bring tap water to a rolling boil "
                        "for at least one minute before drinking it, cooking with it, or using it "
                        "to brush their teeth.",
                    ),
                ),
                "people in the district have to boil their tap water for a full minute before "
                "they drink it or cook with it",
                tail=" the department said in the notice.",
            ),
            Said(
                "ferreira",
                (
                    (
                        "We have no evidence that the water is contaminated, but when pressure "
                        "drops this far, we take every precaution.",
                        "Crews have been working through the night, and we expect to lift the "
                        "notice by Thursday.",
                    ),
                ),
                "there is no sign of contamination, and the crews working overnight should "
                "have the notice lifted by Thursday",
                lead="Water Department Director Luis Ferreira said, ",
            ),
            "Bottled water is being distributed at Calder Park and at the North District library "
            "from 8 a.m. to 8 p.m. daily.",
            Said(
                "water",
                (
                    (
                        "Customers do not need to boil water used for bathing or laundry, but "
                        "infants should be bathed with boiled or bottled water.",
                    ),
                ),
                "you can shower and do laundry with tap water, but babies need boiled or "
                "bottled water for their baths",
                tail=" according to the department.",
            ),
        ),
        "boil-water notice",
    ),
    Release(
        "emsc-ships",
        "https://www.emsc.europa.example/news/2025/port-inspection-campaign",
        "2025-02-11",
        "emsc",
        "Port Inspection Campaign Detains 146 Unsafe Ships",
        (
            "LISBON — Inspectors from 22 countries detained 146 ships during a three-month "
            "campaign targeting unsafe vessels in European ports, the European Maritime Safety "
            "Centre (EMSC) said on Tuesday.",
            Said(
                "vdl",
                (
                    (
                        "One ship in ten that we boarded was not fit to leave port.",
                        "We found fire doors chained shut, lifeboats that could not be launched, "
                        "and crews who had not been paid for months.",
                    ),
                ),
                "about a tenth of the ships inspectors boarded were unfit to sail, with chained "
                "fire doors and crews left unpaid",
                lead="According to Executive Director Maria van der Linden, ",
            ),
            "The campaign focused on vessels older than 25 years and on ships flagged in states "
            "with poor inspection records. Most detentions were lifted after repairs, but 19 "
            "ships were banned from EU ports.",
            Said(
                "whitcomb",
                (
                    (
                        "The port of Rotterdam alone turned away four vessels that would have "
                        "been a danger to their crews and to everyone around them.",
                    ),
                ),
                "Rotterdam by itself sent away four ships that endangered their crews and "
                "everyone nearby",
                tail=" said Port Director Harold P. Whitcomb Jr. of the Rotterdam Port Authority.",
            ),
            Said(
                "vdl",
                (
                    (
                        "We will publish the names of the worst operators, because the public "
                        "has a right to know who is sending these ships to sea.",
                    ),
                ),
                "the centre is going to name the worst shipping operators publicly so people "
                "know who sends these ships out",
                tail=" van der Linden said.",
            ),
        ),
        "unsafe ships",
    ),
    Release(
        "cpsb-nightlights",
        "https://www.cpsb.example/recalls/2025/glownest-night-light-recall",
        "2025-04-02",
        "cpsb",
        "GlowNest Night-Lights Recalled After 38 Fires",
        (
            "WASHINGTON — The Consumer Product Safety Board (CPSB) today announced the recall of "
            "about 1.1 million plug-in night-lights sold under the GlowNest brand after reports "
            "of 38 fires, including two that caused serious burns.",
            Said(
                "okafor",
                (
                    (
                        "A night-light is supposed to make a child’s room safer, not set it on "
                        "fire.",
                        "If you have one of these, unplug it tonight and contact the company for "
                        "a full refund.",
                    ),
                ),
                "parents who own one of these lamps should pull the plug tonight and ask the "
                "maker to refund them",
                lead="Board Chair J.T. Okafor said, ",
            ),
            "The night-lights were sold at hardware and discount stores nationwide and online "
            "from January 2022 through February 2025 for about $12.",
            Said(
                "cpsb",
                (
                    (
                        "Consumers should stop using the recalled night-lights immediately, even "
                        "if they have not noticed any problem.",
                    ),
                ),
                "owners must quit using these lamps now even when nothing seems wrong with them",
                tail=" the board said in a statement.",
            ),
        ),
        "night-light recall",
    ),
    Release(
        "calloway-fire",
        "https://fire.calloway.example/news/2025/ridge-fire-evacuations",
        "2025-08-22",
        "fire",
        "Ridge Fire Evacuations Expanded to 6,400 Residents",
        (
            "ASHFORD — Evacuation orders were expanded on Friday to 6,400 residents of the Cedar "
            "Ridge and Millbrook areas as the Ridge Fire grew to more than 11,000 acres "
            "overnight, the Calloway State Fire Service said.",
            Said(
                "brandt",
                (
                    (
                        "The wind shifted shortly after midnight and pushed the fire across Route "
                        "9 faster than any of our models predicted.",
                    ),
                    (
                        "If you are told to leave, leave.",
                        "Do not wait to see the flames, and do not go back for belongings.",
                        "We can replace houses.",
                        "We cannot replace you.",
                    ),
                ),
                "the overnight wind carried the blaze over Route 9 more quickly than forecasters "
                "expected",
                lead="Fire Commissioner Olivia Brandt-Hayes said, ",
            ),
            "More than 900 firefighters and 14 aircraft are assigned to the fire, which was 15 "
            "percent contained as of Friday evening. No deaths have been reported.",
            Said(
                "whitfield",
                (
                    (
                        "The state will cover the cost of shelter for every family that has been "
                        "forced from its home, for as long as it takes.",
                    ),
                ),
                "Calloway is going to pay for housing for displaced families however long they "
                "need it",
                tail=" said Governor Elena Whitfield, who visited the command post on Friday.",
            ),
        ),
        "Ridge Fire evacuations",
    ),
)

# Quotes with no official statement: (id, speaker key, release id, text, who they are).
UNOFFICIAL: tuple[tuple[str, str, str, str], ...] = (
    (
        "u-ferraro",
        "ferraro",
        "doj-spector",
        "I had no idea my neighbor was running a drug business out of his garage until the "
        "agents showed up at six in the morning.",
    ),
    (
        "u-patel",
        "patel",
        "calloway-bridges",
        "I drive over the Millbrook bridge twice a day, and every time I hear the deck rattle I "
        "hold my breath.",
    ),
    (
        "u-delgado",
        "delgado",
        "sdfl-fraud",
        "My mother got a knee brace in the mail that nobody ever asked for, and then another one "
        "a month later.",
    ),
    (
        "u-bell",
        "bell",
        "harbor-heat",
        "The air conditioning in our building has been broken since June, and the landlord will "
        "not answer the phone.",
    ),
    (
        "u-rahimi",
        "rahimi",
        "harbor-robberies",
        "He came in with a gun, took the register drawer and was gone in under a minute.",
    ),
    (
        "u-whitley",
        "whitley",
        "harbor-water",
        "We only found out about the notice when my daughter saw it on Facebook, hours after the "
        "break.",
    ),
    (
        "u-claes",
        "claes",
        "emsc-ships",
        "Some of these ships should have been scrapped twenty years ago, and everybody on the "
        "docks knows it.",
    ),
    (
        "u-brooks",
        "brooks",
        "calloway-fire",
        "We grabbed the dog and the photo albums and drove out with the hills glowing orange "
        "behind us.",
    ),
    # fabricated lines put in officials' mouths: no official statement says them
    (
        "f-garland",
        "garland",
        "doj-spector",
        "We will shut down every darknet market before the end of the year, no exceptions.",
    ),
    (
        "f-whitfield",
        "whitfield",
        "calloway-bridges",
        "Not one more dollar of road money goes to Ashford while rural counties wait.",
    ),
    (
        "f-oneil",
        "oneil",
        "harbor-robberies",
        "Pier Street is the most dangerous street in this city and everybody knows it.",
    ),
)

# Typed signatures: (id, speaker key, text); they recur under many posts.
SIGNATURES: tuple[tuple[str, str, str], ...] = (
    (
        "sig-jefferson",
        "jefferson",
        "The legitimate powers of government extend to such acts only as are injurious to others.",
    ),
    (
        "sig-franklin",
        "franklin",
        "Those who would give up essential Liberty, to purchase a little temporary Safety, "
        "deserve neither Liberty nor Safety.",
    ),
    (
        "sig-adams",
        "adams",
        "Facts are stubborn things; and whatever may be our wishes, our inclinations, or the "
        "dictates of our passions, they cannot alter the state of facts and evidence.",
    ),
)
