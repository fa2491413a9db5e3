"""Tests for provenance.quotes.speakers: phrase tokens, name and title splits, keys."""

from __future__ import annotations

from provenance.quotes.speakers import (
    is_organisation,
    org_head,
    same_speaker,
    speaker_key,
    speaker_keys,
    split_phrase,
    token_core,
    tokens,
    walk_back,
)


def split(text: str) -> tuple[str | None, str | None]:
    toks = tokens(text, 0, len(text))
    return split_phrase(text, walk_back(toks, len(toks) - 1))


def test_split_name_and_title() -> None:
    assert split("Attorney General Merrick B. Garland") == (
        "Merrick B. Garland",
        "Attorney General",
    )
    assert split("FBI director Christopher Wray") == ("Christopher Wray", "FBI director")
    assert split("health commissioner Samuel Mensah") == ("Samuel Mensah", "health commissioner")
    assert split("the Harbor City Water Department") == (None, "Harbor City Water Department")
    assert split("ICE\nDeputy Director P.J. Lechleitner") == (
        "P.J. Lechleitner",
        "ICE Deputy Director",
    )


def test_token_core_closes_an_aside_but_keeps_an_acronym_in_brackets() -> None:
    assert token_core("added.)") == ("added", True)
    assert token_core("(ICE)") == ("(ICE)", False)
    assert token_core("U.S.") == ("U.S.", False)


def test_days_and_plural_sources_are_not_names() -> None:
    assert split("Critics") == (None, None)
    assert split("Garland on Tuesday") == (None, None)


def test_organisations_by_head_word_or_acronym() -> None:
    assert is_organisation("Harbor City Water Department")
    assert is_organisation("Department of Justice")
    assert is_organisation("U.S. Attorney’s Office for the Southern District of Florida")
    assert is_organisation("U.S. Immigration and Customs Enforcement")
    assert is_organisation("FBI")
    assert not is_organisation("Jane Doe of the Justice Department")
    assert not is_organisation("FBI Director Christopher Wray")
    assert not is_organisation("Attorney General")
    assert org_head("Department of Justice") == "department"
    assert org_head("CPSB") == ""
    assert org_head("Governor") is None


def test_organisation_keys() -> None:
    assert speaker_key("Department of Justice") == speaker_key("Justice Department") == "justice"
    assert speaker_key("the department") is None
    assert speaker_key("Harbor City Water Department") == "harbor city water"
    assert "dea" in speaker_keys("Drug Enforcement Administration")
    assert speaker_keys("Merrick B. Garland") == {"garland"}
    assert speaker_keys(None) == set()


def test_same_organisation_by_acronym_or_shorter_name() -> None:
    assert same_speaker("DEA", "Drug Enforcement Administration")
    assert same_speaker("DOJ", "Department of Justice")
    assert same_speaker("ICE", "U.S. Immigration and Customs Enforcement")
    assert same_speaker("Water Department", "Harbor City Water Department")
    assert not same_speaker("Health Department", "Harbor City Water Department")
    assert not same_speaker("Department of Justice", "Merrick B. Garland")
    assert not same_speaker("FBI", "DEA")


def test_close_speaker_tolerates_a_misspelt_surname() -> None:
    from provenance.quotes.speakers import close_speaker

    assert close_speaker("Dorota Vashenko", "Vaschenko")
    assert close_speaker("Lisa O. Monaco", "Monoco")
    assert not close_speaker("Lisa Monaco", "Mark Monoco")  # first initials differ
    assert not close_speaker("Lisa Monaco", "Lisa Moreau")
    assert not close_speaker("Harbor Water Department", "Harbor Water Departmint")


def test_known_speakers_complete_a_title_a_generic_agency_and_a_misspelt_name() -> None:
    from provenance.quotes import extract_quotes
    from provenance.quotes.known import KnownSpeakers

    known = KnownSpeakers(
        [
            ("Nadia Ferrante", "Executive Director"),
            ("Hollis Varga", "Board Director"),
            ("Renata K. Vashenko", "District Attorney"),
            ("State Environmental Protection Board", None),
        ]
    )
    text = (
        "Ferrante promised accounts. “We will publish exactly where the money goes,” "
        "the director said.\n\n"
        "“The company has cooperated with the investigation so far,” the board said.\n\n"
        "Vaschenko said “They studied their targets and rehearsed their lines” in court."
    )
    found = [q.speaker for q in extract_quotes(text, known)]
    assert found == ["Nadia Ferrante", "State Environmental Protection Board", "Renata K. Vashenko"]
    # without the known list the document alone names none of them in full
    assert [q.speaker for q in extract_quotes(text)] != found


def test_known_speakers_leave_an_ambiguous_title_alone() -> None:
    from provenance.quotes.known import KnownSpeakers

    known = KnownSpeakers([("Nadia Ferrante", "Executive Director"), ("Sam Ode", "Director")])
    assert known.resolve(None, "director") == (None, "director")
    assert known.resolve("Owen Falk", None) == ("Owen Falk", None)


def test_a_bare_known_name_introduces_the_person_for_he_and_the_title() -> None:
    from provenance.quotes import extract_quotes
    from provenance.quotes.known import KnownSpeakers

    known = KnownSpeakers([("Tobias Greer", "Meteorologist in Charge")])
    text = (
        "Tobias Greer has been forecasting valley weather for nineteen years.\n\n"
        "He said the breaks would fool people. “There will be breaks when it looks like the "
        "worst is over.”\n\n"
        "“This is the kind of ice that brings down power lines,” the meteorologist said."
    )
    assert [q.speaker for q in extract_quotes(text, known)] == ["Tobias Greer", "Tobias Greer"]


