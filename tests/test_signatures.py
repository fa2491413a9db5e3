"""Tests for provenance.signatures: equality with datasketch, batching, validation."""

import random

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHash

from provenance.signatures import SCHEMES, MinHashParams, permutations, sign, sign_many, to_lean


def _datasketch(shingles: list[str], params: MinHashParams) -> np.ndarray:
    minhash = MinHash(num_perm=params.num_perm, seed=params.seed, scheme=params.scheme)
    for shingle in shingles:
        minhash.update(shingle.encode("utf-8"))
    return minhash.hashvalues


def _random_shingles(rng: random.Random, n: int) -> list[str]:
    alphabet = "abcdefghijklmnopqrstuvwxyz \u00e9\u201c\u2014\u4e2d"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(n)]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("num_perm", "seed"), [(128, 1), (64, 42), (3, 0)])
def test_sign_equals_datasketch(scheme, num_perm, seed):
    params = MinHashParams(num_perm=num_perm, seed=seed, scheme=scheme)
    rng = random.Random(num_perm * 1000 + seed)
    for size in (1, 2, 17, 300):
        shingles = _random_shingles(rng, size)
        expected = _datasketch(shingles, params)
        got = sign(shingles, params)
        assert got.dtype == expected.dtype == params.dtype
        assert np.array_equal(got, expected)


def test_default_params_match_datasketch_default_minhash():
    shingles = ["operation spector was a", "spector was a coordinated"]
    default = MinHash()
    for s in shingles:
        default.update(s.encode("utf-8"))
    assert np.array_equal(sign(shingles), default.hashvalues)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_empty_signature_equals_datasketch_empty(scheme):
    params = MinHashParams(scheme=scheme)
    assert np.array_equal(sign([], params), _datasketch([], params))
    assert int(sign([], params)[0]) == params.empty_value


@pytest.mark.parametrize("scheme", SCHEMES)
def test_sign_many_equals_sign_row_by_row(scheme, monkeypatch):
    # A small chunk forces several batches and the one-list-alone path.
    monkeypatch.setattr("provenance.signatures.CHUNK_ROWS", 50)
    params = MinHashParams(num_perm=32, scheme=scheme)
    rng = random.Random(7)
    lists = [_random_shingles(rng, rng.choice([0, 1, 5, 49, 50, 51, 120])) for _ in range(40)]
    matrix = sign_many(lists, params)
    assert matrix.shape == (40, 32)
    assert matrix.dtype == params.dtype
    for row, shingles in zip(matrix, lists, strict=True):
        assert np.array_equal(row, _datasketch(shingles, params))


def test_sign_many_of_nothing_is_empty_matrix():
    assert sign_many([], MinHashParams(num_perm=16)).shape == (0, 16)


def test_duplicate_shingles_do_not_change_the_signature():
    assert np.array_equal(sign(["a b", "c d", "a b"]), sign(["c d", "a b"]))


def test_permutations_are_cached_and_read_only():
    params = MinHashParams(num_perm=16, seed=3)
    a, b = permutations(params)
    assert permutations(MinHashParams(num_perm=16, seed=3))[0] is a
    with pytest.raises(ValueError):
        a[0] = 1


def test_to_lean_round_trips_and_estimates_jaccard():
    params = MinHashParams()
    left = [f"shingle {i}" for i in range(200)]
    right = [f"shingle {i}" for i in range(100, 300)]  # true Jaccard 1/3
    lean = to_lean(sign(left, params), params)
    assert isinstance(lean, LeanMinHash)
    assert lean.seed == params.seed and lean.scheme == params.scheme
    estimate = lean.jaccard(to_lean(sign(right, params), params))
    assert abs(estimate - 1 / 3) < 0.15
    with pytest.raises(ValueError, match=r"shape \(128,\)"):
        to_lean(np.zeros(64, dtype=np.uint32), params)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"num_perm": 0}, "num_perm must be in"),
        ({"num_perm": 2.5}, "num_perm must be an int, got 2.5"),
        ({"seed": -1}, "seed must be in .* got -1"),
        ({"seed": 1 << 32}, "seed must be in"),
        ({"scheme": "minhash"}, "scheme must be one of .* got 'minhash'"),
    ],
)
def test_params_refuse_bad_values(kwargs, message):
    with pytest.raises(ValueError, match=message):
        MinHashParams(**kwargs)
