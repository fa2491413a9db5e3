"""The text every forum of the real-software corpus is seeded with.

Pure data, no forum import: each forum's seeder (tests/forums/<name>/) writes
these members, boards, threads and posts through that forum's own models or
database, in the order given here, and `expected()` turns the ids a seeder
reports into the posts a page must yield. Every sentence here was written for
this project; the press release and its URL are invented.

Times are instants in UTC, all on the minute; each forum renders them in the
timezone its README entry names. Posts are written in a neutral markup that
each seeder translates: paragraphs separated by a blank line, bare URLs, and
a quote given as (index of the quoted post in its thread, quoted excerpt),
which the seeder writes with the engine's own quote markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

UTC = timezone.utc  # noqa: UP017  (the pybbm seeder runs on Python 3.9: no datetime.UTC)

POSTS_PER_PAGE = 12  # every seeded forum is configured to show 12 posts a page
START = datetime(2026, 2, 16, 8, 5, tzinfo=UTC)


@dataclass(frozen=True)
class Member:
    username: str
    email: str
    signature: str = ""
    joined: datetime = datetime(2025, 11, 3, 14, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Board:
    key: str
    name: str
    description: str
    category: str


@dataclass(frozen=True)
class Quote:
    post: int  # index, in the same thread, of the quoted post
    text: str  # the excerpt quoted (an exact part of that post's body)


@dataclass(frozen=True)
class Edit:
    editor: str
    after_minutes: int
    new_text: str  # the body after the edit (before it, `PostSpec.text`)


@dataclass(frozen=True)
class PostSpec:
    author: str
    minutes: int  # after the thread's start
    text: str
    quote: Quote | None = None
    edit: Edit | None = None
    urls: tuple[str, ...] = ()  # URLs cited in `text` (or in the edited text)

    def final_text(self) -> str:
        return self.edit.new_text if self.edit else self.text


@dataclass(frozen=True)
class ThreadSpec:
    key: str
    board: str
    title: str
    start: datetime
    posts: tuple[PostSpec, ...] = field(default_factory=tuple)

    def posted_at(self, index: int) -> datetime:
        return self.start + timedelta(minutes=self.posts[index].minutes)


CATEGORIES = ("Harbourside", "Community")

MEMBERS = (
    Member(
        "harbourmaster",
        "harbourmaster@corpus.invalid",
        "Moderator of Port News. Keep it civil and cite your sources.",
        datetime(2025, 10, 1, 9, 0, tzinfo=UTC),
    ),
    Member(
        "quillon", "quillon@corpus.invalid", "Q. - retired marine surveyor, still counting rivets"
    ),
    Member("teodora", "teodora@corpus.invalid"),
    Member(
        "bramwell",
        "bramwell@corpus.invalid",
        "The tide waits for nobody, and neither does my editor.",
    ),
    Member("ines_k", "ines_k@corpus.invalid"),
    Member("fenwick", "fenwick@corpus.invalid", "fenwick | on the 07:40 crossing since 2009"),
)

BOARDS = (
    Board("port", "Port News", "Shipping, ports and the people who regulate them.", "Harbourside"),
    Board("ferries", "Ferries and Commuting", "Timetables, fares and crossings.", "Harbourside"),
    Board("announce", "Announcements", "Notices from the moderators.", "Community"),
    Board(
        "offtopic", "Off Topic", "Anything that floats, and some things that do not.", "Community"
    ),
)

PRESS_URL = (
    "https://www.justice.gov/opa/pr/"
    "coastline-bulk-carriers-agrees-pay-42-million-over-falsified-ballast-water-records"
)
COUNCIL_URL = "https://www.seaport-borough.gov.uk/news/2026/ferry-timetable-consultation-opens"
EPA_URL = "https://www.epa.gov/vessels-marinas-and-ports/ballast-water-record-keeping-explained"
COURT_URL = "https://www.courtlistener.com/docket/70912233/united-states-v-coastline-bulk-carriers/"

PRESS_RELEASE = (
    "Reposting the statement that went out this morning, in full:\n\n"
    "Coastline Bulk Carriers Agrees to Pay $4.2 Million Over Falsified Ballast Water Records\n\n"
    "A bulk shipping company based in Norfolk, Virginia, has agreed to pay $4.2 million and to "
    "operate under a four-year compliance plan after its crews kept false records of ballast "
    "water exchanges on eleven vessels, the Justice Department announced today.\n\n"
    "According to court documents, officers aboard the company's ships logged mid-ocean "
    "exchanges that never took place and discharged untreated ballast water in coastal ports "
    'between 2021 and 2024. "Ballast records exist so that inspectors can trust what they '
    'cannot see," said Acting Assistant Attorney General Dana Whitcombe. "A company that '
    'writes fiction into its logbooks will answer for it in court."\n\n'
    "Under the plea agreement, $1 million of the penalty will fund the restoration of "
    "shellfish beds in the lower Chesapeake Bay. The company must also hire an independent "
    "auditor to inspect every vessel in its fleet twice a year.\n\n"
    "The case was investigated by the U.S. Coast Guard Investigative Service and prosecuted "
    "by the Environmental Crimes Section.\n\n"
    f"{PRESS_URL}"
)

_MAIN = (
    PostSpec("harbourmaster", 0, PRESS_RELEASE, urls=(PRESS_URL,)),
    PostSpec(
        "quillon",
        37,
        "Four point two million sounds large until you divide it by eleven ships and three "
        "years of dumping. I surveyed two of that class in the nineties and the ballast "
        "pumps were never the problem, the paperwork culture was.",
    ),
    PostSpec(
        "teodora",
        52,
        "Does anyone know which ports they discharged in? The statement only says coastal "
        "ports, which could mean anywhere from Baltimore to Savannah.",
    ),
    PostSpec(
        "bramwell",
        80,
        "The restoration money caught my eye.",
        quote=Quote(
            0,
            "$1 million of the penalty will fund the restoration of shellfish "
            "beds in the lower Chesapeake Bay",
        ),
    ),
    PostSpec(
        "ines_k",
        118,
        "Teodora, the plea paperwork should list them. The docket is public here: "
        f"{COURT_URL}\n\nI have not read all of it yet, but the exhibit list runs to forty "
        "pages.",
        urls=(COURT_URL,),
    ),
    PostSpec(
        "fenwick",
        131,
        "Forty pages of exhibits for a logbook case. Somebody kept very careful records of "
        "their careless records.",
    ),
    PostSpec(
        "quillon",
        166,
        "That is usually how these cases go. The second engineer keeps a private notebook, "
        "falls out with the master, and the notebook ends up with the Coast Guard.",
        quote=Quote(5, "Somebody kept very careful records of their careless records."),
    ),
    PostSpec(
        "teodora",
        190,
        "Thanks Ines. Found it: Norfolk, Wilmington and two anchorages off Charleston.",
    ),
    PostSpec(
        "harbourmaster",
        225,
        "A reminder that the company has agreed to plead, so please avoid calling named "
        "officers criminals until the court accepts the plea.",
        edit=Edit(
            "harbourmaster",
            41,
            "A reminder that the company has agreed to plead, so please avoid "
            "calling named officers criminals until the court accepts the plea. "
            "Edited to add: the hearing is set for the second week of March.",
        ),
    ),
    PostSpec(
        "bramwell",
        260,
        "Fair point. For what it is worth, my paper is running the story tomorrow with the "
        "quote from the Assistant Attorney General as the headline.",
    ),
    PostSpec(
        "ines_k", 301, "Which quote? There is only one in the release, the logbook fiction line."
    ),
    PostSpec(
        "bramwell",
        322,
        "That one. The desk liked it because it reads well without context.",
        quote=Quote(10, "There is only one in the release, the logbook fiction line."),
    ),
    PostSpec(
        "fenwick",
        388,
        "It does read well. I would bet it turns up on a dozen blogs by the weekend with "
        "no link back to the original.",
    ),
    PostSpec(
        "quillon",
        455,
        "The EPA has a plain explainer on what the record book is supposed to contain: "
        f"{EPA_URL}\n\nWorth reading before anyone argues about what falsified means here.",
        urls=(EPA_URL,),
    ),
    PostSpec(
        "teodora",
        610,
        "Read it. So the exchange has to happen at least two hundred nautical miles from "
        "shore, and the log records position at start and end. Easy to fake if nobody "
        "checks the track data.",
    ),
    PostSpec(
        "quillon",
        642,
        "Exactly, and nobody did check it for three years.",
        quote=Quote(14, "Easy to fake if nobody checks the track data."),
    ),
    PostSpec(
        "ines_k",
        1010,
        "Morning all. Local radio just read out the whole penalty paragraph word for word "
        "and called it an investigation by their newsroom.",
    ),
    PostSpec("fenwick", 1036, "Called it. Well, not quite a blog, but close enough."),
    PostSpec(
        "harbourmaster",
        1090,
        "Split off a side discussion about radio licensing into Off Topic. Back to the "
        "settlement please.",
    ),
    PostSpec(
        "bramwell",
        1155,
        "Our piece ran. The sub-editor trimmed the quote to the second sentence only, which "
        "I think changes its meaning a little.",
    ),
    PostSpec(
        "teodora",
        1202,
        "How so? The second sentence on its own sounds harsher, I suppose.",
        quote=Quote(19, "The sub-editor trimmed the quote to the second sentence only"),
    ),
    PostSpec(
        "bramwell",
        1240,
        "Harsher and more personal. Without the first sentence it sounds like a threat "
        "rather than an explanation of why the records matter.",
        edit=Edit(
            "harbourmaster",
            15,
            "Harsher and more personal. Without the first sentence it sounds like a "
            "threat rather than an explanation of why the records matter. [Moderator: "
            "removed the name of the sub-editor.]",
        ),
    ),
    PostSpec(
        "quillon",
        1333,
        "Shellfish beds again. If the million is spent the way the last restoration fund "
        "was, most of it goes to consultants.",
    ),
    PostSpec(
        "ines_k",
        1401,
        "That is unfair to the oyster people, they did put actual reefs down last time.",
    ),
    PostSpec(
        "quillon",
        1455,
        "Some reefs, yes. I will concede the point.",
        quote=Quote(23, "they did put actual reefs down last time"),
    ),
    PostSpec(
        "fenwick",
        1620,
        "Slightly off the point, but does the four-year compliance plan mean an outside "
        "auditor on board, or just paperwork sent ashore?",
    ),
    PostSpec(
        "harbourmaster",
        1688,
        "The release says an independent auditor inspecting every vessel twice a year. So "
        "physical inspections, not just paperwork.",
        quote=Quote(
            0,
            "The company must also hire an independent auditor to inspect every "
            "vessel in its fleet twice a year.",
        ),
    ),
    PostSpec(
        "teodora",
        2150,
        "Update from the docket: the court has scheduled the plea hearing for March 12.",
    ),
    PostSpec("ines_k", 2188, "March 12 it is. I will try to get a seat in the gallery."),
    PostSpec(
        "bramwell",
        2230,
        "If you do, note the exact words of the judge. Every paper will paraphrase them "
        "differently and I would like one accurate version to check against.",
    ),
    PostSpec(
        "fenwick",
        2874,
        "Saw the release quoted on a shipping newsletter today with the penalty rounded up "
        "to five million. Small errors travel fast.",
    ),
    PostSpec(
        "quillon",
        2930,
        "Rounded up and undated, I expect. Those newsletters never carry the original link.",
        quote=Quote(30, "with the penalty rounded up to five million"),
    ),
    PostSpec(
        "teodora",
        3301,
        "For anyone landing here from a search: the original statement is the first post "
        "of this thread, with the link on its last line.",
    ),
    PostSpec(
        "harbourmaster",
        3380,
        "Pinning this thread until the hearing. Thanks everyone for keeping it factual.",
    ),
    PostSpec(
        "ines_k",
        3422,
        "Last one from me until March: the shellfish beds money is separate from the fine "
        "paid to the Treasury, so the total really is four point two.",
        quote=Quote(22, "If the million is spent the way the last restoration fund was"),
    ),
)

COUNCIL_STATEMENT = (
    "The borough put this on its news page, copying it here because the page keeps moving:\n\n"
    "Seaport Borough Council has opened a six-week consultation on changes to the winter "
    'ferry timetable. Councillor Priya Lundqvist, cabinet member for transport, said: "We '
    "want every crossing to leave on time, even if that means fewer crossings in the darkest "
    'weeks of the year."\n\n'
    "Residents can respond online or at the library until 27 March.\n\n"
    f"{COUNCIL_URL}"
)

THREADS = (
    ThreadSpec(
        "main", "port", "Ballast water settlement: DOJ statement and discussion", START, _MAIN
    ),
    ThreadSpec(
        "ferry",
        "ferries",
        "Council consultation on the winter ferry timetable",
        datetime(2026, 2, 20, 17, 30, tzinfo=UTC),
        (
            PostSpec("fenwick", 0, COUNCIL_STATEMENT, urls=(COUNCIL_URL,)),
            PostSpec(
                "ines_k",
                45,
                "Fewer crossings in the darkest weeks. That is a polite way of "
                "saying the 06:50 goes.",
                quote=Quote(
                    0, "even if that means fewer crossings in the darkest weeks of the year"
                ),
            ),
            PostSpec(
                "fenwick",
                71,
                "It is exactly that. I have been on the 06:50 for years and it "
                "has left on time maybe twice this winter.",
            ),
            PostSpec(
                "teodora",
                130,
                "Library hours are short on Saturdays, so the online form is the "
                "better bet for most of us.",
            ),
            PostSpec(
                "quillon", 200, "I will respond. Punctuality matters more than frequency to me."
            ),
        ),
    ),
    ThreadSpec(
        "dredge",
        "port",
        "Dredging notice for the inner basin",
        datetime(2026, 2, 23, 7, 15, tzinfo=UTC),
        (
            PostSpec(
                "harbourmaster",
                0,
                "The harbour office says dredging of the inner basin starts next "
                "Monday and will run for three weeks. Moorings on the east wall "
                "will be moved.",
            ),
            PostSpec(
                "bramwell", 64, "Three weeks in the harbour office's calendar usually means five."
            ),
            PostSpec(
                "quillon",
                95,
                "Five if the weather holds. Seven if it does not.",
                quote=Quote(1, "Three weeks in the harbour office's calendar usually means five."),
            ),
        ),
    ),
    ThreadSpec(
        "welcome",
        "announce",
        "Welcome and house rules",
        datetime(2025, 12, 1, 10, 0, tzinfo=UTC),
        (
            PostSpec(
                "harbourmaster",
                0,
                "Welcome to the board. Three rules: cite sources with a link, "
                "quote accurately, and no personal attacks.",
            ),
            PostSpec("teodora", 300, "Clear enough. Glad to be here."),
        ),
    ),
    ThreadSpec(
        "cottage",
        "offtopic",
        "Lighthouse cottage open day",
        datetime(2026, 2, 21, 11, 0, tzinfo=UTC),
        (
            PostSpec(
                "teodora",
                0,
                "The old keeper's cottage on the point is open to visitors this "
                "Sunday. Free entry, the lamp room is closed.",
            ),
            PostSpec("fenwick", 33, "Is the path down from the car park still washed out?"),
            PostSpec("teodora", 58, "Repaired in January, with a new handrail."),
            PostSpec("bramwell", 240, "Went along. Worth it for the view alone."),
        ),
    ),
)


def member(username: str) -> Member:
    return next(m for m in MEMBERS if m.username == username)


def thread(key: str) -> ThreadSpec:
    return next(t for t in THREADS if t.key == key)


def body_without_quote(post: PostSpec) -> str:
    """The post's own text as a reader sees it: final (edited) text, no quote, no signature."""
    return post.final_text()


