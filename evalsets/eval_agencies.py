"""Fictional agencies, officials, places and names for the link-quality evaluation set.

Everything here is invented (``.example`` domains, 555 phone numbers); it
gives the release generator (:mod:`eval_releases`) the shape of real
official publishing: several agencies per region, each with a head and a
spokesperson or deputy, a tip or information line, sometimes an "About"
paragraph repeated under every release, and two or three topics it keeps
publishing on (the hard negatives of the set).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AGENCIES", "FIRST_NAMES", "LAST_NAMES", "Agency", "Official"]


@dataclass(frozen=True)
class Official:
    title: str  # "Police Commissioner"
    name: str  # "Ada Whitlock"

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass(frozen=True)
class Agency:
    name: str  # "Northbridge Police Service"
    short: str  # what a headline or a poster calls it: "Northbridge police"
    abbr: str
    url: str  # release URL pattern with {year} and {slug}
    dateline: str  # "NORTHBRIDGE"
    region: str  # where it works: "Calder State", "the Northbridge area"
    officials: tuple[Official, ...]
    families: tuple[str, ...]  # topics it publishes on (see eval_releases.FAMILIES)
    phone: str
    about: str = ""  # boilerplate paragraph under every release, if the agency has one


AGENCIES: tuple[Agency, ...] = (
    Agency(
        "Northbridge Police Service",
        "Northbridge police",
        "NPS",
        "https://www.northbridge-police.example/news/{year}/{slug}",
        "NORTHBRIDGE",
        "the Northbridge area",
        (
            Official("Police Commissioner", "Ada Whitlock"),
            Official("Detective Superintendent", "Marcus Ellery"),
            Official("Deputy Commissioner", "Priya Raman"),
        ),
        ("narcotics", "fraud"),
        "555-0142",
    ),
    Agency(
        "Westmoor County Sheriff's Office",
        "Westmoor sheriff",
        "WCSO",
        "https://westmoor-sheriff.example/releases/{slug}",
        "WESTMOOR",
        "Westmoor County",
        (
            Official("Sheriff", "Marisol Grant"),
            Official("Undersheriff", "Dale Kowalczyk"),
            Official("Captain", "Renee Abernathy"),
        ),
        ("narcotics", "emergency"),
        "555-0199",
        "The Westmoor County Sheriff's Office serves more than 240,000 residents across "
        "eleven towns and the unincorporated areas of the county, and operates the county "
        "jail and the regional 911 dispatch centre.",
    ),
    Agency(
        "Harbor Customs Agency",
        "Harbor Customs",
        "HCA",
        "https://customs.harbor.example/press/{year}/{slug}",
        "PORT ALDOUS",
        "the Port Aldous district",
        (
            Official("Director", "Lucia Ferreira"),
            Official("Deputy Director", "Tomasz Wilk"),
            Official("Chief Inspector", "Hannah Obi"),
        ),
        ("narcotics", "fraud"),
        "555-0177",
        "The Harbor Customs Agency protects the borders of Calder State at its seaports, "
        "airports and mail centres, collects duties and taxes on imported goods and "
        "enforces the laws on prohibited and restricted items.",
    ),
    Agency(
        "Office of the Calder Attorney General",
        "the Attorney General's office",
        "OAG",
        "https://ag.calder.example/media/press-releases/{slug}",
        "CALDER CITY",
        "Calder State",
        (
            Official("Attorney General", "Helen Marchetti"),
            Official("Deputy Attorney General", "Victor Osei"),
            Official("Chief of the Environmental Crimes Unit", "Naomi Brandt"),
        ),
        ("fraud", "pollution"),
        "555-0110",
    ),
    Agency(
        "Calder Revenue Agency",
        "the Revenue Agency",
        "CRA",
        "https://www.revenue.calder.example/newsroom/{year}/{slug}",
        "CALDER CITY",
        "Calder State",
        (
            Official("Commissioner of Revenue", "Graham Whitfield"),
            Official("Director of Criminal Investigations", "Amara Nwosu"),
        ),
        ("fraud",),
        "555-0163",
        "The Calder Revenue Agency administers the state's tax laws, collects more than "
        "$31 billion in revenue each year and investigates tax fraud and evasion through "
        "its Criminal Investigations Division.",
    ),
    Agency(
        "Calder Department of Environmental Protection",
        "environmental regulators",
        "DEP",
        "https://dep.calder.example/news/{year}/{slug}",
        "CALDER CITY",
        "Calder State",
        (
            Official("Environmental Protection Commissioner", "Ruth Castellano"),
            Official("Director of Enforcement", "Owen Talbot"),
            Official("Regional Director", "Ines Mbeki"),
        ),
        ("pollution",),
        "555-0128",
    ),
    Agency(
        "Lakeshore Water Authority",
        "the water authority",
        "LWA",
        "https://www.lakeshore-water.example/news/{slug}",
        "LAKESHORE",
        "the Lakeshore region",
        (
            Official("Chief Executive", "Patrick Dunleavy"),
            Official("Director of Water Quality", "Mei-Ling Zhou"),
        ),
        ("pollution", "outbreak"),
        "555-0135",
        "The Lakeshore Water Authority supplies drinking water to 410,000 customers in "
        "the Lakeshore region and treats their wastewater at six plants before it is "
        "returned to the Fenwick River and Lake Marlow.",
    ),
    Agency(
        "Calder Department of Health",
        "state health officials",
        "CDH",
        "https://health.calder.example/press/{year}/{slug}",
        "CALDER CITY",
        "Calder State",
        (
            Official("State Health Officer", "Dr. Samira Haddad"),
            Official("State Epidemiologist", "Dr. Jonas Lindqvist"),
            Official("Deputy Secretary of Health", "Carmen Ortega"),
        ),
        ("outbreak",),
        "555-0150",
    ),
    Agency(
        "Pinecrest County Health District",
        "Pinecrest health officials",
        "PCHD",
        "https://www.pinecresthealth.example/news/{slug}",
        "PINECREST",
        "Pinecrest County",
        (
            Official("Health Officer", "Dr. Elliot Barnes"),
            Official("Director of Communicable Disease Control", "Fatima Sayed"),
        ),
        ("outbreak", "emergency"),
        "555-0187",
        "Pinecrest County Health District protects the health of 180,000 residents "
        "through disease investigation, immunisation clinics, restaurant inspections "
        "and emergency preparedness.",
    ),
    Agency(
        "Calder Department of Transportation",
        "the transportation department",
        "CDOT",
        "https://www.transport.calder.example/news/{year}/{slug}",
        "CALDER CITY",
        "Calder State",
        (
            Official("Transportation Secretary", "Gregory Albright"),
            Official("Chief Engineer", "Lena Sorensen"),
            Official("District Engineer", "Kwame Asante"),
        ),
        ("roadworks",),
        "555-0171",
    ),
    Agency(
        "Ridgefield Fire and Rescue Service",
        "Ridgefield firefighters",
        "RFRS",
        "https://www.ridgefieldfire.example/news/{year}/{slug}",
        "RIDGEFIELD",
        "the Ridgefield district",
        (
            Official("Fire Chief", "Diane Holloway"),
            Official("Deputy Chief", "Rafael Montoya"),
            Official("Battalion Chief", "Steven Achterberg"),
        ),
        ("emergency",),
        "555-0116",
    ),
    Agency(
        "Calder Office of Emergency Management",
        "emergency management officials",
        "OEM",
        "https://oem.calder.example/updates/{slug}",
        "CALDER CITY",
        "Calder State",
        (
            Official("Director of Emergency Management", "Theresa Kowalski"),
            Official("Governor", "Andrew Pelletier"),
            Official("Deputy Director", "Samuel Achebe"),
        ),
        ("emergency", "roadworks"),
        "555-0105",
        "The Calder Office of Emergency Management coordinates the state's preparation "
        "for, response to and recovery from disasters, and runs the State Emergency "
        "Operations Center in Calder City.",
    ),
)

FIRST_NAMES = [
    "Aaron",
    "Adele",
    "Andre",
    "Anton",
    "Beatrix",
    "Bilal",
    "Brandon",
    "Caleb",
    "Chiara",
    "Colin",
    "Dmitri",
    "Dolores",
    "Emeka",
    "Esther",
    "Felix",
    "Gareth",
    "Gloria",
    "Hamid",
    "Ingrid",
    "Isaac",
    "Jorge",
    "Julia",
    "Kenji",
    "Keisha",
    "Lars",
    "Layla",
    "Luca",
    "Malik",
    "Marta",
    "Nadia",
    "Nolan",
    "Olga",
    "Oscar",
    "Paolo",
    "Petra",
    "Quentin",
    "Rosa",
    "Rupert",
    "Sanjay",
    "Selma",
    "Tariq",
    "Tessa",
    "Ulrich",
    "Vanessa",
    "Wendell",
    "Xavier",
    "Yusuf",
    "Zara",
]
LAST_NAMES = [
    "Ashworth",
    "Baptiste",
    "Carrow",
    "Delgado",
    "Eriksen",
    "Fairbanks",
    "Gallagher",
    "Haverford",
    "Iqbal",
    "Jankowski",
    "Kavanagh",
    "Lombardi",
    "Mancini",
    "Novak",
    "Oyelaran",
    "Pemberton",
    "Quinlan",
    "Rasmussen",
    "Santoro",
    "Thorne",
    "Underhill",
    "Varga",
    "Weatherby",
    "Yamamoto",
    "Zielinski",
    "Brannigan",
    "Castell",
    "Dorsey",
    "Everly",
    "Fontaine",
    "Greenhalgh",
    "Holt",
    "Irving",
    "Jessop",
    "Kettering",
    "Lachance",
    "Moreau",
    "Nakashima",
    "Ostrowski",
    "Prescott",
]
