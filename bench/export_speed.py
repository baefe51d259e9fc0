"""Time to export the 3-article demo comparison (budget for the PDF: 2 s).

Run from the repository root: ``.venv/bin/python bench/export_speed.py [--repeat 10]``.
A new library holds the demo story, analysed and compared once before timing. "First" is
the first export in the process (Qt loaded, a GUI application created, the bundled font
registered); "median" the usual cost after that; CPU time in brackets (a machine busy with
other work stretches the wall clock, not the CPU time). The last row times the whole command
a teacher runs, ``compare ID ID ID --pdf OUT``, in a new process.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from library import Library  # noqa: E402 (after the path set-up above)
from library.comparing import ComparedArticles  # noqa: E402

DOCUMENTS = (
    ("comparison", "comparison handout PDF", "pdf"),
    ("worksheet", "student worksheet PDF", "pdf"),
    ("answer_key", "answer key PDF", "pdf"),
    ("html", "HTML report", "html"),
)


def _pages(path: Path) -> str:
    if path.suffix != ".pdf":
        return "—"
    from pypdf import PdfReader

    return str(len(PdfReader(io.BytesIO(path.read_bytes())).pages))


def _export(
    library: Library, compared: ComparedArticles, kind: str, path: Path
) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one export (CPU time is what a busy machine does not
    inflate)."""
    start, cpu = time.perf_counter(), time.process_time()
    report = library.export_comparison(compared, {kind: path})
    elapsed = (time.perf_counter() - start, time.process_time() - cpu)
    if not report.ok:
        raise SystemExit(f"export failed: {report.failures[0]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        os.environ["PARALLAX_HOME"] = str(out)
        url = f"sqlite:///{out / 'library.sqlite3'}"
        with Library.open(url) as library:
            ids = library.add_demo_story()
            compared = library.compare(ids)
            assert isinstance(compared, ComparedArticles)
            rows = []
            for kind, name, suffix in DOCUMENTS:
                path = out / f"{kind}.{suffix}"
                first, first_cpu = _export(library, compared, kind, path)
                timings = [_export(library, compared, kind, path) for _ in range(args.repeat)]
                rows.append(
                    (
                        name,
                        f"{first * 1000:.0f} ({first_cpu * 1000:.0f})",
                        f"{statistics.median(t for t, _c in timings) * 1000:.0f} "
                        f"({statistics.median(c for _t, c in timings) * 1000:.0f})",
                        _pages(path),
                        f"{path.stat().st_size / 1024:.0f}",
                    )
                )
        command = [sys.executable, str(ROOT / "main.py"), "compare", *map(str, ids)]
        command += ["--pdf", str(out / "cli.pdf"), "--db", url]
        start = time.perf_counter()
        before = os.times()
        subprocess.run(command, check=True, capture_output=True)
        after = os.times()
        wall = time.perf_counter() - start
        cpu = (after.children_user + after.children_system) - (
            before.children_user + before.children_system
        )
        rows.append(
            (
                "`compare 1 2 3 --pdf OUT`, new process",
                f"{wall * 1000:.0f} ({cpu * 1000:.0f})",
                "—",
                _pages(out / "cli.pdf"),
                f"{(out / 'cli.pdf').stat().st_size / 1024:.0f}",
            )
        )
    print(f"Load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.\n")
    header = "| export of the 3-article demo comparison | first: ms (CPU ms) "
    print(header + f"| median of {args.repeat}: ms (CPU ms) | pages | KB |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
