"""The explainable scorers, on texts written for the tests and on the real sample."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.normalise import count_words
from analysis.report import ArticleReport, SpeakerCount
from analysis.scoring import CODE_VERSION, _actor_tone, analyze, is_named
from analysis.text import TextModel, build_text
from resources import resource_path

NEUTRAL = (
    "Harbour workers strike over automation plan",
    "Dock workers in Port Calder stopped work on Thursday. The union said 400 jobs were at "
    "risk. The harbour authority said the plan would save money. One officer was injured and "
    "seven people were arrested, police said.",
)
SLANTED = (
    "Militant mob brings city to its knees",
    "A mob of thugs brought the city to its knees on Thursday in an utterly disgraceful display. "
    "The so-called “peaceful” march caused chaos. Union bosses admitted defeat.",
)
QUOTED = (
    "Minister speaks",
    "“These thugs are a disgrace,” said Interior Minister Dana Holt. The march ended at noon.",
)


def loaded(report: ArticleReport) -> dict[str, tuple[str, str]]:
    return {s.text: (s.label, s.voice) for s in report.spans if s.layer == "loaded"}


def test_neutral_report_with_grim_facts_has_no_loaded_words() -> None:
    report = analyze(*NEUTRAL)
    assert loaded(report) == {}
    assert report.scores["loaded_per_100_words"] == 0.0


def test_slanted_report_is_flagged_with_categories_and_reasons() -> None:
    report = analyze(*SLANTED)
    found = loaded(report)
    assert found["mob"] == ("labelling", "outlet")
    assert found["thugs"] == ("labelling", "outlet")
    assert found["to its knees"][0] == "exaggeration"
    assert found["so-called"] == ("doubt", "outlet")
    assert found["“peaceful”"] == ("doubt", "outlet")  # a scare quote
    assert found["admitted"][0] == "loaded_attribution"
    assert found["disgraceful"][0] == "emotional"
    assert report.scores["loaded_per_100_words"] > 15
    for span in report.spans:
        assert report.text[span.start : span.end] == span.text
        assert span.why
        assert 0.0 <= span.score <= 1.0


def test_loaded_words_in_quotations_belong_to_the_speaker() -> None:
    report = analyze(*QUOTED)
    spans = {s.text: s for s in report.spans if s.layer == "loaded"}
    assert spans["thugs"].voice == "quoted"
    assert spans["thugs"].speaker == "Dana Holt"
    assert "Dana Holt" in spans["thugs"].why
    assert report.scores["loaded_per_100_words"] == 0.0
    assert report.scores["loaded_per_100_words_quoted"] > 0
    assert [(s.speaker, s.quotes, s.named) for s in report.speakers] == [("Dana Holt", 1, True)]
    assert report.scores["sources_named"] == 1


def test_title_is_part_of_the_analysed_text() -> None:
    report = analyze(*SLANTED)
    assert report.text.startswith(SLANTED[0] + "\n\n")
    assert any(s.start < len(SLANTED[0]) for s in report.spans if s.layer == "loaded")


def test_hedges_boosters_tone_and_subjectivity() -> None:
    hedged = analyze("Plan", "The plan may reportedly be delayed. Officials could decide later.")
    assert hedged.scores["hedges_per_100_words"] > 0
    boosted = analyze("Plan", "Clearly the plan is undoubtedly a wonderful success for everyone!")
    assert boosted.scores["boosters_per_100_words"] > 0
    assert boosted.scores["tone"] > 0.3
    assert boosted.scores["subjectivity"] == 1.0
    plain = analyze(*NEUTRAL)
    assert plain.scores["subjectivity"] < boosted.scores["subjectivity"]


def test_readability_is_reported_with_the_textstat_version() -> None:
    report = analyze(*NEUTRAL)
    for key in ("flesch_reading_ease", "flesch_kincaid_grade", "smog", "dale_chall"):
        assert isinstance(report.scores[key], float)
    assert report.versions["textstat"] == "0.7.8"
    assert report.versions["analyser"].startswith(f"{CODE_VERSION}+")


def test_other_languages_say_analysis_is_not_available() -> None:
    report = analyze("Titre", "Le gouvernement a présenté un projet de loi.", language="fr")
    assert not report.available
    assert report.note == "analysis not available for fr"
    assert report.spans == ()
    assert report.scores["words"] == 8  # the body's, as the library counts them


def test_json_round_trip() -> None:
    report = analyze(*SLANTED)
    again = ArticleReport.from_json(report.to_json())
    assert again == report
    data = report.to_json(article_id=3, outlet="Star")
    assert {
        "id",
        "title",
        "outlet",
        "text",
        "scores",
        "frames",
        "sentences",
        "spans",
        "versions",
    } <= set(data)
    assert {"start", "end", "text", "layer", "label", "score", "voice", "speaker", "why"} == set(
        data["spans"][0]
    )
    assert {"start", "end", "voice", "speaker", "frame", "bias", "biased"} == set(
        data["sentences"][0]
    )


@pytest.mark.parametrize(
    ("speaker", "named"),
    [
        ("Dana Holt", True),
        ("the minister", False),
        ("officials", False),
        ("a police spokesman", False),
        ("Calder Coast Police", True),
    ],
)
def test_named_and_anonymous_sources(speaker: str, named: bool) -> None:
    assert is_named(speaker) is named


def test_sample_article_expected_highlights(sample_article: Path) -> None:
    title, body = sample_article.read_text(encoding="utf-8").split("\n", 1)
    report = analyze(title.strip(), body.strip())
    texts = {s.text for s in report.spans if s.layer == "loaded"}
    assert "so-called" in texts
    assert "imaginary" in texts
    assert "propaganda" in texts or "malicious propaganda" in texts
    assert "“moderate opposition”" in texts


@settings(max_examples=40)
@given(st.text(max_size=300), st.text(max_size=600))
def test_any_text_is_analysed_with_spans_inside_it(title: str, body: str) -> None:
    report = analyze(title, body)
    for span in report.spans:
        assert 0 <= span.start < span.end <= len(report.text)
        assert report.text[span.start : span.end] == span.text


def reference_actor_tone(
    model: TextModel, sentence_tone: dict[int, float], speakers: list[SpeakerCount]
) -> dict[str, float]:
    """The actor tone rule spelt out: each sentence searched for the surname on its own."""
    tones: dict[str, list[float]] = {}
    for speaker in speakers:
        if not speaker.named:
            continue
        pattern = re.compile(rf"\b{re.escape(speaker.speaker.split()[-1])}\b")
        for index, tone in sentence_tone.items():
            if pattern.search(model.sentence_text(model.sentences[index])):
                tones.setdefault(speaker.speaker, []).append(tone)
    return {name: round(sum(v) / len(v), 3) for name, v in tones.items()}


@pytest.mark.parametrize(
    "text",
    [
        "Vale spoke. Valentine did not. Vale's aides agreed; (Vale) left. End with Vale",
        "O'Neil said no. O'Neil's plan. XO'Neil is not him. Then O'Neil.",
        "Mr Vale-Smith won. Vale-Smith's rival, Vale, lost. Smith stayed.",
        "Workers’ Union. The Union met. Union-busting. union",
    ],
)
def test_actor_tone_is_the_tone_of_sentences_that_name_the_speaker(text: str) -> None:
    model = build_text(text)
    speakers = [
        SpeakerCount(name, 1, 0, True)
        for name in ("Gideon Vale", "Mary O'Neil", "Ann Vale-Smith", "Calder Workers’ Union")
    ]
    tone = {sentence.index: 0.1 * (sentence.index + 1) for sentence in model.sentences}
    assert _actor_tone(model, tone, speakers) == reference_actor_tone(model, tone, speakers)


def test_actor_tone_on_the_demo_story() -> None:
    for path in sorted(resource_path("samples", "demo_story").glob("*.txt")):
        title, body = path.read_text("utf-8").split("\n", 1)
        report = analyze(title.strip(), body.strip())
        model = build_text(report.text)
        tone = {sentence.index: (sentence.index % 7) / 7 - 0.4 for sentence in model.sentences}
        speakers = list(report.speakers)
        assert _actor_tone(model, tone, speakers) == reference_actor_tone(model, tone, speakers)


def test_tone_is_vader_compound_score() -> None:
    from analysis.corpus import frame_examples, loaded_examples
    from analysis.scoring import _sentiment, tone

    vader = _sentiment()
    texts = [example.text for example in loaded_examples()[::3]]
    texts += [example.text for example in frame_examples()[::3]]
    texts += [
        "",
        "No.",
        "Not bad at all :) but the :-( face",
        "The sky is blue 😀",
        "GREAT!!! really?",
        "at least it's kind of okay",
        "ΟΔΟΣ. İstanbul’s “LOVE”.",
    ]
    for text in texts:
        assert tone(text) == vader.polarity_scores(text)["compound"], text


@given(st.text(alphabet=st.sampled_from(list("ab :)(-!?.,'\"LOVEhatgodn😀☺ΣİKk")), max_size=60))
def test_tone_is_vader_compound_score_on_any_text(text: str) -> None:
    from analysis.scoring import _sentiment, tone

    assert tone(text) == _sentiment().polarity_scores(text)["compound"]


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab Z9_-'’.,\n\"“”")), max_size=40),
    st.one_of(
        st.text(alphabet=st.sampled_from(list("ab Z9_-'’‑.,\n\"“”İ½é\u0301")), max_size=120),
        st.text(max_size=120),
    ),
)
def test_words_are_the_bodys_as_the_library_counts_them(title: str, body: str) -> None:
    report = analyze(title, body)
    assert report.scores["words"] == count_words(body)
