"""Tests for provenance.quotes.variants: labelling a quote occurrence against statements."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.quotes import extract_quotes
from provenance.quotes.variants import (
    Statement,
    StatementIndex,
    canonical_variant,
    cluster_variants,
    label_occurrence,
)

SEEDS = Path(__file__).parent / "fixtures" / "seeds"

GARLAND = Statement(
    "doj-garland",
    "Operation SpecTor was a coordinated international law enforcement effort, spanning "
    "three continents, to disrupt drug trafficking on the dark web and represents the most "
    "funds seized and the highest number of arrests in any coordinated international action "
    "led by the Justice Department against drug traffickers on the dark web. Our message to "
    "criminals on the dark web is this: You can try to hide in the furthest reaches of the "
    "internet, but the Justice Department will find you and hold you accountable for your "
    "crimes.",
    "Merrick B. Garland",
    "Attorney General",
)
WRAY = Statement(
    "doj-wray",
    "The availability of dangerous substances like fentanyl on dark net marketplaces is "
    "helping to fuel the crisis that has claimed far too many American lives.",
    "Christopher Wray",
    "FBI Director",
)
STATEMENTS = [GARLAND, WRAY]
TAIL = (
    "Our message to criminals on the dark web is this: You can try to hide in the furthest "
    "reaches of the internet, but the Justice Department will find you and hold you "
    "accountable for your crimes."
)


def both(text: str, speaker: str | None) -> tuple[str | None, str, float, str]:
    """Label with the brute-force function and the index; they must agree."""
    direct = label_occurrence(text, speaker, STATEMENTS)
    indexed = StatementIndex(STATEMENTS).match(text, speaker)
    assert direct == indexed
    return direct.statement_id, direct.label, direct.score, direct.diff


def test_verbatim_tolerates_whitespace_and_quote_style() -> None:
    text = GARLAND.text.replace("dark web. Our", "dark web.\n\n  Our")
    assert both(text, "Garland") == ("doj-garland", "verbatim", 1.0, "")
    styled = "He said “hi” and ‘bye’ to all of the people in the room today."
    statement = Statement(
        "s", "He said \"hi\" and 'bye' to all of the people in the room today.", None, None
    )
    assert label_occurrence(styled, None, [statement]).label == "verbatim"


def test_verbatim_ignores_the_comma_that_replaces_a_full_stop_before_said() -> None:
    assert both(GARLAND.text[:-1] + ",", "Merrick Garland")[1] == "verbatim"


def test_truncated_excerpt() -> None:
    excerpt = "You can try to hide in the furthest reaches of the internet,"
    assert both(excerpt, "Attorney General Merrick B. Garland") == (
        "doj-garland",
        "truncated",
        1.0,
        "",
    )


def test_truncated_allows_capitalised_first_word_and_edge_ellipsis() -> None:
    assert both("The Justice Department will find you and hold you accountable", None)[1] == (
        "truncated"
    )
    assert both("…the Justice Department will find you and hold you accountable…", None)[1] == (
        "truncated"
    )


def test_too_short_excerpt_is_not_a_match() -> None:
    assert both("on the dark web", None) == (None, "unmatched", 0.0, "")


def test_altered_with_word_diff() -> None:
    altered = (
        "Our message to criminals is this: You can try to hide in the furthest reaches of the "
        "Internet, but the Justice Department will find you and hold you accountable for "
        "[at least 11] crimes."
    )
    statement_id, label, score, diff = both(altered, "Garland")
    assert (statement_id, label) == ("doj-garland", "altered")
    assert 0.65 <= score < 1.0
    assert diff == "−'on the dark web'; internet → Internet; your → [at least 11]"


def test_altered_excerpt_is_diffed_against_its_window_only() -> None:
    excerpt = "You can try to hide in the farthest reaches of the internet, but the Justice"
    statement_id, label, score, diff = both(excerpt, None)
    assert (statement_id, label, diff) == ("doj-garland", "altered", "furthest → farthest")
    assert score > 0.9


def test_altered_insertion_is_shown_with_plus() -> None:
    altered = TAIL.replace("find you and", "find you, wherever you are, and")
    _, label, _, diff = both(altered, None)
    assert label == "altered"
    assert diff == "+', wherever you are,'"


def test_ellipsis_standing_for_dropped_words_is_an_alteration() -> None:
    cut = (
        "Our message to criminals on the dark web is this: You can try to hide … but the "
        "Justice Department will find you and hold you accountable for your crimes."
    )
    statement_id, label, score, diff = both(cut, "Garland")
    assert (statement_id, label) == ("doj-garland", "altered")
    assert score == 1.0
    assert diff == "−'in the furthest reaches of the internet,' (…)"


def test_misattributed_keeps_statement_and_names_both_speakers() -> None:
    statement_id, label, score, diff = both(TAIL, "FBI Director Christopher Wray")
    assert (statement_id, label, score) == ("doj-garland", "misattributed", 1.0)
    assert diff == "speaker: Merrick B. Garland → FBI Director Christopher Wray"


def test_misattributed_when_first_names_differ() -> None:
    assert both(TAIL, "Jane Garland")[1] == "misattributed"


def test_named_speaker_for_an_unattributed_statement_is_misattributed() -> None:
    release = Statement("rel", TAIL, None, "statement")
    match = label_occurrence(TAIL, "Garland", [release])
    assert (match.statement_id, match.label) == ("rel", "misattributed")
    assert label_occurrence(TAIL, None, [release]).label == "verbatim"


def test_speaker_none_keeps_the_word_label() -> None:
    assert both(TAIL, None) == ("doj-garland", "truncated", 1.0, "")
    assert both(GARLAND.text, None)[1] == "verbatim"


def test_paraphrase_of_the_same_speaker() -> None:
    text = (
        "Garland said that criminals who traffic drugs on the dark web will be found and "
        "held accountable by the Justice Department."
    )
    statement_id, label, score, diff = both(text, "Garland")
    assert (statement_id, label, diff) == ("doj-garland", "paraphrase", "")
    assert 0.0 < score < 1.0


def test_paraphrase_needs_the_same_speaker() -> None:
    text = (
        "Garland said that criminals who traffic drugs on the dark web will be found and "
        "held accountable by the Justice Department."
    )
    assert both(text, "Governor Whitfield")[1] == "unmatched"
    assert both(text, None)[1] == "unmatched"


def test_unmatched() -> None:
    assert both("We will build a new bridge over the river by next spring.", "Garland") == (
        None,
        "unmatched",
        0.0,
        "",
    )


def test_same_words_prefer_the_statement_of_the_named_speaker() -> None:
    twin = Statement("ice-twin", WRAY.text, "P.J. Lechleitner", None)
    statements = [WRAY, twin]
    assert label_occurrence(WRAY.text, "Lechleitner", statements).statement_id == "ice-twin"
    assert label_occurrence(WRAY.text, "Wray", statements).statement_id == "doj-wray"
    assert StatementIndex(statements).match(WRAY.text, "Lechleitner").statement_id == "ice-twin"


def test_index_finds_the_statement_among_many() -> None:
    noise = [
        Statement(
            f"n{i}", f"Statement number {i} about bridges and roads in county {i}.", "X", None
        )
        for i in range(500)
    ]
    index = StatementIndex([*noise, GARLAND, WRAY])
    assert len(index) == 502
    match = index.match("the crisis that has claimed far too many American lives", "Wray")
    assert (match.statement_id, match.label) == ("doj-wray", "truncated")


def test_index_matches_a_short_statement_exactly() -> None:
    index = StatementIndex([Statement("short", "No comment.", "Reyes-Dunn", None)])
    assert index.match("No comment,", "Reyes-Dunn").label == "verbatim"
    assert index.match("No way.", "Reyes-Dunn").label == "unmatched"


def test_index_refuses_duplicate_ids() -> None:
    with pytest.raises(ValueError, match="duplicate statement id: 'doj-wray'"):
        StatementIndex([WRAY, WRAY])


def test_quotes_of_the_spun_copy_match_statements_from_the_extractor() -> None:
    text = (SEEDS / "000_6ddb538e41aa732f.txt").read_text(encoding="utf-8")
    quotes = extract_quotes(text)
    statements = [
        Statement(f"q{i}", q.text, q.speaker, q.speaker_title) for i, q in enumerate(quotes)
    ]
    index = StatementIndex(statements)
    for i, quote in enumerate(quotes):
        assert index.match(quote.text, "Garland" if i == 0 else quote.speaker).label == "verbatim"
    assert index.match(GARLAND.text, "Anne Milgram").label == "misattributed"


# --- paraphrases and short excerpts ------------------------------------------------------

FIRE = Statement(
    "fire",
    "The wind shifted shortly after midnight and pushed the fire across Route 9 faster than "
    "any of our models predicted.",
    "Olivia Brandt-Hayes",
    "Fire Commissioner",
)
BOARD = Statement(
    "board",
    "Consumers should stop using the recalled night-lights immediately, even if they have not "
    "noticed any problem.",
    "Consumer Product Safety Board",
    None,
)


def test_paraphrase_shares_stems_of_topic_words() -> None:
    text = "the overnight winds carried the blaze over Route 9 more quickly than expected"
    match = label_occurrence(text, "Brandt-Hayes", [FIRE])
    assert (match.statement_id, match.label) == ("fire", "paraphrase")
    made_up = "Not one more dollar of road money goes to Ashford while rural counties wait."
    assert label_occurrence(made_up, "Brandt-Hayes", [FIRE]).label == "unmatched"


def test_paraphrase_of_an_agency_named_by_its_acronym() -> None:
    index = StatementIndex([BOARD])
    text = "owners must quit using these recalled night-lights now"
    match = index.match(text, "CPSB")  # the index finds the board's statements by acronym
    assert (match.statement_id, match.label) == ("board", "paraphrase")
    assert index.match(text, "FBI").label == "unmatched"


def test_one_whole_short_sentence_is_an_excerpt() -> None:
    statement = Statement(
        "leave", "If you are told to leave, leave. We cannot replace you.", "X", None
    )
    assert label_occurrence("We cannot replace you.", None, [statement]).label == "truncated"
    assert label_occurrence("we cannot replace", None, [statement]).label == "unmatched"


def test_a_few_words_of_the_same_speaker_are_an_excerpt() -> None:
    match = label_occurrence("pushed the fire across", "Brandt-Hayes", [FIRE])
    assert (match.statement_id, match.label) == ("fire", "truncated")
    assert label_occurrence("pushed the fire across", "Garland", [FIRE]).label == "unmatched"


# --- variant clusters --------------------------------------------------------------------

WITNESS = (
    "I had no idea my neighbor was running a drug business out of his garage until the agents "
    "showed up at six in the morning."
)


def test_clusters_join_excerpts_and_edits_by_shared_runs_of_five_words() -> None:
    texts = [
        WITNESS,
        "We will rebuild every bridge in the county by next spring.",
        "i had no idea my neighbor was running a drug business",  # an excerpt
        WITNESS.replace("garage", "shed").replace("six", "5"),  # words changed
        "Something else entirely was said at the meeting on Tuesday night.",
    ]
    assert cluster_variants(texts) == [[0, 2, 3], [1], [4]]


def test_clusters_join_short_quotes_by_similarity_and_link_chains() -> None:
    texts = [
        "we are closing the market",
        "We are closing the markets.",  # similar, no five-word run in common
        "we are opening the market",  # 0.8 similar to the first: joins
        "they are opening the store",  # 0.6 to the third: not enough
    ]
    assert cluster_variants(texts) == [[0, 1, 2], [3]]
    chain = ["a b c d e f", "c d e f g h", "e f g h i j"]  # each shares 4 with the next
    assert cluster_variants(chain) == [[0], [1], [2]]
    chain = ["a b c d e f", "b c d e f g", "c d e f g h"]  # five-word runs: single link
    assert cluster_variants(chain) == [[0, 1, 2]]


def test_clusters_do_not_depend_on_order_and_cover_every_text() -> None:
    texts = [WITNESS, "", "no words?", WITNESS.upper(), "Some other line of text here, said."]
    clusters = cluster_variants(texts)
    assert sorted(i for c in clusters for i in c) == list(range(len(texts)))
    reordered = cluster_variants(texts[::-1])
    back = sorted(sorted(len(texts) - 1 - i for i in c) for c in reordered)
    assert back == sorted(clusters)
    assert cluster_variants([]) == []


def test_canonical_variant_is_the_most_frequent_wording_then_the_longest() -> None:
    texts = ["we are closing", "We are closing the market.", "we are closing the market", "x"]
    assert canonical_variant(texts, [0, 1, 2]) == 1
    assert canonical_variant(texts, [0]) == 0
    with pytest.raises(ValueError, match="cluster must not be empty"):
        canonical_variant(texts, [])


def test_two_events_of_one_official_are_never_paraphrases_of_each_other() -> None:
    storm = Statement(
        "storm",
        "Crews will work through the night to clear fallen trees from every county road, "
        "and we ask people to stay home until the ice melts.",
        "Tobias Greer",
        "Meteorologist",
    )
    drought = Statement(
        "drought",
        "We would need about six inches of rain above normal to refill the Marrow reservoir "
        "before the summer.",
        "Tobias Greer",
        "Meteorologist",
    )
    index = StatementIndex([storm, drought])
    # the same speaker and a few common words ("people", "work") about the drought: no claim
    about_drought = "People who work outside should drink water and rest in the shade."
    assert index.match(about_drought, "Greer").label == "unmatched"
    # a reworded storm claim shares its rare words with the storm statement only
    storm_claim = "crews are working all night clearing fallen trees off the county roads"
    match = index.match(storm_claim, "Greer")
    assert (match.statement_id, match.label) == ("storm", "paraphrase")
    # a shared figure and name carry a drought paraphrase
    drought_claim = "it takes six inches of rain to fill Marrow reservoir again"
    match = index.match(drought_claim, "Tobias Greer")
    assert (match.statement_id, match.label) == ("drought", "paraphrase")
