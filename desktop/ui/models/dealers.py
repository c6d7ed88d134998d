"""Table model of the active dealers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop.ui.models.common import TEXT_ROLES, Index, ObjectRole, RowsTableModel, SortRole

COL_NAME, COL_DPID, COL_CITY, COL_STATE, COL_STATUS, COL_PARTNER_ID = range(6)
HEADERS = ("Name", "DPID", "City", "State", "Status", "Partner ID")
KEYS = ("name", "dpid", "city", "state", "status", "partner_id")


class DealersModel(RowsTableModel[dict[str, Any]]):
    HEADERS = HEADERS
    set_dealers = RowsTableModel.set_rows
    dealers = RowsTableModel.rows

    def row_of(self, dpid: str) -> int:
        return next((i for i, d in enumerate(self._rows) if d.get("dpid") == dpid), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        dealer = self.row_object(index) if role in TEXT_ROLES else None  # ~500 calls a switch
        if dealer is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            text = str(dealer.get(KEYS[index.column()], ""))
            # The API says "Demo" for one rooftop and "live" for the others: the column reads as one list.
            return text[:1].upper() + text[1:] if index.column() == COL_STATUS else text
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{dealer.get('address', '')}, {dealer.get('city', '')} {dealer.get('zip_code', '')}"
        if role == ObjectRole:
            return dealer
        return None
