"""Tests for provenance.text: normalisation, tokens, passages, shingles, immutables."""

import random
import re
from pathlib import Path

import pytest

from provenance import text as tx
from provenance.text import cuts as text_cut

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SPUN_DOJ = (SEEDS / "000_6ddb538e41aa732f.txt").read_text(encoding="utf-8")
ICE_THREAD = (SEEDS / "004_c88e67c78bd9550d.txt").read_text(encoding="utf-8")


def _jaccard(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb)


def _respin(text: str) -> str:
    """Swap a few synonyms outside quoted speech, as a second spinner pass would."""
    swaps = {
        "was once": "was",
        "regulation": "law",
        "darkish internet": "dark web",
        "world": "global",
        "medication": "drugs",
        "carried out": "conducted",
        "additionally": "also",
        "together with": "including",
        "ensuing": "resulting",
        "consciousness": "awareness",
        "mentioned": "said",
        "sources": "resources",
    }
    pieces = re.split(r"(\u201c[^\u201d]*\u201d)", text)
    for i in range(0, len(pieces), 2):  # even pieces are outside the quotes
        for old, new in swaps.items():
            pieces[i] = pieces[i].replace(old, new)
    return "".join(pieces)


def test_normalise_folds_quotes_dashes_case_and_whitespace():
    assert tx.normalise("  Europol\u2019s \u201cEC3\u201d\u2014the\u00a0 Centre\n\n ok ") == (
        'europol\'s "ec3"-the centre ok'
    )
    assert tx.normalise("\ufb01nal \u2212 2\u20133 \uff21") == "final - 2-3 a"


def test_words_rules_for_numbers_hyphens_apostrophes():
    assert tx.words("$53.4 million, 6,000 buyers; fentanyl-laced U.S. Europol\u2019s (EC3).") == [
        "53.4",
        "million",
        "6000",
        "buyers",
        "fentanyl",
        "laced",
        "u",
        "s",
        "europol's",
        "ec3",
    ]


def test_words_of_normalised_text_are_the_same_words():
    assert tx.words(tx.normalise(SPUN_DOJ)) == tx.words(SPUN_DOJ)


def test_strip_urls_removes_url_line_only():
    text = "Read it here\nhttps://www.ice.gov/news/releases/x-y?z=1\nwww.example.org/a and more"
    assert tx.words(tx.strip_urls(text)) == ["read", "it", "here", "and", "more"]


def test_paragraphs_split_on_any_line_break_and_keep_case():
    assert tx.paragraphs("\n  First One.\n\n\nSecond  \nThird\n") == [
        "First One.",
        "Second",
        "Third",
    ]


def test_windows_cut_long_sequences_with_end_aligned_last_window():
    tokens = [str(i) for i in range(120)]
    cut = tx.windows(tokens, window=50, step=25)
    assert [w[0] for w in cut] == ["0", "25", "50", "70"]
    assert all(len(w) == 50 for w in cut)
    assert cut[-1][-1] == "119"
    assert tx.windows(tokens[:75], 50, 25) == [tokens[:75]]  # up to 1.5 x window stays whole
    assert tx.windows([], 50, 25) == []


@pytest.mark.parametrize(("window", "step"), [(0, 1), (10, 0), (10, 11)])
def test_windows_refuse_bad_sizes(window, step):
    with pytest.raises(ValueError, match=str(window) if window < 1 else str(step)):
        tx.windows(["a"], window, step)


def test_passages_merge_short_paragraphs_and_window_long_ones():
    long_paragraph = " ".join(f"w{i}" for i in range(100))
    text = f"MAY 2, 2023\nWASHINGTON\n{long_paragraph}\nShort tail here."
    found = tx.passages(text, window=50, step=25)
    # the dateline lines (5 words) are merged into the long paragraph,
    # the 3-word tail into it as well: 108 words -> windows at 0, 25, 50, 58
    assert len(found) == 4
    assert found[0].split()[:5] == ["may", "2", "2023", "washington", "w0"]
    assert found[-1].split()[-3:] == ["short", "tail", "here"]
    assert all(len(p.split()) == 50 for p in found)


def test_passages_of_an_excerpt_line_up_with_the_source():
    paragraphs = tx.paragraphs(SPUN_DOJ)
    excerpt = "\n\n".join(paragraphs[2:5])
    source_passages = set(tx.passages(SPUN_DOJ))
    excerpt_passages = tx.passages(excerpt)
    assert excerpt_passages
    assert all(p in source_passages for p in excerpt_passages)


def test_word_shingles_short_and_distinct():
    assert tx.word_shingles(["a", "b", "c", "a", "b", "c"], k=3) == ["a b c", "b c a", "c a b"]
    assert tx.word_shingles(["a", "b"], k=5) == ["a b"]
    assert tx.word_shingles([], k=5) == []
    with pytest.raises(ValueError, match="k must be >= 1"):
        tx.word_shingles(["a"], k=0)


def test_immutables_keep_names_numbers_and_quotes_drop_sentence_starts():
    text = (
        "Today, the Department of Justice announced 288 arrests. Officials seized $53.4 million.\n"
        "Attorney General Merrick B. Garland said, "
        "\u201cOur message is this: you will be found.\u201d "
        "The U.S. Postal Inspection Service helped."
    )
    assert tx.immutables(text) == [
        "department",
        "justice",
        "288",
        "53.4",
        "general",
        "merrick",
        "b",
        "garland",
        "our",
        "message",
        "is",
        "this",
        "you",
        "will",
        "be",
        "found",
        "u",
        "s",
        "postal",
        "inspection",
        "service",
    ]


