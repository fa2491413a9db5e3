"""Provenance reports: one section per official statement, as Markdown or JSON.

A report answers the user's question for each quote: who said it, where it
was first published officially (URL and date), and every place it appeared
since, in time order, with the label of each occurrence (verbatim, truncated,
altered with its word diff, misattributed, ...). It also lists which posts
were linked to which official source and how.

The HTML report is `provenance.report_html`; both lay out what
`provenance.report_data` derives from the store's rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from provenance.report.data import Cluster, first_repost, format_published, target_url, where

_EXCERPT = 160


def _excerpt(text: str, limit: int = _EXCERPT) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _where(occ: dict[str, Any]) -> str:
    return f"{where(occ)} <{target_url(occ) or '?'}>"


def statements_markdown(rows: Sequence[dict[str, Any]]) -> str:
    """One Markdown section per statement with its official source and occurrences."""
    if not rows:
        return "No statements found.\n"
    out: list[str] = []
    for row in rows:
        speaker = row["speaker"] or "unnamed speaker"
        title = f", {row['speaker_title']}" if row.get("speaker_title") else ""
        out.append(f"## “{_excerpt(row['text'], 120)}”")
        out.append("")
        out.append(f"- **Speaker:** {speaker}{title}")
        published = format_published(row.get("published"))
        kind = "official source" if row.get("official") else "source"
        out.append(f"- **{kind.capitalize()}:** <{row['source_url']}> ({published})")
        if row.get("source_title"):
            out.append(f"- **Release:** {row['source_title']}")
        out.append(f"- **Statement id:** `{row['statement_id'][:12]}`")
        occurrences = row["occurrences"]
        first = first_repost(occurrences)
        if first:
            out.append(f"- **First repost seen:** {first.get('seen_at') or '?'}, {_where(first)}")
        out.append(f"- **Occurrences:** {len(occurrences)}")
        out.append("")
        for occ in occurrences:
            line = f"  - `{occ['label']}` {occ.get('seen_at') or '?'} — {_where(occ)}"
            if occ.get("speaker"):
                line += f", attributed to {occ['speaker']}"
            out.append(line)
            if occ["label"] not in ("verbatim",):
                out.append(f"    > {_excerpt(occ['text'])}")
            if occ.get("diff"):
                out.append(f"    diff: {occ['diff']}")
        out.append("")
    return "\n".join(out)


def links_markdown(rows: Sequence[tuple[Any, ...]]) -> str:
    """The post → source links as a Markdown list."""
    if not rows:
        return "No post was linked to a source.\n"
    out = ["## Reposts linked to their sources", ""]
    for permalink, author, title, source_url, method, verdict, score in rows:
        out.append(
            f"- `{verdict}` ({method}, score {score:.2f}) “{_excerpt(title, 70)}” by "
            f"{author or '?'} <{permalink}> → <{source_url}>"
        )
    out.append("")
    return "\n".join(out)


def unmatched_markdown(clusters: Sequence[Cluster]) -> str:
    """The quotes with no official statement, grouped by variant, first sighting first."""
    if not clusters:
        return ""
    out = ["## Quotes with no official statement", ""]
    for cluster in clusters:
        occ = cluster.first
        who = f" ({occ['speaker']})" if occ.get("speaker") else ""
        seen = occ.get("seen_at") or "?"
        out.append(f"- `{occ['label']}` “{_excerpt(occ['text'], 120)}”{who} {seen} — {_where(occ)}")
        for variant, label, diff in cluster.members:
            line = f"  - `{label}` {variant.get('seen_at') or '?'} — {_where(variant)}"
            out.append(line + (f", diff: {diff}" if diff else ""))
    out.append("")
    return "\n".join(out)


def statements_json(rows: Sequence[dict[str, Any]]) -> str:
    return json.dumps(list(rows), indent=2, ensure_ascii=False, default=str)
