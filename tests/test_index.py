"""Tests for provenance.link.index: banding, queries, persistence with parameters."""

import numpy as np
import pytest
from datasketch import MinHashLSH

from provenance.link.index import IndexMismatchError, PassageIndex, bands_and_rows
from provenance.link.signatures import MinHashParams, sign, to_lean


def _shingles(start: int, stop: int) -> list[str]:
    return [f"w{i} w{i + 1} w{i + 2}" for i in range(start, stop)]


SOURCE = sign(_shingles(0, 200))
NEAR = sign(_shingles(20, 220))  # Jaccard 180/220 = 0.82 with SOURCE
FAR = sign(_shingles(1000, 1200))  # Jaccard 0


@pytest.mark.parametrize("threshold", [0.1, 0.3, 0.5, 0.8])
def test_bands_and_rows_are_datasketch_choice(threshold):
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    assert bands_and_rows(threshold, 128) == (lsh.b, lsh.r)


@pytest.mark.parametrize("threshold", [-0.1, 1.5])
def test_threshold_out_of_range_is_refused(threshold):
    with pytest.raises(ValueError, match=r"threshold must be in \[0.0, 1.0\]"):
        PassageIndex(threshold=threshold)


def test_query_finds_similar_and_not_dissimilar():
    index = PassageIndex(threshold=0.3)
    index.add("https://a.example/release#0", SOURCE)
    index.add_many([("https://b.example/other#0", FAR)])
    assert len(index) == 2
    assert "https://a.example/release#0" in index
    assert index.query(NEAR) == {"https://a.example/release#0"}
    assert index.query(sign(_shingles(5000, 5100))) == set()


def test_query_agrees_with_datasketch_lsh():
    params = MinHashParams()
    ours = PassageIndex(threshold=0.5, params=params)
    theirs = MinHashLSH(threshold=0.5, num_perm=params.num_perm)
    rng = np.random.default_rng(3)
    for n in range(60):
        start = int(rng.integers(0, 400))
        values = sign(_shingles(start, start + 100), params)
        ours.add(f"k{n}", values)
        theirs.insert(f"k{n}", to_lean(values, params))
    for start in (0, 150, 390, 800):
        query = sign(_shingles(start, start + 100), params)
        assert ours.query(query) == set(theirs.query(to_lean(query, params)))


def test_add_refuses_duplicates_and_wrong_arrays():
    index = PassageIndex()
    index.add("a#0", SOURCE)
    with pytest.raises(ValueError, match="key already indexed: 'a#0'"):
        index.add("a#0", NEAR)
    with pytest.raises(ValueError, match=r"shape \(128,\)"):
        index.add("a#1", SOURCE[:64])
    with pytest.raises(ValueError, match="must be uint32"):
        index.add("a#2", SOURCE.astype(np.uint64))
    assert len(index) == 1


def test_save_and_load_round_trip(tmp_path):
    path = tmp_path / "words.npz"
    index = PassageIndex(threshold=0.4)
    index.add_many([("a#0", SOURCE), ("b#0", FAR)])
    index.save(path)
    loaded = PassageIndex.load(path, threshold=0.4)
    assert loaded.keys() == ["a#0", "b#0"]
    assert np.array_equal(loaded.signature("a#0"), SOURCE)
    assert loaded.query(NEAR) == {"a#0"}
    assert [p.name for p in tmp_path.iterdir()] == ["words.npz"]  # no temporary left


def test_save_empty_index(tmp_path):
    path = tmp_path / "empty.npz"
    PassageIndex().save(path)
    assert len(PassageIndex.load(path)) == 0


def test_load_refuses_other_parameters(tmp_path):
    path = tmp_path / "words.npz"
    index = PassageIndex(threshold=0.3)
    index.add("a#0", SOURCE)
    index.save(path)
    with pytest.raises(IndexMismatchError, match="threshold: saved 0.3, requested 0.5"):
        PassageIndex.load(path, threshold=0.5)
    with pytest.raises(IndexMismatchError, match="seed: saved 1, requested 2"):
        PassageIndex.load(path, params=MinHashParams(seed=2))


def _signatures(count: int, seed: int) -> np.ndarray:
    """Signatures of overlapping shingle ranges: many share bands."""
    rng = np.random.default_rng(seed)
    starts = rng.integers(0, 400, count)
    return np.array([sign(_shingles(int(s), int(s) + 60)) for s in starts])


def test_query_rows_answers_a_batch_as_single_queries():
    index = PassageIndex(threshold=0.5)
    stored = _signatures(80, 1)
    index.add_matrix([f"k{i}" for i in range(80)], stored)
    queries = _signatures(30, 2)
    found_queries, found_rows = index.query_rows(queries)
    pairs = sorted(zip(found_queries.tolist(), found_rows.tolist(), strict=True))
    assert pairs == sorted(set(pairs))  # no repeats
    by_query = [{f"k{r}" for q, r in pairs if q == n} for n in range(30)]
    assert by_query == [index.query(q) for q in queries] == index.query_many(queries)
    assert any(by_query) and not all(len(found) == 80 for found in by_query)


def test_band_hash_collisions_never_make_a_match(monkeypatch):
    """Every band of every passage hashed to the same bucket: the stored
    values decide, and the answers are still datasketch's."""
    params = MinHashParams()
    theirs = MinHashLSH(threshold=0.5, num_perm=params.num_perm)
    ours = PassageIndex(threshold=0.5, params=params)
    monkeypatch.setattr(
        PassageIndex,
        "_band_hashes",
        lambda self, v, bands=None: np.zeros((len(v), len(bands or range(self.bands))), np.uint64),
    )
    stored = _signatures(60, 3)
    for n, values in enumerate(stored):
        ours.add(f"k{n}", values)
        theirs.insert(f"k{n}", to_lean(values, params))
    for query in _signatures(20, 4):
        assert ours.query(query) == set(theirs.query(to_lean(query, params)))


