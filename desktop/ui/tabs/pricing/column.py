"""One deal type's column: its payment in large type, its lines, the manager's figures and the server check."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.ui.tabs.pricing.models import DealLinesModel


class DealColumn(QGroupBox):
    """A deal type on the desk; the manager line (reserve, gross) is kept apart from the customer's lines."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.headline = QLabel("—", self)
        self.headline.setObjectName("dealHeadline")
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setWordWrap(True)  # "$412.88/mo · 60 mo at 0.9 % APR" wraps in a narrow column, never cut
        self.equivalents = QLabel(self)
        self.equivalents.setObjectName("dealEquivalents")
        self.equivalents.setWordWrap(True)
        self.model = DealLinesModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        # A long line ("Lease acquisition fee (capitalized)") wraps in a narrow column instead of ending in "…".
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tax = QLabel(self)
        self.tax.setObjectName("taxSource")
        self.tax.setWordWrap(True)
        self.manager = QLabel(self)
        self.manager.setObjectName("managerFigures")
        self.manager.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.check = QLabel("Not checked with the server yet.", self)
        self.check.setWordWrap(True)
        self.check.setObjectName("serverCheck")
        self.check.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.equivalents)
        layout.addWidget(self.problem)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.tax)
        layout.addWidget(self.manager)
        layout.addWidget(self.check)
        self.differs = False
        self.setMinimumWidth(220)  # three columns and the form fit a 1280 px screen

    def show_deal(self, headline: str, equivalents: str, lines: list[tuple[str, Any]], tax: str, manager: str) -> None:
        self.headline.setText(headline)
        self.equivalents.setText(equivalents)
        self.problem.hide()
        self.model.set_lines(lines)
        self.tax.setText(f"Tax: {tax}")
        self.manager.setText(manager)

    def show_problem(self, text: str) -> None:
        self.headline.setText("—")
        self.equivalents.clear()
        self.tax.clear()
        self.manager.clear()
        self.problem.setText(text)
        self.problem.show()
        self.model.set_lines([])

    def set_check(self, text: str, differs: bool, *, agrees: bool = False) -> None:
        """Red when the server differs, green only when it agrees; a check not made is neutral, not "fine"."""
        self.differs = differs
        self.check.setText(text)
        color = "color: #b91c1c; font-weight: bold;" if differs else "color: #15803d;" if agrees else "color: #4b5563;"
        self.check.setStyleSheet(color)
