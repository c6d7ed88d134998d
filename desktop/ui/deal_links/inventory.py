"""Inventory → "Start a deal with this vehicle": the selected vehicle becomes a new deal's, typed nowhere.

A vehicle no longer in stock or reserved, or already on one of the rooftop's open deals, is not started on
silently: the desk asks first, naming the deal it is on (walked at the desk: deals were started on a "Sold / gone"
vehicle and on the VIN of a deal being worked, with no word). The open deals are looked up in the TaskRunner (the
store may be a team server). Once the deal it started is open, :attr:`InventoryDealLink.started` is emitted: the
window then shows Deal Pricing, where the deal on that vehicle is worked (as a DMS opens the desking worksheet).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton

from desktop.domain.deals import DealVehicle, Stage
from desktop.store.deals import DealQuery, DealRow
from desktop.store.inventory_cache import (
    ROW_IN_STOCK,
    ROW_MAKE,
    ROW_MODEL,
    ROW_MSRP,
    ROW_RESERVED,
    ROW_STOCK_NUMBER,
    ROW_TRIM,
    ROW_VIN,
    ROW_YEAR,
    VehicleRow,
)
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.deal_links.common import insert_beside
from desktop.ui.errors import sentence
from desktop.ui.widgets.confirm import ask

CLOSED = frozenset({Stage.LOST, Stage.DELIVERED})


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
    started = Signal()  # the deal started here on the selected vehicle is open

    def __init__(self, tab: Any, current: CurrentDeal) -> None:
        super().__init__(tab)
        self.tab, self.current = tab, current
        self.button = QPushButton("Start a deal with this vehicle", tab)
        self.button.setObjectName("startDealWithVehicle")
        self.button.setToolTip("A new deal for this rooftop, on the selected vehicle; it becomes the current deal")
        insert_beside(tab.count_label, self.button)
        self.button.clicked.connect(self.start)
        self.confirm_box: Any = None  # the question asked before a deal on a sold or taken vehicle (tests answer it)
        self._job = 0

    def start(self) -> None:
        index = self.tab.table.currentIndex()
        if not index.isValid():
            self.tab.banner.show_error("Select a vehicle in the list first, then start the deal.")
            return
        row = self.tab.model.row_at(index.row())
        vehicle = vehicle_of(row)
        sold = "sold" if not row[ROW_IN_STOCK] else "reserved" if row[ROW_RESERVED] else ""
        store, dpid = self.current.store, self.current.dpid
        if store is None or not dpid:
            self._ask_or_start(vehicle, sold, [])
            return
        self.tab.runner.cancel(self._job)
        self._job = self.tab.runner.submit(
            lambda: [r for r in store.search(DealQuery(dpid, vehicle.vin)) if r.vin == vehicle.vin],
            lambda rows: self._ask_or_start(vehicle, sold, [r for r in rows if r.stage not in CLOSED]),
            lambda exc: self.tab.banner.show_error(f"The deal was not started: {sentence(exc)}"),
            label="Looking for deals on this vehicle",
            owner=self,
        )

    def _ask_or_start(self, vehicle: DealVehicle, sold: str, taken: list[DealRow]) -> None:
        """``sold``: "sold" (no longer in stock), "reserved" (held for a customer), or ""."""
        if not sold and not taken:
            self._start(vehicle)
            return
        name = f"{vehicle.year} {vehicle.make} {vehicle.model} {vehicle.trim}".strip()
        problems = []
        if sold == "sold":
            problems.append(f"{name} ({vehicle.vin}) is no longer in stock: sold, or gone from the lot.")
        elif sold:
            problems.append(f"{name} ({vehicle.vin}) is reserved: held for another customer.")
        if taken:
            deals = ", ".join(f"{r.number} ({r.buyer or 'no buyer yet'}, {r.stage.label.lower()})" for r in taken[:3])
            problems.append(f"{name} ({vehicle.vin}) is already on deal {deals}.")
        self.confirm_box = ask(
            self.tab,
            "Start a deal on this vehicle?",
            " ".join(problems) + " Start a new deal on it anyway?",
            on_answer=lambda yes: self._on_answer(yes, vehicle),
            accept_text="Start the deal",
        )

    def _on_answer(self, yes: bool, vehicle: DealVehicle) -> None:
        self.confirm_box = None
        if yes:
            self._start(vehicle)

    def _start(self, vehicle: DealVehicle) -> None:
        self.current.start(vehicle=vehicle, then=self._on_started)

    def _on_started(self, _deal: Any) -> None:
        self.started.emit()
