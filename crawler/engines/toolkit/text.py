"""Visible text of HTML elements, and the small string readings every engine needs.

Forum bodies are BBCode rendered to HTML: paragraphs are `<br>` runs, not
`<p>` elements. The text keeps single line breaks and blank lines between
paragraphs, which the passage splitter relies on.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html
from parsel import Selector, SelectorList

_BLOCKS = {
    "p",
    "div",
    "blockquote",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "dl",
    "dt",
    "dd",
    "hr",
    "section",
    "article",
    "aside",
    "header",
    "footer",
}
_SKIP = {"script", "style", "noscript", "template"}
_BLANK_LINES = re.compile(r"\n{3,}")
_INT = re.compile(r"\d[\d,.\s]*")
_ROUNDED = re.compile(r"[kKmM]\b")


def element_text(element: lxml_html.HtmlElement) -> str:
    """Visible text of `element` with line breaks where the reader sees them
    (the text after its closing tag, its tail, is not its own)."""
    parts: list[str] = []
    tail, element.tail = element.tail, None
    try:
        _walk(element, parts)
    finally:
        element.tail = tail
    text = "".join(parts).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out = "\n".join(lines)
    return _BLANK_LINES.sub("\n\n", out).strip()


def _flow(text: str, pre: bool) -> str:
    """Text as a browser lays it out: outside <pre>, a source line break is a
    space (only <br> and blocks break lines). Runs of white space need no
    folding here: `element_text` makes every run within a line one space."""
    return text if pre else text.replace("\n", " ")


def _walk(root: lxml_html.HtmlElement, parts: list[str]) -> None:
    """Append the text of `root` and its descendants to `parts`, in reading order.

    Iterative, not recursive: a page nests elements thousands deep when its
    author (or a broken template) leaves tags open, past Python's recursion limit.
    """
    # (element, inside <pre>, closing): a closing entry ends the element's block
    stack: list[tuple[lxml_html.HtmlElement, bool, bool]] = [(root, False, False)]
    while stack:
        el, pre, closing = stack.pop()
        if closing:
            if el.tag in _BLOCKS:
                parts.append("\n")
            if el.tail:
                parts.append(_flow(el.tail, pre))
            continue
        # comments and processing instructions are not shown, nor scripts and styles
        if not isinstance(el.tag, str) or el.tag in _SKIP:
            if el.tail:
                parts.append(_flow(el.tail, pre))
            continue
        tag = el.tag
        inner_pre = pre or tag == "pre"
        if tag == "br" or tag in _BLOCKS:
            parts.append("\n")
        if tag != "br" and el.text:
            parts.append(_flow(el.text, inner_pre))
        stack.append((el, pre, True))
        stack.extend((child, inner_pre, False) for child in reversed(el))


def first_text(sel: Selector | SelectorList[Selector] | None) -> str:
    """Visible text of the first element of `sel` (blank when there is none)."""
    if sel is None:
        return ""
    if isinstance(sel, list):
        if not sel:
            return ""
        sel = sel[0]
    return element_text(sel.root) if isinstance(sel.root, lxml_html.HtmlElement) else ""


def squash(value: str | None) -> str:
    """`value` with runs of white space (and no-break spaces) made single spaces."""
    return " ".join((value or "").replace("\xa0", " ").split())


def css_text(sel: Selector | SelectorList[Selector], query: str = "::text") -> str:
    """The text nodes `query` selects, joined and squashed."""
    return squash(" ".join(sel.css(query).getall()))


def to_int(value: str | None) -> int | None:
    """The first number in `value` ("1,234", "12 004"), or None, also for numbers
    the forum rounded ("9.8k", "1.2K", "3M"): a wrong count is worse than none."""
    match = _INT.search(value or "")
    if not match or _ROUNDED.match((value or "")[match.end() :]):
        return None
    digits = re.sub(r"\D", "", match.group(0))
    return int(digits) if digits else None


def digits(value: str | None) -> int:
    """The digits of `value` read as one number ("1,234" -> 1234); 0 when it has none."""
    found = re.sub(r"\D", "", value or "")
    return int(found) if found else 0
