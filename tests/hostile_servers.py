"""Small HTTP servers on 127.0.0.1 for the hostile-world probes (tests and
bench/robustness.py share them): a site with chosen routes, and a canary
that only counts the requests that reach it."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from crawler.items import Post
from provenance.store import Store

# path -> (status, headers, body); a callable gets the server's port first
Route = tuple[int, dict[str, str], bytes]
Routes = dict[str, Route | Callable[[int], Route]]


# (port, path with its query) -> the answer, or None for the routes
Pages = Callable[[int, str], Route | None]


class _Handler(BaseHTTPRequestHandler):
    routes: Routes = {}
    pages: Pages | None = None
    hits: list[str]

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.hits.append(self.path)
        port = self.server.server_address[1]
        route: Route | Callable[[int], Route] | None = None
        if self.pages is not None:
            route = self.pages(port, self.path)
        route = route or self.routes.get(self.path.split("?")[0]) or self.routes.get("*")
        if route is None:
            self.send_response(404)
            self.end_headers()
            return
        status, headers, body = route(port) if callable(route) else route
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        if "Content-Length" in headers:
            self.close_connection = True

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(routes: Routes, pages: Pages | None = None) -> Iterator[tuple[int, list[str]]]:
    """A server on 127.0.0.1 answering `pages` (by path and query) where it
    gives an answer, else `routes` (by path); yields (port, hits)."""
    hits: list[str] = []
    handler = type(
        "Handler", (_Handler,), {"routes": routes, "pages": staticmethod(pages), "hits": hits}
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()
        server.server_close()


def html(body: str) -> Route:
    return 200, {"Content-Type": "text/html; charset=utf-8"}, body.encode()


ARTICLE = html(
    "<html><head><title>Release</title></head><body><article><h1>Release</h1>"
    "<p>The county announced a new flood plan today with money for sea walls.</p>"
    "<p>It will be reviewed every two years by an advisory council of residents.</p>"
    "</article></body></html>"
)


def cite(db: Path, urls: list[str], text: str = "see below") -> None:
    """Store one forum post citing `urls`."""
    with Store.open(db) as store:
        store.save_posts(
            [
                Post(
                    "f", "1", "1", "http://f/?topic=1.msg1", "T", 0, "a", "1",
                    datetime(2026, 1, 5, tzinfo=UTC), text, cited_urls=tuple(urls),
                )
            ]
        )


def canary_urls(forum: int, canary: int) -> list[str]:
    """Ways a stranger can write a URL that reaches the canary's port of an
    allowed host (127.0.0.1 with only the forum's port allowed)."""
    return [
        f"http://127.0.0.1:{canary}/plain",
        f"http://127.1:{canary}/short",
        f"http://2130706433:{canary}/decimal",
        f"http://0x7f000001:{canary}/hex",
        f"http://0177.0.0.1:{canary}/octal",
        f"http://user@127.0.0.1:{canary}/user",
        f"http://user:pass@127.0.0.1:{canary}/userpass",
        f"http://127.0.0.1.:{canary}/trailing-dot",
        f"http://127.0.0.1:{forum}\\@127.0.0.1:{canary}/backslash-at",
        f"http://127.0.0.1:{canary}\\@127.0.0.1:{forum}/backslash-at-2",
        f"http://127.0.0.1:{forum}/%0d%0aHost:%20127.0.0.1:{canary}/crlf",
        f"http://localhost:{canary}/name",
        f"http://[::ffff:127.0.0.1]:{canary}/mapped",
        f"http://127.0.0.1:{forum}/redirect-to-canary",
    ]


# ------------------------------------------------------- an endless thread
_SMF_LONG = Path(__file__).parent / "fixtures" / "smf20" / "topic_4_long_offset15.html"
_PAGELINKS = re.compile(r'<div class="pagelinks floatleft">.*?</div>')
_MSG = re.compile(r"msg(_?)(\d+)")
ENDLESS_STEP = 15  # posts per page, SMF's offset step


def endless_thread(port: int, path: str) -> Route | None:
    """SMF topic 4 at any offset (`/index.php?topic=4.N`), every page linking
    the next one and the first: a thread that never ends. Message ids are
    made unique per page."""
    match = re.fullmatch(r"/index\.php\?topic=4\.(\d+)", path)
    if not match:
        return None
    offset = int(match.group(1))
    if offset % ENDLESS_STEP:
        return 404, {}, b""
    base = f"http://127.0.0.1:{port}/index.php?topic=4"
    page = offset // ENDLESS_STEP + 1
    links = (
        f'<div class="pagelinks floatleft">Pages: <a class="navPages" href="{base}.0">1</a> '
        f'[<strong>{page}</strong>] <a class="navPages" href="{base}.{offset + ENDLESS_STEP}">'
        f"{page + 1}</a> </div>"
    )
    text = _SMF_LONG.read_text("utf-8").replace("127.0.0.1:8091", f"127.0.0.1:{port}")
    text = text.replace(f"{base}.15", f"{base}.{offset}")  # its own URL (canonical link)
    text = _PAGELINKS.sub(lambda _: links, text)
    text = _MSG.sub(lambda m: f"msg{m.group(1)}{int(m.group(2)) + 1000 * page}", text)
    return html(text)
