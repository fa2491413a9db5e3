"""Real forum software, seeded with our own text (tests/fixtures/real/): every thread
page read as the spider reads a forum nobody configured (engine detection, else the
generic extractor) must give every post with its author and date, keep every quoted
reply apart from the body, return no junk post and no signature inside a body.

The held-out set (tests/fixtures/real_blind/) is read too, for the figures only:
nothing here is tuned on it and nothing asserts on it.
"""

from __future__ import annotations

import pytest
from real_corpus import forums, score_forum, table

REAL = forums("real")


@pytest.mark.parametrize("folder", REAL, ids=[f.name for f in REAL])
def test_every_post_author_date_and_quote_of_a_real_forum(folder) -> None:
    score = score_forum(folder)
    detail = "\n".join(score.misses[:20])
    assert score.posts > 0, folder
    assert score.right >= 0.98 * score.posts, detail
    assert score.found == score.posts, detail
    assert score.kept == score.quotes, detail
    assert score.junk == 0, detail
    assert score.signature_leaks == 0, detail


@pytest.mark.parametrize("folder", REAL, ids=[f.name for f in REAL])
def test_the_generic_extractor_alone_reads_a_real_forum(folder) -> None:
    """Forced on every forum, known engines' too: the fallback is a reader of its own."""
    score = score_forum(folder, generic=True)
    detail = "\n".join(score.misses[:20])
    assert score.right >= 0.95 * score.posts, detail
    assert score.junk == 0, detail
    assert score.signature_leaks == 0, detail


def test_blind_set_is_reported_not_asserted(capsys) -> None:
    blind = forums("real_blind")
    if not blind:
        pytest.skip("no held-out forums")
    with capsys.disabled():
        print("\nheld-out real forums (report only):\n" + table([score_forum(f) for f in blind]))
