"""Table model of the active dealers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.ui.models.common import ObjectRole, SortRole

COL_NAME, COL_DPID, COL_CITY, COL_STATE, COL_STATUS, COL_PARTNER_ID = range(6)
HEADERS = ("Name", "DPID", "City", "State", "Status", "Partner ID")
KEYS = ("name", "dpid", "city", "state", "status", "partner_id")

Index = QModelIndex | QPersistentModelIndex


class DealersModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._dealers: list[dict[str, Any]] = []

    def set_dealers(self, dealers: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._dealers = list(dealers)
        self.endResetModel()

    def dealers(self) -> list[dict[str, Any]]:
        return list(self._dealers)

    def row_of(self, dpid: str) -> int:
        return next((i for i, d in enumerate(self._dealers) if d.get("dpid") == dpid), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._dealers)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._dealers):
            return None
        dealer = self._dealers[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            return str(dealer.get(KEYS[index.column()], ""))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{dealer.get('address', '')}, {dealer.get('city', '')} {dealer.get('zip_code', '')}"
        if role == ObjectRole:
            return dealer
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None
