"""What the test forum holds: the seed data, and the posts a crawl must find.

Pure data, no Django import: `seed.py` writes it into the forum through the
ORM, and tests import it as the expected truth (`expected_threads()`,
`expected_posts()`). Ids are the database's: the seeding creates users,
forums, topics and posts in the order below on an empty database and checks
that every id it gets is the one computed here.

Times are instants (aware datetimes). The forum renders them in its
TIME_ZONE setting (America/New_York unless the fixture says otherwise) with
minutes only, so every seeded time is on the minute. The seeded times cross
noon, midnight and the March 2026 daylight-saving change, and one thread is
in September 2025 (Django writes "Sept.").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

TIME_ZONE = "America/New_York"
NEW_YORK = ZoneInfo(TIME_ZONE)
MOUNT = "/forum/"  # where the site's urls.py mounts machina
POSTS_PER_PAGE = 15  # machina's default MACHINA_TOPIC_POSTS_NUMBER_PER_PAGE
FORUM_NAME = "Forum Lab (machina)"
# Source URLs point at a 127.0.0.1 port where no server runs (tests serve their own).
SOURCES = "http://127.0.0.1:8093"
JEFFERSON = "Whenever the people are well informed, they can be trusted with their own government."


@dataclass(frozen=True)
class UserSpec:
    username: str
    signature: str = ""  # markdown, as the member typed it in the profile
    signature_text: str = ""  # the signature as a reader sees it


@dataclass(frozen=True)
class EditSpec:
    editor: str  # username
    at: datetime
    count: int = 1
    reason: str = ""


@dataclass(frozen=True)
class PostSpec:
    author: str  # username, or the name an anonymous poster typed
    at: datetime
    text: str  # the post's own text as a reader sees it: blank line between paragraphs
    markdown: str = ""  # the source when it differs from `text` (links)
    quote: int | None = None  # index in the same thread of the post this one quotes
    quote_linked: bool = True  # the quote header links to the quoted post
    cites: tuple[str, ...] = ()  # URLs the post cites, in order
    anonymous: bool = False
    edit: EditSpec | None = None


@dataclass(frozen=True)
class ThreadSpec:
    subject: str
    slug: str  # what machina's slugify makes of the subject (the seeding checks it)
    posts: tuple[PostSpec, ...]


@dataclass(frozen=True)
class ForumSpec:
    name: str
    slug: str
    description: str
    category: bool = False


@dataclass(frozen=True)
class ExpectedThread:
    topic_id: str
    subject: str
    path: str  # the first page's path, from the site root
    board: str
    page_count: int
    post_count: int


@dataclass(frozen=True)
class ExpectedQuote:
    text: str
    author: str
    quoted_post_id: str | None


@dataclass(frozen=True)
class ExpectedPost:
    post_id: str
    topic_id: str
    thread_title: str
    position: int  # 0-based in the topic
    page: int  # 1-based page of the topic that shows it
    author: str
    author_id: str | None  # user id, None for anonymous posts
    posted_at: datetime
    body: str
    signature: str
    quotes: tuple[ExpectedQuote, ...]
    cited_urls: tuple[str, ...]
    edited_at: datetime | None
    editor: str | None
    permalink_path: str


USERS = (
    UserSpec("admin", "Forum admin. **Be nice.**", "Forum admin. Be nice."),
    UserSpec("rangerrebew", f"*{JEFFERSON}* — Thomas Jefferson", f"{JEFFERSON} — Thomas Jefferson"),
    UserSpec(
        "libertybelle",
        "Belle | [belle.example.org](https://belle.example.org/)",
        "Belle | belle.example.org",
    ),
    UserSpec("dave"),
    UserSpec("carol", "Carol C. — quoting is not endorsing", "Carol C. — quoting is not endorsing"),
)
CATEGORY = ForumSpec("Newsroom", "newsroom", "News and official statements.", category=True)
BOARD = ForumSpec("Press Releases", "press-releases", "Reposted press releases, discussed.")

_RELEASE = (
    "FOR IMMEDIATE RELEASE\n\n"
    "Governor Whitfield Announces Coastal Resilience Plan\n\n"
    "HARBOR CITY, Jan. 5, 2026 — Governor Dana Whitfield today announced a $40 million plan "
    'to protect coastal communities from flooding. "Our coastline is our economy, and we '
    'will defend it," Governor Whitfield said.\n\n'
    "The plan funds sea walls, wetland restoration and early-warning systems in 12 counties.\n\n"
    f"{SOURCES}/news/releases/whitfield-coastal-resilience-plan"
)
_FOLLOW_UP_URL = f"{SOURCES}/news/releases/whitfield-plan-questions-and-answers"
_FOLLOW_UP_SHOWN = "127.0.0.1:8093/news/releases/whitfield-plan-quest…"
_FOLLOW_UP = (
    "The governor's office put out a follow-up this morning:\n\n"
    "Sea walls will be built first in Harbor County, where flooding closed 40 roads last "
    'winter. "We start where the water comes in first," said Deputy Director Lee Park.\n\n'
)
_REPLIES = (
    "Forty million sounds like a lot until you price a sea wall.",
    "Wetland restoration is the cheap part, and it works.",
    "Twelve counties, but which twelve? The release does not say.",
    "My town flooded twice last year. I will believe it when I see it.",
    "Early-warning systems would have saved the harbor road in March.",
    "Does the plan say anything about the ferry terminal?",
    "Same promise as the last governor, word for word.",
)
_JAN5 = datetime(2026, 1, 5, 7, 0, tzinfo=NEW_YORK)
_AUTHORS = ("libertybelle", "dave", "carol", "admin", "rangerrebew")


def _coastal_thread() -> tuple[PostSpec, ...]:
    """35 posts, 07:00 to midnight every 30 minutes (post 10 at noon, post 34 at midnight)."""
    posts = [
        PostSpec(
            "rangerrebew",
            _JAN5,
            _RELEASE,
            cites=(f"{SOURCES}/news/releases/whitfield-coastal-resilience-plan",),
        )
    ]
    for i in range(1, 35):
        at = _JAN5 + timedelta(minutes=30 * i)
        author = _AUTHORS[(i - 1) % len(_AUTHORS)]
        text = f"Reply {i}: {_REPLIES[i % len(_REPLIES)]}"
        if i == 12:
            text = f"Reply {i}: two things.\nFirst, the money.\n\nSecond, the timing."
        spec = PostSpec(author, at, text)
        if i % 7 == 3:
            spec = PostSpec(author, at, f"Reply {i}: I agree with that.", quote=i - 1)
        elif i == 5:
            spec = PostSpec(author, at, f"Reply {i}: not so sure.", quote=4, quote_linked=False)
        elif i == 8:
            edit = EditSpec(author, at + timedelta(minutes=15))
            spec = PostSpec(author, at, f"Reply {i}: corrected, it is 12 counties.", edit=edit)
        elif i == 20:
            spec = PostSpec(
                author,
                at,
                _FOLLOW_UP + _FOLLOW_UP_SHOWN,
                markdown=f"{_FOLLOW_UP}[{_FOLLOW_UP_SHOWN}]({_FOLLOW_UP_URL})",
                cites=(_FOLLOW_UP_URL,),
            )
        elif i == 29:
            edit = EditSpec("admin", at + timedelta(hours=2, minutes=7), 2, "Removed an insult")
            spec = PostSpec(author, at, f"Reply {i}: edited by a moderator.", edit=edit)
        posts.append(spec)
    return tuple(posts)


_CUSTOMS_URL = f"{SOURCES}/news/2025/09/30/counterfeit-watches-seized"
_CUSTOMS_SHOWN = "127.0.0.1:8093/news/2025/09/30/counterfeit-wat…"
_CUSTOMS = (
    "HARBOR CITY, Sept. 30, 2025 — Harbor Customs officers seized 4,000 counterfeit watches "
    "at the container terminal, the agency said today.\n\n"
    '"Counterfeits cheat consumers and honest businesses alike," said Port Director Ana Ruiz.'
    "\n\n"
)

THREADS = (
    ThreadSpec(
        "Governor announces coastal resilience plan",
        "governor-announces-coastal-resilience-plan",
        _coastal_thread(),
    ),
    ThreadSpec(
        "Harbor Customs seizes counterfeit watches",
        "harbor-customs-seizes-counterfeit-watches",
        (
            PostSpec(
                "libertybelle",
                datetime(2025, 9, 30, 9, 15, tzinfo=NEW_YORK),
                _CUSTOMS + _CUSTOMS_SHOWN,
                markdown=f"{_CUSTOMS}[{_CUSTOMS_SHOWN}]({_CUSTOMS_URL})",
                cites=(_CUSTOMS_URL,),
            ),
            PostSpec(
                "visitor",
                datetime(2025, 10, 1, 13, 5, tzinfo=NEW_YORK),
                "Does anyone know where seized watches end up?",
                anonymous=True,
            ),
        ),
    ),
    ThreadSpec(
        "Clocks go forward tonight",
        "clocks-go-forward-tonight",
        (
            # 01:59 EST and 03:01 EDT: two minutes apart across the change
            PostSpec(
                "dave",
                datetime(2026, 3, 8, 1, 59, tzinfo=NEW_YORK),
                "Clocks go forward at 2 a.m.",
            ),
            PostSpec(
                "carol",
                datetime(2026, 3, 8, 3, 1, tzinfo=NEW_YORK),
                "Already lost an hour of sleep.",
                quote=0,
            ),
        ),
    ),
)


def user_id(username: str) -> str | None:
    """The seeded member's id, or None for a name that is no member."""
    names = [u.username for u in USERS]
    return str(names.index(username) + 1) if username in names else None


