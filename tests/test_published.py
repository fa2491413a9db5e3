"""Publication times read from page markup: the hour and zone where the page gives them,
a flagged date where it does not."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.published import published
from provenance.store.records import _published

SITES = Path(__file__).parents[1] / "provenance" / "sample" / "sites"


@pytest.mark.parametrize(
    ("head", "iso"),
    [
        ('<meta property="article:published_time" content="2026-01-08T10:00:00-05:00">',
         "2026-01-08T15:00:00+00:00"),
        ('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
         '"datePublished": "2026-01-08T16:30:00Z"}]}</script>', "2026-01-08T16:30:00+00:00"),
        ('<time datetime="2026-01-08T09:15:00+01:00">8 Jan</time>', "2026-01-08T08:15:00+00:00"),
        # a date, or a time with no zone, is only a date
        ('<meta property="article:published_time" content="2026-01-08">', "2026-01-08"),
        ('<time datetime="2026-01-08T10:00:00">8 Jan</time>', "2026-01-08"),
        ("<p>Published 2026-01-08 by the office</p>", "2026-01-08"),
    ],
)  # fmt: skip
def test_the_time_of_day_and_zone_are_read_where_the_markup_gives_them(head: str, iso: str) -> None:
    found = published(f"<html><head>{head}</head><body><p>Text.</p></body></html>")
    assert found is not None and found.iso() == iso
    assert found.has_time == (len(iso) > 10)


def test_a_page_that_gives_no_date_has_none() -> None:
    assert published("<html><body><p>No date here.</p></body></html>") is None


def test_the_demo_release_is_dated_at_its_hour() -> None:
    page = SITES / "www.ag.calloway.example"
    page /= "attorney-general-whitcomb-announces-results-of-operation-lantern.html"
    found = published(page.read_text("utf-8"))
    assert found is not None and found.has_time
    assert found.moment == datetime(2026, 1, 8, 15, 0, tzinfo=UTC)


def test_the_store_keeps_a_flag_when_only_the_date_is_known() -> None:
    assert _published("2026-01-08T15:00:00+00:00") == (datetime(2026, 1, 8, 15, tzinfo=UTC), True)
    assert _published("2026-01-08") == (datetime(2026, 1, 8, tzinfo=UTC), False)
    assert _published("2026-01-08T10:00:00") == (datetime(2026, 1, 8, tzinfo=UTC), False)
    assert _published(None) == (None, False)
