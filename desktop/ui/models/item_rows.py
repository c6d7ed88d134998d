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
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QStandardItemModel

from desktop.ui.models.common import ObjectRole, Row, RowObjects

Cells = Iterable[Mapping[int, Any]]


class ItemRowsModel(RowObjects[Row], QStandardItemModel):
    """Subclasses set ``HEADERS`` and implement :meth:`cells`; :meth:`set_rows` fills the table."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, len(self.HEADERS), parent)
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        self._rows: list[Row] = []

    def cells(self, row: Row) -> Cells:
        """Each column's roles for ``row``, in column order (ObjectRole, the row itself, is added to each)."""
        raise NotImplementedError

    def set_rows(self, rows: Iterable[Row]) -> None:
        """Show ``rows``: one reset for the views, the cells filled in silence before it."""
        new = list(rows)
        self.blockSignals(True)  # the cells set below announce nothing; the reset announces them all
        try:
            self.setRowCount(0)
            self.setRowCount(len(new))
            for r, row in enumerate(new):
                for c, roles in enumerate(self.cells(row)):
                    self.setItemData(self.index(r, c), {**roles, ObjectRole: row})
        finally:
            self.blockSignals(False)
        self._rows = new
        self.beginResetModel()
        self.endResetModel()
