"""Tests for provenance.quotes: quote spans, attribution, speaker keys."""

from __future__ import annotations

from pathlib import Path

from provenance.quotes import Quote, extract_quotes, same_speaker, speaker_key

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
DOJ_SPUN = SEEDS / "000_6ddb538e41aa732f.txt"
ICE_REPOST = SEEDS / "004_c88e67c78bd9550d.txt"

GARLAND = (
    "Operation SpecTor was a coordinated international law enforcement effort, spanning "
    "three continents, to disrupt drug trafficking on the dark web and represents the most "
    "funds seized and the highest number of arrests in any coordinated international action "
    "led by the Justice Department against drug traffickers on the dark web. Our message to "
    "criminals on the dark web is this: You can try to hide in the furthest reaches of the "
    "internet, but the Justice Department will find you and hold you accountable for your "
    "crimes."
)
WRAY = (
    "The availability of dangerous substances like fentanyl on dark net marketplaces is "
    "helping to fuel the crisis that has claimed far too many American lives. That’s why we "
    "will continue to join forces with our law enforcement partners around the globe to "
    "attack this problem together. The FBI is proud to stand with our domestic and foreign "
    "partners as we continue to shine that light into the deepest corners of the dark net and "
    "hold those accountable who continue to peddle this poison around the world."
)
MILGRAM = (
    "The Sinaloa and Jalisco drug cartels and the global networks they operate are killing "
    "Americans by sending fentanyl into the United States. Their associates distribute this "
    "fentanyl into communities across America by every means possible, including the dark "
    "web. The DEA is committed to shutting down the fentanyl supply chain from beginning to "
    "end, and we will relentlessly pursue the associates of these cartels wherever they hide, "
    "even in the dark corners of the internet."
)
ICE_TITLE = (
    "U.S. Immigration and Customs Enforcement’s (ICE) Senior Official Performing the Duties "
    "of Deputy Director"
)


def one(text: str) -> Quote:
    quotes = extract_quotes(text)
    assert len(quotes) == 1, quotes
    return quotes[0]


def who(text: str) -> list[tuple[str | None, str | None]]:
    return [(q.speaker, q.speaker_title) for q in extract_quotes(text)]


# --- the seeds -----------------------------------------------------------------------


def test_spun_doj_copy_yields_three_quotes_with_speakers_and_exact_text() -> None:
    text = DOJ_SPUN.read_text(encoding="utf-8")
    quotes = extract_quotes(text)
    assert [(q.speaker, q.speaker_title, q.text) for q in quotes] == [
        ("Merrick B. Garland", "Attorney General", GARLAND),
        ("Christopher Wray", "FBI Director", WRAY),
        ("Anne Milgram", "DEA Administrator", MILGRAM),
    ]
    assert all(text[q.start : q.end] == q.text for q in quotes)


def test_spun_doj_copy_skips_the_quoted_vendor_name() -> None:
    text = DOJ_SPUN.read_text(encoding="utf-8")
    assert "“Syntropy”" in text
    assert all("Syntropy" not in q.text for q in extract_quotes(text))


def test_ice_repost_quote_and_its_continuation_go_to_lechleitner_with_long_title() -> None:
    text = ICE_REPOST.read_text(encoding="utf-8")
    quotes = extract_quotes(text)
    assert len(quotes) == 2
    first, second = quotes
    assert first.text.startswith("The illicit movement of opioids poses a significant threat")
    assert first.text.endswith("anonymously through darknet spaces,")
    assert second.text.startswith("Our HSI special agents, alongside federal")
    assert second.text.endswith("protecting victims from these lethal substances.")
    for quote in quotes:
        assert quote.speaker == "P.J. Lechleitner"
        assert quote.speaker_title == ICE_TITLE


# --- quote marks -----------------------------------------------------------------------


def test_straight_quotes() -> None:
    q = one('Governor Whitfield said, "We will rebuild every bridge in the county."')
    assert q.text == "We will rebuild every bridge in the county."
    assert q.speaker == "Whitfield"


