"""Inventory → "Start a deal with this vehicle": the selected vehicle becomes a new deal's, typed nowhere."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton

from desktop.domain.deals import DealVehicle
from desktop.store.inventory_cache import (
    ROW_MAKE,
    ROW_MODEL,
    ROW_MSRP,
    ROW_STOCK_NUMBER,
    ROW_TRIM,
    ROW_VIN,
    ROW_YEAR,
    VehicleRow,
)
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.deal_links.common import insert_beside


def vehicle_of(row: VehicleRow) -> DealVehicle:
    return DealVehicle(
        vin=row[ROW_VIN],
        stock_number=row[ROW_STOCK_NUMBER],
        year=row[ROW_YEAR],
        make=row[ROW_MAKE],
        model=row[ROW_MODEL],
        trim=row[ROW_TRIM],
        msrp=None if row[ROW_MSRP] is None else Decimal(repr(row[ROW_MSRP])),
    )


class InventoryDealLink(QObject):
    def __init__(self, tab: Any, current: CurrentDeal) -> None:
        super().__init__(tab)
        self.tab, self.current = tab, current
        self.button = QPushButton("Start a deal with this vehicle", tab)
        self.button.setObjectName("startDealWithVehicle")
        self.button.setToolTip("A new deal for this rooftop, on the selected vehicle; it becomes the current deal")
        insert_beside(tab.count_label, self.button)
        self.button.clicked.connect(self.start)

    def start(self) -> None:
        index = self.tab.table.currentIndex()
        if not index.isValid():
            self.tab.banner.show_error("Select a vehicle in the list first, then start the deal.")
            return
        self.current.start(vehicle=vehicle_of(self.tab.model.row_at(index.row())))
