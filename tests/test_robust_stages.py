"""The link and quotes stages on what strangers post: empty, huge, binary-looking
and duplicated text, undated posts, and sources cited under two spellings.
Each stage runs to the end and a second run changes no table."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from crawler.items import Post, SourcePage
from provenance.link.stage import link_posts
from provenance.quotes.stage import trace_quotes
from provenance.store import Store

RELEASE = (
    "WASHINGTON - The Justice Department announced a settlement today.\n\n"
    '"Our message to criminals on the dark web is this: we will find you," said Attorney '
    "General Merrick B. Garland. The settlement covers 4.2 million dollars.\n\n"
)
NOW = datetime(2026, 1, 9, 12, tzinfo=UTC)


def _post(post_id: str, body: str, cited: tuple[str, ...] = ()) -> Post:
    return Post("f", "1", post_id, f"http://f/?msg{post_id}", "T", int(post_id), None, None,
                None, body, cited_urls=cited)  # fmt: skip


def _tables(store: Store) -> dict[str, list[tuple]]:
    return {
        t: store.query(f"SELECT * EXCLUDE (linked_at) FROM {t} ORDER BY ALL")[1]
        for t in ("links", "link_state")
    } | {
        t: store.query(f"SELECT * FROM {t} ORDER BY ALL")[1]
        for t in ("statements", "quote_occurrences", "signatures")
    }


def test_link_and_quotes_take_hostile_posts_and_twice_spelled_sources(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.duckdb") as store:
        store.save_sources(
            [
                SourcePage(
                    url,
                    url,
                    200,
                    NOW,
                    title="Release",
                    text=RELEASE,
                    official=True,
                    published="2026-01-05",
                )  # fmt: skip
                for url in ("https://www.justice.gov/opa/pr/x", "https://www.justice.gov/opa/pr/x/")
            ]
            + [
                SourcePage(
                    "https://farm.example/a",
                    "https://farm.example/a",
                    200,
                    NOW,
                    text="\ufffd" * 50,
                    published="not a date",
                )
            ]  # fmt: skip
        )
        store.save_posts(
            [
                _post("1", RELEASE, ("https://www.justice.gov/opa/pr/x/",)),
                _post("2", ""),
                _post("3", '"' * 5000 + "said Garland" * 2000),
                _post("4", ("word " * 200_000)),  # a 1 MB post of one word
                _post("5", "\u202e\u200b\ufeff" * 300 + " 🙂" * 300),
                _post("6", RELEASE * 30, ("https://www.justice.gov/opa/pr/x",)),
                _post("7", '"' + "unclosed quote " * 500, ("not a url", "javascript:x")),
            ]
        )
        link_posts(store)
        trace_quotes(store)
        first = _tables(store)
        link_posts(store)
        trace_quotes(store)
        assert _tables(store) == first
        linked = {r[2] for r in first["links"]}
        assert {"1", "6"} <= linked
        assert {r[3] for r in first["links"]} == {"https://www.justice.gov/opa/pr/x"}
        assert any("dark web" in r[-1] for r in first["statements"])
