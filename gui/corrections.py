"""Corrections from the window: reject, relabel or confirm a highlight, mark a missed phrase,
set a sentence's frame — stored through the library, undoable, shown at once.

One :class:`CorrectionController` serves every view that shows an article's text: a view
emits ``context_requested(article_id, text_offset, selection_start, selection_end,
global_pos)`` (offsets in code points of the analysed text) and connects it to
:meth:`CorrectionController.request_menu`; it redraws when :attr:`report_changed` brings the
corrected report. The controller keeps the reports the views show, so its menus offer what
the user sees.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QAction, QGuiApplication, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMenu, QWidget

from analysis.corpus import FRAMES
from analysis.corrections import Correction, apply_corrections
from analysis.glossary import term_name
from analysis.lexicon import LOADED_CATEGORIES
from analysis.report import ArticleReport, SentenceInfo, Span
from gui.highlights import highlights
from gui.operations import run_in_background
from library import Library, LibraryError

#: Frame choices of the menu: the 14 frames, then "no frame".
FRAME_CHOICES = (*FRAMES, "none")


def _quoted(text: str, limit: int = 40) -> str:
    """``text`` in quotation marks for a menu, shortened in the middle of long selections."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 12] + "…" + text[-10:]
    return f"“{text}”"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved inwards past spaces and punctuation a drag selection catches."""
    edge = " \t\n\r.,;:!?"
    while start < end and text[start] in edge:
        start += 1
    while end > start and text[end - 1] in edge:
        end -= 1
    return start, end


class CorrectionCommand(QUndoCommand):
    """One stored correction: undo removes the annotation, redo stores it again."""

    def __init__(
        self,
        controller: CorrectionController,
        article_id: int,
        correction: dict[str, object],
        annotation_id: int,
        text: str,
        before: ArticleReport | None = None,
    ) -> None:
        super().__init__(text)
        self.controller = controller
        self.article_id = article_id
        self.correction = correction
        self.annotation_id = annotation_id
        self.before = before  # the report before the correction, shown again on undo
        self._stored = True  # stored before the command was pushed (so a failure is not)

    def redo(self) -> None:
        if self._stored:
            return
        try:
            self.annotation_id = self.controller.library.add_annotation(
                self.article_id, **self.correction
            )
        except LibraryError as error:
            self.controller.message.emit(str(error))
            return
        self._stored = True
        self.controller.show_now(self.article_id, self.correction)
        self.controller.refresh(self.article_id)

    def undo(self) -> None:
        try:
            self.controller.library.remove_annotation(self.annotation_id)
        except LibraryError as error:
            self.controller.message.emit(str(error))
            return
        self._stored = False
        if self.before is not None:
            self.controller.show_now(self.article_id, report=self.before)
        self.controller.refresh(self.article_id)


class CorrectionController(QObject):
    """Builds the correction menus and carries out the corrections.

    ``report_changed(article_id, report)`` brings an article's corrected report after each
    change (and undo); ``explain_requested(code)`` asks for a glossary entry;
    ``message(text)`` is a one-line status message.

    Parameters
    ----------
    library
        Where corrections are stored and articles re-analysed.
    undo_stack
        The window's undo stack; every correction is pushed onto it.
    parent
        Owner of the controller and parent of its menus.
    author
        Returns the name stored with each correction (Edit > Preferences).
    threshold
        Returns the confidence a highlight needs to be shown for a report (the sensitivity
        the views use), so menus offer the highlights the user sees.
    """

    report_changed = Signal(int, object)
    explain_requested = Signal(str)
    message = Signal(str)

    def __init__(
        self,
        library: Library,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        author: Callable[[], str] = str,
        threshold: Callable[[ArticleReport], float | None] = lambda _report: None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.undo_stack = undo_stack
        self.author = author
        self.threshold = threshold
        self._parent = parent
        self._reports: dict[int, ArticleReport] = {}
        self._generation: dict[int, int] = {}
        self._jobs: dict[int, object] = {}

    # -- reports the views show ----------------------------------------------------------

    def remember(self, article_id: int, report: ArticleReport) -> None:
        """Note the report a view shows for ``article_id`` (its menus are built from it)."""
        self._reports[article_id] = report

    def report_for(self, article_id: int) -> ArticleReport | None:
        """The last report of ``article_id`` shown or recomputed, if any."""
        return self._reports.get(article_id)

    def show_now(
        self,
        article_id: int,
        correction: dict[str, object] | None = None,
        *,
        report: ArticleReport | None = None,
    ) -> None:
        """Show a change at once, before the background re-analysis confirms it: ``report``
        as it is, or ``correction`` applied to the report shown (the library applies the
        same function to the stored analysis, so both agree)."""
        if report is None:
            shown = self._reports.get(article_id)
            if shown is None or correction is None:
                return
            keys = ("action", "start", "end", "layer", "label")
            report = apply_corrections(shown, [Correction(*(correction[k] for k in keys))])
        self._reports[article_id] = report
        self.report_changed.emit(article_id, report)

    def refresh(self, article_id: int) -> None:
        """Re-analyse ``article_id`` in the background; :attr:`report_changed` brings it."""
        generation = self._generation.get(article_id, 0) + 1
        self._generation[article_id] = generation
        self._jobs[article_id] = run_in_background(
            lambda: self.library.analyze([article_id])[0],
            lambda result: self._on_report(article_id, generation, result),
            lambda text: self._on_report(article_id, generation, text),
        )

    def _on_report(self, article_id: int, generation: int, result: object) -> None:
        # Quick corrections overlap: only the newest analysis of an article is shown.
        if generation != self._generation.get(article_id):
            return
        del self._jobs[article_id]
        report = getattr(result, "report", None)
        if report is None:
            self.message.emit(str(result))
            return
        self._reports[article_id] = report
        self.report_changed.emit(article_id, report)

    def pending(self) -> bool:
        """Whether a re-analysis is still running (its result not yet shown)."""
        return bool(self._jobs)

    # -- what is under the mouse ---------------------------------------------------------

    def span_at(self, report: ArticleReport, offset: int) -> Span | None:
        """The highlight shown at ``offset`` of the analysed text, if any."""
        for highlight in highlights(report, self.threshold(report)):
            if highlight.span.start <= offset < highlight.span.end:
                return highlight.span
        return None

    @staticmethod
    def sentence_at(report: ArticleReport, offset: int) -> SentenceInfo | None:
        """The sentence that contains ``offset``, if any."""
        for sentence in report.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    @staticmethod
    def selection(report: ArticleReport, start: int, end: int) -> tuple[int, int] | None:
        """The selected words (spaces and end punctuation dropped), inside the analysed
        text; ``None`` without a usable selection."""
        if not 0 <= start < end <= len(report.text):
            return None
        start, end = _trimmed(report.text, start, end)
        return (start, end) if start < end else None

    # -- menus --------------------------------------------------------------------------

    def request_menu(
        self,
        article_id: int,
        text_offset: int,
        selection_start: int,
        selection_end: int,
        global_pos: QPoint,
    ) -> None:
        """Open the correction menu at ``global_pos`` (a view's ``context_requested``)."""
        menu = self.build_menu(article_id, text_offset, selection_start, selection_end)
        menu.popup(global_pos)

    def build_menu(
        self,
        article_id: int,
        text_offset: int,
        selection_start: int = -1,
        selection_end: int = -1,
        parent: QWidget | None = None,
    ) -> QMenu:
        """The context menu for a highlight, a selection and the sentence at a point."""
        menu = self._menu(self.tr("Correct"), parent, "correction-menu")
        menu.aboutToHide.connect(menu.deleteLater)  # one menu per right-click
        report = self.report_for(article_id)
        if report is None or not report.available:
            waiting = menu.addAction(
                self.tr("Highlights are not ready yet")
                if report is None
                else self.tr("No analysis for this language")
            )
            waiting.setEnabled(False)
            return menu
        span = self.span_at(report, text_offset) if text_offset >= 0 else None
        if span is not None:
            self._add_highlight_actions(menu, article_id, span)
        chosen = self.selection(report, selection_start, selection_end)
        if chosen is not None:
            marks = self.build_mark_menu(article_id, *chosen, parent=menu)
            menu.addMenu(marks)
        anchor = text_offset if text_offset >= 0 else (chosen[0] if chosen else -1)
        sentence = self.sentence_at(report, anchor) if anchor >= 0 else None
        if sentence is not None:
            menu.addMenu(self._frame_menu(menu, article_id, sentence))
        if chosen is not None:
            menu.addSeparator()
            text = report.text[chosen[0] : chosen[1]]
            copy = self._action(menu, self.tr("&Copy"), "copy")
            copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(text))
        if not menu.actions():
            nothing = menu.addAction(self.tr("Select words to mark them as loaded"))
            nothing.setEnabled(False)
        return menu

    def build_mark_menu(
        self, article_id: int, start: int, end: int, parent: QWidget | None = None
    ) -> QMenu:
        """“Mark as loaded ▸ category” for ``text[start:end]``."""
        report = self.report_for(article_id)
        text = report.text[start:end] if report is not None else ""
        menu = self._menu(
            self.tr("&Mark %1 as loaded").replace("%1", _quoted(text)), parent, "mark-menu"
        )
        for label in LOADED_CATEGORIES:
            action = self._action(menu, term_name(label), f"mark-{label}")
            action.triggered.connect(
                lambda _=False, label=label: self.mark(article_id, start, end, label)
            )
        return menu

    def _add_highlight_actions(self, menu: QMenu, article_id: int, span: Span) -> None:
        whose = (
            self.tr("the outlet's words")
            if span.voice == "outlet"
            else self.tr("words of %1").replace("%1", span.speaker or self.tr("a speaker"))
        )
        title = menu.addAction(f"{_quoted(span.text)} · {term_name(span.label)} · {whose}")
        title.setEnabled(False)
        reject = self._action(menu, self.tr("&Reject this highlight"), "reject")
        reject.triggered.connect(lambda: self.reject(article_id, span))
        relabel = self._menu(self.tr("Re&label as"), menu, "relabel-menu")
        for label in LOADED_CATEGORIES:
            if label == span.label:
                continue
            action = self._action(relabel, term_name(label), f"relabel-{label}")
            action.triggered.connect(
                lambda _=False, label=label: self.relabel(article_id, span, label)
            )
        menu.addMenu(relabel)
        confirm = self._action(menu, self.tr("C&onfirm"), "confirm")
        confirm.setToolTip(self.tr("Keep this highlight at every sensitivity"))
        confirm.triggered.connect(lambda: self.confirm(article_id, span))
        explain = self._action(
            menu, self.tr("&What is %1?").replace("%1", term_name(span.label)), "explain"
        )
        explain.triggered.connect(lambda: self.explain_requested.emit(span.label))
        menu.addSeparator()

    def _frame_menu(self, parent: QMenu, article_id: int, sentence: SentenceInfo) -> QMenu:
        menu = self._menu(self.tr("Set &frame of this sentence"), parent, "frame-menu")
        current = sentence.frame or "none"
        for frame in FRAME_CHOICES:
            action = self._action(menu, term_name(frame), f"frame-{frame}")
            action.setCheckable(True)
            action.setChecked(frame == current)
            action.triggered.connect(
                lambda _=False, frame=frame: self.set_frame(article_id, sentence, frame)
            )
        return menu

    def _menu(self, title: str, parent: QWidget | None, name: str) -> QMenu:
        menu = QMenu(title, parent or self._parent)
        menu.setObjectName(name)
        menu.setAccessibleName(title.replace("&", ""))
        menu.setToolTipsVisible(True)
        return menu

    @staticmethod
    def _action(menu: QMenu, text: str, name: str) -> QAction:
        action = menu.addAction(text)
        action.setObjectName(name)
        return action

    # -- the corrections ----------------------------------------------------------------

    def reject(self, article_id: int, span: Span) -> bool:
        """Remove the highlight ``span`` (a false one)."""
        return self._store(
            article_id,
            "reject",
            span.start,
            span.end,
            None,
            self.tr("Reject %1").replace("%1", _quoted(span.text)),
        )

    def relabel(self, article_id: int, span: Span, label: str) -> bool:
        """Give the highlight ``span`` the category ``label`` instead."""
        return self._store(
            article_id,
            "add",
            span.start,
            span.end,
            label,
            self.tr("Relabel %1 as %2")
            .replace("%1", _quoted(span.text))
            .replace("%2", term_name(label)),
        )

    def confirm(self, article_id: int, span: Span) -> bool:
        """Keep the highlight ``span`` whatever the sensitivity."""
        return self._store(
            article_id,
            "accept",
            span.start,
            span.end,
            span.label,
            self.tr("Confirm %1").replace("%1", _quoted(span.text)),
        )

    def mark(self, article_id: int, start: int, end: int, label: str) -> bool:
        """Highlight the missed phrase ``text[start:end]`` as ``label``."""
        report = self.report_for(article_id)
        text = report.text[start:end] if report is not None else ""
        return self._store(
            article_id,
            "add",
            start,
            end,
            label,
            self.tr("Mark %1 as %2").replace("%1", _quoted(text)).replace("%2", term_name(label)),
        )

    def set_frame(self, article_id: int, sentence: SentenceInfo, frame: str) -> bool:
        """Set the frame of ``sentence`` (``none``: no frame)."""
        return self._store(
            article_id,
            "frame",
            sentence.start,
            sentence.end,
            frame,
            self.tr("Set frame to %1").replace("%1", term_name(frame)),
            layer="frame",
        )

    # -- from the keyboard: a view's text cursor and selection stand for the mouse --------

    def _has_article(self, context: tuple | None) -> bool:
        if context is None:
            self.message.emit(self.tr("Open an article first."))
        return context is not None

    def mark_menu_at(self, context: tuple | None) -> QMenu | None:
        """The “Mark as loaded” menu for the selection of ``context`` (a view's
        ``cursor_context()``: article, offset, selection start and end, position)."""
        if not self._has_article(context):
            return None
        assert context is not None
        article_id, _offset, start, end, position = context
        report = self.report_for(article_id)
        chosen = self.selection(report, start, end) if report is not None else None
        if chosen is None:
            self.message.emit(
                self.tr("Select the words to mark first (mouse, or Shift and the arrow keys).")
            )
            return None
        menu = self.build_mark_menu(article_id, *chosen)
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(position)
        return menu

    def reject_at_cursor(self, context: tuple | None) -> bool:
        """Reject the highlight at the text cursor of ``context``."""
        return self._has_article(context) and self.reject_at(context[0], context[1])

    def menu_at_cursor(self, context: tuple | None) -> None:
        """The correction menu at the text cursor of ``context``."""
        if self._has_article(context):
            self.request_menu(*context)

    def reject_at(self, article_id: int, offset: int) -> bool:
        """Reject the highlight at ``offset``; ``False`` (with a message) when there is none."""
        report = self.report_for(article_id)
        span = self.span_at(report, offset) if report is not None and offset >= 0 else None
        if span is None:
            self.message.emit(self.tr("There is no highlight at the cursor."))
            return False
        return self.reject(article_id, span)

    def _store(
        self,
        article_id: int,
        action: str,
        start: int,
        end: int,
        label: str | None,
        description: str,
        *,
        layer: str = "loaded",
    ) -> bool:
        correction: dict[str, object] = {
            "action": action,
            "start": start,
            "end": end,
            "label": label,
            "layer": layer,
            "author": self.author(),
        }
        try:
            annotation_id = self.library.add_annotation(article_id, **correction)
        except LibraryError as error:
            self.message.emit(str(error))
            return False
        before = self._reports.get(article_id)
        self.undo_stack.push(
            CorrectionCommand(self, article_id, correction, annotation_id, description, before)
        )
        self.message.emit(description)
        self.show_now(article_id, correction)
        self.refresh(article_id)
        return True
