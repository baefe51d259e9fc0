"""Voice: quoted, reported and outlet words, speakers, attributions and scare quotes.

Every text here is written for these tests (a made-up harbour town); the real sample article is
only read through the ``sample_article`` fixture and checked on short phrases.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.text import TextModel, build_text
from analysis.voice import Attribution, Quotation, Voice, VoiceMap, analyse_voice


def analyse(text: str) -> tuple[TextModel, VoiceMap]:
    model = build_text(text)
    return model, analyse_voice(model)


def span(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    """Offsets of the first ``phrase`` at or after ``after``."""
    start = text.index(phrase, after)
    return start, start + len(phrase)


def voices_of(text: str, phrase: str, after: int = 0) -> set[tuple[Voice, str | None]]:
    """The (voice, speaker) pairs of the tokens of ``phrase``."""
    model, voice_map = analyse(text)
    start, end = span(text, phrase, after)
    return {
        (voice_map.voices[i], voice_map.speakers[i])
        for i, token in enumerate(model.tokens)
        if start <= token.start and token.end <= end
    }


def only(voice_map: VoiceMap, kind: str) -> list[Quotation]:
    return [q for q in voice_map.quotations if q.kind == kind]


# -- the outlet's own words -------------------------------------------------------------------


def test_plain_text_is_all_outlet() -> None:
    text = "The council met on Tuesday. The vote on the harbour wall passed by seven to four."
    model, voice_map = analyse(text)
    assert voice_map.voices == (Voice.OUTLET,) * len(model.tokens)
    assert voice_map.speakers == (None,) * len(model.tokens)
    assert voice_map.quotations == ()
    assert voice_map.attributions == ()


def test_empty_text() -> None:
    voice_map = analyse_voice(build_text(""))
    assert voice_map.voices == voice_map.speakers == voice_map.quotations == ()
    assert voice_map.voice_at(0) is Voice.OUTLET
    assert voice_map.speaker_at(0) is None


# -- direct quotations ------------------------------------------------------------------------


def test_curly_quotation_with_attribution_after() -> None:
    text = "The wall is failing. “We will rebuild it before winter,” the mayor said on Tuesday."
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    start, _ = span(text, "“")
    _, end = span(text, "”")
    inner_start, inner_end = span(text, "We will rebuild it before winter,")
    speaker_start, speaker_end = span(text, "the mayor")
    verb_start, verb_end = span(text, "said")
    assert quote == Quotation(
        start,
        end,
        inner_start,
        inner_end,
        "the mayor",
        speaker_start,
        speaker_end,
        "said",
        "neutral",
        "direct",
    )
    assert voice_map.attributions == (
        Attribution(
            "the mayor",
            speaker_start,
            speaker_end,
            "said",
            verb_start,
            verb_end,
            "neutral",
            1,
            "after",
        ),
    )
    assert voices_of(text, "We will rebuild it before winter") == {(Voice.QUOTED, "the mayor")}
    # The marks and the attribution are the outlet's.
    assert voices_of(text, "“") == {(Voice.OUTLET, None)}
    assert voices_of(text, "” the mayor said on Tuesday.") == {(Voice.OUTLET, None)}
    assert voices_of(text, "The wall is failing.") == {(Voice.OUTLET, None)}


def test_straight_quotation_with_inverted_attribution() -> None:
    text = '"The road is open again," said Inspector Maya Coll of Ellery Police.'
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    assert text[quote.inner_start : quote.inner_end] == "The road is open again,"
    assert (quote.start, quote.end) == (0, text.index("said") - 1)
    assert quote.speaker == "Maya Coll"
    assert text[quote.speaker_start : quote.speaker_end] == "Inspector Maya Coll of Ellery Police"
    (attribution,) = voice_map.attributions
    assert attribution.position == "after"
    assert voices_of(text, "The road is open again") == {(Voice.QUOTED, "Maya Coll")}


def test_attribution_before_a_colon() -> None:
    text = "Maya Coll said: “Nobody was hurt.”"
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    assert (quote.speaker, quote.verb, quote.kind) == ("Maya Coll", "said", "direct")
    assert text[quote.inner_start : quote.inner_end] == "Nobody was hurt."
    (attribution,) = voice_map.attributions
    assert attribution.position == "before"
    assert (attribution.speaker_start, attribution.speaker_end) == span(text, "Maya Coll")


def test_attribution_inside_a_quotation() -> None:
    text = "“We will win,” he said, “and soon.”"
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    assert (quote.start, quote.end) == (0, len(text))
    assert text[quote.inner_start : quote.inner_end] == "We will win,” he said, “and soon."
    (attribution,) = voice_map.attributions
    assert attribution.position == "inside"
    assert (attribution.verb_start, attribution.verb_end) == span(text, "said")
    assert voices_of(text, "We will win") == {(Voice.QUOTED, "he")}
    assert voices_of(text, "and soon") == {(Voice.QUOTED, "he")}
    assert voices_of(text, "he said,") == {(Voice.OUTLET, None)}


def test_quotation_of_several_sentences() -> None:
    text = "“The wall is old. It will not hold another winter,” said Ruth Abara. The vote is due."
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    assert text[quote.inner_start : quote.inner_end] == (
        "The wall is old. It will not hold another winter,"
    )
    assert voices_of(text, "The wall is old. It will not hold another winter") == {
        (Voice.QUOTED, "Ruth Abara")
    }
    assert voices_of(text, "The vote is due.") == {(Voice.OUTLET, None)}


def test_quotation_continues_into_the_next_paragraph() -> None:
    text = (
        "Tessa Quill said: “We will fight this plan.\n\n"
        "“We will not stop until it is dropped,” she added.\n\n"
        "The talks resume on Monday."
    )
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    assert quote.start == text.index("“We will fight")
    assert quote.end == text.index(" she added")
    assert quote.speaker == "Tessa Quill"
    assert [a.verb for a in voice_map.attributions] == ["said", "added"]
    assert voices_of(text, "We will fight this plan.") == {(Voice.QUOTED, "Tessa Quill")}
    assert voices_of(text, "We will not stop until it is dropped") == {
        (Voice.QUOTED, "Tessa Quill")
    }
    # The mark that reopens the quotation is punctuation of the outlet's, like the others.
    assert voices_of(text, "“We will not") - voices_of(text, "We will not") == {
        (Voice.OUTLET, None)
    }
    assert voices_of(text, "The talks resume on Monday.") == {(Voice.OUTLET, None)}


def test_same_paragraph_quotation_keeps_its_speaker() -> None:
    text = "“The wall is old,” Ruth Abara said. “It will not hold another winter.”"
    _model, voice_map = analyse(text)
    first, second = voice_map.quotations
    assert first.speaker == second.speaker == "Ruth Abara"
    assert second.verb is None  # no verb of its own
    assert (second.speaker_start, second.speaker_end) == span(text, "Ruth Abara")
    assert voices_of(text, "It will not hold another winter.") == {(Voice.QUOTED, "Ruth Abara")}


def test_nested_single_quotes_stay_in_the_quotation() -> None:
    text = "“He told me ‘never again’ and walked out,” she said."
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    assert text[quote.inner_start : quote.inner_end] == "He told me ‘never again’ and walked out,"
    assert voices_of(text, "‘never again’") == {(Voice.QUOTED, "she")}


def test_single_quotes_as_quotation_marks() -> None:
    text = "'The workers' rights matter,' said Ann Lee."
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    assert text[quote.inner_start : quote.inner_end] == "The workers' rights matter,"
    assert quote.speaker == "Ann Lee"


@pytest.mark.parametrize(
    "text",
    [
        "The union's leaders don't want Russia’s help.",
        "He pointed to the Americans’ failure in training the rebels.",
        "In the '90s the dockers' pay rose; in the ‘80s it fell.",
        "It was ’tis the season and rock ’n’ roll all night.",
        "The Calder Dock Workers’ Union met the owners' lawyers.",
    ],
)
def test_apostrophes_are_never_quotation_marks(text: str) -> None:
    model, voice_map = analyse(text)
    assert voice_map.quotations == ()
    assert voice_map.voices == (Voice.OUTLET,) * len(model.tokens)


def test_apostrophes_inside_a_quotation() -> None:
    text = "“I’m not the villain here, and the dockers’ union knows it,” Ann Lee said."
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    assert text[quote.inner_start : quote.inner_end] == (
        "I’m not the villain here, and the dockers’ union knows it,"
    )


# -- unbalanced quotation marks ---------------------------------------------------------------


def test_unclosed_quotation_stops_at_its_paragraph() -> None:
    text = "He called the plan “a disaster and walked out.\n\nThe next paragraph is the outlet's."
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    assert quote.start == text.index("“")
    assert quote.end == quote.inner_end == text.index("\n\n")
    assert voices_of(text, "The next paragraph is the outlet's.") == {(Voice.OUTLET, None)}


def test_new_quotation_ends_an_unclosed_one() -> None:
    text = "“We will win, he said. “Nobody can stop us,” she added."
    _model, voice_map = analyse(text)
    first, second = voice_map.quotations
    assert first.end == text.index(" “Nobody")
    assert text[second.inner_start : second.inner_end] == "Nobody can stop us,"


def test_stray_marks_are_ignored() -> None:
    text = 'The 12" pipe burst.” Nobody was hurt.'
    model, voice_map = analyse(text)
    assert voice_map.quotations == ()
    assert voice_map.voices == (Voice.OUTLET,) * len(model.tokens)


# -- scare quotes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Nobody knows where the so-called “harbour defenders” are.", "harbour defenders"),
        ("The town asked the “Free Fleet” to leave.", "Free Fleet"),
        ("Marchers set off on the union's “peaceful” march.", "peaceful"),
        ("The ferry, which the council called a 'lifeline', was late.", "lifeline"),
    ],
)
def test_scare_quote_is_the_outlets_doubt(text: str, term: str) -> None:
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    assert quote.kind == "scare"
    assert text[quote.inner_start : quote.inner_end] == term
    assert (quote.start, quote.end) == (quote.inner_start - 1, quote.inner_end + 1)
    assert (quote.speaker, quote.verb, quote.verb_class) == (None, None, None)
    assert voices_of(text, term) == {(Voice.OUTLET, None)}


def test_scare_quote_inside_reported_speech() -> None:
    text = "Ruth Abara said the so-called “harbour defenders” did not exist."
    _model, voice_map = analyse(text)
    (scare,) = only(voice_map, "scare")
    assert text[scare.inner_start : scare.inner_end] == "harbour defenders"
    assert scare.speaker is None
    (reported,) = only(voice_map, "reported")
    assert reported.speaker == "Ruth Abara"
    # The words keep the voice of their clause; the scare quote record marks the doubt.
    assert voices_of(text, "harbour defenders") == {(Voice.REPORTED, "Ruth Abara")}


def test_term_without_speaker_is_scare_but_sentence_with_speaker_is_direct() -> None:
    text = "Critics doubt the “reform”. “This reform will fail,” he said."
    _model, voice_map = analyse(text)
    scare, direct = voice_map.quotations
    assert (scare.kind, text[scare.inner_start : scare.inner_end]) == ("scare", "reform")
    assert (direct.kind, direct.speaker) == ("direct", "he")
    assert text[direct.inner_start : direct.inner_end] == "This reform will fail,"


def test_partial_quotation_in_reported_speech_is_direct() -> None:
    text = "Ruth Abara said the council had met “behind closed doors” and would “regret it”."
    _model, voice_map = analyse(text)
    first, second = only(voice_map, "direct")
    assert text[first.inner_start : first.inner_end] == "behind closed doors"
    assert text[second.inner_start : second.inner_end] == "regret it"
    assert first.speaker == second.speaker == "Ruth Abara"
    assert voices_of(text, "behind closed doors") == {(Voice.QUOTED, "Ruth Abara")}
    assert voices_of(text, "the council had met") == {(Voice.REPORTED, "Ruth Abara")}


def test_speakers_word_in_a_reported_predicate_is_direct() -> None:
    text = "Residents said the march was “peaceful”."
    _model, voice_map = analyse(text)
    (direct,) = only(voice_map, "direct")
    assert (direct.speaker, text[direct.inner_start : direct.inner_end]) == (
        "residents",
        "peaceful",
    )


# -- reported speech --------------------------------------------------------------------------


def test_said_that_reports_the_clause() -> None:
    text = "Ruth Abara said that the wall would be rebuilt by May. The work starts soon."
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    clause_start, clause_end = span(text, "the wall would be rebuilt by May")
    assert quote == Quotation(
        clause_start,
        clause_end,
        clause_start,
        clause_end,
        "Ruth Abara",
        0,
        len("Ruth Abara"),
        "said",
        "neutral",
        "reported",
    )
    (attribution,) = voice_map.attributions
    assert (attribution.position, attribution.sentence) == ("before", 0)
    assert voices_of(text, "the wall would be rebuilt by May") == {(Voice.REPORTED, "Ruth Abara")}
    assert voices_of(text, "Ruth Abara said that") == {(Voice.OUTLET, None)}
    assert voices_of(text, "The work starts soon.") == {(Voice.OUTLET, None)}


def test_told_reporters() -> None:
    text = "The mayor told reporters on Monday that the bridge would reopen."
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    assert text[quote.start : quote.end] == "the bridge would reopen"
    assert quote.speaker == "the mayor"
    assert (quote.verb or "").startswith("told")
    assert voices_of(text, "told reporters on Monday that") == {(Voice.OUTLET, None)}


def test_claimed_is_a_loaded_attribution() -> None:
    text = "The contractor claimed the wall was safe. The engineer admitted that it was not."
    _model, voice_map = analyse(text)
    claimed, admitted = voice_map.quotations
    assert (text[claimed.start : claimed.end], claimed.verb, claimed.verb_class) == (
        "the wall was safe",
        "claimed",
        "loaded",
    )
    assert (admitted.speaker, admitted.verb, admitted.verb_class) == (
        "the engineer",
        "admitted",
        "loaded",
    )


def test_according_to_before_the_clause() -> None:
    text = "According to the harbour authority, the quay was closed for three hours."
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    assert text[quote.start : quote.end] == "the quay was closed for three hours"
    assert quote.speaker == "the harbour authority"
    assert (quote.verb, voice_map.attributions[0].position) == ("According to", "before")
    assert voices_of(text, "According to the harbour authority,") == {(Voice.OUTLET, None)}


def test_according_to_after_the_clause() -> None:
    text = "Paramedics treated one marcher, according to the ambulance service."
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    assert text[quote.start : quote.end] == "Paramedics treated one marcher"
    assert (quote.speaker, voice_map.attributions[0].position) == (
        "the ambulance service",
        "after",
    )


def test_attribution_after_and_inside_a_clause() -> None:
    after = "Seven people were arrested, police said on Thursday."
    _model, voice_map = analyse(after)
    (quote,) = voice_map.quotations
    assert after[quote.start : quote.end] == "Seven people were arrested"
    assert (quote.speaker, voice_map.attributions[0].position) == ("police", "after")

    inside = "The plan, officials said, would cost millions."
    _model, voice_map = analyse(inside)
    (quote,) = voice_map.quotations
    assert inside[quote.start : quote.end] == "The plan, officials said, would cost millions"
    assert voice_map.attributions[0].position == "inside"
    assert voices_of(inside, "The plan") == {(Voice.REPORTED, "officials")}
    assert voices_of(inside, "would cost millions") == {(Voice.REPORTED, "officials")}
    assert voices_of(inside, ", officials said,") == {(Voice.OUTLET, None)}


def test_two_reports_joined_by_but() -> None:
    text = "She claimed that 400 jobs would go — but the authority insists most will stay."
    _model, voice_map = analyse(text)
    first, second = voice_map.quotations
    assert text[first.start : first.end] == "400 jobs would go"
    assert (second.speaker, text[second.start : second.end]) == (
        "the authority",
        "most will stay",
    )


def test_nested_report_stays_with_the_outer_speaker() -> None:
    text = "Ruth Abara said that the contractor claims the wall is safe, which is not true."
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    assert quote.speaker == "Ruth Abara"
    assert text[quote.start : quote.end] == (
        "the contractor claims the wall is safe, which is not true"
    )
    assert [a.verb for a in voice_map.attributions] == ["said"]


def test_second_verb_of_the_same_speaker_is_the_outlets() -> None:
    text = "The union said it would strike, and added that talks had failed."
    _model, voice_map = analyse(text)
    first, second = voice_map.quotations
    assert text[first.start : first.end] == "it would strike"
    assert (second.speaker, second.verb, text[second.start : second.end]) == (
        "the union",
        "added",
        "talks had failed",
    )
    assert voices_of(text, ", and added that") == {(Voice.OUTLET, None)}


def test_report_in_a_relative_clause_ends_with_it() -> None:
    text = "The minister's plan, which critics say will cost jobs, passed on Friday."
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    assert (quote.speaker, text[quote.start : quote.end]) == ("critics", "will cost jobs")
    assert voices_of(text, "passed on Friday.") == {(Voice.OUTLET, None)}


def test_named_hearer_is_not_reported() -> None:
    text = "He told The Ellery Post the plan was dead."
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    assert text[quote.start : quote.end] == "the plan was dead"


def test_speech_verb_used_as_a_noun_is_no_attribution() -> None:
    text = "He rejected Western media claims that the ferry had sunk."
    _model, voice_map = analyse(text)
    assert only(voice_map, "reported") == []


def test_negated_speech_verb_reports_nothing() -> None:
    text = "He did not say whose jobs would go."
    _model, voice_map = analyse(text)
    assert voice_map.quotations == ()


def test_headline_name_and_colon() -> None:
    text = (
        "Abara: the harbour wall will not last another winter\n\n"
        "Harbour Minister Ruth Abara said the wall was crumbling."
    )
    _model, voice_map = analyse(text)
    headline = voice_map.quotations[0]
    assert text[headline.start : headline.end] == "the harbour wall will not last another winter"
    assert (headline.speaker, headline.verb, headline.kind) == ("Ruth Abara", None, "reported")
    assert [a.verb for a in voice_map.attributions] == ["said"]  # a colon is no verb


def test_headline_colon_without_a_known_person_stays_the_outlets() -> None:
    text = "Harbour: what happens next\n\nThe council meets on Friday."
    _model, voice_map = analyse(text)
    assert voice_map.quotations == ()


# -- speakers ---------------------------------------------------------------------------------


def test_pronouns_resolve_to_the_most_recent_compatible_speaker() -> None:
    text = (
        "Ruth Abara said the wall was crumbling. Mr Dunn said the survey was wrong. "
        "She added that repairs had waited too long. He said the money was not there."
    )
    _model, voice_map = analyse(text)
    speakers = [a.speaker for a in voice_map.attributions]
    assert speakers == ["Ruth Abara", "Dunn", "Ruth Abara", "Dunn"]
    she = voice_map.attributions[2]
    assert text[she.speaker_start : she.speaker_end] == "She"
    assert voices_of(text, "repairs had waited too long") == {(Voice.REPORTED, "Ruth Abara")}


def test_it_and_they_refer_to_organisations_and_groups() -> None:
    text = (
        "The ministry said in a statement that the report was false. "
        "It added that an inquiry would follow. "
        "Dock workers said the pay offer was too low. They said that a vote was due."
    )
    _model, voice_map = analyse(text)
    assert [a.speaker for a in voice_map.attributions] == [
        "the ministry",
        "the ministry",
        "dock workers",
        "dock workers",
    ]


def test_unresolved_pronoun_keeps_its_surface() -> None:
    text = "“We are ready,” they said."
    _model, voice_map = analyse(text)
    assert voice_map.quotations[0].speaker == "they"


def test_role_noun_resolves_to_the_person_introduced_with_it() -> None:
    text = (
        "Harbour Minister Ruth Abara opened the new quay on Friday.\n\n"
        "The minister said the town had waited ten years."
    )
    _model, voice_map = analyse(text)
    (attribution,) = voice_map.attributions
    assert attribution.speaker == "Ruth Abara"
    assert text[attribution.speaker_start : attribution.speaker_end] == "The minister"


def test_role_from_an_apposition() -> None:
    text = (
        "Tom Vell, the union’s general secretary, said that members would vote on Monday. "
        "The union leader said a strike was likely."
    )
    _model, voice_map = analyse(text)
    assert [a.speaker for a in voice_map.attributions] == ["Tom Vell", "Tom Vell"]
    assert voices_of(text, "a strike was likely") == {(Voice.REPORTED, "Tom Vell")}


def test_role_before_a_name_in_apposition() -> None:
    text = (
        "The authority’s chief executive, Gideon Marsh, said costs would fall. "
        "According to the authority, the strike cost two million dollars."
    )
    _model, voice_map = analyse(text)
    speakers = [a.speaker for a in voice_map.attributions]
    # "the authority" is the organisation, not its chief executive.
    assert speakers == ["Gideon Marsh", "the authority"]


def test_surname_resolves_to_the_full_name() -> None:
    text = "Ruth Abara opened the quay. Abara said the work had come in on budget."
    _model, voice_map = analyse(text)
    assert voice_map.attributions[0].speaker == "Ruth Abara"


def test_anonymous_speakers_keep_their_words() -> None:
    text = (
        "A police spokesman said the road had reopened. He added that nobody was hurt. "
        "Officials, speaking on condition of anonymity, said talks had stalled. "
        "Sources said a deal was near."
    )
    _model, voice_map = analyse(text)
    assert [a.speaker for a in voice_map.attributions] == [
        "a police spokesman",
        "a police spokesman",
        "officials",
        "sources",
    ]


def test_relative_clause_speaker() -> None:
    text = "The strike was called by the Ellery Dockers’ Union, which says 400 jobs are at risk."
    _model, voice_map = analyse(text)
    (quote,) = voice_map.quotations
    assert quote.speaker == "Ellery Dockers’ Union"
    assert text[quote.start : quote.end] == "400 jobs are at risk"


# -- a demo-like story ------------------------------------------------------------------------

STORY = """\
Ellery ferry crews strike over timetable cuts

