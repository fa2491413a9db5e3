"""What every report derives from the store's rows: diffs, times, counts, clusters."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from provenance.quotes.variants import Statement, label_occurrence
from provenance.report.data import (
    DiffChange,
    cluster_unmatched,
    elapsed,
    first_repost,
    format_time,
    label_counts,
    parse_diff,
    parse_time,
)

OFFICIAL = (
    "The people who sold these pills knew they were shipping poison to our neighbors, and we "
    "will keep following the packages, the money and the servers until every one of them has "
    "answered for it."
)


def test_a_diff_written_by_the_variants_module_parses_back_into_its_changes() -> None:
    altered = (
        "The people who sold these pills knew they were selling poison to our neighbors, and we "
        "will keep following the packages ... until every one of them has answered for it."
    )
    match = label_occurrence(altered, "Marcus Ellery", [Statement("s", OFFICIAL, "Whitcomb", "")])
    assert match.label == "misattributed"
    assert parse_diff(match.diff) == [
        DiffChange("speaker", "Whitcomb", "Marcus Ellery"),
        DiffChange("replace", "shipping", "selling"),
        DiffChange("cut", old=", the money and the servers"),
    ]


@pytest.mark.parametrize(
    ("diff", "changes"),
    [
        ("", []),
        (None, []),
        ("+'very'", [DiffChange("insert", new="very")]),
        ("−'all of'", [DiffChange("delete", old="all of")]),
        ("Our → our", [DiffChange("replace", "Our", "our")]),
        ("something else", [DiffChange("text", new="something else")]),
    ],
)
def test_each_kind_of_change_is_recognised(diff: str | None, changes: list[DiffChange]) -> None:
    assert parse_diff(diff) == changes


def test_times_are_read_as_utc_and_dates_as_their_midnight() -> None:
    assert parse_time("2026-01-08 16:04:17+00") == datetime(2026, 1, 8, 16, 4, 17, tzinfo=UTC)
    assert parse_time("2026-01-08 11:04:17-05:00") == datetime(2026, 1, 8, 16, 4, 17, tzinfo=UTC)
    assert parse_time("2026-01-08") == datetime(2026, 1, 8, tzinfo=UTC)
    assert parse_time(date(2026, 1, 8)) == datetime(2026, 1, 8, tzinfo=UTC)
    assert parse_time("last Tuesday") is None and parse_time(None) is None
    assert format_time("2026-01-08 16:04:17+00") == "2026-01-08 16:04 UTC"
    assert format_time(None) == "?"


def test_elapsed_time_in_words() -> None:
    assert elapsed("2026-01-08", "2026-01-08 16:04:17+00") == "16 h"
    assert elapsed("2026-01-08", "2026-01-10 12:52:08+00") == "2 d 12 h"
    assert elapsed("2026-01-08", "2026-01-08 00:40:00+00") == "40 min"
    assert elapsed("2026-01-08", "2026-02-08 03:00:00+00") == "31 d"
    assert elapsed("2026-01-08", "2026-01-07 10:00:00+00") == ""
    assert elapsed(None, "2026-01-07 10:00:00+00") == ""


def test_counts_follow_the_label_order_and_the_first_repost_is_a_post() -> None:
    occurrences = [
        {"doc_kind": "source", "label": "verbatim", "source_url": "http://a.example/"},
        {"doc_kind": "post", "label": "altered", "post_id": "5"},
        {"doc_kind": "post", "label": "verbatim", "post_id": "6"},
        {"doc_kind": "post", "label": "spliced", "post_id": "7"},
    ]
    assert list(label_counts(occurrences).items()) == [
        ("verbatim", 2),
        ("altered", 1),
        ("spliced", 1),
    ]
    first = first_repost(occurrences)
    assert first is not None and first["post_id"] == "5"
    assert first_repost(occurrences[:1]) is None


def test_unmatched_quotes_are_grouped_by_variant_largest_group_first() -> None:
    texts = [
        "a quiet word about the harbour lights and the night ferry schedule",
        "this is only the first wave, and the buyers are next on our list.",
        "this is only the first wave, and the sellers are next on our list.",
        "the first wave, and the buyers are next",
        "this is only the first wave, and the buyers are next on our list.",
    ]
    occurrences = [{"text": t, "post_id": str(n)} for n, t in enumerate(texts)]
    clusters = cluster_unmatched(occurrences)
    assert [c.size for c in clusters] == [4, 1]
    wave = clusters[0]
    assert wave.first["post_id"] == "1"
    assert [(o["post_id"], label, diff) for o, label, diff in wave.members] == [
        ("2", "altered", "buyers → sellers"),
        ("3", "truncated", ""),
        ("4", "verbatim", ""),
    ]
    assert clusters[1].first["post_id"] == "0" and clusters[1].members == ()
    assert cluster_unmatched([]) == []
