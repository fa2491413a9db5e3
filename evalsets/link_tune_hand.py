# ruff: noqa: E501  (hand-written prose, one paragraph a line)
"""Rewrites of the hand-written releases of tests/data/quotes_tune (short, few figures, no
phone lines), for tests/data/link_tune: per release one that quotes at least two of its
statements word for word (sometimes one split around its attribution) and one that keeps
the facts in new words and quotes nothing; and stories of the same officials about other
events, which must stay unlinked. Written for the tune set; read by make_link_tune.py."""

# (document id, release id or None for a negative, kind, text)
HAND_DOCS = [
    (
        "h-jus-fraud-quoting",
        "jus-fraud",
        "quoting",
        """Fake bank callers charged after targeting Halvern pensioners

Prosecutors in Halvern have charged a group of eleven who are said to have phoned older people while pretending to work for their banks' fraud teams.

The district attorney was blunt about what the group did. “These defendants picked up the phone every morning and went to work stealing from grandparents,” Vashenko said, adding that they had practised their scripts.

Her chief investigator, Colm Briar, traced the case back to a single note. “One woman wrote down a callback number and brought it to us. That scrap of paper led us to two offices, nineteen phones and eleven arrests.”

The office also promised that recovered money would be paid back first to those who lost the most: “Money recovered in this case will go back to victims in the order their losses were reported, beginning with those who lost their entire savings.”""",
    ),
    (
        "h-jus-fraud-noquote",
        "jus-fraud",
        "no-quote",
        """Halvern grand jury indicts phone gang accused of posing as bank staff

Eleven people accused of calling older residents and pretending to be from their banks' fraud departments have been indicted by a Halvern County grand jury on 38 counts.

According to District Attorney Renata K. Vashenko, the callers worked out of two rented offices in Lowbridge and persuaded victims to move their savings into accounts the group held. The scheme is said to have run from the spring of 2024 until January of this year.

Investigators say the inquiry began when a retired bus driver kept a note of the number she had been asked to ring back. The prosecutor urged anyone told by phone to shift their money somewhere safe to end the call, saying neither banks nor police ever make such a request.

The defendants will be arraigned at the county superior court in March.""",
    ),
    (
        "h-hlt-measles-quoting",
        "hlt-measles",
        "quoting",
        """Tarrow confirms measles at two schools, offers free shots this weekend

Health officials in Tarrow County have found measles in children at an elementary school and a middle school, and will hold free vaccination clinics on Saturday.

Dr. Elise Marchetti, the county's health commissioner, warned how quickly the illness moves. “Measles spreads through the air faster than almost any other illness we track,” she said. “One sick child in a classroom can infect nearly every unvaccinated classmate before anyone notices a rash.”

Her deputy, Arjun Pellham, said staff were working through the lists: “We are calling every family at both schools this week. Children without proof of vaccination will need to stay home for twenty-one days after their last exposure.”

The clinics will be at the Fernhill community center and the Oakgate library.""",
    ),
    (
        "h-hlt-measles-noquote",
        "hlt-measles",
        "no-quote",
        """Measles returns to Tarrow for the first time in years

Children at Fernhill Elementary and Oakgate Middle School have caught measles, the first cases the Tarrow County Health Department has recorded locally since 2019.

Commissioner Elise Marchetti said the virus travels through the air and can reach almost every classmate who has not been vaccinated, and that two doses give strong protection. Parents whose children missed a dose can get it free of charge at weekend clinics at the Fernhill community center and the Oakgate library.

Deputy Commissioner Arjun Pellham said families at both schools would get a call, and that pupils who cannot show they are vaccinated will be kept at home for three weeks after they were last exposed. Anyone with a fever and a rash is asked to phone a doctor before turning up at a surgery.""",
    ),
    (
        "h-wx-ice-quoting",
        "wx-ice",
        "quoting",
        """Upper Valley braces for ice as warning goes out

Forecasters in Dunmarrow have put six counties of the Upper Valley under an ice storm warning that starts on Tuesday evening and lasts into Thursday.

“This is the kind of ice that brings down branches and power lines for days, not hours,” said Tobias Greer, who runs the forecast office. “If you have to travel, do it before Tuesday afternoon, and then stay put.”

Greer also cautioned that lulls in the freezing rain would be misleading. “There will be breaks when it looks like the worst is over. It won't be. The heaviest band comes overnight Wednesday.”

Residents are asked to charge phones and bring animals indoors.""",
    ),
    (
        "h-wx-ice-noquote",
        "wx-ice",
        "no-quote",
        """Ice storm set to hit Upper Valley midweek

The Dunmarrow Weather Service Office expects freezing rain to coat trees and power lines in up to three quarters of an inch of ice across six Upper Valley counties between Tuesday evening and Thursday midday.

Meteorologist in Charge Tobias Greer said outages could last for days and advised anyone who must drive to do so before Tuesday afternoon. He said the rain would come in bands, with quieter spells that should not be mistaken for the end of the storm, and that the worst of it would fall overnight on Wednesday.

Halle Brandt, the office's warning coordination meteorologist, told households to keep phones charged, to bring pets in and never to run a generator inside a garage.""",
    ),
    (
        "h-biz-q3-quoting",
        "biz-q3",
        "quoting",
        """Quellmark lifts its forecast after a strong quarter

Quellmark Systems raised its outlook for the year on the back of its warehouse software, reporting quarterly revenue of $1.34 billion.

“Our warehouse software business grew faster than at any time since we launched it, and customers are signing longer contracts,” chief executive Harriet Obuya said. “We are raising our full-year outlook because the demand is there.”

Finance chief Sven Aldgate pointed to the cash the business threw off. “We generated $240 million in free cash flow this quarter and returned half of it to shareholders,” he said.""",
    ),
    (
        "h-biz-q3-noquote",
        "biz-q3",
        "no-quote",
        """Quellmark revenue up 11 percent, outlook raised

Quellmark Systems Inc. said third-quarter revenue climbed 11 percent from a year ago to $1.34 billion and that it earned $162 million, or 87 cents a share.

Chief executive Harriet Obuya credited the warehouse software unit, which she said was growing at its fastest pace yet, with customers committing to longer deals. The company now sees full-year revenue of $5.2 billion to $5.3 billion.

Chief financial officer Sven Aldgate said the company produced $240 million of free cash in the quarter and gave half of it back to shareholders. Quellmark still expects to finish merging its two Ohio data centers early next year.""",
    ),
    (
        "h-pol-cars-quoting",
        "pol-cars",
        "quoting",
        """Grayhaven police break up SUV export ring

Seven people were arrested in Grayhaven on Wednesday over the theft of dozens of SUVs that detectives say were being shipped to West Africa.

Police Chief Ramon Estrella described a well-run operation. “These were not joyriders. This was a business with buyers, a warehouse and a shipping schedule, and we took all three away from them this morning.”

Detective Sergeant Kaya Lindell said some of the cars never left: “We recovered 31 vehicles before they left the port,” she said. “Owners will be contacted directly, so please do not come to the station asking for your car.”

Police say more arrests are likely.""",
    ),
    (
        "h-pol-cars-noquote",
        "pol-cars",
        "no-quote",
        """Stolen SUVs bound for West Africa, Grayhaven police say

Grayhaven Police Department detectives have arrested seven suspects in connection with the theft of at least 96 sport utility vehicles, many of them packed into containers at the Port of Ellisford.

Chief Ramon Estrella said the group ran like a company, with its own buyers, a warehouse and a timetable for shipments. Detective Sergeant Kaya Lindell, who led the eight-month inquiry, said 31 of the vehicles had been found before they were shipped and that owners would hear from officers rather than needing to visit the station.

Most of the cars were taken with relay devices that pick up the signal of a key fob kept inside the home. Police suggest keeping keys away from the front door or in a metal box.""",
    ),
    (
        "h-trn-closure-quoting",
        "trn-closure",
        "quoting",
        """Green Line shutdown: nine weeks of shuttles this summer

Riders on the Green Line face a long summer of replacement buses while the Metro Valley Transit Authority replaces worn rail between Harbour Square and Oldfield.

“We could keep patching this track on weekends for another five years, or we can fix it properly in one summer,” general manager Patrick Oyelaran said.

He promised a faster trip afterwards: “When the line reopens, trains will be able to run at full speed again through the tunnel, which will take about seven minutes off a trip from Oldfield to downtown.”

Staff will be posted at the closed stations to point people to the buses.""",
    ),
    (
        "h-trn-closure-noquote",
        "trn-closure",
        "no-quote",
        """Green Line to shut for most of the summer for new track

The Green Line will not run between Harbour Square and Oldfield from mid-June to mid-August while the Metro Valley Transit Authority lays 6.2 miles of new rail and replaces thousands of ties, the agency said.

Shuttle buses will stand in, coming every few minutes at rush hour. General Manager Patrick Oyelaran said weekend patch jobs could have gone on for years and that riders had said they preferred one difficult summer. Once the work is done, he said, trains will be back to full speed in the tunnel and the run from Oldfield into downtown will be about seven minutes quicker.

Chief Operating Officer Lena Szabo said employees would be at each closed station during the first fortnight to help passengers find the buses.""",
    ),
    (
        "h-env-tannery-quoting",
        "env-tannery",
        "quoting",
        """Aldwick River tannery hit with $2.4 million penalty

Marlowe Leather Works must pay $2.4 million after state regulators found it let chromium-laden wastewater into the Aldwick River.

“The company knew its treatment tanks were overflowing and kept the line running anyway,” board director Hollis Varga said. “A fine has to cost more than the shortcut saved, and this one does.”

Varga had better news for anglers. “Fishing below the Aldwick weir is safe again according to our latest samples,” he said, “but we will keep testing every month until the new system is running.”""",
    ),
    (
        "h-env-tannery-noquote",
        "env-tannery",
        "no-quote",
        """Leather works penalised over chromium in the Aldwick

The State Environmental Protection Board has ordered Marlowe Leather Works to pay $2.4 million and to build a new wastewater treatment system by the end of next year, after finding chromium discharges into the Aldwick River on dozens of days over three years.

Board Director Hollis Varga said the firm carried on running its line while its tanks overflowed, and that the penalty was set to outweigh whatever the company had saved. He said recent samples showed fish caught below the weir were safe to eat, with monthly testing to continue.

The tannery cooperated with investigators, the board said, and has agreed to pay for a five-year study of the river bed.""",
    ),
    (
        "h-fire-evac-quoting",
        "fire-evac",
        "quoting",
        """Hollow Creek Fire forces evacuations near Pinecrest

Residents along Hollow Creek Road, in Juniper Flats and in the Skyline subdivision were told to leave at once as a wildfire grew and pushed east.

“If you are in the order area, leave now,” Fire Chief Wendell Ashby said. “Do not wait to see the flames, and do not go back for anything once you are on the road.”

Battalion Chief Marisa Quon said people had somewhere to go: “Shelter is open at Pinecrest High School, and large animals can go to the county fairgrounds.”""",
    ),
    (
        "h-fire-evac-noquote",
        "fire-evac",
        "no-quote",
        """Pinecrest orders residents out as wildfire spreads east

The Pinecrest Fire District told people living on Hollow Creek Road, in Juniper Flats and in the Skyline subdivision to get out immediately as the Hollow Creek Fire, which has burned about 1,900 acres, was driven east by strong winds.

Fire Chief Wendell Ashby urged residents not to wait until they could see flames and not to turn back once they had left. He warned that a change in the wind overnight would steer the fire toward Juniper Flats and that crews could not defend homes whose owners stayed behind.

Battalion Chief Marisa Quon said evacuees could shelter at Pinecrest High School, with horses and livestock taken in at the county fairgrounds.""",
    ),
    (
        "h-neg-cty-snow",
        None,
        "rewrite",
        """Brackenford council pays for more snowplows after a hard winter

The Brackenford City Council on Monday approved money for four extra snowplows and a second salt barn on the east side, after residents complained that side streets stayed icy for days in January.

“We heard from bus riders who stood on unplowed corners for an hour. That is not a service, it is a shrug,” Council President Aurelia Stanek said.

Councilmember Deon Whitcombe backed the plan but asked for a report in the spring. “I want to know which streets waited longest and why, before we spend anything else.”

The vote was unanimous.""",
    ),
    (
        "h-neg-biz-recall",
        None,
        "rewrite",
        """Quellmark recalls scanners over battery fault

Quellmark Systems is recalling a batch of handheld warehouse scanners after reports that their batteries could overheat while charging.

“Nobody has been hurt, and we intend to keep it that way. Customers should stop charging the affected units today,” chief executive Harriet Obuya said.

Sven Aldgate, the chief financial officer, said the cost would be covered from existing reserves. “This will not change what we told investors about the year.”

Owners can check serial numbers on the company's website.""",
    ),
    (
        "h-neg-fire-burnban",
        None,
        "rewrite",
        """Pinecrest bans outdoor burning as hills dry out

The Pinecrest Fire District has banned all outdoor burning, including campfires in private yards, until the autumn rains arrive.

“One ember from a backyard pile can start a fire that takes a week to put out,” Fire Chief Wendell Ashby said. “Please wait. The brush will still be there in October.”

Battalion Chief Marisa Quon said crews would patrol trailheads at weekends and that anyone who saw smoke should report it at once.""",
    ),
    (
        "h-neg-wx-heat",
        None,
        "rewrite",
        """Heat advisory for Dunmarrow as temperatures climb

The Dunmarrow Weather Service Office has issued a heat advisory for the river counties through Friday, with afternoon highs expected in the upper nineties.

“Nights are not cooling off, and that is what makes this dangerous. Check on neighbours who live alone,” said Meteorologist in Charge Tobias Greer.

Warning Coordination Meteorologist Halle Brandt said: “Drink water before you are thirsty, and never leave a child or a pet in a parked car, even for a minute.”""",
    ),
]
