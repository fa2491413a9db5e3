"""Tests for provenance.link: one example per verdict, hard negatives, citations."""

from pathlib import Path

import numpy as np
import pytest

from provenance import text as tx
from provenance.link import (
    Comparison,
    Linker,
    LinkOptions,
    LinkResult,
    PostText,
    SourceText,
    canonical_url,
)
from provenance.link.prepared import _STOP_WORDS, _increasing_run
from provenance.link.signatures import MinHashParams, sign

DATA = Path(__file__).parent / "data" / "link"
SEEDS = Path(__file__).parent / "fixtures" / "seeds"

LANTERNFISH = "https://www.northbridge-police.example/news/2024/operation-lanternfish-dismantles-counterfeit-pill-network"
COPPERLINE = "https://westmoor-sheriff.example/releases/operation-copperline"
CUSTOMS = "https://customs.harbor.example/press/lanternfish-parcels"


def _source(name: str, url: str) -> SourceText:
    title, _, body = (DATA / name).read_text(encoding="utf-8").partition("\n\n")
    return SourceText(url=url, title=title.strip(), text=body)


def _post(name: str, cited: tuple[str, ...] = ()) -> PostText:
    return PostText(
        key=name, text=(DATA / f"{name}.txt").read_text(encoding="utf-8"), cited_urls=cited
    )


SOURCES = [
    _source("release_lanternfish.txt", LANTERNFISH),
    # same topic, other case: the unrelated hard negative
    _source("release_copperline.txt", COPPERLINE),
    # same operation, other agency: shares names and facts, no quotes, no wording
    _source("release_harbor_customs.txt", CUSTOMS),
]


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(SOURCES)


def _only(results: list[LinkResult]) -> LinkResult:
    assert len(results) == 1, results
    return results[0]


def test_verbatim_repost_with_url_line(linker):
    result = _only(linker.link(_post("post_verbatim")))
    assert (result.source_url, result.method, result.verdict) == (
        LANTERNFISH,
        "shingles",
        "verbatim",
    )
    # the URL line is ignored: nothing of the post is missing from the source
    assert result.containment == 1.0
    assert result.coverage == 1.0
    assert result.score == result.containment


def test_url_line_would_break_containment_if_it_were_shingled(linker):
    post = _post("post_verbatim")
    url_words = PostText("u", post.text.replace("https://", "").replace("/", " ").replace("-", " "))
    assert linker.compare(url_words, LANTERNFISH).containment < 1.0
    assert linker.compare(post, LANTERNFISH).containment == 1.0


def test_cited_verbatim_repost_is_a_verified_citation(linker):
    cited = LANTERNFISH.replace("https://www.", "HTTPS://WWW.") + "/?utm_source=forum#top"
    result = _only(linker.link(_post("post_verbatim", (cited,))))
    assert (result.source_url, result.method, result.verdict) == (LANTERNFISH, "cited", "verbatim")


def test_excerpt_is_contained_but_covers_little(linker):
    result = _only(linker.link(_post("post_excerpt")))
    assert (result.source_url, result.method, result.verdict) == (
        LANTERNFISH,
        "shingles",
        "excerpt",
    )
    assert result.containment >= 0.85
    assert 0.2 < result.coverage < 0.4


def test_spun_copy_is_found_by_immutables(linker):
    post = _post("post_spun")
    result = _only(linker.link(post))
    assert (result.source_url, result.method, result.verdict) == (LANTERNFISH, "immutables", "spun")
    assert result.containment < 0.5  # wording broken by the synonyms
    assert result.score > 0.9  # names, numbers and quotes all kept
    assert linker.compare(post, LANTERNFISH).alignment > 0.9


def test_spun_excerpt_without_quotes_is_still_spun(linker):
    paragraphs = (DATA / "post_spun.txt").read_text(encoding="utf-8").split("\n\n")
    result = _only(linker.link(PostText("spun-part", "\n\n".join(paragraphs[1:3]))))
    assert (result.verdict, result.method) == ("spun", "immutables")
    assert result.containment < 0.2