def test_sentence_initial_name_is_kept_when_seen_mid_sentence():
    text = "They sentenced Anton Peck in May. Peck sold drugs. Moreover, nobody cared."
    assert tx.immutables(text) == ["anton", "peck", "may", "peck"]


def test_unclosed_quote_runs_to_end_of_paragraph_only():
    text = "He said, \u201cfirst part of it\nand then Smith left."
    assert tx.immutables(text) == ["first", "part", "of", "it", "smith"]


def test_immutable_positions_index_into_words():
    words = tx.words(SPUN_DOJ)
    marked = tx.immutables_with_positions(SPUN_DOJ)
    assert len(marked) > 100
    assert all(words[i] == token for token, i in marked)


def test_spun_seed_scores_low_against_related_release_and_high_against_respin():
    ice_release = tx.strip_urls(ICE_THREAD)
    respun = _respin(SPUN_DOJ)
    assert respun != SPUN_DOJ
    related = _jaccard(tx.immutable_shingles(SPUN_DOJ), tx.immutable_shingles(ice_release))
    again = _jaccard(tx.immutable_shingles(SPUN_DOJ), tx.immutable_shingles(respun))
    words_again = _jaccard(tx.word_shingles(tx.words(SPUN_DOJ)), tx.word_shingles(tx.words(respun)))
    assert related < 0.05  # same operation, different release: facts shared, quotes not
    assert again > 0.9  # a re-spin does not touch names, numbers or quotes
    assert words_again < again  # ...while it does break word shingles


def _fuzz_texts() -> list[str]:
    """Texts that stress the token, quote and sentence rules: real releases
    cut up with stray quotes and line breaks, and random runs of tricky
    pieces (abbreviations, numbers, apostrophes, Unicode that NFKC, case
    folding or the tokeniser treat specially)."""
    rng = random.Random(5)
    pieces = [
        *("Smith", "smith", "U.S.", "Gen.", "B.", "Europol's", "6,000", "53.4", "$5", "1,2,3"),
        *('"', "\u201c", "\u201d", "'", "(", ".", "!", "?", ",", "-", "\u2014", " ", "  ", "\n"),
        *("\n\n", " \n ", "\t", "\x0c", "\u00a0", "\u2028", "\u0130stanbul", "caf\u00e9", "_"),
        *("x_y", "Dr.", "It", "The", "\u01c5ab", "\u00bd", "\u2460", "\u0663", "\u4e2d", "O'Neil"),
        *("'s", "1.", ".5", "\u3000", "\u03a3\u03b1\u03c2", "\ufb01nal", "\u212a", "\r\n"),
    ]
    texts = [
        "".join(rng.choice(pieces) + rng.choice(["", " ", "\n", '"', ". "]) for _ in range(n))
        for n in [rng.randint(0, 40) for _ in range(400)]
    ]
    for source in (SPUN_DOJ, ICE_THREAD):
        for _ in range(30):
            chars = list(source[: rng.randint(50, 3000)])
            for _ in range(rng.randint(0, 12)):
                chars.insert(rng.randrange(len(chars) + 1), rng.choice(['"', "\n", ". ", "\u201c"]))
            texts.append("".join(chars))
    return texts


FUZZ = _fuzz_texts()


@pytest.mark.parametrize("vector_min_chars", [0, 10**9])  # numpy tokens, regex tokens
def test_cut_equals_the_functions_it_stands_for(monkeypatch, vector_min_chars):
    monkeypatch.setattr(text_cut, "VECTOR_MIN_CHARS", vector_min_chars)
    for text in [SPUN_DOJ, ICE_THREAD, *FUZZ]:
        cut = tx.cut(text)
        assert cut.words == tx.words(text)
        marked = tx.immutables_with_positions(text)
        assert [(cut.words[i], i) for i in cut.immutables] == marked
        own = tx.without_quoted_speech(text)
        own_words = [w for w in map(tx.words, tx.paragraphs(own)) if w]
        assert [cut.words[s:e] for s, e in cut.own_parts] == own_words
        assert [cut.words[i] for i in cut.facts] == tx.immutables(own)
        ranges = tx.passage_ranges(cut.paragraph_sizes, 50, 25)
        assert [" ".join(cut.words[s:e]) for s, e in ranges] == tx.passages(text)


def test_cut_many_equals_cut_text_by_text(monkeypatch):
    rng = random.Random(9)
    batches = [rng.sample(FUZZ, rng.randint(1, 12)) for _ in range(60)]
    monkeypatch.setattr(text_cut, "VECTOR_MIN_CHARS", 10**9)
    expected = [[tx.cut(text) for text in batch] for batch in batches]
    monkeypatch.setattr(text_cut, "VECTOR_MIN_CHARS", 0)
    assert [tx.cut_many(batch) for batch in batches] == expected


def test_window_and_passage_ranges_are_the_cut_of_windows_and_passages():
    tokens = [str(i) for i in range(120)]
    assert [tokens[s:e] for s, e in tx.window_ranges(120)] == tx.windows(tokens)
    assert tx.window_ranges(0) == []
    with pytest.raises(ValueError, match="min_words must be >= 1"):
        tx.passage_ranges([3], min_words=0)


def test_strip_urls_quick_test_misses_no_url():
    for text in ("see WwW.example.org/x now", "HTTPS://x.example/a b", "law. wW.x.y", "a://b"):
        assert tx.strip_urls(text) == tx._URL.sub(" ", text)
    text = "no link here, just a law. And a Www"
    assert tx.strip_urls(text) is text
