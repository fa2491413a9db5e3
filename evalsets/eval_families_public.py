# ruff: noqa: E501  (templates are long sentences, one a line)
"""Release families about public services: pollution, outbreaks, roadworks."""


import random

from eval_agencies import LAST_NAMES, Agency
from eval_templates import (
    CONTACT_SERVICE,
    PARTNERS_FACT,
    TOWNS,
    Fact,
    Family,
    Slots,
    _common,
    _count,
    _money,
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


