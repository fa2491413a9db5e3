"""The records the sample content is written in, and the addresses of the sites.

Frozen dataclasses only: the text lives in ``content/``, the markup in
``templates/``, and the renderers in ``forum.py``, ``official.py`` and ``farm.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

EASTERN = timezone(timedelta(hours=-5))

FORUM_HOST = "forum.townsquare.example"
FORUM_NAME = "The Town Square"
SCRIPT = f"http://{FORUM_HOST}/index.php"
THEME = f"http://{FORUM_HOST}/Themes/default"
IMAGES = f"{THEME}/images"
PER_PAGE = 15
SUBJECT_MAX = 80  # the post form's maxlength: longer titles are cut by the browser

OFFICIAL_HOST = "www.ag.calloway.example"
OFFICIAL = f"http://{OFFICIAL_HOST}"
RELEASES_PATH = "/news/releases"

FARM_HOST = "www.dailywirenow.example"
FARM = f"http://{FARM_HOST}"


@dataclass(frozen=True)
class Release:
    """A press release of the official site (curly quotes, as the office publishes)."""

    slug: str
    title: str
    published: datetime
    topic: str
    summary: str
    paragraphs: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"{RELEASES_PATH}/{self.slug}"

    @property
    def url(self) -> str:
        return OFFICIAL + self.path


@dataclass(frozen=True)
class Member:
    """A forum member as the post's side panel shows them."""

    uid: int
    name: str
    postgroup: str
    stars: int
    posts: int
    signature: str | None  # BBC source, None for a member without one
    membergroup: str | None = None
    title: str | None = None

    @property
    def star_image(self) -> str:
        return "stargmod.gif" if self.membergroup == "Global Moderator" else "star.gif"


@dataclass(frozen=True)
class Board:
    bid: int
    name: str
    description: str
    category_id: int
    category: str


@dataclass(frozen=True)
class PostSpec:
    """A post as its author wrote it; the forum numbers it (see ``Post``)."""

    when: datetime
    author: str
    body: str  # BBC source: [b] [i] [url=...]...[/url], bare URLs, newlines
    quote_of: int | None = None  # index of the quoted post in the same topic
    quote_body: str | None = None  # BBC of the quoted part; None quotes it all
    edited: datetime | None = None


@dataclass(frozen=True)
class TopicSpec:
    tid: int
    board: int
    subject: str
    views: int
    posts: tuple[PostSpec, ...]


@dataclass(frozen=True)
class Post:
    """A post with everything the forum computed: id, position, subject."""

    msg: int
    topic: TopicSpec
    position: int
    spec: PostSpec
    member: Member

    @property
    def subject(self) -> str:
        return self.topic.subject if self.position == 0 else f"Re: {self.topic.subject}"

    @property
    def start(self) -> int:
        """The first position of the page the post is on."""
        return self.position - self.position % PER_PAGE


def at(day: int, clock: str) -> datetime:
    """A forum time on a day of January 2026, e.g. ``at(8, "11:04:17 AM")``."""
    parsed = datetime.strptime(f"2026-01-{day:02d} {clock}", "%Y-%m-%d %I:%M:%S %p")
    return parsed.replace(tzinfo=EASTERN)
