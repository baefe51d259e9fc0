"""The real sample article (a SANA report of a Lavrov press conference), end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.models import ModelSet, load_models
from analysis.report import ArticleReport
from ingest.options import ReadOptions
from ingest.sources import expand_inputs, read_item

PHRASES = ("so-called", "malicious propaganda", "imaginary", "formerly-respectable")


def report_of(path: Path, models: ModelSet) -> ArticleReport:
    from analysis.scoring import analyze

    options = ReadOptions()
    [item] = list(expand_inputs([str(path)], options))
    [draft] = list(read_item(item, options))
    return analyze(draft.title, draft.body, models=models)


@pytest.fixture(params=["lexicon", "models"])
def report(request: pytest.FixtureRequest, sample_article: Path) -> ArticleReport:
    models = ModelSet(None, None, None) if request.param == "lexicon" else load_models()
    return report_of(sample_article, models)


def test_headline_and_twelve_body_sentences_none_split_at_us(report: ArticleReport) -> None:
    texts = [report.text[s.start : s.end] for s in report.sentences]
    assert len(texts) == 13
    assert texts[0].startswith("Lavrov: Western alliance")
    assert not any(t.endswith("U.S.") for t in texts)
    assert sum(t.count("U.S.") for t in texts) == 4


@pytest.mark.parametrize(
    "opening",
    ["He also said", "The Russian Minister noted", "The Minister went on", "He said that attempts"],
)
def test_reported_speech_is_lavrovs(report: ArticleReport, opening: str) -> None:
    sentence = next(s for s in report.sentences if report.text[s.start : s.end].startswith(opening))
    assert (sentence.voice, sentence.speaker) == ("reported", "Sergey Lavrov")


@pytest.mark.parametrize("phrase", PHRASES)
def test_loaded_phrases_flagged_as_lavrovs_words(report: ArticleReport, phrase: str) -> None:
    threshold = float(report.scores.get("loaded_threshold", 0.0))
    spans = [
        s for s in report.spans if s.layer == "loaded" and phrase in s.text and s.score >= threshold
    ]
    assert spans, phrase
    span = spans[0]
    assert span.label in ("doubt", "emotional", "labelling", "exaggeration")
    assert span.why
    assert (span.voice, span.speaker) == ("reported", "Sergey Lavrov")


def test_sourcing_is_one_speaker(report: ArticleReport) -> None:
    assert [s.speaker for s in report.speakers] == ["Sergey Lavrov"]
    assert report.scores["sources_named"] == 1
    assert report.scores["sources_anonymous"] == 0
    assert report.scores["reported_share"] + report.scores["quote_share"] >= 0.8
