"""Build the bundled sample sites that `provenance demo` serves and crawls.

Three fictional sites are rendered into ``provenance/sample/sites/<host>/``:

* ``www.ag.calloway.example``: the Office of the Attorney General of the
  (fictional) State of Calloway, with a release listing and three releases.
* ``forum.townsquare.example``: "The Town Square", an SMF 2.0.19 forum in the
  Curve theme whose markup copies real SMF renders (wrappers, ids, classes,
  header, menus, login form and scripts, so the crawler meets the real noise).
  Posts repost, excerpt, quote, truncate, alter, misattribute and spin the
  releases, so that every verdict and label of the pipeline has a case.
* ``www.dailywirenow.example``: a content farm that republishes a spun copy
  of the first release, with an RSS feed and a sitemap.

The text is in ``tools/sample/content/``, the markup in
``tools/sample/templates/`` and the renderers in ``tools/sample/``. The render
is deterministic, and a test checks that the committed pages are exactly what
it produces. Run it after changing a text or a template::

    python tools/build_sample.py            # rewrite provenance/sample/sites
    python tools/build_sample.py --out DIR  # render somewhere else
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
if str(TOOLS) not in sys.path:  # the sample package sits beside this script
    sys.path.insert(0, str(TOOLS))

# Re-exported for the benchmarks, which render forums of their own with these.
from sample.content.forum import BOARDS, MEMBERS, SPUN_BODY, TOPICS  # noqa: E402
from sample.content.spun import SPUN_STATS  # noqa: E402
from sample.farm import render_farm  # noqa: E402
from sample.forum import (  # noqa: E402
    number_posts,
    page_starts,
    render_board_index,
    render_board_page,
    render_forum,
    render_topic_page,
)
from sample.model import (  # noqa: E402
    EASTERN,
    FARM_HOST,
    FORUM_HOST,
    OFFICIAL_HOST,
    SCRIPT,
    Post,
    PostSpec,
    TopicSpec,
)
from sample.official import render_official  # noqa: E402
from sample.smf import forum_copy, smf_date  # noqa: E402
from sample.spinner import spin  # noqa: E402

__all__ = [
    "BOARDS",
    "EASTERN",
    "FORUM_HOST",
    "MEMBERS",
    "SCRIPT",
    "SPUN_BODY",
    "SPUN_STATS",
    "TOPICS",
    "PostSpec",
    "TopicSpec",
    "forum_copy",
    "number_posts",
    "page_starts",
    "render_board_index",
    "render_board_page",
    "render_sites",
    "render_topic_page",
    "spin",
    "write_sites",
]

DEFAULT_OUT = TOOLS.parent / "provenance" / "sample" / "sites"


def render_sites() -> dict[str, dict[str, tuple[str, str]]]:
    """Return host -> route -> (file name, content) for every sample page."""
    return {
        FORUM_HOST: render_forum(),
        OFFICIAL_HOST: render_official(),
        FARM_HOST: render_farm(),
    }


def write_sites(out: Path) -> list[Path]:
    """Write every page and each host's routes.json under ``out``; return the paths written.

    Files in a host folder that the generator no longer produces are removed,
    so the folder always equals the render.
    """
    written: list[Path] = []
    for host, pages in render_sites().items():
        folder = out / host
        folder.mkdir(parents=True, exist_ok=True)
        routes = {route: name for route, (name, _) in pages.items()}
        files = {name: content for name, content in pages.values()}
        files["routes.json"] = json.dumps(routes, indent=2, sort_keys=True) + "\n"
        for name, content in sorted(files.items()):
            path = folder / name
            path.write_bytes(content.encode("utf-8"))
            written.append(path)
        for stale in sorted(folder.iterdir()):
            if stale.is_file() and stale.name not in files:
                stale.unlink()
    return written


def describe(posts_by_topic: dict[int, list[Post]]) -> Iterable[str]:
    """One line per post, for checking the render by eye."""
    for tid, posts in sorted(posts_by_topic.items()):
        for post in posts:
            yield (
                f"topic {tid} page {post.start:>2} msg{post.msg:<3} #{post.position:<2} "
                f"{post.member.name:<16} {smf_date(post.spec.when)}"
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"folder to write the sites into (default: {DEFAULT_OUT})",
    )
    parser.add_argument(
        "--list-posts",
        action="store_true",
        help="print the message id and position of every forum post",
    )
    args = parser.parse_args(argv)
    written = write_sites(args.out)
    print(f"wrote {len(written)} files under {args.out}")
    print(
        f"spun copy: {SPUN_STATS.swapped}/{SPUN_STATS.content_words} content words swapped "
        f"({SPUN_STATS.ratio:.0%})"
    )
    if args.list_posts:
        for line in describe(number_posts(TOPICS)):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