def board_path() -> str:
    """Path of the board's topic list (category 1, board 2)."""
    return f"{MOUNT}forum/{BOARD.slug}-2/"


def topic_path(topic_index: int) -> str:
    """Path of the first page of the topic THREADS[topic_index]."""
    return f"{board_path()}topic/{THREADS[topic_index].slug}-{topic_index + 1}/"


def quote_markdown(thread: ThreadSpec, spec: PostSpec, first_post_id: int) -> str:
    """The markdown that quotes the post `spec.quote` of `thread`, linked to it when asked."""
    if spec.quote is None:
        return ""
    quoted = thread.posts[spec.quote]
    header = f"{quoted.author} wrote:"
    if spec.quote_linked:
        quoted_id = first_post_id + spec.quote
        topic = THREADS.index(thread)
        header = f"[{header}]({topic_path(topic)}?post={quoted_id}#{quoted_id})"
    lines = [f"**{header}**", *_first_paragraph(quoted.text).split("\n")]
    return "\n".join(f"> {line}" for line in lines) + "\n\n"


def post_markdown(thread: ThreadSpec, spec: PostSpec, first_post_id: int) -> str:
    """What the poster typed: the quote, if any, then the post's own text."""
    return quote_markdown(thread, spec, first_post_id) + (spec.markdown or spec.text)


