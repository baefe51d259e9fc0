"""Import in the window, offscreen: the batch on its own thread, progress, Cancel, the summary,
the paste dialog, drops of files, links and text, and addresses fetched through the library."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QToolBar

from gui.import_dialog import ImportDialog
from gui.import_job import ImportRequest
from gui.main_window import MainWindow
from gui.paste_dialog import PasteArticleDialog
from library import Library

BODY = (
    "The ferry on route {n} returned to service on Monday after three weeks of repairs to its "
    "engines, the operator said.\n\nPassengers on route {n} had used buses during the closure, "
    "and tickets for {m} cancelled crossings will be refunded."
)

PAGE = b"""<!doctype html><html><head><title>Harbour bridge reopens | Gazette</title>
<meta property="og:site_name" content="Harbour Gazette"></head><body><article>
<h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge reopened to traffic on Sunday after four months of repairs, the city
council said, and buses returned to their usual routes across the river.</p>
<p>Engineers replaced the cables and the deck, and the council said the work finished two
weeks early and within its budget of twelve million dollars.</p>
<p>Shop owners near the bridge said trade had fallen during the closure and welcomed the
return of the passing traffic to the old town.</p>
</article></body></html>"""


def write_articles(folder: Path, count: int, first: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(first, first + count):
        path = folder / f"{n:02d}.txt"
        path.write_text(f"Ferry {n} back in service\n\n" + BODY.format(n=n, m=n * 7))
        paths.append(path)
    return paths


@pytest.fixture
def window(qtbot, sqlite_url: str):
    with Library.open(sqlite_url) as library:
        main = MainWindow(library)
        qtbot.addWidget(main)
        main.show()
        yield main
        main.importer.shutdown()


def press_import(qtbot, dialog: ImportDialog) -> None:
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)


def run_import(qtbot, window: MainWindow, inputs: list[str], **choices: object):
    """Open the import dialog on ``inputs`` (as a drop or the file chooser does), press Import,
    wait for the report."""
    dialog = window.importer.ask(inputs)
    assert dialog is not None
    if "outlet" in choices:
        dialog.outlet.setEditText(str(choices["outlet"]))
    with qtbot.waitSignal(window.importer.report_ready, timeout=60_000) as done:
        press_import(qtbot, dialog)
    return done.args[0]


def test_import_runs_off_the_gui_thread_with_progress_and_selects_the_new_articles(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    write_articles(tmp_path / "in", 5)
    steps: list[tuple[int, int, str]] = []
    window.importer.progressed.connect(lambda *step: steps.append(step))
    dialog = window.importer.ask([str(tmp_path / "in")])
    assert dialog is not None
    dialog.outlet.setEditText("Harbour Gazette")
    with qtbot.waitSignal(window.importer.report_ready, timeout=60_000) as done:
        press_import(qtbot, dialog)
    report = done.args[0]
    job = window.importer.job
    assert job.worker_thread is not None
    assert job.worker_thread != threading.get_ident()  # the batch ran on another thread
    assert len(report.added) == 5
    assert steps
    assert steps[-1][:2] == (5, 5)
    assert steps[-1][2].endswith("04.txt")
    qtbot.waitUntil(lambda: not window.importer.running)
    assert window.importer.panel.detail_text() == "Imported 5 articles"
    assert window.importer.summary is None  # nothing failed: no window to dismiss
    qtbot.waitUntil(lambda: window.model.rowCount() == 5)
    new = sorted(a.article_id for a in report.added)
    qtbot.waitUntil(lambda: sorted(window.library_panel.selected_ids()) == new)
    assert {window.model.article(r).outlet for r in range(5)} == {"Harbour Gazette"}


def test_cancel_stops_the_batch_and_keeps_whole_articles(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_articles(tmp_path / "in", 10)
    library = window.library
    store = library.add_draft
    third_started, go_on = threading.Event(), threading.Event()
    calls = []

    def add_draft(draft, **keywords):
        calls.append(draft.source_ref)
        if len(calls) == 3:  # hold the batch inside its third article until Cancel is pressed
            third_started.set()
            go_on.wait(30)
        return store(draft, **keywords)

    monkeypatch.setattr(library, "add_draft", add_draft)
    dialog = window.importer.ask([str(tmp_path / "in")])
    assert dialog is not None
    with qtbot.waitSignal(window.importer.report_ready, timeout=60_000) as done:
        press_import(qtbot, dialog)
        qtbot.waitUntil(third_started.is_set, timeout=30_000)
        panel = window.importer.panel
        assert panel.cancel_button.isVisible()
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
        assert not panel.cancel_button.isEnabled()
        go_on.set()
    report = done.args[0]
    assert report.cancelled
    assert len(report.added) == 3  # the article being stored when Cancel came is finished
    assert len(report.unfinished) == 7
    assert library.count_articles() == 3
    for added, path in zip(report.added, paths, strict=False):
        article = library.get_article(added.article_id)
        assert article.body == path.read_text().split("\n\n", 1)[1]
    assert library.import_batches()[0]["status"] == "cancelled"
    assert window.importer.panel.detail_text() == ("Cancelled: 3 articles kept · 7 inputs not read")
    summary = window.importer.summary
    assert summary is not None
    assert summary.isVisible()
    assert "Not read (cancelled):" in summary.details.toPlainText()


def test_summary_lists_each_failed_input_with_its_reason(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    write_articles(tmp_path / "in", 2)
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "binary.html").write_bytes(b"\x00\x01\x02" * 400)
    report = run_import(qtbot, window, [str(tmp_path / "in")])
    assert len(report.added) == 2
    summary = window.importer.summary
    assert summary is not None
    assert summary.isVisible()
    lines = summary.details.toPlainText().splitlines()
    assert f"{tmp_path / 'in' / 'empty.txt'} — the file is empty" in lines
    assert any(line.startswith(f"{tmp_path / 'in' / 'binary.html'} — ") for line in lines)
    assert summary.headline.text() == "Imported 2 articles · 2 failed"
    summary.copy_button.click()
    assert "empty.txt — the file is empty" in QGuiApplication.clipboard().text()


def test_duplicates_are_counted_and_the_stored_copies_selected(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    write_articles(tmp_path / "in", 2)
    first = run_import(qtbot, window, [str(tmp_path / "in")])
    qtbot.waitUntil(lambda: not window.importer.running)
    again = run_import(qtbot, window, [str(tmp_path / "in")])
    assert len(again.duplicates) == 2
    assert window.importer.panel.detail_text() == "Imported 0 articles · skipped 2 duplicates"
    stored = sorted(a.article_id for a in first.added)
    qtbot.waitUntil(lambda: sorted(window.library_panel.selected_ids()) == stored)


def test_import_dialog_says_inline_what_is_wrong(qtbot, window: MainWindow) -> None:
    dialog = window.importer.ask(["ftp://files.example/a.html"])
    assert dialog is not None
    press_import(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.message.isVisible()
    assert "only http:// and https://" in dialog.message.text()
    dialog.sources.setPlainText("")
    press_import(qtbot, dialog)
    assert "at least one" in dialog.message.text()
    assert window.importer.job is None


def test_paste_dialog_stores_the_article_with_the_chosen_outlet(qtbot, window: MainWindow) -> None:
    dialog = window.importer.paste_article(
        "Bridge to close for repairs\n"
        "The harbour bridge will close on Monday for four months, the council said.\n"
        "Buses will run through the old town."
    )
    assert isinstance(dialog, PasteArticleDialog)
    assert dialog.title.text() == "Bridge to close for repairs"
    dialog.outlet.setEditText("Harbour Gazette")
    dialog.published.setText("2025-04-06")
    dialog.story.setEditText("Bridge closure")
    with qtbot.waitSignal(window.importer.articles_added, timeout=30_000) as added:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [article_id] = added.args[0]
    article = window.library.get_article(article_id)
    assert (article.outlet, article.story) == ("Harbour Gazette", "Bridge closure")
    assert article.published.date().isoformat() == "2025-04-06"
    assert article.body == (
        "The harbour bridge will close on Monday for four months, the council said.\n\n"
        "Buses will run through the old town."
    )
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: window.library_panel.selected_ids() == [article_id])


def test_paste_dialog_validates_inline_and_stores_nothing(qtbot, window: MainWindow) -> None:
    dialog = window.importer.paste_article("")
    dialog.published.setText("6 April")
    dialog.url.setText("www.gazette.example/bridge")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    shown = {field: label.text() for field, label in dialog.errors.items() if label.isVisible()}
    assert "headline" in shown[dialog.title]
    assert "YYYY-MM-DD" in shown[dialog.published]
    assert "http://" in shown[dialog.url]
    assert "Paste the article" in shown[dialog.text]
    assert window.library.count_articles() == 0


def test_paste_of_a_duplicate_says_so_and_selects_the_stored_copy(
    qtbot, window: MainWindow
) -> None:
    stored = window.library.add_text("Bridge", "The bridge closes on Monday.", outlet="Gazette")
    dialog = window.importer.paste_article("Bridge\nThe bridge closes on Monday.")
    dialog.outlet.setEditText("Gazette")
    with qtbot.waitSignal(window.importer.articles_added, timeout=30_000) as added:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert added.args[0] == [stored.article_id]
    assert "already in the library" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.library_panel.selected_ids() == [stored.article_id])


def drop_on(window: MainWindow, mime: QMimeData) -> bool:
    """Drag ``mime`` over the window and drop it; returns whether the drag was accepted."""
    action = Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    try:
        enter = QDragEnterEvent(QPointF(400, 300), action, mime, buttons, modifiers)
    except TypeError:  # PySide6 before 6.12 takes only a QPoint here
        enter = QDragEnterEvent(QPoint(400, 300), action, mime, buttons, modifiers)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(400, 300), action, mime, buttons, modifiers)
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def test_dropped_files_and_folders_are_imported(qtbot, window: MainWindow, tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "pages", 3)
    write_articles(tmp_path / "more", 2, first=10)
    mime = QMimeData()
    mime.setUrls(
        [QUrl.fromLocalFile(str(p)) for p in paths[:2]]
        + [QUrl.fromLocalFile(str(tmp_path / "more"))]
    )
    assert drop_on(window, mime)
    dialog = window.importer.dialog
    assert isinstance(dialog, ImportDialog)
    assert dialog.inputs() == [str(paths[0]), str(paths[1]), str(tmp_path / "more")]
    with qtbot.waitSignal(window.importer.report_ready, timeout=60_000) as done:
        press_import(qtbot, dialog)
    assert len(done.args[0].added) == 4


def test_drop_of_other_things_is_refused(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl("ftp://files.example/a.html")])
    assert not drop_on(window, mime)
    assert window.importer.dialog is None


def test_dropped_plain_text_opens_the_paste_dialog_prefilled(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setText(
        "Ferry fares rise\nFares on every route rise by a tenth from May, the operator said."
    )
    assert drop_on(window, mime)
    dialog = window.importer.dialog
    assert isinstance(dialog, PasteArticleDialog)
    assert dialog.title.text() == "Ferry fares rise"
    assert dialog.text.toPlainText().startswith("Fares on every route")


@pytest.fixture
def fake_web(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """The library's fetcher replaced: no network; records each address and its thread."""
    import ingest.fetch

    fetched: list[tuple[str, int]] = []

    def make_fetcher(user_agent: str, **_limits: object):
        assert user_agent.startswith("Parallax/")

        def fetch(url: str) -> tuple[str, str, bytes]:
            fetched.append((url, threading.get_ident()))
            return url, "text/html; charset=utf-8", PAGE

        return fetch

    monkeypatch.setattr(ingest.fetch, "make_fetcher", make_fetcher)
    return fetched


