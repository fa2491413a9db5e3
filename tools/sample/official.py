"""The official site's pages: home, the release listing, each release, sitemap, robots.txt.

Renders ``content/releases.py`` through ``templates/official/``.
"""

from __future__ import annotations

from datetime import datetime

from sample.content.releases import OFFICE, RELEASES, SITE_NAME
from sample.model import OFFICIAL, RELEASES_PATH, Release
from sample.templating import render

Pages = dict[str, tuple[str, str]]  # route -> (file name, content)


def newest_first() -> list[Release]:
    return sorted(RELEASES, key=lambda r: r.published, reverse=True)


def official_page(
    template: str,
    *,
    published: datetime | None = None,
    og_type: str = "website",
    og_title: str | None = None,
    **context: object,
) -> str:
    """Render a page of the site; only a release has an article date and its own og:title."""
    return render(
        template,
        site_name=SITE_NAME,
        office=OFFICE,
        published=published,
        og_type=og_type,
        og_title=og_title,
        **context,
    )


def render_release(release: Release) -> str:
    return official_page(
        "official/release.html",
        head_title=f"{release.title} | {SITE_NAME}",
        description=release.summary,
        url=release.url,
        body_class="page-node node-type-press-release",
        og_type="article",
        og_title=release.title,
        published=release.published,
        release=release,
        related=[r for r in newest_first() if r is not release],
    )


def render_listing() -> str:
    return official_page(
        "official/releases.html",
        head_title=f"Press Releases | {SITE_NAME}",
        description=f"Press releases from the {SITE_NAME}.",
        url=OFFICIAL + RELEASES_PATH,
        body_class="page-view view-press-releases",
        releases=newest_first(),
    )


def render_home() -> str:
    return official_page(
        "official/home.html",
        head_title=SITE_NAME,
        description=f"The {SITE_NAME}.",
        url=OFFICIAL + "/",
        body_class="page-front",
        releases=newest_first(),
    )


def render_sitemap() -> str:
    newest = max(r.published for r in RELEASES)
    entries = [(OFFICIAL + "/", newest), (OFFICIAL + RELEASES_PATH, newest)]
    entries += [(r.url, r.published) for r in sorted(RELEASES, key=lambda r: r.published)]
    return render("official/sitemap.xml", entries=entries)


def render_official() -> Pages:
    """Return route -> (file name, content) for the official host."""
    pages = {
        "/": ("index.html", render_home()),
        RELEASES_PATH: ("releases.html", render_listing()),
        "/robots.txt": ("robots.txt", render("official/robots.txt", official=OFFICIAL)),
        "/sitemap.xml": ("sitemap.xml", render_sitemap()),
    }
    for release in RELEASES:
        pages[release.path] = (f"{release.slug}.html", render_release(release))
    return pages
