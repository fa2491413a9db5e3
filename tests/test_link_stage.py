"""The link stage against the store: only what is new since the last run."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from crawler.items import Post, SourcePage
from provenance.link.stage import link_posts
from provenance.store import Store

DATA = Path(__file__).parent / "data" / "link"
T0 = datetime(2026, 1, 5, tzinfo=UTC)
LANTERN = "https://www.northbridge-police.example/news/lanternfish"
COPPER = "https://westmoor-sheriff.example/releases/copperline"


def _source(url: str, name: str) -> SourcePage:
    title, _, body = (DATA / name).read_text(encoding="utf-8").partition("\n\n")
    return SourcePage(url, url, 200, T0, title.strip(), "2026-01-05", body, official=True)


def _post(post_id: str, name: str, cited: tuple[str, ...] = ()) -> Post:
    body = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    return Post(
        "f",
        "1",
        post_id,
        f"http://f/?msg{post_id}",
        "T",
        int(post_id),
        "a",
        "1",
        T0,
        body,
        cited_urls=cited,
    )


def _links(store: Store) -> list[tuple]:
    return store.query("SELECT post_id, source_url, verdict FROM links ORDER BY 1, 2")[1]


def test_only_new_posts_and_new_sources_are_linked(tmp_path: Path) -> None:
    with Store.open(tmp_path / "l.duckdb") as store:
        store.save_sources([_source(LANTERN, "release_lanternfish.txt")])
        store.save_posts([_post("1", "post_verbatim"), _post("2", "post_spun")])
        first = link_posts(store)
        assert (first.posts, first.sources) == (2, 1)
        assert _links(store) == [("1", LANTERN, "verbatim"), ("2", LANTERN, "spun")]

        again = link_posts(store)
        assert (again.posts, again.sources, again.links) == (0, 0, 0)

        # a new post is linked; the old ones are not looked at again
        store.save_posts([_post("3", "post_excerpt")])
        third = link_posts(store)
        assert (third.posts, third.sources) == (1, 0)
        assert ("3", LANTERN, "excerpt") in _links(store)

        # a new source: the old posts are checked against it only; a post that
        # cited it before it was fetched now gets its cites-only link
        store.save_posts([_post("4", "post_cites_only", cited=(COPPER,))])
        link_posts(store)
        assert ("4", COPPER, "cites-only") not in _links(store)
        store.save_sources([_source(COPPER, "release_copperline.txt")])
        fourth = link_posts(store)
        assert (fourth.posts, fourth.sources) == (0, 1)
        assert ("4", COPPER, "cites-only") in _links(store)
        assert len(_links(store)) == 4


def test_an_edited_post_is_linked_again_and_rebuild_redoes_all(tmp_path: Path) -> None:
    with Store.open(tmp_path / "l.duckdb") as store:
        store.save_sources([_source(LANTERN, "release_lanternfish.txt")])
        store.save_posts([_post("1", "post_verbatim")])
        link_posts(store)
        store.save_posts([_post("1", "post_cites_only")])  # edited into unrelated text
        edited = link_posts(store)
        assert edited.posts == 1 and _links(store) == []
        before = store.counts()
        rebuilt = link_posts(store, rebuild=True)
        assert (rebuilt.posts, rebuilt.sources) == (1, 1)
        assert store.counts() == before


def test_a_link_names_the_statements_the_post_quotes_word_for_word(tmp_path: Path) -> None:
    from provenance.quotes.stage import trace_quotes

    with Store.open(tmp_path / "s.duckdb") as store:
        store.save_sources([_source(LANTERN, "release_lanternfish.txt")])
        store.save_posts([_post("1", "post_verbatim"), _post("2", "post_spun")])
        trace_quotes(store)  # the statements table the link stage reads
        link_posts(store)
        _, rows = store.query("SELECT l.post_id, l.statements FROM links l ORDER BY 1")
        _, statements = store.query("SELECT statement_id FROM statements ORDER BY 1")
        named = dict(rows)
        # the verbatim repost quotes every statement of the release (of 5 words or more)
        assert named["1"] and set(named["1"]) <= {s for (s,) in statements}
        assert len(named["1"]) >= 2
        # a spun copy rewords the text around the quotes but keeps the quotes themselves
        assert named["2"] == named["1"]
