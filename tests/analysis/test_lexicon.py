"""The lexicons: well-formed, no term in two loaded categories, grim topics never loaded."""

from __future__ import annotations

from collections import Counter

import pytest

from analysis.lexicon import (
    LOADED_CATEGORIES,
    PhraseMatcher,
    attribution_verbs,
    booster_entries,
    hedge_entries,
    loaded_entries,
    neutral_topics,
)
from analysis.text import build_text

TOPICS = {
    "general",
    "politics",
    "conflict",
    "economy",
    "migration",
    "crime",
    "health",
    "environment",
    "culture",
    "science",
    "sport",
    "business",
    "religion",
    "technology",
}


def test_every_category_is_substantial_and_well_formed() -> None:
    entries = loaded_entries()
    counts = Counter(e.category for e in entries)
    assert set(counts) == set(LOADED_CATEGORIES)
    assert sum(counts.values()) >= 4000
    assert all(count >= 300 for count in counts.values())
    for entry in (*entries, *hedge_entries(), *booster_entries()):
        assert entry.strength in (1, 2, 3), entry
        assert entry.topic in TOPICS, entry
        assert entry.note, entry
        assert len(entry.note) <= 90, entry
    assert len(hedge_entries()) >= 150
    assert len(booster_entries()) >= 100


def test_no_term_is_in_two_loaded_categories() -> None:
    seen: dict[tuple[str, ...], str] = {}
    for entry in loaded_entries():
        assert entry.words not in seen or seen[entry.words] == entry.category, entry
        seen[entry.words] = entry.category


@pytest.mark.parametrize("word", ["killed", "attack", "terrorism", "bomb", "war", "arrested"])
def test_grim_factual_words_are_neutral_topics_and_never_loaded(word: str) -> None:
    assert (word,) in neutral_topics()
    loaded = {e.words for e in loaded_entries()}
    assert (word,) not in loaded
    matcher = PhraseMatcher(loaded_entries())
    model = build_text(f"The {word} was reported.")
    assert not [m for m in matcher.find(model.tokens) if m.entry.words == (word,)]


def test_neutral_topics_never_overlap_loaded_terms() -> None:
    loaded = {e.words for e in loaded_entries()}
    assert not loaded & neutral_topics()


def test_attribution_verbs_know_neutral_and_loaded_speech() -> None:
    verbs = attribution_verbs()
    assert verbs[("said",)][0] == "neutral"
    assert verbs[("according", "to")][0] == "neutral"
    assert verbs[("boasted",)][0] == "loaded"
    assert verbs[("admitted",)][0] == "loaded"


def test_matcher_finds_phrases_prefixes_and_longest_first() -> None:
    matcher = PhraseMatcher(loaded_entries())
    text = "The so-called peace plan failed as prices skyrocketed, a total disaster for the regime."
    model = build_text(text)
    found = {
        text[model.tokens[m.first].start : model.tokens[m.last - 1].end]: m.entry.category
        for m in matcher.find(model.tokens)
    }
    assert found.get("so-called") == "doubt"
    assert found.get("skyrocketed") == "emotional"  # the rocket image
    assert found.get("total disaster") == "exaggeration"
    assert found.get("regime") == "labelling"


def test_matcher_respects_word_boundaries() -> None:
    matcher = PhraseMatcher(loaded_entries())
    model = build_text("The average grant was paid in Los Angeles by mobile transfer.")
    assert matcher.find(model.tokens) == []
