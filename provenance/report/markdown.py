"""Provenance reports: one section per official statement, as Markdown or JSON.

A report answers the user's question for each quote: who said it, where it
was first published officially (URL and date), and every place it appeared
since, in time order, with the label of each occurrence (verbatim, truncated,
altered with its word diff, misattributed, ...). It also lists which posts
were linked to which official source and how.

The HTML report is `provenance.report_html`; both lay out what
`provenance.report_data` derives from the store's rows.

Every value shown comes from scraped pages and may be hostile: text goes
through :func:`md` (HTML and Markdown syntax escaped, bidirectional controls
removed) and URLs through :func:`md_url` (an autolink for a plain http(s) URL,
escaped text otherwise), so a post cannot add a link, an image or a tag.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from provenance.report.data import (
    Cluster,
    first_repost,
    format_published,
    format_time,
    target_url,
    where,
)
from provenance.store.jsonvalues import dumps
from provenance.text import strip_bidi

_EXCERPT = 160
# Scraped text always follows a prefix of ours on its line, so only the characters
# that mean something inside a line are escaped: emphasis, code, links and images
# (a backslash, which every renderer reads), HTML and entities, tables and
# strikethrough (entities). A dot before a letter or digit and "://" are broken
# too, so that no renderer's linkify turns a scraped domain or URL into a link.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]!])|\.(?=\w)")
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", "|": "&#124;", "~": "&#126;"})
_PLAIN_URL = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)


def md(value: object) -> str:
    """`value` as Markdown text that renders as itself: on one line, without
    bidirectional controls, every Markdown or HTML character escaped."""
    text = strip_bidi(" ".join(str("" if value is None else value).split()))
    escaped = _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), text).translate(_ENTITIES)
    return escaped.replace("://", "&#58;//")


def md_url(url: object) -> str:
    """An autolink for a plain http(s) URL, the escaped text of anything else."""
    text = "" if url is None else str(url)
    if _PLAIN_URL.fullmatch(text) and text.isascii() and text.isprintable():
        return f"<{text}>"
    return md(text) or "?"


def _excerpt(text: str, limit: int = _EXCERPT) -> str:
    text = " ".join(strip_bidi(text or "").split())
    return md(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def _where(occ: dict[str, Any]) -> str:
    return f"{md(where(occ))} {md_url(target_url(occ))}"


def statements_markdown(rows: Sequence[dict[str, Any]]) -> str:
    """One Markdown section per statement with its official source and occurrences."""
    if not rows:
        return "No statements found.\n"
    out: list[str] = []
    for row in rows:
        speaker = md(row["speaker"] or "unnamed speaker")
        title = f", {md(row['speaker_title'])}" if row.get("speaker_title") else ""
        out.append(f"## “{_excerpt(row['text'], 120)}”")
        out.append("")
        out.append(f"- **Speaker:** {speaker}{title}")
        published = md(format_published(row.get("published")))
        kind = "official source" if row.get("official") else "source"
        out.append(f"- **{kind.capitalize()}:** {md_url(row['source_url'])} ({published})")
        if row.get("source_title"):
            out.append(f"- **Release:** {md(row['source_title'])}")
        out.append(f"- **Statement id:** {md(row['statement_id'][:12])}")
        occurrences = row["occurrences"]
        first = first_repost(occurrences)
        if first:
            seen = md(format_time(first.get("seen_at")))
            out.append(f"- **First repost seen:** {seen}, {_where(first)}")
        out.append(f"- **Occurrences:** {len(occurrences)}")
        out.append("")
        for occ in occurrences:
            line = (
                f"  - **{md(occ['label'])}** {md(format_time(occ.get('seen_at')))} — {_where(occ)}"
            )
            if occ.get("speaker"):
                line += f", attributed to {md(occ['speaker'])}"
            out.append(line)
            if occ["label"] not in ("verbatim",):
                out.append(f"    > {_excerpt(occ['text'])}")
            if occ.get("diff"):
                out.append(f"    diff: {md(occ['diff'])}")
        out.append("")
    return "\n".join(out)


def links_markdown(rows: Sequence[tuple[Any, ...]]) -> str:
    """The post → source links as a Markdown list."""
    if not rows:
        return "No post was linked to a source.\n"
    out = ["## Reposts linked to their sources", ""]
    for permalink, author, title, source_url, method, verdict, score in rows:
        out.append(
            f"- **{md(verdict)}** ({md(method)}, score {score:.2f}) “{_excerpt(title, 70)}” by "
            f"{md(author or '?')} {md_url(permalink)} → {md_url(source_url)}"
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
        who = f" ({md(occ['speaker'])})" if occ.get("speaker") else ""
        seen = md(format_time(occ.get("seen_at")))
        label = md(occ["label"])
        out.append(f"- **{label}** “{_excerpt(occ['text'], 120)}”{who} {seen} — {_where(occ)}")
        for variant, vlabel, diff in cluster.members:
            when = md(format_time(variant.get("seen_at")))
            line = f"  - **{md(vlabel)}** {when} — {_where(variant)}"
            out.append(line + (f", diff: {md(diff)}" if diff else ""))
    out.append("")
    return "\n".join(out)


LINK_FIELDS = ("permalink", "author", "thread_title", "source_url", "method", "verdict", "score")


def statements_json(
    rows: Sequence[dict[str, Any]], links: Sequence[tuple[Any, ...]] | None = None
) -> str:
    """The statements as a JSON list; with `links` (from `--links`) an object
    {"statements": [...], "links": [...]}, each link an object of LINK_FIELDS."""
    if links is None:
        return dumps(list(rows), indent=2)
    linked = [dict(zip(LINK_FIELDS, link, strict=True)) for link in links]
    return dumps({"statements": list(rows), "links": linked}, indent=2)


def summary_json(data: dict[str, Any]) -> str:
    """`report --summary` as JSON: headline counts, links by verdict, occurrences by
    label, and reposts per day ({"2026-01-08": {"verbatim": 3}}, days in order)."""
    days = {
        str(day): counts for day, counts in sorted(data["days"].items(), key=lambda d: str(d[0]))
    }
    return dumps({**data, "days": days}, indent=2)
