"""Readers for the labeled evaluation datasets (BABE, BASIL, PTC, SemEval-2023 frames) and
for Parallax's own JSONL format. Evaluation only: nothing read here is trained on.

Each reader returns plain records with the gold labels and the dataset's grouping key, which
decides the dev/test half (``split_of``).
"""

from __future__ import annotations

import ast
import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import IngestError

#: SemEval-2023 frame names -> Parallax frame codes.
SEMEVAL_FRAMES = {
    "Economic": "economic",
    "Capacity_and_resources": "capacity_resources",
    "Morality": "morality",
    "Fairness_and_equality": "fairness_equality",
    "Legality_Constitutionality_and_jurisprudence": "legality",
    "Policy_prescription_and_evaluation": "policy",
    "Crime_and_punishment": "crime_punishment",
    "Security_and_defense": "security_defense",
    "Health_and_safety": "health_safety",
    "Quality_of_life": "quality_of_life",
    "Cultural_identity": "cultural_identity",
    "Public_opinion": "public_opinion",
    "Political": "political",
    "External_regulation_and_reputation": "external_regulation",
}
#: PTC techniques that are loaded language in Parallax's sense.
PTC_FAMILIES = ("Loaded_Language", "Name_Calling,Labeling", "Exaggeration,Minimisation", "Doubt")
WORD = re.compile(r"\w+(?:[-']\w+)*")


def split_of(key: str) -> str:
    """``dev`` or ``test``: the stable hash split of the datasets README."""
    return "dev" if int(hashlib.sha1(key.encode()).hexdigest(), 16) % 2 == 0 else "test"


def _in_split(key: str, split: str) -> bool:
    return split == "all" or split_of(key) == split


@dataclass(frozen=True)
class BabeSentence:
    """A BABE sentence: ``biased`` gold label and the lower-cased biased-word tokens."""

    text: str
    key: str
    biased: bool
    biased_tokens: frozenset[str]


@dataclass
class SpanDocument:
    """A text with gold character spans (PTC, BASIL) and, for BASIL, quote flags."""

    key: str
    title: str
    body: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    quoted: list[bool] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The analysed text: ``title + "\\n\\n" + body``."""
        return f"{self.title}\n\n{self.body}"


@dataclass(frozen=True)
class FramedDocument:
    """A SemEval article with its gold frames."""

    key: str
    title: str
    body: str
    frames: frozenset[str]


def _need(path: Path) -> Path:
    if not path.exists():
        raise IngestError(str(path), "not found (is this the dataset's folder?)")
    return path


def read_babe(root: Path, split: str) -> list[BabeSentence]:
    """BABE's ``final_labels_SG2.csv`` ("No agreement" rows dropped)."""
    data = _need(root / "final_labels_SG2.csv").read_text(encoding="utf-8-sig")
    found = []
    for row in csv.DictReader(io.StringIO(data), delimiter=";"):
        label = row["label_bias"]
        if label not in ("Biased", "Non-biased") or not _in_split(row["news_link"], split):
            continue
        try:
            words = ast.literal_eval(row["biased_words"] or "[]")
        except (ValueError, SyntaxError):
            words = []
        tokens = frozenset(t.lower() for w in words for t in WORD.findall(str(w)))
        found.append(BabeSentence(row["text"], row["news_link"], label == "Biased", tokens))
    return found


def read_ptc(root: Path, split: str) -> list[SpanDocument]:
    """PTC training articles with their loaded-language family spans (overlaps merged).

    The article file is the body (title line included), so offsets are the file's.
    """
    articles = _need(root / "train-articles")
    labels_dir = _need(root / "train-labels-task2-technique-classification")
    found = []
    for path in sorted(articles.glob("article*.txt")):
        key = path.stem.removeprefix("article")
        if not _in_split(key, split):
            continue
        text = path.read_text(encoding="utf-8")
        spans = []
        label_file = labels_dir / f"{path.stem}.task2-TC.labels"
        if label_file.exists():
            for line in label_file.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) == 4 and parts[1] in PTC_FAMILIES:
                    spans.append((int(parts[2]), int(parts[3])))
        merged: list[tuple[int, int]] = []
        for start, end in sorted(set(spans)):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        found.append(SpanDocument(key, "", text, merged))
    return found


def read_basil(root: Path, split: str) -> list[SpanDocument]:
    """BASIL articles with their ``lex`` spans located in ``title + "\\n\\n" + body``."""
    found = []
    for path in sorted(_need(root / "articles").glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        key = data.get("triplet-uuid") or data.get("pair-uuid") or data["uuid"]
        if not _in_split(key, split):
            continue
        title = data["title"]
        offset = len(title) + 2
        sentences: list[tuple[int, str]] = []
        paragraphs = []
        for paragraph in data["body-paragraphs"]:
            for sentence in paragraph:
                sentences.append((offset, sentence))
                offset += len(sentence) + 1
            paragraphs.append(" ".join(paragraph))
            offset += 1
        document = SpanDocument(key, title, "\n\n".join(paragraphs))
        annotations = root / "annotations" / path.parent.name / f"{path.stem}_ann.json"
        if annotations.exists():
            for span in json.loads(annotations.read_text(encoding="utf-8")).get(
                "phrase-level-annotations", []
            ):
                if span.get("bias") != "lex":
                    continue
                for start, sentence in sentences:
                    if sentence[span["start"] : span["end"]] == span["txt"]:
                        begin = start + span["start"]
                        document.spans.append((begin, begin + len(span["txt"])))
                        document.quoted.append(span.get("quote") == "yes")
                        break
        found.append(document)
    return found


def read_semeval_frames(root: Path, split: str) -> list[FramedDocument]:
    """SemEval-2023 subtask 2 articles (title on the first line) with frame codes."""
    labels = {}
    for line in _need(root / "train-labels-subtask-2.txt").read_text("utf-8").splitlines():
        key, _sep, names = line.partition("\t")
        labels[key.strip()] = frozenset(
            SEMEVAL_FRAMES[n] for n in names.strip().split(",") if n in SEMEVAL_FRAMES
        )
    found = []
    for path in sorted(_need(root / "train-articles-subtask-2").glob("article*.txt")):
        key = path.stem.removeprefix("article")
        if key not in labels or not _in_split(key, split):
            continue
        title, _sep, body = path.read_text(encoding="utf-8").strip().partition("\n")
        found.append(FramedDocument(key, title.strip(), body.strip(), labels[key]))
    return found


def read_jsonl(path: Path) -> Iterator[dict]:
    """Rows of a JSONL file in Parallax's corpus format (see resources/training/README.md)."""
    for number, line in enumerate(_need(path).read_text("utf-8").splitlines(), 1):
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError as error:
                raise IngestError(f"{path}:{number}", f"not JSON ({error.msg})") from None
