"""The page a preview shows when a PDF needs its password: a sentence, a masked field and an Open button.

The passwords that opened a document are remembered for the session, per document, in this process's memory only
(never on disk, never logged): the same file opened again, in any preview, does not ask again.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

_SAMPLE = 65_536

# Passwords that opened a document this session, by document fingerprint: gone when the app quits.
_session_passwords: dict[str, str] = {}


def fingerprint(data: bytes) -> str:
    """Tells documents apart without hashing all of a 50 MB scan in the GUI thread: size, head and tail."""
    return hashlib.sha256(len(data).to_bytes(8, "big") + data[:_SAMPLE] + data[-_SAMPLE:]).hexdigest()


def remembered_password(document: str) -> str:
    return _session_passwords.get(document, "")


def remember_password(document: str, password: str) -> None:
    """Keep `password` for the document with this fingerprint; an empty one forgets it."""
    if password:
        _session_passwords[document] = password
    else:
        _session_passwords.pop(document, None)


def forget_passwords() -> None:
    """Drop every remembered PDF password (a profile switch)."""
    _session_passwords.clear()


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