@pytest.mark.parametrize("as_text", [False, True])
def test_dropped_links_are_fetched_by_the_library_off_the_gui_thread(
    qtbot, window: MainWindow, fake_web: list[tuple[str, int]], as_text: bool
) -> None:
    address = "https://gazette.example/news/bridge-reopens"
    mime = QMimeData()
    if as_text:  # a link dragged as plain text, e.g. from an address bar
        mime.setText(address)
    else:
        mime.setUrls([QUrl(address)])
    assert drop_on(window, mime)
    dialog = window.importer.dialog
    assert isinstance(dialog, ImportDialog)
    assert dialog.inputs() == [address]
    assert fake_web == []  # nothing is fetched before Import, and never on the GUI thread
    with qtbot.waitSignal(window.importer.report_ready, timeout=60_000) as done:
        press_import(qtbot, dialog)
    report = done.args[0]
    assert [url for url, _thread in fake_web] == [address]
    assert fake_web[0][1] != threading.get_ident()
    [added] = report.added
    article = window.library.get_article(added.article_id)
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.url == address
    assert article.outlet == "Harbour Gazette"


def test_import_from_url_dialog(qtbot, window: MainWindow, fake_web: list) -> None:
    window.actions["import_url"].trigger()
    dialog = window.importer.dialog
    assert isinstance(dialog, ImportDialog)
    assert dialog.sources.toPlainText() == ""
    dialog.sources.setPlainText("https://gazette.example/a\n")
    dialog.story.setEditText("Bridge")
    with qtbot.waitSignal(window.importer.report_ready, timeout=60_000) as done:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert len(done.args[0].added) == 1
    assert window.importer.job.request == ImportRequest(
        inputs=("https://gazette.example/a",), outlet=None, story="Bridge"
    )
    assert [s.name for s in window.library.stories()] == ["Bridge"]


