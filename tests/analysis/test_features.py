"""Features: the fast inference paths score exactly what training sees."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from analysis.corpus import loaded_examples
from analysis.features import (
    cue_counts,
    sentence_cue_counts,
    sentence_words,
    token_context,
    token_feature_groups,
    token_feature_rows,
    token_groups,
    token_scores,
)
from analysis.models import LinearModel, ModelSet, load_models, ngram_features, ngram_words
from analysis.text import build_text
from analysis.voice import analyse_voice
from resources import resource_path


def texts() -> list[str]:
    found = [example.text for example in loaded_examples()[::9]]
    found += [p.read_text("utf-8") for p in resource_path("samples", "demo_story").glob("*.txt")]
    found += ["", "“Never,” he said.", "'Brutal' — the so-called experts 'admitted' it!"]
    return found


def token_model() -> LinearModel:
    model = load_models().tokens
    if model is None:
        pytest.skip("no shipped token model")
    return model


def both_ways(text: str, linear: LinearModel) -> tuple[np.ndarray, np.ndarray]:
    model = build_text(text)
    voices = analyse_voice(model)
    context = token_context(model, voices)
    words = [i for i, token in enumerate(model.tokens) if token.is_word]
    rows = token_feature_rows(model, voices, context, words)
    expected = linear.decision(rows) if rows else np.zeros((0, len(linear.labels)))
    got = token_scores(model, voices, context, words, linear)
    return got, expected


def test_token_scores_equal_the_decision_on_the_training_rows() -> None:
    linear = token_model()
    for text in texts():
        got, expected = both_ways(text, linear)
        assert got.shape == expected.shape
        # Only the order of a float sum differs.
        assert np.allclose(got, expected, rtol=0, atol=1e-9), text


def test_token_scores_survive_the_group_table_being_emptied() -> None:
    linear = token_model()
    groups = linear.feature_groups()
    limit = groups.limit
    groups.limit = 50  # emptied before nearly every text
    try:
        for text in texts()[:40]:
            got, expected = both_ways(text, linear)
            assert np.allclose(got, expected, rtol=0, atol=1e-9), text
    finally:
        groups.limit = limit


def test_token_scores_in_several_threads_at_once() -> None:
    linear = token_model()
    sample = texts()[:60]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda text: both_ways(text, linear), sample * 2))
    for got, expected in results:
        assert np.allclose(got, expected, rtol=0, atol=1e-9)


@pytest.mark.parametrize("which", ["both", "bias", "frames"])
def test_sentence_decisions_equal_the_decision_on_the_training_rows(which: str) -> None:
    shipped = load_models()
    if shipped.bias is None or shipped.frames is None:
        pytest.skip("no shipped sentence models")
    models = ModelSet(
        None,
        shipped.bias if which in ("both", "bias") else None,
        shipped.frames if which in ("both", "frames") else None,
    )
    for text in texts()[::3]:
        model = build_text(text)
        voices = analyse_voice(model)
        context = token_context(model, voices)
        words, rows, expected_rows = [], [], []
        for sentence in model.sentences:
            cues = cue_counts(model, voices, context, sentence.first_token, sentence.last_token)
            cues["bias"] = 1.0
            words.append(ngram_words(model.sentence_text(sentence)))
            rows.append(cues)
            expected_rows.append(ngram_features(model.sentence_text(sentence)) | cues)
        if not rows:
            continue
        bias, frames = models.sentence_decisions(words, rows)
        for linear, got in ((models.bias, bias), (models.frames, frames)):
            if linear is None:
                assert got is None
            else:
                assert got is not None
                assert np.allclose(got, linear.decision(expected_rows), rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    "extra", ["", "ΟΔΟΣ.Α and ΣΑΣ said “Brutal”.", "İstanbul’s “Ölçek” snake_case, they’re 1½."]
)
def test_sentence_words_and_cues_equal_those_of_each_sentence(extra: str) -> None:
    for text in [*texts()[::2], extra]:
        model = build_text(text)
        voices = analyse_voice(model)
        context = token_context(model, voices)
        expected_words = [ngram_words(model.sentence_text(s)) for s in model.sentences]
        expected_cues = [
            cue_counts(model, voices, context, s.first_token, s.last_token) for s in model.sentences
        ]
        assert sentence_words(model) == expected_words
        got_cues = sentence_cue_counts(model, voices, context)
        assert got_cues == expected_cues
        # Same keys in the same order: the decision adds the same numbers in the same order.
        assert [list(row) for row in got_cues] == [list(row) for row in expected_cues]


@pytest.mark.parametrize("limit", [50_000, 50])
def test_group_top_features_equal_those_of_the_whole_row(limit: int) -> None:
    linear = token_model()
    table = linear.feature_groups()
    kept = table.limit
    table.limit = limit  # 50: emptied before nearly every text
    try:
        for text in texts()[:60]:
            model = build_text(text)
            voices = analyse_voice(model)
            context = token_context(model, voices)
            words = model.word_indices
            numbers = np.column_stack(token_groups(model, voices, context, words, linear))
            for position, index in list(enumerate(words))[::3]:
                groups = token_feature_groups(model, voices, context, index)
                row = [pair for group in groups for pair in group.items()]
                for label in range(1, len(linear.labels)):
                    expected = linear.top_features(row, label)
                    assert table.top_features(numbers[position].tolist(), label) == expected
    finally:
        table.limit = kept


def test_sentence_decisions_count_each_gram_once_and_unknown_words_too() -> None:
    """Repeated words and pairs are one gram each; words no model knows are grams all the same
    (the presence value is one over the square root of their number); a row may have no
    words at all."""
    models = load_models()
    if models.bias is None or models.frames is None:
        pytest.skip("no shipped sentence models")
    sentences = [
        "Strike strike strike, the strike goes on.",
        "",
        "Qzxv qzxv wrobble the qzxv wrobble police.",
        "Wrobble and flenk said the union's leaders, and the union's leaders said no.",
        "Police",
    ]
    rows = [{"bias": 1.0, "cue_quoted_share": 0.25 * i} for i in range(len(sentences))]
    expected = [ngram_features(text) | row for text, row in zip(sentences, rows, strict=True)]
    bias, frames = models.sentence_decisions([ngram_words(text) for text in sentences], rows)
    for linear, got in ((models.bias, bias), (models.frames, frames)):
        assert np.allclose(got, linear.decision(expected), rtol=0, atol=1e-12)
    # The unknown words weigh: the same sentence without them scores otherwise.
    alone, _frames = models.sentence_decisions([ngram_words("the police.")], rows[2:3])
    assert not np.allclose(alone, bias[2:3])


def test_sentence_decisions_of_more_rows_than_a_code_holds_come_in_halves(monkeypatch) -> None:
    import analysis.models as models_module

    models = load_models()
    if models.bias is None or models.frames is None:
        pytest.skip("no shipped sentence models")
    sentences = [f"The strike entered day {i} as {word} said" for i, word in enumerate("abcdefg")]
    words = [ngram_words(text) for text in sentences]
    rows = [{"bias": 1.0} for _ in sentences]
    whole = models.sentence_decisions(words, rows)
    monkeypatch.setattr(models_module, "_MOST_ROWS", 2)
    halves = models.sentence_decisions(words, rows)
    for got, expected in zip(halves, whole, strict=True):
        assert got.shape == expected.shape
        assert np.allclose(got, expected, rtol=0, atol=1e-12)
