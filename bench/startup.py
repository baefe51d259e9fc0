"""How long from ``python main.py`` to a window on screen: cold starts in fresh processes.

Run from the repository root::

    .venv/bin/python bench/startup.py [--runs 5] [--articles 1000]

Each run starts ``python main.py`` (no arguments: the window) in a new process with
``QT_QPA_PLATFORM=offscreen`` and ``PARALLAX_STARTUP_PROBE=1``: at the window's first paint,
Parallax prints the wall-clock time and quits (``gui/app.py``). The time is taken from just
before the process is started, so the interpreter's own start-up and every import count.

Two libraries: an existing one (the demo story and ``--articles`` more, opened through
``PARALLAX_DB``), and none at all — a first launch, where Parallax creates the library in a
new ``PARALLAX_HOME`` and migrates it before showing the window (the demo story is added in
the background once the window is on screen). For
scale, the same is timed for a process that only imports PySide6's widgets and SQLAlchemy's
ORM (what any window on this library needs) and exits. Prints a Markdown table of medians; the
budget is 1.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

BUDGET = 1.5
PROBE = "parallax-startup-probe"
FLOOR = "import PySide6.QtWidgets, sqlalchemy.orm"


def make_library(path: Path, articles: int) -> None:
    """The demo story and ``articles`` short articles from five outlets."""
    from ingest import ArticleDraft
    from library import Library

    with Library.open(f"sqlite:///{path}") as library:
        library.add_demo_story()
        for n in range(articles):
            body = (
                f"The ferry on route {n} returned to service on Monday after repairs, the "
                f"operator said.\n\nPassengers on route {n} had used buses for {n % 9 + 2} weeks."
            )
            library.add_draft(
                ArticleDraft(
                    title=f"Ferry {n} back in service",
                    body=body,
                    source_kind="text",
                    source_ref=f"ferry-{n}.txt",
                ),
                outlet=f"Outlet {n % 5}",
            )


def window_time(env: dict[str, str]) -> float:
    """Seconds from starting ``python main.py`` to the window's first paint."""
    started = time.time()
    result = subprocess.run(
        [sys.executable, str(REPO / "main.py")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    for line in result.stdout.splitlines():
        if line.startswith(PROBE):
            return float(line.split()[1]) - started
    raise RuntimeError(f"no probe line (exit {result.returncode}): {result.stderr[-500:]}")


def floor_time(env: dict[str, str]) -> float:
    """Seconds for a process that only imports PySide6's widgets and SQLAlchemy's ORM."""
    started = time.time()
    subprocess.run([sys.executable, "-c", FLOOR], env=env, check=True, timeout=120)
    return time.time() - started


def row(label: str, times: list[float]) -> str:
    median = statistics.median(times)
    verdict = "within" if median <= BUDGET else "over"
    return (
        f"| {label} | {len(times)} | {median:.2f} | {min(times):.2f} | {max(times):.2f} "
        f"| {verdict} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PARALLAX_DB", "PARALLAX_HOME", "PARALLAX_STARTUP_PROBE")
    }
    base["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as folder:
        existing = Path(folder) / "existing.sqlite3"
        make_library(existing, args.articles)
        probe = {**base, "PARALLAX_STARTUP_PROBE": "1"}
        opened = {**probe, "PARALLAX_DB": f"sqlite:///{existing}", "PARALLAX_HOME": folder}
        warm = window_time(opened)  # once, so the first run does not pay for cold disk caches
        times_existing: list[float] = []
        times_new: list[float] = []
        times_floor: list[float] = []
        # Interleaved, so that a change in the machine's load touches all three alike.
        for run in range(args.runs):
            times_existing.append(window_time(opened))
            home = Path(folder) / f"home-{run}"  # no library there yet: a first launch
            times_new.append(window_time({**probe, "PARALLAX_HOME": str(home)}))
            times_floor.append(floor_time(base))
    print(f"{os.cpu_count()} processors, load average {os.getloadavg()[0]:.1f}\n")
    print("| start | runs | median s | fastest s | slowest s | 1.5 s budget |")
    print("|---|---:|---:|---:|---:|---|")
    print(row(f"existing library ({args.articles + 3:,} articles)", times_existing))
    print(row("first launch (new library, demo story added)", times_new))
    print(row(f"for scale: `python -c '{FLOOR}'`", times_floor))
    print(f"\n(warm-up run not counted: {warm:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
