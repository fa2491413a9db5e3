"""Post blocks into Post items: body text cleaned, quotes, signature, edit note, meta.

Each block's body (chosen by body.py) is copied and cleaned: quoted replies
leave as QuotedReply, signature containers and "Code:"-style labels are cut,
an edit note printed inside the body becomes the edit date and editor, a
signature under a rule line ("____", "--") is split off, and a tail of
paragraphs repeated under every post of one author is taken as a signature.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

from lxml.etree import _Element as Element
from parsel import Selector

from crawler.engines.base import PageContext
from crawler.engines.generic import meta
from crawler.engines.generic.body import ChunkCache, body_elements
from crawler.engines.generic.dates import (
    DATE,
    Clock,
    editor_name,
    has_machine_date,
    languages,
    machine_date,
    post_dates,
    text_date,
)
from crawler.engines.generic.quotes import is_label_only, take_quotes
from crawler.engines.generic.tree import attrs_text, clean_copy, drop, inside, is_signature, text
from crawler.engines.generic.urls import PagePart
from crawler.engines.toolkit.dates import page_context
from crawler.engines.toolkit.text import element_text
from crawler.engines.toolkit.urls import cited_urls
from crawler.items import Post, QuotedReply, Thread

_LABEL_CLASS = re.compile(r"description|header|title|label|head", re.IGNORECASE)
_EDIT_NOTE = re.compile(r"^(?:last )?(?:edited|modified|updated)\b", re.IGNORECASE)
_SIG_RULE = re.compile(r"^\s*(?:_{4,}|-{2,}|—+|={4,})\s*$")


@dataclass
class _Draft:
    block: Element
    body_el: Element  # a cleaned copy of the body
    body: str
    signature: str
    quotes: tuple[QuotedReply, ...]
    author: str | None
    author_id: str | None
    edit: tuple[datetime | None, str | None]  # an edit note found inside the body


def posts(
    blocks: list[Element],
    url: str,
    own: PagePart,
    thread: Thread,
    ctx: PageContext,
    cache: ChunkCache,
) -> tuple[Post, ...]:
    """The posts of the page, one per block, in page order."""
    bodies = body_elements(blocks, cache)
    root = blocks[0].getroottree().getroot()
    clock = Clock(page_context(ctx, Selector(root=root)), languages(root))
    metas = [list(meta.meta_elements(b, body)) for b, body in zip(blocks, bodies, strict=True)]
    drafts: list[_Draft] = []
    for block, body, found in zip(blocks, bodies, metas, strict=True):
        earlier = [(d.author, d.body) for d in drafts]
        drafts.append(_draft(block, body, found, clock, earlier))
    _strip_repeated_tails(drafts)
    positions = meta.positions([meta.post_number(found) for found in metas], own)
    out = []
    for draft, body, found, position in zip(drafts, bodies, metas, positions, strict=True):
        post_id = meta.post_id(draft.block, found) or meta.hash_id(url, draft.author, draft.body)
        posted_at, edited_at, editor = post_dates(draft.block, body, found, clock)
        if edited_at is None:
            edited_at, editor = draft.edit
        out.append(
            Post(
                forum=ctx.forum,
                thread_id=thread.thread_id,
                post_id=post_id,
                permalink=meta.permalink(draft.block, found, post_id, url),
                thread_title=thread.title,
                position=position,
                author=draft.author,
                author_id=draft.author_id,
                posted_at=posted_at,
                body=draft.body,
                signature=draft.signature,
                quotes=draft.quotes,
                cited_urls=_cited(draft.body_el, url, draft.body),
                edited_at=edited_at,
                editor=editor,
                page_url=url,
                fetched_at=ctx.fetched_at,
            )
        )
    return tuple(out)


def _draft(
    block: Element,
    body: Element,
    found: list[Element],
    clock: Clock,
    earlier: list[tuple[str | None, str]],
) -> _Draft:
    """One block's body cleaned, with what was cut from it, and its author; `earlier`
    holds the author and body of the page's posts above it."""
    body_el = clean_copy(body)
    quotes = take_quotes(body_el, earlier)
    signature = ""
    for sig in list(body_el.iter()):
        if isinstance(sig.tag, str) and sig is not body_el and is_signature(sig):
            signature = signature or text(sig)
            drop(sig)
    for label in [el for el in body_el.iter() if isinstance(el.tag, str) and el is not body_el]:
        if _LABEL_CLASS.search(attrs_text(label, "class")) and is_label_only(label):
            drop(label)  # "Code:", "Spoiler:" labels of BBCode blocks
    edit = _take_edit_note(body_el, clock)
    shown, ruled = _split_rule_signature(element_text(body_el))
    signature = signature or ruled or _signature_of(block, body)
    author, author_id = meta.author(block, found)
    return _Draft(block, body_el, shown, signature, quotes, author, author_id, edit)


