"""The LSH index over source passages: which stored passages may resemble a query.

Banding LSH (Mining of Massive Datasets, ch. 3) over MinHash signatures from
:mod:`provenance.link.signatures`. The number of bands and rows is chosen exactly as
``datasketch.MinHashLSH`` chooses it for a Jaccard threshold (the weighted sum
of false-positive and false-negative probability is minimised), and a query
returns exactly the keys that share a band with it, as ``MinHashLSH.query``.

The buckets are numpy arrays rather than dicts, so that a million passages
fit in about a gigabyte and a batch of queries is a handful of array
operations: each (passage, band) pair is one ``uint64`` in a sorted array,
made of the band number, a hash of the band's values and the passage's row,
so that a bucket is a contiguous run; a directory of where each key prefix
starts makes a lookup one read and a short binary search. A band hash may
collide; every match is checked against the stored values, so a query never
returns a passage that shares no band. Keys and signatures are kept in numpy
arrays (object arrays for the keys), which the garbage collector does not walk.

Passages added one at a time are kept aside and sorted into a new segment
when the next query comes; segments of similar size are merged, so that
building by single additions costs ``O(n log n)`` overall.

An index is a cache (STYLE rule 9): it is saved with the parameters that built
it, and :meth:`PassageIndex.load` refuses a file built with other parameters
rather than answering with incomparable signatures.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from datasketch import MinHashLSH

from provenance.link.signatures import DEFAULT_PARAMS, MinHashParams

__all__ = ["IndexMismatchError", "PassageIndex", "bands_and_rows"]

FORMAT_VERSION = 2
# Signature rows whose band keys are computed at once (bounds temporaries).
_BLOCK_ROWS = 1 << 14
_P = 0x9E3779B97F4A7C15
# Buckets up to this many keys are compared whole rather than halved (_Segment.bounds).
_SCAN = 32
# ... and by one query, which reads them all at once
_SCAN_ONE = 64
_WIDTHS = np.arange(_SCAN_ONE)


class IndexMismatchError(ValueError):
    """A saved index was built with other parameters than the ones requested."""


@lru_cache(maxsize=64)
def bands_and_rows(
    threshold: float, num_perm: int, weights: tuple[float, float] = (0.5, 0.5)
) -> tuple[int, int]:
    """Return datasketch's optimal ``(bands, rows)`` for ``threshold`` and ``num_perm``.

    Computed by datasketch itself (its constructor runs the optimisation and
    stores ``b`` and ``r``) so that the banding is the same maths by
    construction. Cached: the optimisation integrates for every (b, r) pair.

    Raises:
        ValueError: for a threshold outside [0.0, 1.0], bad weights, or a
            ``num_perm`` too small for two bands.
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be in [0.0, 1.0], got {threshold!r}")
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=weights)
    return lsh.b, lsh.r


@lru_cache(maxsize=16)
def _powers_of_p(width: int) -> np.ndarray:
    """``_P**(width - 1 - i) mod 2**64``: a band's hash as one dot product."""
    powers = np.array([pow(_P, width - 1 - i, 1 << 64) for i in range(width)], dtype=np.uint64)
    powers.setflags(write=False)
    return powers


