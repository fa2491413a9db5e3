"""HTML-to-text helpers shared by the page objects.

Forum bodies are BBCode rendered to HTML: paragraphs are `<br>` runs, not
`<p>` elements. The text keeps single line breaks and blank lines between
paragraphs, which the passage splitter relies on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from urllib.parse import urljoin

from lxml import html as lxml_html

from provenance.text.urls import normalise_url

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
_SPACES = re.compile(r"[ \t\r\n\f]+")
BARE_URL = re.compile(r"\bhttps?://[^\s<>\"'\]\[)]+", re.IGNORECASE)


def element_text(element: lxml_html.HtmlElement) -> str:
    """Visible text of `element` with line breaks where the reader sees them."""
    parts: list[str] = []
    # the element's own tail is the text after it, not part of it
    tail, element.tail = element.tail, None
    try:
        _walk(element, parts)
    finally:
        element.tail = tail
    text = "".join(parts).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", out).strip()


def _flow(text: str, pre: bool) -> str:
    """Text as a browser lays it out: outside <pre>, any run of white space,
    source line breaks included, is one space (only <br> and blocks break lines)."""
    return text if pre else _SPACES.sub(" ", text)


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


def outermost(
    root: lxml_html.HtmlElement, match: Callable[[lxml_html.HtmlElement], bool]
) -> list[lxml_html.HtmlElement]:
    """Descendants of `root` that `match` accepts and no accepted element encloses,
    in document order: the top-level quotes of a post, say.

    One pass over the tree, where the XPath `.//q[not(ancestor::q)]` looks up
    every ancestor of every element: seconds on a page nested thousands deep.
    """
    found: list[lxml_html.HtmlElement] = []
    stack = list(reversed(root))
    while stack:
        el = stack.pop()
        if isinstance(el.tag, str) and match(el):
            found.append(el)
            continue
        stack.extend(reversed(el))
    return found


def tag_is(name: str) -> Callable[[lxml_html.HtmlElement], bool]:
    """A `match` for `outermost`: elements named `name`."""
    return lambda el: el.tag == name


def has_class(el: lxml_html.HtmlElement, name: str) -> bool:
    """True when `name` is one of the class names of `el`."""
    return name in (el.get("class") or "").split()


def iter_in_pre(root: lxml_html.HtmlElement) -> Iterator[tuple[lxml_html.HtmlElement, bool]]:
    """Every node of `root` (itself first, in document order) with whether an
    ancestor below or at `root` is a `<pre>`; linear, however deep the tree."""
    stack: list[tuple[lxml_html.HtmlElement, bool]] = [(root, False)]
    while stack:
        el, in_pre = stack.pop()
        yield el, in_pre
        inner = in_pre or el.tag == "pre"
        stack.extend((child, inner) for child in reversed(el))


def _text_outside_links(element: lxml_html.HtmlElement) -> str:
    parts: list[str] = []
    # elements still to read (with whether they sit inside a link), or text to take
    stack: list[tuple[lxml_html.HtmlElement, bool] | str] = [(element, False)]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        el, inside = item
        inside = inside or el.tag == "a"
        if isinstance(el.tag, str) and not inside and el.text:
            parts.append(el.text)
        for child in reversed(el):
            if child.tail and not inside:
                stack.append(child.tail)
            stack.append((child, inside))
    return " ".join(parts)


def cited_urls(element: lxml_html.HtmlElement, base_url: str, text: str) -> tuple[str, ...]:
    """URLs a post cites: every link's href (link text is often cut short by the
    forum) plus bare URLs in the text that the forum did not turn into links."""
    found: list[str] = []
    for a in element.iter("a"):
        href = (a.get("href") or "").strip()
        if href and not href.startswith(("#", "javascript:", "mailto:")):
            found.append(urljoin(base_url, href))
    # bare URLs: only in text outside links (a link's text may be the URL cut short)
    for match in BARE_URL.finditer(_text_outside_links(element)):
        url = match.group(0)
        if "…" in url or "..." in url:
            continue  # link text cut short (at the end or in the middle): the href has it all
        found.append(url.rstrip(".,;:!?"))
    # a dict keeps the order and makes a post that repeats one URL 100,000 times cheap
    out: dict[str, None] = {}
    for url in dict.fromkeys(found):
        norm = normalise_url(url)
        if norm:
            out[norm] = None
    return tuple(out)
