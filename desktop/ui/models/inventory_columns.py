"""The inventory table's columns: their headers, the text each cell shows and the key each column sorts by.

Plain functions of a cached row, so the sort can run in a worker (inventory_search.py) and the model's ``data()``
can share them.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from typing import Any

from desktop.store.inventory_cache import (
    ROW_BODY,
    ROW_COLOR,
    ROW_IN_STOCK,
    ROW_MAKE,
    ROW_MODEL,
    ROW_MSRP,
    ROW_RESERVED,
    ROW_STOCK_NUMBER,
    ROW_TRIM,
    ROW_UPDATED_AT,
    ROW_VIN,
    ROW_YEAR,
    VehicleRow,
)

(
    COL_VIN,
    COL_STOCK,
    COL_YEAR,
    COL_MAKE,
    COL_MODEL,
    COL_TRIM,
    COL_BODY,
    COL_COLOR,
    COL_MSRP,
    COL_STATUS,
    COL_UPDATED,
    COL_CHAIZ,
) = range(12)
HEADERS = ("VIN", "Stock #", "Year", "Make", "Model", "Trim", "Body", "Exterior", "MSRP", "Status", "Updated", "Chaiz")


def status_text(row: VehicleRow) -> str:
    if not row[ROW_IN_STOCK]:
        return "Sold / gone"
    return "Reserved" if row[ROW_RESERVED] else "In stock"


def _updated_text(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).astimezone().strftime("%Y-%m-%d")


DISPLAY: dict[int, Callable[[VehicleRow], Any]] = {
    COL_VIN: operator.itemgetter(ROW_VIN),
    COL_STOCK: operator.itemgetter(ROW_STOCK_NUMBER),
    COL_YEAR: lambda r: str(r[ROW_YEAR]),
    COL_MAKE: operator.itemgetter(ROW_MAKE),
    COL_MODEL: operator.itemgetter(ROW_MODEL),
    COL_TRIM: operator.itemgetter(ROW_TRIM),
    COL_BODY: operator.itemgetter(ROW_BODY),
    COL_COLOR: operator.itemgetter(ROW_COLOR),
    COL_MSRP: lambda r: "" if r[ROW_MSRP] is None else f"${r[ROW_MSRP]:,.0f}",
    COL_STATUS: status_text,
    COL_UPDATED: lambda r: _updated_text(r[ROW_UPDATED_AT]),
}
"""The text of every column but Chaiz's (that one is the registration status, kept by the model per VIN)."""

SORT_KEY: dict[int, Callable[[VehicleRow], Any]] = {
    **DISPLAY,
    COL_YEAR: operator.itemgetter(ROW_YEAR),
    COL_MSRP: lambda r: -1.0 if r[ROW_MSRP] is None else r[ROW_MSRP],
    COL_UPDATED: operator.itemgetter(ROW_UPDATED_AT),
}
"""What a column sorts by: numbers as numbers and dates as epochs, the text otherwise."""
