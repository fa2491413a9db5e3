"""Quoted replies taken out of a post body, with who and which post they quote.

A quote container (a blockquote, a class naming a quote) is a quoted reply when
something attributes it: a header ("Quote from: X on ...", "Originally Posted
by X", "X said:", "X has written:"), an author attribute on the container or
its quote body, or a link to the quoted post. A bare quotation (Markdown's
`>`) is a quoted reply when an earlier post of the page holds its words (its
author is then the quoted one) or when it opens the post, before any word of
the reply; introduced by the post's own words ("Reposting the release:") it is
a reposted source and stays body text. Quote
furniture around the container (SMF 2.0's header outside the blockquote,
"Click to expand...", a wrapper left with its "Quote:" label) leaves with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml.etree import _Element as Element

from crawler.engines.generic.dates import DATE
from crawler.engines.generic.tree import (
    QUOTE,
    QUOTE_PART,
    attrs_text,
    drop,
    inside,
    is_quote,
    is_quote_part,
    tag,
    text,
)
from crawler.items import QuotedReply

_QUOTE_AUTHOR_ATTRS = ("data-quote", "data-author", "data-username", "data-user", "data-name")
_QUOTED_ID = re.compile(
    r"(?:msg=?|[?&;]p=|[?&;]pid=|[?&;]post=|post[-_=/:]?\s*|#p|/posts?/|comment[-_=/]?|id=)(\d+)",
    re.IGNORECASE,
)
_QUOTE_HEAD = (
    re.compile(r"^(?:quote from|quoting|quote)\s*:?\s*(.+?)\s+on\b", re.I),
    re.compile(r"^originally posted by:?\s+(.+?)(?:\s+view post)?$", re.I),
    re.compile(
        r"^(.{1,60}?)\s+(?:said|wrote|writes|says|posted|has written|has said|"
        r"a écrit|schrieb|escribió)\s*:?",
        re.I,
    ),
    re.compile(r"^(?:quote from|quoting)\s*:?\s*(.{1,60})$", re.I),
)
_SAID = _QUOTE_HEAD[2]


def take_quotes(
    body: Element, earlier: Sequence[tuple[str | None, str]] = ()
) -> tuple[QuotedReply, ...]:
    """Remove the top-level quoted replies from `body` (in place) and return them;
    `earlier` holds the author and body text of the page's posts above this one."""
    quotes = _take_headed_quotes(body)
    for quote in [q for q in body.iter() if isinstance(q.tag, str) and q is not body]:
        if not is_quote(quote) or any(is_quote(a) for a in quote.iterancestors()):
            continue
        if not inside(quote, {body}) or quote.getparent() is None:
            continue  # inside a quote removed already
        if _in_quote_part(quote, body) or not text(quote):
            continue  # SMF 2.0's topslice_quote: a header's inner box, or an empty corner
        header = quote.getprevious()
        headers = [header] if header is not None and _is_quote_header(header) else []
        footer = quote.getnext()
        footers = [footer] if footer is not None and is_quote_part(footer) else []
        all_heads = [
            el
            for el in quote.iter()
            if isinstance(el.tag, str)
            and el is not quote
            and (tag(el) == "cite" or QUOTE_PART.search(attrs_text(el, "class")))
        ]
        own_heads = headers + all_heads[:1]  # a quote's header comes before nested quotes
        head_text = " ".join(text(h) for h in own_heads)
        links = [a.get("href") or "" for h in own_heads for a in h.iter("a")]
        for el in headers + footers + all_heads:
            drop(el)  # quote furniture ("Quote from: ...", "Click to expand...")
        quoted = text(quote)
        author = _quote_author(quote, head_text)
        quoted_id = _quoted_id(quote, links)
        first, _, rest = quoted.partition("\n")
        said = _SAID.match(first)
        if author is None and said and len(first) < 80:  # "dave wrote:" on the first line
            author, quoted = _author_name(said.group(1)), rest.strip()
            said_links = [a.get("href") or "" for a in quote.iter("a") if text(a) in first]
            quoted_id = quoted_id or _quoted_id(quote, said_links)
        elif author is None and quoted_id is None:
            author = _earlier_author(quoted, earlier)
            if author is None and _words_before(quote, body):
                continue  # a source the post introduces and reposts: body text
        quotes.append(QuotedReply(text=quoted, author=author, quoted_post_id=quoted_id))
        parent = quote.getparent()
        drop(quote)
        if parent is not None and parent is not body and is_label_only(parent):
            drop(parent)  # a wrapper left with its "Quote:" label only
    return tuple(quotes)


_HEADER_LINE = re.compile(
    r"^(?:originally posted by:?\s+(?P<by>.{1,60}?)(?:\s+view post)?"
    r"|(?P<said>.{1,60}?)\s+(?:wrote|said|posted|has written|writes|says)\s*:)$",
    re.IGNORECASE,
)
_BLOCKS = {"div", "table", "tbody", "tr", "td", "blockquote", "dd", "section"}


