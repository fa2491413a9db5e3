"""Tests for provenance.link.signatures: equality with datasketch, batching, validation."""

import random

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHash

from provenance.link.signatures import (
    SCHEMES,
    MinHashParams,
    permutations,
    shingle_hashes,
    sign,
    sign_hashes,
    sign_many,
    sign_token_lists,
    to_lean,
    token_hashes,
)


def _datasketch(shingles: list[str], params: MinHashParams) -> np.ndarray:
    minhash = MinHash(num_perm=params.num_perm, seed=params.seed, scheme=params.scheme)
    for shingle in shingles:
        minhash.update(shingle.encode("utf-8"))
    return minhash.hashvalues


# sign(["operation spector was a", "spector was a coordinated"])[:4] with the defaults
PINNED = [4097661586, 4237346639, 4142270760, 4028675793]


def _random_shingles(rng: random.Random, n: int) -> list[str]:
    alphabet = "abcdefghijklmnopqrstuvwxyz \u00e9\u201c\u2014\u4e2d"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(n)]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("num_perm", "seed"), [(128, 1), (64, 42), (3, 0)])
def test_datasketch_sketch_equals_datasketch(scheme, num_perm, seed):
    params = MinHashParams(num_perm=num_perm, seed=seed, scheme=scheme, sketch="datasketch")
    rng = random.Random(num_perm * 1000 + seed)
    for size in (1, 2, 17, 300):
        shingles = _random_shingles(rng, size)
        expected = _datasketch(shingles, params)
        got = sign(shingles, params)
        assert got.dtype == expected.dtype == params.dtype
        assert np.array_equal(got, expected)


def test_datasketch_sketch_with_default_values_is_datasketch_default_minhash():
    shingles = ["operation spector was a", "spector was a coordinated"]
    default = MinHash()
    for s in shingles:
        default.update(s.encode("utf-8"))
    assert np.array_equal(sign(shingles, MinHashParams(sketch="datasketch")), default.hashvalues)


def _pair(rng: random.Random, size: int, jaccard: float) -> tuple[list[str], list[str]]:
    shared = round(2 * size * jaccard / (1 + jaccard))
    left = _random_shingles(rng, size)
    return left, left[:shared] + _random_shingles(rng, size - shared)


def test_default_sketch_estimates_jaccard_like_datasketch():
    """The fss sketch and datasketch's MinHash estimate the same Jaccard
    similarity on the same shingle sets, within sampling error (the standard
    deviation of a 128-slot estimate is at most 0.044), through datasketch's
    own LeanMinHash.jaccard."""
    rng = random.Random(11)
    ours, theirs = [], []
    for n in range(120):
        size = (3, 20, 46, 300, 2000)[n % 5]
        left, right = _pair(rng, size, rng.random())
        truth = len(set(left) & set(right)) / len(set(left) | set(right))
        lean = to_lean(sign(left)).jaccard(to_lean(sign(right)))
        ours.append(lean - truth)
        mh_left, mh_right = MinHash(), MinHash()
        mh_left.update_batch([s.encode() for s in left])
        mh_right.update_batch([s.encode() for s in right])
        theirs.append(mh_left.jaccard(mh_right) - truth)
    assert max(map(abs, ours)) < 0.2  # 4.5 standard deviations
    assert abs(np.mean(ours)) < 0.015  # no bias: 3.7 standard errors of the mean
    assert abs(np.mean(ours) - np.mean(theirs)) < 0.02
    assert 0.5 < np.std(ours) / np.std(theirs) < 1.5


def test_default_sketch_is_pinned():
    """Stored signatures are only trusted with the same parameters: a change
    of the hash scheme must come with a new sketch name, not silently."""
    signature = sign(["operation spector was a", "spector was a coordinated"])
    assert signature[:4].tolist() == PINNED
    assert sign(["x"], MinHashParams(seed=2))[:1].tolist() != sign(["x"])[:1].tolist()


def test_signature_of_a_union_is_the_slotwise_minimum():
    rng = random.Random(5)
    left, right = _random_shingles(rng, 40), _random_shingles(rng, 90)
    assert np.array_equal(sign(left + right), np.minimum(sign(left), sign(right)))


def test_token_path_equals_shingle_strings():
    tokens = ["agents", "seized", "6000", "pills", "in", "brandt", "falls", "on", "may", "2"]
    for k in (1, 3, 5, 20):
        strings = [" ".join(tokens[i : i + k]) for i in range(max(len(tokens) - k + 1, 1))]
        hashes = shingle_hashes(token_hashes(tokens), k)
        assert len(hashes) == len(strings)
        offsets = np.array([0, len(hashes)])
        assert np.array_equal(sign_hashes(hashes, offsets)[0], sign(strings))
    assert len(shingle_hashes(token_hashes([]), 5)) == 0
    with pytest.raises(ValueError, match="k must be >= 1"):
        shingle_hashes(token_hashes(tokens), 0)


