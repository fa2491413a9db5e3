"""The geometry of the report charts: where every lane, tick, mark and bar goes.

The charts are inline SVG drawn by the templates (`templates/_charts.html`); this module
only computes positions and texts from report rows, so the layout can be tested without
parsing markup and the templates hold no arithmetic. Two charts: a statement's timeline
(one lane per label over a time axis) and reposts per day (stacked bars on a counted
y axis).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from provenance.report.data import (
    COLOURS,
    first_repost,
    format_time,
    has_time,
    label_counts,
    parse_time,
    target_url,
    where,
)

__all__ = ["Bars", "Timeline", "bars", "nice_ticks", "timeline", "time_ticks"]

_STEPS = [timedelta(hours=h) for h in (1, 2, 3, 6, 12)] + [timedelta(days=d) for d in (1, 2, 7, 14)]
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
_MAX_TICKS = 8
_UNDATED_WIDTH = 78.0


@dataclass(frozen=True)
class Lane:
    y: float
    label: str
    count: int
    shaded: bool


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    cls: str
    tip: str
    href: str | None
    first: bool


@dataclass(frozen=True)
class Timeline:
    """A statement's timeline: lanes over a time axis from `left` to `right`."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    lane_height: float
    lanes: tuple[Lane, ...]
    ticks: tuple[tuple[float, str], ...]
    marks: tuple[Mark, ...]
    release: tuple[float, str] | None
    undated_x: float | None