def test_mixed_marks_pair_up() -> None:
    q = one('“Mixed marks are common in forum posts," said Mayor Lee Park.')
    assert q.text == "Mixed marks are common in forum posts,"
    assert (q.speaker, q.speaker_title) == ("Lee Park", "Mayor")
    q = one('Mayor Lee Park said: "Straight open, curly close happens too.”')
    assert q.text == "Straight open, curly close happens too."


def test_apostrophes_are_not_quotes() -> None:
    text = "It's the agents' work, they don’t say, that Europol’s team counts on every day."
    assert extract_quotes(text) == []


def test_single_quotes_only_when_attributed_speech() -> None:
    q = one("Chief Tom O’Neil said, ‘We will not tolerate this kind of violence in our city.’")
    assert q.text == "We will not tolerate this kind of violence in our city."
    assert (q.speaker, q.speaker_title) == ("Tom O’Neil", "Chief")
    assert extract_quotes("The so-called ‘clean sweep of the whole harbour district’ failed.") == []


def test_single_quotes_inside_a_double_quote_are_part_of_it() -> None:
    q = one("Wray said, “They told me ‘we are closing the market’ and then they ran.”")
    assert q.text == "They told me ‘we are closing the market’ and then they ran."


def test_multi_paragraph_quote_opens_each_paragraph_and_closes_once() -> None:
    text = (
        "Governor Whitfield said, “The first paragraph of the plan.\n\n"
        "“The second paragraph continues it.\n\n"
        "“The third paragraph ends it.”\n\nUnrelated text follows."
    )
    q = one(text)
    assert q.text == (
        "The first paragraph of the plan.\nThe second paragraph continues it.\n"
        "The third paragraph ends it."
    )
    assert q.speaker == "Whitfield"
    assert text[q.start : q.start + 10] == "The first "
    assert text[q.end - 8 : q.end] == "ends it."


def test_unclosed_quote_is_abandoned_at_the_paragraph_end() -> None:
    text = (
        "Garland said, “this quote never closes in this paragraph\n\n"
        "FBI Director Christopher Wray added, “We will find every vendor on the market.”"
    )
    assert who(text) == [("Christopher Wray", "FBI Director")]


# --- attribution -----------------------------------------------------------------------


def test_attribution_before_with_spun_verbs() -> None:
    for verb in ("said", "mentioned", "stated", "noted", "explained", "added"):
        q = one(f"Attorney General Merrick B. Garland {verb}, “We will find you wherever you are.”")
        assert (q.speaker, q.speaker_title) == ("Merrick B. Garland", "Attorney General"), verb


def test_attribution_before_with_adverb_and_colon() -> None:
    q = one("DEA Administrator Anne Milgram additionally mentioned: “The cartels are killing us.”")
    assert (q.speaker, q.speaker_title) == ("Anne Milgram", "DEA Administrator")


def test_according_to_before_and_after() -> None:
    before = one("According to Sheriff Dana Cole, “the suspects fled before dawn on Tuesday.”")
    after = one("“The suspects fled before dawn on Tuesday,” according to Sheriff Dana Cole.")
    assert (before.speaker, before.speaker_title) == ("Dana Cole", "Sheriff")
    assert (after.speaker, after.speaker_title) == ("Dana Cole", "Sheriff")


def test_attribution_after_verb_first_and_name_first() -> None:
    assert who("“We will rebuild every bridge,” said Governor Whitfield.") == [
        ("Whitfield", "Governor")
    ]
    assert who("“The numbers are not in dispute,” Reyes-Dunn said.") == [("Reyes-Dunn", None)]


def test_attribution_on_the_next_line() -> None:
    q = one("“We are proud of this team and its work.”\nsaid Superintendent Ana Ruiz.")
    assert (q.speaker, q.speaker_title) == ("Ana Ruiz", "Superintendent")


