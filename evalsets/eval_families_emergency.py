# ruff: noqa: E501  (templates are long sentences, one a line)
"""The emergency release family: fires and floods, evacuations and shelters."""


import random

from eval_agencies import Agency
from eval_templates import (
    CONTACT_SERVICE,
    TOWNS,
    Fact,
    Family,
    Slots,
    _common,
    _count,
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

