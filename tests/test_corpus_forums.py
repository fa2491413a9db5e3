"""Smoke tests of the corpus forums the suite can run (tests/corpus_forums.py): each one
starts on 127.0.0.1 and its long thread's pages hold the seeded posts."""

from __future__ import annotations

import html
import re
import urllib.request

from corpus_forums import CorpusForum
from forums import corpus_story as story


def _text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        raw = response.read().decode("utf-8")
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", raw)))


def _assert_thread_pages(forum: CorpusForum) -> None:
    spec = story.thread("main")
    per_page = story.POSTS_PER_PAGE
    for page in (1, 2, 3):
        text = _text(forum.thread_url("main", page))
        assert spec.title in text
        for post in spec.posts[(page - 1) * per_page : page * per_page]:
            snippet = " ".join(post.final_text().split()[:8])
            assert snippet in text, (forum.name, page, snippet)


def test_spirit_serves_the_seeded_thread(spirit_corpus_forum: CorpusForum) -> None:
    _assert_thread_pages(spirit_corpus_forum)
    index = _text(spirit_corpus_forum.root + "/")
    assert "Harbourside" in index


def test_machina_corpus_serves_the_seeded_thread(machina_corpus_forum: CorpusForum) -> None:
    _assert_thread_pages(machina_corpus_forum)
    index = _text(machina_corpus_forum.root + "/forum/")
    assert "Port News" in index
