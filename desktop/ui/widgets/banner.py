"""A tab's reserved message line: where the user is working, and never moving the controls under the mouse.

The line has a fixed height (one line of text) and keeps its place in the layout when it is empty, so a message
that appears or goes away never pushes a button down while the user reaches for it. A message too long for the
line is cut with "…" and shown whole in the tooltip. Errors carry a Dismiss button: they stay until the user has
read them or the next action replaces them; notices are replaced by the next message.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget


class Banner(QFrame):
    """One fixed-height message line; `text()` is the whole message even when the line shows it cut."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self._text = ""
        self.label = QLabel(self)
        self.label.setObjectName("bannerText")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.dismiss_button = QToolButton(self)
        self.dismiss_button.setObjectName("bannerDismiss")
        self.dismiss_button.setText("Dismiss")
        self.dismiss_button.setToolTip("Hide this message")
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.clicked.connect(self.clear_message)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setFixedHeight(self.label.fontMetrics().lineSpacing() + 10)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # an empty line keeps its place: nothing below it moves
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.setSizePolicy(policy)
        self.hide()

    def text(self) -> str:
        return self._text

    def show_error(self, text: str) -> None:
        self._show(text, "error")

    def show_info(self, text: str) -> None:
        self._show(text, "info")

    def _show(self, text: str, kind: str) -> None:
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self._text = text
        self.dismiss_button.setVisible(kind == "error")
        self._fit_text()
        self.show()

    def clear_message(self) -> None:
        self._text = ""
        self.setProperty("kind", "")
        self.label.clear()
        self.setToolTip("")
        self.hide()

    def _fit_text(self) -> None:
        """Cut the message to the line the bar has; the tooltip keeps it whole."""
        metrics = self.label.fontMetrics()
        room = max(self.label.width() - metrics.averageCharWidth(), 1)
        shown = metrics.elidedText(self._text, Qt.TextElideMode.ElideRight, room)
        self.label.setText(shown)
        self.setToolTip(self._text if shown != self._text else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._text:
            self._fit_text()
