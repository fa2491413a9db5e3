"""Typed signatures: the repeated tail of one author's posts."""

from __future__ import annotations

import pytest

from provenance.text.tails import learn_tails, strip_tail

SIGN_OFF = "-- Jim\nHarbor Watch volunteer since 2009"
POSTS = [
    f"The council meets Tuesday.\n\n{SIGN_OFF}",
    f"I agree with the buyout plan.\nIt is overdue.\n\n{SIGN_OFF}",
    f"Route 9 flooded again.\n\n{SIGN_OFF}",
    "Short reply without the sign-off.",
]


def test_the_repeated_tail_is_learned_and_stripped() -> None:
    tails = learn_tails(POSTS)
    assert tails == ["-- Jim\nHarbor Watch volunteer since 2009"]
    body, removed = strip_tail(POSTS[1], tails)
    assert body == "I agree with the buyout plan.\nIt is overdue."
    assert removed == tails[0]
    assert strip_tail(POSTS[3], tails) == (POSTS[3], "")


def test_a_url_line_is_never_a_tail() -> None:
    url = "https://www.ag.calloway.example/news/releases/one"
    bodies = [f"Release text one.\n\n{url}", f"Release text two.\n\n{url}"]
    assert learn_tails(bodies) == []
    signed = [f"Text {n}.\n{url}\n-- Jim from the harbor" for n in range(3)]
    assert learn_tails(signed) == ["-- Jim from the harbor"]


def test_a_tail_seen_once_or_too_short_is_not_learned() -> None:
    assert learn_tails([POSTS[0], POSTS[3]]) == []
    assert learn_tails(["One.\nThanks!", "Two.\nThanks!"]) == []  # too short to tell


def test_a_post_that_is_only_the_tail_is_left_whole() -> None:
    tails = learn_tails(POSTS)
    assert strip_tail(SIGN_OFF, tails) == (SIGN_OFF, "")


def test_share_must_be_a_fraction() -> None:
    with pytest.raises(ValueError, match="min_share"):
        learn_tails(POSTS, min_share=2.0)


# --- through the store pipeline, across batches and crawls ---------------------------

from datetime import UTC, datetime, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

from crawler.items import Post  # noqa: E402
from crawler.pipelines import strip_typed_signatures  # noqa: E402
from provenance.store import Store  # noqa: E402


def _post(n: int, body: str, author: str = "jim") -> Post:
    return Post(
        "f",
        "1",
        str(n),
        f"http://f/?topic=1.msg{n}",
        "T",
        n,
        author,
        "9",
        datetime(2026, 1, 5, tzinfo=UTC) + timedelta(minutes=n),
        body,
    )


def test_typed_signatures_are_learned_across_batches_and_crawls(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    with Store.open(db) as store:
        # first batch: one signed post of jim's, nothing to learn from yet
        first = strip_typed_signatures(store, [_post(0, POSTS[0])])
        assert first[0].body == POSTS[0]
        store.save_posts(first)
        # second batch: two more signed posts: the tail is learned, the stored post cleaned too
        batch = strip_typed_signatures(store, [_post(1, POSTS[1]), _post(2, POSTS[2])])
        store.save_posts(batch)
        rows = store.query("SELECT post_id, body, signature FROM posts ORDER BY post_id")[1]
        tails = store.query("SELECT author, tail FROM typed_signatures")[1]
        assert tails == [("jim", SIGN_OFF)]
        assert rows == [
            ("0", "The council meets Tuesday.", SIGN_OFF),
            ("1", "I agree with the buyout plan.\nIt is overdue.", SIGN_OFF),
            ("2", "Route 9 flooded again.", SIGN_OFF),
        ]
    # a later crawl sees the same raw posts: nothing changed, nothing learned twice
    with Store.open(db) as store:
        again = strip_typed_signatures(
            store, [_post(0, POSTS[0]), _post(1, POSTS[1]), _post(2, POSTS[2])]
        )
        assert store.save_posts(again) == {"new": 0, "changed": 0, "unchanged": 3}
        assert store.counts()["typed_signatures"] == 1
        assert store.counts()["post_versions"] == 3


def test_another_authors_posts_are_left_alone(tmp_path: Path) -> None:
    with Store.open(tmp_path / "t.duckdb") as store:
        posts = [_post(n, POSTS[n]) for n in range(3)] + [_post(9, POSTS[0], author="ann")]
        out = strip_typed_signatures(store, posts)
    assert out[3].body == POSTS[0] and out[3].signature == ""
