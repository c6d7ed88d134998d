"""A flat table over a list of row objects whose cells are kept in Qt: a view paints it without calling Python.

A model written in Python answers a view from Python: each cell painted asks it for the row and column counts
(every ``index()`` does) and, through a sort proxy, for each role apart -- six to eight calls from Qt into Python a
cell, about 1,350 a switch to the Dealers tab. Each call takes the interpreter lock, and while a worker runs Python
(a search preparation, a picker's page) the GUI thread waits for it at each one: the switch took 4-5 times its CPU.
Here the rows' cells are computed once, when the rows are set, and handed to Qt's own ``QStandardItemModel`` (this
class overrides none of its virtuals); the views and the sort proxy in front of it then read them in C++.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from desktop.ui.models.common import ObjectRole, Row, RowObjects

Cells = Iterable[Mapping[int, Any]]


class ItemRowsModel(RowObjects[Row], QStandardItemModel):
    """Subclasses set ``HEADERS`` and implement :meth:`cells`; :meth:`set_rows` fills the table."""

    HEADERS: tuple[str, ...] = ()
    # The flags of the columns whose cells are not just shown and selected (ticked, or edited in place).
    COLUMN_FLAGS: ClassVar[dict[int, Qt.ItemFlag]] = {}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, len(self.HEADERS), parent)
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        cell = QStandardItem()
        cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)  # shown, not edited in place
        self.setItemPrototype(cell)  # what each cell filled below is made from
        self._rows: list[Row] = []

    def cells(self, row: Row) -> Cells:
        """Each column's roles for ``row``, in column order (ObjectRole is the row itself unless they say another)."""
        raise NotImplementedError

    def set_rows(self, rows: Iterable[Row]) -> None:
        """Show ``rows``: one reset for the views, the cells filled in silence before it."""
        new = list(rows)
        self._fill_quietly(0, new)
        self._rows = new
        self.beginResetModel()
        self.endResetModel()

    def append_rows(self, rows: Iterable[Row]) -> None:
        """Add ``rows`` at the end: one insertion for the views, the new cells filled before it is announced."""
        new = list(rows)
        if not new:
            return
        first = len(self._rows)
        self._fill_quietly(first, new)
        self._rows.extend(new)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self.endInsertRows()

    def _fill_quietly(self, first: int, rows: list[Row]) -> None:
        """Keep the first ``first`` rows, then fill ``rows`` after them; the cells set announce nothing (the caller
        announces them all at once)."""
        self.blockSignals(True)
        try:
            self.setRowCount(first)
            self.setRowCount(first + len(rows))
            for r, row in enumerate(rows, first):
                self._fill(r, row)
        finally:
            self.blockSignals(False)

    def remove_row_at(self, r: int) -> None:
        if 0 <= r < len(self._rows):
            del self._rows[r]
            self.removeRow(r)

    def remove_rows_from(self, first: int) -> None:
        """Remove the rows from ``first`` to the end: one removal for the views."""
        if 0 <= first < len(self._rows):
            count = len(self._rows) - first
            del self._rows[first:]
            self.removeRows(first, count)

    def cell_flags(self, row: Row) -> Mapping[int, Qt.ItemFlag]:
        """The flags of ``row``'s cells that are not just shown and selected: :attr:`COLUMN_FLAGS`, or what a
        subclass says of a row in its state (a refused file's cells are read-only)."""
        return self.COLUMN_FLAGS

    def refresh_row(self, r: int, columns: Iterable[int] | None = None) -> None:
        """Set row ``r``'s cells again from its row object (changed in place); each cell whose roles or flags
        changed tells the views (an editor open on another cell keeps what is typed in it)."""
        if 0 <= r < len(self._rows):
            self._fill(r, self._rows[r], None if columns is None else set(columns))

    def _fill(self, r: int, row: Row, columns: set[int] | None = None) -> None:
        for c, roles in enumerate(self.cells(row)):
            if columns is None or c in columns:
                self.setItemData(self.index(r, c), {ObjectRole: row, **roles})
        for c, flags in self.cell_flags(row).items():
            cell = self.item(r, c)
            if cell is not None and (columns is None or c in columns) and cell.flags() != flags:
                cell.setFlags(flags)
