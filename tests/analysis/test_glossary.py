"""The glossary covers every category, voice, certainty marker and frame, in plain words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import textstat

from analysis.corpus import FRAMES
from analysis.glossary import (
    GlossaryError,
    glossary_term,
    load_glossary,
    parse_example,
    parse_glossary,
    term_name,
)
from analysis.lexicon import LOADED_CATEGORIES

EXPECTED = (
    *LOADED_CATEGORIES,
    "outlet",
    "quoted",
    "reported",
    "scare_quote",
    "hedge",
    "booster",
    *FRAMES,
    "none",
)


def _terms():
    return [term for section in load_glossary() for term in section.terms]


@pytest.mark.parametrize("code", EXPECTED)
def test_every_code_has_an_entry_with_examples_and_questions(code: str) -> None:
    term = glossary_term(code)
    assert term is not None, code
    assert 2 <= len(term.examples) <= 3
    assert term.ask
    assert all(example.marks for example in term.examples)


def test_definitions_are_short_and_plain_enough_for_a_fifteen_year_old() -> None:
    for term in _terms():
        assert len(term.definition.split()) <= 35, term.code
        # Grade 10 is a 15-year-old's school year.
        assert textstat.flesch_kincaid_grade(term.definition) <= 10, term.code


def test_examples_lose_their_marks_and_keep_the_marked_words() -> None:
    example = parse_example("A [[mob]] gathered at the [[gates]].")
    assert example.text == "A mob gathered at the gates."
    assert [example.text[s:e] for s, e in example.marks] == ["mob", "gates"]
    for term in _terms():
        for shown in term.examples:
            assert "[[" not in shown.text
            assert "]]" not in shown.text


def test_names_fall_back_to_the_code() -> None:
    assert term_name("labelling") == "Labelling (name-calling)"
    assert term_name("someone_elses_label") == "someone elses label"


def test_a_term_without_a_definition_is_refused_with_its_code() -> None:
    document = {
        "sections": [
            {
                "code": "loaded",
                "title": "Loaded",
                "intro": "Words.",
                "terms": [{"code": "emotional", "name": "Emotional", "examples": ["x"]}],
            }
        ]
    }
    with pytest.raises(GlossaryError, match=r"'emotional'.*definition"):
        parse_glossary(document)


def test_a_code_twice_is_refused(tmp_path: Path) -> None:
    term = {"code": "hedge", "name": "H", "definition": "D.", "examples": ["[[a]]"], "ask": ["?"]}
    document = {"sections": [{"code": "s", "title": "S", "intro": "I.", "terms": [term, term]}]}
    path = tmp_path / "terms.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(GlossaryError, match="twice"):
        load_glossary(str(path))
