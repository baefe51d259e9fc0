"""The project's training corpus (resources/training): loading and the marked-up format.

Loaded-language lines mark spans inline — ``A [[mob|labelling]] of ...``, and for the words of
a speaker ``[[thugs|labelling|quoted]]`` — so a person can read and correct them; loading turns
them into plain text with character spans. Framing lines carry ``frames`` (codes of
:data:`FRAMES`; an empty list means no frame).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from analysis.lexicon import LOADED_CATEGORIES
from resources import resource_path

#: The 14 Media Frames Corpus frames (DESIGN.md "Analysis").
FRAMES = (
    "economic",
    "capacity_resources",
    "morality",
    "fairness_equality",
    "legality",
    "policy",
    "crime_punishment",
    "security_defense",
    "health_safety",
    "quality_of_life",
    "cultural_identity",
    "public_opinion",
    "political",
    "external_regulation",
)
VOICES = ("outlet", "quoted", "reported")
_MARK = re.compile(r"\[\[([^\[\]|]+)\|([a-z_]+)(?:\|([a-z]+))?\]\]")


class CorpusError(ValueError):
    """A corpus line that does not follow the format, naming the file and line."""


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    """A loaded span of a corpus sentence."""

    start: int
    end: int
    label: str
    voice: str


@dataclass(frozen=True)
class LoadedExample:
    """A sentence with its loaded spans."""

    id: str
    text: str
    spans: tuple[MarkedSpan, ...]
    topic: str
    register: str

    @property
    def biased(self) -> bool:
        """Whether the outlet itself uses loaded wording (a span in the outlet's voice)."""
        return any(span.voice == "outlet" for span in self.spans)


@dataclass(frozen=True)
class FrameExample:
    """A sentence or short passage with its frames (empty: no frame)."""

    id: str
    text: str
    frames: tuple[str, ...]
    topic: str
    register: str


def parse_marked(marked: str, where: str = "") -> tuple[str, tuple[MarkedSpan, ...]]:
    """Plain text and spans from ``[[words|label(|voice)]]`` markup."""
    pieces: list[str] = []
    spans: list[MarkedSpan] = []
    position = length = 0
    for match in _MARK.finditer(marked):
        before = marked[position : match.start()]
        pieces.append(before)
        length += len(before)
        words, label, voice = match.group(1), match.group(2), match.group(3) or "outlet"
        if label not in LOADED_CATEGORIES:
            raise CorpusError(f"{where}: unknown label {label!r}")
        if voice not in VOICES:
            raise CorpusError(f"{where}: unknown voice {voice!r}")
        spans.append(MarkedSpan(length, length + len(words), label, voice))
        pieces.append(words)
        length += len(words)
        position = match.end()
    pieces.append(marked[position:])
    text = "".join(pieces)
    if "[[" in text or "]]" in text:
        raise CorpusError(f"{where}: unbalanced [[ ]] markup")
    return text, tuple(spans)


def _lines(paths: Iterable[Path]) -> Iterator[tuple[str, dict]]:
    for path in sorted(paths):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                yield where, json.loads(line)
            except json.JSONDecodeError as error:
                raise CorpusError(f"{where}: {error}") from None


def training_dir() -> Path:
    """``resources/training``."""
    return resource_path("training")


def loaded_examples(root: Path | None = None) -> list[LoadedExample]:
    """Every loaded-language example of the corpus."""
    folder = (root or training_dir()) / "loaded"
    examples = []
    for where, row in _lines(folder.glob("*.jsonl")):
        text, spans = parse_marked(row["marked"], where)
        examples.append(
            LoadedExample(row["id"], text, spans, row.get("topic", ""), row.get("register", ""))
        )
    return examples


def frame_examples(root: Path | None = None) -> list[FrameExample]:
    """Every framing example of the corpus."""
    folder = (root or training_dir()) / "frames"
    examples = []
    for where, row in _lines(folder.glob("*.jsonl")):
        frames = tuple(row.get("frames", []))
        unknown = [f for f in frames if f not in FRAMES]
        if unknown:
            raise CorpusError(f"{where}: unknown frame {unknown[0]!r}")
        examples.append(
            FrameExample(
                row["id"], row["text"], frames, row.get("topic", ""), row.get("register", "")
            )
        )
    return examples


def corpus_hash(root: Path | None = None) -> str:
    """sha256 of every corpus file (names and bytes), for model cards."""
    digest = hashlib.sha256()
    base = root or training_dir()
    for path in sorted(base.rglob("*.jsonl")):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def holdout(example_id: str) -> bool:
    """Whether an example belongs to the corpus's own held-out fifth (stable by id)."""
    return int(hashlib.sha1(example_id.encode()).hexdigest(), 16) % 5 == 0
