"""How the shipped models behave on texts a teacher would check by eye."""

from __future__ import annotations

from pathlib import Path

from analysis.models import load_models
from analysis.scoring import analyze

NEUTRAL_WIRE = (
    "Regional council approves new bus routes after public consultation",
    "The regional council on Wednesday approved three new bus routes linking the northern "
    "suburbs with the city centre, following a six-week public consultation that drew about "
    "2,400 responses.\n\n"
    "The routes will start operating in September and will be run by the existing operator "
    "under a contract worth 14 million over five years, according to council documents.\n\n"
    "Councillor Mara Ellis, who chairs the transport committee, said the changes would cut "
    "journey times for about 9,000 daily passengers. “The consultation showed clear demand for "
    "direct services to the hospital and the university,” she told reporters after the vote.\n\n"
    "The council said two existing routes would be merged and one would run less often in the "
    "evenings. Passenger groups said they welcomed the new services but asked for more "
    "information about the evening timetable.\n\n"
    "The proposal passed by 31 votes to 12. Members who voted against it said the budget "
    "should have been spent on repairing roads in rural districts first.\n\n"
    "A spokesperson for the operator said new buses had been ordered and drivers would be "
    "recruited over the summer. The council will publish the final timetables in July.",
)


def shown(report) -> list:
    threshold = float(report.scores["loaded_threshold"])
    return [s for s in report.spans if s.layer == "loaded" and s.score >= threshold]


def test_neutral_wire_report_draws_at_most_one_highlight_per_100_words() -> None:
    report = analyze(*NEUTRAL_WIRE)
    assert len(shown(report)) / report.scores["words"] * 100 <= 1.0
    assert report.scores["loaded_per_100_words"] <= 1.0


def test_sample_loaded_sentences_score_above_its_factual_ones(sample_article: Path) -> None:
    from tests.analysis.test_sample_golden import PHRASES, report_of

    report = report_of(sample_article, load_models())
    loaded = [
        s.bias for s in report.sentences if any(p in report.text[s.start : s.end] for p in PHRASES)
    ]
    factual = [
        s.bias
        for s in report.sentences
        if not any(p in report.text[s.start : s.end] for p in PHRASES)
    ]
    assert sum(loaded) / len(loaded) > 2 * sum(factual) / len(factual)
    phrase_scores = [
        s.score for s in report.spans if s.layer == "loaded" and any(p in s.text for p in PHRASES)
    ]
    assert min(phrase_scores) >= float(report.scores["loaded_threshold"])


def test_shipped_models_are_all_there() -> None:
    load_models.cache_clear()
    models = load_models()
    assert models.version == "1"
    assert models.tokens is not None
    assert models.bias is not None
    assert models.frames is not None
