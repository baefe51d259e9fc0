"""The project's lexicons (resources/lexicons) and a fast phrase matcher over tokens.

Lexicon files are tab-separated with a header line and ``#`` comments (see
``resources/lexicons/README.md``). A term is a word or phrase; a single word ending in ``*``
matches any word that starts with it (``slaughter*``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analysis.text import QUOTE_FOLD, TOKEN_PATTERN, Token
from resources import resource_path

#: Loaded-language categories (DESIGN.md "Analysis"), one file each in ``lexicons/loaded``.
LOADED_CATEGORIES = (
    "emotional",
    "labelling",
    "exaggeration",
    "doubt",
    "loaded_attribution",
    "euphemism",
)
_MIN_PREFIX = 3


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry."""

    term: str
    words: tuple[str, ...]
    prefix: bool
    category: str
    strength: int
    topic: str
    note: str


@dataclass(frozen=True, slots=True)
class Match:
    """An entry found at ``tokens[first:last]``."""

    first: int
    last: int
    entry: Entry


def _rows(path: Path) -> Iterator[dict[str, str]]:
    lines = [
        line
        for line in path.read_text("utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _words(term: str) -> tuple[tuple[str, ...], bool]:
    folded = term.translate(QUOTE_FOLD).lower().strip()
    prefix = folded.endswith("*")
    folded = folded.rstrip("*")
    # The same tokenisation as the text model, so "so-called" is one token and "U.S." three.
    return tuple(m.group() for m in TOKEN_PATTERN.finditer(folded)), prefix


def read_entries(path: Path, category: str) -> list[Entry]:
    """Entries of one lexicon file (``term``, ``strength``, ``topic``, ``note`` columns)."""
    entries = []
    for row in _rows(path):
        words, prefix = _words(row["term"])
        if not words:
            continue
        entries.append(
            Entry(
                term=row["term"].strip(),
                words=words,
                prefix=prefix and len(words) == 1 and len(words[0]) >= _MIN_PREFIX,
                category=category,
                strength=int(row.get("strength") or 1),
                topic=(row.get("topic") or "general").strip(),
                note=(row.get("note") or "").strip(),
            )
        )
    return entries


@cache
def loaded_entries() -> tuple[Entry, ...]:
    """Every loaded-language entry, all categories."""
    entries: list[Entry] = []
    for category in LOADED_CATEGORIES:
        path = resource_path("lexicons", "loaded", f"{category}.tsv")
        if path.exists():
            entries.extend(read_entries(path, category))
    return tuple(entries)


@cache
def hedge_entries() -> tuple[Entry, ...]:
    """Hedges ("may", "reportedly")."""
    return tuple(read_entries(resource_path("lexicons", "hedges.tsv"), "hedge"))


@cache
def booster_entries() -> tuple[Entry, ...]:
    """Certainty boosters ("clearly", "undoubtedly")."""
    return tuple(read_entries(resource_path("lexicons", "boosters.tsv"), "booster"))


@cache
def attribution_verbs() -> dict[tuple[str, ...], tuple[str, str]]:
    """Speech verbs and phrases -> ``(class, note)``; class ``neutral`` or ``loaded``."""
    table: dict[tuple[str, ...], tuple[str, str]] = {}
    for row in _rows(resource_path("lexicons", "attribution_verbs.tsv")):
        words, _prefix = _words(row["term"])
        if words:
            table[words] = (row["class"].strip(), (row.get("note") or "").strip())
    return table


@cache
def neutral_topics() -> frozenset[tuple[str, ...]]:
    """Grim but factual words that are never loaded by themselves ("killed", "attack")."""
    return frozenset(
        _words(row["term"])[0] for row in _rows(resource_path("lexicons", "neutral_topics.tsv"))
    )


class PhraseMatcher:
    """Finds lexicon entries in a token sequence; the longest match at a position wins.

    Parameters
    ----------
    entries
        The entries to look for.
    """

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.exact: dict[str, list[Entry]] = {}
        self.prefixes: dict[str, Entry] = {}
        for entry in entries:
            if entry.prefix:
                self.prefixes.setdefault(entry.words[0], entry)
            else:
                self.exact.setdefault(entry.words[0], []).append(entry)
        for candidates in self.exact.values():
            candidates.sort(key=lambda e: -len(e.words))
        # Only the lengths that some prefix has are worth slicing for, longest first.
        self._prefix_lengths = sorted({len(p) for p in self.prefixes}, reverse=True)

    def _prefix_entry(self, norm: str) -> Entry | None:
        for length in self._prefix_lengths:
            if length <= len(norm):
                entry = self.prefixes.get(norm[:length])
                if entry is not None:
                    return entry
        return None

    def find(self, tokens: Sequence[Token], first: int = 0, last: int | None = None) -> list[Match]:
        """Non-overlapping matches in ``tokens[first:last]``, left to right."""
        last = len(tokens) if last is None else last
        norms = [t.norm for t in tokens]
        exact, prefixes = self.exact, self.prefixes
        matches = []
        index = first
        while index < last:
            norm = norms[index]
            found = None
            candidates = exact.get(norm)
            if candidates:
                for entry in candidates:
                    size = len(entry.words)
                    if size == 1 or (
                        index + size <= last and tuple(norms[index : index + size]) == entry.words
                    ):
                        found = Match(index, index + size, entry)
                        break
            if found is None and prefixes:
                entry = self._prefix_entry(norm)
                if entry is not None:
                    found = Match(index, index + 1, entry)
            if found is not None:
                matches.append(found)
                index = found.last
            else:
                index += 1
        return matches
