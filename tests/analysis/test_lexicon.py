"""The lexicons: well-formed, no term in two loaded categories, grim topics never loaded."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.lexicon import (
    LOADED_CATEGORIES,
    Entry,
    Match,
    MatcherSet,
    PhraseMatcher,
    attribution_verbs,
    booster_entries,
    hedge_entries,
    loaded_entries,
    neutral_topics,
)
from analysis.text import Token, build_text

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


def reference_find(entries: list[Entry], norms: list[str], first: int, last: int) -> list[Match]:
    """The matching rule spelt out plainly: at each position the longest phrase (in file
    order among equals), else the first one-word entry, else the longest prefix entry."""
    phrases = sorted((e for e in entries if not e.prefix), key=lambda e: -len(e.words))
    prefixes: dict[str, Entry] = {}
    for entry in entries:
        if entry.prefix:
            prefixes.setdefault(entry.words[0], entry)
    matches = []
    index = first
    while index < last:
        found = next(
            (
                Match(index, index + len(e.words), e)
                for e in phrases
                if index + len(e.words) <= last
                and tuple(norms[index : index + len(e.words)]) == e.words
            ),
            None,
        )
        if found is None:
            for length in sorted({len(p) for p in prefixes}, reverse=True):
                entry = prefixes.get(norms[index][:length])
                if length <= len(norms[index]) and entry is not None:
                    found = Match(index, index + 1, entry)
                    break
        if found is not None:
            matches.append(found)
            index = found.last
        else:
            index += 1
    return matches


#: A small lexicon with every kind of entry: phrases sharing their first words, one-word
#: entries, two entries for one word, prefixes nested in one another.
_SMALL_LEXICON = [
    Entry("the cold", ("the", "cold"), False, "emotional", 1, "general", "n"),
    Entry("the cold war", ("the", "cold", "war"), False, "labelling", 2, "general", "n"),
    Entry("the", ("the",), False, "doubt", 1, "general", "n"),
    Entry("cold", ("cold",), False, "emotional", 1, "general", "n"),
    Entry("cold", ("cold",), False, "euphemism", 1, "general", "n"),
    Entry("cold war", ("cold", "war"), False, "labelling", 2, "general", "n"),
    Entry("war crime", ("war", "crime"), False, "labelling", 3, "general", "n"),
    Entry("slaught*", ("slaught",), True, "emotional", 3, "general", "n"),
    Entry("slaughter*", ("slaughter",), True, "labelling", 3, "general", "n"),
    Entry("war*", ("war",), True, "exaggeration", 1, "general", "n"),
]
_SMALL_VOCABULARY = ["the", "cold", "war", "crime", "slaughtered", "slaughter", "warlike", "peace"]


@given(st.data())
def test_matcher_agrees_with_the_plain_rule(data: st.DataObject) -> None:
    words = data.draw(st.lists(st.sampled_from(_SMALL_VOCABULARY), max_size=12))
    first = data.draw(st.integers(0, len(words)))
    last = data.draw(st.integers(first, len(words)))
    tokens = [Token(i, i + 1, word, True) for i, word in enumerate(words)]
    matcher = PhraseMatcher(_SMALL_LEXICON)
    for _ in range(2):  # the second time from the matcher's table of words
        assert matcher.find(tokens, first, last) == reference_find(
            _SMALL_LEXICON, words, first, last
        )


@given(st.data())
def test_matcher_set_agrees_with_each_matcher(data: st.DataObject) -> None:
    # Each matcher a different part of the entries (some overlapping, one with none).
    parts = data.draw(
        st.lists(st.lists(st.sampled_from(_SMALL_LEXICON), max_size=6), min_size=1, max_size=3)
    )
    words = data.draw(st.lists(st.sampled_from(_SMALL_VOCABULARY), max_size=12))
    tokens = [Token(i, i + 1, word, True) for i, word in enumerate(words)]
    matchers = [PhraseMatcher(part) for part in parts]
    together = MatcherSet(matchers)
    for _ in range(2):  # the second time from the set's table of words
        assert together.find(words) == tuple(m.find(tokens) for m in matchers)


def test_matcher_set_finds_the_three_lexicons_of_a_text() -> None:
    model = build_text(
        "Thugs reportedly stormed the hall, perhaps deliberately, in a shocking attack; "
        "it was clearly a brutal crackdown."
    )
    loaded, hedges, boosters = (
        PhraseMatcher(entries) for entries in (loaded_entries(), hedge_entries(), booster_entries())
    )
    found = MatcherSet([loaded, hedges, boosters]).find(model.norms)
    assert found == (
        loaded.find(model.tokens),
        hedges.find(model.tokens),
        boosters.find(model.tokens),
    )
    assert all(found)  # each lexicon has a match in it
