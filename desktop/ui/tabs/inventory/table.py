"""The inventory table: sorted by VIN, whole rows selected, and the columns the detail pane repeats give way first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.ui.models import inventory_columns as cols
from desktop.ui.models.inventory import InventoryModel
from desktop.ui.narrow import ColumnCollapser
from desktop.ui.tabs.inventory.delegate import InventoryDelegate

WIDTHS = ((cols.COL_VIN, 170), (cols.COL_MODEL, 120), (cols.COL_TRIM, 150), (cols.COL_COLOR, 170))
# On a laptop the columns the detail pane repeats give way first; the VIN, trim, price and status stay.
COLLAPSE = [cols.COL_UPDATED, cols.COL_BODY, cols.COL_MAKE, cols.COL_YEAR, cols.COL_COLOR, cols.COL_CHAIZ]


def inventory_table(model: InventoryModel, parent: QWidget) -> tuple[QTableView, ColumnCollapser]:
    """The table over ``model`` and the collapser that hides its repeated columns when the tab is narrow."""
    table = QTableView(parent)
    table.setObjectName("inventoryTable")
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(cols.COL_VIN, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    table.setWordWrap(False)  # one line per cell, elided: what the delegate draws (a 24 px row shows one line)
    table.setItemDelegate(InventoryDelegate(table, model))  # half the paint of Qt's (see delegate.py)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for col, width in WIDTHS:
        table.setColumnWidth(col, width)
    header.setStretchLastSection(True)
    return table, ColumnCollapser(table, COLLAPSE, "select a vehicle to see them in the pane beside.")
