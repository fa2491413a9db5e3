"""Link speed: signing, the passage index and linking end to end, with their baselines.

Usage:
    .venv/bin/python bench/link_speed.py [N] [--parts signing,index,link]
        [--docs D] [--passages P] [--sources S] [--posts M] [--workers W] [--seed SEED]

``N`` (default 10,000) sizes every part: signing ``N // 50`` documents
(at least 200, at most 20,000), an index of ``N`` passages, and ``N`` posts
linked against ``N // 10`` sources; the options set a part's size alone.
``N = 1000000`` is the full size of the goals below; ``N = 2000`` runs in
seconds. Every text comes from bench/link_corpus.py with a fixed seed.

Printed, in one run and one table (STYLE rule 11: no assertion on time):

* signing, text -> MinHash signature of its word 5-shingles (128 slots),
  ours against datasketch's per-shingle ``MinHash.update`` (goal: at least
  10x faster) and ``update_batch``, and against rensa's R-MinHash (a Rust
  MinHash from PyPI; goal: within 2x of it), on the same documents, from
  shingle strings, from tokens and from the text (tokenising included);
* the passage index: built over ``P`` passage signatures (goal for a
  million: at most 2 minutes and 3 GB peak RSS, measured in a child process
  so that the figure is the index's own), saved and loaded, and queried in
  batches and one by one (goal: at least 5,000 passages per second), against
  datasketch's MinHashLSH on a sample;
* end to end: ``M`` posts (reposts, excerpts, spun copies, unrelated
  chatter) linked against ``S`` sources (goal: a million posts against
  100,000 sources in at most 10 minutes); a smaller run is extrapolated
  linearly to the full size, and both figures are printed. ``--workers 2``
  also links with two processes forked after the linker is built.

datasketch's per-shingle update is timed on at most ``--datasketch-docs``
documents (default 1,000), as it takes seconds per thousand; its rate is
per document, like every other row. The verdicts of the end-to-end run are
checked against the kind each post was made as (a sanity check, not the
quality measure, which is bench/link_quality.py).

rensa is not a project dependency: ``.venv/bin/pip install rensa`` for this
bench only; without it, its rows say so and the rest runs.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from link_corpus import EXPECTED, Corpus, LabelledPost  # noqa: E402

from provenance import text as tx  # noqa: E402
from provenance.index import PassageIndex  # noqa: E402
from provenance.link import Linker, LinkOptions  # noqa: E402
from provenance.signatures import (  # noqa: E402
    DEFAULT_PARAMS,
    shingle_hashes,
    sign_hashes,
    sign_many,
    sign_token_lists,
    to_lean,
)

FULL_POSTS, FULL_SOURCES, FULL_PASSAGES = 1_000_000, 100_000, 1_000_000
K = 5
BATCH = 512


@dataclass
class Row:
    part: str
    what: str
    size: int
    seconds: float
    unit: str  # what one item is
    baseline: str = ""  # the row whose rate the ratio is taken against
    goal: str = ""
    note: str = ""

    @property
    def per_item_us(self) -> float:
        return self.seconds / self.size * 1e6 if self.size else float("nan")

    @property
    def rate(self) -> float:
        return self.size / self.seconds if self.seconds else float("inf")


def clock(function: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def best(function: Callable[[], Any], runs: int = 3) -> float:
    """The shortest of ``runs`` runs: on a shared machine the others are
    the same work plus someone else's."""
    return min(clock(function)[0] for _ in range(runs))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ----------------------------------------------------------------- signing
