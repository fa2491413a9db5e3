"""What vBulletin 4 and 5 share: BB code quotes, the edit note, text dates.

Text dates ("05-02-2023, 01:14 PM", "Today, 01:14 PM") are month-first on
US boards and day-first elsewhere: the board's locale decides, so the order
is an option of the page objects (`day_first`), month-first by default.
"""

from __future__ import annotations

import re
from datetime import datetime

from lxml import html as lxml_html

from crawler.engines.base import PageContext
from crawler.engines.toolkit.dates import parse_forum_date
from crawler.engines.toolkit.quotes import take_quotes
from crawler.engines.toolkit.text import element_text, squash
from crawler.engines.toolkit.tree import drop, tag_with_class, xclass
from crawler.items import QuotedReply

MONTH_FIRST_FORMATS = (
    "%m-%d-%Y %I:%M %p",
    "%m-%d-%Y, %I:%M %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y, %I:%M %p",
    "%m-%d-%Y %H:%M",
    "%m-%d-%Y, %H:%M",
)
DAY_FIRST_FORMATS = tuple(
    f.replace("%m-%d", "%d-%m").replace("%m/%d", "%d/%m") for f in MONTH_FIRST_FORMATS
)
POST_NUMBER = re.compile(r"#\s*(\d+)")
POST_HREF = re.compile(r"(?:[?&]p=|#post)(\d+)")
_EDIT = re.compile(
    r"Last edited by (?P<who>.+?);\s*(?P<when>.+?)\.?\s*(?:Reason:.*)?$", re.IGNORECASE
)


def date_formats(day_first: bool) -> tuple[str, ...]:
    return DAY_FIRST_FORMATS if day_first else MONTH_FIRST_FORMATS


def unreadable(position: int, post_id: str, url: str) -> str:
    """Why a post cannot be read: no id, or no message (deleted or ignored)."""
    if not post_id.isdigit():
        return f"post {position} on {url} has no post id"
    return f"post {post_id} on {url} has no message (deleted or ignored)"


def take_bbcode_quotes(body: lxml_html.HtmlElement) -> tuple[QuotedReply, ...]:
    """Remove the top-level quoted replies from `body` (in place) and return them.

    Code blocks are `bbcode_container` too; only containers holding a
    `bbcode_quote` are quotes. A nested quote stays inside its outer quote.
    """
    quotes = take_quotes(body, tag_with_class("div", "bbcode_container"), _read_quote)
    # the "Code:" / "Quote:" labels over the remaining BB code blocks are not the poster's words
    for label in body.xpath(f".//div[{xclass('bbcode_description')}]"):
        drop(label)
    return quotes


def _read_quote(block: lxml_html.HtmlElement) -> QuotedReply | None:
    if not block.xpath(f".//div[{xclass('bbcode_quote')}]"):
        return None
    posted_by = block.xpath(f".//div[{xclass('bbcode_postedby')}]")
    author = quoted_id = None
    if posted_by:
        names = posted_by[0].xpath(".//strong")
        author = squash(names[0].text_content()) if names else None
        for a in posted_by[0].iter("a"):
            found = POST_HREF.search(a.get("href") or "")
            if found:
                quoted_id = found.group(1)
                break
    messages = block.xpath(f".//div[{xclass('message')}]")
    if messages:
        quoted = messages[0]
    else:  # an anonymous [quote]: the text sits in the quote container itself
        quoted = block
        for furniture in block.xpath(
            f".//div[{xclass('bbcode_quote_container')} or {xclass('bbcode_postedby')}]"
        ):
            drop(furniture)
    return QuotedReply(text=element_text(quoted), author=author or None, quoted_post_id=quoted_id)


def edit_note(note: str, ctx: PageContext, day_first: bool) -> tuple[datetime | None, str | None]:
    """(edited_at, editor) from "Last edited by X; 05-02-2023 at 03:20 PM. Reason: ..."."""
    match = _EDIT.search(squash(note))
    if not match:
        return None, None
    when = re.sub(r"\s+at\s+", " ", match.group("when").strip(), count=1)
    return parse_forum_date(when, ctx, date_formats(day_first)), match.group("who").strip()