def test_adding_between_queries_keeps_every_passage_findable():
    index = PassageIndex(threshold=0.5)
    stored = _signatures(70, 5)
    for n, values in enumerate(stored):
        index.add(f"k{n}", values)
        if n % 3 == 0:  # a query seals what was added into a new segment
            assert f"k{n}" in index.query(values)
    assert all(f"k{n}" in index.query(values) for n, values in enumerate(stored))
    assert len(index._segments) < 10  # segments of similar size are merged


def test_add_matrix_refuses_bad_input_and_adds_nothing():
    index = PassageIndex()
    with pytest.raises(ValueError, match="one row per key"):
        index.add_matrix(["a#0", "b#0"], np.stack([SOURCE]))
    with pytest.raises(ValueError, match="key already indexed: 'a#0'"):
        index.add_matrix(["a#0", "a#0"], np.stack([SOURCE, NEAR]))
    with pytest.raises(ValueError, match="key must be a str"):
        index.add_matrix([1], np.stack([SOURCE]))  # type: ignore[list-item]
    assert len(index) == 0 and index.query(SOURCE) == set()


def test_keys_of_any_script_survive_save_and_load(tmp_path):
    path = tmp_path / "keys.npz"
    index = PassageIndex()
    keys = ["https://b\u00fcrger.example/r\u00e9sum\u00e9#0", "https://\u4e2d\u6587.example/a#1"]
    index.add_matrix(keys, np.stack([SOURCE, FAR]))
    index.save(path)
    loaded = PassageIndex.load(path)
    assert loaded.keys() == keys
    assert loaded.query(NEAR) == {keys[0]}


def test_load_refuses_an_index_of_another_sketch(tmp_path):
    path = tmp_path / "words.npz"
    index = PassageIndex(params=MinHashParams(sketch="datasketch"))
    index.add("a#0", sign(_shingles(0, 50), MinHashParams(sketch="datasketch")))
    index.save(path)
    with pytest.raises(IndexMismatchError, match="sketch: saved 'datasketch', requested 'fss'"):
        PassageIndex.load(path)


@pytest.mark.parametrize(
    ("jaccard", "low", "high"), [(0.1, 0.0, 0.12), (0.3, 0.45, 0.8), (0.5, 0.95, 1.0)]
)
def test_fss_signatures_give_the_banding_s_curve(jaccard, low, high):
    """The index's candidate rate follows 1 - (1 - J**r)**b, as for datasketch's
    MinHash (0.036, 0.64 and 0.99 at b=37, r=3)."""
    index = PassageIndex(threshold=0.3)
    shared = round(2 * 46 * jaccard / (1 + jaccard))
    found = 0
    for n in range(150):
        left = [f"{n} {i}" for i in range(46)]
        right = left[:shared] + [f"{n} other {i}" for i in range(46 - shared)]
        index.add(f"k{n}", sign(left))
        found += f"k{n}" in index.query(sign(right))
    assert low <= found / 150 <= high


def test_one_query_hashes_its_bands_as_a_batch_does():
    index = PassageIndex(threshold=0.5)
    queries = _signatures(5, 7)
    together = index._band_hashes(queries)
    assert all((index._band_hashes(q.reshape(1, -1))[0] == together[n]).all()
               for n, q in enumerate(queries))  # fmt: skip


def test_large_buckets_answer_as_small_ones():
    """Passages copied many times fill buckets past the size a batch (32) and
    one query (64) compare whole; those are searched by halves, with the same
    answers."""
    index = PassageIndex(threshold=0.5)
    stored = _signatures(40, 8)
    copies = np.repeat(stored[:3], 70, axis=0)  # 71 passages in each of their buckets
    matrix = np.concatenate([stored, copies])
    index.add_matrix([f"k{i}" for i in range(len(matrix))], matrix)
    queries = np.concatenate([stored[:6], _signatures(10, 9)])
    found_queries, found_rows = index.query_rows(queries)
    by_query = [{f"k{r}" for q, r in zip(found_queries, found_rows, strict=True) if q == n}
                for n in range(len(queries))]  # fmt: skip
    assert by_query == [index.query(q) for q in queries]
    assert all(len(by_query[n]) >= 71 for n in range(3))
    for n in range(3):
        assert {f"k{40 + 70 * n + j}" for j in range(70)} <= by_query[n]


def test_band_hash_collisions_in_small_buckets_never_make_a_match(monkeypatch):
    """Band hashes cut to their top 4 bits: buckets stay small (a query reads them
    whole) but most keys in them collide; the answers are still datasketch's."""
    params = MinHashParams()
    theirs = MinHashLSH(threshold=0.5, num_perm=params.num_perm)
    ours = PassageIndex(threshold=0.5, params=params)
    real = PassageIndex._band_hashes
    monkeypatch.setattr(
        PassageIndex,
        "_band_hashes",
        lambda self, v, bands=None: (real(self, v, bands) >> np.uint64(60)) << np.uint64(60),
    )
    stored = _signatures(60, 3)
    for n, values in enumerate(stored):
        ours.add(f"k{n}", values)
        theirs.insert(f"k{n}", to_lean(values, params))
    queries = np.concatenate([stored[:5], _signatures(20, 4)])
    ours.seal()
    assert max(s.widest for s in ours._segments) <= 32
    for query in queries:
        assert ours.query(query) == set(theirs.query(to_lean(query, params)))
