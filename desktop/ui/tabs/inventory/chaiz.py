"""Inventory's Chaiz row: pre-register the selected vehicles or the whole rooftop, clear one vehicle's registration,
and the status column, all from the profile's local registration cache (shared with ``dealer-desk chaiz``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton

from desktop.store.inventory_cache import ROW_IN_STOCK, ROW_VIN
from desktop.ui.amounts import counted
from desktop.ui.errors import sentence
from desktop.ui.tabs.inventory.detail import chaiz_text

if TYPE_CHECKING:
    from desktop.ui.tabs.inventory.tab import InventoryTab


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
            vins = sorted({model.row_at(i.row())[ROW_VIN] for i in tab.table.selectionModel().selectedRows()})
        else:
            rows = [model.row_at(i) for i in range(model.match_count())]
            vins = [r[ROW_VIN] for r in rows if r[ROW_IN_STOCK]]
        if not vins:
            tab.banner.show_info("Select the vehicles to pre-register first (or use Pre-register rooftop).")
            return
        chaiz_cache = self.cache()

        def run(control: Any) -> Any:
            from desktop.services.chaiz_registrar import ChaizRegistrar, vehicles_from_inventory

            vehicles = vehicles_from_inventory([{"vin": vin} for vin in vins])
            return ChaizRegistrar(connection.chaiz, chaiz_cache).run(vehicles, control, dpid=dpid)

        tab.banner.show_info(
            f"Pre-registering {counted(len(vins), 'vehicle')} with Chaiz… (cancel from the status bar)"
        )
        self._job = tab.runner.submit_job(
            run, self._on_registered, self._on_failed, label=f"Chaiz pre-registration ({len(vins):,})"
        )

    def _on_registered(self, report: Any) -> None:
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
