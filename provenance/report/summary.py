"""The whole-database summary: headline counts and reposts over time.

`provenance report --summary` answers "what is in here?" before any single
quote: how many forums, threads, posts and articles were read, how many
official sources, how the posts were linked (by verdict), how many official
statements and how their occurrences were labelled, and a chart of reposts
per day by verdict (Markdown: a table with bars of characters; HTML: a
self-contained page with an inline SVG bar chart on a counted y axis, rendered
from `templates/summary.html` like every report page).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from provenance.report.charts import bars
from provenance.report.data import VERDICTS
from provenance.report.render import NavItem, render


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


def summary_html(
    data: dict[str, Any], nav: Sequence[NavItem] = (), index_href: str | None = None
) -> str:
    """The summary as one self-contained HTML page with a bar chart of reposts per day,
    on the report site's layout (`nav` its header links, `index_href` the way back)."""
    h = data["headline"]
    facts = [
        ("Forums", f"{h['forums']} ({h['threads']} threads, {h['posts']} posts)"),
        ("Article sites", f"{h['sites']} ({h['articles']} articles)"),
        ("Sources", f"{h['sources']} fetched, {h['official']} official"),
        ("Links", f"{h['links']} ({_pairs(data['verdicts'])})"),
        ("Official statements", str(h["statements"])),
        ("Quote occurrences", f"{h['occurrences']} ({_pairs(data['labels'])})"),
    ]
    return render(
        "summary.html",
        title="Provenance summary",
        facts=facts,
        chart=bars(data["days"], VERDICTS),
        nav=nav,
        current="summary.html",
        index_href=index_href,
    )


def _pairs(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"
