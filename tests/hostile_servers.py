"""Small HTTP servers on 127.0.0.1 for the hostile-world probes (tests and
bench/robustness.py share them): a site with chosen routes, and a canary
that only counts the requests that reach it."""

from __future__ import annotations

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


class _Handler(BaseHTTPRequestHandler):
    routes: Routes = {}
    hits: list[str]

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.hits.append(self.path)
        route = self.routes.get(self.path.split("?")[0]) or self.routes.get("*")
        if route is None:
            self.send_response(404)
            self.end_headers()
            return
        status, headers, body = route(self.server.server_address[1]) if callable(route) else route
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
def serve(routes: Routes) -> Iterator[tuple[int, list[str]]]:
    """A server on 127.0.0.1 answering `routes`; yields (port, hits)."""
    hits: list[str] = []
    handler = type("Handler", (_Handler,), {"routes": routes, "hits": hits})
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
