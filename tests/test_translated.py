"""Translated copies: facts, the translated verdict per language, never for a
same-language text, and a translated quote labelled with its statement."""

from __future__ import annotations

import pytest

from provenance.link import Linker, LinkOptions, PostText, SourceText
from provenance.quotes.translated import match_translated
from provenance.quotes.variants import Statement
from provenance.text.facts import facts
from provenance.text.language import detect_language

FERRY = SourceText(
    "https://www.harbourmaster.example/news/ferry-operator-fined",
    "Brisklow Ferries fined $4.75 million after the Tarnholm collision",
    "PORT MERRIN — The Merrin Harbour Authority on Monday fined Brisklow Ferries "
    "$4.75 million after its vessel Skerry Dawn struck the Tarnholm breakwater "
    "on March 14, injuring 37 passengers.\n\n"
    "Inspectors found that the crew had switched off the collision alarm 212 times "
    "in 18 months. The company must also fund 3 new radar stations and train all "
    "1,480 of its crew before October 2.\n\n"
    "“Nobody boards a ferry expecting the alarm to be switched off,” said Harbour "
    "Master Odile Fenwright.\n\n"
    "Details are at https://www.harbourmaster.example/skerry-dawn and questions "
    "can be sent to press@harbourmaster.example.",
)
DREDGING = SourceText(
    "https://www.harbourmaster.example/news/dredging-begins",
    "Dredging of the Merrin channel begins",
    "PORT MERRIN — The Merrin Harbour Authority will start dredging the outer channel "
    "on June 3, Harbour Master Odile Fenwright said. The work, costing $9.1 million, "
    "will deepen 6.4 kilometres of channel for larger cargo ships calling at Port Merrin.",
)

TRANSLATIONS = {
    "de": "Die Hafenbehörde von Merrin hat Brisklow Ferries zu einer Strafe von 4,75 Millionen "
    "Dollar verurteilt. Die Fähre Skerry Dawn war am 14. März gegen den Wellenbrecher von "
    "Tarnholm geprallt, 37 Fahrgäste wurden verletzt. Die Besatzung hatte den Kollisionsalarm "
    "in 18 Monaten 212 Mal abgeschaltet. Bis zum 2. Oktober müssen alle 1.480 Besatzungsmitglieder "
    "geschult werden.",
    "fr": "L'autorité portuaire de Merrin inflige une amende de 4,75 millions de dollars à "
    "Brisklow Ferries : le 14 mars, le Skerry Dawn a heurté la digue de Tarnholm et blessé "
    "37 passagers. L'équipage avait coupé l'alarme anticollision 212 fois en 18 mois. Les "
    "1 480 membres d'équipage devront être formés avant le 2 octobre.",
    "es": "La autoridad portuaria de Merrin multó con 4,75 millones de dólares a Brisklow "
    "Ferries después de que el Skerry Dawn chocara el 14 de marzo contra el rompeolas de "
    "Tarnholm, con 37 pasajeros heridos. La tripulación había apagado la alarma 212 veces en "
    "18 meses y los 1.480 tripulantes deberán formarse antes del 2 de octubre.",
    "it": "L'autorità portuale di Merrin ha multato Brisklow Ferries per 4,75 milioni di dollari "
    "dopo che il 14 marzo lo Skerry Dawn ha urtato la diga di Tarnholm ferendo 37 passeggeri. "
    "L'equipaggio aveva spento l'allarme 212 volte in 18 mesi; entro il 2 ottobre tutti i "
    "1.480 membri dell'equipaggio dovranno essere formati.",
}


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker([FERRY, DREDGING])


def test_facts_are_written_one_way_in_every_language() -> None:
    english = facts("fined $4.75 million on March 14, and 1,480 crew, at 555-0142")
    german = facts("4,75 Millionen Dollar am 14. März, 1.480 Besatzungsmitglieder, 555-0142", "de")
    french = facts("4,75 millions de dollars le 14 mars, 1 480 membres, 555-0142", "fr")
    for fact in ("n:475", "d:03-14", "n:1480", "n:5550142"):
        assert fact in english and fact in german and fact in french, fact


