"""The page a preview shows when a PDF needs its password: a sentence, a masked field and an Open button."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget


class PasswordPrompt(QWidget):
    """Emits ``submitted`` with what was typed (never empty); the typed text never leaves the field otherwise."""

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("pdfPassword")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setPlaceholderText("Password of this PDF")
        self.edit.returnPressed.connect(self._on_submit)
        self.button = QPushButton("Open", self)
        self.button.clicked.connect(self._on_submit)
        row = QHBoxLayout()
        row.addWidget(self.edit)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addLayout(row)
        layout.addStretch(1)

    def ask(self, text: str) -> None:
        self.label.setText(text)
        self.edit.clear()
        self.edit.setFocus()

    def _on_submit(self) -> None:
        if self.edit.text():
            self.submitted.emit(self.edit.text())