def _cited(body: Element, url: str, shown: str) -> tuple[str, ...]:
    """cited_urls without @mention links (profiles, not sources)."""
    mentions = {
        urljoin(url, a.get("href") or "")
        for a in body.iter("a")
        if "mention" in (a.get("class") or "").lower()
    }
    return tuple(u for u in cited_urls(body, url, shown) if u not in mentions)


def _take_edit_note(body: Element, clock: Clock) -> tuple[datetime | None, str | None]:
    """Remove an edit note printed inside the body ("Edited May 3, 2023 by X") and
    return its date and editor, (None, None) when there is none."""
    for el in body.iter():
        if not isinstance(el.tag, str) or el is body:
            continue
        raw = " ".join(el.text_content().split())
        if len(raw) > 120 or not _EDIT_NOTE.match(raw):
            continue
        note = text(el)
        times = [t for t in el.iter() if isinstance(t.tag, str) and has_machine_date(t)]
        when = machine_date(times[0], clock) if times else None
        if when is None:
            found = DATE.search(note)
            when = text_date(found.group(0), clock) if found else None
        if when is None:
            continue
        who = re.search(r"\bby[:\s]+([^\s«»,;:()|]+)\s*\.?$", note, re.IGNORECASE)
        drop(el)
        return when, editor_name(who.group(1)) if who else None
    return None, None


def _split_rule_signature(shown: str) -> tuple[str, str]:
    """An inline signature under a rule line ("____", "--") at the end of the body."""
    lines = shown.split("\n")
    for index in range(len(lines) - 1, 0, -1):
        if _SIG_RULE.match(lines[index]):
            tail = "\n".join(lines[index + 1 :]).strip()
            head = "\n".join(lines[:index]).strip()
            if tail and head and len(tail) <= 500:
                return head, tail
    return shown, ""


def _signature_of(block: Element, body: Element) -> str:
    """The text of a signature container outside the body, "" when there is none."""
    for el in block.iter():
        if (
            isinstance(el.tag, str)
            and is_signature(el)
            and not inside(el, {body})
            and not any(is_signature(a) for a in el.iterancestors())
        ):
            return text(el)
    return ""


def _strip_repeated_tails(drafts: list[_Draft]) -> None:
    """A tail of paragraphs repeated under every post of one author is a signature."""
    by_author: dict[str, list[_Draft]] = defaultdict(list)
    for draft in drafts:
        if draft.author:
            by_author[draft.author].append(draft)
    for own in by_author.values():
        if len(own) < 2:
            continue
        split = [p.body.split("\n\n") for p in own]
        common = 0
        while all(len(s) > common + 1 for s in split) and len({s[-1 - common] for s in split}) == 1:
            common += 1
        if not common:
            continue
        for post, paragraphs in zip(own, split, strict=True):
            tail = "\n\n".join(paragraphs[-common:])
            post.body = "\n\n".join(paragraphs[:-common]).strip()
            post.signature = post.signature or tail
