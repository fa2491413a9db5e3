"""Fetched bytes to the text that page objects read.

Forum software is old and its databases older: a page declared UTF-8 holds
Windows-1252 bytes where a post was pasted from a word processor, a page
declared Latin-1 is UTF-8, text was double-encoded on a database migration
("donâ€™t"), and stray control characters (NUL included) sit in posts. Scrapy
decodes with the declared or detected charset and turns every invalid byte
into U+FFFD, which no later step can undo; lxml refuses control characters
when a page object edits a tree. So the spider hands page objects a response
re-encoded from the text made here, and keeps the raw bytes as they came.
"""

from __future__ import annotations

import codecs
import re

import ftfy
from lxml import etree
from lxml import html as lxml_html
from parsel import Selector
from scrapy.http import HtmlResponse, TextResponse

_FALLBACK = "provenance-cp1252"
# characters XML (and so lxml) cannot hold: C0 controls but tab and newlines,
# lone surrogates, and the two non-characters U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# what UTF-8 read as Windows-1252 or Latin-1 looks like: a lead byte (U+00C2 to
# U+00F4) then a continuation byte (0x80-0xBF as either charset reads it). Text
# without it has no mojibake for ftfy to repair, and ftfy's own check takes
# seconds on a 10 MB page.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]"
)
_END = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
# Nesting deeper than this (in `cut_deep`'s count) is cut out of a page the
# parser could not read whole; legitimate pages stay far below it, and it is
# well below libxml2's own limit, whatever the two counts disagree on.
CUT_DEPTH = 256
# the element left where a too-deep part was cut out: a post holding one is skipped
CUT_TAG = "provenance-cut"
DEEP_REASON = f"nested deeper than {CUT_DEPTH} elements: its text was cut"
_TAG = re.compile(r"<!--.*?(?:-->|$)|<(/?)([A-Za-z][^\s/>]*)([^>]*)>", re.DOTALL)
_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param")
    + ("source", "track", "wbr")
)
_RAW = frozenset(("script", "style", "textarea", "title", "xmp", "plaintext"))
# elements a start tag of the same name closes (`<p>a<p>b`), as HTML parsers do
_IMPLIED = frozenset(("p", "li", "dt", "dd", "option", "tr", "td", "th"))
_START = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
# what may follow `</html>` whole: (its closing, its opening), lower case
_TRAILERS = (
    ("</script>", "<script"),
    ("</style>", "<style"),
    ("-->", "<!--"),
    ("</noscript>", "<noscript"),
)


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """Read the bytes that are not UTF-8 as Windows-1252 (undefined ones as U+FFFD)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252", errors="replace"), error.end


codecs.register_error(_FALLBACK, _cp1252_bytes)


def page_text(body: bytes, encoding: str) -> str:
    """`body` as text: decoded as `encoding` (what Scrapy read from the headers,
    the meta tag or the bytes), with bytes that are not UTF-8 on a UTF-8 page
    read as Windows-1252, mojibake repaired (ftfy) and characters that XML
    cannot hold removed."""
    name = codecs.lookup(encoding).name if encoding else "utf-8"
    if name == "utf-8":
        text = body.decode("utf-8", errors=_FALLBACK)
    else:
        text = body.decode(name, errors="replace")
    text = text.removeprefix("\ufeff")
    if _MOJIBAKE.search(text):
        text = ftfy.fix_encoding(text)
    return _NOT_XML.sub("", text)


def readable(response: TextResponse) -> TextResponse:
    """`response` with its body replaced by `page_text` of it, as UTF-8."""
    text = page_text(response.body, response.encoding)
    return response.replace(body=text.encode("utf-8"), encoding="utf-8")


def page_selector(response: TextResponse) -> tuple[Selector, str]:
    """A selector over `response` (made `readable`), and why the page cannot be
    read whole ('' when it can).

    libxml2 stops reading a document nested deeper than 2048 elements, even
    with its huge-tree option, and drops everything after that point without
    an exception: one post of 2,100 nested quotes would hide every later post
    of the page. Its error log says so; so does a document that stops before
    `</html>` (see `looks_truncated`). JSON answers keep Scrapy's selector.
    """
    # an HtmlResponse's selector is an HTML one (Scrapy's rule): not built to ask
    if not isinstance(response, HtmlResponse) and response.selector.type != "html":
        return response.selector, ""
    parser = lxml_html.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)
    root = etree.fromstring(response.body or b"<html/>", parser=parser)
    if root is None:  # nothing but white space or comments
        root = etree.fromstring(b"<html/>", parser=parser)
    sel = Selector(root=root, type="html")
    if any("depth" in error.message for error in parser.error_log):
        # one hostile post must not take the page with it: read the page again
        # with the too-deep parts cut out (the posts holding them are skipped)
        cut, closed = cut_deep(response.text)
        again = lxml_html.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)
        root = etree.fromstring(cut.encode("utf-8"), parser=again) if closed else None
        if root is None or any("depth" in error.message for error in again.error_log):
            return sel, "nested deeper than the HTML parser reads: the rest of the page is lost"
        sel = Selector(root=root, type="html")
    if looks_truncated(response.text):
        return sel, "the page is cut short"
    return sel, ""


def cut_deep(text: str, limit: int = CUT_DEPTH) -> tuple[str, bool]:
    """`text` with every element that opens deeper than `limit` cut out (its
    tags and text), an empty `<provenance-cut>` element left in its place; and
    whether every cut part closed (False: nesting left open, to the end of the
    page or until an outer element's end tag: what follows cannot be told apart).

    The count follows start and end tags as written, skipping void elements,
    comments and raw text (scripts, styles) and closing the elements HTML
    closes implicitly (`<p>`, `<li>`, table cells); an end tag closes the
    nearest open element of its name and is ignored when none is open.
    """
    stack: list[str] = []
    pieces: list[str] = []
    pos = 0
    cut_at = -1  # where the part being cut starts; -1 while none is
    cut_level = 0  # the depth of the element that opened it
    raw = ""
    for match in _TAG.finditer(text):
        closing, name, rest = match.group(1), match.group(2), match.group(3)
        if name is None:  # a comment
            continue
        name = name.lower()
        if raw:
            if closing and name == raw:
                raw = ""
                stack.pop()
            continue
        if not closing:
            if name in _VOID or rest.rstrip().endswith("/"):
                continue
            if name in _IMPLIED and stack and stack[-1] == name:
                stack.pop()
            stack.append(name)
            if name in _RAW:
                raw = name
            if cut_at < 0 and len(stack) > limit:
                cut_at, cut_level = match.start(), len(stack) - 1
            continue
        if name not in stack:
            continue
        level = len(stack) - 1 - stack[::-1].index(name)
        del stack[level:]
        if cut_at >= 0 and level < cut_level:
            # an outer element closed over the open nesting: where the hostile
            # part ends cannot be told, and cutting up to here could hide posts
            return text, False
        if cut_at >= 0 and level == cut_level:
            pieces += [text[pos:cut_at], f"<{CUT_TAG}></{CUT_TAG}>"]
            pos, cut_at = match.end(), -1
    if cut_at >= 0:
        return text, False
    pieces.append(text[pos:])
    return "".join(pieces), True


def looks_truncated(text: str) -> bool:
    """True for an HTML document that stops before its closing `</body>` or
    `</html>`: the server died mid-page (a PHP fatal error, a dropped
    connection that still closed the response cleanly).

    Whole scripts, styles and comments printed after `</html>` (analytics and
    ad snippets, tens of KB of inline JavaScript a plugin appends) are not
    what was cut: they are set aside before looking for the end tags. A
    script that is itself cut short (no `</script>`) still marks the page.
    """
    head = text[:4096]
    if not _START.search(head):
        return False  # not an HTML document (a JSON API answer, a fragment)
    return _END.search(_without_trailer(text)[-4096:]) is None


def _without_trailer(text: str) -> str:
    """`text` without the complete scripts, styles and comments that end it."""
    end = len(text.rstrip())
    lowered = text[:end].lower()
    while True:
        for closing, opening in _TRAILERS:
            if lowered.endswith(closing, 0, end):
                start = lowered.rfind(opening, 0, end - len(closing))
                if start >= 0:
                    end = len(text[:start].rstrip())
                    break
        else:
            return text[:end]
