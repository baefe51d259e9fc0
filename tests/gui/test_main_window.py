"""The first window, offscreen: the library table, search, the reader, the screenshot command."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from gui.main_window import MainWindow
from ingest import ArticleDraft
from library import Library


def _add(library: Library, title: str, body: str, outlet: str) -> int:
    result = library.add_draft(
        ArticleDraft(title=title, body=body, source_kind="text", source_ref=f"{title}.txt"),
        outlet=outlet,
    )
    assert result.article_id is not None
    return result.article_id


@pytest.fixture
def filled(sqlite_url: str):
    with Library.open(sqlite_url) as library:
        _add(library, "Harbour bridge closes", "The bridge closes for repairs.", "Gazette")
        _add(library, "Ferry fares rise", "Ferry fares rise by a tenth.", "Courier")
        _add(library, "Council budget vote", "The council votes on the budget.", "Gazette")
        yield library


def test_table_lists_articles_and_reader_shows_the_selected_one(qtbot, filled: Library) -> None:
    window = MainWindow(filled)
    qtbot.addWidget(window)
    model = window.model
    assert model is not None
    assert model.rowCount() == 3
    titles = {model.article(row).title for row in range(3)}
    assert titles == {"Harbour bridge closes", "Ferry fares rise", "Council budget vote"}
    first = model.article(0)
    assert first.title in window.reader.toPlainText()
    assert window.count_label.text().startswith("3 articles")


def test_search_filters_the_table(qtbot, filled: Library) -> None:
    window = MainWindow(filled)
    qtbot.addWidget(window)
    window.search_field.setText("ferry")
    window.refresh()
    assert window.model is not None
    assert [window.model.article(r).title for r in range(window.model.rowCount())] == [
        "Ferry fares rise"
    ]
    assert "Ferry fares rise by a tenth." in window.reader.toPlainText()


def test_search_without_words_shows_a_message_not_an_error(qtbot, filled: Library) -> None:
    window = MainWindow(filled)
    qtbot.addWidget(window)
    window.show()
    window.search_field.setText("*")
    window.refresh()
    assert window.message.isVisible()
    assert "no words" in window.message.text()


def test_empty_library_says_how_to_import(qtbot, sqlite_url: str) -> None:
    with Library.open(sqlite_url) as library:
        window = MainWindow(library)
        qtbot.addWidget(window)
        window.show()
        assert window.message.isVisible()
        assert "import" in window.message.text()


def test_table_fetches_lazily(qtbot, sqlite_url: str) -> None:
    with Library.open(sqlite_url) as library:
        for index in range(450):
            _add(library, f"Article {index}", f"Body number {index} of many.", "Gazette")
        window = MainWindow(library)
        qtbot.addWidget(window)
        assert window.model is not None
        assert window.model.total == 450
        assert window.model.rowCount() == 450  # the scroll bar covers every article
        assert window.model.loaded_rows() == 200  # but only the first page has been read
        assert window.select_article(1)  # the oldest, on the last page
        assert window.model.article(449).title == "Article 0"  # its page is read when shown
        assert window.model.loaded_rows() == 250  # the first and last pages, not the middle


def test_screenshot_command_writes_a_png(filled: Library, tmp_path: Path) -> None:
    import main

    out = tmp_path / "window.png"
    assert main.main(["gui", "--screenshot", str(out), "--db", filled.url, "--article", "2"]) == 0
    image = QImage(str(out))
    assert image.width() >= 800
    assert image.height() >= 500


def test_selected_article_gets_its_highlights_from_a_background_analysis(
    qtbot, sqlite_url: str
) -> None:
    with Library.open(sqlite_url) as library:
        ids = library.add_demo_story()
        window = MainWindow(library)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.analysis_ready, timeout=30_000):
            assert window.select_article(ids[1])  # the tabloid article
        shown = window.reader._shown
        assert shown
        document = window.reader.toPlainText()
        texts = {document[h.start : h.end] for h in shown}
        assert {"mob", "troublemakers", "so-called"} <= texts
        quoted = [h for h in shown if h.speaker_words]
        assert quoted
        assert all(h.span.voice != "outlet" for h in quoted)


def test_first_run_adds_the_demo_story_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gui.app import _is_new_local_library

    monkeypatch.setenv("PARALLAX_HOME", str(tmp_path))
    assert _is_new_local_library(None)
    assert not _is_new_local_library("sqlite:///elsewhere.sqlite3")
    with Library.open() as library:
        library.add_demo_story()
        assert [s.name for s in library.stories()] == ["Port Calder dock strike"]
    assert not _is_new_local_library(None)


def test_screenshot_of_the_sample_article_shows_its_highlights(
    sqlite_url: str, sample_article: Path, tmp_path: Path
) -> None:
    import numpy as np

    import main

    with Library.open(sqlite_url) as library:
        report = library.import_sources([str(sample_article)], outlet="SANA", workers=1)
        [added] = report.added
        article_id = added.article_id
    out = tmp_path / "sample.png"
    assert (
        main.main(
            ["gui", "--screenshot", str(out), "--db", sqlite_url, "--article", str(article_id)]
        )
        == 0
    )
    image = QImage(str(out)).convertToFormat(QImage.Format.Format_RGB888)
    width, height = image.width(), image.height()
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(height, image.bytesPerLine())
    pixels = pixels[:, : width * 3].reshape(height, width, 3).astype(int)
    # The reader: right of the library panel, below the legend.
    reader = pixels[height // 4 :, int(width * 0.45) :]
    red, green, blue = reader[..., 0], reader[..., 1], reader[..., 2]
    # The scare-quoted "moderate opposition" and "Free Army" are filled in the light blue of
    # casting doubt (shaded by confidence, so a range rather than one colour).
    light_blue = (blue >= 200) & (green >= 180) & (blue - red >= 25)
    assert light_blue.sum() > 200


def test_status_bar_says_analysing_only_while_the_analysis_runs(qtbot, sqlite_url: str) -> None:
    with Library.open(sqlite_url) as library:
        ids = library.add_demo_story()
        window = MainWindow(library)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.analysis_ready, timeout=30_000):
            assert window.select_article(ids[0])
            assert window.statusBar().currentMessage() == "Analysing…"
        assert window.statusBar().currentMessage() == ""


def test_a_screenshot_leaves_the_users_window_layout_alone(filled: Library, tmp_path: Path) -> None:
    import main
    from gui.settings import open_settings

    settings = open_settings()
    settings.setValue("window/geometry", b"the user's own")
    settings.sync()
    out = tmp_path / "window.png"
    assert main.main(["gui", "--screenshot", str(out), "--db", filled.url]) == 0
    settings = open_settings()
    assert settings.value("window/geometry") == b"the user's own"
