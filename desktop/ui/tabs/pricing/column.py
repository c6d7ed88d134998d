"""One deal type's column: its payment in large type, its lines, the manager's figures and the server check."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QGroupBox, QHeaderView, QLabel, QSizePolicy, QTableView, QVBoxLayout, QWidget

from desktop.ui.amounts import money
from desktop.ui.tabs.pricing.models import DealLinesModel
from desktop.ui.widgets.staggered import held
from desktop.ui.widgets.steady_label import TallestLabel

# The server check's colour by verdict, and bold when the server differs. Set on the label's palette and font: a
# verdict kept in a property under a style sheet re-polished the label twice an edit (unpolish and polish each time
# the sentence went from "Checking…" to the server's verdict and back), about 0.2 ms a column each time.
VERDICT_COLOURS = {"differs": "#b91c1c", "agrees": "#15803d", "unchecked": "#4b5563"}


class DealColumn(QGroupBox):
    """A deal type on the desk; the manager line (reserve, gross) is kept apart from the customer's lines."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.headline = TallestLabel("—", self)
        self.headline.setObjectName("dealHeadline")
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.headline.setFont(font)
        # Wrapped ("$412.88/mo · 60 mo at 0.9 % APR" in a narrow column, never cut), each as tall as its tallest
        # text yet: the table under them stays put as the figures change (TallestLabel).
        self.equivalents = TallestLabel("", self)
        self.equivalents.setObjectName("dealEquivalents")
        self.model = DealLinesModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        # Its scroll bar always shown: one that came and went as a new vehicle's lines did not fit, or fitted again,
        # moved the amounts sideways and made every line's wrapping be measured again (a column 14 px narrower or
        # wider), 1-4 ms of the reprice's paint turn for each such column.
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # A long line ("Lease acquisition fee (capitalized)") wraps in a narrow column instead of ending in "…".
        # The rows and the amount column are fitted when the labels or the widest amount change, or the column
        # is resized: sizing them "to contents" measured every row again at each keystroke's new amounts. The
        # fitting is done on the next turn of the event loop, once for all the changes of this one (a tab shown
        # resizes the column several times; a new vehicle changes most labels), not in the reprice's own turn.
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._on_refit)
        header.sectionResized.connect(self._on_section_resized)
        self._fitted: tuple[tuple[str, ...], int] = ((), 0)
        self._unfitted: set[int] | None = set()  # rows to fit on the next turn (None: all of them)
        self._widths_moved = False
        self._refit_due = False  # lines set while the column was held: fitted as it is let paint
        self.tax = TallestLabel("", self)
        self.tax.setObjectName("taxSource")
        self.manager = TallestLabel("", self)
        self.manager.setObjectName("managerFigures")
        self.problem = QLabel(self)
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self._check_text = "Not checked with the server yet."
        self.check = TallestLabel(self._check_text, self)
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
        self._verdict = ""
        self._problem_shown: str | None = None  # the problem the column says now, if it shows no deal
        self.setMinimumWidth(220)  # three columns and the form fit a 1280 px screen
        # The three columns share the row by their stretch alone, not by their texts' widths: a new headline
        # changed a column's size hint, the row gave each column a pixel more or less, and every table was laid
        # out and painted again at each reprice.
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.setSizePolicy(policy)

    def show_deal(self, headline: str, equivalents: str, lines: list[tuple[str, Any]], tax: str, manager: str) -> None:
        self._problem_shown = None
        self.headline.setText(headline)
        if self.equivalents.isHidden():
            self.equivalents.show()
        self.equivalents.setText(equivalents)
        self.problem.hide()
        self._set_lines(lines)
        self.tax.setText(f"Tax: {tax}")
        self.manager.setText(manager)

    def show_problem(self, text: str) -> None:
        """Say why there is no deal. The same problem again touches no widget: a rooftop switch says "Choose a
        vehicle to price." two to four times as the rooftop's vehicles, fees and settings arrive, and each time
        cleared five labels and the table, asking the column for a new layout."""
        if text == self._problem_shown:
            return
        self._problem_shown = text
        # No deal to keep still: the room kept for the last one's texts would squeeze the table to a row under the
        # problem (walked on Xvfb: a mistyped price after a deal was priced). The next deal starts again from its own.
        for label in (self.headline, self.equivalents, self.tax, self.manager, self.check):
            label.forget()
        self.headline.setText("—")
        # Hidden, not only emptied: an empty wrapped label is a line tall until it has held a text, and none after
        # (Qt measures it differently then), so the Cash column (no equivalents in its deals) said its problem a
        # line lower than Finance and Lease after a deal was shown (walked on Xvfb).
        self.equivalents.clear()
        self.equivalents.hide()
        self.tax.clear()
        self.manager.clear()
        self.problem.setText(text)
        self.problem.show()
        self._set_lines([])

    def _set_lines(self, lines: list[tuple[str, Any]]) -> None:
        labels = [label for label, _amount in lines]
        old_labels, old_width = self._fitted
        # Held by the desk's staggered paint (its updates turned off on this very column, not inherited from a hidden
        # tab): the cells are filled as it is let paint (before_paint), not in the reprice's turn.
        later = held(self)
        self.model.set_lines(lines, later=later)
        width = max((len(money(a)) for _l, a in lines), default=0)
        self._widths_moved = self._widths_moved or width != old_width
        changed = {row for row, label in enumerate(labels) if row >= len(old_labels) or old_labels[row] != label}
        if self._unfitted is not None:
            self._unfitted |= changed
        self._fitted = (tuple(labels), width)
        if changed or self._widths_moved:
            self._refit_due = True
            if not later:  # else fitted in its own turn, by before_paint
                self._refit.start()

    def before_paint(self) -> None:
        """Fit the rows and the amount column now, as the desk lets this column paint: three columns fitted in
        the turn after a reprice were that turn's heaviest work (about 1 ms each when a line came or went)."""
        self.model.fill_due()  # before the fit: the rows are measured by their text
        if self._refit_due:
            self._refit.stop()
            self._on_refit()

    def _on_section_resized(self, section: int, old: int, new: int) -> None:
        if section == 0 and old != new:
            self._unfitted = None
            self._refit.start()

    def _on_refit(self) -> None:
        self.model.fill_due()  # rows are measured by their text: a fit that comes first fills them first
        self._refit_due = False
        if self._widths_moved:
            self._widths_moved = False
            self.table.resizeColumnToContents(1)
        rows, self._unfitted = self._unfitted, set()
        if rows is None:
            self.table.resizeRowsToContents()
            return
        for row in sorted(rows):
            if row < self.model.rowCount():
                self.table.resizeRowToContents(row)

    def set_check(self, text: str, differs: bool, *, agrees: bool = False) -> None:
        """Red when the server differs, green only when it agrees; a check not made is neutral, not "fine".

        The same sentence again (a reprice the server agrees with, as the last one) touches no widget: each text
        set on this wrapped label asked its column for a new layout."""
        self.differs = differs
        if text != self._check_text:
            self._check_text = text
            self.check.setText(text)
        verdict = "differs" if differs else "agrees" if agrees else "unchecked"
        if verdict != self._verdict:
            self._verdict = verdict
            palette = self.check.palette()
            palette.setColor(QPalette.ColorRole.WindowText, QColor(VERDICT_COLOURS[verdict]))
            self.check.setPalette(palette)
            font = self.check.font()
            if font.bold() != differs:
                font.setBold(differs)
                self.check.setFont(font)