def test_the_company_said_names_the_company() -> None:
    from provenance.quotes import extract_quotes

    text = (
        "OSTERLY — Quellmark Systems Inc. today reported revenue of $1.34 billion.\n\n"
        "“We continue to expect the consolidation of our two data centers.” the company said."
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Quellmark Systems"]


def test_according_to_an_agency_names_the_agency() -> None:
    from provenance.quotes import extract_quotes

    text = (
        "According to the Grayhaven Police Department, “the investigation is ongoing and "
        "further arrests are expected.”"
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Grayhaven Police Department"]


def test_a_colon_introduction_names_a_known_official_the_post_names_nowhere_else() -> None:
    from provenance.quotes.extract import extract_quotes
    from provenance.quotes.known import KnownSpeakers

    known = KnownSpeakers(
        [
            ("Mara Quillfeather", "Port Director"),
            ("Osric Penhallow", "Finance Chief"),
            ("Tamsin Orde", "Board Chair"),
            ("Idris Calloway", "Councilmember"),
        ]
    )
    post = (
        "Copied from the port notice.\n\n"
        "Port Director Quillfeather had this to offer:\n"
        '"Ferries will keep their winter timetable until the breakwater is repaired."\n\n'
        'Then this from Penhallow: "The repair is paid for out of last year\'s surplus."\n\n'
        'and Orde (chair): "No fare goes up while the work is under way."\n\n'
        'The vice chair, Calloway, stating: "We will publish the contract in full."\n\n'
        'And Calloway on the timetable: "Winter sailings stay as they are."'
    )
    found = [(q.speaker, q.speaker_title) for q in extract_quotes(post, known)]
    assert [s for s, _ in found] == [
        "Mara Quillfeather",
        "Osric Penhallow",
        "Tamsin Orde",
        "Idris Calloway",
        "Idris Calloway",
    ]
    assert found[2][1] == "Board Chair"  # the name is no part of the title


def test_a_bare_surname_nobody_knows_still_names_nobody() -> None:
    from provenance.quotes.extract import extract_quotes
    from provenance.quotes.known import KnownSpeakers

    known = KnownSpeakers([("Mara Quillfeather", "Port Director")])
    post = 'Update from Brackley: "The ferry was late again and nobody told us why."'
    assert extract_quotes(post, known)[0].speaker is None


def test_an_agency_in_the_quote_sentence_beats_a_person_named_before() -> None:
    from provenance.quotes.extract import extract_quotes
    from provenance.quotes.known import KnownSpeakers

    known = KnownSpeakers(
        [
            ("Wrenfield Parks Department", None),
            ("Kestrel Valley Roads Department", None),
            ("Ines Morrow", "Parks Superintendent"),
            ("Gideon Hale", "Roads Engineer"),
        ]
    )
    post = (
        "Superintendent Morrow wrote to the allotment holders:"
        ' "Plots by the river stay closed until the bank is rebuilt."\n\n'
        'And from the department: "Keys will be returned by post to every holder."'
    )
    found = [q.speaker for q in extract_quotes(post, known)]
    assert found == ["Ines Morrow", "Wrenfield Parks Department"]
    news = (
        "Morrow toured the site on Monday. The department, in a notice to holders,"
        ' said that "keys will be returned by post to every holder".'
    )
    assert [q.speaker for q in extract_quotes(news, known)] == ["Wrenfield Parks Department"]


def test_a_title_word_that_does_not_lead_into_speech_is_no_agency() -> None:
    from provenance.quotes.extract import extract_quotes
    from provenance.quotes.known import KnownSpeakers

    known = KnownSpeakers([("Harlow Transit Board", None), ("Piers Oduya", "General Manager")])
    text = (
        "Board member Tilda Marsh was not convinced."
        ' "Two closed summers in a row is what we will end up with."'
    )
    assert extract_quotes(text, known)[0].speaker != "Harlow Transit Board"


def test_a_title_qualified_by_a_place_finds_the_official_named_earlier() -> None:
    from provenance.quotes.extract import extract_quotes
    from provenance.quotes.known import KnownSpeakers

    known = KnownSpeakers([("Ottoline Beck", "Hydrologist in Charge")])
    text = (
        "Ottoline Beck has measured the Senn for a decade. This week the hydrologist"
        " in charge at Marrowgate looked tired.\n\n"
        "“The river will crest higher than anyone living has seen it.”"
    )
    assert extract_quotes(text, known)[0].speaker == "Ottoline Beck"


def test_the_quote_was_points_back_at_the_speaker_just_quoted() -> None:
    from provenance.quotes.extract import extract_quotes

    post = (
        'Harbour master Rafe Dunmore said, "The pier stays shut until the divers are done."\n\n'
        'Wrong meeting! The ferry quote was "Winter sailings stay as they are until March."'
    )
    assert [q.speaker for q in extract_quotes(post)] == ["Rafe Dunmore", "Rafe Dunmore"]
    far = post.replace("\n\nWrong", "\n\nA.\n\nB.\n\nWrong")
    assert extract_quotes(far)[1].speaker is None