def signing(docs: int, datasketch_docs: int, seed: int) -> list[Row]:
    from datasketch import MinHash

    corpus = Corpus(seed)
    texts = [s.text for s in corpus.make_sources(docs)]
    tokens = [tx.words(t) for t in texts]
    shingles = [tx.word_shingles(t, K) for t in tokens]
    sample = min(docs, datasketch_docs)
    params = DEFAULT_PARAMS
    rows: list[Row] = []

    def add(what: str, seconds: float, size: int, baseline: str = "", note: str = "") -> None:
        rows.append(Row("signing", what, size, seconds, "doc", baseline, note=note))

    def datasketch_update() -> None:
        for doc in shingles[:sample]:
            minhash = MinHash(num_perm=params.num_perm, seed=params.seed)
            for s in doc:
                minhash.update(s.encode("utf-8"))

    def datasketch_batch() -> None:
        for doc in shingles[:sample]:
            minhash = MinHash(num_perm=params.num_perm, seed=params.seed)
            minhash.update_batch([s.encode("utf-8") for s in doc])

    def ours_tokens(token_lists: Sequence[list[str]]) -> np.ndarray:
        return np.concatenate(
            [
                sign_token_lists(token_lists[start : start + BATCH], K, params)
                for start in range(0, len(token_lists), BATCH)
            ]
        )

    seconds = best(datasketch_update, 1)
    add("datasketch MinHash.update per shingle", seconds, sample, note=f"{sample} docs")
    seconds = best(datasketch_batch)
    add("datasketch MinHash.update_batch", seconds, sample, note=f"{sample} docs")
    try:
        import rensa
    except ImportError:
        rensa = None
    if rensa is not None:

        def rensa_each() -> None:
            for doc in shingles:
                minhash = rensa.RMinHash(params.num_perm, params.seed)
                minhash.update(doc)
                minhash.digest()

        seconds = best(rensa_each)
        add("rensa RMinHash.update per doc", seconds, docs)
        seconds = best(
            lambda: rensa.RMinHash.digest_matrix_from_token_sets(
                shingles, params.num_perm, params.seed
            )
        )
        add("rensa digest_matrix_from_token_sets (bulk)", seconds, docs)
    else:
        rows.append(Row("signing", "rensa: not installed (pip install rensa)", 0, 0.0, "doc"))
    base, rensa_row = "datasketch MinHash.update per shingle", "rensa RMinHash.update per doc"
    seconds = best(lambda: sign_many(shingles, params))
    add("ours sign_many, shingle strings -> sig", seconds, docs, base)
    seconds = best(lambda: ours_tokens(tokens))
    add("ours tokens -> sig (token hashes, fss)", seconds, docs, base)
    seconds = best(lambda: [tx.words(t) for t in texts])
    add("  tokenising alone (tx.words, shared)", seconds, docs)
    seconds = best(lambda: ours_tokens([tx.words(t) for t in texts]))
    add("ours text -> sig (tokenising included)", seconds, docs, base)
    if rensa is not None:

        def rensa_text() -> None:
            for text in texts:
                minhash = rensa.RMinHash(params.num_perm, params.seed)
                minhash.update(tx.word_shingles(tx.words(text), K))
                minhash.digest()

        seconds = best(rensa_text)
        add("rensa text -> sig (tokenising included)", seconds, docs, base)
    for row in rows:
        if row.what.startswith("ours") and rensa is not None:
            other = "rensa text" if "text" in row.what else rensa_row
            row.note = f"vs rensa: {row.per_item_us / _find(rows, other).per_item_us:.2f}x time"
    return rows


def _find(rows: list[Row], prefix: str) -> Row:
    return next(r for r in rows if r.what.startswith(prefix))


# ------------------------------------------------------------------- index
def passage_signatures(count: int, seed: int) -> np.ndarray:
    """Signatures of ``count`` synthetic 50-word passages, a fifth of them
    near copies (5 words changed) of an earlier one, signed as the linker does."""
    rng = np.random.default_rng(seed)
    vocabulary = rng.integers(0, 2**64, 50_000, dtype=np.uint64)
    ranks = np.arange(1, len(vocabulary) + 1)
    cumulative = np.cumsum(1.0 / ranks) / np.sum(1.0 / ranks)
    out = np.empty((count, DEFAULT_PARAMS.num_perm), dtype=np.uint32)
    width = 50
    for start in range(0, count, 20_000):
        rows = min(20_000, count - start)
        words = vocabulary[np.searchsorted(cumulative, rng.random((rows, width)))]
        copies = np.flatnonzero(rng.random(rows) < 0.2)
        words[copies] = words[rng.integers(0, rows, len(copies))]
        changed = rng.integers(0, width, (len(copies), 5))
        words[copies[:, None], changed] = vocabulary[rng.integers(0, 50_000, changed.shape)]
        hashes = shingle_hashes(words.reshape(-1), K)
        # keep only shingles inside one passage: 46 per 50-word passage
        valid = np.concatenate([hashes, np.zeros(K - 1, dtype=np.uint64)]).reshape(rows, width)
        valid = valid[:, : width - K + 1]
        offsets = np.arange(rows + 1, dtype=np.int64) * (width - K + 1)
        out[start : start + rows] = sign_hashes(valid.reshape(-1), offsets)
    return out


