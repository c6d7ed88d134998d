"""Roles and the list-backed table model base every simple table shares."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
)

ObjectRole = Qt.ItemDataRole.UserRole + 1  # the row object itself
SortRole = Qt.ItemDataRole.UserRole + 2  # a value that sorts right (numbers as numbers, dates as epochs)
# The roles a plain list model answers (text, tip, the row, its sort key). A view asks each cell for about eight
# (font, colours, alignment, check state, ...) every time it measures or paints; a model turns the others away
# before any work.
TEXT_ROLES = frozenset(int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ObjectRole, SortRole))

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")


class OneCallPerCell:
    """A Python model whose cells a view reads in one call each, not one per role.

    A view's delegate asks each cell it paints or measures for seven roles at once (Qt's ``multiData``); Qt's own
    ``multiData`` asks ``data()`` for each, and each of those calls from Qt into Python takes the interpreter lock
    again. While a worker runs Python, the lock goes to it between the calls and the GUI thread waits for it back:
    a 30-row table's repaint took 16 ms instead of 9 beside a busy worker, and 9 instead of 16 with one call a cell
    (``bench/bench_gil_models.py`` measures the same effect on the desk's tables). Put it first among the bases.
    """

    if TYPE_CHECKING:  # the model's own; not defined here, where it would come before the model's in the MRO

        def data(self, index: Index, role: int = ...) -> Any: ...

    def multiData(self, index: Index, span: QModelRoleDataSpan | QModelRoleData, /) -> None:
        data = self.data
        asked = (span,) if isinstance(span, QModelRoleData) else cast(Iterable[QModelRoleData], span)
        for role_data in asked:
            role_data.setData(data(index, role_data.role()))


class RowObjects(Generic[Row]):
    """The row objects behind a flat table's rows (``_rows``, set by the model)."""

    _rows: list[Row]

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_object(self, index: Index) -> Row | None:
        """The row object behind ``index``, or ``None`` for an index outside the table."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]


class RowsTableModel(OneCallPerCell, RowObjects[Row], QAbstractTableModel):
    """A flat table over a list of row objects; subclasses set ``HEADERS`` and implement :meth:`data`."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None
