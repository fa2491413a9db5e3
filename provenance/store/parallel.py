"""Stage work spread over worker processes, while one process writes the store.

DuckDB lets one process write a database file, and the linker and statement
index are costly to build and to pickle, so a stage builds them once, then
forks its workers: each inherits them as they are and only the batches of
posts and the rows computed from them cross between processes. Results come
back in the order of the batches, and no more than two batches per worker are
in flight, so memory stays flat however many batches there are.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

__all__ = ["map_batches"]

# The work of the pool being run: set before the fork, so workers inherit it.
_work: Callable[[Any], Any] | None = None


def _call(batch: Any) -> Any:
    assert _work is not None, "map_batches sets the work before forking"
    return _work(batch)


def map_batches(work: Callable[[Any], Any], batches: Iterable[Any], workers: int) -> Iterator[Any]:
    """Yield ``work(batch)`` for each batch, in order.

    With ``workers`` > 1 the batches are computed in that many forked
    processes (``work`` need not be picklable; the batches and results must
    be); the workers have exited when the iterator is exhausted.

    Raises:
        ValueError: if ``workers`` is below 1.
    """
    global _work
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if workers == 1:
        yield from map(work, batches)
        return
    _work = work
    pool = multiprocessing.get_context("fork").Pool(workers)
    try:
        pending: deque[Any] = deque()
        for batch in batches:
            pending.append(pool.apply_async(_call, (batch,)))
            if len(pending) >= 2 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
        _work = None
