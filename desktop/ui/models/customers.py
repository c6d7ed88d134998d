"""Table model of the local customer register of the rooftop."""

from __future__ import annotations

import datetime as dt
import functools
import heapq
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desktop.store.agents import Agent, agent_label
from desktop.store.customers import CustomerRecord
from desktop.ui.models.common import ObjectRole, OneCallPerCell

COL_NAME, COL_EMAIL, COL_PHONE, COL_ID, COL_AGENT, COL_VIN, COL_UPDATED = range(7)
HEADERS = ("Name", "Email", "Phone", "Customer ID", "Agent", "Vehicle", "Updated")

Index = QModelIndex | QPersistentModelIndex
_ROLES = (ObjectRole, Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole)
_ANSWERED = frozenset(int(role) for role in _ROLES)
LONGEST = 8  # texts measured per column: the widest text is among the longest few in characters
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@functools.lru_cache(maxsize=4096)
def _phone(stored: str) -> str:
    """The number as the deal shows it; parsed once a number (a list repaints every row it shows)."""
    from desktop.domain.contact import phone_shown  # phonenumbers' metadata: loaded with the first row shown

    return phone_shown(stored)


def _when(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class CustomersModel(OneCallPerCell, QAbstractTableModel):
    """The rooftop's customers, sorted here (no proxy) and updated in place when a reload brings the same rows.

    A reload's answer was a model reset under a ``QSortFilterProxyModel`` sorting by a Python role and a header
    sized to its contents: at 1,000 customers, ~45,000 ``data()`` calls in the result's callback (50-70 ms) and
    200-290 ms more measuring every cell in the next turns. Sorting takes one key per row; the view asks only for
    the rows it paints; the tab sizes the columns from a few of the longest texts (:meth:`column_texts`).
    """

    rows_changed = Signal()  # other rows than before (a reset or an insert): the tab fits the columns again

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CustomerRecord] = []
        self._agents: list[Agent] = []
        self._sort = (COL_UPDATED, Qt.SortOrder.DescendingOrder)  # the register's own order: newest first

    def set_agents(self, agents: list[Agent]) -> None:
        """The rooftop's roster: the Agent column says names."""
        self._agents = list(agents)
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_AGENT), self.index(len(self._rows) - 1, COL_AGENT))

    def set_customers(self, rows: list[CustomerRecord]) -> None:
        """Show ``rows`` in the current sort: the same customers in the same order change the cells that differ
        (the selection, the scroll position and the columns' widths stay); others replace the list."""
        rows = self._sorted(rows)
        if [r.id for r in rows] == [r.id for r in self._rows]:
            changed = [i for i, (old, new) in enumerate(zip(self._rows, rows, strict=True)) if old != new]
            self._rows = rows
            if changed:
                self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], len(HEADERS) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        self.rows_changed.emit()

    def customers(self) -> list[CustomerRecord]:
        return list(self._rows)

    def row_of(self, customer_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == customer_id), -1)

    def put(self, record: CustomerRecord) -> int:
        """Insert at the top, or update the row in place (targeted ``dataChanged``); returns the row."""
        row = self.row_of(record.id)
        if row >= 0:
            self._rows[row] = record
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
            return row
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, record)
        self.endInsertRows()
        self.rows_changed.emit()
        return 0

    def column_texts(self, column: int, rows: int) -> list[str]:
        """The longest texts of ``column`` (by characters) among the first ``rows``, for sizing it without
        measuring every cell."""
        if column == COL_UPDATED:
            return [_when(self._rows[0].updated_at)] if self._rows else []  # one format, one width
        texts = {self._text(r, column) for r in self._rows[:rows]}
        return heapq.nlargest(LONGEST, texts, key=len)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        before = [r.id for r in self._rows]
        self._rows = self._sorted(self._rows)
        moved = {customer_id: row for row, customer_id in enumerate(r.id for r in self._rows)}
        kept = self.persistentIndexList()  # the selection and the current row follow their customers
        self.changePersistentIndexList(kept, [self.index(moved[before[i.row()]], i.column()) for i in kept])
        self.layoutChanged.emit()

    def _sorted(self, rows: list[CustomerRecord]) -> list[CustomerRecord]:
        column, order = self._sort
        if column == COL_UPDATED and order == Qt.SortOrder.DescendingOrder:
            return list(rows)  # as the register reads them (newest first, then the higher id)
        descending = order == Qt.SortOrder.DescendingOrder
        if column == COL_ID:
            return sorted(rows, key=lambda r: r.id, reverse=descending)
        if column == COL_UPDATED:
            return sorted(rows, key=lambda r: r.updated_at, reverse=descending)
        return sorted(rows, key=lambda r: self._text(r, column).lower(), reverse=descending)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == ObjectRole:
            return r
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.agent_email if col == COL_AGENT and r.agent_email else None
        return _RIGHT if col == COL_ID else None

    def _text(self, r: CustomerRecord, col: int) -> str:
        if col == COL_NAME:
            return r.name or "—"
        if col == COL_EMAIL:
            return r.email
        if col == COL_PHONE:
            return _phone(r.phone) if r.phone else ""
        if col == COL_ID:
            return str(r.id)
        if col == COL_AGENT:
            return agent_label(self._agents, r.agent_id, r.agent_email)
        if col == COL_VIN:
            return r.vin
        return _when(r.updated_at)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None