def time_ticks(t0: datetime, t1: datetime) -> list[tuple[datetime, str]]:
    """Round times between t0 and t1 (at most about `_MAX_TICKS`) with their labels."""
    span = t1 - t0
    step = next((s for s in _STEPS if span / s <= _MAX_TICKS), None)
    if step is not None:
        epoch = datetime(1970, 1, 1, tzinfo=UTC)
        tick = epoch + -((epoch - t0) // step) * step  # first multiple of step >= t0
        out = []
        while tick <= t1:
            hour = "" if step >= timedelta(days=1) else f" {tick:%H:%M}"
            out.append((tick, f"{tick:%b} {tick.day}{hour}"))
            tick += step
        return out
    months = (t1.year - t0.year) * 12 + t1.month - t0.month + 1
    every = next((m for m in _MONTH_STEPS if months / m <= _MAX_TICKS), _MONTH_STEPS[-1])
    index = t0.year * 12 + t0.month - 1
    index += -index % every  # first month boundary on the step
    out = []
    while True:
        tick = datetime(index // 12, index % 12 + 1, 1, tzinfo=UTC)
        if tick > t1:
            return out
        if tick >= t0:
            out.append((tick, f"{tick:%b %Y}"))
        index += every


def timeline(row: Mapping[str, Any]) -> Timeline:
    """The timeline of a statement's occurrences: x is time from the official publication
    to the last occurrence, one lane per label, one mark per occurrence. Undated
    occurrences get a column of their own at the right."""
    occurrences: list[dict[str, Any]] = row.get("occurrences") or []
    published = parse_time(row.get("published"))
    dated = [(parse_time(o.get("seen_at")), o) for o in occurrences]
    times = [t for t, _ in dated if t is not None]
    left, right_edge, top, lane_h, width = 168.0, 884.0, 40.0, 38.0, 900.0
    labels = list(label_counts(occurrences))
    bottom = top + lane_h * len(labels)
    undated = len(times) < len(occurrences)
    right = right_edge - (_UNDATED_WIDTH if undated else 0)
    t0 = min([published, *times] if published else times, default=None)
    t1 = max(times, default=t0)
    if t0 is not None and t1 is not None and t1 - t0 < timedelta(hours=1):
        t1 = t0 + timedelta(hours=1)
    inner = right - left - 16  # the last mark stays clear of the edge

    def x_of(moment: datetime) -> float:
        assert t0 is not None and t1 is not None
        return left + 8 + inner * ((moment - t0) / (t1 - t0))

    lanes = tuple(
        Lane(
            top + lane_h * i,
            label,
            sum(1 for o in occurrences if (o.get("label") or "unmatched") == label),
            i % 2 == 0,
        )
        for i, label in enumerate(labels)
    )
    ticks = tuple((x_of(t), text) for t, text in time_ticks(t0, t1)) if t0 and t1 else ()
    release = None
    if published is not None and t0 is not None:
        when = f"{published:%b} {published.day}"
        if has_time(row.get("published")):
            when += f" {published:%H:%M} UTC"
        release = (x_of(published), f"official release {when}")
    undated_x = right + _UNDATED_WIDTH / 2
    first = first_repost(occurrences)
    placed: dict[str, list[float]] = {}
    marks = []
    for moment, occ in dated:
        label = occ.get("label") or "unmatched"
        x = x_of(moment) if moment is not None else undated_x
        near = sum(1 for px in placed.setdefault(label, []) if abs(px - x) < 10)
        placed[label].append(x)
        offset = min(14, 8 * ((near + 1) // 2)) * (-1 if near % 2 else 1)
        y = top + lane_h * labels.index(label) + lane_h / 2 + offset
        tip = f"{label} · {format_time(occ.get('seen_at'))} · {where(occ)}"
        if occ.get("speaker"):
            tip += f" · attributed to {occ['speaker']}"
        cls = label if label in COLOURS else "other"
        marks.append(Mark(x, y, cls, tip, target_url(occ), occ is first))
    return Timeline(
        width, bottom + 30, left, right_edge, top, bottom, lane_h, lanes, ticks, tuple(marks),
        release, undated_x if undated else None,
    )  # fmt: skip


def nice_ticks(top: int, most: int = 5) -> list[int]:
    """Counts for a y axis from 0 past `top`: steps of 1, 2 or 5 times a power of ten,
    at most `most` + 1 of them."""
    top = max(1, top)
    scale = 1
    while True:
        for base in (1, 2, 5):
            step = base * scale
            if -(-top // step) <= most:
                return list(range(0, -(-top // step) * step + 1, step))
        scale *= 10


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    cls: str
    tip: str


@dataclass(frozen=True)
class Bars:
    """Stacked bars of reposts per day, with a counted y axis."""

    width: float
    height: float
    left: float
    base: float
    bars: tuple[Bar, ...]
    y_ticks: tuple[tuple[float, int], ...]
    x_ticks: tuple[tuple[float, str], ...]
    keys: tuple[str, ...]


def bars(days: Mapping[date | str, Mapping[str, int]], order: tuple[str, ...]) -> Bars | None:
    """Stacked bars per day, coloured by verdict in `order` (others last); None without
    days. Day labels are thinned to at most about 12 so they never overlap."""
    if not days:
        return None
    ordered = sorted(days.items(), key=lambda kv: str(kv[0]))
    ticks = nice_ticks(max(sum(v.values()) for _, v in ordered))
    width, height, left, top, base = 900.0, 280.0, 48.0, 16.0, 240.0
    step = (width - left - 8) / len(ordered)
    bar_w = max(2.0, step * 0.7)
    scale = (base - top) / ticks[-1]
    out, x_ticks = [], []
    every = max(1, -(-len(ordered) // 12))
    for i, (day, verdicts) in enumerate(ordered):
        x = left + 4 + i * step
        y = base
        for verdict in sorted(verdicts, key=lambda v: order.index(v) if v in order else 99):
            n = verdicts[verdict]
            y -= n * scale
            cls = verdict if verdict in COLOURS else "other"
            out.append(Bar(x, y, bar_w, n * scale, cls, f"{day}: {n} {verdict}"))
        if i % every == 0:
            x_ticks.append((x + bar_w / 2, str(day)[5:] if len(str(day)) >= 10 else str(day)))
    keys = tuple(v for v in order if any(v in d for _, d in ordered))
    return Bars(
        width, height, left, base, tuple(out),
        tuple((base - n * scale, n) for n in ticks), tuple(x_ticks), keys,
    )  # fmt: skip
