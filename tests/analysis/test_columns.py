"""Positions in per-token columns: the same as the plain loops."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from analysis.columns import WordTable, marked, missing


@given(st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=2))))
def test_missing_is_every_none_in_order(values: list[object]) -> None:
    assert missing(values) == [i for i, value in enumerate(values) if value is None]


@given(st.integers(0, 30).flatmap(lambda n: st.tuples(st.just(n), _columns(n))))
def test_marked_is_every_position_with_a_true_value(case: tuple[int, list[list[object]]]) -> None:
    count, columns = case
    expected = [i for i in range(count) if any(column[i] for column in columns)]
    assert marked(count, columns) == expected
    assert marked(count, (iter(column) for column in columns)) == expected  # any iterables


def _columns(count: int) -> st.SearchStrategy[list[list[object]]]:
    value = st.one_of(st.none(), st.booleans(), st.sampled_from(["", "emotional:2:B", 0, 1]))
    return st.lists(st.lists(value, min_size=count, max_size=count), max_size=4)


def test_word_table_computes_each_word_once_and_starts_again_when_full() -> None:
    computed: list[str] = []

    def length(word: str) -> int:
        computed.append(word)
        return len(word)

    table = WordTable(length, kept=3)
    assert table.lookup(["tax", "rise", "tax", ""]) == [3, 4, 3, 0]
    assert table.lookup(["rise", "tax"]) == [4, 3]
    assert computed == ["tax", "rise", ""]  # each distinct word once, "" included
    assert table.lookup(["levy", "cut"]) == [4, 3]  # four words: more than kept
    held = table.lookup(["tax"])  # a full table is replaced, then filled again
    assert held == [3]
    assert computed == ["tax", "rise", "", "levy", "cut", "tax"]
