"""Serve the bundled sample sites on 127.0.0.1, as an HTTP proxy for their hostnames.

Why a proxy: the demo stores URLs (post permalinks, cited release URLs) and
compares them across runs, so they must not contain a port, yet the server
must take whatever port is free. The sites therefore keep fixed fictional
hostnames (``forum.townsquare.example``, ``www.ag.calloway.example``) and
this server acts as the HTTP proxy the crawler sends every request through
(Scrapy's ``request.meta["proxy"]``): the request line then carries the
absolute URL (``GET http://forum.townsquare.example/index.php?topic=1.0
HTTP/1.1``) and the host is read from it. Direct requests work too: the host
is then taken from the Host header.

Routing is exact: each host folder's ``routes.json`` maps a path plus query
string, verbatim (SMF spells parameters with ``;``, session ids are not
stripped), to a file in that folder. A ``#fragment`` is ignored. Anything
else, and any unknown host, is a 404 with the small page SMF's server sends
(the forum has no robots.txt, like a stock SMF install; the official site
serves a real one). The server binds to 127.0.0.1 only and never fetches
anything itself.
"""

from __future__ import annotations

import html
import json
import logging
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

from provenance.sample import SITES_DIR

logger = logging.getLogger(__name__)

BIND_ADDRESS = "127.0.0.1"

CONTENT_TYPES = {
    ".html": "text/html; charset=UTF-8",
    ".txt": "text/plain; charset=UTF-8",
    ".xml": "application/xml; charset=UTF-8",
}

# The 404 page of the web server in front of the reference SMF forum.
NOT_FOUND_PAGE = (
    "<!doctype html><html><head><title>404 Not Found</title><style>\n"
    "body { background-color: #fcfcfc; color: #333333; margin: 0; padding:0; }\n"
    "h1 { font-size: 1.5em; font-weight: normal; background-color: #9999cc; "
    "min-height:2em; line-height:2em; border-bottom: 1px inset black; margin: 0; }\n"
    "h1, p { padding-left: 10px; }\n"
    "code.url { background-color: #eeeeee; font-family:monospace; padding:0 2px;}\n"
    "</style>\n"
    '</head><body><h1>Not Found</h1><p>The requested resource <code class="url">{path}'
    "</code> was not found on this server.</p></body></html>"
)


class SampleSiteError(Exception):
    """A sample site folder is missing, or its routes.json names a bad file."""


@dataclass(frozen=True)
class Page:
    """One servable file."""

    body: bytes
    content_type: str


Sites = Mapping[str, Mapping[str, Page]]


def load_sites(sites_dir: Path = SITES_DIR) -> dict[str, dict[str, Page]]:
    """Read every ``<host>/routes.json`` under ``sites_dir`` and the files it names.

    Returns host -> route -> page. Raises SampleSiteError when the folder has
    no site, a routes.json is not a JSON object of strings, or a route names a
    file that is missing, outside its folder or of an unknown type.
    """
    sites: dict[str, dict[str, Page]] = {}
    for folder in sorted(p for p in sites_dir.glob("*") if p.is_dir()):
        routes_file = folder / "routes.json"
        try:
            routes = json.loads(routes_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SampleSiteError(f"cannot read {routes_file}: {exc}") from exc
        if not isinstance(routes, dict):
            raise SampleSiteError(f"{routes_file} must hold a JSON object, got {type(routes)}")
        sites[folder.name.lower()] = {
            route: _load_page(folder, route, name) for route, name in routes.items()
        }
    if not sites:
        raise SampleSiteError(f"no sample site under {sites_dir}")
    return sites


def _load_page(folder: Path, route: object, name: object) -> Page:
    if not isinstance(route, str) or not route.startswith("/"):
        raise SampleSiteError(f"route {route!r} in {folder}/routes.json must start with '/'")
    if not isinstance(name, str) or Path(name).name != name or name.startswith("."):
        raise SampleSiteError(f"route {route!r} names {name!r}, which is not a file name")
    content_type = CONTENT_TYPES.get(Path(name).suffix)
    if content_type is None:
        raise SampleSiteError(f"route {route!r} names {name!r}, of no known content type")
    try:
        body = (folder / name).read_bytes()
    except OSError as exc:
        raise SampleSiteError(f"route {route!r} names {name!r}: {exc}") from exc
    return Page(body, content_type)


def split_target(target: str, host_header: str | None) -> tuple[str, str, str]:
    """Return (host, route, path) for a request target.

    ``target`` is the request line's target: absolute (``http://host/p?q``, as
    sent to a proxy) or origin-form (``/p?q``, host from ``host_header``). The
    host is lower-cased without its port; the route is path plus query string,
    verbatim, without the fragment; path is the route without its query.
    """
    parts = urlsplit(target)
    if parts.scheme:
        host = parts.hostname or ""
    elif host_header:
        host = urlsplit(f"//{host_header}").hostname or ""
    else:
        host = ""
    path = parts.path or "/"
    route = f"{path}?{parts.query}" if parts.query else path
    return host, route, path


class SampleSiteServer(ThreadingHTTPServer):
    """A threading HTTP server that knows the sample sites it serves."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], sites: Sites) -> None:
        super().__init__(address, SampleSiteHandler)
        self.sites = sites


class SampleSiteHandler(BaseHTTPRequestHandler):
    """Answer GET and HEAD from the loaded routes; everything else is 404 or 501."""

    protocol_version = "HTTP/1.1"
    server_version = "Apache"
    sys_version = ""
    timeout = 30  # seconds an idle keep-alive connection holds its thread

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def _answer(self, *, with_body: bool) -> None:
        host, route, path = split_target(self.path, self.headers.get("Host"))
        sites = cast(SampleSiteServer, self.server).sites
        page = sites.get(host, {}).get(route)
        if page is None:
            body = NOT_FOUND_PAGE.replace("{path}", html.escape(path)).encode("utf-8")
            page = Page(body, CONTENT_TYPES[".html"])
            status = HTTPStatus.NOT_FOUND
        else:
            status = HTTPStatus.OK
        self.send_response(status)
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(len(page.body)))
        self.end_headers()
        if with_body:
            self.wfile.write(page.body)

    def log_message(self, format: str, *args: object) -> None:
        logger.debug("%s %s", self.address_string(), format % args)


@contextmanager
def serve_sites(port: int = 0, sites_dir: Path = SITES_DIR) -> Iterator[str]:
    """Serve the sample sites on 127.0.0.1 in a daemon thread while the block runs.

    Yields the proxy URL, ``http://127.0.0.1:<port>`` (port 0 picks a free
    port). The server is shut down and its socket closed on exit. Raises
    ValueError for a port outside [0, 65535], SampleSiteError when the bundled
    pages are missing, and OSError when the port is taken.
    """
    if not 0 <= port <= 65535:
        raise ValueError(f"port must be in [0, 65535], got {port}")
    server = SampleSiteServer((BIND_ADDRESS, port), load_sites(sites_dir))
    bound_port = server.server_address[1]
    thread = threading.Thread(
        target=server.serve_forever, name=f"sample-sites-{bound_port}", daemon=True
    )
    thread.start()
    proxy_url = f"http://{BIND_ADDRESS}:{bound_port}"
    logger.debug("sample sites %s served at %s", sorted(server.sites), proxy_url)
    try:
        yield proxy_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
        logger.debug("sample sites at %s stopped", proxy_url)
