"""The forum's pages: the board index, each board, each page of each topic.

Numbers the posts as SMF does, works out what each page shows (which posts,
page links, counts, the latest post), and renders ``templates/forum/``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sample.content.forum import BOARDS, MEMBERS, TOPICS, TOTAL_MEMBERS
from sample.model import FORUM_NAME, IMAGES, PER_PAGE, SCRIPT, THEME, Board, Post, TopicSpec
from sample.smf import session
from sample.templating import render

Pages = dict[str, tuple[str, str]]  # route -> (file name, content)
Numbered = Mapping[int, Sequence[Post]]  # topic id -> its posts in order


def number_posts(topics: Sequence[TopicSpec]) -> dict[int, list[Post]]:
    """Give message ids in posting order across the forum, as SMF does."""
    order = sorted(
        (spec.when, topic.tid, i) for topic in topics for i, spec in enumerate(topic.posts)
    )
    by_topic = {t.tid: t for t in topics}
    numbered: dict[int, list[Post]] = {t.tid: [] for t in topics}
    for msg, (_, tid, i) in enumerate(order, start=1):
        topic = by_topic[tid]
        spec = topic.posts[i]
        numbered[tid].append(Post(msg, topic, i, spec, MEMBERS[spec.author]))
    for posts in numbered.values():
        posts.sort(key=lambda p: p.position)
    return numbered


def board_of(topic: TopicSpec) -> Board:
    return next(b for b in BOARDS if b.bid == topic.board)


def page_starts(total_posts: int) -> list[int]:
    """The position of the first post of every page of a topic."""
    return list(range(0, total_posts, PER_PAGE)) or [0]


def topic_icon(replies: int) -> str:
    if replies > 25:
        return "veryhot_post.gif"
    return "hot_post.gif" if replies > 15 else "normal_post.gif"


def smf_page(template: str, key: str, **context: object) -> str:
    """Render a forum page with the site's names and the page's session tokens.

    The tokens are derived from ``key``, so a page renders the same every time.
    """
    svar, sid = session(key)
    context.setdefault("board_id", None)
    context.setdefault("topic_id", None)
    return render(
        template,
        script=SCRIPT,
        theme=THEME,
        images=IMAGES,
        forum=FORUM_NAME,
        svar=svar,
        sid=sid,
        **context,
    )


def render_topic_page(topic: TopicSpec, posts: Sequence[Post], start: int, reads: int) -> str:
    """One page of a topic, the posts from position ``start`` on."""
    board = board_of(topic)
    trail = [
        (SCRIPT, FORUM_NAME),
        (f"{SCRIPT}#c{board.category_id}", board.category),
        (f"{SCRIPT}?board={board.bid}.0", board.name),
        (f"{SCRIPT}?topic={topic.tid}.0", topic.subject),
    ]
    return smf_page(
        "forum/topic.html",
        f"topic-{topic.tid}-{start}",
        title=topic.subject,
        canonical=f"{SCRIPT}?topic={topic.tid}.{start}",
        board_id=board.bid,
        topic_id=topic.tid,
        topic=topic,
        board=board,
        trail=trail,
        posts=posts,
        page=[p for p in posts if p.start == start],
        starts=page_starts(len(posts)),
        start=start,
        reads=reads,
        icon=topic_icon(len(posts) - 1),
    )


def render_board_page(board: Board, numbered: Numbered) -> str:
    """A board's topic list, the topic with the latest post first."""
    topics = [posts[0].topic for posts in numbered.values() if posts[0].topic.board == board.bid]
    topics.sort(key=lambda t: numbered[t.tid][-1].spec.when, reverse=True)
    rows = [
        {
            "topic": topic,
            "posts": numbered[topic.tid],
            "starts": page_starts(len(numbered[topic.tid])),
            "icon": topic_icon(len(numbered[topic.tid]) - 1),
        }
        for topic in topics
    ]
    trail = [
        (SCRIPT, FORUM_NAME),
        (f"{SCRIPT}#c{board.category_id}", board.category),
        (f"{SCRIPT}?board={board.bid}.0", board.name),
    ]
    return smf_page(
        "forum/board.html",
        f"board-{board.bid}",
        title=board.name,
        canonical=f"{SCRIPT}?board={board.bid}.0",
        board_id=board.bid,
        board=board,
        trail=trail,
        rows=rows,
    )


def render_board_index(numbered: Numbered) -> str:
    """The forum's front page: every board's counts and latest post, and the forum stats."""
    all_posts = [p for posts in numbered.values() for p in posts]
    categories = []
    for board in BOARDS:
        posts = [p for p in all_posts if p.topic.board == board.bid]
        categories.append(
            {
                "board": board,
                "posts": len(posts),
                "topics": len({p.topic.tid for p in posts}),
                "last": max(posts, key=lambda p: p.msg),
            }
        )
    return smf_page(
        "forum/index.html",
        "index",
        title=f"{FORUM_NAME} - Index",
        canonical=SCRIPT,
        trail=[(SCRIPT, FORUM_NAME)],
        categories=categories,
        total_posts=len(all_posts),
        total_topics=len(numbered),
        total_members=TOTAL_MEMBERS,
        newest=max(MEMBERS.values(), key=lambda m: m.uid),
        last=max(all_posts, key=lambda p: p.msg),
    )


def render_forum() -> Pages:
    """Return route -> (file name, content) for the forum host."""
    numbered = number_posts(TOPICS)
    pages: Pages = {"/index.php": ("index.html", render_board_index(numbered))}
    for board in BOARDS:
        pages[f"/index.php?board={board.bid}.0"] = (
            f"board_{board.bid}.html",
            render_board_page(board, numbered),
        )
    for topic in TOPICS:
        posts = numbered[topic.tid]
        for n, start in enumerate(page_starts(len(posts))):
            reads = topic.views + 1 + n  # every page view counts, including the crawler's
            pages[f"/index.php?topic={topic.tid}.{start}"] = (
                f"topic_{topic.tid}_{start}.html",
                render_topic_page(topic, posts, start, reads),
            )
    return pages
