"""Machine instructions per analysis of the 800-word article, counted by valgrind.

Run from the repository root (needs ``valgrind``; about three minutes)::

    .venv/bin/python bench/analysis_instructions.py [--runs 30]

Wall-clock time on a shared machine moves with the machine's own speed (see
``bench/analysis_speed.py --rounds``); the number of instructions the interpreter executes does
not, so it measures a change to the analysis to within a fraction of a per cent. Two
processes are counted under ``valgrind --tool=callgrind``, both loading everything and
analysing the article once, one of them then ``--runs`` more times (a number appended each
time, as in the speed bench): the difference over ``--runs`` is the count per analysis. Hash
randomisation is fixed (``PYTHONHASHSEED=0``) so that both processes do the same work.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _analyse(runs: int) -> None:
    """The counted process: load, analyse once, then ``runs`` more times."""
    sys.path.insert(0, str(REPO))
    from analysis.scoring import analyze
    from bench.analysis_speed import articles

    _name, title, body = next(text for text in articles() if text[0] == "800-word article")
    analyze(title, body)
    for index in range(runs):
        analyze(title, f"{body} {index}")


def _count(runs: int) -> int:
    """Instructions of a process that analyses the article ``1 + runs`` times."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--child",
        str(runs),
    ]
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(command, capture_output=True, text=True, env=environment, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError("valgrind printed no instruction count:\n" + done.stderr[-2000:])
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        _analyse(args.child)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: nothing to count", file=sys.stderr)
        return 1
    base, more = _count(0), _count(args.runs)
    per_analysis = (more - base) / args.runs
    print(
        f"800-word article: {per_analysis / 1e6:.1f} million instructions per analysis "
        f"(valgrind callgrind, {args.runs} runs; loading and the first analysis: "
        f"{base / 1e9:.2f} billion)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
