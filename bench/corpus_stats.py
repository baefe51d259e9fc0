"""Counts of the training corpus, printed as the table in resources/training/README.md.

Run from the repository root: ``.venv/bin/python bench/corpus_stats.py``
(a test checks that the README's table matches the corpus).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.corpus import FRAMES, frame_examples, loaded_examples
from analysis.lexicon import LOADED_CATEGORIES


def main() -> int:
    loaded, framed = loaded_examples(), frame_examples()
    labels = Counter(span.label for e in loaded for span in e.spans)
    voices = Counter(span.voice for e in loaded for span in e.spans)
    frames = Counter(f for e in framed for f in e.frames)
    rows = [
        ("loaded sentences", len(loaded)),
        ("without a loaded span", sum(1 for e in loaded if not e.spans)),
        *((label, labels[label]) for label in LOADED_CATEGORIES),
        ("framing passages", len(framed)),
        ("no frame", sum(1 for e in framed if not e.frames)),
        *((code, frames[code]) for code in FRAMES),
    ]
    print("| count | value |")
    print("|---|---:|")
    for key, value in rows:
        print(f"| `{key}` | {value:,} |")
    topics = Counter(e.topic for e in loaded)
    registers = Counter(e.register for e in loaded) + Counter(e.register for e in framed)
    print(f"\nspans by voice: {dict(voices)}")
    print(f"loaded topics ({len(topics)}): {dict(sorted(topics.items()))}")
    print(f"registers: {dict(sorted(registers.items()))}")
    print(f"framing passages with two frames: {sum(1 for e in framed if len(e.frames) >= 2)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
