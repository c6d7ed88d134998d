"""Table model of the local customer register of the rooftop."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.store.agents import Agent, agent_label
from desktop.store.customers import CustomerRecord
from desktop.ui.models.common import ObjectRole, SortRole

COL_NAME, COL_EMAIL, COL_PHONE, COL_ID, COL_AGENT, COL_VIN, COL_UPDATED = range(7)
HEADERS = ("Name", "Email", "Phone", "Customer ID", "Agent", "Vehicle", "Updated")

Index = QModelIndex | QPersistentModelIndex


def _when(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class CustomersModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CustomerRecord] = []
        self._agents: list[Agent] = []

    def set_agents(self, agents: list[Agent]) -> None:
        """The rooftop's roster: the Agent column says names."""
        self._agents = list(agents)
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_AGENT), self.index(len(self._rows) - 1, COL_AGENT))

    def set_customers(self, rows: list[CustomerRecord]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

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
        return 0

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == ObjectRole:
            return r
        if role == SortRole:
            if col == COL_ID:
                return r.id
            if col == COL_UPDATED:
                return r.updated_at
            return self._text(r, col).lower()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_AGENT and r.agent_email:
            return r.agent_email
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_ID:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, r: CustomerRecord, col: int) -> str:
        if col == COL_NAME:
            return r.name or "—"
        if col == COL_EMAIL:
            return r.email
        if col == COL_PHONE:
            return r.phone
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