def _near_copies(matrix: np.ndarray, count: int, seed: int) -> np.ndarray:
    """Queries: signatures equal to stored ones in a random half of the slots
    (about Jaccard 0.5, a certain candidate) or entirely fresh."""
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, len(matrix), count)
    queries = matrix[rows].copy()
    fresh = rng.integers(0, 2**32 - 1, queries.shape, dtype=np.uint64).astype(np.uint32)
    mask = rng.random(queries.shape) < 0.5
    mask[rng.random(count) < 0.5] = True  # half the queries share nothing
    queries[mask] = fresh[mask]
    return queries


def index_child(path: str, queries_path: str) -> dict[str, float]:
    """Build, save, load and query an index in this (fresh) process."""
    matrix = np.load(path, mmap_mode="r")
    keys = [f"https://agency{i % 997}.example/news/{i // 10}#{i % 10}" for i in range(len(matrix))]
    gc.collect()
    base_rss = rss_mb()
    start = time.perf_counter()
    index = PassageIndex()
    for first in range(0, len(matrix), 100_000):
        index.add_matrix(keys[first : first + 100_000], np.asarray(matrix[first : first + 100_000]))
    index.query_rows(matrix[:1])  # seals: the band tables are built here
    build = time.perf_counter() - start
    built_rss = rss_mb()
    queries = np.load(queries_path)
    start = time.perf_counter()
    found = 0
    for first in range(0, len(queries), 10_000):
        found += len(index.query_rows(queries[first : first + 10_000])[0])
    batch = time.perf_counter() - start
    single_count = min(len(queries), 5_000)
    start = time.perf_counter()
    for query in queries[:single_count]:
        index.query(query)
    single = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        saved = Path(tmp) / "words.npz"
        start = time.perf_counter()
        index.save(saved)
        save = time.perf_counter() - start
        size = saved.stat().st_size / 2**20
        del index
        gc.collect()
        start = time.perf_counter()
        PassageIndex.load(saved)
        load = time.perf_counter() - start
    return {
        "build": build,
        "build_rss": built_rss,
        "input_rss": base_rss,
        "peak_rss": rss_mb(),
        "batch": batch,
        "single": single,
        "single_count": single_count,
        "found": found,
        "save": save,
        "load": load,
        "size_mb": size,
    }


