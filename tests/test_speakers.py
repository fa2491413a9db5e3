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
