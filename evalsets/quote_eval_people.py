"""The speakers of the quote-quality evaluation set and the statements shared by releases."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PEOPLE", "Person", "Release", "Said"]


@dataclass(frozen=True)
class Person:
    """A speaker: a person, or an agency that issues statements (``agency=True``)."""

    key: str
    name: str  # canonical, as the gold set records it
    title: str  # as a news story writes it before the name
    pronoun: str  # "he", "she" or "it"
    short: str  # a later mention: "Garland", "de la Cruz", "the department"
    news: str = ""  # how a news story names them in full, if not ``name``
    agency: bool = False
    noun: str = ""  # agencies: what "the ... said" calls them ("department")

    @property
    def news_name(self) -> str:
        return self.news or self.name


@dataclass(frozen=True)
class Said:
    """One official quoted statement: paragraphs of sentences, and how the release
    attributes it (``lead``: the words before, ``tail``: the words after)."""

    speaker: str
    paragraphs: tuple[tuple[str, ...], ...]
    paraphrase: str
    lead: str = ""  # "Attorney General Merrick B. Garland said, "
    tail: str = ""  # " said Governor Whitfield." (the quote then ends with a comma)


@dataclass(frozen=True)
class Release:
    id: str
    url: str
    date: str
    agency: str  # Person key of the issuing agency
    title: str
    parts: tuple[str | Said, ...]  # narration paragraphs and statements, in order
    topic: str  # a few words for forum titles: "Operation SpecTor"


def _p(*people: Person) -> dict[str, Person]:
    return {p.key: p for p in people}


PEOPLE = _p(
    Person("garland", "Merrick B. Garland", "Attorney General", "he", "Garland", "Merrick Garland"),
    Person("wray", "Christopher Wray", "FBI Director", "he", "Wray"),
    Person("milgram", "Anne Milgram", "DEA Administrator", "she", "Milgram"),
    Person("lechleitner", "P.J. Lechleitner", "ICE Deputy Director", "he", "Lechleitner"),
    Person("whitfield", "Elena Whitfield", "Governor", "she", "Whitfield"),
    Person("reyes", "Tomás Reyes-Dunn", "Transportation Secretary", "he", "Reyes-Dunn"),
    Person("raman", "Priya Raman", "U.S. Attorney", "she", "Raman"),
    Person("delacruz", "Ana de la Cruz", "FBI Special Agent in Charge", "she", "de la Cruz"),
    Person("mensah", "Samuel K. Mensah", "Health Commissioner", "he", "Mensah", "Samuel Mensah"),
    Person("oneil", "Raymond O’Neil", "Police Chief", "he", "O’Neil"),
    Person("okonkwo", "Grace Okonkwo", "Lt.", "she", "Okonkwo"),
    Person("ferreira", "Luis Ferreira", "Water Department Director", "he", "Ferreira"),
    Person("vdl", "Maria van der Linden", "Executive Director", "she", "van der Linden"),
    Person("whitcomb", "Harold P. Whitcomb Jr.", "Port Director", "he", "Whitcomb"),
    Person("okafor", "J.T. Okafor", "Board Chair", "he", "Okafor"),
    Person("brandt", "Olivia Brandt-Hayes", "Fire Commissioner", "she", "Brandt-Hayes"),
    Person(
        "doj",
        "Department of Justice",
        "",
        "it",
        "the department",
        "Justice Department",
        True,
        "department",
    ),
    Person(
        "ice",
        "U.S. Immigration and Customs Enforcement",
        "",
        "it",
        "the agency",
        "ICE",
        True,
        "agency",
    ),
    Person("gov_office", "Office of the Governor", "", "it", "the office", "", True, "office"),
    Person(
        "usao",
        "U.S. Attorney’s Office for the Southern District of Florida",
        "",
        "it",
        "the office",
        "",
        True,
        "office",
    ),
    Person(
        "health",
        "Harbor City Health Department",
        "",
        "it",
        "the department",
        "",
        True,
        "department",
    ),
    Person(
        "police",
        "Harbor City Police Department",
        "",
        "it",
        "the department",
        "",
        True,
        "department",
    ),
    Person(
        "water", "Harbor City Water Department", "", "it", "the department", "", True, "department"
    ),
    Person("emsc", "European Maritime Safety Centre", "", "it", "the centre", "", True, "centre"),
    Person("cpsb", "Consumer Product Safety Board", "", "it", "the board", "", True, "board"),
    Person("fire", "Calloway State Fire Service", "", "it", "the service", "", True, "service"),
    # speakers of unofficial quotes only
    Person("ferraro", "Linda Ferraro", "neighbor", "she", "Ferraro"),
    Person("patel", "Dev Patel", "commuter", "he", "Patel"),
    Person("delgado", "Rosa Delgado", "retiree", "she", "Delgado"),
    Person("bell", "Marcus Bell", "tenant", "he", "Bell"),
    Person("rahimi", "Hamid Rahimi", "store clerk", "he", "Rahimi"),
    Person("whitley", "Joan Whitley", "resident", "she", "Whitley"),
    Person("claes", "Pieter Claes", "dock worker", "he", "Claes"),
    Person("brooks", "Tanya Brooks", "evacuee", "she", "Brooks"),
    Person("kim", "Harold Kim", "state Sen.", "he", "Kim"),
    Person("mendes", "Carla Mendes", "diner owner", "she", "Mendes"),
    Person("jefferson", "Thomas Jefferson", "", "he", "Jefferson"),
    Person("franklin", "Benjamin Franklin", "", "he", "Franklin"),
    Person("adams", "John Adams", "", "he", "Adams"),
)

_GARLAND = Said(
    "garland",
    (
        (
            "Operation SpecTor was a coordinated international law enforcement effort, spanning "
            "three continents, to disrupt drug trafficking on the dark web and represents the "
            "most funds seized and the highest number of arrests in any coordinated international "
            "action led by the Justice Department against drug traffickers on the dark web.",
            "Our message to criminals on the dark web is this: You can try to hide in the "
            "furthest reaches of the internet, but the Justice Department will find you and hold "
            "you accountable for your crimes.",
        ),
    ),
    "criminals who hide on the dark web will be tracked down by the Justice Department and "
    "made to answer for what they did",
    lead="Attorney General Merrick B. Garland said, ",
)
_WRAY = Said(
    "wray",
    (
        (
            "The availability of dangerous substances like fentanyl on dark net marketplaces is "
            "helping to fuel the crisis that has claimed far too many American lives.",
            "That’s why we will continue to join forces with our law enforcement partners around "
            "the globe to attack this problem together.",
            "The FBI is proud to stand with our domestic and foreign partners as we continue to "
            "shine that light into the deepest corners of the dark net and hold those accountable "
            "who continue to peddle this poison around the world.",
        ),
    ),
    "fentanyl sold in online drug bazaars is feeding an epidemic that has already killed too "
    "many of our citizens",
    lead="FBI Director Christopher Wray said, ",
)
_MILGRAM = Said(
    "milgram",
    (
        (
            "The Sinaloa and Jalisco drug cartels and the global networks they operate are "
            "killing Americans by sending fentanyl into the United States.",
            "Their associates distribute this fentanyl into communities across America by every "
            "means possible, including the dark web.",
            "The DEA is committed to shutting down the fentanyl supply chain from beginning to "
            "end, and we will relentlessly pursue the associates of these cartels wherever they "
            "hide, even in the dark corners of the internet.",
        ),
    ),
    "Mexican cartels are murdering Americans with fentanyl, and the DEA will chase their "
    "partners into every corner of the internet",
    lead="DEA Administrator Anne Milgram said, ",
)
_LECH_TITLE = (
    "U.S. Immigration and Customs Enforcement’s (ICE) Senior Official Performing the Duties of "
    "Deputy Director P.J. Lechleitner"
)
_LECH1 = Said(
    "lechleitner",
    (
        (
            "The illicit movement of opioids poses a significant threat to public health and "
            "safety — whether by known transnational criminal gang members across international "
            "borders or anonymously through darknet spaces.",
        ),
    ),
    "smuggling opioids over borders or selling them anonymously online puts public health and "
    "safety in serious danger",
    tail=f" said {_LECH_TITLE}.",
)
_LECH2 = Said(
    "lechleitner",
    (
        (
            "Our HSI special agents, alongside federal and international partners, continue to "
            "aggressively investigate, disrupt and dismantle networks responsible for trafficking "
            "dangerous, deadly narcotics and other contraband across global communities we are "
            "charged with protecting.",
            "We will continue to pursue bad actors engaged in these crimes to ensure they face "
            "justice while protecting victims from these lethal substances.",
        ),
    ),
    "HSI agents and their partners will keep hunting the networks that smuggle deadly drugs "
    "and make sure those criminals face justice",
)
