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


def _walk(el: lxml_html.HtmlElement, parts: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP:
        if el.tail:
            parts.append(el.tail)
        return
    if tag == "br" or tag in _BLOCKS:
        parts.append("\n")
    if tag != "br" and el.text:
        parts.append(el.text)
    for child in el:
        _walk(child, parts)
    if tag in _BLOCKS:
        parts.append("\n")
    if el.tail:
        parts.append(el.tail)


def cited_urls(element: lxml_html.HtmlElement, base_url: str, text: str) -> tuple[str, ...]:
    """URLs a post cites: every link's href (link text is often cut short by the
    forum) plus bare URLs in the text that the forum did not turn into links."""
    found: list[str] = []
    for a in element.iter("a"):
        href = (a.get("href") or "").strip()
        if href and not href.startswith(("#", "javascript:", "mailto:")):
            found.append(urljoin(base_url, href))
    for match in BARE_URL.finditer(text):
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
