"""The dependency arrows of DESIGN.md, checked: import-linter contracts plus what it cannot see."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_import_linter_contracts_are_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout
    assert " 0 broken" in result.stdout


def test_cli_goes_through_library_only() -> None:
    ours = {"analysis", "db", "export", "gui", "ingest", "library", "cli", "main"}
    used = {name.split(".")[0] for name in _imports(REPO / "cli.py")} & ours
    assert used <= {"library"}


def test_export_never_imports_widgets() -> None:
    for path in (REPO / "export").rglob("*.py"):
        assert not any(name.startswith("PySide6.QtWidgets") for name in _imports(path)), path


def test_core_never_pulls_in_qt_at_run_time() -> None:
    code = (
        "import sys, cli, library, ingest.sources, db.engine; "
        "print(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_table_exports_never_pull_in_qt() -> None:
    # CSV and JSON are plain Python: exporting tables must work (and start fast) without Qt.
    code = (
        "import sys, export, export.tables, library.exporting; "
        "print(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
