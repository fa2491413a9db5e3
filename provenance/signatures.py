"""MinHash signatures of shingle lists, bit-for-bit compatible with datasketch.

Signing is the hot loop of linking (every source passage, every post), and
``datasketch.MinHash.update`` per shingle is slow in Python. Here each shingle
is hashed once with SHA-1 (as datasketch's ``sha1_hash32``/``sha1_hash64``)
and all permutations are applied to all hashes as one numpy array operation.
The values equal those of ``datasketch.MinHash(num_perm, seed, scheme=...)``
after ``update(s.encode("utf-8"))`` for every shingle, so signatures stored
by this project can be loaded into datasketch objects and vice versa.

datasketch 2.0 has three permutation schemes. The default, ``affine32``, is
the one ``MinHash(num_perm, seed)`` uses; its values are ``uint32``. The
``legacy`` scheme (datasketch < 2.0) and ``affine64`` store ``uint64``.
The dtype of a signature is therefore ``params.dtype``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash

__all__ = [
    "DEFAULT_PARAMS",
    "SCHEMES",
    "MinHashParams",
    "permutations",
    "sign",
    "sign_many",
    "to_lean",
]

SCHEMES = ("affine32", "affine64", "legacy")

# Rows of the (shingles x num_perm) intermediate array computed at once: bounds
# memory to CHUNK_ROWS * num_perm * 8 bytes (8 MiB at 128 permutations).
CHUNK_ROWS = 8192

_MERSENNE_PRIME = np.uint64((1 << 61) - 1)
_LEGACY_MAX_HASH = np.uint64((1 << 32) - 1)
# MurmurHash3 finalizer constants, as datasketch.minhash._FMIX_CONSTANTS; the
# tests compare with datasketch, so a change upstream cannot go unnoticed.
_FMIX = {
    32: (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16)),
    64: (
        np.uint64(33),
        np.uint64(0xFF51AFD7ED558CCD),
        np.uint64(33),
        np.uint64(0xC4CEB9FE1A85EC53),
        np.uint64(33),
    ),
}


@dataclass(frozen=True)
class MinHashParams:
    """The parameters that determine a signature; signatures made with
    different parameters are not comparable.

    Raises:
        ValueError: naming the bad value, for ``num_perm`` not in [1, 2**32]
            (datasketch's range), ``seed`` not in [0, 2**32)
            (numpy's RandomState range), or an unknown ``scheme``.
    """

    num_perm: int = 128
    seed: int = 1
    scheme: str = "affine32"

    def __post_init__(self) -> None:
        if isinstance(self.num_perm, bool) or not isinstance(self.num_perm, int):
            raise ValueError(f"num_perm must be an int, got {self.num_perm!r}")
        if not 1 <= self.num_perm <= 1 << 32:
            raise ValueError(f"num_perm must be in [1, 2**32], got {self.num_perm!r}")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int):
            raise ValueError(f"seed must be an int, got {self.seed!r}")
        if not 0 <= self.seed < 1 << 32:
            raise ValueError(f"seed must be in [0, 2**32), got {self.seed!r}")
        if self.scheme not in SCHEMES:
            raise ValueError(f"scheme must be one of {', '.join(SCHEMES)}, got {self.scheme!r}")

    @property
    def dtype(self) -> type[np.unsignedinteger]:
        """The numpy dtype of this scheme's hash values."""
        return np.uint32 if self.scheme == "affine32" else np.uint64

    @property
    def empty_value(self) -> int:
        """The value of every slot of an empty signature (datasketch's max hash)."""
        if self.scheme == "affine64":
            return (1 << 64) - 1
        return (1 << 32) - 1


DEFAULT_PARAMS = MinHashParams()


@lru_cache(maxsize=32)
def permutations(params: MinHashParams) -> tuple[np.ndarray, np.ndarray]:
    """Return the read-only permutation parameters ``(a, b)`` for ``params``.

    Taken from datasketch itself rather than re-derived, so that the random
    draws can never drift from it; cached because building a MinHash draws
    ``num_perm`` random pairs.
    """
    a, b = MinHash(num_perm=params.num_perm, seed=params.seed, scheme=params.scheme).permutations
    a = np.array(a, dtype=params.dtype)
    b = np.array(b, dtype=params.dtype)
    a.setflags(write=False)
    b.setflags(write=False)
    return a, b


def _hash(shingles: Sequence[str], params: MinHashParams) -> np.ndarray:
    """SHA-1 of each shingle, truncated like datasketch's sha1_hash32/64."""
    width = 8 if params.scheme == "affine64" else 4
    digest = b"".join(hashlib.sha1(s.encode("utf-8")).digest()[:width] for s in shingles)
    hashes = np.frombuffer(digest, dtype="<u8" if width == 8 else "<u4")
    # legacy arithmetic runs in uint64 (its products wrap there, as in datasketch)
    return hashes.astype(np.uint64 if params.scheme == "legacy" else params.dtype)


def _fmix(values: np.ndarray, width: int) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX[width]
    values = values ^ (values >> s1)
    values = values * m1
    values = values ^ (values >> s2)
    values = values * m2
    return values ^ (values >> s3)


def _permuted(hashes: np.ndarray, params: MinHashParams) -> np.ndarray:
    """The (len(hashes) x num_perm) permuted values, as datasketch computes them."""
    a, b = permutations(params)
    column = hashes.reshape(-1, 1)
    if params.scheme == "legacy":
        return np.bitwise_and((column * a + b) % _MERSENNE_PRIME, _LEGACY_MAX_HASH)
    # uint32/uint64 array arithmetic wraps around: that is the modulo 2**width.
    return _fmix(column, 64 if params.scheme == "affine64" else 32) * a + b


def _empty(rows: int, params: MinHashParams) -> np.ndarray:
    return np.full((rows, params.num_perm), params.empty_value, dtype=params.dtype)


def sign(shingles: Sequence[str], params: MinHashParams = DEFAULT_PARAMS) -> np.ndarray:
    """Return the MinHash signature of ``shingles`` (length ``num_perm``, ``params.dtype``).

    Equal to ``datasketch.MinHash(num_perm, seed, scheme=scheme)`` updated with
    ``s.encode("utf-8")`` for each shingle; an empty list gives datasketch's
    empty signature (every slot at the maximum hash value).
    """
    result = _empty(1, params)[0]
    hashes = _hash(shingles, params)
    for start in range(0, len(hashes), CHUNK_ROWS):
        chunk_min = _permuted(hashes[start : start + CHUNK_ROWS], params).min(axis=0)
        np.minimum(result, chunk_min, out=result)
    return result


def sign_many(
    shingle_lists: Sequence[Sequence[str]], params: MinHashParams = DEFAULT_PARAMS
) -> np.ndarray:
    """Return the signatures of several shingle lists as an ``(n, num_perm)`` array.

    Row ``i`` equals ``sign(shingle_lists[i], params)``. Small lists are
    batched so that numpy, not Python, loops over shingles and permutations.
    """
    result = _empty(len(shingle_lists), params)
    batch: list[int] = []
    rows = 0
    for i, shingles in enumerate(shingle_lists):
        if len(shingles) >= CHUNK_ROWS:
            result[i] = sign(shingles, params)
            continue
        if rows + len(shingles) > CHUNK_ROWS:
            _sign_batch(shingle_lists, batch, params, result)
            batch, rows = [], 0
        if shingles:
            batch.append(i)
            rows += len(shingles)
    _sign_batch(shingle_lists, batch, params, result)
    return result


def _sign_batch(
    shingle_lists: Sequence[Sequence[str]],
    batch: list[int],
    params: MinHashParams,
    out: np.ndarray,
) -> None:
    """Sign the non-empty lists ``batch`` in one array operation into ``out``."""
    if not batch:
        return
    flat = [s for i in batch for s in shingle_lists[i]]
    starts = np.cumsum([0] + [len(shingle_lists[i]) for i in batch[:-1]])
    out[batch] = np.minimum.reduceat(_permuted(_hash(flat, params), params), starts, axis=0)


def to_lean(hashvalues: np.ndarray, params: MinHashParams = DEFAULT_PARAMS) -> LeanMinHash:
    """Return ``hashvalues`` as a ``datasketch.LeanMinHash`` with ``params``' seed and scheme.

    Raises:
        ValueError: if the length of ``hashvalues`` is not ``params.num_perm``.
    """
    values = np.asarray(hashvalues)
    if values.shape != (params.num_perm,):
        raise ValueError(f"hashvalues must have shape ({params.num_perm},), got {values.shape}")
    return LeanMinHash(seed=params.seed, hashvalues=values, scheme=params.scheme)