def _take_headed_quotes(body: Element) -> list[QuotedReply]:
    """Quotes whose only mark is a header line in a box of their own, without a quote
    class: vBulletin 3's "Quote: / Originally Posted by X" table, phpBB 2's
    "X wrote:" row above `td.quote`. The header's next block is the quoted text;
    the smallest box holding both (and a "Quote:" label) leaves the body."""
    found: list[QuotedReply] = []
    for header in [el for el in body.iter() if isinstance(el.tag, str) and el is not body]:
        if header.getparent() is None or not inside(header, {body}):
            continue  # removed with an earlier quote
        shown = " ".join(text(header).split())
        match = _HEADER_LINE.match(shown) if len(shown) <= 100 else None
        if match is None or any(is_quote(a) for a in header.iterancestors()):
            continue
        node = header
        while (
            node.getnext() is None and node.getparent() is not None and node.getparent() is not body
        ):
            node = node.getparent()
        quoted_el = node.getnext()
        if quoted_el is None or tag(quoted_el) not in _BLOCKS or not text(quoted_el):
            continue
        box = node.getparent()
        while (
            box is not None
            and box is not body
            and box.getparent() is not body
            and is_label_only_text(text(box.getparent()), text(box))
        ):
            box = box.getparent()
        links = [a.get("href") or "" for a in header.iter("a")]
        author = _author_name(match.group("by") or match.group("said"))
        found.append(QuotedReply(text(quoted_el), author, _quoted_id(quoted_el, links)))
        drop(box if box is not None and box is not body else quoted_el)
    return found


def is_label_only_text(outer: str, inner: str) -> bool:
    """Whether `outer` is `inner` and a label ("Quote:") at most."""
    rest = outer.replace(inner, "", 1).strip()
    return len(rest) <= 30 and (not rest or rest.endswith(":") or bool(QUOTE.search(rest)))


def _in_quote_part(el: Element, body: Element) -> bool:
    """Whether `el` sits in a quote's header or footer (between it and `body`)."""
    for ancestor in el.iterancestors():
        if ancestor is body:
            return False
        if is_quote_part(ancestor):
            return True
    return False


def _is_quote_header(el: Element) -> bool:
    """A quote's header before it: SMF 2.0's quoteheader, NodeBB's "@x said in ...:"."""
    if is_quote_part(el):
        return True
    if tag(el) not in ("p", "div", "span", "strong", "b"):
        return False
    shown = text(el)
    return len(shown) < 200 and shown.endswith(":") and bool(_SAID.match(shown))


def is_label_only(el: Element) -> bool:
    """Whether `el` shows no more than a label ("Quote:", "Code:")."""
    shown = text(el)
    return len(shown) <= 30 and (not shown or shown.endswith(":") or bool(QUOTE.search(shown)))


def _quote_author(quote: Element, head_text: str) -> str | None:
    """Who is quoted: an attribute naming them (data-quote, data-author, ...username),
    else the header ("Quote from: X on ...", "Originally Posted by X", "X said:")."""
    for el in _own_parts(quote):
        for name in _QUOTE_AUTHOR_ATTRS:
            value = (el.get(name) or "").strip()
            if value:
                return _author_name(value.split(",")[0])
        for name, value in el.attrib.items():
            if name.startswith("data-") and name.endswith(("username", "author")) and value.strip():
                return _author_name(value)
    head = " ".join(head_text.split())
    for pattern in _QUOTE_HEAD:
        match = pattern.match(head)
        if match:
            return _author_name(match.group(1))
    return None


def _own_parts(quote: Element) -> list[Element]:
    """The quote container and its quote body (Misago's `aside > blockquote[data-author]`),
    not the quotes nested inside that body."""
    parts = [quote]
    for child in quote:
        if isinstance(child.tag, str) and tag(child) == "blockquote" and len(parts) == 1:
            parts.append(child)
    return parts


def _author_name(head: str) -> str | None:
    """ "On 5/2/2023 at 4:40 PM, rangerrebew" and "(01-05-2026, 10:00 AM)bob": the name."""
    head = DATE.sub("", head)
    head = re.sub(r"^\s*(?:on\b)?[\s,()]*", "", head).strip(" ,()–—-:").lstrip("@")
    return head or None


def _quoted_id(quote: Element, links: list[str]) -> str | None:
    """The quoted post's id: from the quote's attributes or a link in its header."""
    for name, value in quote.attrib.items():
        if name in ("data-source", "data-pid", "data-post-id", "data-postid") or (
            name.startswith("data-") and name.endswith(("commentid", "postid", "-pid"))
        ):
            digits = re.findall(r"\d+", value)
            if digits:
                return digits[-1]
    for href in links:
        match = _QUOTED_ID.search(href)
        if match:
            return match.group(1)
    return None


def _earlier_author(quoted: str, earlier: Sequence[tuple[str | None, str]]) -> str | None:
    """The author of the nearest earlier post whose body holds the quote's words."""
    words = _words(quoted)
    if len(words) < 20:
        return None
    for name, shown in reversed(earlier):
        if name and words in _words(shown):
            return name
    return None


def _words_before(quote: Element, body: Element) -> bool:
    """Whether the body shows words before the quote."""
    for piece in quote.xpath("preceding::text()"):
        parent = piece.getparent()
        if parent is not None and inside(parent, {body}) and re.search(r"\w", piece):
            return True
    return False


def _words(value: str) -> str:
    return " ".join(re.sub(r"[^\w$%]+", " ", value.lower()).split())