def test_rewrite_shares_quotes_and_facts_but_not_structure(linker):
    post = _post("post_rewrite")
    result = _only(linker.link(post))
    assert (result.source_url, result.method, result.verdict) == (
        LANTERNFISH,
        "immutables",
        "rewrite",
    )
    comparison = linker.compare(post, LANTERNFISH)
    assert comparison.immutable_containment > 0.6
    assert comparison.alignment < 0.75


@pytest.mark.parametrize(
    ("name", "url"),
    [("release_copperline.txt", COPPERLINE), ("release_harbor_customs.txt", CUSTOMS)],
)
def test_other_release_on_the_same_topic_is_not_linked(linker, name, url):
    source = _source(name, url)
    post = PostText("other", f"{source.title}\n\n{source.text}")
    result = _only(linker.link(post))
    assert (result.source_url, result.verdict) == (url, "verbatim")
    comparison = linker.compare(post, LANTERNFISH)
    assert comparison.containment < 0.01
    assert comparison.immutable_containment < 0.1


def test_cites_only_when_text_does_not_match(linker):
    result = _only(linker.link(_post("post_cites_only", (LANTERNFISH + "/",))))
    assert (result.source_url, result.method, result.verdict) == (
        LANTERNFISH,
        "cited",
        "cites-only",
    )
    assert result.containment == 0.0


def test_citing_one_release_while_copying_another(linker):
    copperline = SOURCES[1]
    post = PostText("mixed", f"{copperline.title}\n\n{copperline.text}", (LANTERNFISH,))
    results = {r.source_url: r for r in linker.link(post)}
    assert set(results) == {LANTERNFISH, COPPERLINE}
    assert (results[LANTERNFISH].method, results[LANTERNFISH].verdict) == ("cited", "cites-only")
    assert (results[COPPERLINE].method, results[COPPERLINE].verdict) == ("shingles", "verbatim")


def test_post_matching_and_citing_nothing_gives_no_link(linker):
    post = PostText(
        "chat", "Anyone watching the match tonight? Kick-off is at 8, pub on Mill Road."
    )
    assert linker.link(post) == []
    assert linker.link(PostText("empty", "https://example.org/only-a-link")) == []


def test_cited_url_that_is_not_a_source_is_skipped(linker):
    post = _post("post_cites_only", ("https://elsewhere.example/story",))
    assert linker.link(post) == []


def test_passage_signatures_are_the_indexed_ones(linker):
    rows = list(linker.passage_signatures())
    kinds = [kind for _, _, kind, _ in rows]
    assert kinds.count("words") == len(linker.word_index)
    assert kinds.count("immutables") == len(linker.immutable_index)
    assert {url for url, _, _, _ in rows} == {LANTERNFISH, COPPERLINE, CUSTOMS}
    for url, number, kind, values in rows:
        index = linker.word_index if kind == "words" else linker.immutable_index
        assert np.array_equal(index.signature(f"{url}#{number}"), values)
        assert values.shape == (128,)
    assert len(linker) == 3


def test_seed_repost_links_to_its_cited_ice_release():
    lines = (SEEDS / "004_c88e67c78bd9550d.txt").read_text(encoding="utf-8").splitlines()
    title_at = next(i for i, line in enumerate(lines) if line.startswith("Largest international"))
    url_at = next(i for i, line in enumerate(lines) if line.startswith("https://"))
    release = SourceText(
        url=lines[url_at],
        title=lines[title_at],
        text="\n\n".join(line for line in lines[title_at + 1 : url_at] if line.strip()),
    )
    # the post as the crawler hands it over: dateline, title, body, URL line
    post = PostText("ice", "\n".join(lines[title_at - 1 : url_at + 1]), (lines[url_at] + "/",))
    spun_doj = PostText(
        "doj-spun", (SEEDS / "000_6ddb538e41aa732f.txt").read_text(encoding="utf-8")
    )
    linker = Linker([release])
    result = _only(linker.link(post))
    assert (result.method, result.verdict) == ("cited", "verbatim")
    assert result.containment > 0.95
    # the spun DOJ release is about the same operation but is another release
    assert linker.link(spun_doj) == []
    assert linker.compare(spun_doj, release.url).immutable_containment < 0.1