@dataclass(frozen=True)
class _Segment:
    """Sorted band keys of the rows ``[first, first + size)``, with a
    directory: where the keys starting with each ``directory_bits`` prefix
    begin, so that a lookup is one directory read and a binary search in a
    bucket of a few keys (a plain searchsorted over tens of millions of keys
    misses the CPU cache at every step)."""

    first: int
    size: int
    row_bits: int
    keys: np.ndarray  # uint64: band | band hash | row - first, sorted
    directory_bits: int
    directory: np.ndarray  # uint32 or int64, 2**directory_bits + 1 offsets
    widest: int  # keys in the largest bucket
    # `keys` followed by _SCAN_ONE keys above every other, so that a query may
    # read that far past any bucket
    padded: np.ndarray
    tops: np.ndarray  # each band's number where it stands in a key without row bits

    def bounds(self, needles: np.ndarray, row_bits: int) -> tuple[np.ndarray, np.ndarray]:
        """Where the keys of each needle's bucket begin and end: the first key >=
        the needle and the first key > the needle with every row bit set (the
        needles have none).

        A bucket of a few keys (nearly all) is compared whole, both ends from one
        read of its keys; a large one (many passages with the same band) is
        searched by halves.
        """
        ceilings = needles | np.uint64((1 << row_bits) - 1)
        bucket = (needles >> (64 - self.directory_bits)).astype(np.intp)
        start = self.directory[bucket].astype(np.int64)
        stop = self.directory[bucket + 1].astype(np.int64)
        sizes = stop - start
        width = int(sizes.max()) if len(sizes) else 0
        if width <= _SCAN:
            return self._scan(start, sizes, width, needles, ceilings)
        low, high = start.copy(), start.copy()
        small = np.flatnonzero(sizes <= _SCAN)
        if len(small):
            width = int(sizes[small].max())
            low[small], high[small] = self._scan(
                start[small], sizes[small], width, needles[small], ceilings[small]
            )
        large = np.flatnonzero(sizes > _SCAN)
        low[large] = self._halve(start[large], stop[large], needles[large], strict=False)
        high[large] = self._halve(start[large], stop[large], ceilings[large], strict=True)
        return low, high

    def _scan(
        self,
        start: np.ndarray,
        sizes: np.ndarray,
        width: int,
        needles: np.ndarray,
        ceilings: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        # Keys read past a bucket belong to later prefixes, above every needle of
        # the bucket; past the last key the last one is read again, and the
        # counts are capped at the bucket's size.
        position = start[:, None] + np.arange(width)
        found = self.keys[np.minimum(position, len(self.keys) - 1)]
        below = np.minimum((found < needles[:, None]).sum(axis=1), sizes)
        not_above = np.minimum((found <= ceilings[:, None]).sum(axis=1), sizes)
        return start + below, start + not_above

    def _halve(
        self, low: np.ndarray, high: np.ndarray, needles: np.ndarray, strict: bool
    ) -> np.ndarray:
        """The first position in [low, high) whose key is >= each needle (> if ``strict``)."""
        keys = self.keys
        low, high = low.copy(), high.copy()
        active = np.flatnonzero(low < high)
        while len(active):
            a, b = low[active], high[active]
            middle = (a + b) >> 1
            found = keys[middle]
            wanted = needles[active]
            right = found <= wanted if strict else found < wanted
            low[active] = np.where(right, middle + 1, a)
            high[active] = np.where(right, b, middle)
            active = active[low[active] < high[active]]
        return low


class PassageIndex:
    """LSH buckets from passage keys ("source_url#passage_no") to signatures.

    ``query`` returns every key sharing at least one band with the query: a
    candidate set whose Jaccard similarity to the query is likely above
    ``threshold``. Candidates must be verified; the index only saves work.
    Rows are numbered in insertion order; :meth:`query_rows` answers a batch
    of queries with row numbers, without building a set of keys per query.
    """

    def __init__(
        self,
        threshold: float = 0.3,
        params: MinHashParams = DEFAULT_PARAMS,
        weights: tuple[float, float] = (0.5, 0.5),
    ) -> None:
        """Raises ValueError for a threshold outside [0.0, 1.0] or bad weights."""
        self.threshold = float(threshold)
        self.params = params
        self.weights = (float(weights[0]), float(weights[1]))
        self.bands, self.rows = bands_and_rows(self.threshold, params.num_perm, self.weights)
        self._band_bits = max(1, (self.bands - 1).bit_length())
        # each band's number in the top bits of its band keys
        self._tops = np.arange(self.bands, dtype=np.uint64) << (64 - self._band_bits)
        # Keys in insertion order, in an object array (spare capacity past
        # len(self)): numpy arrays are invisible to the garbage collector,
        # which would otherwise walk a million keys at every full collection.
        self._keys = np.empty(0, dtype=object)
        self._count = 0
        self._row_of: dict[str, int] = {}
        # Signatures in insertion order; rows past len(self) are spare
        # capacity, doubled when full, so that adding one row is O(1).
        self._matrix = np.empty((0, params.num_perm), dtype=params.dtype)
        self._segments: list[_Segment] = []

    def __len__(self) -> int:
        return self._count

    def __contains__(self, key: object) -> bool:
        return key in self._row_of

    def keys(self) -> list[str]:
        """Return the keys in insertion order."""
        return self._keys[: self._count].tolist()

    def key(self, row: int) -> str:
        """Return the key of ``row`` (IndexError if absent)."""
        if not -self._count <= row < self._count:
            raise IndexError(f"row {row} out of range for {self._count} passages")
        return str(self._keys[row % self._count])

    def _check(self, hashvalues: np.ndarray) -> np.ndarray:
        values = np.asarray(hashvalues)
        if values.shape[-1:] != (self.params.num_perm,) or values.ndim not in (1, 2):
            raise ValueError(
                f"hashvalues must have shape ({self.params.num_perm},), got {values.shape}"
            )
        if values.dtype != self.params.dtype:
            raise ValueError(
                f"hashvalues must be {np.dtype(self.params.dtype).name} for scheme "
                f"{self.params.scheme!r}, got {values.dtype.name}"
            )
        return values

    def add(self, key: str, hashvalues: np.ndarray) -> None:
        """Index ``hashvalues`` under ``key``.

        Raises:
            ValueError: for a key already indexed, a non-string key, or
                hashvalues of the wrong shape or dtype.
        """
        values = self._check(hashvalues)
        if values.ndim != 1:
            raise ValueError(
                f"hashvalues must have shape ({self.params.num_perm},), got {values.shape}"
            )
        self.add_matrix([key], values.reshape(1, -1))

    def add_many(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        """Index every ``(key, hashvalues)`` pair (see :meth:`add`)."""
        for key, hashvalues in items:
            self.add(key, hashvalues)

    def add_matrix(self, keys: Sequence[str], matrix: np.ndarray) -> None:
        """Index row ``i`` of ``matrix`` under ``keys[i]``, all at once.

        Raises:
            ValueError: as :meth:`add`, or if ``keys`` and ``matrix`` differ
                in length; nothing is added then.
        """
        values = self._check(matrix)
        if values.ndim != 2 or len(values) != len(keys):
            raise ValueError(
                f"matrix must have one row per key ({len(keys)}), got shape {values.shape}"
            )
        first = self._count
        fresh: dict[str, int] = {}
        for row, key in enumerate(keys, first):
            if not isinstance(key, str):
                raise ValueError(f"key must be a str, got {key!r}")
            if key in self._row_of or fresh.setdefault(key, row) != row:
                raise ValueError(f"key already indexed: {key!r}")
        stop = first + len(values)
        if stop > len(self._matrix):
            capacity = max(stop, 2 * len(self._matrix))
            grown = np.empty((capacity, values.shape[1]), values.dtype)
            grown[:first] = self._matrix[:first]
            self._matrix = grown
            grown_keys = np.empty(capacity, dtype=object)
            grown_keys[:first] = self._keys[:first]
            self._keys = grown_keys
        self._matrix[first:stop] = values
        self._keys[first:stop] = list(keys)
        self._row_of.update(fresh)
        self._count = stop

    def signature(self, key: str) -> np.ndarray:
        """Return the stored hashvalues of ``key`` (KeyError if absent)."""
        return self.signatures()[self._row_of[key]]

    def signatures(self) -> np.ndarray:
        """Return the ``(len(self), num_perm)`` read-only matrix of stored
        hashvalues, in insertion order."""
        view = self._matrix[: self._count]
        view.setflags(write=False)
        return view

    # ----------------------------------------------------------------- buckets
    def _band_hashes(self, values: np.ndarray, bands: range | None = None) -> np.ndarray:
        """(len(values), len(bands)) uint64 hashes of the values of each band."""
        if len(values) == 1 and bands is None:  # one query: as few array operations as can be
            one = values[0, : self.bands * self.rows].reshape(self.bands, self.rows)
            h = one @ _powers_of_p(self.rows)  # the same polynomial, in uint64
            h ^= h >> 29
            h *= 0xBF58476D1CE4E5B9
            h ^= h >> 32
            return h.reshape(1, -1)
        bands = range(self.bands) if bands is None else bands
        out = np.zeros((len(values), len(bands)), dtype=np.uint64)
        columns = slice(bands.start * self.rows, bands.stop * self.rows)
        for start in range(0, len(values), _BLOCK_ROWS):
            block = values[start : start + _BLOCK_ROWS, columns]
            grouped = block.reshape(len(block), len(bands), self.rows).astype(np.uint64)
            h = out[start : start + len(block)]
            for column in range(self.rows):
                h *= _P
                h += grouped[:, :, column]
            h ^= h >> 29
            h *= 0xBF58476D1CE4E5B9
            h ^= h >> 32
        return out

    def _segment(self, first: int, stop: int) -> _Segment:
        """Sort the band keys of rows ``[first, stop)`` into a segment."""
        size = stop - first
        row_bits = max(1, (size - 1).bit_length())
        hash_bits = 64 - self._band_bits - row_bits
        values = self.signatures()[first:stop]
        padded = np.empty(self.bands * size + _SCAN_ONE, dtype=np.uint64)
        padded[self.bands * size :] = np.iinfo(np.uint64).max
        keys = padded[: self.bands * size].reshape(self.bands, size)
        rows = np.arange(size, dtype=np.uint64)
        for band in range(self.bands):  # one band at a time: a band's worth of temporaries
            key = self._band_hashes(values, range(band, band + 1))[:, 0]
            key >>= 64 - hash_bits
            key <<= row_bits
            key |= rows
            key |= band << (64 - self._band_bits)
            keys[band] = np.sort(key)  # band-major: the whole array is sorted
        flat = keys.reshape(-1)
        # about 8 keys per bucket; a (band, band hash) run never straddles two
        bits = min(max(8, (len(flat) // 8).bit_length()), 64 - row_bits, 30)
        prefixes = np.arange(1 << bits, dtype=np.uint64) << (64 - bits)
        directory = np.empty((1 << bits) + 1, dtype=np.uint32 if len(flat) < 2**32 else np.int64)
        directory[:-1] = np.searchsorted(flat, prefixes)
        directory[-1] = len(flat)
        widest = int(np.diff(directory).max()) if len(directory) > 1 else 0
        tops = self._tops >> row_bits
        return _Segment(first, size, row_bits, flat, bits, directory, widest, padded, tops)

    def seal(self) -> None:
        """Sort the passages added since the last query into the buckets now.

        Queries do it when needed; calling it after a build moves that cost
        out of the first query.
        """
        self._seal()

    def _seal(self) -> None:
        """Put the rows added since the last query into segments."""
        indexed = self._segments[-1].first + self._segments[-1].size if self._segments else 0
        if indexed == self._count:
            return
        self._segments.append(self._segment(indexed, self._count))
        # Merge while the last segment is at least half the one before it.
        while len(self._segments) > 1 and 2 * self._segments[-1].size >= self._segments[-2].size:
            last = self._segments.pop()
            before = self._segments.pop()
            self._segments.append(self._segment(before.first, last.first + last.size))

    # ----------------------------------------------------------------- queries
    def query_rows(self, hashvalues: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Answer a batch of queries: every (query, row) sharing at least one band.

        ``hashvalues`` is one signature or a ``(queries, num_perm)`` matrix.
        Returns two ``int64`` arrays of equal length, ``queries`` (the row of
        ``hashvalues``) and ``rows`` (the insertion number of the stored
        passage), sorted by query then row, without repeats.

        Raises:
            ValueError: for hashvalues of the wrong shape or dtype.
        """
        values = self._check(hashvalues).reshape(-1, self.params.num_perm)
        self._seal()
        if not len(values) or not self._segments:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty
        hashes = self._band_hashes(values)
        found: list[np.ndarray] = []  # query * len(self) + row, per segment
        for segment in self._segments:
            hash_bits = 64 - self._band_bits - segment.row_bits
            wanted = (hashes >> (64 - hash_bits)) << segment.row_bits
            wanted |= self._tops
            low, high = segment.bounds(wanted.reshape(-1), segment.row_bits)
            counts = high - low
            hit = np.flatnonzero(counts)
            if not len(hit):
                continue
            low, counts = low[hit], counts[hit]
            needle = np.repeat(hit, counts)
            ends = np.cumsum(counts)
            position = np.arange(int(ends[-1])) - np.repeat(ends - counts - low, counts)
            rows = segment.first + (segment.keys[position] & ((1 << segment.row_bits) - 1))
            queries, bands = np.divmod(needle, self.bands)
            pairs = queries * self._count + rows.astype(np.int64)
            # A pair usually shares many bands: check one per pair, and the
            # others only for a pair whose first one was a hash collision.
            distinct, first = np.unique(pairs, return_index=True)
            same = self._same_band(values, queries[first], pairs[first], bands[first])
            if not same.all():
                doubtful = np.isin(pairs, distinct[~same])
                rescued = doubtful & self._same_band(values, queries, pairs, bands, doubtful)
                same |= np.isin(distinct, pairs[rescued])
            found.append(distinct[same])
        if not found:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        pairs = np.concatenate(found)
        if len(found) > 1:
            pairs.sort()
        return np.divmod(pairs, self._count)

    def _same_band(
        self,
        values: np.ndarray,
        queries: np.ndarray,
        pairs: np.ndarray,
        bands: np.ndarray,
        where: np.ndarray | None = None,
    ) -> np.ndarray:
        """Whether query ``queries[i]`` and the row of ``pairs[i]`` agree on
        band ``bands[i]`` (only computed where ``where``, if given)."""
        if where is not None:
            same = np.zeros(len(pairs), dtype=bool)
            same[where] = self._same_band(values, queries[where], pairs[where], bands[where])
            return same
        matrix = self.signatures()
        rows = pairs % self._count
        same = np.ones(len(rows), dtype=bool)
        for column in range(self.rows):
            index = bands * self.rows + column
            same &= values[queries, index] == matrix[rows, index]
        return same

    def query(self, hashvalues: np.ndarray) -> set[str]:
        """Return the keys that share at least one band with ``hashvalues``.

        The keys of :meth:`query_rows` for one signature, by fewer array
        operations (one query is mostly the cost of calling them): every key of
        the query's buckets is read at once, and the few rows that match are
        checked against the stored band values in Python.
        """
        values = self._check(hashvalues)
        if values.ndim != 1:
            raise ValueError(
                f"hashvalues must have shape ({self.params.num_perm},), got {values.shape}"
            )
        self._seal()
        hashes = self._band_hashes(values.reshape(1, -1))[0]
        wanted: list[int] | None = None  # the query's values, read once there is a match
        seen: dict[int, list[int] | None] = {}  # row -> its values (None once it matched)
        for segment in self._segments:
            row_bits = segment.row_bits
            # the key of each band without its row bits: band number and band hash
            prefix = hashes >> (self._band_bits + row_bits)
            prefix |= segment.tops
            start = segment.directory[prefix >> (64 - segment.directory_bits - row_bits)]
            width = segment.widest
            if width > _SCAN_ONE:
                bucket = prefix >> (64 - segment.directory_bits - row_bits)
                width = int((segment.directory[bucket + 1] - start).max())
            if width > _SCAN_ONE:  # a large bucket (a passage copied many times): halved
                first, stop = segment.bounds(prefix << row_bits, row_bits)
                counts = stop - first
                hit = np.flatnonzero(counts)
                counts = counts[hit]
                band = np.repeat(hit, counts)
                ends = np.cumsum(counts)
                runs = np.arange(len(band)) + np.repeat(first[hit] - ends + counts, counts)
                found = segment.keys[runs]
            elif width:
                # every key of each bucket at once: keys read past a bucket have a
                # later prefix, or are the padding above every key
                keys = segment.padded[start[:, None] + _WIDTHS[:width]]
                band, at = np.nonzero((keys >> row_bits) == prefix[:, None])
                found = keys[band, at]
            if not width or not len(band):
                continue
            if wanted is None:
                wanted = values.tolist()
            mask, size = (1 << row_bits) - 1, self.rows
            # a band hash may collide: the stored values of the band decide
            end = segment.first + segment.size
            for b, key in zip(band.tolist(), found.tolist(), strict=True):
                row = segment.first + (key & mask)
                if row >= end:
                    continue  # the padding, read as a key of the last band's last hash
                stored = seen.get(row, ())
                if stored is None:
                    continue  # matched already
                if stored == ():
                    stored = seen[row] = self._matrix[row].tolist()
                column = b * size
                if stored[column : column + size] == wanted[column : column + size]:
                    seen[row] = None
        names = self._keys
        return {names[row] for row, stored in seen.items() if stored is None}

    def query_many(self, hashvalues: np.ndarray) -> list[set[str]]:
        """Return :meth:`query` of each row of a ``(queries, num_perm)`` matrix."""
        values = self._check(hashvalues).reshape(-1, self.params.num_perm)
        found: list[set[str]] = [set() for _ in range(len(values))]
        queries, rows = self.query_rows(values)
        for query, row in zip(queries.tolist(), rows.tolist(), strict=True):
            found[query].add(self._keys[row])
        return found

    # ------------------------------------------------------------- persistence
    def _meta(self) -> dict[str, object]:
        return {
            "format": FORMAT_VERSION,
            "num_perm": self.params.num_perm,
            "seed": self.params.seed,
            "scheme": self.params.scheme,
            "sketch": self.params.sketch,
            "threshold": self.threshold,
            "weights": list(self.weights),
            "bands": self.bands,
            "rows": self.rows,
        }

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the index (parameters, keys and signatures) to ``path`` as ``.npz``.

        The file is written next to ``path`` and renamed over it, so a crash
        never leaves a half-written index behind. Buckets are not stored:
        they are rebuilt from the signatures on load. Keys are stored as one
        UTF-8 buffer with offsets (a numpy string array would pad every key
        to the longest, in four bytes per character).
        """
        target = Path(path)
        encoded = [key.encode("utf-8") for key in self.keys()]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(k) for k in encoded], out=offsets[1:])
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                np.savez(
                    handle,
                    meta=np.array(json.dumps(self._meta())),
                    keys=np.frombuffer(b"".join(encoded), dtype=np.uint8),
                    key_offsets=offsets,
                    hashvalues=self.signatures(),
                )
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str],
        threshold: float = 0.3,
        params: MinHashParams = DEFAULT_PARAMS,
        weights: tuple[float, float] = (0.5, 0.5),
    ) -> PassageIndex:
        """Read an index saved by :meth:`save`, built with the given parameters.

        Raises:
            IndexMismatchError: if the file was built with another threshold,
                weights, MinHash parameters or format; the message lists
                each differing value (saved vs requested).
            OSError: if ``path`` cannot be read.
        """
        index = cls(threshold, params, weights)
        with np.load(path, allow_pickle=False) as data:
            saved = json.loads(str(data["meta"]))
            wanted = index._meta()
            diffs = [
                f"{name}: saved {saved.get(name)!r}, requested {value!r}"
                for name, value in wanted.items()
                if saved.get(name) != value
            ]
            if diffs:
                raise IndexMismatchError(
                    f"index {os.fspath(path)!r} was built with other parameters "
                    f"({'; '.join(diffs)}); rebuild it from the stored signatures"
                )
            buffer = data["keys"].tobytes()
            offsets = data["key_offsets"].tolist()
            matrix = data["hashvalues"]
        keys = [buffer[a:b].decode("utf-8") for a, b in zip(offsets, offsets[1:], strict=False)]
        index.add_matrix(keys, matrix)
        return index
