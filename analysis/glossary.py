"""The glossary: what each loaded-language category, voice, certainty marker and frame means,
in plain words, with short examples and questions for a class.

The text lives in ``resources/glossary/terms.json`` (wording is data, not code); this module
only reads and checks it, so the window's glossary pane and printed handouts say the same.
In the file, ``[[double brackets]]`` mark the words an example is about; they become
:attr:`GlossaryExample.marks`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from resources import resource_path

_MARK = re.compile(r"\[\[(.+?)\]\]")


class GlossaryError(ValueError):
    """A glossary file that does not follow the format, naming the entry at fault."""


@dataclass(frozen=True, slots=True)
class GlossaryExample:
    """An example sentence; ``marks`` are ``(start, end)`` offsets of the words it shows."""

    text: str
    marks: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    """One entry: a category, voice, certainty marker or frame code, explained."""

    code: str
    name: str
    definition: str
    examples: tuple[GlossaryExample, ...]
    ask: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GlossarySection:
    """A group of terms with a title and an introduction."""

    code: str
    title: str
    intro: str
    terms: tuple[GlossaryTerm, ...]


def parse_example(marked: str) -> GlossaryExample:
    """``"A [[mob]] gathered"`` -> text ``"A mob gathered"`` with the mark ``(2, 5)``."""
    text: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0
    position = 0
    for match in _MARK.finditer(marked):
        before = marked[position : match.start()]
        text.append(before)
        length += len(before)
        inner = match.group(1)
        marks.append((length, length + len(inner)))
        text.append(inner)
        length += len(inner)
        position = match.end()
    text.append(marked[position:])
    return GlossaryExample("".join(text), tuple(marks))


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise GlossaryError(f"{where}: {key!r} must be a non-empty string")
    return value.strip()


def _texts(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = entry.get(key)
    if not isinstance(values, list) or not values:
        raise GlossaryError(f"{where}: {key!r} must be a non-empty list")
    if not all(isinstance(value, str) and value.strip() for value in values):
        raise GlossaryError(f"{where}: every item of {key!r} must be a non-empty string")
    return tuple(value.strip() for value in values)


def parse_glossary(document: dict[str, Any]) -> tuple[GlossarySection, ...]:
    """The sections of a glossary document (the JSON shape of ``terms.json``).

    Raises
    ------
    GlossaryError
        When a section or term lacks a field, or a code appears twice.
    """
    sections = []
    seen: set[str] = set()
    for index, section in enumerate(document.get("sections", [])):
        where = f"section {index + 1}"
        code = _text(section, "code", where)
        terms = []
        for entry in section.get("terms", []):
            term_code = _text(entry, "code", f"{where}, a term")
            if term_code in seen:
                raise GlossaryError(f"{where}: the term {term_code!r} appears twice")
            seen.add(term_code)
            term_where = f"{where}, term {term_code!r}"
            terms.append(
                GlossaryTerm(
                    code=term_code,
                    name=_text(entry, "name", term_where),
                    definition=_text(entry, "definition", term_where),
                    examples=tuple(parse_example(e) for e in _texts(entry, "examples", term_where)),
                    ask=_texts(entry, "ask", term_where),
                )
            )
        sections.append(
            GlossarySection(
                code, _text(section, "title", where), _text(section, "intro", where), tuple(terms)
            )
        )
    return tuple(sections)


@cache
def load_glossary(path: str | None = None) -> tuple[GlossarySection, ...]:
    """The shipped glossary (``resources/glossary/terms.json``), or the one at ``path``."""
    source = Path(path) if path else resource_path("glossary", "terms.json")
    try:
        document = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise GlossaryError(f"{source}: {error}") from error
    return parse_glossary(document)


def glossary_term(code: str) -> GlossaryTerm | None:
    """The shipped glossary's entry for ``code`` (a category, voice, marker or frame)."""
    for section in load_glossary():
        for term in section.terms:
            if term.code == code:
                return term
    return None


def term_name(code: str) -> str:
    """A reader's name for ``code``: the glossary's, else the code with spaces."""
    term = glossary_term(code)
    return term.name if term is not None else code.replace("_", " ")