def as_json() -> dict[str, object]:
    """The story for seeders written in other languages (PHP): times as Unix seconds."""

    def post(thread: ThreadSpec, index: int) -> dict[str, object]:
        spec = thread.posts[index]
        at = thread.posted_at(index)
        return {
            "author": spec.author,
            "time": int(at.timestamp()),
            "text": spec.text,
            "quote": (
                {
                    "post": spec.quote.post,
                    "text": spec.quote.text,
                    "author": thread.posts[spec.quote.post].author,
                }
                if spec.quote
                else None
            ),
            "edit": (
                {
                    "editor": spec.edit.editor,
                    "time": int((at + timedelta(minutes=spec.edit.after_minutes)).timestamp()),
                    "text": spec.edit.new_text,
                }
                if spec.edit
                else None
            ),
        }

    return {
        "posts_per_page": POSTS_PER_PAGE,
        "categories": list(CATEGORIES),
        "members": [
            {
                "username": m.username,
                "email": m.email,
                "signature": m.signature,
                "joined": int(m.joined.timestamp()),
            }
            for m in MEMBERS
        ],
        "boards": [
            {"key": b.key, "name": b.name, "description": b.description, "category": b.category}
            for b in BOARDS
        ],
        "threads": [
            {
                "key": t.key,
                "board": t.board,
                "title": t.title,
                "posts": [post(t, i) for i in range(len(t.posts))],
            }
            for t in THREADS
        ],
    }


if __name__ == "__main__":
    import json
    import sys

    json.dump(as_json(), sys.stdout, indent=1)
