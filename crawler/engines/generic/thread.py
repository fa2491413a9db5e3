"""What a page says of its thread (title, board), and the last-resort post.

The title is the page heading that `<title>` repeats, else `<title>` without
the site name and page number; the board is the last link of the breadcrumb.
When no post block is found at all, trafilatura's main text of the page is
taken as one post, marked in its id (`trafilatura-<hash>`).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urljoin

from lxml.etree import _Element as Element
from parsel import Selector

from crawler.engines.base import PageContext
from crawler.engines.generic.dates import Clock, has_machine_date, languages, machine_date
from crawler.engines.generic.tree import attrs_text, root_of
from crawler.engines.generic.urls import canonical_url, page_parts, same_thread
from crawler.items import Post, Thread

_CRUMBS = re.compile(r"breadcrumb|crumbs|linktree|navigate_section|p-breadcrumbs", re.I)


def title(root: Element) -> str:
    """The thread's title: a page heading found in <title>, else <title> without the
    site name and page number ("" when the page has neither)."""
    whole = " ".join(" ".join(root.xpath("//title//text()")).split())
    whole = re.sub(
        r"\s*[-–|,]?\s*\(?page \d+(?: of \d+)?\)?(?=\s+[-–|]\s|$)", "", whole, flags=re.I
    )
    heads = [" ".join(" ".join(h.itertext()).split()) for h in root.iter("h1", "h2", "h3")]
    inside = [h for h in heads if len(h) >= 8 and h in whole and len(h) >= 0.4 * len(whole)]
    if inside:
        return max(inside, key=len)
    if not whole:
        return next((h for h in heads if h), "")
    site_names = {
        " ".join(v.split()) for v in root.xpath('//meta[@property="og:site_name"]/@content')
    }
    pieces = re.split(r"\s+(?:-|\||–|—|::|»|•)\s+", whole)
    if len(pieces) > 1 and pieces[-1] in site_names:
        return whole[: whole.rfind(pieces[-1])].rstrip(" -|–—:»•")
    if len(pieces) > 1 and pieces[0] in site_names:
        return whole[len(pieces[0]) :].lstrip(" -|–—:»•")
    return whole


def board(root: Element, url: str) -> str | None:
    """The board's name: the last link of the breadcrumb that is not the thread at
    `url` itself, or None without one."""
    own = page_parts(canonical_url(url) or url)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if _CRUMBS.search(attrs_text(el, "class", "id")):
            names = [
                " ".join(a.text_content().split())
                for a in el.iter("a")
                if not same_thread(canonical_url(urljoin(url, a.get("href") or "")) or "", own)
            ]
            names = [name for name in names if name]
            return names[-1] if names else None
    return None


def trafilatura_post(sel: Selector, url: str, thread: Thread, ctx: PageContext) -> tuple[Post, ...]:
    """The page's main text as one post (none when it has under 20 characters)."""
    import trafilatura  # imported late: only pages nothing else could read need it

    document = trafilatura.bare_extraction(sel.get(), url=url, with_metadata=False)
    found = getattr(document, "text", None) or ""
    if len(found.strip()) < 20:
        return ()
    root = root_of(sel)
    stamps = [el for el in root.iter() if has_machine_date(el)] if root is not None else []
    posted_at = (
        machine_date(stamps[0], Clock(ctx, languages(root)))
        if stamps and root is not None
        else None
    )
    digest = hashlib.sha1(f"{url}\n{found}".encode()).hexdigest()[:12]
    return (
        Post(
            forum=ctx.forum,
            thread_id=thread.thread_id,
            post_id=f"trafilatura-{digest}",
            permalink=url,
            thread_title=thread.title,
            position=0,
            author=None,
            author_id=None,
            posted_at=posted_at,
            body=found.strip(),
            cited_urls=(),
            page_url=url,
            fetched_at=ctx.fetched_at,
        ),
    )
