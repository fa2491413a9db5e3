"""Hand-written documents of the quote-quality set: shapes the generator does not make.

The generated documents (:mod:`make_quote_eval`) vary a fixed set of templates; these
were written by hand, each in a shape of real news and forum writing that no template
produces: a participial phrase between speaker and verb, an interview's "told CNN", a
question with "asked", an age after the name, "In the words of", a name and title after
a dash with no verb, German and French quote marks, a quote in parentheses, a quote
split around its attribution, unnamed spokespeople, plural sources ("Critics said"),
a reply that quotes another member. They are kept apart (kind ``hand``) so the bench
can show how the extractor does on shapes it was not tuned on.

Each document is (id, release, text, gold quotes); a gold quote gives its words as they
appear in the text (a tuple for the paragraphs of a multi-paragraph quote), the speaker
key (:data:`quote_eval_content.PEOPLE`, or None), the label, the statement
(``<release>#<n>``) and, for unmatched quotes, a cluster id.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["HAND", "Gold"]


@dataclass(frozen=True)
class Gold:
    words: str | tuple[str, ...]
    speaker: str | None
    label: str
    statement: str | None = None
    cluster: str | None = None


HAND: tuple[tuple[str, str, str, tuple[Gold, ...]], ...] = (
    (
        "hand-01",
        "doj-spector",
        "WASHINGTON (AP) — Attorney General Merrick Garland, speaking at a news conference "
        "at the Justice Department on Tuesday, said the department “will find you and hold "
        "you accountable for your crimes.”\n\nThe operation led to 288 arrests on three "
        "continents, officials said.",
        (
            Gold(
                "will find you and hold you accountable for your crimes.",
                "garland",
                "truncated",
                "doj-spector#0",
            ),
        ),
    ),
    (
        "hand-02",
        "doj-spector",
        "“You can try to hide in the furthest reaches of the internet,” Garland told CNN on "
        "Tuesday, “but the Justice Department will find you.”\n\nHe did not say how many "
        "of the 288 people arrested were in the United States.",
        (
            Gold(
                "You can try to hide in the furthest reaches of the internet,",
                "garland",
                "truncated",
                "doj-spector#0",
            ),
            Gold(
                "but the Justice Department will find you.", "garland", "truncated", "doj-spector#0"
            ),
        ),
    ),
    (
        "hand-03",
        "doj-spector",
        "In the words of DEA Administrator Anne Milgram: “The Sinaloa and Jalisco drug "
        "cartels and the global networks they operate are killing Americans by sending "
        "fentanyl into the United States.”\n\nMilgram says the DEA is “committed to shutting "
        "down the fentanyl supply chain from beginning to end.”",
        (
            Gold(
                "The Sinaloa and Jalisco drug cartels and the global networks they operate are "
                "killing Americans by sending fentanyl into the United States.",
                "milgram",
                "truncated",
                "doj-spector#2",
            ),
            Gold(
                "committed to shutting down the fentanyl supply chain from beginning to end.",
                "milgram",
                "truncated",
                "doj-spector#2",
            ),
        ),
    ),
    (
        "hand-04",
        "doj-spector",
        "Re: Operation SpecTor\n\nQuote from: harborwatch_jim on May 02, 2023, 08:14:22 AM\n"
        "288 arrests and they want a medal for it.\n\n"
        "“Their associates distribute this fentanyl into communities across America by every "
        "means possible,” a DEA spokeswoman said. Every means possible. Think about that.\n\n"
        "Critics said the operation was “a drop in the bucket” and I agree with them.",
        (
            Gold(
                "Their associates distribute this fentanyl into communities across America by "
                "every means possible,",
                None,
                "truncated",
                "doj-spector#2",
            ),
            Gold("a drop in the bucket", None, "unmatched", None, "h-critics"),
        ),
    ),
    (
        "hand-05",
        "ice-spector",
        "“The illicit movement of opioids poses a significant threat to public health and "
        "safety” — P.J. Lechleitner, ICE deputy director\n\nNot much else in the release "
        "worth reading.",
        (
            Gold(
                "The illicit movement of opioids poses a significant threat to public health "
                "and safety",
                "lechleitner",
                "truncated",
                "ice-spector#0",
            ),
        ),
    ),
    (
        "hand-06",
        "calloway-bridges",
        "ASHFORD, Calloway (Calloway Courier) — Gov. Elena Whitfield wrote on X: „Every "
        "morning, thousands of Calloway families drive across a bridge that was built before "
        "their grandparents were born.“\n\n“Who is going to pay for the bridges in Pike "
        "County?” asked state Sen. Harold Kim, a Republican.\n\nWhitfield, a Democrat, said "
        "Friday that the program “fixes the worst of them first.”",
        (
            Gold(
                "Every morning, thousands of Calloway families drive across a bridge that was "
                "built before their grandparents were born.",
                "whitfield",
                "verbatim",
                "calloway-bridges#0",
            ),
            Gold(
                "Who is going to pay for the bridges in Pike County?",
                "kim",
                "unmatched",
                None,
                "h-kim",
            ),
            Gold("fixes the worst of them first.", "whitfield", "truncated", "calloway-bridges#1"),
        ),
    ),
    (
        "hand-07",
        "calloway-bridges",
        "Tomás Reyes-Dunn, the state’s transportation secretary since 2019, told lawmakers "
        "that “drivers will see lane closures this summer.” (“A closed lane for a few weeks "
        "is a small price for a bridge that will last another 75 years,” he added.)",
        (
            Gold(
                "drivers will see lane closures this summer.",
                "reyes",
                "truncated",
                "calloway-bridges#2",
            ),
            Gold(
                "A closed lane for a few weeks is a small price for a bridge that will last "
                "another 75 years,",
                "reyes",
                "truncated",
                "calloway-bridges#2",
            ),
        ),
    ),
    (
        "hand-08",
        "sdfl-fraud",
        "MIAMI — Raman’s message was blunt: “These defendants treated Medicare as their "
        "personal bank account.”\n\n“My mother got a knee brace in the mail that nobody ever "
        "asked for,” said Rosa Delgado, 58, of Hialeah.\n\nAccording to court records, the "
        "scheme ran for four years.",
        (
            Gold(
                "These defendants treated Medicare as their personal bank account.",
                None,
                "truncated",
                "sdfl-fraud#0",
            ),
            Gold(
                "My mother got a knee brace in the mail that nobody ever asked for,",
                "delgado",
                "unmatched",
                None,
                "u-delgado",
            ),
        ),
    ),
    (
        "hand-09",
        "sdfl-fraud",
        "Special Agent in Charge Ana de la Cruz put it this way: “Health care fraud is not a "
        "victimless crime.”\n\nThe FBI has not said how many of the 9,000 beneficiaries "
        "have been contacted.",
        (
            Gold(
                "Health care fraud is not a victimless crime.",
                "delacruz",
                "truncated",
                "sdfl-fraud#1",
            ),
        ),
    ),
    (
        "hand-10",
        "harbor-heat",
        "“Heat is the deadliest weather we face in this city,” Mensah, 58, said at a "
        "briefing on Monday. He urged residents to “check on your neighbors” during the "
        "heat wave.\n\n“The air conditioning in our building has been broken since June,” "
        "said Marcus Bell, who lives on Ferry Street.",
        (
            Gold(
                "Heat is the deadliest weather we face in this city,",
                "mensah",
                "truncated",
                "harbor-heat#0",
            ),
            Gold("check on your neighbors", "mensah", "truncated", "harbor-heat#0"),
            Gold(
                "The air conditioning in our building has been broken since June,",
                "bell",
                "unmatched",
                None,
                "u-bell",
            ),
        ),
    ),
    (
        "hand-11",
        "harbor-heat",
        "The city’s advice is simple. (“Cooling centers are open to everyone, no "
        "identification is required, and pets on a leash are welcome,” the Health Department "
        "said in its advisory.)",
        (
            Gold(
                "Cooling centers are open to everyone, no identification is required, and pets "
                "on a leash are welcome,",
                "health",
                "verbatim",
                "harbor-heat#1",
            ),
        ),
    ),
    (
        "hand-12",
        "harbor-robberies",
        "O’Neil put it simply: “We will not tolerate violence against the people who keep our "
        "neighborhood stores open at night.”\n\nHe came in with a gun, one clerk told "
        "reporters, and “was gone in under a minute.”",
        (
            Gold(
                "We will not tolerate violence against the people who keep our neighborhood "
                "stores open at night.",
                "oneil",
                "verbatim",
                "harbor-robberies#2",
            ),
            Gold("was gone in under a minute.", None, "unmatched", None, "u-rahimi"),
        ),
    ),
    (
        "hand-13",
        "harbor-robberies",
        "Re: Pier Street robberies\n\nLt. Okonkwo said on the news that the clerks were “held "
        "at gunpoint, and that is something they will carry with them for a long time.” "
        "Makes me sick.\n\nThe chief said the arrests were the result of “three weeks of "
        "patient, careful work by our detectives and patrol officers.”",
        (
            Gold(
                "held at gunpoint, and that is something they will carry with them for a long "
                "time.",
                "okonkwo",
                "truncated",
                "harbor-robberies#1",
            ),
            Gold(
                "three weeks of patient, careful work by our detectives and patrol officers.",
                None,
                "truncated",
                "harbor-robberies#0",
            ),
        ),
    ),
    (
        "hand-14",
        "harbor-water",
        "Water Department Director Luis Ferreira told the Ledger on Tuesday that crews “have "
        "been working through the night” and that he expected “to lift the notice by "
        "Thursday.”\n\n“We only found out about the notice when my daughter saw it on "
        "Facebook,” said Joan Whitley, 71.",
        (
            Gold("have been working through the night", "ferreira", "truncated", "harbor-water#1"),
            Gold("to lift the notice by Thursday.", "ferreira", "truncated", "harbor-water#1"),
            Gold(
                "We only found out about the notice when my daughter saw it on Facebook,",
                "whitley",
                "unmatched",
                None,
                "u-whitley",
            ),
        ),
    ),
    (
        "hand-15",
        "emsc-ships",
        "LISBON — «One ship in ten that we boarded was not fit to leave port», according to "
        "Maria van der Linden, who heads the agency.\n\n„We will publish the names of the "
        "worst operators,“ van der Linden said.",
        (
            Gold(
                "One ship in ten that we boarded was not fit to leave port",
                "vdl",
                "truncated",
                "emsc-ships#0",
            ),
            Gold(
                "We will publish the names of the worst operators,",
                "vdl",
                "truncated",
                "emsc-ships#2",
            ),
        ),
    ),
    (
        "hand-16",
        "emsc-ships",
        "“Some of these ships should have been scrapped twenty years ago,” said Pieter "
        "Claes, a crane operator in Rotterdam. “Everybody on the docks knows it.”\n\nPort "
        "Director Harold Whitcomb said his port “turned away four vessels.”",
        (
            Gold(
                "Some of these ships should have been scrapped twenty years ago,",
                "claes",
                "unmatched",
                None,
                "u-claes",
            ),
            Gold("Everybody on the docks knows it.", "claes", "unmatched", None, "u-claes"),
            Gold("turned away four vessels.", "whitcomb", "truncated", "emsc-ships#1"),
        ),
    ),
    (
        "hand-17",
        "cpsb-nightlights",
        "From the CPSB notice, quoting the chair, J.T. Okafor: “If you have one of these, "
        "unplug it tonight and contact the company for a full refund.”\n\nWe had two of "
        "them in the kids' rooms. Both are in the trash now.",
        (
            Gold(
                "If you have one of these, unplug it tonight and contact the company for a full "
                "refund.",
                "okafor",
                "truncated",
                "cpsb-nightlights#0",
            ),
        ),
    ),
    (
        "hand-18",
        "cpsb-nightlights",
        "“Consumers should stop using the recalled night-lights immediately,” the safety "
        "board said in a statement Wednesday. A spokesman for GlowNest said the company was "
        "“cooperating fully with regulators.”",
        (
            Gold(
                "Consumers should stop using the recalled night-lights immediately,",
                "cpsb",
                "truncated",
                "cpsb-nightlights#1",
            ),
            Gold("cooperating fully with regulators.", None, "unmatched", None, "h-glownest"),
        ),
    ),
    (
        "hand-19",
        "calloway-fire",
        "ASHFORD — Fire Commissioner Olivia Brandt-Hayes had a message for residents of Cedar "
        "Ridge on Friday. “If you are told to leave, leave,” she said. “We can replace "
        "houses. We cannot replace you.”\n\n“We grabbed the dog and the photo albums,” said "
        "Tanya Brooks, 34, who left Millbrook with her two children.",
        (
            Gold("If you are told to leave, leave,", "brandt", "truncated", "calloway-fire#0"),
            Gold(
                "We can replace houses. We cannot replace you.",
                "brandt",
                "truncated",
                "calloway-fire#0",
            ),
            Gold(
                "We grabbed the dog and the photo albums,", "brooks", "unmatched", None, "u-brooks"
            ),
        ),
    ),
    (
        "hand-20",
        "calloway-fire",
        "Re: Ridge Fire evacuations\n\nThe governor promised the state would pay for shelter "
        '"for as long as it takes." We\'ll see.\n\n'
        '"We grabbed the dog and the photo albums and drove out with the hills glowing '
        'orange behind us" - a woman from Millbrook on the radio this morning.',
        (
            Gold("for as long as it takes.", None, "truncated", "calloway-fire#1"),
            Gold(
                "We grabbed the dog and the photo albums and drove out with the hills glowing "
                "orange behind us",
                None,
                "unmatched",
                None,
                "u-brooks",
            ),
        ),
    ),
    # Written after the extractor was tuned, and measured once before any change.
    (
        "hand-21",
        "doj-spector",
        "“The FBI is proud to stand with our domestic and foreign partners,” Wray wrote in a "
        "post on the bureau’s website.\n\nGarland: “You can try to hide in the furthest "
        "reaches of the internet.” Sure.",
        (
            Gold(
                "The FBI is proud to stand with our domestic and foreign partners,",
                "wray",
                "truncated",
                "doj-spector#1",
            ),
            Gold(
                "You can try to hide in the furthest reaches of the internet.",
                "garland",
                "truncated",
                "doj-spector#0",
            ),
        ),
    ),
    (
        "hand-22",
        "doj-spector",
        "DEA Administrator Anne Milgram spoke after Garland. “The DEA is committed to shutting "
        "down the fentanyl supply chain from beginning to end,” the DEA administrator told "
        "reporters.\n\nGarland (pictured) said: “Our message to criminals on the dark web is "
        "this.”",
        (
            Gold(
                "The DEA is committed to shutting down the fentanyl supply chain from beginning "
                "to end,",
                "milgram",
                "truncated",
                "doj-spector#2",
            ),
            Gold(
                "Our message to criminals on the dark web is this.",
                "garland",
                "truncated",
                "doj-spector#0",
            ),
        ),
    ),
    (
        "hand-23",
        "harbor-water",
        "A statement from the Harbor City Water Department read: “Residents in the affected "
        "area should bring tap water to a rolling boil for at least one minute.”",
        (
            Gold(
                "Residents in the affected area should bring tap water to a rolling boil for at "
                "least one minute.",
                "water",
                "truncated",
                "harbor-water#0",
            ),
        ),
    ),
    (
        "hand-24",
        "ice-spector",
        "“The illicit movement of opioids poses a significant threat to public health and "
        "safety — whether by known transnational criminal gang members across international "
        "borders or anonymously through darknet spaces,” Lechleitner said. “We will continue "
        "to pursue bad actors,” vowed the ICE official.",
        (
            Gold(
                "The illicit movement of opioids poses a significant threat to public health "
                "and safety — whether by known transnational criminal gang members across "
                "international borders or anonymously through darknet spaces,",
                "lechleitner",
                "verbatim",
                "ice-spector#0",
            ),
            Gold("We will continue to pursue bad actors,", None, "truncated", "ice-spector#1"),
        ),
    ),
    (
        "hand-25",
        "calloway-bridges",
        "“She told me ‘we will rebuild every bridge,’ and I believed her,” said Carla Mendes, "
        "who runs a diner in Dunmore.\n\nAsked whether tolls would rise, Whitfield said: "
        "“This program fixes the worst of them first, and it does so without raising a single "
        "toll.”",
        (
            Gold(
                "She told me ‘we will rebuild every bridge,’ and I believed her,",
                "mendes",
                "unmatched",
                None,
                "h-mendes",
            ),
            Gold(
                "This program fixes the worst of them first, and it does so without raising a "
                "single toll.",
                "whitfield",
                "verbatim",
                "calloway-bridges#1",
            ),
        ),
    ),
    (
        "hand-26",
        "doj-spector",
        "Christopher Wray, the FBI director, spoke last. “That’s why we will continue to join "
        "forces with our law enforcement partners around the globe to attack this problem "
        "together,” the FBI director added.",
        (
            Gold(
                "That’s why we will continue to join forces with our law enforcement partners "
                "around the globe to attack this problem together,",
                "wray",
                "truncated",
                "doj-spector#1",
            ),
        ),
    ),
)
