"""The bundled sample sites: served by the demo proxy, and exactly what the generator renders."""

from __future__ import annotations

import errno
import http.client
import importlib.util
import json
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

import pytest
from parsel import Selector

from provenance.sample import (
    FORUM_HOST,
    FORUM_URL,
    OFFICIAL_HOST,
    OFFICIAL_RELEASES_URL,
    SAMPLE_HOSTS,
    SITES_DIR,
)
from provenance.sample.server import serve_sites, split_target

REPO = Path(__file__).resolve().parent.parent
GENERATOR = REPO / "tools" / "build_sample.py"
FORUM = f"http://{FORUM_HOST}/index.php"
OFFICIAL = f"http://{OFFICIAL_HOST}"
R1_URL = f"{OFFICIAL_RELEASES_URL}/attorney-general-whitcomb-announces-results-of-operation-lantern"
R2_URL = (
    f"{OFFICIAL_RELEASES_URL}/attorney-general-whitcomb-secures-4-2-million-settlement-with-"
    "brightwell-home-warranty"
)
R3_URL = f"{OFFICIAL_RELEASES_URL}/two-brandt-falls-men-indicted-in-darknet-fentanyl-pill-scheme"


Response = tuple[int, Message, bytes]


@pytest.fixture(scope="module")
def proxy() -> Iterator[str]:
    with serve_sites() as url:
        yield url