def test_urls_mail_and_names_are_facts() -> None:
    found = facts(
        "Voir https://www.harbourmaster.example/skerry-dawn/ ou press@harbourmaster.example "
        "pour le Skerry Dawn.",
        "fr",
    )
    assert {"u:harbourmaster.example/skerry-dawn", "m:press@harbourmaster.example"} <= found
    assert {"w:skerry", "w:dawn"} <= found
    assert "w:voir" not in found  # a sentence's first word is not a name


@pytest.mark.parametrize("language", sorted(TRANSLATIONS))
def test_a_translation_is_linked_translated_with_its_language(
    linker: Linker, language: str
) -> None:
    text = TRANSLATIONS[language]
    assert detect_language(text) == language
    links = linker.link(PostText(f"post-{language}", text))
    assert [(r.source_url, r.verdict, r.language) for r in links] == [
        (FERRY.url, "translated", language)
    ]


def test_the_same_facts_in_the_same_language_are_never_translated(linker: Linker) -> None:
    english = (
        "Brisklow Ferries got a $4.75 million fine: the Skerry Dawn hit the Tarnholm "
        "breakwater on March 14 and 37 passengers were hurt. The crew had turned the "
        "alarm off 212 times in 18 months, and all 1,480 crew need training by October 2."
    )
    links = linker.link(PostText("post-en", english))
    assert all(r.verdict != "translated" for r in links)
    assert {r.language for r in links} <= {"en"}


def test_a_translated_sibling_is_not_linked(linker: Linker) -> None:
    # the dredging release in German: same authority and harbour master, other facts
    sibling = (
        "Die Hafenbehörde von Merrin beginnt am 3. Juni mit dem Ausbaggern der äußeren "
        "Fahrrinne, sagte Hafenmeisterin Odile Fenwright. Die Arbeiten kosten 9,1 Millionen Dollar."
    )
    links = linker.link(PostText("post-sibling", sibling))
    assert all(r.source_url != FERRY.url for r in links)


def test_translated_thresholds_are_checked() -> None:
    with pytest.raises(ValueError, match="translated_min_facts"):
        LinkOptions(translated_min_facts=0)
    with pytest.raises(ValueError, match="translated_min_score"):
        LinkOptions(translated_min_score=-1.0)


STATEMENTS = [
    Statement(
        "s-alarm",
        "Nobody boards a ferry expecting the alarm to be switched off.",
        "Odile Fenwright",
        "Harbour Master",
    ),
    Statement(
        "s-radar",
        "The 14 radar stations will be running before October 2, and we will check every one.",
        "Ilse Marrow",
        "Deputy Harbour Master",
    ),
]


def test_a_german_quote_of_an_english_statement_is_labelled_translated() -> None:
    post = (
        "„Niemand geht an Bord einer Fähre und erwartet, dass der Alarm abgeschaltet ist“, "
        "sagte Hafenmeisterin Odile Fenwright."
    )
    quote = post[1 : post.index("“")]
    match = match_translated(quote, post, STATEMENTS, "de")
    assert match is not None
    assert (match.statement_id, match.label) == ("s-alarm", "translated")


def test_a_translated_quote_found_by_its_facts_without_a_speaker() -> None:
    quote = "Les 14 stations radar fonctionneront avant le 2 octobre, et nous vérifierons chacune."
    match = match_translated(quote, quote, STATEMENTS, "fr")
    assert match is not None and match.statement_id == "s-radar"


def test_an_unrelated_quote_matches_no_statement() -> None:
    quote = "Das Wetter war an diesem Tag ungewöhnlich ruhig, sagte ein Passagier."
    assert match_translated(quote, quote, STATEMENTS, "de") is None
