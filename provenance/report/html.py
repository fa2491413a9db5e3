"""Provenance reports as self-contained HTML pages, with a timeline chart per statement.

A page carries everything it needs inline (CSS and an SVG chart drawn here; no script,
no font, no image is fetched), so it can be mailed, archived or opened offline. Every
value on it comes from scraped pages and may be hostile: each one is escaped with
`html.escape`, only http(s) URLs become links, no attribute is built from data except
escaped `href`s and fixed class names, and a Content-Security-Policy that allows no
script at all means that a value that slipped through escaping could still not run.

The data comes from `Store.statement_report_rows` (one dict per statement) shaped by
`provenance.report_data`, which the Markdown and JSON reports share.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib.resources import files
from typing import Any
from urllib.parse import urlsplit

from provenance.text import strip_bidi
from provenance.report.data import (
    LABELS,
    Cluster,
    DiffChange,
    elapsed,
    first_repost,
    format_time,
    label_counts,
    parse_diff,
    parse_time,
    target_url,
    where,
)

__all__ = [
    "CSP",
    "page_name",
    "report_page",
    "safe_url",
    "site_pages",
    "statement_page",
    "timeline_svg",
]

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)
INDEX = "index.html"
_VERDICTS = ("verbatim", "excerpt", "rewrite", "spun", "cites-only")

_CSS = files("provenance.report").joinpath("report.css").read_text(encoding="utf-8")


# ------------------------------------------------------------------ escaping
def esc(value: object) -> str:
    """`value` as HTML text or attribute value (None is empty)."""
    return html.escape(strip_bidi("" if value is None else str(value)), quote=True)


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


def _link(url: object, text: object, cls: str = "") -> str:
    """An escaped link to `url`, or its escaped text alone when `url` is not http(s)."""
    attr = f' class="{cls}"' if cls else ""
    href = safe_url(url)
    if href is None:
        return f"<span{attr}>{esc(text)}</span>"
    return f'<a{attr} href="{esc(href)}" rel="nofollow noreferrer">{esc(text)}</a>'


def _label_class(label: object) -> str:
    """A fixed class name for a label: labels are data, class names never are."""
    return label if isinstance(label, str) and label in LABELS else "other"


def _chip(label: object) -> str:
    return f'<span class="chip {_label_class(label)}">{esc(label or "unmatched")}</span>'


def page_name(statement_id: str) -> str:
    """The file name of a statement's page: statement-<first 12 characters of its id>.html."""
    return "statement-" + re.sub(r"[^0-9A-Za-z_-]", "_", statement_id[:12]) + ".html"


def _full_name(row: dict[str, Any]) -> str:
    return "statement-" + re.sub(r"[^0-9A-Za-z_-]", "_", row["statement_id"]) + ".html"


def _anchor(statement_id: str) -> str:
    return "s-" + re.sub(r"[^0-9A-Za-z_-]", "_", statement_id[:12])


# ---------------------------------------------------------------- the chart
@dataclass(frozen=True)
class _Frame:
    """Geometry of a chart: lanes (one per label) over a time axis."""

    left: float = 168.0
    right: float = 884.0
    top: float = 40.0
    lane: float = 38.0
    width: float = 900.0


_UNDATED_WIDTH = 78.0
_STEPS = [timedelta(hours=h) for h in (1, 2, 3, 6, 12)] + [timedelta(days=d) for d in (1, 2, 7, 14)]
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
_MAX_TICKS = 8
# Mark shapes by label, drawn around (0, 0) and moved into place: a reader who does not
# tell the colours apart still tells the labels apart.
_SHAPES = {
    "verbatim": '<circle r="6.5"></circle>',
    "truncated": '<rect x="-6" y="-6" width="12" height="12"></rect>',
    "altered": '<path d="M0 -8L8 0L0 8L-8 0Z"></path>',
    "misattributed": '<path d="M0 -8L7.5 6L-7.5 6Z"></path>',
    "paraphrase": '<path d="M0 8L7.5 -6L-7.5 -6Z"></path>',
    "unmatched": '<path d="M-2.5 -7H2.5V-2.5H7V2.5H2.5V7H-2.5V2.5H-7V-2.5H-2.5Z"></path>',
    "other": '<path d="M-2.5 -7H2.5V-2.5H7V2.5H2.5V7H-2.5V2.5H-7V-2.5H-2.5Z"></path>',
}


