"""The Jinja2 environment every HTML page of the reports is rendered with.

All report HTML comes from the templates in `templates/` (one layout, `base.html`),
rendered with autoescape on, so a value from a scraped page is escaped unless a template
says otherwise, and no template does for data. The only raw strings put into a page are
the project's own: the stylesheet, the colour rules built from `COLOURS`, and the CSP.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from provenance.report import charts
from provenance.report.data import (
    COLOURS,
    LABELS,
    Cluster,
    elapsed,
    first_repost,
    format_published,
    format_time,
    has_time,
    label_counts,
    parse_diff,
    parse_time,
    target_url,
    where,
    word_diff,
)
from provenance.text import strip_bidi

__all__ = [
    "CSP",
    "NavItem",
    "anchor",
    "colour_class",
    "lag",
    "macro",
    "render",
    "safe_url",
    "timeline_svg",
]

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)

NavItem = tuple[str, str]  # (href, text) of a link in the page header


def safe_url(url: object) -> str | None:
    """`url` when it is an absolute http(s) URL that can be put in an href, else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def colour_class(name: object) -> str:
    """A fixed class name for a label or verdict: labels are data, class names never are.
    A space would make two classes ("first seen"), so it becomes a hyphen."""
    return name.replace(" ", "-") if isinstance(name, str) and name in COLOURS else "other"


def anchor(statement_id: object) -> str:
    """The id of a statement's <article>: s-<first 12 characters, made safe>."""
    return "s-" + re.sub(r"[^0-9A-Za-z_-]", "_", str(statement_id or "")[:12])


def _colour_css() -> str:
    """One CSS rule set per label and verdict, from the one mapping every page shares."""
    out = [
        ":root{" + "".join(f"--{colour_class(k)}:{fill};" for k, (fill, _) in COLOURS.items()) + "}"
    ]
    for label, (_, ink) in COLOURS.items():
        name = colour_class(label)
        out.append(
            f".chip.{name},.key.{name}{{background:var(--{name});color:{ink}}}"
            f".chart .mark.{name},.chart .bar.{name}{{fill:var(--{name})}}"
        )
    return "\n".join(out)


def lag(published: object, seen: object) -> str:
    """How long after the release a repost came, in words: exact when the release time
    is known ("1 h after the release"), by calendar day when only its date is."""
    if has_time(published):  # type: ignore[arg-type]
        after = elapsed(published, seen)  # type: ignore[arg-type]
        return f"{after} after the release" if after else ""
    start, end = parse_time(published), parse_time(seen)  # type: ignore[arg-type]
    if start is None or end is None or end.date() < start.date():
        return ""
    days = (end.date() - start.date()).days
    if days == 0:
        return "on the day of the release; its time of day is not known"
    return f"{days} d after the release date; its time of day is not known"


def _table_labels(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The labels any of `rows` has an occurrence of, in `LABELS` order."""
    return [
        label for label in LABELS if any(label_counts(r["occurrences"]).get(label) for r in rows)
    ]


def _groupby_source(rows: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Runs of consecutive rows sharing a source URL (rows come ordered by source)."""
    groups: list[list[dict[str, Any]]] = []
    for row in rows:
        if groups and groups[-1][0].get("source_url") == row.get("source_url"):
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def _shorten(text: object, most: int) -> str:
    text = str(text or "")
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _cluster_speakers(cluster: Cluster) -> list[str]:
    return sorted({str(o["speaker"]) for o in cluster.occurrences() if o.get("speaker")})


def timeline_svg(row: dict[str, Any]) -> Markup:
    """The inline SVG timeline of a statement (see `charts.timeline`)."""
    return Markup(macro("_charts.html", "timeline", charts.timeline(row)))


def _shown(value: Any) -> Any:
    """Every value a template prints, without bidirectional controls: scraped text
    must not reorder what the page shows around it. Markup is the project's own."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return strip_bidi(value)
    return value


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("provenance.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_shown,
    )
    css = files("provenance.report").joinpath("report.css").read_text(encoding="utf-8")
    env.globals.update(
        css=Markup(css + "\n" + _colour_css()),  # the project's own stylesheet, not data
        csp=Markup(CSP),
        safe_url=safe_url,
        colour_class=colour_class,
        anchor=anchor,
        format_time=format_time,
        format_published=format_published,
        elapsed=elapsed,
        where=where,
        target_url=target_url,
        first_repost=first_repost,
        label_counts=label_counts,
        parse_diff=parse_diff,
        word_diff=word_diff,
        lag=lag,
        table_labels=_table_labels,
        cluster_speakers=_cluster_speakers,
        timeline_svg=timeline_svg,
    )
    env.filters.update(groupby_source=_groupby_source, shorten=_shorten, plural=_plural)
    return env


def render(template: str, **context: Any) -> str:
    """The page `template` rendered with `context` (every value escaped on output)."""
    context.setdefault("nav", ())
    context.setdefault("current", "")
    context.setdefault("search", False)
    context.setdefault("csp_meta", Markup(CSP))
    return _environment().get_template(template).render(**context)


def macro(template: str, name: str, *args: Any) -> str:
    """One macro of `template` called with `args`: a fragment such as a chart."""
    return str(getattr(_environment().get_template(template).module, name)(*args))