def test_duplicate_source_urls_are_refused():
    source = SOURCES[0]
    twin = SourceText(source.url + "/#top", source.title, source.text)
    with pytest.raises(ValueError, match="duplicate source URL"):
        Linker([source, twin])


def test_canonical_url():
    assert canonical_url("HTTPS://Example.ORG:443/a/b/?utm_source=x&b=2&UTM_medium=y#frag") == (
        "https://example.org/a/b?b=2"
    )
    assert canonical_url("http://example.org/") == "http://example.org"
    assert canonical_url("http://example.org:8080/x") == "http://example.org:8080/x"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lsh_threshold": 1.2}, r"lsh_threshold must be in \[0.0, 1.0\], got 1.2"),
        ({"shingle_k": 0}, "shingle_k must be >= 1, got 0"),
        ({"step": 60}, "step must be <= window=50, got 60"),
        ({"rewrite_immutable_containment": 0.6}, "rewrite_immutable_containment must be <="),
    ],
)
def test_link_options_refuse_bad_values(kwargs, message):
    with pytest.raises(ValueError, match=message):
        LinkOptions(**kwargs)


def test_signatures_follow_the_options_params():
    options = LinkOptions(params=MinHashParams(num_perm=64, seed=9))
    linker = Linker(SOURCES[:1], options)
    url, number, kind, values = next(linker.passage_signatures())
    assert values.shape == (64,)
    assert values.dtype == sign([], options.params).dtype
    assert (url, number, kind) == (LANTERNFISH, 0, "words")


def test_a_post_that_only_quotes_an_official_is_not_a_copy_of_the_release(linker) -> None:
    """Quoting one statement with its attribution is a quote occurrence (the
    quotes stage traces it), not an excerpt or rewrite of the whole release."""
    release = SOURCES[0].text
    start = release.index("\u201cCounterfeit") + 1
    quote = release[start : release.index("\u201d", start)]
    assert len(quote.split()) >= 15
    posts = [
        f'Commissioner Ada Whitlock said it best: "{quote}"',
        f'"{quote}" That is what the Commissioner told reporters. Good.',
    ]
    for n, text in enumerate(posts):
        assert linker.link(PostText(f"q{n}", text)) == [], text


def _reference(text: str, options: LinkOptions) -> dict:
    """The figures of a text as the linker first computed them, from the
    text functions and sets of shingle strings (kept as the specification
    that the hashed arrays of link.py must reproduce)."""
    text = tx.strip_urls(text)
    marked = tx.immutables_with_positions(text)
    tokens = [token for token, _ in marked]
    k = options.immutable_k
    starts = range(len(marked) - k + 1) if len(marked) >= k else range(min(len(marked), 1))
    first: dict[str, int] = {}
    for i in starts:
        first.setdefault(" ".join(tokens[i : i + k]), marked[i][1])
    own = tx.without_quoted_speech(text)
    return {
        "shingles": set(tx.word_shingles(tx.words(text), options.shingle_k)),
        "outside": {
            s for p in tx.paragraphs(own) for s in tx.word_shingles(tx.words(p), options.shingle_k)
        },
        "facts": set(tx.immutables(own)),
        "first": first,
        "words": _content_words(tx.words(text)),
        "own_words": _content_words(tx.words(own)),
    }


def _content_words(words: list[str]) -> set[str]:
    stop = _STOP_WORDS  # the linker's list: data, not the rule under test
    return {w for w in words if len(w) >= 4 and w not in stop and not w[0].isdigit()}


