"""How well, and how fast, saved web pages become article bodies.

Runs every page of the extraction benchmark (``extraction_benchmark/`` under the shared
datasets, see ``../shared/datasets/README.md``) through :func:`ingest.html.read_html` -- the
same path an import takes, so the body scored is the body that would be stored -- and compares
it with the ground-truth article body.

Run from the repository root::

    python bench/extraction.py [--split dev|test|all] [--misses N]

(with the project's virtual environment's Python).

The datasets are found through ``PARALLAX_DATASETS`` (default ``../shared/datasets`` relative
to the repository root). Without them the benchmark says so and exits 0, or 1 when
``PARALLAX_REQUIRE_DATASETS=1``.

The metric, as the datasets README defines it: ``\\w+`` tokens; the 4-token shingles of a page's
ground truth and of our body are compared as multisets (shared ones are true positives, extra
ones false positives, missing ones false negatives); each page's three counts are scaled to sum
to 1; they are averaged over the pages of the split; precision, recall and F1 come from those
averages. The upstream benchmark's script averages per-page precision and recall instead (which
is how its published F1 figures were made); that variant is printed under the table for
comparison. Pages/s is measured in this single process over ``read_html`` alone (the pages
are decompressed beforehand, and one page is read first so that imports are not timed).

Tune on ``dev`` (look at ``--misses``), report ``test`` and ``all``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Run as a script, Python puts bench/ first on the path, not the repository root.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from ingest.errors import IngestError  # noqa: E402
from ingest.html import read_html  # noqa: E402
from ingest.options import ReadOptions  # noqa: E402

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page's shingle counts, scaled so that ``tp + fp + fn`` is 1 (or all 0)."""

    tp: float
    fp: float
    fn: float


@dataclass(frozen=True, slots=True)
class ExtractionScores:
    """Precision, recall and F1 over a set of pages."""

    pages: int
    precision: float
    recall: float
    f1: float


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of ``size``-token shingles of ``text`` (``\\w+`` tokens, case kept).

    A text shorter than ``size`` tokens is one shingle of all its tokens, as upstream.
    """
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)))


def score_page(truth: str, predicted: str) -> PageScore:
    """Shared, extra and missing shingles of one page, scaled to sum to 1.

    Parameters
    ----------
    truth, predicted
        The ground-truth article body and the extracted one.

    Returns
    -------
    PageScore
        All zero when both texts are empty.
    """
    expected, got = shingles(truth), shingles(predicted)
    tp = sum((expected & got).values())
    fp = sum((got - expected).values())
    fn = sum((expected - got).values())
    total = tp + fp + fn
    if total == 0:
        return PageScore(0.0, 0.0, 0.0)
    return PageScore(tp / total, fp / total, fn / total)


def aggregate(scores: Sequence[PageScore]) -> ExtractionScores:
    """Precision, recall and F1 from the page scores averaged over the pages.

    Parameters
    ----------
    scores
        One :class:`PageScore` per page.

    Returns
    -------
    ExtractionScores
        Zero where a ratio has nothing to divide by.
    """
    n = len(scores)
    if n == 0:
        return ExtractionScores(0, 0.0, 0.0, 0.0)
    tp = sum(s.tp for s in scores) / n
    fp = sum(s.fp for s in scores) / n
    fn = sum(s.fn for s in scores) / n
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return ExtractionScores(n, precision, recall, _f1(precision, recall))


def aggregate_per_page(scores: Sequence[PageScore]) -> ExtractionScores:
    """The upstream script's variant: per-page precision and recall, averaged.

    Precision is averaged over pages where something was extracted, recall over pages with
    a ground truth; a page that is exactly right scores 1 on both.
    """
    precisions = [_ratio(s.tp, s.fp, s) for s in scores if s.tp + s.fp > 0]
    recalls = [_ratio(s.tp, s.fn, s) for s in scores if s.tp + s.fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    return ExtractionScores(len(scores), precision, recall, _f1(precision, recall))


def _ratio(hit: float, miss: float, score: PageScore) -> float:
    if score.fp == score.fn == 0:
        return 1.0
    return hit / (hit + miss) if hit + miss else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def split_of(key: str) -> str:
    """``dev`` or ``test`` by the stable hash of the page id (datasets README)."""
    return "dev" if int(hashlib.sha1(key.encode()).hexdigest(), 16) % 2 == 0 else "test"


def datasets_root() -> Path:
    """``PARALLAX_DATASETS``, else ``../shared/datasets`` beside the repository."""
    return Path(os.environ.get("PARALLAX_DATASETS", REPO.parent / "shared" / "datasets"))


@dataclass(frozen=True, slots=True)
class PageRun:
    """What the import made of one page, and how long it took."""

    page_id: str
    url: str
    score: PageScore
    seconds: float
    error: str | None


def run_pages(
    pages: Iterable[tuple[str, bytes, str, str]], options: ReadOptions | None = None
) -> list[PageRun]:
    """Read each ``(page_id, html, url, truth)`` with :func:`read_html` and score its body.

    The pages are read as saved files are imported, without their URL (the body is the same
    either way; the URL only helps metadata).
    """
    options = options or ReadOptions()
    runs = []
    for page_id, data, url, truth in pages:
        error = None
        started = time.perf_counter()
        try:
            body = next(read_html(data, f"{page_id}.html", options)).body
        except IngestError as refused:
            body, error = "", refused.reason
        seconds = time.perf_counter() - started
        runs.append(PageRun(page_id, url, score_page(truth, body), seconds, error))
    return runs


def load_pages(root: Path, split: str) -> list[tuple[str, bytes, str, str]]:
    """``(page_id, html, url, truth)`` for the pages of a split (``dev``, ``test``, ``all``)."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        if split != "all" and split_of(page_id) != split:
            continue
        data = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        entry = truth[page_id]
        pages.append((page_id, data, entry.get("url") or "", entry.get("articleBody") or ""))
    return pages