def via_proxy(proxy: str, url: str) -> Response:
    """Fetch ``url`` the way the crawler does: through the server as an HTTP proxy."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": proxy}))
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def raw_request(proxy: str, target: str, host: str | None, method: str = "GET") -> Response:
    """Send a request line with ``target`` verbatim (absolute URL or path)."""
    parts = urlsplit(proxy)
    assert parts.hostname is not None
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def routes(host: str) -> dict[str, str]:
    return json.loads((SITES_DIR / host / "routes.json").read_text(encoding="utf-8"))


def all_routes() -> list[tuple[str, str, str]]:
    return [(host, route, name) for host in SAMPLE_HOSTS for route, name in routes(host).items()]


def title_of(body: bytes) -> str:
    return Selector(text=body.decode("utf-8")).css("title::text").get(default="")


def page(name: str, host: str = FORUM_HOST) -> Selector:
    return Selector(text=(SITES_DIR / host / name).read_text(encoding="utf-8"))


def post_text(sel: Selector, msg: int) -> str:
    return sel.css(f"#msg_{msg}").xpath("string()").get(default="")


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_sample", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_sample"] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


# ---- constants -------------------------------------------------------------


def test_constants_name_the_served_hosts() -> None:
    assert FORUM_URL == "http://forum.townsquare.example/index.php"
    assert OFFICIAL_HOST == "www.ag.calloway.example"
    assert OFFICIAL_RELEASES_URL == "http://www.ag.calloway.example/news/releases"
    assert set(SAMPLE_HOSTS) == {p.name for p in SITES_DIR.iterdir() if p.is_dir()}
    assert "/index.php" in routes(FORUM_HOST)
    assert urlsplit(OFFICIAL_RELEASES_URL).path in routes(OFFICIAL_HOST)


# ---- serving -----------------------------------------------------------------


@pytest.mark.parametrize(("host", "route", "name"), all_routes())
def test_every_route_serves_its_file_through_the_proxy(
    proxy: str, host: str, route: str, name: str
) -> None:
    status, headers, body = via_proxy(proxy, f"http://{host}{route}")
    assert status == 200
    assert body == (SITES_DIR / host / name).read_bytes()
    expected_type = {
        ".html": "text/html; charset=UTF-8",
        ".txt": "text/plain; charset=UTF-8",
        ".xml": "application/xml; charset=UTF-8",
    }[Path(name).suffix]
    assert headers["Content-Type"] == expected_type
    assert int(headers["Content-Length"]) == len(body)


@pytest.mark.parametrize(
    ("url", "title"),
    [
        (FORUM_URL, "The Town Square - Index"),
        (f"{FORUM}?board=1.0", "Breaking News"),
        (f"{FORUM}?board=2.0", "General Discussion"),
        (f"{FORUM}?topic=1.0", "Attorney General Whitcomb Announces Results of Operation Lantern"),
        (f"{FORUM}?topic=2.15", "Home warranty plans: worth it or a racket?"),
        (f"{FORUM}?topic=2.30", "Home warranty plans: worth it or a racket?"),
        (f"{FORUM}?topic=3.0", "Attorney General Whitcomb Introduces Effects of Operation Lantern"),
        (OFFICIAL_RELEASES_URL, "Press Releases | Office of the Attorney General of Calloway"),
        (R1_URL, "Attorney General Whitcomb Announces Results of Operation Lantern Targeting"),
        (R2_URL, "Attorney General Whitcomb Secures $4.2 Million Settlement with Brightwell"),
        (R3_URL, "Two Brandt Falls Men Indicted in Darknet Fentanyl Pill Scheme"),
    ],
)
def test_pages_answer_with_their_title(proxy: str, url: str, title: str) -> None:
    status, _, body = via_proxy(proxy, url)
    assert status == 200
    assert title_of(body).startswith(title)


def test_direct_requests_use_the_host_header(proxy: str) -> None:
    status, _, body = raw_request(proxy, "/index.php?topic=1.0", host=f"{FORUM_HOST}:80")
    assert status == 200
    assert body == (SITES_DIR / FORUM_HOST / "topic_1_0.html").read_bytes()

    status, _, body = raw_request(proxy, "/news/releases", host=OFFICIAL_HOST.upper())
    assert status == 200
    assert title_of(body).startswith("Press Releases")

    status, _, _ = raw_request(proxy, "/index.php", host=None)
    assert status == 404


def test_the_fragment_is_ignored(proxy: str) -> None:
    status, _, body = raw_request(proxy, f"{FORUM}?topic=2.15#msg30", host=FORUM_HOST)
    assert status == 200
    assert body == (SITES_DIR / FORUM_HOST / "topic_2_15.html").read_bytes()


def test_head_sends_headers_only(proxy: str) -> None:
    status, headers, body = raw_request(proxy, R1_URL, host=OFFICIAL_HOST, method="HEAD")
    assert status == 200
    assert body == b""
    assert int(headers["Content-Length"]) > 1000


def test_forum_has_no_robots_txt_but_the_official_site_does(proxy: str) -> None:
    status, headers, body = via_proxy(proxy, f"http://{FORUM_HOST}/robots.txt")
    assert status == 404
    assert headers["Content-Type"] == "text/html; charset=UTF-8"
    assert b'<code class="url">/robots.txt</code> was not found on this server.' in body

    status, headers, body = via_proxy(proxy, f"{OFFICIAL}/robots.txt")
    assert status == 200
    assert headers["Content-Type"] == "text/plain; charset=UTF-8"
    assert b"User-agent: *\n" in body
    assert b"Allow: /\n" in body


@pytest.mark.parametrize(
    "url",
    [
        f"{FORUM}?action=profile;u=2",
        f"{FORUM}?action=login",
        f"{FORUM}?action=help",
        f"{FORUM}?action=search",
        f"{FORUM}?action=printpage;topic=1.0",
        f"{FORUM}?action=.xml;type=rss",
        f"{FORUM}?topic=1.0;prev_next=next",
        f"{FORUM}?topic=1.msg3",
        f"{FORUM}?topic=1.15",
        f"{FORUM}?PHPSESSID=0123456789abcdef;topic=1.0",
        f"{FORUM}?topic=1.0&PHPSESSID=0123456789abcdef",
        f"{FORUM}/topic,1.0.html",
        f"http://{FORUM_HOST}/Themes/default/css/index.css?fin20",
        f"{OFFICIAL}/news/releases/",
        f"{OFFICIAL}/news/releases/no-such-release",
        f"{OFFICIAL}/about",
        "http://elsewhere.example/index.php",
    ],
)
def test_anything_not_routed_is_404(proxy: str, url: str) -> None:
    status, _, body = via_proxy(proxy, url)
    assert status == 404
    assert b"<h1>Not Found</h1>" in body


def test_server_binds_loopback_only_and_stops_on_exit() -> None:
    with serve_sites() as url:
        parts = urlsplit(url)
        assert parts.hostname == "127.0.0.1"
        assert parts.port
        with socket.create_connection(("127.0.0.1", parts.port), timeout=5):
            pass
        if sys.platform.startswith("linux"):  # all of 127/8 is local there
            with pytest.raises(ConnectionRefusedError):
                socket.create_connection(("127.0.0.2", parts.port), timeout=5)
    with pytest.raises(OSError) as refused:
        socket.create_connection(("127.0.0.1", parts.port), timeout=5)
    assert isinstance(refused.value, ConnectionRefusedError) or refused.value.errno in (
        errno.ECONNREFUSED,
        errno.ECONNRESET,
    )


def test_serve_sites_refuses_a_bad_port() -> None:
    with pytest.raises(ValueError, match="port must be in"), serve_sites(port=70000):
        pass


@pytest.mark.parametrize(
    ("target", "host", "expected"),
    [
        (f"{FORUM}?topic=2.15", None, (FORUM_HOST, "/index.php?topic=2.15", "/index.php")),
        (
            "http://FORUM.townsquare.example:80/index.php?action=profile;u=2#top",
            None,
            (FORUM_HOST, "/index.php?action=profile;u=2", "/index.php"),
        ),
        (
            "/index.php?topic=1.0",
            f"{FORUM_HOST}:8080",
            (FORUM_HOST, "/index.php?topic=1.0", "/index.php"),
        ),
        ("/", OFFICIAL_HOST, (OFFICIAL_HOST, "/", "/")),
        ("/robots.txt", None, ("", "/robots.txt", "/robots.txt")),
    ],
)
def test_split_target(target: str, host: str | None, expected: tuple[str, str, str]) -> None:
    assert split_target(target, host) == expected


# ---- the generator is the source of truth -------------------------------------


def test_committed_pages_are_what_the_generator_renders(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rendered = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    committed = {
        p.relative_to(SITES_DIR): p.read_bytes() for p in SITES_DIR.rglob("*") if p.is_file()
    }
    assert sorted(rendered) == sorted(committed)
    stale = [str(path) for path, content in rendered.items() if committed[path] != content]
    assert stale == [], "run: python tools/build_sample.py"


def test_spun_copy_swaps_40_to_50_percent_of_content_words() -> None:
    generator = load_generator()
    assert 0.40 <= generator.SPUN_STATS.ratio <= 0.50
    assert "darkish internet" in generator.SPUN_BODY


# ---- the scenario the end-to-end tests rely on ----------------------------------


def test_long_thread_has_three_pages_of_15_15_and_5_posts() -> None:
    counts = []
    for start in (0, 15, 30):
        sel = page(f"topic_2_{start}.html")
        counts.append(len(sel.css("#forumposts div.post_wrapper")))
        hrefs = sel.css("div.pagelinks a.navPages::attr(href)").getall()
        others = {f"{FORUM}?topic=2.{s}" for s in (0, 15, 30) if s != start}
        assert set(hrefs) == others
        assert sel.css("link[rel=canonical]::attr(href)").get() == f"{FORUM}?topic=2.{start}"
    assert counts == [15, 15, 5]


def test_repost_cites_the_official_url_and_every_member_but_one_signs() -> None:
    sel = page("topic_1_0.html")
    links = sel.css("#msg_1 a.bbc_link")
    assert links[-1].attrib["href"] == R1_URL
    assert links[-1].css("::text").get() == R1_URL
    authors = sel.css("div.poster h4 a::text").getall()
    assert len(authors) == 8
    signed = {
        name
        for name, wrapper in zip(authors, sel.css("div.post_wrapper"), strict=True)
        if wrapper.css("div.signature")
    }
    assert set(authors) - signed == {"quietcreek"}
    assert sel.css("li.postcount::text").get() == "Posts: 148,902"
    edit_note = sel.css("#modified_15").xpath("string()").get(default="")
    assert "Last Edit: January 09, 2026, 08:21:40 AM by weatherbird" in edit_note


def test_truncated_link_text_keeps_the_full_href() -> None:
    sel = page("topic_2_15.html")
    link = sel.css("#msg_30 a.bbc_link")
    assert link.attrib["href"] == R2_URL
    assert link.css("::text").get() == f"{OFFICIAL_RELEASES_URL}/attorney-gen..."


def test_spun_copy_has_no_source_url() -> None:
    sel = page("topic_3_0.html")
    assert sel.css("#msg_27 a").getall() == []
    assert "darkish internet" in post_text(sel, 27)


def test_forum_quotes_relate_to_the_official_statements_as_labelled() -> None:
    official = " ".join(
        page(Path(R1_URL).name + ".html", OFFICIAL_HOST).css("article p").xpath("string()").getall()
    )
    ag = re.search(r"Whitcomb said, “([^”]+)”", official)
    assert ag is not None
    statement = ag.group(1)
    first, second = re.split(r"(?<=Calloway\.) ", statement)
    sel = page("topic_1_0.html")
    assert f'"{statement}"' in post_text(sel, 3)  # verbatim
    assert f'"{first}"' in post_text(sel, 4) and second not in post_text(sel, 4)  # truncated
    altered = post_text(sel, 5)  # altered
    assert "selling poison" in altered and "packages ... until" in altered
    assert second not in altered
    assert f'"{second}"' in post_text(sel, 6) and "Ellery" in post_text(sel, 6)  # misattributed
    assert "first wave" in post_text(sel, 11) and "first wave" not in official  # unmatched
    spun = post_text(page("topic_3_0.html"), 27)
    for quoted in re.findall(r"“([^”]+)”", official):
        assert f'"{quoted}"' in spun


def test_official_pages_carry_machine_readable_dates() -> None:
    listing = page("releases.html", OFFICIAL_HOST)
    linked = listing.css("article.teaser h2 a::attr(href)").getall()
    assert [OFFICIAL + href for href in linked] == [R3_URL, R1_URL, R2_URL]
    for url, day in ((R1_URL, "2026-01-08"), (R2_URL, "2026-01-06"), (R3_URL, "2026-01-15")):
        sel = page(Path(url).name + ".html", OFFICIAL_HOST)
        published = sel.css('meta[property="article:published_time"]::attr(content)').get()
        assert published is not None and published.startswith(day)
        assert sel.css("time::attr(datetime)").get() == published
        assert sel.css("h1::text").get() == title_of(sel.get().encode()).split(" | ")[0]
