"""Readability: textstat's own numbers, computed in one pass."""

from __future__ import annotations

import pytest
import textstat
from hypothesis import given
from hypothesis import strategies as st

from analysis.corpus import frame_examples, loaded_examples
from analysis.readability import METRICS, readability, textstat_scores
from resources import resource_path


def textstat_reference(text: str) -> dict[str, float]:
    """The four metrics from textstat's public functions, one by one."""
    return {
        "flesch_reading_ease": textstat.flesch_reading_ease(text),
        "flesch_kincaid_grade": textstat.flesch_kincaid_grade(text),
        "smog": textstat.smog_index(text),
        "dale_chall": textstat.dale_chall_readability_score(text),
    }


def test_the_same_floats_as_textstat_on_the_corpus_and_the_demo_story() -> None:
    texts = [example.text for example in loaded_examples()[::7]]
    texts += [example.text for example in frame_examples()[::7]]
    texts.append(" ".join(texts[:60]))  # a long passage of many sentences
    texts += [p.read_text("utf-8") for p in resource_path("samples", "demo_story").glob("*.txt")]
    for text in texts:
        assert textstat_scores(text) == textstat_reference(text), text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "...",
        "Yes. No. Maybe so.",
        "'Tis the 'season', isn't it? They'll say 'no' and we'd agree.",
        'Workers\' union -- the well-known U.S.-based group -- said: "Never!"',
        "İstanbul’s ΟΔΟΣ. Straße. Naïve café; Zoë’s résumé.",
        "x' y 't z'll 's",
        "1 2 3. 4 5 6. 7.5 per cent",
        "Unpronounceable Xqzvbt and Grzegorz Brzęczyszczykiewicz spoke.",
    ],
)
def test_the_same_floats_as_textstat_on_awkward_text(text: str) -> None:
    assert textstat_scores(text) == textstat_reference(text)


@given(
    st.text(
        alphabet=st.sampled_from(list("abcdeiouyAEIOUTSpqrtsmn'’\"-.,!?;: \n\t1ΣσİéŁ")),
        max_size=200,
    )
)
def test_the_same_floats_as_textstat_on_any_text(text: str) -> None:
    assert textstat_scores(text) == textstat_reference(text)


def test_readability_rounds_and_has_no_scores_without_words() -> None:
    text = "The committee deliberated extensively. Nobody expected a decision."
    expected = {name: round(value, 2) for name, value in textstat_reference(text).items()}
    assert readability(text) == expected
    assert readability("12 34 — 56.") == dict.fromkeys(METRICS)


@given(st.text(alphabet=st.sampled_from(list("ab1_ .,'-!?\t\n\u00a0\u2003é")), max_size=40))
def test_few_words_counts_as_textstat_does(piece: str) -> None:
    import re

    from textstat.backend.selections._list_words import list_words

    from analysis.readability import _few_words

    assert _few_words(piece) == (len(re.findall(r"\S*\w\S*", piece)) <= 2)
    assert _few_words(piece) == (len(list_words(piece)) <= 2)
