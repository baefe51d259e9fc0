"""Per-token columns: positions found with C-level loops, and per-word facts kept across texts.

An article has about a thousand tokens and most stages look for the few that matter (a word
not seen before, a word with a cue): a Python loop over every token would cost more than the
work done on the few. Words recur from text to text, so what a stage works out for a word is
kept (:class:`WordTable`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import compress, repeat
from operator import is_
from typing import Generic, TypeVar

T = TypeVar("T")

#: Distinct words a :class:`WordTable` keeps before it starts again.
WORDS_KEPT = 100_000


def missing(values: Sequence[object]) -> list[int]:
    """The positions of ``None`` in ``values``, in order."""
    return list(compress(range(len(values)), map(is_, values, repeat(None))))


def marked(count: int, columns: Iterable[Iterable[object]]) -> list[int]:
    """The positions below ``count`` where any of ``columns`` holds a true value, in order
    (cheap when each column is mostly false)."""
    found: set[int] = set()
    for column in columns:
        found.update(compress(range(count), column))
    return sorted(found)


class WordTable(Generic[T]):
    """What ``compute(word)`` gives, worked out once per distinct word and kept.

    :meth:`lookup` answers a whole column of words with one C-level pass and computes only
    the words never seen. At most ``kept`` words are kept: a full table is replaced, never
    emptied under a reader (analyses run on several threads). ``compute`` never returns
    ``None``.
    """

    def __init__(self, compute: Callable[[str], T], kept: int = WORDS_KEPT) -> None:
        self.compute = compute
        self.kept = kept
        self._table: dict[str, T] = {}

    def lookup(self, words: Sequence[str]) -> list[T]:
        """``compute(word)`` for each of ``words``, in order."""
        table = self._table
        if len(table) > self.kept:
            table = self._table = {}
        found: list[T | None] = list(map(table.get, words))
        if None in found:
            for position in missing(found):
                word = words[position]
                value = table.get(word)
                if value is None:
                    value = table[word] = self.compute(word)
                found[position] = value
        return found  # type: ignore[return-value]
