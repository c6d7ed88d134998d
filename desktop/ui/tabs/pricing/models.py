"""The pricing tab's table models: one deal's lines, and the payment grid."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from desktop.domain.desking.grid import GridCell, PaymentGrid
from desktop.ui.amounts import money
from desktop.ui.models.common import ObjectRole, RowsTableModel, SortRole

FREQUENCIES = ("monthly", "biweekly", "weekly")


class DealLinesModel(RowsTableModel[tuple[str, Any]]):
    """One deal's explanation: label and amount, line by line, in the engine's order."""

    COL_ITEM, COL_AMOUNT = range(2)
    HEADERS = ("Item", "Amount")
    set_lines = RowsTableModel.set_rows
    lines = RowsTableModel.rows

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.row_object(index)
        if line is None:
            return None
        label, amount = line
        if role == ObjectRole:
            return line
        if role == SortRole:
            return (label, float(amount))[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return label if index.column() == self.COL_ITEM else money(amount)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.COL_AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class PaymentGridModel(QAbstractTableModel):
    """Payments: one row per term a program writes, one column per cash amount; the deal on the desk is bold.

    Shows the monthly payment, or its biweekly or weekly equivalent (the reference's truncated figures).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid: PaymentGrid | None = None
        self._current: tuple[int, Decimal] | None = None
        self.frequency = "monthly"

    @property
    def terms(self) -> tuple[int, ...]:
        return () if self._grid is None else self._grid.terms

    @property
    def cash(self) -> tuple[Decimal, ...]:
        return () if self._grid is None else self._grid.cash

    def set_grid(self, grid: PaymentGrid | None, current: tuple[int, Decimal] | None) -> None:
        same_shape = grid is not None and (grid.terms, grid.cash) == (self.terms, self.cash)
        if same_shape and grid is not None:
            self._grid, self._current = grid, current
            if grid.terms and grid.cash:
                self.dataChanged.emit(self.index(0, 0), self.index(len(grid.terms) - 1, len(grid.cash) - 1))
            return
        self.beginResetModel()
        self._grid, self._current = grid, current
        self.endResetModel()

    def set_frequency(self, frequency: str) -> None:
        self.frequency = frequency
        if self.terms and self.cash:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.terms) - 1, len(self.cash) - 1))

    def clear(self) -> None:
        self.set_grid(None, None)

    def cell(self, term: int, cash: Decimal) -> GridCell | None:
        return None if self._grid is None else self._grid.cell(term, cash)

    def payment(self, term: int, cash: Decimal) -> Decimal | None:
        found = self.cell(term, cash)
        return None if found is None else found.monthly

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.terms)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cash)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return f"${self.cash[section]:,.0f} cash" if 0 <= section < len(self.cash) else None
        return f"{self.terms[section]} mo" if 0 <= section < len(self.terms) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._grid is None or not index.isValid():
            return None
        if index.row() >= len(self.terms) or index.column() >= len(self.cash):
            return None
        cell = self._grid.cells[index.row()][index.column()]
        shown = {"monthly": cell.monthly, "biweekly": cell.biweekly, "weekly": cell.weekly}[self.frequency]
        if role == ObjectRole:
            return (cell.term, cell.cash, cell.monthly)
        if role == SortRole:
            return float(shown) if shown is not None else -1.0
        if role == Qt.ItemDataRole.DisplayRole:
            return "n/a" if shown is None else money(shown)
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell.monthly is None:
                return "No program writes this term for this buyer, or the cash is more than this deal can take."
            return (
                f"{cell.term} months, {money(cell.cash)} cash: {money(cell.monthly)} a month, "
                f"{money(cell.biweekly)} biweekly, {money(cell.weekly)} weekly. Double-click to apply."
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (cell.term, cell.cash) == self._current:
            font = QFont()
            font.setBold(True)
            return font
        return None
