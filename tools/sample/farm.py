"""The content farm's pages: front page, the two articles, RSS feed, sitemap, robots.txt.

Renders ``content/farm.py`` (and the spun copy it republishes) through
``templates/farm/``.
"""

from __future__ import annotations

from sample.content.farm import (
    FARM_NAME,
    FARM_OTHER,
    FARM_OTHER_PATH,
    FARM_OTHER_PUBLISHED,
    FARM_OTHER_TITLE,
    FARM_PUBLISHED,
    FARM_SPUN,
    FARM_SPUN_PATH,
    FARM_SPUN_TITLE,
    FARM_TAGLINE,
)
from sample.model import FARM
from sample.templating import render

Pages = dict[str, tuple[str, str]]  # route -> (file name, content)

ITEMS = (
    (FARM_SPUN_PATH, FARM_SPUN_TITLE, FARM_PUBLISHED),
    (FARM_OTHER_PATH, FARM_OTHER_TITLE, FARM_OTHER_PUBLISHED),
)


def farm_render(template: str, **context: object) -> str:
    return render(template, site=FARM_NAME, farm=FARM, tagline=FARM_TAGLINE, items=ITEMS, **context)


def render_farm() -> Pages:
    """Return route -> (file name, content) for the content farm host."""
    home = farm_render(
        "farm/home.html",
        title="Latest news",
        when=FARM_OTHER_PUBLISHED,
        other=FARM_OTHER_PATH,
        other_title=FARM_OTHER_TITLE,
    )
    spun = farm_render(
        "farm/article.html",
        title=FARM_SPUN_TITLE,
        when=FARM_PUBLISHED,
        paragraphs=FARM_SPUN,
        other=FARM_OTHER_PATH,
        other_title=FARM_OTHER_TITLE,
    )
    other = farm_render(
        "farm/article.html",
        title=FARM_OTHER_TITLE,
        when=FARM_OTHER_PUBLISHED,
        paragraphs=FARM_OTHER,
        other=FARM_SPUN_PATH,
        other_title=FARM_SPUN_TITLE,
    )
    return {
        "/": ("index.html", home),
        "/feed.xml": ("feed.xml", farm_render("farm/feed.xml")),
        "/sitemap.xml": ("sitemap.xml", farm_render("farm/sitemap.xml")),
        "/robots.txt": ("robots.txt", farm_render("farm/robots.txt")),
        FARM_SPUN_PATH: ("spun-operation-lantern.html", spun),
        FARM_OTHER_PATH: ("winter-driving-tips.html", other),
    }