def index_part(passages: int, seed: int, datasketch_sample: int) -> list[Row]:
    from datasketch import MinHashLSH

    seconds, matrix = clock(lambda: passage_signatures(passages, seed))
    rows = [Row("index", "sign passages (50 words, fss)", passages, seconds, "passage")]
    queries = _near_copies(matrix, min(passages, 100_000), seed + 1)
    with tempfile.TemporaryDirectory() as tmp:
        path, queries_path = Path(tmp) / "m.npy", Path(tmp) / "q.npy"
        np.save(path, matrix)
        np.save(queries_path, queries)
        code = (
            "import json, sys; sys.path.insert(0, sys.argv[3]); import link_speed; "
            "print(json.dumps(link_speed.index_child(sys.argv[1], sys.argv[2])))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code, str(path), str(queries_path), str(Path(__file__).parent)],
            check=True,
            capture_output=True,
            text=True,
        )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    scale = FULL_PASSAGES / passages
    goal_note = f"peak RSS {figures['peak_rss']:.0f} MB (after build {figures['build_rss']:.0f})"
    rows.append(
        Row(
            "index",
            "build (add_matrix + band tables)",
            passages,
            figures["build"],
            "passage",
            goal="<= 120 s, <= 3 GB for 1M",
            note=goal_note
            + (f"; x{scale:g} -> {figures['build'] * scale:.0f} s" if scale != 1 else ""),
        )
    )
    rows.append(
        Row(
            "index",
            "save (.npz)",
            passages,
            figures["save"],
            "passage",
            note=f"{figures['size_mb']:.0f} MB file",
        )
    )
    rows.append(Row("index", "load (rebuilds band tables)", passages, figures["load"], "passage"))
    rows.append(
        Row(
            "index",
            "query_rows, batches of 10,000",
            len(queries),
            figures["batch"],
            "query",
            goal=">= 5,000 /s",
            note=f"{figures['found']} (query, passage) pairs",
        )
    )
    rows.append(
        Row(
            "index",
            "query, one passage at a time",
            int(figures["single_count"]),
            figures["single"],
            "query",
            goal=">= 5,000 /s",
        )
    )
    # baseline: datasketch's MinHashLSH on a sample
    sample = min(passages, datasketch_sample)
    leans = [to_lean(v) for v in matrix[:sample]]
    lsh = MinHashLSH(threshold=0.3, num_perm=DEFAULT_PARAMS.num_perm)

    def insert() -> None:
        with lsh.insertion_session() as session:
            for i, lean in enumerate(leans):
                session.insert(f"k{i}", lean)

    seconds, _ = clock(insert)
    rows.append(
        Row("index", "datasketch MinHashLSH insert", sample, seconds, "passage", note=f"{sample}")
    )
    query_leans = [to_lean(v) for v in queries[: min(len(queries), 5_000)]]
    seconds, _ = clock(lambda: [lsh.query(q) for q in query_leans])
    rows.append(
        Row(
            "index",
            "datasketch MinHashLSH query",
            len(query_leans),
            seconds,
            "query",
            note=f"index of {sample}",
        )
    )
    rows[1].baseline = "datasketch MinHashLSH insert"
    rows[4].baseline = rows[5].baseline = "datasketch MinHashLSH query"
    return rows


# -------------------------------------------------------------- end to end
def _tally(labelled: Sequence[LabelledPost], results: Sequence[list]) -> Counter[str]:
    tally: Counter[str] = Counter()
    for post, links in zip(labelled, results, strict=True):
        found = {r.source_url: r.verdict for r in links}
        expected = EXPECTED[post.kind]
        right = found.get(post.source_url) == expected if expected else not found
        tally[f"{post.kind} {'as made' if right else 'OTHER'}"] += 1
        tally["links to other sources"] += sum(u != post.source_url for u in found)
    return tally


_LINKER: Linker | None = None
_CORPUS: Corpus | None = None


def _link_chunks(chunks: list[tuple[int, int, int]]) -> tuple[float, Counter[str]]:
    """Link the posts of ``chunks`` (start, count, seed), returning the time
    spent in the linker (generation excluded) and the verdict tally."""
    assert _LINKER is not None and _CORPUS is not None
    spent = 0.0
    tally: Counter[str] = Counter()
    for start, count, seed in chunks:
        _CORPUS.rng = np.random.default_rng([seed, start])
        labelled = list(_CORPUS.posts(count, start))
        seconds, results = clock(lambda: list(_LINKER.link_many(p.post for p in labelled)))  # noqa: B023
        spent += seconds
        tally += _tally(labelled, results)
    return spent, tally


