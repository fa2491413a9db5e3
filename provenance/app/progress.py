"""Progress of the link and quote stages on standard error.

The stages work through the stored posts a batch at a time and call back
after each batch; this turns those calls into lines a user sees while a long
stage runs: one within the first batch, then at most one every
``interval`` seconds, and a last one when the stage ends. `provenance -q`
(logging at ERROR) shows none. The crawl has its own display
(:mod:`crawler.progress`), which runs in the crawl's subprocess.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import IO


class StageProgress:
    """Called by a stage after each batch with the posts done and what it wrote."""

    def __init__(
        self, stage: str, unit: str, stream: IO[str] | None = None, interval: float = 2.0
    ) -> None:
        self.stage = stage
        self.unit = unit
        self.stream = stream or sys.stderr
        self.interval = interval
        self.enabled = logging.getLogger().getEffectiveLevel() <= logging.WARNING
        self.started = time.monotonic()
        self._shown_at: float | None = None
        self._last = (0, 0)

    def start(self) -> None:
        """A first line at once: building a linker over many sources takes a while."""
        if self.enabled:
            print(f"progress {self.stage}: started", file=self.stream, flush=True)

    def __call__(self, posts: int, written: int) -> None:
        """Record the totals after a batch; show them when a line is due."""
        self._last = (posts, written)
        now = time.monotonic()
        if self._shown_at is None or now - self._shown_at >= self.interval:
            self._show(now)

    def done(self) -> None:
        """The stage's last line, unless the last batch was just shown."""
        if self._shown_at is not None and self._last != self._shown:
            self._show(time.monotonic())

    def _show(self, now: float) -> None:
        self._shown_at, self._shown = now, self._last
        if not self.enabled:
            return
        posts, written = self._last
        rate = posts / max(now - self.started, 1e-6)
        line = f"{posts:,} posts, {written:,} {self.unit} ({rate:,.0f} posts/s)"
        print(f"progress {self.stage}: {line}", file=self.stream, flush=True)
