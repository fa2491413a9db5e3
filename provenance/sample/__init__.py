"""The bundled sample sites that `provenance demo` crawls.

Two small fictional sites ship as static pages under ``sites/<host>/``:

* an official press-release site, the Office of the Attorney General of the
  State of Calloway (a listing page and three releases: a darknet fentanyl
  operation with three quoted officials, a consumer-protection settlement, and
  a second drug case that nobody reposts);
* a content farm that publishes a spun copy of the first release as an
  article, with an RSS feed and a sitemap;
* "The Town Square", an SMF 2.0.19 forum whose threads repost, excerpt,
  quote, truncate, alter, misattribute and spin those releases.

Every page is rendered by ``tools/build_sample.py`` (the texts are in
``tools/sample/content``, the markup in ``tools/sample/templates``) and is
served by :func:`provenance.sample.server.serve_sites` under the fixed
hostnames below, so the URLs stored by a demo run never depend on a port.
"""

from pathlib import Path

FORUM_HOST = "forum.townsquare.example"
FORUM_URL = "http://forum.townsquare.example/index.php"
OFFICIAL_HOST = "www.ag.calloway.example"
OFFICIAL_RELEASES_URL = "http://www.ag.calloway.example/news/releases"
FARM_HOST = "www.dailywirenow.example"
FARM_URL = "http://www.dailywirenow.example/"
SAMPLE_HOSTS = (FORUM_HOST, OFFICIAL_HOST, FARM_HOST)

SITES_DIR = Path(__file__).resolve().parent / "sites"

__all__ = [
    "FORUM_HOST",
    "FORUM_URL",
    "OFFICIAL_HOST",
    "OFFICIAL_RELEASES_URL",
    "SAMPLE_HOSTS",
    "FARM_HOST",
    "FARM_URL",
    "SITES_DIR",
]
