"""Positions in per-token columns, found with C-level loops.

An article has about a thousand tokens and most stages look for the few that matter (a word
not seen before, a word with a cue): a Python loop over every token would cost more than the
work done on the few.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import compress, repeat
from operator import is_


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
