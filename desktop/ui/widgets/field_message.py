"""The line under a form field that says what is wrong with it, in a place reserved for it.

A message that appeared under a field used to push every row below it down while the user reached for one of them
(one mis-click ticked a $400 rebate). This line keeps its height when it is empty, so a message coming or going
never moves a control. It holds one line; a longer message ends in "…" and is whole in the tooltip.

Given the field it speaks of (``marks``), a shown message also outlines that field in red (its ``invalid``
property, which the style sheet draws), as the desk says "Fix the field outlined in red": walked at the desk, the
selling price's message was cut under the field and nothing was highlighted.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Draw ``widget`` with (or without) the style sheet's red border for a refused field (its ``invalid``
    property); re-polished only when that changes."""
    if bool(widget.property("invalid")) == invalid and widget.property("invalid") is not None:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()  # a re-polish alone left the red border on screen until something else repainted the field


class FieldMessage(QLabel):
    """``setText`` / ``text`` carry the whole message; the label shows what fits on its one line."""

    def __init__(self, parent: QWidget | None = None, marks: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self._message = ""
        self._marks = marks
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.setFont(font)
        self.setFixedHeight(self.fontMetrics().lineSpacing() + 2)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.hide()

    def setText(self, text: str) -> None:
        self._message = text
        self._fit()

    def text(self) -> str:
        return self._message

    def _fit(self) -> None:
        shown = self.fontMetrics().elidedText(self._message, Qt.TextElideMode.ElideRight, max(self.width(), 1))
        super().setText(shown)
        self.setToolTip(self._message if shown != self._message else "")

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        if self._marks is not None:
            mark_invalid(self._marks, visible and bool(self._message))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
