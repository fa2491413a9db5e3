"""Saved forum pages with their expected posts, for every engine.

Each folder under tests/fixtures/ that holds a `cases.json` is one engine's
set: the engine name, the forum's timezone, the fetch time (for relative
dates), text that must never reach a body, and the thread pages with the URL
they were fetched from. `<page>.expected.json` next to each page holds the
expected thread, page URLs and posts, every field.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from parsel import Selector

from crawler.engines import PageContext, ThreadPage, get_engine

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass(frozen=True)
class Case:
    folder: Path
    engine: str
    page: str
    url: str
    ctx: PageContext
    boilerplate: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.folder.name}/{self.page}"

    @property
    def expected_file(self) -> Path:
        return self.folder / (Path(self.page).stem + ".expected.json")

    def parse(self, engine_name: str | None = None) -> ThreadPage:
        text = (self.folder / self.page).read_text(encoding="utf-8")
        engine = get_engine(engine_name or self.engine)
        return engine.parse_thread(self.url, Selector(text=text), self.ctx)


def load_cases() -> list[Case]:
    cases = []
    for spec_file in sorted(FIXTURES.glob("*/cases.json")):
        spec = json.loads(spec_file.read_text(encoding="utf-8"))
        ctx = PageContext(
            forum=spec["forum"],
            fetched_at=datetime.fromisoformat(spec["fetched_at"]),
            timezone=ZoneInfo(spec.get("timezone", "UTC")),
        )
        for page, url in spec["threads"].items():
            cases.append(
                Case(
                    spec_file.parent,
                    spec["engine"],
                    page,
                    url,
                    ctx,
                    tuple(spec.get("boilerplate", ())),
                )
            )
    return cases


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def page_dict(page: ThreadPage) -> dict[str, Any]:
    """A thread page as the JSON stored in `.expected.json` (fetch times left out)."""
    posts = []
    for post in page.posts:
        data = dataclasses.asdict(post)
        data.pop("fetched_at")
        posts.append(_jsonable(data))
    thread = dataclasses.asdict(page.thread)
    thread.pop("fetched_at")
    return {"thread": _jsonable(thread), "page_urls": list(page.page_urls), "posts": posts}
