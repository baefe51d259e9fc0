"""Shared helpers for benchmarks and evaluation on ../shared/datasets (evaluation only)."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def datasets_dir() -> Path:
    """``PARALLAX_DATASETS``, else ``../shared/datasets`` beside the repository."""
    return Path(os.environ.get("PARALLAX_DATASETS", REPO.parent / "shared" / "datasets"))


def split_of(key: str) -> str:
    """``dev`` or ``test`` by the stable hash the datasets README defines."""
    return "dev" if int(hashlib.sha1(key.encode()).hexdigest(), 16) % 2 == 0 else "test"


@dataclass
class BasilArticle:
    """One BASIL article as Parallax reads it, with its lexical-bias spans located."""

    uuid: str
    group: str
    source: str
    title: str
    body: str
    # (start, end, quote) offsets into title + "\n\n" + body of the `lex` spans
    lex: list[tuple[int, int, str]] = field(default_factory=list)


def basil_articles(root: Path | None = None) -> list[BasilArticle]:
    """Every BASIL article with its ``lex`` spans as offsets into the analysed text."""
    root = root or datasets_dir() / "basil"
    found = []
    for path in sorted((root / "articles").glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        group = data.get("triplet-uuid") or data.get("pair-uuid") or data["uuid"]
        sentences: list[tuple[int, str]] = []
        paragraphs = []
        offset = len(data["title"]) + 2
        for paragraph in data["body-paragraphs"]:
            parts = []
            for sentence in paragraph:
                sentences.append((offset, sentence))
                parts.append(sentence)
                offset += len(sentence) + 1
            paragraphs.append(" ".join(parts))
            offset += 1  # the second "\n" between paragraphs (one counted as the space)
        article = BasilArticle(
            uuid=data["uuid"],
            group=group,
            source=data["source"].lower(),
            title=data["title"],
            body="\n\n".join(paragraphs),
        )
        annotation = root / "annotations" / path.parent.name / f"{path.stem}_ann.json"
        if annotation.exists():
            spans = json.loads(annotation.read_text(encoding="utf-8"))
            text = f"{article.title}\n\n{article.body}"
            for span in spans.get("phrase-level-annotations", []):
                if span.get("bias") != "lex":
                    continue
                for start, sentence in sentences:
                    if sentence[span["start"] : span["end"]] == span["txt"]:
                        begin = start + span["start"]
                        assert text[begin : begin + len(span["txt"])] == span["txt"]
                        article.lex.append((begin, begin + len(span["txt"]), span["quote"]))
                        break
        found.append(article)
    return found
