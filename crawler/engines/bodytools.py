"""Small helpers shared by the SMF 2.1, phpBB and MyBB page objects.

Those engines cut a post body the same way: copy the body element, take the
quoted replies out of the copy keeping the text around them, and read the
URLs the post cites. They also number pages by an offset or a page number
whose elided middle ("1 2 ... 9") has to be filled in. Everything specific to
one engine stays in that engine's module.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from math import gcd
from urllib.parse import urlsplit

from lxml import html as lxml_html

from crawler.engines.html import cited_urls, element_text, iter_in_pre


def drop(el: lxml_html.HtmlElement) -> None:
    """Remove `el` from its tree but keep its tail text in place."""
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


def block_text(el: lxml_html.HtmlElement, drop_xpath: str = "") -> str:
    """Text of `el` alone: without its tail (the text after it, which
    `element_text` reads) and without the descendants `drop_xpath` selects."""
    block = copy.deepcopy(el)
    block.tail = None
    if drop_xpath:
        for part in block.xpath(drop_xpath):
            drop(part)
    return element_text(block)


def cited_urls_outside_links(body: lxml_html.HtmlElement, base_url: str) -> tuple[str, ...]:
    """`cited_urls` of `body`, with bare URLs read only from text outside links.

    Forums shorten the text of long links in the middle ("https://a.b/2026/
    harb ... ement.html" in phpBB, "https://a.b/2026/harb...ement.html" in
    MyBB); read as a bare URL, that text would be cited as a URL that does not
    exist. The link's href is always there for the whole URL.
    """
    outside = copy.deepcopy(body)
    for a in outside.xpath(".//a"):
        a.text = None
        for child in list(a):
            drop(child)
    return cited_urls(body, base_url, element_text(outside))


def same_site_path(a: str, b: str) -> bool:
    """True when two URLs share host and path (the forum's script)."""
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.netloc.lower(), pa.path) == (pb.netloc.lower(), pb.path)


def fill_steps(values: Iterable[int], first: int = 0) -> list[int]:
    """Every offset (or page number) from `first` to the largest of `values`,
    at the common step of the ones given: a page index that shows
    "1 2 3 ... 9" stands for all nine pages."""
    seen = sorted({first, *values})
    step = 0
    for value in seen:
        step = gcd(step, value - first)
    if not step:
        return seen
    return list(range(first, seen[-1] + 1, step))


def clean_source(el: lxml_html.HtmlElement) -> None:
    """Make the HTML source read as a browser shows it (in place).

    Comments go (MyBB wraps templates in `<!-- start: ... -->`, and
    `element_text` would read them), and line breaks of the source become
    spaces: phpBB and MyBB write `line<br>\n`, where only the `<br>` is a line
    break for the reader. Text inside `<pre>` keeps its newlines.
    """
    for comment in el.xpath(".//comment() | .//processing-instruction()"):
        drop(comment)
    for node, in_pre in iter_in_pre(el):
        if node.text and not (in_pre or node.tag == "pre"):
            node.text = node.text.replace("\r", " ").replace("\n", " ")
        if node.tail and not in_pre and node is not el:
            node.tail = node.tail.replace("\r", " ").replace("\n", " ")
