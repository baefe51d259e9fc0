"""The project's lexicons (resources/lexicons) and a fast phrase matcher over tokens.

Lexicon files are tab-separated with a header line and ``#`` comments (see
``resources/lexicons/README.md``). A term is a word or phrase; a single word ending in ``*``
matches any word that starts with it (``slaughter*``).
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from analysis.columns import WordTable
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
#: Distinct words whose possible matches a :class:`MatcherSet` keeps.
_STARTS_KEPT = 100_000


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
        # Phrases by their first two words ("the" starts hundreds of phrases; with the next
        # word, a few), each list longest first as in ``exact``.
        self._phrases: dict[tuple[str, str], list[Entry]] = {}
        for candidates in self.exact.values():
            for entry in candidates:
                if len(entry.words) > 1:
                    self._phrases.setdefault(entry.words[:2], []).append(entry)
        self._alone = MatcherSet([self])

    def _prefix_entry(self, norm: str) -> Entry | None:
        for length in self._prefix_lengths:
            if length <= len(norm):
                entry = self.prefixes.get(norm[:length])
                if entry is not None:
                    return entry
        return None

    def _word(self, norm: str) -> _Word | None:
        """The one-word entry and the prefix entry a word ``norm`` matches; ``None`` for
        neither."""
        single = next((e for e in self.exact.get(norm, ()) if len(e.words) == 1), None)
        prefix = self._prefix_entry(norm) if self.prefixes else None
        if single is None and prefix is None:
            return None
        return _Word(single, prefix)

    def find(
        self,
        tokens: Sequence[Token],
        first: int = 0,
        last: int | None = None,
    ) -> list[Match]:
        """Non-overlapping matches in ``tokens[first:last]``, left to right; at each position
        the longest entry, then a one-word entry, then a prefix (``slaughter*``).

        :class:`MatcherSet` runs several matchers over a whole text in one pass.
        """
        last = len(tokens) if last is None else last
        (matches,) = self._alone.find([token.norm for token in tokens[first:last]])
        return [Match(m.first + first, m.last + first, m.entry) for m in matches]


class MatcherSet:
    """Several phrase matchers run over the same words at once: each distinct word and
    each pair of words starting a phrase is looked up once for all of them.

    ``find(norms)`` gives what each matcher's ``find`` gives on tokens with these norms, in
    the order of ``matchers``.
    """

    def __init__(self, matchers: Sequence[PhraseMatcher]) -> None:
        self.matchers = tuple(matchers)
        # Phrases by their first two words, for every matcher (an empty tuple for a matcher
        # with none), and the words that start some phrase.
        self._phrases: dict[tuple[str, str], tuple[Sequence[Entry], ...]] = {}
        for position, matcher in enumerate(self.matchers):
            for pair, entries in matcher._phrases.items():
                lists = self._phrases.setdefault(pair, tuple([()] * len(self.matchers)))
                self._phrases[pair] = (*lists[:position], entries, *lists[position + 1 :])
        self._starters = frozenset(first for first, _second in self._phrases)
        self._records: WordTable[tuple] = WordTable(self._record, _STARTS_KEPT)

    def _record(self, norm: str) -> tuple:
        """What each matcher matches at ``norm`` alone, and whether a phrase starts with it:
        ``(alone, starts)``, or ``()`` for nothing at all."""
        alone = tuple(matcher._word(norm) for matcher in self.matchers)
        starts = norm in self._starters
        if not starts and not any(alone):
            return ()
        return alone, starts

    def find(self, norms: Sequence[str]) -> tuple[list[Match], ...]:
        """Each matcher's non-overlapping matches in the words ``norms``, left to right (see
        :meth:`PhraseMatcher.find`)."""
        count = len(norms)
        found: tuple[list[Match], ...] = tuple([] for _ in self.matchers)
        reached = [0] * len(self.matchers)
        nothing = tuple([()] * len(self.matchers))
        phrases_of = self._phrases
        at = self._records.lookup(norms)
        for index in itertools.compress(range(count), at):
            alone, starts = at[index]
            phrases = nothing
            if starts and index + 1 < count:
                phrases = phrases_of.get((norms[index], norms[index + 1]), nothing)
            for position, word in enumerate(alone):
                if index < reached[position]:
                    continue
                match = None
                for entry in phrases[position]:
                    size = len(entry.words)
                    if index + size <= count and tuple(norms[index : index + size]) == entry.words:
                        match = Match(index, index + size, entry)
                        break
                if match is None and word is not None:
                    entry = word.single if word.single is not None else word.prefix
                    match = Match(index, index + 1, entry)  # type: ignore[arg-type]
                if match is not None:
                    found[position].append(match)
                    reached[position] = match.last
        return found


class _Word(NamedTuple):
    """What a :class:`PhraseMatcher` matches at one word by itself."""

    single: Entry | None  # the one-word entry
    prefix: Entry | None  # the prefix entry (``slaughter*``) the word matches
