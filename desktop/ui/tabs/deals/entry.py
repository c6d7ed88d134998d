"""The deal form's line edits: Up and Down step between fields; Ctrl+Z asks the form to undo the deal's last change.

A line edit has no use for Up and Down and lets them through to its parents, where the form's scroll area took
them and scrolled the whole jacket away from the cursor. :class:`FieldEntry` keeps them: Down moves to the next
field, Up to the previous one (the scroll area then brings that field into view).

A line edit takes Ctrl+Z for its own text undo before any shortcut sees it, and that would undo one entry's typing
behind the deal's back. :class:`DealEntry` turns the key into :attr:`DealEntry.undo_requested` instead, a signal
the form connects; a Python event filter did this before and crashed the process while a closed window was destroyed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit

_STEPS = {Qt.Key.Key_Down: True, Qt.Key.Key_Up: False}  # key -> towards the next field


class FieldEntry(QLineEdit):
    """A line edit in a scrolled form: Up and Down move between the fields, never scroll the form."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Up/Down (without modifiers) go to the previous/next field; every other key is the line edit's."""
        step = _STEPS.get(Qt.Key(event.key()))
        if step is not None and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            event.accept()
            self.focusNextPrevChild(step)
            return
        super().keyPressEvent(event)


class DealEntry(FieldEntry):
    """A line edit whose Undo key is the deal's undo, not its own."""

    undo_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Undo is the form's; every other key is the field entry's."""
        if event.matches(QKeySequence.StandardKey.Undo):
            event.accept()
            self.undo_requested.emit()
            return
        super().keyPressEvent(event)
