"""Tests for provenance.index: banding, queries, persistence with parameters."""

import numpy as np
import pytest
from datasketch import MinHashLSH

from provenance.index import IndexMismatchError, PassageIndex, bands_and_rows
from provenance.signatures import MinHashParams, sign, to_lean


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
