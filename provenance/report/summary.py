"""The whole-database summary: headline counts and reposts over time.

`provenance report --summary` answers "what is in here?" before any single
quote: how many forums, threads, posts and articles were read, how many
official sources, how the posts were linked (by verdict), how many official
statements and how their occurrences were labelled, and a chart of reposts
per day by verdict (Markdown: a table with bars of characters; HTML: a
self-contained page with an inline SVG bar chart, every value escaped).
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

VERDICT_COLOURS = {
    "verbatim": "#2e7d32",
    "excerpt": "#1565c0",
    "rewrite": "#6a1b9a",
    "spun": "#e65100",
}


def summary_markdown(data: dict[str, Any]) -> str:
    """The summary as Markdown: headline counts, verdicts, labels, reposts per day."""
    h = data["headline"]
    out = [
        "# Provenance summary",
        "",
        f"- **Forums:** {h['forums']} ({h['threads']} threads, {h['posts']} posts); "
        f"**article sites:** {h['sites']} ({h['articles']} articles)",
        f"- **Sources:** {h['sources']} fetched, {h['official']} official",
        f"- **Links:** {h['links']} ({_pairs(data['verdicts'])})",
        f"- **Official statements:** {h['statements']}; **quote occurrences:** "
        f"{h['occurrences']} ({_pairs(data['labels'])})",
        "",
        "## Reposts over time",
        "",
    ]
    days = data["days"]
    if not days:
        out.append("No repost linked to a source yet.")
        return "\n".join(out) + "\n"
    top = max(sum(v.values()) for v in days.values())
    out += ["| day | reposts | |", "|---|---:|---|"]
    for day, verdicts in sorted(days.items()):
        total = sum(verdicts.values())
        bar = "█" * max(1, round(20 * total / top))
        out.append(f"| {day} | {total} | {bar} {_pairs(verdicts)} |")
    return "\n".join(out) + "\n"


def summary_html(data: dict[str, Any]) -> str:
    """The summary as one self-contained HTML page with an SVG chart of reposts per day."""
    h = data["headline"]
    esc = html.escape
    rows = [
        ("Forums", f"{h['forums']} ({h['threads']} threads, {h['posts']} posts)"),
        ("Article sites", f"{h['sites']} ({h['articles']} articles)"),
        ("Sources", f"{h['sources']} fetched, {h['official']} official"),
        ("Links", f"{h['links']} ({_pairs(data['verdicts'])})"),
        ("Official statements", str(h["statements"])),
        ("Quote occurrences", f"{h['occurrences']} ({_pairs(data['labels'])})"),
    ]
    table = "\n".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">\n"
        "<title>Provenance summary</title>\n<style>body{font:15px/1.5 system-ui,sans-serif;"
        "max-width:960px;margin:2em auto;padding:0 1em}th{text-align:left;padding-right:1em}"
        "svg text{font:11px sans-serif}</style></head><body>\n"
        f"<h1>Provenance summary</h1>\n<table>{table}</table>\n"
        f"<h2>Reposts over time</h2>\n{_chart(data['days'])}\n</body></html>\n"
    )


def _chart(days: dict[date | str, dict[str, int]]) -> str:
    """Stacked bars, one per day, coloured by verdict."""
    if not days:
        return "<p>No repost linked to a source yet.</p>"
    ordered = sorted(days.items())
    top = max(sum(v.values()) for _, v in ordered)
    width, height, left, bottom = 900, 260, 40, 40
    step = (width - left) / len(ordered)
    bar = max(2.0, step * 0.7)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="reposts per day by verdict">',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" '
        'stroke="#999"/>',
        f'<text x="4" y="14">{top}</text>',
    ]
    scale = (height - bottom - 20) / top
    for i, (day, verdicts) in enumerate(ordered):
        x = left + i * step
        y = float(height - bottom)
        for verdict in sorted(
            verdicts, key=lambda v: list(VERDICT_COLOURS).index(v) if v in VERDICT_COLOURS else 99
        ):
            n = verdicts[verdict]
            h = n * scale
            y -= h
            colour = VERDICT_COLOURS.get(verdict, "#757575")
            parts.append(
                f'<rect class="bar {html.escape(verdict)}" x="{x:.1f}" y="{y:.1f}" '
                f'width="{bar:.1f}" height="{h:.1f}" fill="{colour}">'
                f"<title>{html.escape(str(day))}: {n} {html.escape(verdict)}</title></rect>"
            )
        parts.append(
            f'<text x="{x:.1f}" y="{height - bottom + 14}">{html.escape(str(day)[5:])}</text>'
        )
    legend_x = left
    for verdict, colour in VERDICT_COLOURS.items():
        parts.append(
            f'<rect x="{legend_x}" y="{height - 14}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{legend_x + 14}" y="{height - 5}">{verdict}</text>'
        )
        legend_x += 90
    parts.append("</svg>")
    return "\n".join(parts)


def _pairs(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"
