"""Start-up: the first-paint probe the start-up bench reads, and a first launch's demo story
added in the background once the window is on screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from gui.app import STARTUP_PROBE, _add_demo_story
from gui.main_window import MainWindow
from library import Library
from library.paths import DEFAULT_FILE

REPO = Path(__file__).resolve().parents[2]


def test_first_launch_shows_the_window_then_adds_the_demo_story(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PARALLAX_DB"}
    env.update({"PARALLAX_HOME": str(tmp_path), STARTUP_PROBE: "1", "QT_QPA_PLATFORM": "offscreen"})
    result = subprocess.run(
        [sys.executable, "main.py"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    [probe] = [line for line in result.stdout.splitlines() if line.startswith("parallax-")]
    assert float(probe.split()[1]) > 0
    with Library.open(f"sqlite:///{tmp_path / DEFAULT_FILE}") as library:
        assert library.count_articles() == 3


def test_demo_story_arrives_in_the_table(qtbot, sqlite_url: str) -> None:
    with Library.open(sqlite_url) as library:
        window = MainWindow(library)
        qtbot.addWidget(window)
        window.show()
        _add_demo_story(window, library)
        assert "demo story" in window.message.text()
        qtbot.waitUntil(lambda: window.model is not None and window.model.rowCount() == 3)
        assert not window.message.isVisible()
