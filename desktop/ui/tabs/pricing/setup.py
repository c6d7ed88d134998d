"""The rooftop's side of the desk: its inventory list, fees and markups, district rate and menu packages.

A mixin of :class:`~desktop.ui.tabs.pricing.tab.PricingTab`. The vehicle picker pages the rooftop's cached
inventory; disk and network reads (even one vehicle's record) go through the TaskRunner.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from desktop.domain.deal import DealerConfig, PricingInputError
from desktop.domain.desking.menu import MenuPackage
from desktop.domain.desking.structure import TaxSource
from desktop.store.rooftop_desk import RooftopDeskStore
from desktop.ui.amounts import parse_percent
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
        self._vehicle_job = 0
        self._dropped_vin = ""  # the vehicle a reload took off the desk: back from the new cache, its prices stay
        self._rooftop_zip = ""  # the rooftop's ZIP the desk put in the ZIP field (the buyer had none)
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
        """Take the last rooftop's fees, settings and vehicle off the desk and read this one's; the desk is
        repriced once, at the end (its vehicles, ZIP and cached fees each asked for it, three blanks a switch)."""
        was_filling, self._filling = self._filling, True
        try:
            self.dealer_config = None
            self._detail = None
            self._catalog_key, self.server_programs = None, None
            self.district_rate, self.saved_packages = None, None
            self.products.clear_catalog()
            self._load_vehicles()
            if dpid:
                self._follow_rooftop_zip(self.workspace.dealer(dpid) or {})
                self._load_rooftop_settings(dpid)
            self._load_dealer_config()
        finally:
            self._filling = was_filling
        self.recompute()

    def _follow_rooftop_zip(self: Any, dealer: dict[str, Any]) -> None:
        """A deal whose buyer has no ZIP is taxed at the dealer's: that ZIP follows the rooftop shown. A ZIP typed
        or the buyer's stays (the last rooftop's stayed too, and priced the new rooftop's deals at its tax)."""
        shown = self.zip_code.text().strip()
        if shown and shown != self._rooftop_zip:
            return
        self._rooftop_zip = str(dealer.get("zip_code") or "")
        if shown != self._rooftop_zip:
            self.zip_code.setText(self._rooftop_zip)

    def _on_zip_typed(self: Any, _text: str) -> None:
        self._rooftop_zip = ""  # the buyer's now, even if it is the dealer's own ZIP

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
            load,
            loaded,
            lambda exc: self.banner.show_error(f"The rooftop's menu settings could not be read: {exc}"),
            owner=self,
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
            write=True,
            owner=self,
        )

    def _on_connection_changed(self: Any) -> None:
        if self.workspace.connected and self.dealer_config is None:
            self._load_dealer_config()
        elif self.workspace.connected:
            self.recompute()

    def _on_inventory_changed(self: Any, dpid: str) -> None:
        if dpid == self.workspace.dpid:
            self._load_vehicles()

    def choose_vehicle(self: Any, vin: str) -> None:
        """Price ``vin``, picked or typed: its record is read from the rooftop's cache in the TaskRunner, since even
        a one-row read can wait on the database; ``vehicle_read`` follows. A VIN the cache lacks is said under the
        field."""
        self.when_shown.flush()  # the rooftop switched while the tab was hidden: its cache and fees first
        self._read_vehicle(vin, self._on_vehicle_missing)

    def select_vehicle(self: Any, vin: str) -> bool:
        """Price ``vin`` at once, for a caller that must know now (a saved deal being reopened); ``False`` when the
        rooftop's cache lacks it. What a person picks or types goes through :meth:`choose_vehicle` instead.

        A read still pending (a pick, a reload) is dropped: its vehicle must not land on the desk after this one."""
        self.when_shown.flush()  # the rooftop switched while the tab was hidden: its cache and fees first
        self.runner.cancel(self._vehicle_job)
        dpid = self.workspace.dpid
        vehicle = self.workspace.cache.vehicle(dpid, vin) if dpid and vin else None
        if vehicle is None:
            return False
        self.vin_edit.edit.setText(vin)
        self._set_vehicle(vehicle)
        return True

    def _read_vehicle(self: Any, vin: str, on_missing: Callable[[str], None]) -> None:
        dpid, cache = self.workspace.dpid, self.workspace.cache
        self.runner.cancel(self._vehicle_job)
        self._vehicle_job = self.runner.submit(
            lambda: cache.vehicle(dpid, vin) if dpid and vin else None,
            lambda vehicle: self._on_vehicle_read(dpid, vin, vehicle, on_missing),
            self._on_vehicle_failed,
            label=f"Reading vehicle {vin}",
            owner=self,
        )

    def _load_vehicles(self: Any) -> None:
        """Offer the rooftop's cached vehicles; the vehicle on the desk stays if this rooftop's cache has it."""
        self.vehicle_picker.set_source(self.workspace.cache, self.workspace.dpid)
        current = self.vehicle["vin"] if self.vehicle else ""
        self.vehicle, self._dropped_vin = None, current
        self.recompute()
        if current:
            self._read_vehicle(current, self._on_vehicle_gone)

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
        self._follow_rooftop_zip(detail)
        self.recompute()

    def _on_dealer_detail(self: Any, detail: dict[str, Any]) -> None:
        """The window fetched the rooftop's detail after a switch: a desk following that rooftop prices with it (a
        desk still to follow the switch reads it from the cache when shown)."""
        if not self.when_shown.pending() and detail != self._detail:
            self._apply_detail(detail)

    def _on_config_failed(self: Any, exc: BaseException) -> None:
        self.banner.show_error(f"The dealer's fees and markups could not be loaded: {sentence(exc)}")

    def _on_vehicle_read(
        self: Any, dpid: str, vin: str, vehicle: dict[str, Any] | None, on_missing: Callable[[str], None]
    ) -> None:
        if dpid != self.workspace.dpid:
            return
        if vehicle is None:
            on_missing(vin)
            self.vehicle_read.emit("")
            return
        if self.vin_edit.edit.text() != vin:
            self.vin_edit.edit.setText(vin)
        self._set_vehicle(vehicle)
        self.vehicle_read.emit(vin)

    def _on_vehicle_failed(self: Any, exc: BaseException) -> None:
        self.say_vehicle_problem(f"The vehicle could not be read from the cache: {sentence(exc)}")

    def say_vehicle_problem(self: Any, problem: str) -> None:
        """The vehicle's problem (a refused VIN, a read that failed) on the field's own line; "" clears it."""
        line = self.field_messages["vehicle.vin"]
        line.setText(problem)
        line.setVisible(bool(problem))

    def _on_vehicle_gone(self: Any, vin: str) -> None:
        if self.vin_edit.edit.text() == vin:
            self.vin_edit.edit.clear()

    def _on_vehicle_missing(self: Any, vin: str) -> None:
        dpid = self.workspace.dpid or "this rooftop"
        self.say_vehicle_problem(
            f"{vin} is not in {dpid}'s cached inventory; sync it on the Inventory tab, then try again."
        )

    def clear_vehicle(self: Any) -> None:
        """No vehicle on the desk: a deal whose vehicle the cache lacks must not be priced as the one before."""
        self.runner.cancel(self._vehicle_job)
        self.vin_edit.edit.clear()
        self.vehicle, self._dropped_vin = None, ""
        self._clear_vehicle_terms()
        self.recompute()

    def _set_vehicle(self: Any, vehicle: dict[str, Any]) -> None:
        """Put ``vehicle`` on the desk. Another vehicle's catalog and agreed price go; the vehicle already on the
        desk (a saved deal reopened, a pick repeated) or just reloaded from a synced cache keeps them."""
        vin = str(vehicle["vin"])
        self.say_vehicle_problem("")
        shown = self.vehicle["vin"] if self.vehicle else self._dropped_vin
        if self.vehicle is not None and vin == shown:
            return
        self.vehicle, self._dropped_vin = vehicle, ""
        if vin != shown:
            self._clear_vehicle_terms()
            set_vehicle = getattr(self.chaiz, "set_vehicle", None) if self.chaiz is not None else None
            if set_vehicle is not None:
                set_vehicle(vin, 10, self.zip_code.text().strip())
        self.recompute()

    def _clear_vehicle_terms(self: Any) -> None:
        self._catalog_key = None
        self.products.clear_catalog()
        self.desking.selling_price.clear()
        self.desking.discount.clear()
