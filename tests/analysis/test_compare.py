"""Comparing articles written for the tests: one event told neutrally and with two slants."""

from __future__ import annotations

import pytest

from analysis.compare import Comparison, compare
from analysis.scoring import analyze

NEUTRAL = (
    "Farmers block motorway in protest over fuel tax",
    "About 200 farmers drove tractors onto the M4 motorway on Tuesday to protest against a rise "
    "in fuel tax.\n\n"
    "Police said traffic was halted for four hours and two people were arrested.\n\n"
    "The finance ministry said the tax would raise 300 million a year for rural roads.\n\n"
    "“We cannot keep paying more to grow the nation’s food,” said Ellen Marsh, who farms near "
    "Dunmore.",
)
HOSTILE = (
    "Tractor thugs bring motorway to a standstill",
    "About 200 militant farmers stormed the M4 motorway on Tuesday in a selfish protest against "
    "a rise in fuel tax.\n\n"
    "Police said traffic was halted for four hours and two troublemakers were arrested.\n\n"
    "Commuters were left stranded in utter chaos as the so-called “peaceful” protest dragged on.",
)
SYMPATHETIC = (
    "Struggling farmers make a stand against unfair fuel tax",
    "About 200 farmers drove tractors onto the M4 motorway on Tuesday to protest against a "
    "crippling rise in fuel tax.\n\n"
    "Police said traffic was halted for four hours and two protesters were arrested.\n\n"
    "The ministry admitted the tax would raise 300 million a year.\n\n"
    "“We cannot keep paying more to grow the nation’s food,” said Ellen Marsh, who farms near "
    "Dunmore.",
)


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return compare([analyze(*NEUTRAL), analyze(*HOSTILE), analyze(*SYMPATHETIC)])


def _group_texts(comparison: Comparison) -> list[set[tuple[int, str]]]:
    return [{(m.article, m.text[:30]) for m in g.members} for g in comparison.aligned]


def test_the_same_facts_are_aligned_across_all_three(comparison: Comparison) -> None:
    groups = _group_texts(comparison)
    assert {
        (0, "About 200 farmers drove tracto"),
        (1, "About 200 militant farmers sto"),
        (2, "About 200 farmers drove tracto"),
    } in groups
    assert {
        (0, "Police said traffic was halted"),
        (1, "Police said traffic was halted"),
        (2, "Police said traffic was halted"),
    } in groups
    assert {(0, "“We cannot keep paying more to"), (2, "“We cannot keep paying more to")} in groups
    assert {(0, "The finance ministry said the "), (2, "The ministry admitted the tax ")} in groups
    for group in comparison.aligned:
        assert 0 < group.similarity <= 1


def test_content_only_one_article_carries(comparison: Comparison) -> None:
    only = {(u.article, u.text[:30]): u.facts for u in comparison.unique}
    assert (1, "Commuters were left stranded i") in only
    # The hostile article leaves out the money and the farmer's voice: nothing of theirs is
    # "only here" in the others' aligned sentences, but the hostile extra is.
    assert not any(article == 0 for article, _text in only if "ministry" in _text.lower())


def test_wording_contrasts_with_loaded_scores(comparison: Comparison) -> None:
    pairs = {
        tuple(sorted((s.article, s.phrase) for s in contrast.sides))
        for contrast in comparison.contrasts
    }
    assert ((0, "people"), (1, "troublemakers")) in pairs
    assert ((0, "people"), (2, "protesters")) in pairs
    assert ((1, "troublemakers"), (2, "protesters")) in pairs
    assert ((0, "said"), (2, "admitted")) in pairs
    troublemakers = next(
        s for c in comparison.contrasts for s in c.sides if s.phrase == "troublemakers"
    )
    assert troublemakers.loaded_score > 0
    assert troublemakers.label == "labelling"


