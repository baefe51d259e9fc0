"""Import throughput on the extraction benchmark's 181 saved pages, storage included.

Run from the repository root::

    .venv/bin/python bench/import_speed.py [--workers 1 2] [--repeat 3]

Each run imports every ``html/*.html.gz`` page of ``../shared/datasets/extraction_benchmark``
(``PARALLAX_DATASETS`` overrides the datasets folder) into a new SQLite library through
``Library.import_sources`` — the same path as ``python main.py import FOLDER`` — and prints a
Markdown table of pages per second (best of ``--repeat`` runs, worker start-up included).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from library import Library  # noqa: E402


def datasets_dir() -> Path:
    return Path(os.environ.get("PARALLAX_DATASETS", REPO.parent / "shared" / "datasets"))


def run_once(pages: Path, workers: int) -> tuple[int, int, float]:
    with (
        tempfile.TemporaryDirectory() as folder,
        Library.open(f"sqlite:///{folder}/bench.sqlite3") as library,
    ):
        start = time.perf_counter()
        report = library.import_sources([str(pages)], workers=workers)
        elapsed = time.perf_counter() - start
    return len(report.added) + len(report.duplicates), len(report.failures), elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pages = datasets_dir() / "extraction_benchmark" / "html"
    if not pages.is_dir():
        print(f"{pages} is not here; nothing to measure", file=sys.stderr)
        return 1
    total = len(list(pages.glob("*.html.gz")))
    print(f"{total} saved pages, {os.cpu_count()} processors\n")
    print("| worker processes | pages stored | failed | seconds (best) | pages/s |")
    print("|---:|---:|---:|---:|---:|")
    for workers in args.workers:
        best = None
        for _ in range(args.repeat):
            stored, failed, elapsed = run_once(pages, workers)
            if best is None or elapsed < best[2]:
                best = (stored, failed, elapsed)
        assert best is not None
        stored, failed, elapsed = best
        print(f"| {workers} | {stored} | {failed} | {elapsed:.2f} | {total / elapsed:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
