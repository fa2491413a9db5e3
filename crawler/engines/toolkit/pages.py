"""The pages of a paginated thread or board list.

Forums elide the middle of their page index ("1 2 3 ... 9"): a page shows
links to a few pages only, so the numbers (or offsets) between are filled in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from math import gcd


def fill_steps(values: Iterable[int], first: int = 0) -> list[int]:
    """Every offset (or page number) from `first` to the largest of `values`,
    at the common step of the ones given: a page index that shows
    "1 2 3 ... 9" stands for all nine pages."""
    seen = sorted({first, *values})
    step = 0
    for value in seen:
        step = gcd(step, value - first)
    if not step:
        return seen
    return list(range(first, seen[-1] + 1, step))


def page_numbers(current: int, seen: Iterable[int], total: int | None = None) -> list[int]:
    """Every page number of a paginated thread: 1 to the last page shown or announced."""
    last = max([current, total or 0, *seen])
    return list(range(1, max(last, 1) + 1))


def numbered(first: str, numbers: Iterable[int], suffix: Callable[[int], str]) -> tuple[str, ...]:
    """The URL of each page number: `first` for page 1, `first + suffix(n)` after."""
    return tuple(first if n == 1 else first + suffix(n) for n in numbers)


def other_pages(
    first: str, current: int, seen: Iterable[int], suffix: Callable[[int], str], total: int | None
) -> tuple[str, ...]:
    """The URLs of every page of a list but the current one (see `page_numbers`)."""
    numbers = [n for n in page_numbers(current, seen, total) if n != current]
    return numbered(first, numbers, suffix)