def test_keyness_speakers_and_notable_scores(comparison: Comparison) -> None:
    assert "Ellen Marsh" in {s.speaker for s in comparison.speakers if s.article == 0}
    assert not [s for s in comparison.speakers if s.article == 1 and s.speaker == "Ellen Marsh"]
    notable = {n.score: (n.high, n.low) for n in comparison.notable}
    assert notable["loaded_per_100_words"] == (1, 0)


def test_json_shape(comparison: Comparison) -> None:
    data = comparison.to_json()
    assert {"articles", "aligned", "unique", "contrasts", "speakers", "keyness"} <= set(data)
    member = data["aligned"][0]["members"][0]
    assert set(member) == {"article", "sentence", "start", "end", "text"}
    side = data["contrasts"][0]["sides"][0]
    assert {"article", "phrase", "start", "end", "loaded_score"} <= set(side)
    for group in data["aligned"]:
        for m in group["members"]:
            text = data["articles"][m["article"]]["text"]
            assert text[m["start"] : m["end"]] == m["text"]


@pytest.mark.parametrize("count", [1, 5])
def test_two_to_four_articles(count: int) -> None:
    with pytest.raises(ValueError, match="2 to 4"):
        compare([analyze(*NEUTRAL)] * count)


def test_headlines_are_the_first_group_and_contrasted(comparison: Comparison) -> None:
    first = comparison.aligned[0]
    assert [m.text for m in first.members] == [NEUTRAL[0], HOSTILE[0], SYMPATHETIC[0]]
    assert (
        all(
            m.start < len(comparison.articles[m.article].title)
            for g in comparison.aligned[1:]
            for m in g.members
        )
        is False
    )


def test_contrasts_are_word_choices_not_spelling_numbers_names_or_function_words() -> None:
    first = analyze(
        "Markets fear double-dip recession as rates rise",
        "Traders in Paris said markets feared a double-dip recession after the rate rise.\n\n"
        "The central bank raised rates in 2008 and again on Tuesday, officials said.\n\n"
        "Finance minister Anna Vell said protesters gathered outside the bank on Tuesday.\n\n"
        "Shops closed early as the crowd moved to the square near the old exchange.",
    )
    second = analyze(
        "Markets fear double dip recession as rates rise",
        "Traders in Parris said markets feared a double dip recession after the rate rise.\n\n"
        "The central bank raised rates in March and again on Tuesday, officials said.\n\n"
        "Finance minister Tom Brack said rioters gathered outside the bank on Tuesday.\n\n"
        "Shops closed early while the crowd moved to the square near the old exchange.",
    )
    pairs = {
        tuple(sorted((s.article, s.phrase) for s in contrast.sides))
        for contrast in compare([first, second]).contrasts
    }
    assert ((0, "protesters"), (1, "rioters")) in pairs
    phrases = {phrase for pair in pairs for _article, phrase in pair}
    for fact in ("double-dip", "double dip", "Paris", "Parris", "2008", "March", "as", "while"):
        assert fact not in phrases
    assert not any("Anna Vell" in phrase or "Tom Brack" in phrase for phrase in phrases)


def test_the_demo_story_contrasts_only_counterpart_sentences() -> None:
    from resources import resource_path

    reports = []
    for path in sorted(resource_path("samples", "demo_story").glob("*.txt")):
        title, body = path.read_text("utf-8").split("\n", 1)
        reports.append(analyze(title.strip(), body.strip()))
    pairs = {frozenset(s.phrase for s in contrast.sides) for contrast in compare(reports).contrasts}
    assert frozenset({"people", "troublemakers"}) in pairs
    assert frozenset({"strike", "walkout"}) in pairs
    # Sentences that share a group but tell different things ("Quay Street was closed …" and
    # "… bringing Quay Street to a standstill") were diffed word by word, and function
    # words stood against loaded ones.
    assert frozenset({"closed", "standstill"}) not in pairs
    assert frozenset({"to", "paused"}) not in pairs
    assert frozenset({"while", "paused"}) not in pairs