def _ticks(t0: datetime, t1: datetime) -> list[tuple[datetime, str]]:
    """Round times between t0 and t1 (at most about `_MAX_TICKS`) with their labels."""
    span = t1 - t0
    step = next((s for s in _STEPS if span / s <= _MAX_TICKS), None)
    if step is not None:
        epoch = datetime(1970, 1, 1, tzinfo=UTC)
        tick = epoch + -((epoch - t0) // step) * step  # first multiple of step >= t0
        out = []
        while tick <= t1:
            hour = "" if step >= timedelta(days=1) else f" {tick:%H:%M}"
            out.append((tick, f"{tick:%b} {tick.day}{hour}"))
            tick += step
        return out
    months = (t1.year - t0.year) * 12 + t1.month - t0.month + 1
    every = next((m for m in _MONTH_STEPS if months / m <= _MAX_TICKS), _MONTH_STEPS[-1])
    index = t0.year * 12 + t0.month - 1
    index += -index % every  # first month boundary on the step
    out = []
    while True:
        tick = datetime(index // 12, index % 12 + 1, 1, tzinfo=UTC)
        if tick > t1:
            return out
        if tick >= t0:
            out.append((tick, f"{tick:%b %Y}"))
        index += every


def timeline_svg(row: dict[str, Any]) -> str:
    """An inline SVG timeline of a statement's occurrences: x is time from the official
    publication to the last occurrence, one lane and one mark shape per label, one mark
    per occurrence linked to where it appeared, with a tooltip. Undated occurrences get
    a column of their own at the right."""
    occurrences: list[dict[str, Any]] = row.get("occurrences") or []
    published = parse_time(row.get("published"))
    dated = [(parse_time(o.get("seen_at")), o) for o in occurrences]
    times = [t for t, _ in dated if t is not None]
    frame = _Frame()
    lanes = list(label_counts(occurrences))
    height = frame.top + frame.lane * len(lanes) + 30
    undated = len(times) < len(occurrences)
    right = frame.right - (_UNDATED_WIDTH if undated else 0)
    t0 = min([published, *times] if published else times, default=None)
    t1 = max(times, default=t0)
    if t0 is not None and t1 is not None and t1 - t0 < timedelta(hours=1):
        t1 = t0 + timedelta(hours=1)
    inner = right - frame.left - 16  # the last mark stays clear of the edge

    def x_of(moment: datetime) -> float:
        assert t0 is not None and t1 is not None
        return frame.left + 8 + inner * ((moment - t0) / (t1 - t0))

    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {frame.width:.0f} '
        f'{height:.0f}" role="img" aria-label="Timeline of {len(occurrences)} occurrences">'
    ]
    bottom = frame.top + frame.lane * len(lanes)
    for i, label in enumerate(lanes):
        y = frame.top + frame.lane * i
        if i % 2 == 0:
            parts.append(
                f'<rect class="lane-bg" x="0" y="{y:.1f}" width="{frame.width:.0f}" '
                f'height="{frame.lane:.0f}"></rect>'
            )
        count = sum(1 for o in occurrences if (o.get("label") or "unmatched") == label)
        parts.append(
            f'<text class="lane-label" x="12" y="{y + frame.lane / 2 + 4:.1f}">{esc(label)} '
            f'<tspan class="lane-count">({count})</tspan></text>'
        )
    if t0 is not None and t1 is not None:
        for tick, text in _ticks(t0, t1):
            x = x_of(tick)
            parts.append(
                f'<line class="grid" x1="{x:.1f}" y1="{frame.top:.1f}" x2="{x:.1f}" '
                f'y2="{bottom + 4:.1f}"></line><text class="tick" x="{x:.1f}" '
                f'y="{bottom + 18:.1f}" text-anchor="middle">{esc(text)}</text>'
            )
    parts.append(
        f'<line class="axis" x1="{frame.left:.1f}" y1="{bottom:.1f}" x2="{frame.right:.1f}" '
        f'y2="{bottom:.1f}"></line>'
    )
    if published is not None and t0 is not None:
        x = x_of(published)
        parts.append(
            f'<line class="release" x1="{x:.1f}" y1="{frame.top - 14:.1f}" x2="{x:.1f}" '
            f'y2="{bottom:.1f}"></line><text class="release-label" x="{x:.1f}" '
            f'y="{frame.top - 18:.1f}">official release {esc(f"{published:%b} {published.day}")}'
            "</text>"
        )
    if undated:
        x = right + _UNDATED_WIDTH / 2
        parts.append(
            f'<text class="undated" x="{x:.1f}" y="{bottom + 18:.1f}" text-anchor="middle">'
            "date unknown</text>"
        )
    first = first_repost(occurrences)
    placed: dict[str, list[float]] = {}
    for moment, occ in dated:
        label = occ.get("label") or "unmatched"
        x = x_of(moment) if moment is not None else right + _UNDATED_WIDTH / 2
        near = sum(1 for px in placed.setdefault(label, []) if abs(px - x) < 10)
        placed[label].append(x)
        offset = min(14, 8 * ((near + 1) // 2)) * (-1 if near % 2 else 1)
        y = frame.top + frame.lane * lanes.index(label) + frame.lane / 2 + offset
        tip = f"{label} · {format_time(occ.get('seen_at'))} · {where(occ)}"
        if occ.get("speaker"):
            tip += f" · attributed to {occ['speaker']}"
        cls = _label_class(label)
        shape = f'<title>{esc(tip)}</title><g transform="translate({x:.1f} {y:.1f})">'
        shape += _SHAPES[cls] + "</g>"
        href = safe_url(target_url(occ))
        if href is None:
            parts.append(f'<g class="mark {cls}">{shape}</g>')
        else:
            parts.append(f'<a class="mark {cls}" href="{esc(href)}">{shape}</a>')
        if occ is first:
            parts.append(f'<circle class="first" cx="{x:.1f}" cy="{y:.1f}" r="11"></circle>')
    parts.append("</svg>")
    return "".join(parts)


# ------------------------------------------------------------------ blocks
def _diff(changes: Sequence[DiffChange]) -> str:
    """The changes of a word diff: deletions in <del>, insertions in <ins>."""
    items = []
    for c in changes:
        if c.kind == "replace":
            body = f"<del>{esc(c.old)}</del> → <ins>{esc(c.new)}</ins>"
        elif c.kind == "delete":
            body = f'<del>{esc(c.old)}</del> <span class="note">left out</span>'
        elif c.kind == "cut":
            body = f'<del>{esc(c.old)}</del> <span class="note">cut, marked (…)</span>'
        elif c.kind == "insert":
            body = f'<ins>{esc(c.new)}</ins> <span class="note">added</span>'
        elif c.kind == "speaker":
            body = (
                f'<span class="note">speaker</span> <del>{esc(c.old)}</del> → '
                f"<ins>{esc(c.new)}</ins>"
            )
        else:
            body = esc(c.new)
        items.append(f"<li>{body}</li>")
    return f'<ul class="diff">{"".join(items)}</ul>' if items else ""


def _occurrence(occ: dict[str, Any], label: object, diff: str | None) -> str:
    head = [
        _chip(label),
        f"<time>{esc(format_time(occ.get('seen_at')))}</time>",
        _link(target_url(occ), where(occ)),
    ]
    if occ.get("speaker"):
        head.append(f'<span class="muted">attributed to {esc(occ["speaker"])}</span>')
    text = f'<blockquote class="occ-text">{esc(occ.get("text"))}</blockquote>'
    if label == "verbatim":
        text = f"<details><summary>as written</summary>{text}</details>"
    return f'<li><div class="occ-head">{"".join(head)}</div>{text}{_diff(parse_diff(diff))}</li>'


def _counts(occurrences: Sequence[dict[str, Any]]) -> str:
    chips = [f"{_chip(label)}{n}" for label, n in label_counts(occurrences).items()]
    return f'<span class="counts">{" &nbsp; ".join(chips)}</span>'


def _statement(row: dict[str, Any], heading: str = "h2") -> str:
    occurrences = row.get("occurrences") or []
    speaker = esc(row.get("speaker") or "unnamed speaker")
    title = f", {esc(row['speaker_title'])}" if row.get("speaker_title") else ""
    kind = "Official source" if row.get("official") else "Source"
    source = _link(row.get("source_url"), row.get("source_title") or row.get("source_url"))
    facts = [
        (kind, f'{source}<br><span class="url">{esc(row.get("source_url"))}</span>'),
        ("Published", esc(row.get("published") or "date unknown")),
    ]
    first = first_repost(occurrences)
    if first is not None:
        when = esc(format_time(first.get("seen_at")))
        if after := elapsed(row.get("published"), first.get("seen_at")):
            when += f' <span class="muted">({esc(after)} after the release)</span>'
        facts.append(
            ("First repost seen", f"{when} · {_link(first.get('permalink'), where(first))}")
        )
    facts.append(("Occurrences", f"{len(occurrences)} &nbsp; {_counts(occurrences)}"))
    facts.append(("Statement id", f"<code>{esc(row.get('statement_id', '')[:12])}</code>"))
    listing = "".join(_occurrence(o, o.get("label"), o.get("diff")) for o in occurrences)
    chart = (
        f'<figure class="timeline">{timeline_svg(row)}<figcaption>One mark per occurrence, '
        "shaped and coloured by label; the dashed line is the official release, the dotted "
        "ring the first repost. Each mark links to its post.</figcaption></figure>"
        if occurrences
        else '<p class="muted">No occurrence seen yet.</p>'
    )
    return (
        f'<article class="statement" id="{_anchor(row.get("statement_id", ""))}">'
        f'<blockquote class="quote">“{esc(row.get("text"))}”</blockquote>'
        f'<p class="speaker">— <strong>{speaker}</strong>{title}</p>'
        f'<dl class="facts">{"".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)}</dl>'
        f"<{heading}>Timeline</{heading}>{chart}"
        f"<{heading}>Occurrences</{heading}>"
        f'<ol class="occurrences">{listing}</ol></article>'
    )


def _statement_table(rows: Sequence[dict[str, Any]], href: dict[str, str]) -> str:
    """One table of statements, a group of rows per source, with counts per label and a
    link to each statement."""
    if not rows:
        return '<p class="muted">No statements found.</p>'
    labels = [
        label for label in LABELS if any(label_counts(r["occurrences"]).get(label) for r in rows)
    ]
    out = [
        '<table class="statements"><thead><tr><th>Statement</th><th>Speaker</th>'
        + "".join(f'<th class="n">{_chip(label)}</th>' for label in labels)
        + '<th class="when">First repost</th></tr></thead>'
    ]
    source: object = object()
    for row in rows:
        if row.get("source_url") != source:
            source = row.get("source_url")
            title = _link(source, row.get("source_title") or source)
            out.append(
                f'{"</tbody>" if len(out) > 1 else ""}<tbody><tr class="group">'
                f'<th colspan="{len(labels) + 3}">{title}'
                f' <span class="muted">· {esc(row.get("published") or "date unknown")}</span>'
                "</th></tr>"
            )
        counts = label_counts(row["occurrences"])
        cells = "".join(
            f'<td class="n{"" if counts.get(label) else " zero"}">{counts.get(label, 0)}</td>'
            for label in labels
        )
        first = first_repost(row["occurrences"])
        text = str(row.get("text") or "")
        text = text if len(text) <= 110 else text[:109].rstrip() + "…"
        link = f'<a href="{esc(href[row["statement_id"]])}">“{esc(text)}”</a>'
        out.append(
            f"<tr><td>{link}</td><td>{esc(row.get('speaker') or '?')}</td>{cells}"
            f'<td class="when">{esc(format_time(first.get("seen_at")) if first else "—")}</td>'
            "</tr>"
        )
    return "".join(out) + "</tbody></table>"


def _links(rows: Sequence[tuple[Any, ...]]) -> str:
    """The post → source links (`Store.post_links` rows) as a table."""
    if not rows:
        return ""
    body = "".join(
        f'<tr><td><span class="chip v-{verdict if verdict in _VERDICTS else "other"}">'
        f"{esc(verdict)}</span></td><td>{esc(method)}</td><td>{float(score or 0):.2f}</td>"
        f"<td>{_link(permalink, title or permalink)}<br>"
        f'<span class="muted">by {esc(author or "?")}</span></td>'
        f"<td>{_link(url, url, 'url')}</td></tr>"
        for permalink, author, title, url, method, verdict, score in rows
    )
    return (
        "<h2>Reposts linked to their sources</h2><table><thead><tr><th>Verdict</th>"
        "<th>Method</th><th>Score</th><th>Post</th><th>Source</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _clusters(clusters: Sequence[Cluster]) -> str:
    """Unmatched quotes grouped into variant clusters."""
    if not clusters:
        return ""
    out = [
        '<h2>Quotes with no official statement</h2><p class="muted">Grouped by variant: '
        "each group starts with the first sighting; the others are labelled against it.</p>"
    ]
    for cluster in clusters:
        speakers = sorted({str(o["speaker"]) for o in cluster.occurrences() if o.get("speaker")})
        who = f" · attributed to {esc(', '.join(speakers))}" if speakers else ""
        items = _occurrence(cluster.first, "first seen", None) + "".join(
            _occurrence(occ, label, diff) for occ, label, diff in cluster.members
        )
        out.append(
            f'<section class="cluster"><blockquote class="quote">“{esc(cluster.first.get("text"))}”'
            f'</blockquote><p class="muted">{cluster.size} sighting'
            f'{"s" if cluster.size != 1 else ""}{who}</p><ol class="occurrences">{items}</ol>'
            "</section>"
        )
    return "".join(out)


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{_CSS}</style></head>"
        f"<body><main>{body}</main><footer>Quote provenance report by forum-provenance. "
        "Times in UTC. Links lead to the pages as crawled; their text is shown, never run."
        "</footer></body></html>\n"
    )


def _summary(rows: Sequence[dict[str, Any]], clusters: Sequence[Cluster]) -> str:
    occurrences = sum(len(r["occurrences"]) for r in rows)
    unmatched = sum(c.size for c in clusters)
    parts = [_plural(len(rows), "statement"), _plural(occurrences, "occurrence")]
    if clusters:
        parts.append(
            f"{_plural(unmatched, 'unmatched quote')} in {_plural(len(clusters), 'group')}"
        )
    return f'<p class="muted">{", ".join(parts)}.</p>'


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


# ------------------------------------------------------------------- pages
def statement_page(row: dict[str, Any], index_href: str | None = INDEX) -> str:
    """The page of one statement, with a link back to the index when `index_href` is set."""
    crumbs = (
        f'<p class="crumbs"><a href="{esc(index_href)}">← All statements</a></p>'
        if index_href
        else ""
    )
    title = f"{row.get('speaker') or 'Statement'}: “{str(row.get('text') or '')[:60]}…”"
    return _page(title, crumbs + _statement(row))


def report_page(
    rows: Sequence[dict[str, Any]],
    clusters: Sequence[Cluster] = (),
    links: Sequence[tuple[Any, ...]] = (),
) -> str:
    """One page with every statement of `rows`, a table of contents, the post → source
    `links` and the unmatched quote `clusters` (each section only when given)."""
    href = {r["statement_id"]: "#" + _anchor(r["statement_id"]) for r in rows}
    body = (
        "<h1>Quote provenance report</h1>"
        + _summary(rows, clusters)
        + (_statement_table(rows, href) if len(rows) > 1 else "")
        + "".join(_statement(r) for r in rows)
        + _links(links)
        + _clusters(clusters)
    )
    return _page("Quote provenance report", body)


def site_pages(
    rows: Sequence[dict[str, Any]],
    clusters: Sequence[Cluster] = (),
    links: Sequence[tuple[Any, ...]] = (),
) -> dict[str, str]:
    """File name → page: index.html (every statement with counts per label, the links
    and the unmatched clusters) and one statement-<id12>.html per statement."""
    href: dict[str, str] = {}
    for r in rows:  # two ids sharing 12 characters: the later one is named in full
        name = page_name(r["statement_id"])
        href[r["statement_id"]] = name if name not in href.values() else _full_name(r)
    index = (
        "<h1>Quote provenance report</h1>"
        + _summary(rows, clusters)
        + _statement_table(rows, href)
        + _links(links)
        + _clusters(clusters)
    )
    pages = {INDEX: _page("Quote provenance report", index)}
    pages.update((href[r["statement_id"]], statement_page(r)) for r in rows)
    return pages