def _first_paragraph(text: str) -> str:
    return text.split("\n\n", 1)[0]


def expected_threads() -> list[ExpectedThread]:
    pages = [-(-len(t.posts) // POSTS_PER_PAGE) for t in THREADS]
    return [
        ExpectedThread(str(i + 1), t.subject, topic_path(i), BOARD.name, pages[i], len(t.posts))
        for i, t in enumerate(THREADS)
    ]


def expected_posts() -> list[ExpectedPost]:
    """Every seeded post as a crawl must read it, in id order."""
    signatures = {u.username: u.signature_text for u in USERS}
    out: list[ExpectedPost] = []
    next_id = 1
    for index, thread in enumerate(THREADS):
        first_id = next_id
        for position, spec in enumerate(thread.posts):
            post_id = str(first_id + position)
            quotes: tuple[ExpectedQuote, ...] = ()
            if spec.quote is not None:
                quoted = thread.posts[spec.quote]
                quotes = (
                    ExpectedQuote(
                        _first_paragraph(quoted.text),
                        quoted.author,
                        str(first_id + spec.quote) if spec.quote_linked else None,
                    ),
                )
            out.append(
                ExpectedPost(
                    post_id=post_id,
                    topic_id=str(index + 1),
                    thread_title=thread.subject,
                    position=position,
                    page=position // POSTS_PER_PAGE + 1,
                    author=spec.author,
                    author_id=None if spec.anonymous else user_id(spec.author),
                    posted_at=spec.at,
                    body=spec.text,
                    signature="" if spec.anonymous else signatures.get(spec.author, ""),
                    quotes=quotes,
                    cited_urls=spec.cites,
                    edited_at=spec.edit.at if spec.edit else None,
                    editor=spec.edit.editor if spec.edit else None,
                    permalink_path=f"{topic_path(index)}?post={post_id}#{post_id}",
                )
            )
        next_id += len(thread.posts)
    return out
