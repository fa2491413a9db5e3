# ruff: noqa: E501  (hand-written prose, one paragraph a line)
"""Write tests/data/link_tune: hand-written rewrites of three link_eval releases (one quoting
its statements, one quoting nothing, each) and three stories of the same agencies and
officials about other events; every indexed link_eval release is indexed. Then the
hand-written releases of tests/data/quotes_tune, indexed too, with the rewrites and
negatives of evalsets/link_tune_hand.py and the tune set's other-event articles. Run from the
repository root."""

import json
import re
from pathlib import Path

from link_tune_hand import HAND_DOCS

ROOT = Path("tests/data")
# Other-event articles of tests/data/quotes_tune: the same officials, another story.
OTHER_EVENTS = ("x-tune-16", "x-tune-19", "x-tune-20")
rel = {
    r["id"]: r
    for r in map(json.loads, (ROOT / "link_eval/releases.jsonl").read_text().splitlines())
}
docs = [
    (
        "r000-quoting",
        "r000",
        "quoting",
        """Northbridge police break up online ketamine ring

More than a hundred arrests and a warehouse's worth of drugs: that is the outcome of a long police inquiry in Northbridge that wrapped up on Wednesday.

The Northbridge Police Service says Operation Ravengate ended with 139 people in custody. Officers took 224.9 kilograms of ketamine, 115 firearms and $16.2 million out of 67 homes and lock-ups, and found the drugs packed inside pallets of floor tiles that had been shipped from a storage unit in Oakridge.

Police Commissioner Ada Whitlock did not hide her satisfaction. “We did not just take 224.9 kilograms off the street, we took out the people who supplied it,” she said.

The man police say ran the shipments is Colin Irving, 40, of Millbrook. He and the others face charges of possession with intent to supply and money laundering and will appear at Ashford District Court on September 19.

Her deputy, Priya Raman, credited patience. “14 months of surveillance came down to one morning of knocking on doors.”

Detectives expect further arrests once seized phones have been examined.""",
    ),
    (
        "r000-noquote",
        "r000",
        "no-quote",
        """Ketamine network dismantled after overdose spike in Ashford

A police investigation that began with a run of overdoses in Ashford last May has ended with 139 arrests across Harrowgate and Ravensworth, the Northbridge Police Service announced on Wednesday.

Detectives searched 67 addresses and seized 224.9 kilograms of ketamine, 115 guns and $16.2 million. The group is accused of mailing the drug from a rented storage unit in Oakridge, hidden among ceramic tiles, and of selling it through two anonymous web shops. Tests at the state laboratory found nitazenes in most of the samples.

Colin Irving, a 40-year-old from Millbrook, is accused of organising the deliveries. The charges, possession with intent to supply and money laundering, carry sentences of up to 24 years. The first hearing is set for September 19 at Ashford District Court.

Commissioner Ada Whitlock told reporters the case was dedicated to families who had lost relatives to the pills, and Detective Superintendent Marcus Ellery said the arrests would disrupt the trade for a long time. Operation Ravengate took more than a year of surveillance.

People who feel unwell after taking pills bought online are urged to see a doctor. Tips can be left with police on 555-0142.""",
    ),
    (
        "r001-quoting",
        "r001",
        "quoting",
        """Pension scam: five charged over $22 million taken from retirees

Five people have been charged over a scheme that talked thousands of pensioners into handing over their retirement savings, Northbridge police said on Friday.

The victims, 4,019 of them and on average 79 years old, were offered a free review of their pensions by a firm called Gallagher Digital Assets. Over five years they lost $22.2 million. Its director, Layla Oyelaran, 20, of Greywell, is among the accused.

“These defendants went after people who had spent their lives saving, and they took it in months,” Police Commissioner Ada Whitlock said. “Gallagher Digital Assets had a website, a phone line and a receptionist. It did not have a single real investment.”

Detective Superintendent Marcus Ellery praised the bank that raised the alarm: “The bank in Fenwick that flagged these transfers did exactly what we ask banks to do. We froze $7.3 million before it could leave the country.”

The money passed through 141 accounts in Poland, Estonia and Portugal. The five face wire fraud and money laundering charges.""",
    ),
    (
        "r001-noquote",
        "r001",
        "no-quote",
        """Retirees lost $22.2 million to fake pension reviews, police say

Northbridge police have charged five people with wire fraud and money laundering over a pension transfer scam that ran for five years and cost 4,019 mostly elderly victims a combined $22.2 million.

According to investigators, Gallagher Digital Assets lured savers with free reviews of their retirement funds and then moved the money through 141 accounts in Poland, Estonia and Portugal. The firm's 20-year-old director, Layla Oyelaran of Greywell, is one of the five defendants. The average victim was 79.

A bank in Fenwick noticed the unusual transfers on February 23 and alerted the police. Detectives have since frozen $7.3 million, which will be returned to victims when the case ends. Each charge carries up to 18 years in prison.

The Calder Securities Commission, the Consumer Protection Bureau and the State Bureau of Investigation helped with the case. Police reminded residents that a real adviser never asks to be paid in gift cards or cryptocurrency, and asked anyone with information to call 555-0142.""",
    ),
    (
        "r020-quoting",
        "r020",
        "quoting",
        """Customs officers seize half a tonne of MDMA hidden in toys

The Harbor Customs Agency has broken up a network that sent MDMA tablets through the post inside children's toys, ending Operation Glassfish with 174 arrests.

Officers searched 12 properties and recovered 552.4 kilograms of MDMA, 81 guns and $53.7 million in cash and cryptocurrency. The parcels went out from a disused garage in Kingsmoor.

“The message to anyone selling MDMA in the Port Aldous district is simple: we are coming for you,” Director Lucia Ferreira said. “What we found in a disused garage was an assembly line for addiction.”

Her deputy, Tomasz Wilk, said the weapons spoke for themselves: “The seizure of 81 guns tells you what kind of business this was.”

Dmitri Oyelaran, 47, of Marlow, is accused of managing the shipments. The defendants will first appear at Dunmore District Court on May 2.""",
    ),
    (
        "r020-noquote",
        "r020",
        "no-quote",
        """Toy parcels hid MDMA, customs agency says after 174 arrests

Customs officers in Port Aldous have arrested 174 people and seized 552.4 kilograms of MDMA that investigators say was packed into children's toys and mailed from an abandoned garage in Kingsmoor.

The raids, the last stage of Operation Glassfish, covered 12 properties in Eastvale and Foxhollow and turned up 81 firearms and $53.7 million in cash and crypto. Buyers placed orders through nine online accounts. Lab tests found nitazenes in most of the tablets.

Dmitri Oyelaran, 47, from Marlow, is alleged to have run the shipping. Those charged face counts of importing a prohibited drug and, for several, money laundering, with sentences of up to 16 years. The first hearing is on May 2 at Dunmore District Court.

Director Lucia Ferreira and Chief Inspector Hannah Obi both said the case showed that selling drugs under a screen name offers no protection. The Harbor Customs Agency asks anyone with information to call 555-0177; tips can be anonymous.""",
    ),
    (
        "neg-nps-traffic",
        None,
        "rewrite",
        """Northbridge police start winter road safety campaign

The Northbridge Police Service will put extra patrols on the ring road and the Harrowgate bypass from next Monday as part of a six-week winter driving campaign.

“Every December we knock on doors to tell families that someone is not coming home. I would like to knock on fewer doors this year,” Police Commissioner Ada Whitlock said at the launch in Ashford.

Deputy Commissioner Priya Raman said officers would stop drivers at random in the evenings. “If you have had a drink, leave the car. A taxi costs less than a court date.”

Last winter officers recorded 31 crashes on the ring road and made 212 drink-driving arrests. Residents can report dangerous driving on 555-0142.""",
    ),
    (
        "neg-nps-burglary",
        None,
        "rewrite",
        """Burglary arrests in Millbrook after string of garage break-ins

Detectives in Northbridge have arrested three men over a run of garage and shed break-ins in Millbrook and Greywell, the Northbridge Police Service said on Tuesday.

Bicycles, power tools and two motorbikes worth about $48,000 were taken from 26 homes between August and October. Most of the property has been recovered from a unit in Fenwick.

“These were not crimes of chance. They watched houses and came back when people were away,” Detective Superintendent Marcus Ellery said. “Lock your sheds and mark your tools; it helps us return them.”

The men, aged 22, 25 and 31, will appear at Ashford District Court on November 4. Police Commissioner Ada Whitlock thanked residents whose doorbell cameras helped the inquiry. Information can be given on 555-0142.""",
    ),
    (
        "neg-hca-tobacco",
        None,
        "rewrite",
        """Customs seize 4 million smuggled cigarettes at Port Aldous

The Harbor Customs Agency has seized 4.1 million cigarettes hidden behind a false wall in a shipping container at Port Aldous, the agency said on Thursday.

The container had been declared as garden furniture. Officers found the cigarettes after a scanner showed the load was heavier than it should have been. Two men, 38 and 44, from Eastvale were arrested.

“Smuggled tobacco is not a victimless trade. It funds the same groups that bring in drugs and guns,” Director Lucia Ferreira said. Deputy Director Tomasz Wilk said the duty that would have been lost came to about $2.9 million.

Anyone with information about tobacco smuggling can call the Harbor Customs Agency tip line at 555-0177, anonymously if they wish.""",
    ),
]
# The hand-written releases of the quote tune set, indexed beside link_eval's, with the
# rewrites of evalsets/link_tune_hand.py and the tune set's other-event articles.
tune = [json.loads(line) for line in (ROOT / "quotes_tune/docs.jsonl").read_text().splitlines()]
for d in tune:
    if d["kind"] == "release":
        title, _, body = d["text"].partition("\n\n")
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
        rel[d["id"]] = {
            "id": d["id"],
            "url": f"https://{d['id'].split('-')[0]}.hand.example/news/{slug}",
            "title": title,
            "text": body,
            "agency": d["id"].split("-")[0],
            "family": "hand",
            "indexed": True,
        }
docs += HAND_DOCS
docs += [(d["id"], None, "other-event", d["text"]) for d in tune if d["id"] in OTHER_EVENTS]
out = ROOT / "link_tune"
out.mkdir(exist_ok=True)
with (out / "releases.jsonl").open("w") as f:
    for r in rel.values():  # every link_eval release is indexed: siblings are the hard part
        if r["indexed"]:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
with (out / "docs.jsonl").open("w") as f:
    for doc_id, r, kind, text in docs:
        row = {
            "id": doc_id,
            "category": "rewrite" if r else "negative",
            "release": r or "",
            "expected_source": rel[r]["url"] if r else None,
            "expected_verdict": "rewrite" if r else None,
            "text": text,
            "cited_urls": [],
            "kind": kind,
        }
        f.write(json.dumps(row, ensure_ascii=False) + "\n")
