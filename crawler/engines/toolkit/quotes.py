"""Quoted replies taken out of a post body.

Every engine frames a quoted reply differently (a header before the block or
a `cite` inside it, the quoted post in an attribute or a link), but they are
all taken out the same way: each top-level quote block is read, and either
kept in the body (a bare quote that names nobody frames the poster's own
material, often the press release itself) or removed from the body and
returned. Nested quotes stay inside the text of the quote that holds them.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml.html import HtmlElement as Element

from crawler.engines.toolkit.text import element_text, squash
from crawler.engines.toolkit.tree import drop, outermost
from crawler.items import QuotedReply

# a quote block -> the reply it quotes, or None to leave the block in the body
ReadQuote = Callable[[Element], QuotedReply | None]


def take_quotes(
    body: Element, match: Callable[[Element], bool], read: ReadQuote
) -> tuple[QuotedReply, ...]:
    """Remove the top-level blocks `match` accepts and `read` reads as quoted
    replies from `body` (in place), and return those replies in order."""
    quotes = []
    for block in outermost(body, match):
        reply = read(block)
        if reply is None:
            continue
        quotes.append(reply)
        drop(block)
    return tuple(quotes)


def quote_of(
    block: Element,
    author: str | None,
    quoted_id: str | None,
    content: str = "",
    furniture: str = "",
) -> QuotedReply:
    """A quoted reply whose text is the `content` child of `block` (XPath; the
    block itself when blank or absent), without the `furniture` (XPath from the
    text's element: citations, "Click to expand" links)."""
    found = block.xpath(content) if content else []
    quoted = found[0] if found else block
    if furniture:
        for part in quoted.xpath(furniture):
            drop(part)
    text = element_text(quoted)
    return QuotedReply(text=text, author=squash(author) or None, quoted_post_id=quoted_id or None)
