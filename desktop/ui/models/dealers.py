"""Table model of the active dealers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop.ui.models.common import SortRole
from desktop.ui.models.item_rows import Cells, ItemRowsModel

COL_NAME, COL_DPID, COL_CITY, COL_STATE, COL_STATUS, COL_PARTNER_ID = range(6)
HEADERS = ("Name", "DPID", "City", "State", "Status", "Partner ID")
KEYS = ("name", "dpid", "city", "state", "status", "partner_id")
_DISPLAY, _TIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)


class DealersModel(ItemRowsModel[dict[str, Any]]):
    """The rooftops, their cells kept in Qt (see :mod:`desktop.ui.models.item_rows`)."""

    HEADERS = HEADERS
    set_dealers = ItemRowsModel.set_rows
    dealers = ItemRowsModel.rows

    def row_of(self, dpid: str) -> int:
        return next((i for i, d in enumerate(self._rows) if d.get("dpid") == dpid), -1)

    def cells(self, row: dict[str, Any]) -> Cells:
        tip = f"{row.get('address', '')}, {row.get('city', '')} {row.get('zip_code', '')}"
        for column, key in enumerate(KEYS):
            text = str(row.get(key, ""))
            if column == COL_STATUS:  # the API says "Demo" for one rooftop and "live" for the others: one way down
                text = text[:1].upper() + text[1:]
            yield {_DISPLAY: text, SortRole: text, _TIP: tip}
