"""`provenance serve`: the reports as a local web site, read from the database as it is.

The same pages as `report --all` (index, statement pages, summary) plus what a static
site cannot hold: a page per source and per forum, and a search by words. The server
binds 127.0.0.1 only, opens the database read-only for each request (a crawl may write
between two requests), answers GET alone, and sends every page with the reports'
Content-Security-Policy as a header as well as in the page. Nothing is fetched from any
other host: pages carry their style inline and no script.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from markupsafe import Markup

from provenance.report.data import cluster_unmatched
from provenance.report.html import SUMMARY, page_names
from provenance.report.render import CSP, render
from provenance.report.summary import summary_html
from provenance.store import Store

log = logging.getLogger(__name__)

__all__ = ["SERVE_CSP", "make_server"]

# the static reports forbid forms; the served site has one, the search, sent to itself
SERVE_CSP = CSP.replace("form-action 'none'", "form-action 'self'")
NAV = (
    ("index.html", "Statements"),
    (SUMMARY, "Summary"),
    ("sources.html", "Sources"),
    ("forums.html", "Forums"),
)


class NotFound(Exception):
    """No page at this path."""


def _page(template: str, **context: Any) -> str:
    return render(template, nav=NAV, search=True, csp_meta=Markup(SERVE_CSP), **context)


class Site:
    """The pages of the served site, each read from the database when asked for."""

    def __init__(self, db: str) -> None:
        self.db = db

    def _store(self) -> Store:
        return Store.open(self.db, read_only=True)

    def page(self, path: str, params: dict[str, list[str]]) -> str:
        """The page at `path` with query `params`; raises NotFound."""
        name = path.strip("/") or "index.html"
        one = {k: v[0] for k, v in params.items() if v}
        routes: dict[str, Callable[[], str]] = {
            "index.html": self.index,
            SUMMARY: self.summary,
            "sources.html": self.sources,
            "forums.html": self.forums,
            "source": lambda: self.source(one.get("url", "")),
            "forum": lambda: self.forum(one.get("name", "")),
            "search": lambda: self.search(one.get("q", "")),
        }
        if name in routes:
            return routes[name]()
        if name.startswith("statement-") and name.endswith(".html"):
            return self.statement(name)
        raise NotFound(name)

    def index(self) -> str:
        with self._store() as store:
            rows = store.statement_report_rows()
            links = store.post_links()
            unmatched = store.unmatched_report_rows()
        return _page(
            "index.html", title="Quote provenance report", rows=rows, href=page_names(rows),
            groups=cluster_unmatched(unmatched), links=links, current="index.html",
            summary_href=SUMMARY,
        )  # fmt: skip

    def statement(self, name: str) -> str:
        with self._store() as store:
            rows = store.statement_report_rows()
        names = page_names(rows)
        row = next((r for r in rows if names[r["statement_id"]] == name), None)
        if row is None:
            raise NotFound(name)
        title = f"{row.get('speaker') or 'Statement'}: “{str(row.get('text') or '')[:60]}…”"
        return _page("statement.html", title=title, row=row, index_href="index.html")

    def summary(self) -> str:
        with self._store() as store:
            data = store.summary()
        return summary_html(data, nav=NAV, index_href="index.html").replace(CSP, SERVE_CSP, 1)

    def _listing(self, heading: str, rows: list[dict[str, Any]], **extra: Any) -> str:
        return _page(
            "listing.html", title=heading, heading=heading, rows=rows, href=page_names(rows),
            places=None, place_columns=(), note=extra.pop("note", ""), query="", **extra,
        )  # fmt: skip

    def sources(self) -> str:
        with self._store() as store:
            found = store.report_sources()
        places = [
            (f"source?url={quote(url, safe='')}", title or url,
             ("official" if official else "", statements))
            for url, title, official, statements in found
        ]  # fmt: skip
        return _page(
            "listing.html", title="Sources", heading="Sources", rows=[], href={},
            places=places, place_columns=("Source", "", "Statements"), note="", query="",
            current="sources.html",
        )  # fmt: skip

    def forums(self) -> str:
        with self._store() as store:
            found = store.report_forums()
        places = [
            (f"forum?name={quote(forum, safe='')}", forum, (posts, occurrences))
            for forum, posts, occurrences in found
        ]
        return _page(
            "listing.html", title="Forums", heading="Forums and article sites", rows=[],
            href={}, places=places, place_columns=("Forum", "Posts", "Quotes"), note="",
            query="", current="forums.html",
        )  # fmt: skip

    def source(self, url: str) -> str:
        with self._store() as store:
            rows = store.statement_report_rows(source_urls=[url]) if url else []
        if not rows:
            raise NotFound(url)
        return self._listing(f"Statements of {rows[0].get('source_title') or url}", rows, note=url)

    def forum(self, name: str) -> str:
        with self._store() as store:
            rows = store.statement_report_rows()
        kept = []
        for row in rows:
            here = [o for o in row["occurrences"] if o.get("forum") == name]
            if here:
                kept.append(row | {"occurrences": here})
        if not name:
            raise NotFound(name)
        return self._listing(f"Statements quoted on {name}", kept)

    def search(self, query: str) -> str:
        wanted = query.casefold().split()
        with self._store() as store:
            rows = store.statement_report_rows()

        def hit(row: dict[str, Any]) -> bool:
            texts = [row.get("text"), row.get("speaker")]
            texts += [o.get("text") for o in row["occurrences"]]
            blob = " ".join(str(t) for t in texts if t).casefold()
            return all(w in blob for w in wanted)

        found = [r for r in rows if hit(r)] if wanted else []
        return self._listing(
            f"Search: {query}" if query else "Search",
            found,
            note=f"{len(found)} statement{'' if len(found) == 1 else 's'} with every word",
        )


def make_server(db: str, port: int = 8000, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """A server of the reports of `db` on `host`:`port` (port 0: a free one)."""
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"serve binds a loopback address only, not {host!r}")
    site = Site(db)

    class Handler(BaseHTTPRequestHandler):
        server_version = "provenance"
        sys_version = ""

        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            parts = urlsplit(self.path)
            try:
                body = site.page(parts.path, parse_qs(parts.query))
                status = HTTPStatus.OK
            except NotFound:
                body = _page("listing.html", title="Not found", heading="Not found", rows=[],
                             href={}, places=None, place_columns=(), note="No such page.",
                             query="")  # fmt: skip
                status = HTTPStatus.NOT_FOUND
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Security-Policy", SERVE_CSP)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            log.info("%s %s", self.address_string(), format % args)

    return ThreadingHTTPServer((host, port), Handler)