def test_next_line_sentence_is_not_an_attribution() -> None:
    text = "“We are proud of this team and its work.”\nHe said the results came later."
    assert who(text) == [(None, None)]


def test_continuation_quote_keeps_the_speaker() -> None:
    text = (
        "“We will rebuild every bridge,” said Governor Whitfield. "
        "“This plan pays for itself within a decade.”"
    )
    assert who(text) == [("Whitfield", "Governor"), ("Whitfield", "Governor")]


def test_new_paragraph_quote_continues_the_last_speaker() -> None:
    # Issue 13: a quote standing alone in the next paragraph goes on with the same voice.
    text = "“We will rebuild every bridge,” said Governor Whitfield.\n\n“Nobody asked me about it.”"
    assert who(text) == [("Whitfield", "Governor"), ("Whitfield", None)]


def test_new_paragraph_quote_after_narration_naming_nobody_has_no_speaker() -> None:
    text = (
        "“We will rebuild every bridge,” said Governor Whitfield.\n\n"
        "The bridge closed in May.\n\n“Nobody asked me about it at all.”"
    )
    assert who(text)[1] == (None, None)


def test_pronoun_resolves_to_the_last_named_speaker() -> None:
    text = (
        "Senator Jo Li said, “This is a start for the state.” "
        "Then she said, “We need more funding for this work.” "
        "“It will take years,” he said."
    )
    assert who(text) == [("Jo Li", "Senator")] * 3


def test_the_statement_said_has_no_speaker() -> None:
    q = one("“Applications will reopen in the spring for all applicants,” the statement said.")
    assert (q.speaker, q.speaker_title) == (None, "statement")
    q = one("The press release said: “Applications will reopen in the spring.”")
    assert (q.speaker, q.speaker_title) == (None, "statement")


def test_titles_in_any_case_and_apposition() -> None:
    q = one("FBI director Christopher Wray noted: “We will not stop until every vendor is found.”")
    assert (q.speaker, q.speaker_title) == ("Christopher Wray", "FBI director")
    q = one("“We do not negotiate with those who threaten us,” said Wray, the FBI director.")
    assert (q.speaker, q.speaker_title) == ("Wray", "FBI director")
    q = one("State Police Superintendent Kim Ode added, “Roads will stay closed until Friday.”")
    assert (q.speaker, q.speaker_title) == ("Kim Ode", "State Police Superintendent")


def test_name_between_title_and_qualifier() -> None:
    text = (
        "“Today’s sentence sends a clear message,” said U.S. Attorney Jane Doe for the "
        "Southern District of Florida."
    )
    assert who(text) == [("Jane Doe", "U.S. Attorney for the Southern District of Florida")]
    text = "Special Agent in Charge Ana de la Cruz of the FBI Miami Field Office said, “Done.”"
    assert who(text) == [
        ("Ana de la Cruz", "Special Agent in Charge of the FBI Miami Field Office")
    ]


def test_unrelated_according_to_does_not_hide_the_speaker() -> None:
    q = one("According to reports, FBI Director Christopher Wray said, “We will not stop.”")
    assert (q.speaker, q.speaker_title) == ("Christopher Wray", "FBI Director")


def test_short_name_resolves_to_the_fullest_earlier_form() -> None:
    text = (
        "Attorney General Merrick B. Garland announced the results on Tuesday. "
        "“Justice is patient and it is thorough,” Garland said."
    )
    assert who(text) == [("Merrick B. Garland", "Attorney General")]
    text = "Ana de la Cruz said, “We are done.” Later, “We are done with this,” de la Cruz said."
    assert who(text) == [("Ana de la Cruz", None), ("Ana de la Cruz", None)]


def test_dash_attribution_at_line_end() -> None:
    assert who("“It is over now for all of them.” — Governor Whitfield\nNext.") == [
        ("Whitfield", "Governor")
    ]


# --- what is not a statement -----------------------------------------------------------


