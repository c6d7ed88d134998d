"""The pricing tab's table models: one deal's lines, and the payment grid."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from desktop.domain.desking.grid import GridCell, PaymentGrid
from desktop.ui.amounts import money
from desktop.ui.models.common import ObjectRole, SortRole

FREQUENCIES = ("monthly", "biweekly", "weekly")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_DISPLAY, _TIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_ALIGN, _FONT = int(Qt.ItemDataRole.TextAlignmentRole), int(Qt.ItemDataRole.FontRole)
_BLANK = {_DISPLAY: "", _TIP: None, _ALIGN: None, _FONT: None, ObjectRole: None, SortRole: None}


class DealLinesModel(QStandardItemModel):
    """One deal's explanation: label and amount, line by line, in the engine's order.

    Kept in Qt's own item model, not answered from Python: every cell a view paints or measures asks its model for
    about eight roles, and each answer from Python took the interpreter lock again. With a worker running Python at
    the same time, the lock went back to the worker between answers: one table's repaint took 2x its CPU and 4-5x
    its time (``bench/bench_gil_models.py``). The cells hold their text, alignment, line and sort value; a paint
    reads them in C++ (this class overrides none of the model's virtuals).
    """

    COL_ITEM, COL_AMOUNT = range(2)
    HEADERS = ("Item", "Amount")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, len(self.HEADERS), parent)
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        self._rows: list[tuple[str, Any]] = []
        self._due: set[tuple[int, int]] = set()  # cells whose line changed and that are not filled yet

    def lines(self) -> list[tuple[str, Any]]:
        return list(self._rows)

    def row_object(self, index: QModelIndex | QPersistentModelIndex) -> tuple[str, Any] | None:
        return self._rows[index.row()] if index.isValid() and 0 <= index.row() < len(self._rows) else None

    def set_lines(self, lines: list[tuple[str, Any]], *, later: bool = False) -> None:
        """Show ``lines`` with the fewest changes: a keystroke moves a few amounts, so only the rows that differ
        are announced (``dataChanged``) and rows are inserted or removed at the end. A reset would make the view
        measure every row again (its rows fit their text), which cost more than the repricing itself.

        ``later``: the view is held by the desk's staggered paint; the rows come and go now, and their cells are
        filled by :meth:`fill_due`, in the turn the view is let paint, not in the reprice's."""
        old, new = self._rows, list(lines)
        keep = min(len(old), len(new))
        if len(new) < len(old):
            self.removeRows(keep, len(old) - keep)
        # Each column's own span: a reprice moves amounts under the same labels, and a label cell repainted for
        # nothing is the costly one (its text wraps).
        for column in (self.COL_ITEM, self.COL_AMOUNT):
            self._due |= {(row, column) for row in range(keep) if old[row][column] != new[row][column]}
        if len(new) > keep:
            self.insertRows(keep, len(new) - keep)  # one insertion for the view; the cells are filled in silence
            self._due |= {(row, column) for row in range(keep, len(new)) for column in (self.COL_ITEM, self.COL_AMOUNT)}
        self._rows = new
        if not later:
            self.fill_due()

    def fill_due(self) -> None:
        """Fill the cells changed since the last fill, and announce them: one span a column."""
        due, self._due = {(r, c) for r, c in self._due if r < len(self._rows)}, set()
        if not due:
            return
        # Both cells of a row that changed: each holds the whole line (ObjectRole), the one not shown changed too.
        rows = sorted({row for row, _column in due})
        self.blockSignals(True)  # one dataChanged a column below, not one for each cell set
        try:
            for row in rows:
                for column in (self.COL_ITEM, self.COL_AMOUNT):
                    self._fill(row, column)
        finally:
            self.blockSignals(False)
        for column in (self.COL_ITEM, self.COL_AMOUNT):
            changed = sorted(row for row, c in due if c == column)
            if changed:
                self.dataChanged.emit(self.index(changed[0], column), self.index(changed[-1], column))

    def _fill(self, row: int, column: int) -> None:
        line = self._rows[row]
        label, amount = line
        roles: dict[int, Any]
        if column == self.COL_ITEM:
            roles = {_DISPLAY: label, SortRole: label, ObjectRole: line}
        else:
            roles = {_DISPLAY: money(amount), _ALIGN: _RIGHT, SortRole: _number(amount), ObjectRole: line}
        self.setItemData(self.index(row, column), roles)  # one call for the cell's roles


class PaymentGridModel(QStandardItemModel):
    """Payments: one row per term a program writes, one column per cash amount; the deal on the desk is bold.

    Shows the monthly payment, or its biweekly or weekly equivalent (the reference's truncated figures). A grid
    cleared (the deal is not priced) keeps its rows and columns with blank cells. Kept in Qt's item model, as
    :class:`DealLinesModel`: a paint reads the cells in C++, without the interpreter lock.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, 0, parent)
        self._grid: PaymentGrid | None = None
        self._current: tuple[int, Decimal] | None = None
        self._terms: tuple[int, ...] = ()
        self._cash: tuple[Decimal, ...] = ()
        self._due: set[tuple[int, int]] = set()  # cells whose figure or boldness changed, not filled yet
        self.frequency = "monthly"

    @property
    def terms(self) -> tuple[int, ...]:
        return self._terms

    @property
    def cash(self) -> tuple[Decimal, ...]:
        return self._cash

    @property
    def current(self) -> tuple[int, Decimal] | None:
        """The deal's (term, cash) the grid marks."""
        return self._current

    def set_grid(self, grid: PaymentGrid | None, current: tuple[int, Decimal] | None, *, later: bool = False) -> None:
        """Show ``grid`` (``None``: blank cells, the rows and columns kept) with the deal's cell bold.

        Never a model reset: a reset made both views measure and lay out every row and header again, and a reprice
        that left the deal unpriced and the next that priced it again cost a frame each (the soak's 55 ms turn).
        Rows and columns are inserted or removed at the end, headers that moved are announced, and only the cells
        whose figure or boldness changed are repainted (a new cash down or term moves the bold cell, not the grid).
        ``later``: the view is held by the desk's staggered paint; its cells are filled by :meth:`fill_due`, in the
        turn it is let paint.
        """
        if grid is None and self._grid is None:  # blank already: a rooftop switch clears it as each read arrives
            self._current = current
            if not later:
                self.fill_due()  # what an earlier clear left to fill, as below
            return
        shown = self._shown_cells()
        self._grid, self._current = grid, current
        if grid is not None:
            self._reshape(grid.terms, grid.cash)
        now = self._shown_cells()  # once: a set of every position built again for each cell was most of a reprice
        self._due |= {rc for rc, was in shown.items() if rc in now and now[rc] != was}
        self._due |= {rc for rc in now if rc not in shown}
        if not later:
            self.fill_due()

    def fill_due(self) -> None:
        """Fill the cells whose figure or boldness changed since the last fill, and announce them in one span."""
        rows, columns = len(self._terms), len(self._cash)
        due, self._due = [(r, c) for r, c in self._due if r < rows and c < columns], set()
        if not due:
            return
        self._fill_quietly(due)
        self.dataChanged.emit(
            self.index(min(r for r, _c in due), min(c for _r, c in due)),
            self.index(max(r for r, _c in due), max(c for _r, c in due)),
        )

    def current_index(self) -> QModelIndex:
        """The deal's cell (the bold one), or an invalid index when the grid has none."""
        for row, term in enumerate(self._terms):
            for column, cash in enumerate(self._cash):
                if (term, cash) == self._current:
                    return self.index(row, column)
        return QModelIndex()

    def _positions(self) -> list[tuple[int, int]]:
        return [(r, c) for r in range(len(self._terms)) for c in range(len(self._cash))]

    def _cell_at(self, row: int, column: int) -> GridCell | None:
        grid = self._grid
        if grid is None or row >= len(grid.cells) or column >= len(grid.cash):
            return None
        return grid.cells[row][column]

    def _shown_cell(self, row: int, column: int) -> tuple[GridCell | None, bool]:
        cell = self._cell_at(row, column)
        return cell, cell is not None and (cell.term, cell.cash) == self._current

    def _shown_cells(self) -> dict[tuple[int, int], tuple[GridCell | None, bool]]:
        return {rc: self._shown_cell(*rc) for rc in self._positions()}

    def _fill_quietly(self, positions: list[tuple[int, int]]) -> None:
        """Set the cells at ``positions`` with no signal each: the caller announces them in one span. Each cell's
        roles go in one call (``setItemData``): a new item and a call a role took six times as long."""
        if not positions:
            return
        self.blockSignals(True)
        try:
            for row, column in positions:
                self.setItemData(self.index(row, column), self._roles(row, column))
        finally:
            self.blockSignals(False)

    def _roles(self, row: int, column: int) -> dict[int, Any]:
        cell, bold = self._shown_cell(row, column)
        if cell is None:  # cleared: the deal is not priced
            return dict(_BLANK)
        shown = self._shown(cell)
        if cell.monthly is None:
            tip = "No program writes this term for this buyer, or the cash is more than this deal can take."
        else:
            tip = (
                f"{cell.term} months, {money(cell.cash)} cash: {money(cell.monthly)} a month, "
                f"{money(cell.biweekly)} biweekly, {money(cell.weekly)} weekly. Double-click to apply."
            )
        return {
            _DISPLAY: "n/a" if shown is None else money(shown),
            _TIP: tip,
            _ALIGN: _RIGHT,
            _FONT: _bold() if bold else None,
            ObjectRole: (cell.term, cell.cash, cell.monthly),
            SortRole: float(shown) if shown is not None else -1.0,
        }

    def _reshape(self, terms: tuple[int, ...], cash: tuple[Decimal, ...]) -> None:
        """Rows and columns to ``terms`` x ``cash``: added or taken at the end, the headers that moved announced."""
        vertical, horizontal = Qt.Orientation.Vertical, Qt.Orientation.Horizontal
        kept_rows, kept_columns = min(len(terms), len(self._terms)), min(len(cash), len(self._cash))
        if len(terms) < len(self._terms):
            self.removeRows(len(terms), len(self._terms) - len(terms))
        elif len(terms) > len(self._terms):
            self.insertRows(len(self._terms), len(terms) - len(self._terms))
        if len(cash) < len(self._cash):
            self.removeColumns(len(cash), len(self._cash) - len(cash))
        elif len(cash) > len(self._cash):
            self.insertColumns(len(self._cash), len(cash) - len(self._cash))
        moved_rows = [i for i in range(len(terms)) if i >= kept_rows or terms[i] != self._terms[i]]
        moved_columns = [i for i in range(len(cash)) if i >= kept_columns or cash[i] != self._cash[i]]
        self._terms, self._cash = terms, cash
        self.blockSignals(True)  # the labels set in silence, then announced in one span each
        try:
            for i in moved_rows:
                self.setVerticalHeaderItem(i, QStandardItem(f"{terms[i]} mo"))
            for i in moved_columns:
                self.setHorizontalHeaderItem(i, QStandardItem(f"${cash[i]:,.0f} cash"))
        finally:
            self.blockSignals(False)
        if moved_rows:
            self.headerDataChanged.emit(vertical, moved_rows[0], moved_rows[-1])
        if moved_columns:
            self.headerDataChanged.emit(horizontal, moved_columns[0], moved_columns[-1])

    def set_frequency(self, frequency: str) -> None:
        self.frequency = frequency
        if self.terms and self.cash:
            self._due.clear()  # every cell is filled now
            self._fill_quietly(self._positions())
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.terms) - 1, len(self.cash) - 1))

    def clear(self, *, later: bool = False) -> None:
        self.set_grid(None, None, later=later)

    def cell(self, term: int, cash: Decimal) -> GridCell | None:
        return None if self._grid is None else self._grid.cell(term, cash)

    def payment(self, term: int, cash: Decimal) -> Decimal | None:
        found = self.cell(term, cash)
        return None if found is None else found.monthly

    def _shown(self, cell: GridCell) -> Decimal | None:
        if self.frequency == "biweekly":
            return cell.biweekly
        return cell.weekly if self.frequency == "weekly" else cell.monthly


def _number(amount: Any) -> float | None:
    try:
        return float(amount)
    except (TypeError, ValueError):
        return None


@cache
def _bold() -> QFont:
    """The deal's cell font, made once: ``data`` is asked for it at every paint."""
    font = QFont()
    font.setBold(True)
    return font