def _reference_comparison(post: dict, source: dict) -> Comparison:
    shared = len(post["shingles"] & source["shingles"])
    common = [s for s in post["first"] if s in source["first"]]
    pairs = sorted((post["first"][s], source["first"][s]) for s in common)
    run = [pairs[i] for i in _increasing_run([s for _, s in pairs])] if len(pairs) > 1 else []
    gaps = [(p2 - p1, s2 - s1) for (p1, s1), (p2, s2) in zip(run, run[1:], strict=False)]
    gaps = [g for g in gaps if max(g) > 1]
    larger = sum(max(g) for g in gaps)
    alignment = len(run) / len(pairs) * sum(min(g) for g in gaps) / larger if larger else 0.0

    def ratio(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    return Comparison(
        containment=ratio(shared, len(post["shingles"])),
        coverage=ratio(shared, len(source["shingles"])),
        shared=shared,
        immutable_containment=ratio(len(common), len(post["first"])),
        immutable_coverage=ratio(len(common), len(source["first"])),
        shared_immutables=len(common),
        alignment=alignment,
        shared_outside=len(post["outside"] & source["shingles"]),
        shared_facts=len(post["facts"] & source["facts"]),
        fact_containment=ratio(len(post["facts"] & source["facts"]), len(post["facts"])),
        shared_words=len(post["own_words"] & source["words"]),
    )


def test_hashed_figures_equal_the_string_set_figures(linker):
    """Every figure a verdict rests on, computed on 64-bit hashes, equals the
    same figure on sets of shingle strings, for every post and source here
    and for the seed texts (a copy of each source's text with its title)."""
    options = linker.options
    posts = [(DATA / f"{name}.txt").read_text(encoding="utf-8") for name in _POSTS]
    posts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    posts += [f"{s.title}\n\n{s.text}" for s in SOURCES]
    for source in SOURCES:
        expected_source = _reference(f"{source.title}\n\n{source.text}", options)
        for text in posts:
            got = linker.compare(PostText("p", text), source.url)
            assert got == _reference_comparison(_reference(text, options), expected_source)


_POSTS = ("post_verbatim", "post_excerpt", "post_spun", "post_rewrite", "post_cites_only")


def test_link_many_equals_link_post_by_post(linker):
    posts = [_post(name) for name in _POSTS] + [_post("post_verbatim", (LANTERNFISH,))]
    assert list(linker.link_many(posts)) == [linker.link(p) for p in posts]
    assert list(linker.link_many([])) == []


def test_the_datasketch_sketch_gives_the_same_links(linker):
    """Signatures equal to datasketch's own (SHA-1 per shingle string) find
    the same links here as the default fast sketch."""
    exact = Linker(SOURCES, LinkOptions(params=MinHashParams(sketch="datasketch")))
    for name in _POSTS:
        assert exact.link(_post(name)) == linker.link(_post(name))
    assert next(exact.passage_signatures())[3].dtype == np.uint32


def test_a_rewrite_that_quotes_nothing_links_by_its_facts_and_a_sibling_story_does_not() -> None:
    import json
    from pathlib import Path

    data = Path(__file__).parent / "data" / "link_tune"
    releases = [json.loads(x) for x in (data / "releases.jsonl").read_text().splitlines()]
    docs = {d["id"]: d for d in map(json.loads, (data / "docs.jsonl").read_text().splitlines())}
    linker = Linker(SourceText(r["url"], r["title"], r["text"]) for r in releases)
    for doc_id in ("r000-noquote", "r001-noquote", "r020-noquote"):
        doc = docs[doc_id]
        links = linker.link(PostText(doc_id, doc["text"]))
        assert [(x.source_url, x.verdict) for x in links] == [(doc["expected_source"], "rewrite")]
    # same agency, same officials, same phone line, another event: no link
    for doc_id in ("neg-nps-traffic", "neg-nps-burglary", "neg-hca-tobacco"):
        assert linker.link(PostText(doc_id, docs[doc_id]["text"])) == []


_FERRY = SourceText(
    "https://ferries.example/news/night-sailings",
    "Night sailings return to the Corran crossing",
    "The Lowmoor Ferry Company will bring back night sailings on the Corran crossing from "
    "next month.\n\n"
    "“People who work late shifts have been stuck on the wrong side of the water for two "
    "years. That ends in March,” said Managing Director Ines Carrow.\n\n"
    "Operations Manager Theo Bask said: “The second boat is back from the yard with new "
    "engines. We tested it for six weeks in rough water and it did not miss a single run.”",
)
_FERRY_OTHER = SourceText(
    "https://ferries.example/news/fares",
    "Ferry fares frozen for pensioners",
    "The Lowmoor Ferry Company will keep pensioner fares at last year's price.\n\n"
    "“A pensioner should not have to choose between the ferry and the heating,” said "
    "Managing Director Ines Carrow.",
)


def test_a_rewrite_that_quotes_two_statements_links_by_them() -> None:
    linker = Linker([_FERRY, _FERRY_OTHER])
    rewrite = (
        "Late workers get their boat back\n\n"
        "Good news on the water: the Lowmoor Ferry Company is bringing back the night "
        "sailings on the Corran crossing next month, Ines Carrow, its managing director, "
        "said, and the second boat has come back from the yard with new engines after six "
        "weeks of tests.\n\n"
        "“People who work late shifts have been stuck on the wrong side of the water for two "
        "years,” the boss said. “That ends in March.”\n\n"
        "And on the boat itself: “We tested it for six weeks in rough water and it did not "
        "miss a single run.”"
    )
    links = linker.link(PostText("r", rewrite))
    assert [(x.source_url, x.verdict, x.method) for x in links] == [
        (_FERRY.url, "rewrite", "statements")
    ]
    assert links[0].statements == (0, 1)
    # given statements (the quote stage's) are numbered in the given order
    given = SourceText(
        _FERRY.url,
        _FERRY.title,
        _FERRY.text,
        (
            "The second boat is back from the yard with new engines. We tested it for six "
            "weeks in rough water and it did not miss a single run.",
            "People who work late shifts have been stuck on the wrong side of the water for "
            "two years. That ends in March,",
        ),
    )
    (link,) = Linker([given, _FERRY_OTHER]).link(PostText("r", rewrite))
    assert link.statements == (0, 1)


def test_one_statement_or_a_stock_line_is_no_link() -> None:
    linker = Linker([_FERRY, _FERRY_OTHER])
    # the same official about another event, quoting one of the release's lines
    other = (
        "Ferry company fined over late refunds\n\n"
        "The Harbour Passenger Board has fined the Lowmoor Ferry Company 40,000 for paying "
        "refunds to Kessock and Dunvale travellers late. Ines Carrow, its managing director, "
        "apologised. “That ends in March,” she said of "
        "the backlog, and repeated: “People who work late shifts have been stuck on the wrong "
        "side of the water for two years.”"
    )
    assert linker.link(PostText("o", other)) == []
    # a line both releases carry says nothing of which one a post copies
    stock = SourceText(
        "https://ferries.example/news/timetable",
        "Winter timetable",
        "“People who work late shifts have been stuck on the wrong side of the water for "
        "two years,” Carrow said. “Tickets can be bought on board with a card.”",
    )
    shared = (
        "Late boats\n\nThe Lowmoor Ferry Company is bringing back night sailings on the "
        "Corran crossing next month, its managing director Ines Carrow said, with the second "
        "boat back from the yard with new engines.\n\n“People who work late shifts have "
        "been stuck on the wrong side of the water for two years,” she said. “We tested it "
        "for six weeks in rough water.”"
    )
    assert [x.source_url for x in Linker([_FERRY]).link(PostText("s", shared))] == [_FERRY.url]
    assert Linker([_FERRY, stock]).link(PostText("s", shared)) == []


def test_a_short_release_told_in_new_words_links_and_an_other_event_story_does_not() -> None:
    import json

    data = Path(__file__).parent / "data" / "link_tune"
    releases = [json.loads(x) for x in (data / "releases.jsonl").read_text().splitlines()]
    docs = {d["id"]: d for d in map(json.loads, (data / "docs.jsonl").read_text().splitlines())}
    linker = Linker(SourceText(r["url"], r["title"], r["text"]) for r in releases)
    for doc_id in ("h-jus-fraud-noquote", "h-biz-q3-noquote", "h-env-tannery-noquote"):
        doc = docs[doc_id]
        links = linker.link(PostText(doc_id, doc["text"]))
        assert [(x.source_url, x.verdict) for x in links] == [(doc["expected_source"], "rewrite")]
    for doc_id in ("h-neg-wx-heat", "h-neg-fire-burnban", "x-tune-16", "x-tune-19"):
        assert linker.link(PostText(doc_id, docs[doc_id]["text"])) == []
