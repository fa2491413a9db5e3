"""Which container of a post block holds the post's body.

A block is cut into chunks: the text each container (an element with a class
or an id) holds itself, signatures and quotes left out. The body is the chunk
path (tag, first class, rank among like siblings) whose text, voted over all
blocks of the page, is longest and differs from block to block: short replies
follow the long ones, and dates, counters and subject lines that repeat
("Re: ...") never win.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from lxml.etree import _Element as Element

from crawler.engines.generic.dates import DATE
from crawler.engines.generic.tree import (
    CONTAINERS,
    HEADINGS,
    SKIP,
    is_quote,
    is_quote_part,
    is_signature,
    sibling_key,
    tag,
)


@dataclass
class Chunk:
    """The text a container holds itself (not through a nested container)."""

    element: Element
    path: tuple[tuple[str, str, int], ...]
    text: list[str]
    length: int = 0
    links: int = 0

    @property
    def joined(self) -> str:
        return " ".join(" ".join(self.text).split())


ChunkCache = dict[Element, list[Chunk]]


def chunks(block: Element, cache: ChunkCache) -> list[Chunk]:
    """The block's containers with their own text, signatures and quotes left out."""
    if block in cache:
        return cache[block]
    out: list[Chunk] = []
    cache[block] = out

    def walk(el: Element, owner: Chunk, in_link: bool) -> None:
        seen: Counter[tuple[str, str]] = Counter()  # siblings of the same key before
        for child in el:
            tail = child.tail or ""
            name = tag(child)
            if (
                name
                and name not in SKIP
                and not is_signature(child)
                and not is_quote(child)
                and not is_quote_part(child)
            ):
                target = owner
                if name in CONTAINERS and (child.get("class") or child.get("id")):
                    key = sibling_key(child)
                    target = Chunk(child, (*owner.path, (*key, seen[key])), [])
                    seen[key] += 1
                    out.append(target)
                if child.text:
                    _add(target, child.text, in_link or name == "a")
                walk(child, target, in_link or name == "a")
            if tail:
                _add(owner, tail, in_link)

    top = Chunk(block, (), [])
    out.append(top)
    if block.text:
        _add(top, block.text, tag(block) == "a")
    walk(block, top, tag(block) == "a")
    return out


def _add(chunk: Chunk, piece: str, in_link: bool) -> None:
    size = len(piece.strip())
    if size:
        chunk.text.append(piece)
        chunk.length += size
        if in_link:
            chunk.links += size


def _score(chunk: Chunk, repeated: bool) -> float:
    if repeated or not chunk.length:
        return 0.0
    joined = chunk.joined
    if DATE.search(joined) and len(joined) < 100:
        return 0.0  # a date line
    score = float(chunk.length - chunk.links) + 0.3 * chunk.links
    if re.fullmatch(r"[^\d]{0,30}\d[\d,. ]*", joined):
        score *= 0.1  # a counter: "Posts: 1,234"
    if tag(chunk.element) in HEADINGS:
        score *= 0.5  # a subject line
    return score


def _repeat_key(joined: str) -> str:
    """Text compared across blocks: "Re: Subject" repeats "Subject"."""
    return re.sub(r"^(?:re|aw|sv|odp|rif)\s*:\s*", "", joined.lower())


def best_container(found: list[Chunk]) -> Chunk | None:
    """The chunk with the most text of its own (link text counting less), or None."""
    best = max(found, key=lambda c: _score(c, False), default=None)
    return best if best is not None and _score(best, False) > 0 else None


def body_elements(blocks: list[Element], cache: ChunkCache) -> list[Element]:
    """The body of each block: the container path whose own text, over all blocks,
    is longest and differs from block to block."""
    per_block = [chunks(b, cache) for b in blocks]
    texts: dict[tuple, Counter[str]] = defaultdict(Counter)
    for found in per_block:
        for chunk in found:
            texts[chunk.path][_repeat_key(chunk.joined)] += 1
    votes: dict[tuple, float] = defaultdict(float)
    for found in per_block:
        for chunk in found:
            repeated = len(blocks) > 1 and texts[chunk.path][_repeat_key(chunk.joined)] > 1
            votes[chunk.path] += _score(chunk, repeated)
    winner = max(votes, key=lambda path: votes[path], default=())
    bodies = []
    for block, found in zip(blocks, per_block, strict=True):
        chosen = next((c for c in found if c.path == winner), None)
        if chosen is None or not chosen.length:
            chosen = best_container(found)
        bodies.append(chosen.element if chosen is not None else block)
    return bodies


def mostly_links(blocks: list[Element], cache: ChunkCache) -> bool:
    """Whether most blocks' main text is link text (a thread list's titles and last
    posters), not prose."""
    bodies = [best_container(chunks(b, cache)) for b in blocks]
    linky = sum(1 for c in bodies if c is None or c.links > 0.6 * c.length)
    return linky > len(blocks) / 2
