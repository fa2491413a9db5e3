"""MinHash signatures of shingle sets, as datasketch ``LeanMinHash`` hash values.

Signing is the hot loop of linking (every source passage, every post), so it
is done for many sets at once with numpy. Two sketches are offered; the
``sketch`` field of :class:`MinHashParams` says which one made a signature,
and signatures of different sketches are never comparable.

``fss`` (the default): fast similarity sketching over token hashes.

* Token hash ``tau(t)``: BLAKE2b of the UTF-8 token with an 8-byte digest,
  read little-endian (cached per token: a vocabulary is hashed once).
* Shingle hash of the tokens ``t1 .. tm`` (a shingle string is split on
  single spaces): ``fmix64(m * P**m + sum(tau(ti) * P**(m - i)) mod 2**64)``
  with ``P = 0x9E3779B97F4A7C15`` and MurmurHash3's 64-bit finaliser, so
  the k-shingles of a token sequence are a few vectorised multiply-adds.
* Sketch (Dahlgaard, Knudsen and Thorup, "Fast Similarity Sketching", FOCS
  2017, as rensa's R-MinHash): in round ``r`` (``0 <= r < FSS_ROUNDS``)
  every shingle hash ``x`` goes to slot ``((x * K_r mod 2**64) >> 32) *
  num_perm >> 32`` with value ``r * 2**28 + ((x * L_r mod 2**64) >> 36)``,
  and each slot keeps its minimum. Every value of a later round is larger,
  so a slot is final in the first round that reaches it and signing stops
  once every slot is filled (about three rounds for 300 shingles at 128
  slots, instead of 128 permutations of every shingle). A slot that no
  round reaches gets ``15 * 2**28 +`` the minimum over the shingles of
  datasketch's ``affine32`` permutation of that slot applied to ``x >> 32``,
  shifted right by 4 and capped at ``2**32 - 2``. ``K_r`` and ``L_r`` are
  odd 64-bit keys: BLAKE2b (8 bytes, little-endian) of
  ``"fss:{seed}:{r}:slot"`` and ``"...:value"``, with the low bit set.

  The slot of each set is the minimum of one fixed random order over
  (round, shingle) pairs, so the minimum over the union of two sets is a
  uniformly random element of it, and two signatures agree in a slot with
  probability equal to the sets' Jaccard similarity, exactly as for
  MinHash; the signature of a union is the slot-wise minimum. Values are
  ``uint32`` with datasketch's empty value ``2**32 - 1``, so
  ``LeanMinHash(seed=..., hashvalues=..., scheme="affine32")`` takes them
  and its ``jaccard`` estimates agree with datasketch's on the same sets
  (tests/test_signatures.py checks this). What does not carry over is
  datasketch's ``count()``, which assumes uniformly spread values.

``datasketch``: the values of ``datasketch.MinHash(num_perm, seed,
scheme=scheme)`` after ``update(s.encode("utf-8"))`` for every shingle, bit
for bit (SHA-1 of each shingle, then the scheme's permutations of every
slot), for any of datasketch 2.0's three schemes: ``affine32`` (``uint32``),
``legacy`` and ``affine64`` (``uint64``). It is many times slower and kept
for signatures that must equal datasketch's own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat

import numpy as np
from datasketch import LeanMinHash, MinHash

__all__ = [
    "DEFAULT_PARAMS",
    "FSS_ROUNDS",
    "SCHEMES",
    "SKETCHES",
    "MinHashParams",
    "permutations",
    "run_hashes",
    "shingle_hashes",
    "sign",
    "sign_hashes",
    "sign_many",
    "sign_token_lists",
    "to_lean",
    "token_hashes",
]

SCHEMES = ("affine32", "affine64", "legacy")
SKETCHES = ("fss", "datasketch")

# Rows of the (shingles x num_perm) intermediate array of the datasketch
# sketch computed at once: bounds memory to CHUNK_ROWS * num_perm * 8 bytes.
CHUNK_ROWS = 8192
# Shingle hashes the fss sketch handles per block: large enough to pay for
# numpy's per-call cost, small enough that temporaries stay in the CPU cache
# (and below the allocator's mmap threshold, which makes page faults).
BLOCK = 1 << 15
FSS_ROUNDS = 12  # at most 15: the value keeps 4 bits for the round
_RANK_BITS = 28
_FALLBACK = 15 << _RANK_BITS
_MAX32 = (1 << 32) - 1
_P = 0x9E3779B97F4A7C15
_MASK64 = (1 << 64) - 1
# Tokens whose hash is kept; past it the cache starts again (a crawl's
# vocabulary, numbers included, stays far below it).
TOKEN_CACHE_SIZE = 1 << 21

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

    ``sketch`` is ``fss`` (token hashes and fast similarity sketching, the
    default) or ``datasketch`` (datasketch's own values); ``scheme`` is
    datasketch's permutation scheme, which must be ``affine32`` for ``fss``.
    See the module docstring for both hash schemes. :attr:`identity` names
    all four values in one string, for whatever stores signatures.

    Raises:
        ValueError: naming the bad value, for ``num_perm`` not in [1, 2**32]
            (datasketch's range), ``seed`` not in [0, 2**32)
            (numpy's RandomState range), an unknown ``scheme`` or ``sketch``,
            or ``fss`` with another scheme than ``affine32``.
    """

    num_perm: int = 128
    seed: int = 1
    scheme: str = "affine32"
    sketch: str = "fss"

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
        if self.sketch not in SKETCHES:
            raise ValueError(f"sketch must be one of {', '.join(SKETCHES)}, got {self.sketch!r}")
        if self.sketch == "fss" and self.scheme != "affine32":
            raise ValueError(f"sketch 'fss' needs scheme 'affine32', got {self.scheme!r}")

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

    @property
    def identity(self) -> str:
        """``sketch/scheme/num_perm/seed``: equal strings, comparable signatures."""
        return f"{self.sketch}/{self.scheme}/{self.num_perm}/{self.seed}"


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


