"""Stored values as JSON: one spelling of a time for every JSON the project prints.

DuckDB hands back times as `datetime` objects; `json.dumps(..., default=str)`
would write them as '2026-01-08 16:04:17+00:00' here and a VARCHAR cast as
'2026-01-08 16:04:17+00' there. Every JSON output (`sql --json`, `report
--format json`, alerts) goes through :func:`json_default` instead, so a
reader parses one format: ISO 8601 with a 'T' and a full '+00:00' offset.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any


def json_default(value: Any) -> Any:
    """`value` as JSON can hold it: times and dates in ISO 8601 (aware times with
    their offset as '+00:00'), decimals as numbers, bytes as hex, anything else
    as its text."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    return str(value)


def dumps(value: Any, indent: int | None = None) -> str:
    """`value` as JSON text (UTF-8 kept as is) with :func:`json_default` for the rest."""
    return json.dumps(value, indent=indent, ensure_ascii=False, default=json_default)
