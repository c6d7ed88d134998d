"""The deal form's line edit: Ctrl+Z asks the form to undo the deal's last change.

A line edit takes Ctrl+Z for its own text undo before any shortcut sees it, and that would undo one entry's typing
behind the deal's back. The entry turns the key into :attr:`DealEntry.undo_requested` instead, a signal the form
connects; a Python event filter did this before and crashed the process while a closed window was destroyed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit


class DealEntry(QLineEdit):
    """A line edit whose Undo key is the deal's undo, not its own."""

    undo_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Undo is the form's; every other key is the line edit's."""
        if event.matches(QKeySequence.StandardKey.Undo):
            event.accept()
            self.undo_requested.emit()
            return
        super().keyPressEvent(event)
