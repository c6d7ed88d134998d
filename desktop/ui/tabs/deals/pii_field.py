"""An entry for personal data (licence number, date of birth, SSN): typed blind, shown masked, revealed audited."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from desktop.domain.deals.history import mask
from desktop.ui.tabs.deals.entry import DealEntry
from desktop.ui.tabs.deals.fields import HINT_MARGIN
from desktop.ui.widgets.steady_label import SteadyLabel


class PiiField(QWidget):
    """The line edit echoes bullets; the label beside it shows the last four; "Reveal" asks for the audited value.

    ``reveal_requested`` carries the field's path: the tab records the reveal in the audit log (off the GUI thread)
    and only then calls :meth:`show_clear`. On a deal shared through the team server the entry may be empty while
    the server holds a value typed at another desk: :meth:`set_server_mask` shows the server's mask and lets Reveal
    ask the server for it.
    """

    reveal_requested = Signal(str)

    def __init__(self, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.edit = DealEntry(self)
        self.edit.setObjectName(path)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setPlaceholderText("type to set")  # short: the entry is a quarter of the form at 1280x720
        hint = self.edit.fontMetrics().horizontalAdvance(self.edit.placeholderText())
        self.edit.setMinimumWidth(hint + 2 * HINT_MARGIN)  # the hint whole, beside the boxes' VINs sharing the row
        self.edit.setToolTip(
            "Type to set. Never shown in clear: the last four show beside it, and Reveal shows the whole value "
            "once the reveal is recorded in the audit log."
        )
        self.masked = SteadyLabel("••/••/8888", self)  # as wide as any mask: the entry does not shrink as one types
        self.reveal = QPushButton("Reveal", self)
        self.reveal.setToolTip("Show the clear value; the reveal is recorded in the audit log.")
        self._server_mask = ""  # what the team server shows of a value this desk does not hold (set_server_mask)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.masked)
        layout.addWidget(self.reveal)
        self.reveal.clicked.connect(lambda: self.reveal_requested.emit(self.path))
        self.edit.textChanged.connect(self._on_text_changed)
        self._on_text_changed(self.edit.text())

    def show_clear(self) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal)
        self._on_text_changed(self.edit.text())

    def hide_clear(self) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self._on_text_changed(self.edit.text())

    def set_server_mask(self, shown: str) -> None:
        """What the team server shows of the value it holds (``***-**-6789``; ``""``: it holds none)."""
        self._server_mask = shown.replace("*", "•")
        self._on_text_changed(self.edit.text())

    def _on_text_changed(self, text: str) -> None:
        self.masked.setText(mask(self.path, text) or self._server_mask or "—")
        held = bool(text) or bool(self._server_mask)
        self.reveal.setEnabled(held and self.edit.echoMode() == QLineEdit.EchoMode.Password)
