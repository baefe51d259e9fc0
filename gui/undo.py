"""Edit > Undo and Redo over the window's one undo stack."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QUndoStack

from gui.actions import ActionRegistry


def add_undo_actions(actions: ActionRegistry, stack: QUndoStack) -> None:
    """Register ``undo`` and ``redo``; their text names the change and they are enabled only
    when there is something to undo or redo."""
    window = stack.parent()
    undo = actions.add(
        "undo",
        window.tr("&Undo"),
        stack.undo,
        menu="&Edit",
        shortcut=QKeySequence.StandardKey.Undo,
        tip=window.tr("Undo the last change to the library"),
    )
    redo = actions.add(
        "redo",
        window.tr("&Redo"),
        stack.redo,
        menu="&Edit",
        shortcut=QKeySequence.StandardKey.Redo,
        tip=window.tr("Redo the last change undone"),
    )
    undo.setEnabled(False)
    redo.setEnabled(False)
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.canRedoChanged.connect(redo.setEnabled)
    stack.undoTextChanged.connect(
        lambda text: undo.setText(
            window.tr("&Undo %1").replace("%1", text) if text else window.tr("&Undo")
        )
    )
    stack.redoTextChanged.connect(
        lambda text: redo.setText(
            window.tr("&Redo %1").replace("%1", text) if text else window.tr("&Redo")
        )
    )
