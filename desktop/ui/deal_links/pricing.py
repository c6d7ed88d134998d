"""Deal Pricing desks the current deal: the deal fills the desk, and every reprice is written back to the deal.

Opening a deal selects its vehicle, fills the buyer (for the Chaiz links and the printed documents), the deal
number and the whole structure (:func:`~desktop.domain.deals.desk_mapping.desk_structure`) without typing. Each
structure the desk prices after that is recorded on the deal (:func:`~desktop.domain.deals.desk_mapping.apply_desk`;
the current deal debounces the save). Applying the deal to the desk writes nothing back: the structures the desk
prices while it is being filled are ignored, and one equal to what was applied is not a change. The customer's
menu choice records products chosen and declined and moves the deal to *menu presented*, as presenting the menu
does; "Use for the deal" records the structure and marks the deal priced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QPushButton

from desktop.domain.deals import Deal, DealType, Stage, advanced
from desktop.domain.deals.desk_mapping import apply_desk, apply_vehicle, desk_structure, with_jacket_trade
from desktop.domain.desking import DealStructure
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.deal_links.common import insert_beside, write_text
from desktop.ui.widgets.wheel_guard import ComboBox

# The desk's buyer fields and where each lives on the deal.
BUYER_PATHS = {
    "first_name": "buyer.first_name",
    "last_name": "buyer.last_name",
    "email": "buyer.email",
    "phone": "buyer.phone",
    "address": "buyer.street",
    "city": "buyer.city",
    "state": "buyer.state",
}

NO_DEAL = "Open or start a deal first (Deals tab): the structure is saved on it."


class PricingDealLink(QObject):
    def __init__(self, tab: Any, current: CurrentDeal) -> None:
        super().__init__(tab)
        self.tab, self.current = tab, current
        self._applying = False  # the deal is being put on the desk: what the desk prices meanwhile is not written
        self._writing = False  # the desk is writing the deal: the change it causes is already on the desk
        # The desk followed a rooftop switch (its catalog, ticks and vehicle dropped): until the deal is put back on
        # it, what it prices is not the deal's. (A desk hidden during a switch and back follows both when shown,
        # and the deal it had was taken as still on it: its sold products were written away.)
        self._reloading = False
        self._deal_id = ""
        self._applied: DealStructure | None = None  # the structure last applied to the desk or written to the deal
        self.deal_type = ComboBox(tab)
        self.deal_type.setObjectName("dealStructureType")
        self.deal_type.setToolTip("The deal type the customer takes: the menu and the printed documents follow it")
        for kind in DealType:
            self.deal_type.addItem(kind.value.capitalize(), kind.value)
        self.deal_type.setCurrentIndex(self.deal_type.findData(DealType.FINANCE.value))
        self.use_button = QPushButton("Use for the deal", tab)
        self.use_button.setObjectName("useForDeal")
        self.use_button.setToolTip("Record this structure on the current deal and mark it priced")
        insert_beside(tab.save_pdf, self.deal_type)
        insert_beside(self.deal_type, self.use_button)
        self.use_button.clicked.connect(self.use_for_deal)
        self.deal_type.activated.connect(self._on_deal_type_picked)
        for name, path in BUYER_PATHS.items():
            tab.buyer[name].textEdited.connect(lambda text, p=path: write_text(self.current, p, text))
        tab.structure_changed.connect(self._on_structure_changed)
        # Connected after the tab's own handlers: the products are chosen (and written) before the stage moves.
        tab.menu_page.package_chosen.connect(self._on_package_chosen)
        tab.menu_page.present_requested.connect(self._on_presented)
        # Another rooftop or a sync takes the vehicle off the desk (connected after the tab's own handlers): put the
        # deal back on once the tab has reloaded, from the new cache.
        self._vehicles_reloaded = QTimer(self)
        self._vehicles_reloaded.setSingleShot(True)
        self._vehicles_reloaded.setInterval(0)
        self._vehicles_reloaded.timeout.connect(self._apply_structure)
        tab.rooftop_loaded.connect(self._on_rooftop_loaded)
        tab.workspace.inventory_changed.connect(self._on_inventory_changed)
        current.changed.connect(self._on_deal_changed)
        self._on_deal_changed()

    def kind(self) -> DealType:
        return DealType(str(self.deal_type.currentData()))

    # --- deal → desk ----------------------------------------------------------------------------------------------

    def _on_deal_changed(self) -> None:
        deal = self.current.deal
        # A shared store learns from the team server whether this user's role sees reserve and profit.
        self.tab.set_manager_view(getattr(self.current.store, "sees_profit", None) is not False)
        if self._writing and deal is not None and deal.id == self._deal_id:
            return
        if deal is None:
            closed = bool(self._deal_id)
            self._deal_id, self._applied = "", None
            self.tab.deal_number = self.tab.salesperson = ""
            if closed:
                self.tab.clear_deal()
            return
        if deal.id != self._deal_id:
            self._deal_id, self._applied = deal.id, None
            if self.tab.banner.text() == NO_DEAL:
                self.tab.banner.clear_message()  # it is answered: a deal is open now
        self.tab.deal_number, self.tab.salesperson = deal.number, deal.agent
        applying, self._applying = self._applying, True
        try:
            self._show_buyer(deal)
        finally:
            self._applying = applying
        self._apply_structure()

    def _show_buyer(self, deal: Deal) -> None:
        b = deal.buyer
        values = {
            "first_name": b.first_name,
            "last_name": b.last_name,
            "email": b.email,
            "phone": b.phone,
            "address": b.street,
            "city": b.city,
            "state": b.state,
        }
        if b.zip_code and not self.tab.zip_code.hasFocus() and self.tab.zip_code.text() != b.zip_code:
            self.tab.set_buyer({"zip": b.zip_code})
        shown = {k: v for k, v in values.items() if not self.tab.buyer[k].hasFocus() and self.tab.buyer[k].text() != v}
        if shown:
            self.tab.set_buyer(shown)

    def _fallback_zip(self) -> str:
        dealer = self.tab.workspace.dealer() or {}
        return str(dealer.get("zip_code") or "")

    def _apply_structure(self) -> None:
        """Put the deal's vehicle and structure on the desk, unless the desk already shows them."""
        deal = self.current.deal
        self._reloading = False
        if deal is None:
            return
        self._applying = True
        try:
            if not self._select_vehicle(deal):
                return
            wanted = desk_structure(deal, self.tab.desk_vehicle(), self._fallback_zip())
            if wanted == self._applied:
                return  # the deal's structure is what the desk was given (or wrote) last
            self._applied = wanted
            self._show_kind(DealType(wanted.deal_type))
            shown = self.tab.structure
            # Compared with the trade as the desk priced it: a mileage or firm offer changed in the jacket reprices it.
            if shown is None or replace(shown, deal_type=wanted.deal_type) != wanted:
                self.tab.load_structure(wanted)
        finally:
            self._applying = False

    def _select_vehicle(self, deal: Deal) -> bool:
        """The deal's vehicle on the desk; ``False`` (and no vehicle) when the deal has none the desk can price."""
        vin = deal.vehicle.vin
        shown = self.tab.vehicle["vin"] if self.tab.vehicle else ""
        if vin and vin == shown:
            return True
        if vin and self.tab.select_vehicle(vin):
            return True
        if shown or vin:  # the last deal's vehicle (on the desk, or still being read) is not priced as this deal's
            self.tab.clear_vehicle()
        if vin:
            self.tab.banner.show_error(
                f"Deal {deal.number}'s vehicle {vin} is not in this rooftop's cached inventory: sync it on the "
                "Inventory tab, or choose the vehicle here."
            )
        self._applied = None
        return False

    def _on_rooftop_loaded(self) -> None:
        self._reloading, self._applied = True, None  # the desk no longer shows what was applied
        self._vehicles_reloaded.start()

    def _on_inventory_changed(self, dpid: str) -> None:
        if dpid == self.tab.workspace.dpid:
            self._vehicles_reloaded.start()

    def _show_kind(self, kind: DealType) -> None:
        self.deal_type.setCurrentIndex(self.deal_type.findData(kind.value))
        menu = self.tab.menu_page.deal_type
        menu.setCurrentIndex(menu.findData(kind.value))

    # --- desk → deal ----------------------------------------------------------------------------------------------

    def _on_structure_changed(self, structure: DealStructure) -> None:
        """A reprice: record the structure on the deal (nothing while the deal itself is being applied)."""
        if self._applying or self._reloading or self.current.deal is None:
            return
        if self._applied is None:
            # The deal was not on the desk (it had no vehicle the desk could price): the vehicle just chosen here
            # becomes the deal's, and the rest comes from the deal, not from what the desk showed before.
            self._write(lambda d: apply_vehicle(d, structure.vehicle))
            self._apply_structure()
            return
        structure = with_jacket_trade(replace(structure, deal_type=self.kind().value), self.current.deal)
        if structure == self._applied:
            return
        self._applied = structure
        rooftop_zip = self._fallback_zip()
        self._write(lambda d: apply_desk(d, structure, rooftop_zip))

    def _write(self, change: Callable[[Deal], None]) -> None:
        self._writing = True
        try:
            self.current.update(change)
        finally:
            self._writing = False

    def _record(self, stage: Stage | None) -> bool:
        """Write the desk's structure with the chosen deal type and move the deal on to ``stage`` (if given)."""
        structure = self.tab.structure
        if structure is None or self.current.deal is None:
            return False
        structure = with_jacket_trade(replace(structure, deal_type=self.kind().value), self.current.deal)
        self._applied = structure
        rooftop_zip = self._fallback_zip()

        def record(d: Deal) -> None:
            apply_desk(d, structure, rooftop_zip)
            if stage is not None:
                d.stage = advanced(d.stage, stage)

        self._write(record)
        return True

    def _on_deal_type_picked(self, _index: int) -> None:
        self._show_kind(self.kind())
        if self.current.deal is not None and not self._record(None):
            write_text(self.current, "structure.deal_type", self.kind().value)  # not priced yet: the type alone

    def _on_package_chosen(self, _package: Any, deal_type: str) -> None:
        self._show_kind(DealType(deal_type))
        self._record(Stage.MENU_PRESENTED)

    def _on_presented(self) -> None:
        presentation = self.tab.presentation
        if presentation is not None and presentation.isVisible():
            self._record(Stage.MENU_PRESENTED)

    def use_for_deal(self) -> None:
        """Record the structure priced for the chosen deal type on the deal, and mark the deal priced."""
        deal = self.current.deal
        if deal is None:
            self.tab.banner.show_error(NO_DEAL)
            return
        kind = self.kind()
        if self.tab.deals.get(kind.value) is None or not self._record(Stage.PRICED):
            # With no vehicle nothing is highlighted: say what is missing.
            fix = "choose a vehicle first" if self.tab.vehicle is None else "fix the highlighted fields first"
            self.tab.banner.show_error(f"There is no {kind.value} price yet: {fix}.")
            return
        stage = self.current.deal.stage if self.current.deal is not None else Stage.PRICED
        # A deal already past priced (its menu presented) stays where it is: say where, not "priced".
        self.tab.banner.show_info(
            f"Deal {deal.number}: {kind.value} structure saved; the deal is {stage.label.lower()}."
        )
