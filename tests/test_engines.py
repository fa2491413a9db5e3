"""Every engine's saved pages against their expected posts, every field.

After a deliberate change to a page object, rewrite the expected files with
`UPDATE_EXPECTED=1 pytest tests/test_engines.py` and review the diff by hand
against the HTML: an expected file is only as right as its review.
"""

from __future__ import annotations

import json
import os

import pytest
from engine_cases import Case, load_cases, page_dict

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_page_matches_expected_posts(case: Case) -> None:
    actual = page_dict(case.parse())
    if os.environ.get("UPDATE_EXPECTED"):
        case.expected_file.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n")
    expected = json.loads(case.expected_file.read_text(encoding="utf-8"))
    assert actual["thread"] == expected["thread"]
    assert actual["page_urls"] == expected["page_urls"]
    assert [p["post_id"] for p in actual["posts"]] == [p["post_id"] for p in expected["posts"]]
    for got, want in zip(actual["posts"], expected["posts"], strict=True):
        assert got == want, f"post {want['post_id']} differs"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_no_signature_badge_or_counter_in_any_body(case: Case) -> None:
    page = case.parse()
    assert page.posts, "a thread page with no post"
    for post in page.posts:
        for furniture in case.boilerplate:
            assert furniture not in post.body, (post.post_id, furniture)
        if post.signature:
            assert post.signature not in post.body, post.post_id
        assert post.posted_at is None or post.posted_at.tzinfo is not None


def test_every_engine_with_cases_is_covered() -> None:
    engines = {case.engine for case in CASES}
    assert "smf" in engines
