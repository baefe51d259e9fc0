"""Comparison on BASIL's triplets (same event told by Fox, NYT and HuffPost).

Run from the repository root::

    .venv/bin/python bench/compare_basil.py [--split dev|test|all]

Reports, per split: the share of article pairs with at least one aligned sentence group
(headlines left out); how many of BASIL's lexical-bias (``lex``) spans fall inside a reported
wording contrast, inside a loaded highlight shown at the shipped threshold, or either; how many
contrast sides there are per 1,000 words and the share of them on a ``lex`` span (BASIL marks
biased wording only, so a side off every span is not necessarily wrong: the share is a floor
on precision); and the time to compare a triplet once its articles are analysed. Evaluation
only: nothing here feeds back into the analysis.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.compare import compare
from analysis.scoring import analyze
from bench.datasets import datasets_dir
from ingest.datasets import read_basil


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="test")
    args = parser.parse_args()
    if not (datasets_dir() / "basil").is_dir():
        print("BASIL is not here; nothing to measure", file=sys.stderr)
        return 1
    groups = defaultdict(list)
    for article in read_basil(datasets_dir() / "basil", args.split):
        groups[article.key].append(article)
    pairs = aligned_pairs = 0
    lex_total = in_contrast = in_highlight = in_either = 0
    sides_total = sides_on_lex = words = 0
    compare_times, analyse_times = [], []
    for articles in groups.values():
        if len(articles) < 2:
            continue
        articles = articles[:4]
        start = time.perf_counter()
        reports = [analyze(a.title, a.body) for a in articles]
        analyse_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        comparison = compare(reports)
        compare_times.append(time.perf_counter() - start)
        body_groups = comparison.aligned[1:]
        for i, j in combinations(range(len(articles)), 2):
            pairs += 1
            if any({i, j} <= {m.article for m in group.members} for group in body_groups):
                aligned_pairs += 1
        for index, article in enumerate(articles):
            contrast_spans = [
                (side.start, side.end)
                for contrast in comparison.contrasts
                for side in contrast.sides
                if side.article == index
            ]
            shown = float(reports[index].scores.get("loaded_threshold", 0.0))
            loaded = [
                (s.start, s.end)
                for s in reports[index].spans
                if s.layer == "loaded" and s.score >= shown
            ]
            words += int(reports[index].scores.get("words", 0))
            sides_total += len(contrast_spans)
            sides_on_lex += sum(
                overlaps(start, end, article.spans) for start, end in contrast_spans
            )
            for start, end in article.spans:
                lex_total += 1
                a = overlaps(start, end, contrast_spans)
                b = overlaps(start, end, loaded)
                in_contrast += a
                in_highlight += b
                in_either += a or b
    print(
        f"BASIL, split {args.split}: {len(groups)} story groups, {pairs} article pairs, "
        f"{lex_total} lexical-bias spans\n"
    )
    print("| measure | value |")
    print("|---|---:|")
    print(f"| article pairs with at least one aligned group | {aligned_pairs / pairs:.1%} |")
    print(f"| lex spans inside a wording contrast | {in_contrast / lex_total:.1%} |")
    print(f"| lex spans inside a loaded highlight | {in_highlight / lex_total:.1%} |")
    print(f"| lex spans inside either | {in_either / lex_total:.1%} |")
    print(f"| contrast sides per 1,000 words | {1000 * sides_total / max(words, 1):.1f} |")
    print(f"| contrast sides on a lex span | {sides_on_lex / max(sides_total, 1):.1%} |")
    print(f"| compare time per group, median | {statistics.median(compare_times) * 1000:.0f} ms |")
    print(f"| analysis time per group, median | {statistics.median(analyse_times) * 1000:.0f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