def test_scare_quotes_and_names_of_things_are_skipped() -> None:
    text = (
        "Officials called it a “huge success” and ran a campaign known as "
        "“Operation ProtecTor” with the “Joint Criminal Opioid and Darknet Enforcement” team."
    )
    assert extract_quotes(text) == []


def test_short_quote_is_kept_when_attributed() -> None:
    q = one("“Not yet,” Reyes-Dunn said.")
    assert (q.text, q.speaker) == ("Not yet,", "Reyes-Dunn")


def test_unattributed_sentence_of_four_words_is_kept() -> None:
    q = one("Then came the line “we will be back soon” in bold.")
    assert (q.text, q.speaker, q.speaker_title) == ("we will be back soon", None, None)


# --- speed -----------------------------------------------------------------------------


def test_one_megabyte_with_hostile_marks_is_read_whole() -> None:
    seed = DOJ_SPUN.read_text(encoding="utf-8")
    hostile = "“unclosed 'x ‘y said " * 2000 + "\n" + '" ' * 20000 + "it's " * 20000
    text = (seed + "\n\n") * (1_000_000 // (len(seed) + 2)) + hostile
    quotes = extract_quotes(text)  # its speed is measured by bench/robustness.py
    assert len(text) > 1_000_000
    assert len(quotes) >= 3 * 190


# --- speaker keys ----------------------------------------------------------------------


def test_partial_forms_share_one_key() -> None:
    forms = ["Garland", "Merrick Garland", "Attorney General Merrick B. Garland", "AG Garland"]
    assert {speaker_key(f) for f in forms} == {"garland"}


def test_key_keeps_hyphens_and_particles_and_drops_suffixes() -> None:
    assert speaker_key("Reyes-Dunn") == "reyes-dunn"
    assert speaker_key("President Ursula von der Leyen") == speaker_key("von der Leyen") == "leyen"
    assert speaker_key("José Núñez Jr.") == "nunez"
    assert speaker_key("P.J. Lechleitner") == "lechleitner"
    assert speaker_key("Attorney General") is None
    assert speaker_key(None) is None


def test_same_speaker_checks_first_initials_when_both_known() -> None:
    assert same_speaker("Garland", "Merrick B. Garland")
    assert same_speaker("M. Garland", "Attorney General Merrick B. Garland")
    assert not same_speaker("Jane Garland", "Merrick B. Garland")
    assert not same_speaker("Christopher Wray", "Merrick B. Garland")


# --- attribution shapes of news rewrites and forum posts ------------------------------


def test_apposition_between_name_and_verb() -> None:
    q = one("Merrick Garland, the attorney general, said: “We will find you wherever you hide.”")
    assert (q.speaker, q.speaker_title) == ("Merrick Garland", "attorney general")
    q = one("Lt. Grace Okonkwo, who leads the robbery unit, said, “Nobody was hurt at all.”")
    assert q.speaker == "Grace Okonkwo"
    q = one("“The landlord will not answer the phone,” Linda Ferraro, a neighbor, said.")
    assert q.speaker == "Linda Ferraro"
    q = one("“Heat is the deadliest weather we face here,” Mensah, 58, said at a briefing.")
    assert q.speaker == "Mensah"
    text = (
        "Merrick Garland, speaking at a news conference in Washington on Tuesday, said the "
        "department “will find you and hold you accountable.”"
    )
    assert who(text) == [("Merrick Garland", None)]


def test_like_x_said_names_x() -> None:
    assert who("Like Elena Whitfield said, “we will fix the worst bridges first.”") == [
        ("Elena Whitfield", None)
    ]


def test_pronoun_goes_to_the_person_of_the_last_sentence_that_names_one() -> None:
    text = (
        "“We will rebuild every bridge,” said Governor Elena Whitfield.\n\n"
        "FBI Director Christopher Wray spoke to reporters on Tuesday. "
        "“We will find every vendor,” he said."
    )
    assert who(text) == [("Elena Whitfield", "Governor"), ("Christopher Wray", "FBI Director")]
    text = (
        "Attorney General Merrick B. Garland thanked FBI Director Christopher Wray for his "
        "work. “Justice is patient and it is thorough,” he said."
    )
    assert who(text) == [("Merrick B. Garland", "Attorney General")]
    text = (
        "Transportation Secretary Tomás Reyes-Dunn spoke on Friday. "
        "(“A closed lane is a small price to pay,” he added.)"
    )
    assert who(text) == [("Tomás Reyes-Dunn", "Transportation Secretary")]


def test_a_title_alone_names_the_person_mentioned_with_it() -> None:
    text = (
        "Governor Elena Whitfield visited the site on Monday. "
        "“This program fixes the worst bridges first,” the governor said."
    )
    assert who(text) == [("Elena Whitfield", "Governor")]
    assert who("“Their associates use every means possible,” a DEA spokeswoman said.") == [
        (None, "DEA spokeswoman")
    ]


def test_the_statement_said_names_the_agency_that_issued_it() -> None:
    text = (
        "In a statement on Monday, the Harbor City Water Department said it was working "
        "with residents. “Boil tap water for at least one minute,” the statement said."
    )
    assert who(text) == [("Harbor City Water Department", "statement")]


def test_the_department_said_names_the_department_in_its_fullest_form() -> None:
    text = (
        "The Harbor City Water Department issued a notice on Monday.\n\n"
        "Water Department Director Luis Ferreira said, “We take every precaution here.”\n\n"
        "“Infants should be bathed with boiled or bottled water,” according to the department."
    )
    assert who(text) == [("Luis Ferreira", "Water Department Director"),
                         ("Harbor City Water Department", None)]  # fmt: skip
    text = (
        "The Consumer Product Safety Board (CPSB) announced a recall. "
        "“Stop using the recalled night-lights now,” CPSB said."
    )
    assert who(text) == [("Consumer Product Safety Board", None)]
    assert who("“Stop using the recalled night-lights now,” the board said.") == [(None, "board")]


def test_spun_attributions() -> None:
    q = one("FBI Director Christopher Wray famous, “The FBI is proud to stand with partners.”")
    assert q.speaker == "Christopher Wray"
    q = one("In step with Executive Director Maria van der Linden, “One ship in ten was unfit.”")
    assert (q.speaker, q.speaker_title) == ("Maria van der Linden", "Executive Director")


def test_dash_attribution_with_a_title_after_the_name_or_a_hard_wrap() -> None:
    text = (
        "“The illicit movement of opioids poses a threat” — P.J. Lechleitner, ICE deputy director"
    )
    assert who(text) == [("P.J. Lechleitner", "ICE deputy director")]
    text = (
        "“The illicit movement of opioids poses a threat” — ICE\nDeputy Director P.J. Lechleitner"
    )
    assert who(text) == [("P.J. Lechleitner", "ICE Deputy Director")]


def test_a_quote_split_by_its_attribution_keeps_the_speaker() -> None:
    text = (
        "“You can try to hide in the furthest reaches,” Garland told CNN on Tuesday, "
        "“but the Justice Department will find you.”"
    )
    assert who(text) == [("Garland", None), ("Garland", None)]
    text = (
        "“We will rebuild,” said Governor Whitfield. Wray disagreed: “That is not a plan at all.”"
    )
    assert who(text) == [("Whitfield", "Governor"), (None, None)]


def test_plural_sources_and_days_are_not_names() -> None:
    assert who("Critics said the program was “a bailout for the contractors” this year.") == [
        (None, None)
    ]
    assert who("Wray said on Tuesday, “We will find every vendor on the market.”") == [
        ("Wray", None)
    ]


# --- marks: hard wraps, single marks, headlines -----------------------------------------


def test_a_hard_wrapped_quote_and_attribution_are_read_across_lines() -> None:
    text = "Governor Whitfield said, “We will rebuild every\nbridge in the county.”"
    q = one(text)
    assert q.text == "We will rebuild every\nbridge in the county."
    assert text[q.start : q.end] == q.text and q.speaker == "Whitfield"
    text = "“We will rebuild every bridge in the county,” said\nGovernor Elena Whitfield."
    assert who(text) == [("Elena Whitfield", "Governor")]


def test_single_marks_multi_paragraph_and_a_closing_mark_after_s() -> None:
    text = "Mr Garland said: ‘The first paragraph of it.\n\n‘The second paragraph ends it.’"
    q = one(text)
    assert q.text == "The first paragraph of it.\nThe second paragraph ends it."
    q = one("Mr O’Neil said: ‘the clerks who spoke up deserve our thanks’")
    assert q.text == "the clerks who spoke up deserve our thanks"
    q = one("Ms Brooks said: ‘…we grabbed the dog and the photo albums.’")
    assert q.text == "…we grabbed the dog and the photo albums."


def test_a_quoted_headline_is_not_a_statement() -> None:
    text = "Saw the headline “Health department issues heat advisory, opens 23 centers” today."
    assert extract_quotes(text) == []
    text = "A public awareness campaign known as “Stay cool, check on your neighbors” ran."
    assert extract_quotes(text) == []


def test_an_aside_in_brackets_and_a_title_given_in_apposition() -> None:
    assert who("Garland (pictured) said: “Our message to criminals is this.”") == [
        ("Garland", None)
    ]
    text = (
        "Christopher Wray, the FBI director, spoke last. “We will join forces with our "
        "partners around the globe,” the FBI director added."
    )
    assert who(text) == [("Christopher Wray", "FBI director")]


def test_a_statement_from_an_agency() -> None:
    text = "A statement from the Harbor City Water Department read: “Boil tap water first.”"
    assert who(text) == [("Harbor City Water Department", "statement")]


def test_a_name_and_a_colon_before_a_quote() -> None:
    assert who("Gov. Elena Whitfield: “We will rebuild every bridge in the county.”") == [
        ("Elena Whitfield", "Gov.")
    ]
    text = "Garland said, “We will find you.” Fair enough.\nGarland: “You can try to hide.”"
    assert who(text) == [("Garland", None), ("Garland", None)]
    # a single word is a name only when the document names that person elsewhere
    assert who("Update: “We will rebuild every bridge in the county by spring.”") == [(None, None)]


# Issue 13: speakers read from the sentence around the quote.


def test_subject_of_a_lead_in_with_a_colon_speaks() -> None:
    text = (
        "Mira Tallent, chair of the Osterby water board, had the following to offer: "
        "“We will test every well in the valley before the summer.”"
    )
    assert who(text)[0][0] == "Mira Tallent"


def test_stating_colon_after_a_name_and_apposition() -> None:
    text = (
        "Director Anselm Krug remarked on the cleanup, stating: "
        "“The river will be open to boats again by the end of June.”"
    )
    assert who(text)[0][0] == "Anselm Krug"


def test_quote_after_a_sentence_naming_the_speaker_without_a_verb() -> None:
    text = (
        "Shelter director Petra Lindqvist has run the place for years. She sounded tired.\n\n"
        "“We have never had this many families at the door in one week.”"
    )
    assert who(text)[0][0] == "Petra Lindqvist"


def test_short_quote_after_a_pause_goes_on_with_the_last_speaker() -> None:
    text = (
        "Chief Orin Baptiste said the roads would fool drivers. "
        "“There will be dry stretches between the icy ones.” A pause. “Slow down.”"
    )
    assert [w[0] for w in who(text)] == ["Orin Baptiste", "Orin Baptiste"]


def test_an_unknown_capital_word_before_a_colon_is_not_a_speaker() -> None:
    assert who("Heard on the radio: “The ferry will not run again until Thursday night.”") == [
        (None, None)
    ]


def test_a_title_before_a_name_is_not_part_of_the_name() -> None:
    text = "“We close the pool at noon on hot days,” said Councilmember Ilse Ravn."
    assert who(text)[0][0] == "Ilse Ravn"


def test_a_title_then_a_name_after_said_gives_the_name() -> None:
    text = (
        "By Rowan Pike | Senn Valley Post\n\n"
        "“Every well within a mile of the spill will be tested twice,” said Senn County's"
        " water commissioner, Dr. Amara Lindqvist. Six wells are already closed."
    )
    q = extract_quotes(text)[0]
    assert (q.speaker, q.speaker_title) == ("Amara Lindqvist", "Senn County's water commissioner")


def test_a_name_qualified_by_its_office_is_the_speaker_not_the_office() -> None:
    text = 'Lindqvist from the water office said "Boil your water until the notice is lifted."'
    assert extract_quotes(text)[0].speaker == "Lindqvist"


def test_an_agencys_release_noted_that_is_the_agency_speaking() -> None:
    text = (
        "Harbour Safety Board inspector Ada Lisle said on Monday the pier was sound."
        ' The board\'s release noted that "swimming off the north pier is allowed again".'
    )
    q = extract_quotes(text)[0]
    assert (q.speaker, q.speaker_title) == ("Harbour Safety Board", "statement")


def test_a_forum_header_line_is_no_part_of_the_next_lines_attribution() -> None:
    text = (
        "Quote from: tidewatcher on May 02, 2026, 07:41:10 PM\n"
        'The inspector said "the pier will be closed for at least a week" which is fine'
    )
    assert extract_quotes(text)[0].speaker_title == "inspector"


def test_a_mark_glued_to_the_sentence_before_opens_a_quote() -> None:
    text = (
        "Rafe Dunmore, the harbour master, said tides were the worry.“High water on Friday"
        " will reach the car park,” he said.\n\n"
        'And Dunmore said "Move your car." on the radio.”Boats on the slip should be'
        " lashed down before dark.”"
    )
    found = [(q.text, q.speaker) for q in extract_quotes(text)]
    assert found[0] == ("High water on Friday will reach the car park,", "Rafe Dunmore")
    assert found[-1] == (
        "Boats on the slip should be lashed down before dark.",
        "Rafe Dunmore",
    )


def test_a_single_quoted_continuation_keeps_the_speaker_of_the_one_before() -> None:
    text = (
        "Inspector Bryony Hale of the harbour police had advice for boat owners.\n\n"
        "‘Lock the outboard to the transom, every night,’ the inspector said on Friday."
        " ‘Most of the engines we recover were taken from boats left unlocked.’"
    )
    found = [(q.text[:12], q.speaker) for q in extract_quotes(text)]
    assert found == [("Lock the out", "Bryony Hale"), ("Most of the ", "Bryony Hale")]


def test_single_quotes_after_a_colon_in_a_headline_are_speech() -> None:
    text = "Ferry skipper: 'we should never have left the harbour'\n\nThe storm came early."
    assert [q.text for q in extract_quotes(text)] == ["we should never have left the harbour"]
    later = "The storm came early.\n\nA sign: 'no mooring beyond this point today'"
    assert extract_quotes(later) == []


def test_two_words_after_a_speech_verb_are_a_scare_quote_not_a_statement() -> None:
    text = (
        'Harbour master Rafe Dunmore said: "The pier stays shut for nine more days."\n\n'
        'Reply: so Dunmore said "nine days"?? That is the whole regatta.'
    )
    assert [q.text for q in extract_quotes(text)] == ["The pier stays shut for nine more days."]
    assert one("“Not today,” Dunmore said.").text == "Not today,"


def test_a_quote_over_paragraphs_reopened_without_closing_is_one_quote() -> None:
    text = (
        "Rafe Dunmore, the harbour master, said:\n\n"
        "“The pier stays shut until the divers have checked every pile.\n\n"
        "“After that we open the north side first, then the south side a week later.”"
    )
    q = one(text)
    assert q.speaker == "Rafe Dunmore"
    assert q.text.endswith("a week later.") and q.text.count("\n") == 1
