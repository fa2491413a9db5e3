"""Copying, cutting and cleaning the elements of a post body (lxml, in place).

Engines cut a body the same way: copy the body element, take quoted replies,
edit notes and furniture out of the copy while the text around them stays,
then read what is left. These are the cuts.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from functools import cache

from lxml import etree
from lxml.html import HtmlElement as Element
from parsel import Selector, SelectorList
from parsel.csstranslator import css2xpath

from crawler.engines.toolkit.text import element_text


def xclass(name: str) -> str:
    """An XPath test for elements whose class list holds `name`."""
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


@cache
def css(query: str) -> etree.XPath:
    """`query` (CSS, with parsel's `::text` and `::attr(name)`) compiled once into
    the XPath that parsel's `Selector.css` evaluates, to call on an lxml element:
    `css(q)(el)` is `Selector(root=el).css(q)` read as elements or plain strings,
    without a Selector per node and a translation per call (the hot path of a page
    object that reads a dozen fields of every post)."""
    return etree.XPath(css2xpath(query), smart_strings=False)


def has_class(el: Element, *names: str) -> bool:
    """True when one of `names` is among the class names of `el`."""
    classes = (el.get("class") or "").split()
    return any(name in classes for name in names)


def tag_is(name: str) -> Callable[[Element], bool]:
    """A `match` for `outermost`: elements named `name`."""
    return lambda el: el.tag == name


def tag_with_class(name: str, *classes: str) -> Callable[[Element], bool]:
    """A `match` for `outermost`: elements named `name` carrying one of `classes`."""
    return lambda el: el.tag == name and has_class(el, *classes)


def outermost(root: Element, match: Callable[[Element], bool]) -> list[Element]:
    """Descendants of `root` that `match` accepts and no accepted element encloses,
    in document order: the top-level quotes of a post, say.

    One pass over the tree, where the XPath `.//q[not(ancestor::q)]` looks up
    every ancestor of every element: seconds on a page nested thousands deep.
    """
    found: list[Element] = []
    stack = list(reversed(root))
    while stack:
        el = stack.pop()
        if isinstance(el.tag, str) and match(el):
            found.append(el)
            continue
        stack.extend(reversed(el))
    return found


def iter_in_pre(root: Element) -> Iterator[tuple[Element, bool]]:
    """Every node of `root` (itself first, in document order) with whether an
    ancestor below or at `root` is a `<pre>`; linear, however deep the tree."""
    stack: list[tuple[Element, bool]] = [(root, False)]
    while stack:
        el, in_pre = stack.pop()
        yield el, in_pre
        inner = in_pre or el.tag == "pre"
        stack.extend((child, inner) for child in reversed(el))


def _attach_text(el: Element, text: str) -> None:
    """Put `text` where `el` stands: after its previous sibling, else in its parent."""
    if not text:
        return
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + text
    else:
        parent = el.getparent()
        parent.text = (parent.text or "") + text


def drop(el: Element, blank_tail: bool = True) -> None:
    """Remove `el` from its tree but keep its tail text in place (a tail of
    white space only goes with it when `blank_tail` is False)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and (blank_tail or el.tail.strip()):
        _attach_text(el, el.tail)
    parent.remove(el)


def replace_with_text(el: Element, text: str) -> None:
    """Replace `el` by `text`, keeping its tail."""
    _attach_text(el, text + (el.tail or ""))
    el.getparent().remove(el)


def block_text(el: Element, drop_xpath: str = "") -> str:
    """`element_text` of a copy of `el` without the descendants `drop_xpath`
    selects (the headers of nested quotes, say)."""
    block = copy.deepcopy(el)
    block.tail = None
    if drop_xpath:
        for part in block.xpath(drop_xpath):
            drop(part)
    return element_text(block)


def body_copy(sel: Selector | SelectorList[Selector]) -> Element:
    """A detached copy of the element behind `sel` (without its tail), safe to cut up."""
    el = copy.deepcopy(sel[0].root if isinstance(sel, list) else sel.root)
    el.tail = None
    return el


def clean_source(el: Element) -> Element:
    """Make the HTML source read as a browser shows it (in place) and return `el`.

    Comments go (MyBB wraps templates in `<!-- start: ... -->`), and line
    breaks of the source become spaces: phpBB, MyBB and markdown2 write
    `line<br>\n`, where only the `<br>` is a line break for the reader. Text
    inside `<pre>` keeps its newlines.
    """
    for comment in el.xpath(".//comment() | .//processing-instruction()"):
        drop(comment)
    for node, in_pre in iter_in_pre(el):
        if node.text and not (in_pre or node.tag == "pre"):
            node.text = node.text.replace("\r", " ").replace("\n", " ")
        if node.tail and not in_pre and node is not el:
            node.tail = node.tail.replace("\r", " ").replace("\n", " ")
    return el