def test_import_commands_have_shortcuts_and_a_toolbar(window: MainWindow) -> None:
    actions = window.actions
    assert actions["import_files"].shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert actions["import_folder"].shortcut() == QKeySequence("Ctrl+Shift+O")
    assert actions["import_url"].shortcut() == QKeySequence("Ctrl+Shift+U")
    assert actions["paste_article"].shortcut() == QKeySequence("Ctrl+Shift+V")
    file_menu = [a.objectName() for a in actions.menu("&File").actions() if a.objectName()]
    assert file_menu[:4] == ["import_files", "import_folder", "import_url", "paste_article"]
    toolbar = window.findChild(QToolBar, "main-toolbar")
    assert [a.objectName() for a in toolbar.actions()] == ["import_files", "paste_article"]


def test_import_commands_are_greyed_while_a_batch_runs(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_articles(tmp_path / "in", 2)
    go_on = threading.Event()
    store = window.library.add_draft

    def slow(draft, **keywords):
        go_on.wait(30)
        return store(draft, **keywords)

    monkeypatch.setattr(window.library, "add_draft", slow)
    window.importer.start(ImportRequest(inputs=(str(tmp_path / "in"),)))
    assert not window.actions["import_files"].isEnabled()
    assert window.actions["paste_article"].isEnabled()
    assert window.importer.ask([str(tmp_path)]) is None  # one batch at a time
    with qtbot.waitSignal(window.importer.running_changed, timeout=60_000):
        go_on.set()
    assert window.actions["import_files"].isEnabled()
