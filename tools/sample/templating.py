"""The Jinja2 environment every sample page is rendered in.

Autoescape is on for every template. The filters say which escaping a value
gets where a site escapes differently from Jinja2's default:

* ``smf``: SMF's htmlspecialchars (``&quot;``, ``&#39;``), for subjects and titles;
* ``bbc``: a message's BBC source rendered the way SMF 2.0 renders it;
* ``text``: ``&``, ``<`` and ``>`` only, as the official site and the farm
  escape the text between tags (quotes stay as typed).

``trim_blocks`` and ``lstrip_blocks`` let a ``{% ... %}`` tag sit on a line of
its own without leaving a blank line or indentation in the page, and
``keep_trailing_newline`` keeps each template's last line whole: a page is
exactly the lines of its templates.
"""

from __future__ import annotations

import html
from datetime import datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from sample import smf

TEMPLATES = Path(__file__).resolve().parent / "templates"


def human_date(when: datetime) -> str:
    """``January 8, 2026``: the official site's and the farm's date."""
    return f"{when:%B} {when.day}, {when:%Y}"


def day(when: datetime) -> str:
    """``2026-01-08``: a date in a sitemap or a ``<time>`` element."""
    return f"{when:%Y-%m-%d}"


def rfc822(when: datetime) -> str:
    """``Fri, 09 Jan 2026 06:30:00 -0500``: a date in an RSS feed."""
    return f"{when:%a, %d %b %Y %H:%M:%S %z}"


def _text(value: str) -> Markup:
    return Markup(html.escape(value, quote=False))


def _smf(value: str) -> Markup:
    return Markup(smf.smf_escape(value))


def _bbc(source: str) -> Markup:
    return Markup(smf.parse_bbc(source))


@cache
def environment() -> Environment:
    """Return the shared environment; templates are found under ``templates/``."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        smf=_smf,
        bbc=_bbc,
        text=_text,
        number=smf.number,
        smf_date=smf.smf_date,
        shorten=smf.shorten_subject,
        human_date=human_date,
        day=day,
        rfc822=rfc822,
        iso=datetime.isoformat,
    )
    return env


def render(name: str, **context: object) -> str:
    """Render the template ``name`` (a path under ``templates/``) with ``context``."""
    return environment().get_template(name).render(**context)