# ----------------------------------------------------------------- token hashes
# token -> tau(token): a plain dict of str to int, which the garbage
# collector does not track (a dict subclass is traversed, a million entries
# at every full collection).
_TOKEN_HASHES: dict[str, int] = {}


def _tau(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little")


def token_hashes(tokens: Sequence[str]) -> np.ndarray:
    """Return ``tau`` of each token (see the module docstring) as ``uint64``.

    Each distinct token is hashed once and kept (up to ``TOKEN_CACHE_SIZE``
    tokens; past that the cache starts again).
    """
    cache = _TOKEN_HASHES
    hashes = np.fromiter(map(cache.get, tokens, repeat(0)), dtype=np.uint64, count=len(tokens))
    missing = np.flatnonzero(hashes == 0)  # (a token whose tau is 0 is just redone)
    if len(missing):
        if len(cache) + len(missing) > TOKEN_CACHE_SIZE:
            cache.clear()
        for i in missing.tolist():
            token = tokens[i]
            value = cache.get(token)
            if value is None:
                value = cache[token] = _tau(token)
            hashes[i] = value
    return hashes


def _fmix64(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser, in place on a fresh ``uint64`` array."""
    # Python int operands: numpy's shift by a numpy scalar takes a slow path.
    values ^= values >> 33
    values *= 0xFF51AFD7ED558CCD
    values ^= values >> 33
    values *= 0xC4CEB9FE1A85EC53
    values ^= values >> 33
    return values


@lru_cache(maxsize=64)
def _powers(n: int) -> np.ndarray:
    """``P**i mod 2**64`` for ``i`` in ``range(n)``, read-only."""
    powers = np.array([pow(_P, i, 1 << 64) for i in range(n)], dtype=np.uint64)
    powers.setflags(write=False)
    return powers


def _combine(flat: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Shingle hashes of consecutive runs of ``lengths`` (each >= 1) token hashes."""
    if not len(lengths):
        return np.empty(0, dtype=np.uint64)
    longest = int(lengths.max())
    powers = _powers(longest + 1)
    ends = np.cumsum(lengths)
    # exponent of each token: tokens left before the end of its shingle
    exponents = np.repeat(ends, lengths) - np.arange(1, len(flat) + 1)
    sums = np.add.reduceat(flat * powers[exponents], ends - lengths)
    sums += lengths.astype(np.uint64) * powers[lengths]
    return _fmix64(sums)


def run_hashes(hashes: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Return the shingle hash of each consecutive run of ``lengths[i]``
    (at least 1) token hashes, each run taken as one shingle."""
    return _combine(np.asarray(hashes, dtype=np.uint64), np.asarray(lengths, dtype=np.int64))


def shingle_hashes(hashes: np.ndarray, k: int) -> np.ndarray:
    """Return the hash of every ``k``-shingle of a token-hash sequence, in order.

    Like :func:`provenance.text.word_shingles` (without removing repeats):
    ``len - k + 1`` shingles, one shingle of all tokens when there are fewer
    than ``k`` of them, none for an empty sequence.

    Raises:
        ValueError: if ``k`` < 1.
    """
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k!r}")
    n = len(hashes)
    if n < k:
        return _combine(hashes, np.array([n] if n else [], dtype=np.int64))
    powers = _powers(k + 1)
    count = n - k + 1
    sums = np.full(count, (k * int(powers[k])) & _MASK64, dtype=np.uint64)
    for i in range(k):
        sums += hashes[i : i + count] * powers[k - 1 - i]
    return _fmix64(sums)


def _string_hashes(shingles: Sequence[str]) -> np.ndarray:
    """Shingle hashes of shingle strings, each split on single spaces.

    Splitting the strings joined by spaces gives every shingle's tokens in
    one call, with ``count(" ") + 1`` tokens each (empty tokens included).
    """
    if not shingles:
        return np.empty(0, dtype=np.uint64)
    spaces = np.fromiter(map(_count_spaces, shingles), dtype=np.int64, count=len(shingles))
    return _combine(token_hashes(" ".join(shingles).split(" ")), spaces + 1)


def _count_spaces(shingle: str) -> int:
    return shingle.count(" ")


# ------------------------------------------------------------------ fss sketch
@lru_cache(maxsize=32)
def _round_keys(seed: int) -> tuple[tuple[int, int], ...]:
    """The odd keys ``(K_r, L_r)`` of every round for ``seed``."""

    def key(label: str) -> int:
        digest = hashlib.blake2b(label.encode(), digest_size=8).digest()
        return int.from_bytes(digest, "little") | 1

    return tuple(
        (key(f"fss:{seed}:{r}:slot"), key(f"fss:{seed}:{r}:value")) for r in range(FSS_ROUNDS)
    )


def _fmix32(values: np.ndarray) -> np.ndarray:
    values ^= values >> 16
    values *= 0x85EBCA6B
    values ^= values >> 13
    values *= 0xC2B2AE35
    values ^= values >> 16
    return values


def _fss_block(
    hashes: np.ndarray, lengths: np.ndarray, out: np.ndarray, params: MinHashParams
) -> None:
    """Sketch consecutive runs of ``lengths`` shingle hashes into the rows of ``out``."""
    docs, slots = out.shape
    flat = out.reshape(-1)
    doc = np.repeat(np.arange(docs, dtype=np.int64), lengths)
    base = doc * slots
    x = hashes
    # For a power of two, the multiply-shift below is one shift (same values).
    shift = 65 - slots.bit_length() if slots > 1 and slots & (slots - 1) == 0 else 0
    active = lengths > 0  # documents that may still have an empty slot
    for r, (slot_key, value_key) in enumerate(_round_keys(params.seed)):
        slot = x * slot_key
        if shift:
            slot >>= shift
        else:
            slot >>= 32
            slot *= slots
            slot >>= 32
        index = slot.view(np.int64)
        index += base
        value = x * value_key
        value >>= 64 - _RANK_BITS
        ranks = value.astype(np.uint32)
        ranks |= r << _RANK_BITS
        np.minimum.at(flat, index, ranks)
        # Only a document with as many placements as slots can be full yet.
        check = np.flatnonzero(active & (lengths * (r + 1) >= slots))
        if not len(check):
            continue
        active[check] = (out[check] == _MAX32).any(axis=1)
        if not active.any():
            return
        keep = active[doc]
        if not keep.all():
            x, doc, base = x[keep], doc[keep], base[keep]
    # Slots no round reached: datasketch's affine32 permutation of the slot.
    empty = np.flatnonzero(flat == _MAX32)
    owner = empty // slots
    bounds = np.searchsorted(doc, np.arange(docs + 1))
    starts = bounds[owner]
    counts = bounds[owner + 1] - starts
    wanted = counts > 0  # empty documents keep the empty signature
    empty, starts, counts = empty[wanted], starts[wanted], counts[wanted]
    if not len(empty):
        return
    mixed = _fmix32((x >> 32).astype(np.uint32))
    ends = np.cumsum(counts)
    first = 0
    while first < len(empty):  # in pieces of about BLOCK (slot, shingle) pairs
        last = int(np.searchsorted(ends, ends[first] - counts[first] + BLOCK, side="right"))
        last = max(last, first + 1)
        _fallback(
            flat, slots, empty[first:last], starts[first:last], counts[first:last], mixed, params
        )
        first = last


def _fallback(
    flat: np.ndarray,
    slots: int,
    empty: np.ndarray,
    starts: np.ndarray,
    counts: np.ndarray,
    mixed: np.ndarray,
    params: MinHashParams,
) -> None:
    """Fill the flat slots ``empty`` from the ``mixed`` hashes of their documents."""
    a, b = permutations(params)
    ends = np.cumsum(counts)
    members = np.arange(int(ends[-1])) - np.repeat(ends - counts - starts, counts)
    column = empty % slots
    permuted = mixed[members] * np.repeat(a[column], counts)
    permuted += np.repeat(b[column], counts)
    permuted >>= 4
    lowest = np.minimum.reduceat(permuted, ends - counts)
    lowest |= _FALLBACK
    flat[empty] = np.minimum(lowest, _MAX32 - 1)


def _fss(hashes: np.ndarray, offsets: np.ndarray, params: MinHashParams) -> np.ndarray:
    n = len(offsets) - 1
    out = np.full((n, params.num_perm), _MAX32, dtype=np.uint32)
    lengths = np.diff(offsets)
    start = 0
    while start < n:
        stop = int(np.searchsorted(offsets, offsets[start] + BLOCK, side="right")) - 1
        stop = min(max(stop, start + 1), n)
        _fss_block(
            hashes[offsets[start] : offsets[stop]], lengths[start:stop], out[start:stop], params
        )
        start = stop
    return out


def sign_hashes(
    hashes: np.ndarray, offsets: np.ndarray, params: MinHashParams = DEFAULT_PARAMS
) -> np.ndarray:
    """Return the ``fss`` signatures of the sets ``hashes[offsets[i]:offsets[i + 1]]``.

    ``hashes`` are shingle hashes (:func:`shingle_hashes`), repeats allowed;
    the result is an ``(len(offsets) - 1, num_perm)`` ``uint32`` array whose
    row ``i`` equals :func:`sign` of the shingles of set ``i``.

    Raises:
        ValueError: if ``params.sketch`` is not ``fss`` (the datasketch sketch
            hashes shingle strings), or ``offsets`` do not bound ``hashes``.
    """
    if params.sketch != "fss":
        raise ValueError(f"sign_hashes needs sketch 'fss', got {params.sketch!r}")
    offsets = np.asarray(offsets, dtype=np.int64)
    if len(offsets) < 1 or offsets[0] != 0 or offsets[-1] != len(hashes):
        raise ValueError(f"offsets must run from 0 to len(hashes)={len(hashes)}")
    if np.any(np.diff(offsets) < 0):
        raise ValueError("offsets must not decrease")
    return _fss(np.asarray(hashes, dtype=np.uint64), offsets, params)


# ----------------------------------------------------------- datasketch sketch
def _sha1(shingles: Sequence[str], params: MinHashParams) -> np.ndarray:
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


def _datasketch_many(shingle_lists: Sequence[Sequence[str]], params: MinHashParams) -> np.ndarray:
    result = _empty(len(shingle_lists), params)
    batch: list[int] = []
    rows = 0
    for i, shingles in enumerate(shingle_lists):
        if len(shingles) >= CHUNK_ROWS:
            hashes = _sha1(shingles, params)
            for start in range(0, len(hashes), CHUNK_ROWS):
                chunk_min = _permuted(hashes[start : start + CHUNK_ROWS], params).min(axis=0)
                np.minimum(result[i], chunk_min, out=result[i])
            continue
        if rows + len(shingles) > CHUNK_ROWS:
            _datasketch_batch(shingle_lists, batch, params, result)
            batch, rows = [], 0
        if shingles:
            batch.append(i)
            rows += len(shingles)
    _datasketch_batch(shingle_lists, batch, params, result)
    return result


def _datasketch_batch(
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
    out[batch] = np.minimum.reduceat(_permuted(_sha1(flat, params), params), starts, axis=0)


# ------------------------------------------------------------------ public API
def sign(shingles: Sequence[str], params: MinHashParams = DEFAULT_PARAMS) -> np.ndarray:
    """Return the signature of ``shingles`` (length ``num_perm``, ``params.dtype``).

    With the ``datasketch`` sketch, equal to ``datasketch.MinHash(num_perm,
    seed, scheme=scheme)`` updated with ``s.encode("utf-8")`` for each
    shingle. An empty list gives datasketch's empty signature (every slot at
    the maximum hash value) with either sketch.
    """
    return sign_many([shingles], params)[0]


def sign_many(
    shingle_lists: Sequence[Sequence[str]], params: MinHashParams = DEFAULT_PARAMS
) -> np.ndarray:
    """Return the signatures of several shingle lists as an ``(n, num_perm)`` array.

    Row ``i`` equals ``sign(shingle_lists[i], params)``; the lists are
    signed together so that numpy, not Python, loops over them.
    """
    if params.sketch == "datasketch":
        return _datasketch_many(shingle_lists, params)
    lengths = [len(shingles) for shingles in shingle_lists]
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    flat = _string_hashes(list(chain.from_iterable(shingle_lists)))
    return _fss(flat, offsets, params)


def sign_token_lists(
    token_lists: Sequence[Sequence[str]], k: int, params: MinHashParams = DEFAULT_PARAMS
) -> np.ndarray:
    """Return the signatures of the ``k``-shingles of each token list.

    Row ``i`` equals ``sign_many([word_shingles(token_lists[i], k)])[0]``
    (see :func:`provenance.text.word_shingles`), but with the ``fss``
    sketch no shingle string is built: the tokens of all lists are hashed
    once and their shingle hashes computed as one array.

    Raises:
        ValueError: if ``k`` < 1.
    """
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k!r}")
    if params.sketch != "fss":
        return sign_many(
            [
                [" ".join(t[i : i + k]) for i in range(max(len(t) - k + 1, 1 if t else 0))]
                for t in token_lists
            ],
            params,
        )
    sizes = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
    hashes = token_hashes(list(chain.from_iterable(token_lists)))
    rolling = shingle_hashes(hashes, k) if len(hashes) >= k else np.empty(0, dtype=np.uint64)
    short = np.flatnonzero((sizes > 0) & (sizes < k))
    if len(short):
        members = np.repeat(starts[short] - np.cumsum(sizes[short]) + sizes[short], sizes[short])
        members += np.arange(int(sizes[short].sum()))
        rolling = np.concatenate([rolling, run_hashes(hashes[members], sizes[short])])
    # the shingles of each list: a run of the rolling hashes, or its short one
    counts = np.where(sizes >= k, sizes - k + 1, (sizes > 0).astype(np.int64))
    firsts = starts.copy()
    firsts[short] = len(rolling) - len(short) + np.arange(len(short))
    ends = np.cumsum(counts)
    index = np.arange(int(ends[-1]) if len(ends) else 0) - np.repeat(ends - counts - firsts, counts)
    offsets = np.concatenate(([0], ends)).astype(np.int64)
    return _fss(rolling[index], offsets, params)


def to_lean(hashvalues: np.ndarray, params: MinHashParams = DEFAULT_PARAMS) -> LeanMinHash:
    """Return ``hashvalues`` as a ``datasketch.LeanMinHash`` with ``params``' seed and scheme.

    Raises:
        ValueError: if the length of ``hashvalues`` is not ``params.num_perm``.
    """
    values = np.asarray(hashvalues)
    if values.shape != (params.num_perm,):
        raise ValueError(f"hashvalues must have shape ({params.num_perm},), got {values.shape}")
    return LeanMinHash(seed=params.seed, hashvalues=values, scheme=params.scheme)
