"""The batched, parallel link and quotes stages give the tables of the
single-process run over one batch, and the links and labels of the linker and
statement index called one post and one occurrence at a time.

The corpus reposts, excerpts and quotes (some cut, some with a changed word)
the labelled link set's releases, so every path is taken: verbatim and
excerpt links, cited links, exact and fuzzy quote labels, unmatched quotes.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crawler.items import Post, SourcePage
from provenance.link import Linker, PostText, SourceText
from provenance.link.stage import link_posts
from provenance.quotes.extract import extract_quotes
from provenance.quotes.known import KnownSpeakers
from provenance.quotes.stage import trace_quotes
from provenance.quotes.variants import Statement, StatementIndex
from provenance.store import Store

RELEASES = Path(__file__).parent / "data" / "link_eval" / "releases.jsonl"
T0 = datetime(2026, 1, 5, tzinfo=UTC)
CHATTER = ("Thanks for posting.", "Nothing looked different yesterday.", "Fine by me.")


def _releases() -> list[dict]:
    lines = RELEASES.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[:40]]


def _quotes(text: str) -> list[str]:
    found = []
    for part in text.split("\u201c")[1:]:
        quote = part.split("\u201d")[0].strip(" ,")
        if len(quote.split()) >= 6:
            found.append(quote)
    return found


def _body(rng: random.Random, releases: list[dict]) -> tuple[str, tuple[str, ...]]:
    release = rng.choice(releases)
    paragraphs = [p for p in release["text"].split("\n\n") if p.strip()]
    roll = rng.random()
    if roll < 0.15:
        return "\n\n".join(paragraphs), ()
    if roll < 0.3:
        k = max(1, len(paragraphs) // 3)
        return "\n\n".join(paragraphs[:k]) + "\n\n" + release["url"], (release["url"],)
    quotes = _quotes(release["text"])
    if roll < 0.8 and quotes:
        words = rng.choice(quotes).split()
        if rng.random() < 0.3:
            words = words[: max(6, len(words) // 2)]  # cut short
        elif rng.random() < 0.4:
            words[len(words) // 2] = "certainly"  # one word changed
        return f'As they put it, "{" ".join(words)}" {rng.choice(CHATTER)}', ()
    if roll < 0.9:
        return 'Someone said "we will never ever build that road here again" today.', ()
    return " ".join(rng.sample(CHATTER, 2)), ()


def _corpus(store: Store, n_posts: int = 240) -> None:
    rng = random.Random(11)
    releases = _releases()
    store.save_sources(
        [
            SourcePage(r["url"], r["url"], 200, T0, r["title"], "2026-01-01", r["text"],
                       official=True)
            for r in releases
        ]
    )  # fmt: skip
    posts = []
    for n in range(n_posts):
        body, cited = _body(rng, releases)
        posts.append(
            Post("f", str(n // 20), str(n), f"http://f/?msg{n}", "T", n % 20, "a", "1",
                 T0 + timedelta(minutes=n), body, cited_urls=cited)
        )  # fmt: skip
    store.save_posts(posts)


def _tables(store: Store) -> dict[str, list[tuple]]:
    return {
        "labels": store.query("SELECT DISTINCT label FROM quote_occurrences ORDER BY label")[1],
        "verdicts": store.query("SELECT DISTINCT verdict FROM links")[1],
        "links": store.query("SELECT * EXCLUDE (linked_at) FROM links ORDER BY ALL")[1],
        "link_state": store.query("SELECT * EXCLUDE (linked_at) FROM link_state ORDER BY ALL")[1],
        "quote_occurrences": store.query("SELECT * FROM quote_occurrences ORDER BY ALL")[1],
        "quote_clusters": store.query("SELECT * FROM quote_clusters ORDER BY ALL")[1],
    }


def _run(path: Path, workers: int, batch: int) -> dict[str, list[tuple]]:
    with Store.open(path) as store:
        _corpus(store)
        link_posts(store, workers=workers, batch=batch)
        trace_quotes(store, workers=workers, batch=batch)
        return _tables(store)


def test_batched_parallel_stages_write_the_single_process_tables(tmp_path: Path) -> None:
    single = _run(tmp_path / "single.duckdb", workers=1, batch=100_000)
    parallel = _run(tmp_path / "parallel.duckdb", workers=2, batch=17)
    assert parallel == single
    labels = {label for (label,) in single["labels"]}
    verdicts = {verdict for (verdict,) in single["verdicts"]}
    # the corpus takes every path, or the comparison proves little
    assert {"verbatim", "truncated", "altered", "unmatched"} <= labels, labels
    assert {"verbatim", "excerpt"} <= verdicts, verdicts
    assert len(single["links"]) > 50 and len(single["quote_occurrences"]) > 100


def test_stages_match_the_linker_and_index_one_at_a_time(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.duckdb") as store:
        _corpus(store)
        link_posts(store, workers=2, batch=13)
        trace_quotes(store, workers=2, batch=13)
        sources = store.sources()
        posts = store.posts()
        links = store.query("SELECT post_id, source_url, method, verdict FROM links ORDER BY ALL")[
            1
        ]
        labels = dict(
            store.query(
                "SELECT post_id || '#' || position, label "
                "FROM quote_occurrences WHERE doc_kind = 'post'"
            )[1]
        )
        statements = store.statements()
    linker = Linker(SourceText(s.url, s.title, s.body) for s in sources)
    one_at_a_time = sorted(
        (p.post_id, r.source_url, r.method, r.verdict)
        for p in posts
        for r in linker.link(PostText(p.key, p.body, p.cited_urls))
    )
    assert links == one_at_a_time
    index = StatementIndex(Statement(sid, text, speaker, title)
                           for sid, _, speaker, title, text in statements)  # fmt: skip
    known = KnownSpeakers((speaker, title) for _, _, speaker, title, _ in statements)
    expected = {
        f"{p.post_id}#{n}": index.match(q.text, q.speaker).label
        for p in posts
        for n, q in enumerate(extract_quotes(p.body, known))
    }
    assert labels == expected


def _run_cli(path: Path, workers: str) -> dict[str, list[tuple]]:
    from provenance.app.cli import main

    with Store.open(path) as store:
        _corpus(store)
    assert main(["--db", str(path), "link", "--workers", workers]) == 0
    assert main(["--db", str(path), "quotes", "--workers", workers]) == 0
    with Store.open(path) as store:
        return _tables(store)


def test_cli_workers_option_gives_the_one_process_tables(tmp_path: Path, capsys) -> None:
    one = _run_cli(tmp_path / "one.duckdb", "1")
    two = _run_cli(tmp_path / "two.duckdb", "2")
    assert two == one
    assert len(one["links"]) > 50 and len(one["quote_occurrences"]) > 100
    out = capsys.readouterr().out
    assert out.count("link: 240 new or changed posts") == 2, out


def test_cli_refuses_no_workers(tmp_path: Path, capsys) -> None:
    from provenance.app.cli import main

    with Store.open(tmp_path / "s.duckdb"):
        pass
    assert main(["--db", str(tmp_path / "s.duckdb"), "link", "--workers", "0"]) == 2
    assert "--workers must be more than 0, not 0" in capsys.readouterr().err
