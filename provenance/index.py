"""The LSH index over source passages: which stored passages may resemble a query.

Banding LSH (Mining of Massive Datasets, ch. 3) over MinHash signatures from
:mod:`provenance.signatures`. The number of bands and rows is chosen exactly as
``datasketch.MinHashLSH`` chooses it for a Jaccard threshold (the weighted sum
of false-positive and false-negative probability is minimised); the buckets are
our own dicts keyed by the bytes of each band, which lets a whole batch be
added without building one MinHash object per passage and lets the index be
saved as plain arrays instead of a pickle.

An index is a cache (STYLE rule 9): it is saved with the parameters that built
it, and :meth:`PassageIndex.load` refuses a file built with other parameters
rather than answering with incomparable signatures.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np
from datasketch import MinHashLSH

from provenance.signatures import DEFAULT_PARAMS, MinHashParams

__all__ = ["IndexMismatchError", "PassageIndex", "bands_and_rows"]

FORMAT_VERSION = 1


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


class PassageIndex:
    """LSH buckets from passage keys ("source_url#passage_no") to signatures.

    ``query`` returns every key sharing at least one band with the query: a
    candidate set whose Jaccard similarity to the query is likely above
    ``threshold``. Candidates must be verified; the index only saves work.
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
        self._tables: list[dict[bytes, list[str]]] = [{} for _ in range(self.bands)]
        self._keys: dict[str, int] = {}
        self._rows: list[np.ndarray] = []

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def keys(self) -> list[str]:
        """Return the keys in insertion order."""
        return list(self._keys)

    def _check(self, hashvalues: np.ndarray) -> np.ndarray:
        values = np.asarray(hashvalues)
        if values.shape != (self.params.num_perm,):
            raise ValueError(
                f"hashvalues must have shape ({self.params.num_perm},), got {values.shape}"
            )
        if values.dtype != self.params.dtype:
            # Band keys are raw bytes: uint32 and uint64 values never collide.
            raise ValueError(
                f"hashvalues must be {np.dtype(self.params.dtype).name} for scheme "
                f"{self.params.scheme!r}, got {values.dtype.name}"
            )
        return values

    def _band_keys(self, values: np.ndarray) -> Iterable[tuple[int, bytes]]:
        # Slicing one bytes object is several times faster than a tobytes()
        # per numpy slice, and add() is the inner loop of building an index.
        raw = values.tobytes()
        width = self.rows * values.itemsize
        return ((band, raw[band * width : (band + 1) * width]) for band in range(self.bands))

    def add(self, key: str, hashvalues: np.ndarray) -> None:
        """Index ``hashvalues`` under ``key``.

        Raises:
            ValueError: for a key already indexed, a non-string key, or
                hashvalues of the wrong shape or dtype.
        """
        if not isinstance(key, str):
            raise ValueError(f"key must be a str, got {key!r}")
        if key in self._keys:
            raise ValueError(f"key already indexed: {key!r}")
        values = self._check(hashvalues).copy()
        self._keys[key] = len(self._rows)
        self._rows.append(values)
        for band, band_key in self._band_keys(values):
            self._tables[band].setdefault(band_key, []).append(key)

    def add_many(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        """Index every ``(key, hashvalues)`` pair (see :meth:`add`)."""
        for key, hashvalues in items:
            self.add(key, hashvalues)

    def query(self, hashvalues: np.ndarray) -> set[str]:
        """Return the keys that share at least one band with ``hashvalues``."""
        values = self._check(hashvalues)
        found: set[str] = set()
        for band, band_key in self._band_keys(values):
            found.update(self._tables[band].get(band_key, ()))
        return found

    def signature(self, key: str) -> np.ndarray:
        """Return the stored hashvalues of ``key`` (KeyError if absent)."""
        return self._rows[self._keys[key]]

    def _meta(self) -> dict[str, object]:
        return {
            "format": FORMAT_VERSION,
            "num_perm": self.params.num_perm,
            "seed": self.params.seed,
            "scheme": self.params.scheme,
            "threshold": self.threshold,
            "weights": list(self.weights),
            "bands": self.bands,
            "rows": self.rows,
        }

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the index (parameters, keys and signatures) to ``path`` as ``.npz``.

        The file is written next to ``path`` and renamed over it, so a crash
        never leaves a half-written index behind. Buckets are not stored:
        they are rebuilt from the signatures on load.
        """
        target = Path(path)
        matrix = (
            np.stack(self._rows)
            if self._rows
            else np.empty((0, self.params.num_perm), dtype=self.params.dtype)
        )
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                np.savez(
                    handle,
                    meta=np.array(json.dumps(self._meta())),
                    keys=np.array(list(self._keys), dtype=str),
                    hashvalues=matrix,
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
            keys = [str(k) for k in data["keys"]]
            matrix = data["hashvalues"]
        index.add_many(zip(keys, matrix, strict=True))
        return index