def link_part(posts: int, sources: int, seed: int, workers: int) -> tuple[list[Row], Counter[str]]:
    global _LINKER, _CORPUS
    corpus = Corpus(seed)
    seconds, made = clock(lambda: corpus.make_sources(sources))
    before = rss_mb()
    build, linker = clock(lambda: Linker(made, LinkOptions()))
    rss = rss_mb()
    _LINKER, _CORPUS = linker, corpus
    chunk = 10_000
    chunks = [(s, min(chunk, posts - s), seed) for s in range(0, posts, chunk)]
    link, tally = _link_chunks(chunks)
    scale_sources, scale_posts = FULL_SOURCES / sources, FULL_POSTS / posts
    full = build * scale_sources + link * scale_posts
    rows = [
        Row(
            "link",
            "Linker build (prepare, sign, index sources)",
            sources,
            build,
            "source",
            note=f"RSS {before:.0f} -> {rss:.0f} MB; "
            f"{len(linker.word_index)} + {len(linker.immutable_index)} passages",
        ),
        Row("link", "link_many, 1 process", posts, link, "post"),
        Row(
            "link",
            f"total for {posts:,} posts / {sources:,} sources",
            posts,
            build + link,
            "post",
            goal="<= 600 s for 1M / 100k",
            note="measured"
            if scale_posts == 1
            else f"extrapolated to 1M / 100k: {full:.0f} s ({full / 60:.1f} min)",
        ),
    ]
    if workers > 1:
        shares = [chunks[i::workers] for i in range(workers)]
        context = multiprocessing.get_context("fork")
        start = time.perf_counter()
        with context.Pool(workers) as pool:
            outcomes = pool.map(_link_chunks, shares)
        wall = time.perf_counter() - start
        for _, counted in outcomes:
            del counted  # the same posts as the 1-process run: same verdicts
        full = build * scale_sources + wall * scale_posts
        rows.append(
            Row(
                "link",
                f"link_many, {workers} processes (fork after build)",
                posts,
                wall,
                "post",
                note="includes generating the posts in the workers",
            )
        )
        rows.append(
            Row(
                "link",
                f"total with {workers} processes",
                posts,
                build + wall,
                "post",
                goal="<= 600 s for 1M / 100k",
                note="measured"
                if scale_posts == 1
                else f"extrapolated to 1M / 100k: {full:.0f} s ({full / 60:.1f} min)",
            )
        )
    rows.insert(0, Row("link", "make sources (not timed below)", sources, seconds, "source"))
    return rows, tally


# ------------------------------------------------------------------ output
def print_table(rows: list[Row]) -> None:
    by_name = {r.what: r for r in rows}
    header = f"{'part':8} {'what':48} {'size':>9} {'time s':>9} {'us/item':>10} {'items/s':>11} {'ratio':>8}  goal / note"
    print(header)
    print("-" * len(header))
    for r in rows:
        ratio = ""
        if r.baseline and r.baseline in by_name and r.size:
            base = by_name[r.baseline]
            ratio = f"{base.per_item_us / r.per_item_us:.1f}x"
        extra = "; ".join(x for x in (r.goal, r.note) if x)
        if not r.size:
            print(f"{r.part:8} {r.what}")
            continue
        print(
            f"{r.part:8} {r.what:48} {r.size:>9,} {r.seconds:>9.2f} {r.per_item_us:>10.1f} "
            f"{r.rate:>11,.0f} {ratio:>8}  {extra}"
        )
    print("ratio: the baseline's time per item over this row's (above 1: this row is faster).")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--parts", default="signing,index,link")
    parser.add_argument("--docs", type=int)
    parser.add_argument("--datasketch-docs", type=int, default=1_000)
    parser.add_argument("--passages", type=int)
    parser.add_argument("--posts", type=int)
    parser.add_argument("--sources", type=int)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    n = args.n
    docs = args.docs or min(20_000, max(200, n // 50))
    passages = args.passages or n
    posts = args.posts or n
    sources = args.sources or max(100, posts // 10)
    parts = set(args.parts.split(","))
    print(
        f"link_speed: N={n:,} on {os.cpu_count()} CPUs, load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; numpy {np.__version__}"
    )
    rows: list[Row] = []
    tally: Counter[str] = Counter()
    if "signing" in parts:
        rows += signing(docs, args.datasketch_docs, args.seed)
    if "index" in parts:
        rows += index_part(passages, args.seed, min(passages, 50_000))
    if "link" in parts:
        found, tally = link_part(posts, sources, args.seed, args.workers)
        rows += found
    print_table(rows)
    if tally:
        print("end-to-end verdicts:", ", ".join(f"{k}: {v}" for k, v in sorted(tally.items())))
    print(
        f"peak RSS of this process {rss_mb():.0f} MB; load average now "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )


if __name__ == "__main__":
    main()
