"""The text model: paragraphs, sentences and tokens with offsets that never move."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.text import QUOTE_FOLD, TOKEN_PATTERN, Token, build_text, fold_quotes


def sentences(text: str) -> list[str]:
    model = build_text(text)
    return [model.sentence_text(s) for s in model.sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dr. Smith met U.S. officials on Jan. 5. The talks ended.",
            ["Dr. Smith met U.S. officials on Jan. 5.", "The talks ended."],
        ),
        (
            "He lives at No. 10 Downing Street. It is old.",
            ["He lives at No. 10 Downing Street.", "It is old."],
        ),
        ("Growth was 3.5 per cent. Prices rose.", ["Growth was 3.5 per cent.", "Prices rose."]),
        (
            "“We will win,” he said. “Never give up!” She agreed.",
            ["“We will win,” he said.", "“Never give up!”", "She agreed."],
        ),
        ("John F. Kennedy spoke. Then he left…", ["John F. Kennedy spoke.", "Then he left…"]),
        (
            "The talks involved the U.S. The deal collapsed.",
            ["The talks involved the U.S.", "The deal collapsed."],
        ),
        ("The U.S. Army moved in.", ["The U.S. Army moved in."]),
        ('He said: "It is over." Then silence.', ['He said: "It is over."', "Then silence."]),
        (
            "What now? Nobody knows! Perhaps later.",
            ["What now?", "Nobody knows!", "Perhaps later."],
        ),
        (
            "Mr. and Mrs. Lee arrived at 10 a.m. on Monday.",
            ["Mr. and Mrs. Lee arrived at 10 a.m. on Monday."],
        ),
        ("Inc. results were e.g. good. Fine.", ["Inc. results were e.g. good.", "Fine."]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_paragraphs_and_sentences_never_cross() -> None:
    text = "Title line\n\nFirst paragraph ends here\n\n  Second one. With two sentences.\n"
    model = build_text(text)
    assert [text[p.start : p.end] for p in model.paragraphs] == [
        "Title line",
        "First paragraph ends here",
        "Second one. With two sentences.",
    ]
    assert [s.paragraph for s in model.sentences] == [0, 1, 2, 2]


def test_tokens_keep_offsets_and_fold_quotes() -> None:
    text = "Russia’s “so-called” allies hasn’t won."
    model = build_text(text)
    words = [(text[t.start : t.end], t.norm) for t in model.tokens if t.is_word]
    assert words == [
        ("Russia’s", "russia's"),
        ("so-called", "so-called"),
        ("allies", "allies"),
        ("hasn’t", "hasn't"),
        ("won", "won"),
    ]
    assert model.text == text  # never rewritten


def test_astral_characters_keep_python_offsets() -> None:
    text = "Fans cheered 🎉 loudly. Then left."
    model = build_text(text)
    loudly = next(t for t in model.tokens if t.norm == "loudly")
    assert text[loudly.start : loudly.end] == "loudly"
    assert len(model.sentences) == 2


@given(st.text(max_size=400))
def test_any_text_gives_ordered_spans_inside_the_text(text: str) -> None:
    model = build_text(text)
    previous = 0
    for sentence in model.sentences:
        assert previous <= sentence.start < sentence.end <= len(text)
        previous = sentence.end
        for token in model.sentence_tokens(sentence):
            assert sentence.start <= token.start < token.end <= sentence.end
    for token in model.tokens:
        assert text[token.start : token.end].strip()


@given(
    st.one_of(
        st.text(max_size=300),
        st.text(alphabet=st.sampled_from(list("aZ_1 .'’“”\"ΣσςİIıß-\n")), max_size=120),
    )
)
def test_every_token_is_its_text_folded_and_lower_cased(text: str) -> None:
    for token in build_text(text).tokens:
        raw = text[token.start : token.end]
        assert token.norm == raw.translate(QUOTE_FOLD).lower()
        assert token.is_word == (token.norm[:1].isalnum() or token.norm[:1] == "_")
        assert type(token) is Token


@pytest.mark.parametrize("text", ["ΟΔΟΣ.Α and ΟΔΟΣ", "İstanbul’s “Ölçek”", "snake_case _x"])
def test_folding_text_by_text_or_token_by_token_agree(text: str) -> None:
    for token in build_text(text).tokens:
        assert token.norm == text[token.start : token.end].translate(QUOTE_FOLD).lower()


@given(st.text(alphabet=st.sampled_from(list("ab '\"‘’‚‛′“”„‟«»″x")), max_size=80))
def test_fold_quotes_is_the_translation_table(text: str) -> None:
    assert fold_quotes(text) == text.translate(QUOTE_FOLD)


@given(
    st.one_of(
        st.text(max_size=300),
        st.text(
            alphabet=st.sampled_from(list("aZ9_ -'’‑.,\"“”\u00a0\u2003\x1c\t\nİΣ½²٣é\u0301")),
            max_size=120,
        ),
    )
)
def test_tokens_are_the_token_patterns_matches_in_each_sentence(text: str) -> None:
    model = build_text(text)
    for sentence in model.sentences:
        expected = [m.span() for m in TOKEN_PATTERN.finditer(text, sentence.start, sentence.end)]
        got = [(token.start, token.end) for token in model.sentence_tokens(sentence)]
        assert got == expected
    # The sentences' tokens follow one another and hold every token of the text.
    bounds = [(sentence.first_token, sentence.last_token) for sentence in model.sentences]
    firsts = [first for first, _last in bounds]
    assert firsts == [0, *(last for _first, last in bounds)][: len(bounds)]
    assert (bounds[-1][1] if bounds else 0) == len(model.tokens)


@given(st.text(max_size=300))
def test_token_columns_match_the_tokens(text: str) -> None:
    model = build_text(text)
    assert model.starts == [token.start for token in model.tokens]
    assert model.ends == [token.end for token in model.tokens]
    assert model.norms == [token.norm for token in model.tokens]
    assert model.word_flags == [token.is_word for token in model.tokens]
    assert model.raws == [text[token.start : token.end] for token in model.tokens]
    assert model.word_indices == [i for i, token in enumerate(model.tokens) if token.is_word]
