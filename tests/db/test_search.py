"""Parsing what users type into safe full-text queries."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.search import (
    SearchQueryError,
    Term,
    fts5_expression,
    parse_query,
    tsquery_expression,
)


def test_words_are_anded_and_lowercased() -> None:
    query = parse_query("Lavrov Kerry")
    assert query.groups == ((Term(("lavrov",)), Term(("kerry",))),)
    assert fts5_expression(query) == '("lavrov" AND "kerry")'
    assert tsquery_expression(query) == "(lavrov & kerry)"


def test_phrases_prefixes_exclusions_and_or() -> None:
    query = parse_query('"so-called opposition" terror* -kerry OR ceasefire')
    assert fts5_expression(query) == (
        '("so called opposition" AND "terror" * NOT "kerry") OR ("ceasefire")'
    )
    assert tsquery_expression(query) == (
        "((so <-> called <-> opposition) & terror:* & !kerry) | (ceasefire)"
    )


def test_unbalanced_quote_is_a_phrase_to_the_end() -> None:
    assert parse_query('"unbalanced words').groups == ((Term(("unbalanced", "words")),),)


@pytest.mark.parametrize("text", ["AND OR", "OR", "NOT"])
def test_operators_alone_are_searched_as_words(text: str) -> None:
    query = parse_query(text)
    assert all(t.words[0] in ("and", "or", "not") for group in query.groups for t in group)


@pytest.mark.parametrize("text", ["*", "", "   ", '""', "-", "!!!", "()"])
def test_nothing_to_search_is_a_clear_error(text: str) -> None:
    with pytest.raises(SearchQueryError, match="no words"):
        parse_query(text)


def test_only_exclusions_is_a_clear_error() -> None:
    with pytest.raises(SearchQueryError, match="not excluded"):
        parse_query("-kerry NOT lavrov")


@given(st.text())
def test_any_text_parses_or_says_why(text: str) -> None:
    try:
        query = parse_query(text)
    except SearchQueryError:
        return
    for expression in (fts5_expression(query), tsquery_expression(query)):
        # Only word characters, spaces and our own operators reach the engines.
        assert set(expression) - set(' ()"*&|!<->:') <= {c for c in expression if c.isalnum()}
