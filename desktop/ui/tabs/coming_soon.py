"""A tab whose capability has not landed yet says so plainly -- no fake data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class ComingSoonTab(QWidget):
    def __init__(self, title: str, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(f"<h2>{title}</h2><p>{what}</p><p><i>This part of Dealer Desk is not built yet.</i></p>", self)
        label.setObjectName("comingSoon")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)

    def focus_find(self) -> None:
        return

    def refresh(self) -> None:
        return
