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
from provenance.link import Linker, LinkOptions  # noqa: E402
from provenance.link.index import PassageIndex  # noqa: E402
from provenance.link.signatures import (  # noqa: E402
    DEFAULT_PARAMS,
    shingle_hashes,
    sign_hashes,
    sign_many,
    sign_token_lists,
    to_lean,
    token_hashes,
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
    baseline: str = ""  # the row whose time per item the ratio is taken against
    note: str = ""

    @property
    def per_item_us(self) -> float:
        return self.seconds / self.size * 1e6 if self.size else float("nan")

    @property
    def rate(self) -> float:
        return self.size / self.seconds if self.seconds else float("inf")

    def with_note(self, note: str) -> Row:
        self.note = note
        return self


def cpu_seconds() -> float:
    """CPU seconds of this process so far (user and system): on a machine shared
    with other work, the time that is this bench's own."""
    return time.process_time()


def clock(function: Callable[[], Any]) -> tuple[float, Any]:
    start = cpu_seconds()
    result = function()
    return cpu_seconds() - start, result


def best(function: Callable[[], Any], runs: int = 3) -> float:
    """The shortest of ``runs`` runs: on a shared machine the others are
    the same work plus someone else's."""
    return min(clock(function)[0] for _ in range(runs))


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (VmHWM: unlike
    ru_maxrss, it is not inherited from the parent across fork and exec)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    """Resident set size of this process now, in MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


# ----------------------------------------------------------------- signing
def signing(docs: int, datasketch_docs: int, seed: int) -> list[Row]:
    from datasketch import MinHash

    corpus = Corpus(seed)
    texts = [s.text for s in corpus.make_sources(docs)]
    tokens = [tx.words(t) for t in texts]
    shingles = [tx.word_shingles(t, K) for t in tokens]
    sample = min(docs, datasketch_docs)
    params = DEFAULT_PARAMS

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

    base = "datasketch update, per shingle"
    batch = best(datasketch_batch) / sample * 1e6
    rows = [
        Row("signing", base, sample, best(datasketch_update, 1), "doc").with_note(
            f"update_batch {batch:.0f} us"
        ),
    ]
    try:
        import rensa
    except ImportError:
        rensa = None
    rensa_us = {"shingles": float("nan"), "tokens": float("nan"), "text": float("nan")}
    if rensa is not None:

        def rensa_each(docs_shingles: Sequence[list[str]]) -> None:
            for doc in docs_shingles:
                minhash = rensa.RMinHash(params.num_perm, params.seed)
                minhash.update(doc)
                minhash.digest()

        seconds = best(lambda: rensa_each(shingles))
        bulk = best(
            lambda: rensa.RMinHash.digest_matrix_from_token_sets(
                shingles, params.num_perm, params.seed
            )
        )
        rensa_us["shingles"] = seconds / docs * 1e6
        token_seconds = best(lambda: rensa_each([tx.word_shingles(t, K) for t in tokens]))
        rensa_us["tokens"] = token_seconds / docs * 1e6
        text_seconds = best(lambda: rensa_each([tx.word_shingles(tx.words(t), K) for t in texts]))
        rensa_us["text"] = text_seconds / docs * 1e6
        rows.append(
            Row(
                "signing", "rensa RMinHash.update (Rust), shingles", docs, seconds, "doc"
            ).with_note(
                f"bulk matrix {bulk / docs * 1e6:.1f} us; tokens -> sig "
                f"{rensa_us['tokens']:.1f} us; text -> sig {rensa_us['text']:.1f} us"
            )
        )
    else:
        rows.append(Row("signing", "rensa: not installed (pip install rensa)", 0, 0.0, "doc"))
    tokenise = best(lambda: [tx.words(t) for t in texts]) / docs * 1e6
    hashed = [shingle_hashes(token_hashes(t), K) for t in tokens]
    offsets = np.concatenate(([0], np.cumsum([len(h) for h in hashed]))).astype(np.int64)
    flat = np.concatenate(hashed)
    for what, function, against in (
        ("ours, shingle hashes -> sig (sketch)", lambda: sign_hashes(flat, offsets), "shingles"),
        ("ours, shingle strings -> sig", lambda: sign_many(shingles, params), "shingles"),
        ("ours, tokens -> sig", lambda: ours_tokens(tokens), "tokens"),
        (
            "ours, text -> sig (tokenising too)",
            lambda: ours_tokens([tx.words(t) for t in texts]),
            "text",
        ),
    ):
        row = Row("signing", what, docs, best(function), "doc", base)
        note = f"{row.per_item_us / rensa_us[against]:.2f}x rensa's time"
        if against == "tokens":
            note += " (rensa's tokens -> shingle strings -> sig)"
        if against == "text":
            note += f" (rensa's text -> sig; tokenising {tokenise:.0f} us)"
        rows.append(row.with_note(note))
    return rows


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


def index_child(path: str, queries_path: str, sample: int) -> dict[str, float]:
    """Build, save, load and query an index in this (fresh) process; then, its
    peak RSS taken, build datasketch's MinHashLSH over the first ``sample``
    passages and time single queries of both, in turns (the best turn of each:
    on a shared machine the others are the same work plus someone else's)."""
    from datasketch import MinHashLSH

    matrix = np.load(path, mmap_mode="r")
    keys = [f"https://agency{i % 997}.example/news/{i // 10}#{i % 10}" for i in range(len(matrix))]
    gc.collect()
    base_rss = current_rss_mb()
    start = cpu_seconds()
    index = PassageIndex()
    for first in range(0, len(matrix), 100_000):
        index.add_matrix(keys[first : first + 100_000], np.asarray(matrix[first : first + 100_000]))
    index.seal()  # the band tables are built here
    build = cpu_seconds() - start
    built_rss = current_rss_mb()
    queries = np.load(queries_path)
    start = cpu_seconds()
    found = 0
    for first in range(0, len(queries), 10_000):
        found += len(index.query_rows(queries[first : first + 10_000])[0])
    batch = cpu_seconds() - start
    with tempfile.TemporaryDirectory() as tmp:
        saved = Path(tmp) / "words.npz"
        start = cpu_seconds()
        index.save(saved)
        save = cpu_seconds() - start
        size = saved.stat().st_size / 2**20
        del index
        gc.collect()
        start = cpu_seconds()
        index = PassageIndex.load(saved)
        load = cpu_seconds() - start
    peak = rss_mb()
    lsh = MinHashLSH(threshold=0.3, num_perm=DEFAULT_PARAMS.num_perm)
    leans = [to_lean(v) for v in matrix[:sample]]
    start = cpu_seconds()
    with lsh.insertion_session() as session:
        for i, lean in enumerate(leans):
            session.insert(f"k{i}", lean)
    insert = cpu_seconds() - start
    single_count = min(len(queries), 2_000)
    ours, theirs = queries[:single_count], [to_lean(v) for v in queries[:single_count]]
    single = their_single = float("inf")
    for _ in range(5):
        single = min(single, clock(lambda: [index.query(q) for q in ours])[0])  # noqa: B023
        their_single = min(their_single, clock(lambda: [lsh.query(q) for q in theirs])[0])
    return {
        "build": build,
        "build_rss": built_rss,
        "input_rss": base_rss,
        "peak_rss": peak,
        "batch": batch,
        "single": single,
        "single_count": single_count,
        "found": found,
        "save": save,
        "load": load,
        "size_mb": size,
        "sample": len(leans),
        "their_insert": insert,
        "their_single": their_single,
    }


def index_part(passages: int, seed: int, datasketch_sample: int) -> list[Row]:
    signing_seconds, matrix = clock(lambda: passage_signatures(passages, seed))
    queries = _near_copies(matrix, min(passages, 100_000), seed + 1)
    with tempfile.TemporaryDirectory() as tmp:
        path, queries_path = Path(tmp) / "m.npy", Path(tmp) / "q.npy"
        np.save(path, matrix)
        np.save(queries_path, queries)
        code = (
            "import json, sys; sys.path.insert(0, sys.argv[3]); import link_speed; "
            "print(json.dumps(link_speed.index_child(sys.argv[1], sys.argv[2], "
            "int(sys.argv[4]))))"
        )
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                code,
                str(path),
                str(queries_path),
                str(Path(__file__).parent),
                str(min(passages, datasketch_sample)),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    sample = int(figures["sample"])
    inserts, lookups = "datasketch MinHashLSH insert", "datasketch MinHashLSH query"
    scale = FULL_PASSAGES / passages
    build_note = (
        f"peak RSS {figures['peak_rss'] / 1024:.2f} GB ({figures['build_rss'] / 1024:.2f} after); "
        f"save {figures['save']:.1f} s ({figures['size_mb']:.0f} MB), "
        f"load {figures['load']:.1f} s; "
        f"signing the passages {signing_seconds / passages * 1e6:.1f} us each"
    )
    if scale != 1:
        build_note += f"; x{scale:g}: {figures['build'] * scale:.0f} s"
    return [
        Row(
            "index",
            "build (goal 1M: <= 120 s, <= 3 GB)",
            passages,
            figures["build"],
            "passage",
            inserts,
        ).with_note(build_note),
        Row(
            "index",
            "query_rows, batches of 10,000 (>= 5,000/s)",
            len(queries),
            figures["batch"],
            "query",
            lookups,
        ).with_note(f"{figures['found']} (query, passage) pairs"),
        Row(
            "index",
            "query, one at a time (>= 5,000/s)",
            int(figures["single_count"]),
            figures["single"],
            "query",
            lookups,
        ),
        Row("index", inserts, sample, figures["their_insert"], "passage"),
        Row(
            "index", lookups, int(figures["single_count"]), figures["their_single"], "query"
        ).with_note(f"index of {sample:,}; best of 5 turns with ours, one at a time"),
    ]


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


def _total(build: float, link: float, sources: int, posts: int) -> str:
    """The total, and its linear extrapolation to the goal's size."""
    if (sources, posts) == (FULL_SOURCES, FULL_POSTS):
        return f"total {build + link:.0f} s, goal <= 600 s"
    full = build * FULL_SOURCES / sources + link * FULL_POSTS / posts
    return (
        f"total {build + link:.0f} s; 1M / 100k: {full:.0f} s ({full / 60:.1f} min), goal <= 600 s"
    )


def link_part(posts: int, sources: int, seed: int, workers: int) -> tuple[list[Row], Counter[str]]:
    global _LINKER, _CORPUS
    corpus = Corpus(seed)
    made_seconds, made = clock(lambda: corpus.make_sources(sources))
    before = current_rss_mb()
    build, linker = clock(lambda: Linker(made, LinkOptions()))
    rss = current_rss_mb()
    _LINKER, _CORPUS = linker, corpus
    chunk = 10_000
    chunks = [(s, min(chunk, posts - s), seed) for s in range(0, posts, chunk)]
    link, tally = _link_chunks(chunks)
    rows = [
        Row("link", "Linker build, sources", sources, build, "source").with_note(
            f"RSS {before / 1024:.1f} -> {rss / 1024:.1f} GB; {len(linker.word_index):,} + "
            f"{len(linker.immutable_index):,} passages; making the texts {made_seconds:.0f} s"
        ),
        Row("link", "link_many, 1 process", posts, link, "post").with_note(
            _total(build, link, sources, posts)
        ),
    ]
    if workers > 1:
        shares = [chunks[i::workers] for i in range(workers)]
        context = multiprocessing.get_context("fork")
        start = time.perf_counter()
        with context.Pool(workers) as pool:
            outcomes = pool.map(_link_chunks, shares)
        wall = time.perf_counter() - start
        # the workers run side by side: linking took as long as the slowest one
        slowest = max(spent for spent, _ in outcomes)
        same = sum((counted for _, counted in outcomes), Counter()) == tally
        rows.append(
            Row("link", f"link_many, {workers} processes (fork)", posts, slowest, "post").with_note(
                _total(build, slowest, sources, posts)
                + f"; {wall:.0f} s wall with generating; verdicts {'same' if same else 'DIFFER'}"
            )
        )
    return rows, tally


# ------------------------------------------------------------------ output
def print_table(rows: list[Row]) -> None:
    by_name = {r.what: r for r in rows}
    print(f"{'part':7} {'what':43} {'size':>16} {'us/item':>9} {'items/s':>9} {'ratio':>6}  notes")
    for r in rows:
        if not r.size:
            print(f"{r.part:7} {r.what}")
            continue
        ratio = ""
        if r.baseline in by_name:
            ratio = f"{by_name[r.baseline].per_item_us / r.per_item_us:.1f}x"
        size = f"{r.size:,} {r.unit}{'' if r.size == 1 else 's'}".replace("querys", "queries")
        print(
            f"{r.part:7} {r.what:43} {size:>16} {r.per_item_us:>9.1f} {r.rate:>9,.0f} {ratio:>6}  "
            f"{r.note}"
        )


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
        print("verdicts:", ", ".join(f"{k} {v}" for k, v in sorted(tally.items())))
    print(
        f"ratio: the baseline row's time per item over this row's; peak RSS {rss_mb():.0f} MB; "
        f"load average now {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )


if __name__ == "__main__":
    main()
