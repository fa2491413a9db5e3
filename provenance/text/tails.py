"""Signatures typed into the body: the tail that repeats across one author's posts.

Some forums have no signature block, or users type their sign-off into every
post ("-- Jim, Harbor Watch volunteer"). Such a tail is found as the block
of last lines that several posts of the same author end with, and it is
removed from the body like a signature. A line holding a URL is never part
of a tail: reposters put the official source URL on the last line, and that
line is the most important one of the post.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

MAX_TAIL_LINES = 4
MIN_TAIL_CHARS = 12
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)


def _lines(body: str) -> list[str]:
    return [" ".join(line.split()) for line in body.splitlines() if line.strip()]


def learn_tails(bodies: Sequence[str], min_posts: int = 2, min_share: float = 0.4) -> list[str]:
    """Tails (as text, lines joined by newlines) that end at least `min_posts`
    of `bodies` and at least `min_share` of them; longest first.

    A tail never contains a URL line and never makes up a whole post.
    """
    if not 0.0 <= min_share <= 1.0:
        raise ValueError(f"min_share must be in [0.0, 1.0], got {min_share!r}")
    counts: Counter[tuple[str, ...]] = Counter()
    for body in bodies:
        lines = _lines(body)
        seen = set()
        for k in range(1, min(MAX_TAIL_LINES, len(lines) - 1) + 1):
            tail = tuple(lines[-k:])
            if any(_URL.search(line) for line in tail):
                break
            seen.add(tail)
        counts.update(seen)
    needed = max(min_posts, int(min_share * len(bodies) + 0.999))
    found = [
        tail
        for tail, n in counts.items()
        if n >= needed and sum(len(line) for line in tail) >= MIN_TAIL_CHARS
    ]
    # keep the longest of nested tails ("a\nb" covers "b")
    found.sort(key=len, reverse=True)
    kept: list[tuple[str, ...]] = []
    for tail in found:
        if not any(
            tail == longer[-len(tail) :] and counts[longer] == counts[tail] for longer in kept
        ):
            kept.append(tail)
    return ["\n".join(tail) for tail in kept]


def strip_tail(body: str, tails: Iterable[str]) -> tuple[str, str]:
    """`body` without the first of `tails` it ends with, and the removed tail ('' if none).

    The body is never emptied: a post that is only the tail is left whole.
    """
    lines = _lines(body)
    for tail in tails:
        tail_lines = tail.split("\n")
        if len(lines) > len(tail_lines) and lines[-len(tail_lines) :] == tail_lines:
            raw = body.rstrip().splitlines()
            # drop raw lines from the end until the tail's non-empty lines are gone
            remaining = len(tail_lines)
            while raw and remaining:
                if raw.pop().strip():
                    remaining -= 1
            return "\n".join(raw).rstrip(), tail
    return body, ""
