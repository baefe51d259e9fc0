"""Typed preferences over QSettings, the Preferences dialog, About, keyboard shortcuts."""

from __future__ import annotations

import platform
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from gui.about import AboutDialog, ShortcutsDialog, shortcut_rows, version_rows
from gui.actions import WITHOUT_SHORTCUT
from gui.main_window import MainWindow
from gui.preferences import PreferencesDialog
from gui.settings import SCHEMA_VERSION, Preferences, open_settings
from gui.themes import Appearance
from library import Library, __version__


@pytest.fixture(autouse=True)
def _system_appearance(qapp):
    yield
    Appearance().apply("system")  # one QApplication serves every test


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


def _settings(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def test_preferences_round_trip_through_an_ini_file(ini: Path) -> None:
    chosen = Preferences(
        theme="dark",
        font_size=14,
        classroom_font_scale=2.2,
        sensitivity=5,
        author="Ms Rivera",
        pdf_page_size="Letter",
        confirm_delete=False,
    )
    chosen.save(_settings(ini))
    assert "theme=dark" in ini.read_text()
    assert Preferences.load(_settings(ini)) == chosen


def test_missing_settings_are_the_defaults(ini: Path) -> None:
    assert Preferences.load(_settings(ini)) == Preferences()


def test_bad_stored_values_fall_back_to_their_defaults(ini: Path) -> None:
    ini.write_text(
        "[preferences]\n"
        "theme=purple\n"
        "font_size=huge\n"
        "classroom_font_scale=9\n"
        "sensitivity=0\n"
        "pdf_page_size=A3\n"
        "confirm_delete=maybe\n"
        f"author={'x' * 300}\n"
    )
    assert Preferences.load(_settings(ini)) == Preferences()


def test_good_values_survive_beside_bad_ones_and_a_newer_schema(ini: Path) -> None:
    ini.write_text(
        f"[preferences]\nschema={SCHEMA_VERSION + 3}\ntheme=light\nfont_size=-4\n"
        "sensitivity=2\nsomething_new=1\n"
    )
    loaded = Preferences.load(_settings(ini))
    assert (loaded.theme, loaded.font_size, loaded.sensitivity) == ("light", 0, 2)


def test_an_old_file_without_a_schema_is_brought_up_to_date(ini: Path) -> None:
    ini.write_text("[preferences]\ntheme=dark\n")
    settings = _settings(ini)
    assert Preferences.load(settings).theme == "dark"
    assert int(settings.value("preferences/schema")) == SCHEMA_VERSION


def test_saving_invalid_values_stores_the_defaults(ini: Path) -> None:
    Preferences(theme="neon", sensitivity=9).save(_settings(ini))
    loaded = Preferences.load(_settings(ini))
    assert (loaded.theme, loaded.sensitivity) == ("system", 3)


@pytest.mark.parametrize(("level", "expected"), [(1, 0.7), (2, 0.6), (3, None), (4, 0.4), (5, 0.3)])
def test_sensitivity_moves_the_shipped_threshold(level: int, expected: float | None) -> None:
    threshold = Preferences(sensitivity=level).highlight_threshold(0.5)
    assert threshold == (pytest.approx(expected) if expected is not None else None)


def test_settings_live_in_parallax_home_for_tests_and_portable_installs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARALLAX_HOME", str(tmp_path))
    assert Path(open_settings().fileName()) == tmp_path / "settings.ini"


# -- the dialog ------------------------------------------------------------------------------


def test_dialog_pages_load_and_save_every_preference(qtbot) -> None:
    start = Preferences(theme="dark", font_size=12, author="Ms Rivera", pdf_page_size="Letter")
    dialog = PreferencesDialog(start)
    qtbot.addWidget(dialog)
    assert dialog.preferences() == start
    appearance, highlights, export, library_page = dialog.pages
    appearance.theme.setCurrentIndex(appearance.theme.findData("light"))
    appearance.classroom_scale.setValue(2.5)
    highlights.sensitivity.setValue(1)
    highlights.author.setText("  Mr Okafor ")
    export.page_size.setCurrentIndex(export.page_size.findData("A4"))
    library_page.confirm_delete.setChecked(False)
    assert dialog.preferences() == Preferences(
        theme="light",
        font_size=12,
        classroom_font_scale=2.5,
        sensitivity=1,
        author="Mr Okafor",
        pdf_page_size="A4",
        confirm_delete=False,
    )
    buttons = dialog.findChild(QDialogButtonBox)
    buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    assert dialog.preferences() == Preferences()
    for page in dialog.pages:
        assert page.title


def test_ok_in_the_window_applies_and_stores_the_preferences(
    qtbot, sqlite_url: str, ini: Path
) -> None:
    with Library.open(sqlite_url) as library:
        window = MainWindow(library, _settings(ini))
        qtbot.addWidget(window)
        base = QApplication.font().pointSizeF()
        dialog = window.edit_preferences()
        appearance, highlights, *_ = dialog.pages
        appearance.font_size.setValue(int(base) + 4)
        highlights.author.setText("Ms Rivera")
        dialog.accept()
        assert window.preferences.author == "Ms Rivera"
        assert QApplication.font().pointSizeF() == int(base) + 4
        assert Preferences.load(_settings(ini)).font_size == int(base) + 4
        assert window.corrections.author() == "Ms Rivera"


# -- About and shortcuts ---------------------------------------------------------------------


def test_about_lists_the_versions_and_places(qtbot, sqlite_url: str) -> None:
    with Library.open(sqlite_url) as library:
        rows = dict(version_rows(library, "/somewhere/settings.ini"))
        assert rows["Parallax"] == __version__
        assert rows["Python"] == platform.python_version()
        for name in ("Qt", "PySide6", "scikit-learn", "textstat", "Analyser"):
            assert rows[name]
            assert rows[name] != "not installed"
        assert rows["Models"].startswith("1 (shipped")
        assert rows["Database"] == library.url
        assert rows["Data folder"]
        assert rows["Settings"] == "/somewhere/settings.ini"
        dialog = AboutDialog(library)
        qtbot.addWidget(dialog)
        text = dialog.text()
        assert f"Parallax\t{__version__}" in text
        assert "scikit-learn\t" in text
        dialog.copy()
        assert QApplication.clipboard().text() == text


def test_every_action_has_a_shortcut_or_a_reason_and_no_two_share_one(
    qtbot, sqlite_url: str
) -> None:
    with Library.open(sqlite_url) as library:
        window = MainWindow(library)
        qtbot.addWidget(window)
        keys = window.actions.keys()
        seen: dict[str, str] = {}
        for key in keys:
            shortcut = window.actions[key].shortcut().toString()
            if key in WITHOUT_SHORTCUT:
                assert not shortcut, f"{key} has {shortcut} but is listed as without"
                continue
            assert shortcut, f"action {key!r} has no shortcut and no reason for that"
            assert shortcut not in seen, f"{key} and {seen.get(shortcut)} share {shortcut}"
            seen[shortcut] = key
        assert set(WITHOUT_SHORTCUT) <= set(keys)
        rows = shortcut_rows(window.actions)
        assert len(rows) == len(keys)
        assert ("Edit", "Preferences…", "Ctrl+,") in rows
        assert ("View > Theme", "Dark", "— a choice made once, in View > Theme") in rows
        dialog = ShortcutsDialog(window.actions, window)
        qtbot.addWidget(dialog)
        dialog.filter.setText("classroom")
        visible = [r for r in range(dialog.table.rowCount()) if not dialog.table.isRowHidden(r)]
        assert [dialog.table.item(r, 1).text() for r in visible] == ["Classroom Mode"]