def test_sign_hashes_refuses_bad_offsets_and_the_datasketch_sketch():
    hashes = shingle_hashes(token_hashes(["a", "b", "c"]), 1)
    with pytest.raises(ValueError, match="offsets must run from 0"):
        sign_hashes(hashes, np.array([0, 2]))
    with pytest.raises(ValueError, match="needs sketch 'fss'"):
        sign_hashes(hashes, np.array([0, 3]), MinHashParams(sketch="datasketch"))


@pytest.mark.parametrize(
    "params", [MinHashParams(scheme=s, sketch="datasketch") for s in SCHEMES] + [MinHashParams()]
)
def test_empty_signature_equals_datasketch_empty(params):
    assert np.array_equal(sign([], params), _datasketch([], params))
    assert int(sign([], params)[0]) == params.empty_value


@pytest.mark.parametrize("num_perm", [32, 100])
def test_fss_sign_many_equals_sign_row_by_row(num_perm, monkeypatch):
    # A small block forces several blocks, a list alone in its block, and
    # documents that no round fills (the fallback slots).
    monkeypatch.setattr("provenance.link.signatures.BLOCK", 64)
    params = MinHashParams(num_perm=num_perm)
    rng = random.Random(8)
    lists = [_random_shingles(rng, rng.choice([0, 1, 2, 5, 63, 64, 65, 300])) for _ in range(40)]
    matrix = sign_many(lists, params)
    assert matrix.shape == (40, num_perm)
    assert matrix.dtype == np.uint32
    for row, shingles in zip(matrix, lists, strict=True):
        assert np.array_equal(row, sign(shingles, params))
        assert np.array_equal(row, sign(list(reversed(shingles)) * 2, params))
        assert (row == params.empty_value).all() == (not shingles)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_sign_many_equals_sign_row_by_row(scheme, monkeypatch):
    # A small chunk forces several batches and the one-list-alone path.
    monkeypatch.setattr("provenance.link.signatures.CHUNK_ROWS", 50)
    params = MinHashParams(num_perm=32, scheme=scheme, sketch="datasketch")
    rng = random.Random(7)
    lists = [_random_shingles(rng, rng.choice([0, 1, 5, 49, 50, 51, 120])) for _ in range(40)]
    matrix = sign_many(lists, params)
    assert matrix.shape == (40, 32)
    assert matrix.dtype == params.dtype
    for row, shingles in zip(matrix, lists, strict=True):
        assert np.array_equal(row, _datasketch(shingles, params))


def test_sign_many_of_nothing_is_empty_matrix():
    assert sign_many([], MinHashParams(num_perm=16)).shape == (0, 16)


@pytest.mark.parametrize("sketch", ["fss", "datasketch"])
def test_duplicate_shingles_do_not_change_the_signature(sketch):
    params = MinHashParams(sketch=sketch)
    assert np.array_equal(sign(["a b", "c d", "a b"], params), sign(["c d", "a b"], params))


def test_identity_names_every_parameter():
    assert MinHashParams().identity == "fss/affine32/128/1"
    assert MinHashParams(64, 7, "legacy", "datasketch").identity == "datasketch/legacy/64/7"


def test_permutations_are_cached_and_read_only():
    params = MinHashParams(num_perm=16, seed=3)
    a, b = permutations(params)
    assert permutations(MinHashParams(num_perm=16, seed=3))[0] is a
    with pytest.raises(ValueError):
        a[0] = 1


@pytest.mark.parametrize("sketch", ["fss", "datasketch"])
def test_to_lean_round_trips_and_estimates_jaccard(sketch):
    params = MinHashParams(sketch=sketch)
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
        ({"sketch": "oph"}, "sketch must be one of .* got 'oph'"),
        ({"scheme": "affine64"}, "sketch 'fss' needs scheme 'affine32', got 'affine64'"),
    ],
)
def test_params_refuse_bad_values(kwargs, message):
    with pytest.raises(ValueError, match=message):
        MinHashParams(**kwargs)


@pytest.mark.parametrize("sketch", ["fss", "datasketch"])
def test_sign_token_lists_equals_signing_shingle_strings(sketch):
    params = MinHashParams(num_perm=64, sketch=sketch)
    rng = random.Random(4)
    lists = [
        [rng.choice("abcdefgh") * rng.randint(1, 3) for _ in range(rng.choice([0, 1, 4, 5, 9, 60]))]
        for _ in range(80)
    ]
    for k in (1, 3, 5):
        shingles = [
            [" ".join(t[i : i + k]) for i in range(max(len(t) - k + 1, 1 if t else 0))]
            for t in lists
        ]
        assert np.array_equal(sign_token_lists(lists, k, params), sign_many(shingles, params))
    with pytest.raises(ValueError, match="k must be >= 1"):
        sign_token_lists(lists, 0, params)


def test_token_hashes_are_cached_and_stable():
    tokens = ["europol's", "6000", "europol's", ""]
    first = token_hashes(tokens)
    assert first[0] == first[2] and len(set(first.tolist())) == 3
    assert np.array_equal(token_hashes(tokens), first)
    assert len(token_hashes([])) == 0