ELLERY — Ferry crews walked off the job on Monday, and officers moved in after a scuffle at \
the terminal gates, police said.

“Most people protested peacefully,” said Superintendent Jo Farrant of Ellery Police. \
“A few did not.”

Nia Brook, the crews’ union secretary, said that the company had cut sailings without asking \
anyone. “They want to run a ferry with no crew,” she told the crowd. The union leader said \
more strikes were possible.

The company’s chief executive, Owen Pell, said the cuts would save money. “Standing still is \
not an option,” Mr Pell said. According to the company, the strike cost 40,000 dollars.

Angry passengers on the so-called “peaceful” picket line were left waiting for hours.
"""


def test_demo_like_story() -> None:
    text = STORY
    _model, voice_map = analyse(text)
    by_text = {text[q.inner_start : q.inner_end]: q for q in voice_map.quotations}
    assert by_text["Most people protested peacefully,"].speaker == "Jo Farrant"
    assert by_text["A few did not."].speaker == "Jo Farrant"
    assert by_text["They want to run a ferry with no crew,"].speaker == "Nia Brook"
    assert by_text["more strikes were possible"].speaker == "Nia Brook"
    assert by_text["more strikes were possible"].kind == "reported"
    assert by_text["Standing still is not an option,"].speaker == "Owen Pell"
    assert by_text["the strike cost 40,000 dollars"].speaker == "the company"
    assert by_text["peaceful"].kind == "scare"
    # The dateline is not part of what the police said.
    assert by_text[
        "Ferry crews walked off the job on Monday, and officers moved in after a scuffle at "
        "the terminal gates"
    ].speaker == ("police")
    assert voices_of(text, "Angry passengers") == {(Voice.OUTLET, None)}
    assert voices_of(text, "Ellery ferry crews strike") == {(Voice.OUTLET, None)}
    verbs = {(a.speaker, a.verb, a.position) for a in voice_map.attributions}
    assert ("Nia Brook", "told", "after") in verbs
    assert ("Jo Farrant", "said", "after") in verbs


# -- offsets ----------------------------------------------------------------------------------


def test_voice_and_speaker_at_offsets() -> None:
    text = "Ruth Abara said: “The wall is old.” The vote is due."
    _model, voice_map = analyse(text)
    assert voice_map.voice_at(text.index("wall")) is Voice.QUOTED
    assert voice_map.speaker_at(text.index("wall")) == "Ruth Abara"
    # A space inside the quotation is the quotation's; the marks and the rest are the outlet's.
    assert voice_map.voice_at(text.index(" wall")) is Voice.QUOTED
    assert voice_map.voice_at(text.index("“")) is Voice.OUTLET
    assert voice_map.voice_at(text.index("vote")) is Voice.OUTLET
    assert voice_map.speaker_at(text.index("vote")) is None
    assert voice_map.voice_at(len(text) + 10) is Voice.OUTLET


# -- properties -------------------------------------------------------------------------------

NEWS_PIECES = st.sampled_from(
    [
        '"', "'", "“", "”", "‘", "’", "«", "»", " ", " ", " ", "\n\n", "\n", ",", ".", ":", ";",
        "—", "?", "he", "She", "said", "told", "according to", "that", "the", "The", "Mr",
        "Abara", "Ruth", "minister", "union", "leader", "claimed", "which", "but", "police",
        "U.S.", "'90s", "don't", "Russia’s", "workers'", "so-called", "in a statement", "adding",
        "was", "not", "it", "they", "😀",
    ]
)  # fmt: skip


@given(st.lists(NEWS_PIECES, max_size=60).map("".join) | st.text(max_size=120))
def test_any_text_gives_one_voice_per_token(text: str) -> None:
    model, voice_map = analyse(text)
    assert len(voice_map.voices) == len(voice_map.speakers) == len(model.tokens)
    for voice, speaker in zip(voice_map.voices, voice_map.speakers, strict=True):
        assert isinstance(voice, Voice)
        assert speaker is None or voice is not Voice.OUTLET
    for quote in voice_map.quotations:
        assert 0 <= quote.start <= quote.inner_start <= quote.inner_end <= quote.end <= len(text)
        assert quote.kind in ("direct", "scare", "reported")
    for attribution in voice_map.attributions:
        assert attribution.position in ("before", "after", "inside")
        assert text[attribution.verb_start : attribution.verb_end].strip()


def test_about_800_words_in_a_few_milliseconds() -> None:
    text = "\n\n".join([STORY.split("\n\n", 1)[1]] * 7)
    model = build_text(text)
    assert 700 <= len(model.words) <= 1000
    analyse_voice(model)
    best = min(_timed(model) for _ in range(5))
    # Measured about 2 ms per 800 words; the bound only catches a runaway (quadratic) pass.
    assert best < 0.05


def _timed(model: TextModel) -> float:
    start = time.perf_counter()
    analyse_voice(model)
    return time.perf_counter() - start


# -- the real sample --------------------------------------------------------------------------


@pytest.mark.datasets
def test_sample_scare_quotes_and_reported_speech(sample_article: Path) -> None:
    text = sample_article.read_text(encoding="utf-8")
    _model, voice_map = analyse(text)
    scare = [text[q.inner_start : q.inner_end] for q in only(voice_map, "scare")]
    assert "moderate opposition" in scare
    sentence = text.index("Lavrov said that the U.S. claims")
    (reported,) = [q for q in voice_map.quotations if q.start == text.index("the U.S.", sentence)]
    assert (reported.kind, reported.speaker, reported.verb) == ("reported", "Sergey Lavrov", "said")
    assert voice_map.voice_at(text.index("far from logical", sentence)) is Voice.REPORTED
    assert voice_map.speaker_at(text.index("far from logical", sentence)) == "Sergey Lavrov"
