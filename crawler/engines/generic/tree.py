"""The lxml helpers every stage of the generic fallback shares.

The fallback reads the page's element tree directly (parsel selectors are too
slow to walk every element several times): tags, attributes, what a signature
or a quote container looks like, and copying or removing elements without
losing the text that follows them.
"""

from __future__ import annotations

import copy
import re

from lxml.etree import _Element as Element
from parsel import Selector

from crawler.engines.toolkit.text import element_text

# never shown as text (element_text skips the first four itself)
SKIP = {"script", "style", "noscript", "template", "head", "select", "option", "textarea", "svg"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# elements that hold a post part of their own when they carry a class or an id
CONTAINERS = {
    "div", "section", "article", "aside", "header", "footer", "main", "nav", "td", "th",
    "dd", "dt", "blockquote", "form", "fieldset", "table", "tbody", "tr", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "dl",
}  # fmt: skip
# classes that say how a row looks, not what it is: left out of sibling keys
_STATE_CLASS = re.compile(
    r"^(?:odd|even|alt|first|last|new|unread|read|online|offline|active|selected|highlight\w*|"
    r"(?:is|has|js)-.*|clearfix|clear|row|col.*|my-.*|mb-.*|mt-.*|p-.*|m-.*)$",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"signature|(?:^|[^a-z])(?:user|post)?sig(?:[^a-z]|$)", re.IGNORECASE)
QUOTE = re.compile(r"quote", re.IGNORECASE)
_NOT_QUOTE_TOKEN = re.compile(r"^js-|button|btn|link|action|icon|select|multi|reply", re.I)
QUOTE_PART = re.compile(
    r"head|title|cite|author|postedby|posted_by|attribution|foot|expandlink", re.IGNORECASE
)
_BODY_CLASS = re.compile(r"post|message|content|body|text", re.IGNORECASE)


def root_of(sel: Selector) -> Element | None:
    """The page's root element, or None for a JSON response."""
    root = getattr(sel, "root", None)
    if getattr(sel, "type", "html") not in ("html", "xml") or not isinstance(root, Element):
        return None
    return root


def tag(el: Element) -> str:
    """The element's tag, "" for comments and processing instructions."""
    name = el.tag
    return name if isinstance(name, str) else ""  # lxml's HTML parser lower-cases tags


def attrs_text(el: Element, *names: str) -> str:
    return " ".join(el.get(name) or "" for name in names)


def sibling_key(el: Element) -> tuple[str, str]:
    """What repeats among post blocks: the tag and the first class that is not a
    state ("odd", "new"), digits removed; else an id prefix (`msg_12` -> `#msg_`)."""
    classes = [re.sub(r"\d+", "", c) for c in (el.get("class") or "").split()]
    classes = [c for c in classes if c and not _STATE_CLASS.match(c)]
    if classes:
        return tag(el), classes[0]
    element_id = el.get("id") or ""
    if any(c.isdigit() for c in element_id):
        return tag(el), "#" + re.sub(r"\d+", "", element_id)
    return tag(el), ""


def is_signature(el: Element) -> bool:
    attrs = el.attrib
    if not attrs:
        return False
    names = " ".join(attrs.get(n) or "" for n in ("class", "id", "component", "data-role"))
    return bool(names.strip()) and bool(_SIGNATURE.search(names))


def _quote_tokens(el: Element) -> list[str]:
    """Class tokens naming a quote ("bbc_standard_quote", "bbCodeBlock--quote"), not
    scripts or buttons that act on quotes ("js-selectToQuote", "quote-button")."""
    classes = el.get("class")
    if not classes or "uote" not in classes:
        return []
    return [
        token
        for token in classes.split()
        if QUOTE.search(token) and not _NOT_QUOTE_TOKEN.search(token)
    ]


def is_quote(el: Element) -> bool:
    """A quoted reply's container (not its header or footer)."""
    tokens = _quote_tokens(el)
    if tag(el) == "blockquote":
        return not _BODY_CLASS.search(el.get("class") or "") or bool(tokens)
    return any(not QUOTE_PART.search(token) for token in tokens)


def is_quote_part(el: Element) -> bool:
    """A quote's header or footer standing outside the quote (SMF 2.0's quoteheader)."""
    return any(QUOTE_PART.search(token) for token in _quote_tokens(el))


def in_quote(el: Element, block: Element) -> bool:
    """Whether `el` sits inside a quote within `block`."""
    for ancestor in el.iterancestors():
        if ancestor is block:
            return False
        if is_quote(ancestor):
            return True
    return False


def inside(el: Element, ancestors: set[Element]) -> bool:
    """Whether `el` is one of `ancestors` or inside one of them."""
    node: Element | None = el
    while node is not None:
        if node in ancestors:
            return True
        node = node.getparent()
    return False


def drop(el: Element) -> None:
    """Remove `el` but keep its tail text."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def clean_copy(el: Element) -> Element:
    """A copy of `el` to cut quotes and signatures from, without its tail and
    without the elements that are never shown (form controls, inline SVG)."""
    body = copy.deepcopy(el)
    body.tail = None
    for node in list(body.iter(*SKIP)):
        if node is not body:
            drop(node)
    return body


def text(el: Element) -> str:
    """The element's visible text (element_text leaves its tail out)."""
    if not any(True for _ in el.iter("select", "option", "textarea", "svg")):
        return element_text(el)
    return element_text(clean_copy(el))
