"""Provenance reports as self-contained HTML pages, with a timeline chart per statement.

A page carries everything it needs inline (CSS and an SVG chart; no script, no font, no
image is fetched), so it can be mailed, archived or opened offline. Every value on it
comes from scraped pages and may be hostile: the pages are rendered from the Jinja2
templates in `templates/` with autoescape on (see `render`), only http(s) URLs become
links, no attribute is built from data except escaped `href`s and fixed class names, and
a Content-Security-Policy that allows no script at all means that a value that slipped
through escaping could still not run.

The data comes from `Store.statement_report_rows` (one dict per statement) shaped by
`provenance.report.data`, which the Markdown and JSON reports share.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from provenance.report.data import Cluster
from provenance.report.render import CSP, NavItem, anchor, render, safe_url, timeline_svg

__all__ = [
    "CSP",
    "INDEX",
    "SUMMARY",
    "page_name",
    "report_page",
    "safe_url",
    "site_nav",
    "site_pages",
    "statement_page",
    "timeline_svg",
]

INDEX = "index.html"
SUMMARY = "summary.html"


def page_name(statement_id: str) -> str:
    """The file name of a statement's page: statement-<first 12 characters of its id>.html."""
    return "statement-" + re.sub(r"[^0-9A-Za-z_-]", "_", statement_id[:12]) + ".html"


def _full_name(statement_id: str) -> str:
    return "statement-" + re.sub(r"[^0-9A-Za-z_-]", "_", statement_id) + ".html"


def page_names(rows: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Statement id → its page's file name; two ids sharing 12 characters: the later one
    is named in full."""
    href: dict[str, str] = {}
    for r in rows:
        name = page_name(r["statement_id"])
        href[r["statement_id"]] = (
            name if name not in href.values() else _full_name(r["statement_id"])
        )
    return href


def site_nav(summary: bool = True) -> tuple[NavItem, ...]:
    """The header links of a report site."""
    return ((INDEX, "Statements"),) + (((SUMMARY, "Summary"),) if summary else ())


def _title(row: dict[str, Any]) -> str:
    return f"{row.get('speaker') or 'Statement'}: “{str(row.get('text') or '')[:60]}…”"


def statement_page(
    row: dict[str, Any], index_href: str | None = INDEX, nav: Sequence[NavItem] = ()
) -> str:
    """The page of one statement, with a link back to the index when `index_href` is set."""
    return render("statement.html", title=_title(row), row=row, index_href=index_href, nav=nav)


def index_page(
    rows: Sequence[dict[str, Any]],
    clusters: Sequence[Cluster] = (),
    links: Sequence[tuple[Any, ...]] = (),
    *,
    href: dict[str, str],
    nav: Sequence[NavItem] = (),
    summary_href: str | None = None,
) -> str:
    """The index of a site: every statement with counts per label, linked by `href`
    (statement id → page), then the post → source `links` and the unmatched clusters."""
    return render(
        "index.html",
        title="Quote provenance report",
        rows=rows,
        groups=clusters,
        links=links,
        href=href,
        nav=nav,
        current=INDEX,
        summary_href=summary_href,
    )


def report_page(
    rows: Sequence[dict[str, Any]],
    clusters: Sequence[Cluster] = (),
    links: Sequence[tuple[Any, ...]] = (),
) -> str:
    """One page with every statement of `rows`, a table of contents, the post → source
    `links` and the unmatched quote `clusters` (each section only when given)."""
    href = {r["statement_id"]: "#" + anchor(r["statement_id"]) for r in rows}
    return render(
        "report.html",
        title="Quote provenance report",
        rows=rows,
        groups=clusters,
        links=links,
        href=href,
    )


def site_pages(
    rows: Sequence[dict[str, Any]],
    clusters: Sequence[Cluster] = (),
    links: Sequence[tuple[Any, ...]] = (),
    summary: dict[str, Any] | None = None,
) -> dict[str, str]:
    """File name → page: index.html (every statement with counts per label, the links
    and the unmatched clusters), one statement-<id12>.html per statement and, given the
    store's `summary`, summary.html; every page carries the same header links."""
    from provenance.report.summary import summary_html

    href = page_names(rows)
    nav = site_nav(summary is not None)
    pages = {
        INDEX: index_page(
            rows, clusters, links, href=href, nav=nav,
            summary_href=SUMMARY if summary is not None else None,
        )
    }  # fmt: skip
    pages.update((href[r["statement_id"]], statement_page(r, nav=nav)) for r in rows)
    if summary is not None:
        pages[SUMMARY] = summary_html(summary, nav=nav, index_href=INDEX)
    return pages
