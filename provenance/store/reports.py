"""Read-only queries behind the reports: statements with their occurrences, summaries."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from provenance.store.database import Database
from provenance.store.records import PUBLISHED_TEXT, iso_time_sql

log = logging.getLogger(__name__)
_SEEN_AT = iso_time_sql("o.seen_at")


class ReportQueries(Database):
    """Read-only queries behind the reports: statements with their occurrences, summaries."""

    # --------------------------------------------------------------- reports
    def statement_report_rows(
        self,
        needle: str | None = None,
        *,
        speaker_key: str | None = None,
        source_urls: Sequence[str] = (),
    ) -> list[dict[str, Any]]:
        """Every statement with its official source, and its occurrences, for reports.

        `needle` filters statements by id prefix, speaker or text (case-insensitive),
        `speaker_key` by the canonical key of their speaker, `source_urls` by the URL (or
        final URL) of their source; filters given together must all hold.
        """
        params: list[Any] = []
        conditions: list[str] = []
        if needle:
            conditions.append(
                "(s.statement_id LIKE ? OR s.speaker ILIKE ? OR s.text ILIKE ? "
                "OR s.speaker_title ILIKE ?)"
            )
            like = f"%{needle}%"
            params += [f"{needle}%", like, like, like]
        if speaker_key:
            conditions.append("s.speaker_key = ?")
            params.append(speaker_key)
        if source_urls:
            conditions.append("(list_contains(?, s.source_url) OR list_contains(?, src.final_url))")
            params += [list(source_urls), list(source_urls)]
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        statements = self._run(
            "SELECT s.statement_id, s.speaker, s.speaker_title, s.text, s.source_url, "
            f"src.title, {PUBLISHED_TEXT}, src.official "
            "FROM statements s LEFT JOIN sources src ON src.url = s.source_url "
            f"{where} ORDER BY src.published, s.source_url, s.position",
            params,
        )
        out = []
        for sid, speaker, title, text, url, src_title, published, official in statements:
            out.append(
                {
                    "statement_id": sid,
                    "speaker": speaker,
                    "speaker_title": title,
                    "text": text,
                    "source_url": url,
                    "source_title": src_title,
                    "published": published,
                    "official": bool(official),
                    "occurrences": self._report_occurrences("o.statement_id = ?", [sid]),
                }
            )
        return out

    def report_forums(self) -> list[tuple[str, int, int]]:
        """(forum, posts, quote occurrences) of every forum or article site, by name."""
        return self._run(
            "SELECT p.forum, count(*), (SELECT count(*) FROM quote_occurrences o "
            "WHERE o.forum = p.forum) FROM posts p GROUP BY p.forum ORDER BY p.forum"
        )

    def report_sources(self) -> list[tuple[str, str, bool, int]]:
        """(url, title, official, statements) of every fetched source, by URL."""
        return self._run(
            "SELECT src.url, coalesce(src.title, ''), coalesce(src.official, false), "
            "(SELECT count(*) FROM statements s WHERE s.source_url = src.url) "
            "FROM sources src WHERE src.status BETWEEN 200 AND 299 ORDER BY src.url"
        )

    def unmatched_report_rows(self) -> list[dict[str, Any]]:
        """The quotes matched to no statement, in time order, shaped like the
        occurrences of `statement_report_rows`."""
        return self._report_occurrences("o.statement_id IS NULL", [])

    def _report_occurrences(self, where: str, params: list[Any]) -> list[dict[str, Any]]:
        rows = self._run(
            "SELECT o.doc_kind, o.forum, o.thread_id, o.post_id, o.source_url, o.text, "
            "o.speaker, o.label, o.score, o.diff, " + _SEEN_AT + ", p.permalink, "
            "p.author, p.thread_title, p.kind FROM quote_occurrences o LEFT JOIN posts p "
            "ON p.forum = o.forum AND p.thread_id = o.thread_id AND p.post_id = o.post_id "
            f"WHERE {where} ORDER BY o.seen_at NULLS LAST, o.occurrence_id",
            params,
        )
        columns = (
            "doc_kind", "forum", "thread_id", "post_id", "source_url", "text", "speaker",
            "label", "score", "diff", "seen_at", "permalink", "author", "thread_title",
            "post_kind",
        )  # fmt: skip
        return [dict(zip(columns, row, strict=True)) for row in rows]

    def summary(self) -> dict[str, Any]:
        """Headline counts, links by verdict, occurrences by label and reposts
        per day by verdict, for `report --summary`."""
        (row,) = self._run(
            "SELECT (SELECT count(DISTINCT forum) FROM posts WHERE kind = 'post'), "
            "(SELECT count(*) FROM threads), "
            "(SELECT count(*) FROM posts WHERE kind = 'post'), "
            "(SELECT count(DISTINCT forum) FROM posts WHERE kind = 'article'), "
            "(SELECT count(*) FROM posts WHERE kind = 'article'), "
            "(SELECT count(*) FROM sources WHERE status BETWEEN 200 AND 299), "
            "(SELECT count(*) FROM sources WHERE official AND status BETWEEN 200 AND 299), "
            "(SELECT count(*) FROM links), (SELECT count(*) FROM statements), "
            "(SELECT count(*) FROM quote_occurrences)"
        )
        names = ("forums", "threads", "posts", "sites", "articles", "sources", "official",
                 "links", "statements", "occurrences")  # fmt: skip
        days: dict[Any, dict[str, int]] = {}
        for day, verdict, n in self._run(
            "SELECT day, verdict, reposts FROM v_reposts_over_time WHERE day IS NOT NULL"
        ):
            days.setdefault(day, {})[verdict] = int(n)
        return {
            "headline": dict(zip(names, (int(v) for v in row), strict=True)),
            "verdicts": dict(self._run("SELECT verdict, count(*) FROM links GROUP BY 1")),
            "labels": dict(self._run("SELECT label, count(*) FROM quote_occurrences GROUP BY 1")),
            "days": days,
        }
