"""HTML-to-text helpers shared by the page objects.

Forum bodies are BBCode rendered to HTML: paragraphs are `<br>` runs, not
`<p>` elements. The text keeps single line breaks and blank lines between
paragraphs, which the passage splitter relies on.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml import html as lxml_html

from provenance.urls import normalise_url

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


def _walk(el: lxml_html.HtmlElement, parts: list[str], pre: bool = False) -> None:
    if not isinstance(el.tag, str):  # comments and processing instructions: not shown
        if el.tail:
            parts.append(_flow(el.tail, pre))
        return
    tag = el.tag
    if tag in _SKIP:
        if el.tail:
            parts.append(_flow(el.tail, pre))
        return
    inner_pre = pre or tag == "pre"
    if tag == "br" or tag in _BLOCKS:
        parts.append("\n")
    if tag != "br" and el.text:
        parts.append(_flow(el.text, inner_pre))
    for child in el:
        _walk(child, parts, inner_pre)
    if tag in _BLOCKS:
        parts.append("\n")
    if el.tail:
        parts.append(_flow(el.tail, pre))


def _text_outside_links(element: lxml_html.HtmlElement) -> str:
    parts: list[str] = []

    def walk(el: lxml_html.HtmlElement, inside: bool) -> None:
        inside = inside or el.tag == "a"
        if isinstance(el.tag, str) and not inside and el.text:
            parts.append(el.text)
        for child in el:
            walk(child, inside)
            if child.tail and not inside:
                parts.append(child.tail)

    walk(element, False)
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
    out: list[str] = []
    for url in found:
        norm = normalise_url(url)
        if norm and norm not in out:
            out.append(norm)
    return tuple(out)
