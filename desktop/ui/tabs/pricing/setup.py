"""The rooftop's side of the desk: its inventory list, fees and markups, district rate and menu packages.

A mixin of :class:`~desktop.ui.tabs.pricing.tab.PricingTab`. The vehicle list is the cached inventory of the
rooftop; disk and network reads go through the TaskRunner.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from desktop.domain.deal import DealerConfig, PricingInputError
from desktop.domain.desking.menu import MenuPackage
from desktop.domain.desking.structure import TaxSource
from desktop.store.inventory_cache import ROW_MAKE, ROW_MODEL, ROW_MSRP, ROW_STOCK_NUMBER, ROW_TRIM, ROW_VIN, ROW_YEAR
from desktop.store.rooftop_desk import RooftopDeskStore
from desktop.ui.amounts import money, parse_percent
from desktop.ui.errors import sentence

STORE_FILE = "rooftop-desk.sqlite3"


class RooftopSetup:
    """Rooftop, dealer configuration and vehicle loading for the pricing tab."""

    dealer_config: DealerConfig | None
    vehicle: dict[str, Any] | None
    server_programs: dict[str, Any] | None
    saved_packages: tuple[MenuPackage, ...] | None
    district_rate: Decimal | None
    _detail: dict[str, Any] | None
    _catalog_key: tuple[Any, ...] | None

    def init_setup(self: Any) -> None:
        self._config_job = 0
        self._rooftop_job = 0
        self.district_rate = None
        self.saved_packages = None
        self._store: RooftopDeskStore | None = None

    def rooftop_store(self: Any) -> RooftopDeskStore:
        """The rooftop settings file of the profile; opened on first use (in a worker: the file opens lazily)."""
        if self._store is None:
            self._store = RooftopDeskStore(self.workspace.paths.data / STORE_FILE)
        store: RooftopDeskStore = self._store
        return store

    # --- rooftop, dealer configuration, vehicle -----------------------------------------------------------------

    def _on_rooftop_changed(self: Any, dpid: str) -> None:
        self.dealer_config = None
        self._detail = None
        self._catalog_key, self.server_programs = None, None
        self.district_rate, self.saved_packages = None, None
        self.products.clear_catalog()
        self._load_vehicles()
        if dpid:
            dealer = self.workspace.dealer(dpid) or {}
            if dealer.get("zip_code") and not self.zip_code.text().strip():
                self.zip_code.setText(str(dealer["zip_code"]))
            self._load_rooftop_settings(dpid)
        self._load_dealer_config()

    def _load_rooftop_settings(self: Any, dpid: str) -> None:
        store = self.rooftop_store()
        self.runner.cancel(self._rooftop_job)

        def load() -> tuple[Decimal | None, tuple[MenuPackage, ...] | None]:
            return store.district_rate(dpid), store.load(dpid)

        def loaded(found: tuple[Decimal | None, tuple[MenuPackage, ...] | None]) -> None:
            if dpid != self.workspace.dpid:
                return
            self.district_rate, self.saved_packages = found
            if self.district_rate is not None:
                self.desking.save_district.setToolTip(f"Saved: {self.district_rate * 100:f} %")
            self.catalog_changed()
            self.recompute()

        self._rooftop_job = self.runner.submit(
            load, loaded, lambda exc: self.banner.show_error(f"The rooftop's menu settings could not be read: {exc}")
        )

    def _on_save_district(self: Any) -> None:
        dpid = self.workspace.dpid
        try:
            rate = parse_percent(self.desking.tax_rate.text(), "tax.rate")
        except PricingInputError as exc:
            self._show_field(exc.field, exc.message)
            return
        if not dpid or rate is None:
            self._show_field("tax.rate", "type the rooftop's combined district rate first, e.g. 8.875.")
            return
        store = self.rooftop_store()
        self.district_rate = rate
        index = self.desking.tax_source.findData(TaxSource.ROOFTOP_DISTRICT)
        self.desking.tax_source.setCurrentIndex(index)
        self.runner.submit(
            lambda: store.set_district_rate(dpid, rate),
            lambda _r: self.banner.show_info(f"{dpid}'s district rate saved: {rate * 100:f} %."),
            lambda exc: self.banner.show_error(f"The district rate could not be saved: {exc}"),
        )

    def _on_connection_changed(self: Any) -> None:
        if self.workspace.connected and self.dealer_config is None:
            self._load_dealer_config()
        elif self.workspace.connected:
            self.recompute()

    def _on_inventory_changed(self: Any, dpid: str) -> None:
        if dpid == self.workspace.dpid:
            self._load_vehicles()

    def select_vehicle(self: Any, vin: str) -> bool:
        index = self.vehicle_combo.findData(vin)
        if index >= 0:
            self.vehicle_combo.setCurrentIndex(index)
        return bool(index >= 0)

    def _load_vehicles(self: Any) -> None:
        dpid = self.workspace.dpid
        current = self.vehicle["vin"] if self.vehicle else ""
        rows = self.workspace.cache.vehicle_rows(dpid) if dpid else []
        self.vehicle_combo.blockSignals(True)
        self.vehicle_combo.clear()
        self.vehicle_combo.addItem("Choose a vehicle…", "")
        for r in rows:
            msrp = money(r[ROW_MSRP]) if r[ROW_MSRP] is not None else "no MSRP"
            label = f"{r[ROW_YEAR]} {r[ROW_MAKE]} {r[ROW_MODEL]} {r[ROW_TRIM]} · {r[ROW_STOCK_NUMBER]} · {msrp}"
            self.vehicle_combo.addItem(label, r[ROW_VIN])
        self.vehicle_combo.blockSignals(False)
        if not (current and self.select_vehicle(current)):
            self.vehicle = None
            self.recompute()

    def _load_dealer_config(self: Any, force: bool = False) -> None:
        dpid, cache, connection = self.workspace.dpid, self.workspace.cache, self.workspace.connection
        if not dpid:
            return
        cached = None if force else cache.dealer_detail(dpid)
        if cached is not None:
            self._apply_detail(cached)
            return
        if connection is None:
            self.recompute()
            return
        self.runner.cancel(self._config_job)

        def load() -> dict[str, Any]:
            from desktop.services import inventory_sync

            return inventory_sync.refresh_dealer_detail(connection.roadster, cache, dpid)

        self._config_job = self.runner.submit(
            load, self._apply_detail, self._on_config_failed, label=f"Loading {dpid} fees"
        )

    def _apply_detail(self: Any, detail: dict[str, Any]) -> None:
        if detail.get("dpid") not in (None, self.workspace.dpid):
            return
        try:
            self.dealer_config = DealerConfig.from_api(detail.get("configuration") or {})
        except PricingInputError as exc:
            self.banner.show_error(
                f"The dealer's configuration cannot be used for pricing ({exc.field}): {exc.message}"
            )
            return
        self._detail = detail
        if not self.zip_code.text().strip() and detail.get("zip_code"):
            self.zip_code.setText(str(detail["zip_code"]))
        self.recompute()

    def _on_config_failed(self: Any, exc: BaseException) -> None:
        self.banner.show_error(f"The dealer's fees and markups could not be loaded: {sentence(exc)}")

    def _on_vehicle_picked(self: Any, _index: int) -> None:
        vin = str(self.vehicle_combo.currentData() or "")
        self.vehicle = self.workspace.cache.vehicle(self.workspace.dpid, vin) if vin else None
        self._catalog_key = None
        self.products.clear_catalog()
        self.desking.selling_price.clear()
        self.desking.discount.clear()
        if self.vehicle is not None and self.chaiz is not None:
            set_vehicle = getattr(self.chaiz, "set_vehicle", None)
            if set_vehicle is not None:
                set_vehicle(vin, 10, self.zip_code.text().strip())
        self.recompute()

    def _on_vin_entered(self: Any, vin: str) -> None:
        if not self.select_vehicle(vin):
            dpid = self.workspace.dpid or "this rooftop"
            self.vin_edit.message.setText(
                f"{vin} is not in {dpid}'s cached inventory; sync it on the Inventory tab, then try again."
            )
            self.vin_edit.message.show()
