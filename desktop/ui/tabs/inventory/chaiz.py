"""Inventory's Chaiz row: pre-register the selected vehicles or the whole rooftop, clear one vehicle's registration,
and the status column, all from the profile's local registration cache (shared with ``dealer-desk chaiz``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton

from desktop.services.cancel import JobControl
from desktop.store.inventory_cache import ROW_IN_STOCK, ROW_VIN, VehicleRow
from desktop.ui.amounts import counted
from desktop.ui.errors import sentence
from desktop.ui.tabs.inventory.detail import chaiz_text

if TYPE_CHECKING:
    from desktop.ui.tabs.inventory.tab import InventoryTab

GATHER_STEP = 10_000  # rows read between two checks for a cancel (and a progress report)


def in_stock_vins(rows: Sequence[VehicleRow], view: Sequence[int], control: JobControl) -> list[str]:
    """The VINs of the in-stock rows among ``rows[i] for i in view``, in a worker: stops on a cancel."""
    vins: list[str] = []
    total = len(view)
    for start in range(0, total, GATHER_STEP):
        control.check()
        control.progress(start, total, f"Chaiz: gathering the in-stock vehicles ({start:,} of {total:,})")
        chunk = map(rows.__getitem__, view[start : start + GATHER_STEP])
        vins.extend(row[ROW_VIN] for row in chunk if row[ROW_IN_STOCK])
    return vins


class ChaizControls(QObject):
    """The tab's Chaiz buttons and their jobs; results land in the tab's banner, status column and detail pane."""

    def __init__(self, tab: InventoryTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self._job = 0
        self._cache: Any = None
        self._profile = ""
        self.register_selected = QPushButton("Pre-register selected", tab)
        self.register_selected.setToolTip(
            "Register the selected vehicles with Chaiz so service-contract prices answer at once"
        )
        self.register_all = QPushButton("Pre-register rooftop", tab)
        self.register_all.setToolTip("Register every in-stock vehicle of this rooftop with Chaiz")
        self.clear_chaiz = QPushButton("Clear Chaiz cache", tab)
        self.clear_chaiz.setToolTip("Drop Chaiz's cached registration of the selected vehicle")
        self.register_selected.clicked.connect(lambda: self.pre_register(selected_only=True))
        self.register_all.clicked.connect(lambda: self.pre_register(selected_only=False))
        self.clear_chaiz.clicked.connect(self.clear_cache)

    def cache(self) -> Any:
        """The profile's local Chaiz registration cache (shared with ``dealer-desk chaiz register``)."""
        from desktop.store.chaiz_cache import ChaizCache, chaiz_cache_path

        workspace = self.tab.workspace
        profile = workspace.profile.name
        if self._cache is None or self._profile != profile:
            if self._cache is not None:  # the previous profile's: closing checkpoints its WAL, off-thread
                self.tab.runner.submit(self._cache.close, label="Closing the Chaiz cache", write=True)
            self._cache = ChaizCache(chaiz_cache_path(workspace.paths.data, profile))
            self._profile = profile
        return self._cache

    def load_status(self) -> None:
        """Read every vehicle's registration into the table's Chaiz column, off the GUI thread."""
        dpid, chaiz_cache = self.tab.workspace.dpid, self.cache()

        def load() -> tuple[str, dict[str, str]]:
            return dpid, {vin: chaiz_text(reg) for vin, reg in chaiz_cache.all().items()}

        self.tab.runner.submit(load, self._on_status, self._on_status_failed, label="Reading Chaiz cache")

    def _on_status(self, result: tuple[str, dict[str, str]]) -> None:
        dpid, status = result
        if dpid == self.tab.workspace.dpid:
            self.tab.model.set_chaiz_status(status)

    def _on_status_failed(self, exc: BaseException) -> None:
        self.tab.banner.show_error(f"The Chaiz registration status could not be read: {sentence(exc)}")

    def pre_register(self, *, selected_only: bool) -> None:
        """Register the selected vehicles, or every in-stock vehicle the table shows, in a job (cancel and progress
        in the status bar). The rooftop's VINs are gathered in that job too: a pass over 100,000 rows on the GUI
        thread took tens of milliseconds; here only the model's rows and view are taken (neither changes later)."""
        tab = self.tab
        connection, dpid = tab.workspace.connection, tab.workspace.dpid
        if connection is None:
            tab.banner.show_error("Not connected: Chaiz pre-registration needs the connection.")
            return
        if tab.runner.is_running(self._job):
            tab.banner.show_info("A Chaiz pre-registration is already running (see the status bar).")
            return
        model = tab.model
        if selected_only:
            chosen = sorted({model.row_at(i.row())[ROW_VIN] for i in tab.table.selectionModel().selectedRows()})
            if not chosen:
                tab.banner.show_info("Select the vehicles to pre-register first (or use Pre-register rooftop).")
                return
            count = len(chosen)
        else:
            rows, view = model.shown()
            count = len(view)
            if not count:
                tab.banner.show_info("No vehicle is shown to pre-register: clear the filter or sync the inventory.")
                return
        chaiz_cache = self.cache()

        def run(control: JobControl) -> Any:
            from desktop.services.chaiz_registrar import ChaizRegistrar, vehicles_from_inventory

            vins = chosen if selected_only else in_stock_vins(rows, view, control)
            if not vins:
                return None
            vehicles = vehicles_from_inventory([{"vin": vin} for vin in vins])
            return ChaizRegistrar(connection.chaiz, chaiz_cache).run(vehicles, control, dpid=dpid)

        what = counted(count, "vehicle") if selected_only else f"the in-stock vehicles of {count:,} shown"
        tab.banner.show_info(f"Pre-registering {what} with Chaiz… (cancel from the status bar)")
        self._job = tab.runner.submit_job(
            run, self._on_registered, self._on_failed, label=f"Chaiz pre-registration ({count:,})"
        )

    def _on_registered(self, report: Any) -> None:
        if report is None:
            self.tab.banner.show_info("No vehicle shown is in stock: nothing was pre-registered with Chaiz.")
            return
        self.tab.banner.show_info(f"Chaiz: {report.summary()}")
        self.load_status()

    def _on_failed(self, exc: BaseException) -> None:
        self.tab.banner.show_error(f"Chaiz pre-registration stopped: {sentence(exc)}")
        self.load_status()

    def clear_cache(self) -> None:
        tab = self.tab
        index = tab.table.currentIndex()
        connection = tab.workspace.connection
        if not index.isValid() or connection is None:
            tab.banner.show_info("Select a vehicle (and be connected) to clear its Chaiz cache.")
            return
        vin = tab.model.row_at(index.row())[ROW_VIN]
        chaiz_cache = self.cache()

        def run() -> int:
            from desktop.services.chaiz_registrar import clear_vehicle

            return clear_vehicle(connection.chaiz, chaiz_cache, vin)

        def done(removed: int) -> None:
            tab.banner.show_info(f"Chaiz cache cleared for {vin} ({counted(removed, 'registration')} removed).")
            self.load_status()
            tab.show_vehicle(vin)

        tab.runner.submit(run, done, self._on_failed, label="Clearing Chaiz cache", owner=self)