def _table(split: str, runs: Sequence[PageRun]) -> str:
    scores = aggregate([r.score for r in runs])
    seconds = sum(r.seconds for r in runs)
    rate = len(runs) / seconds if seconds else 0.0
    return "\n".join(
        [
            "| split | pages | precision | recall | F1 | pages/s |",
            "|---|---:|---:|---:|---:|---:|",
            f"| {split} | {scores.pages} | {scores.precision:.3f} | {scores.recall:.3f} "
            f"| {scores.f1:.3f} | {rate:.1f} |",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print a Markdown table; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument(
        "--misses", type=int, default=0, metavar="N", help="also list the N worst pages"
    )
    args = parser.parse_args(argv)

    root = datasets_root() / "extraction_benchmark"
    if not (root / "ground-truth.json").exists():
        reason = f"{root} is not here (the shared datasets sit beside the repository)"
        if os.environ.get("PARALLAX_REQUIRE_DATASETS") == "1":
            print(f"failed: {reason}; PARALLAX_REQUIRE_DATASETS=1 requires it", file=sys.stderr)
            return 1
        print(f"skipped: {reason}", file=sys.stderr)
        return 0

    pages = load_pages(root, args.split)
    # Imports (trafilatura, lxml, htmldate) happen on the first page; a long import pays them
    # once, so they are kept out of the per-page times.
    run_pages(pages[:1])
    runs = run_pages(pages)
    print(_table(args.split, runs))
    upstream = aggregate_per_page([r.score for r in runs])
    times = sorted(r.seconds * 1000 for r in runs)
    print()
    print(
        f"Upstream per-page averaging: precision {upstream.precision:.3f}, "
        f"recall {upstream.recall:.3f}, F1 {upstream.f1:.3f}."
    )
    print(
        f"Per page: mean {statistics.fmean(times):.1f} ms, median {statistics.median(times):.1f}"
        f" ms, 95th percentile {times[int(0.95 * (len(times) - 1))]:.1f} ms, "
        f"max {times[-1]:.1f} ms; refused {sum(r.error is not None for r in runs)}."
    )
    if args.misses:
        print()
        print("| page | fp | fn | error | url |")
        print("|---|---:|---:|---|---|")
        worst = sorted(runs, key=lambda r: r.score.fp + r.score.fn, reverse=True)
        for run in worst[: args.misses]:
            print(
                f"| {run.page_id[:12]} | {run.score.fp:.3f} | {run.score.fn:.3f} "
                f"| {run.error or ''} | {run.url} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
