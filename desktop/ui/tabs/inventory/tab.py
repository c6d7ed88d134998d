"""The Inventory tab: filter, VIN look-up and sync over the rooftop's cached vehicles, with the detail pane."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.store.inventory_cache import ROW_VIN, VehicleRow
from desktop.ui.amounts import counted
from desktop.ui.errors import sentence
from desktop.ui.models.inventory import InventoryModel
from desktop.ui.models.inventory_search import PreparedRows
from desktop.ui.models.prepared_memo import PreparedMemo
from desktop.ui.tabs.inventory.chaiz import ChaizControls
from desktop.ui.tabs.inventory.detail import chaiz_detail, vehicle_html, when
from desktop.ui.tabs.inventory.table import inventory_table
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.staggered import CoveredShow, CoveredTab
from desktop.ui.widgets.steady_label import SteadyLabel
from desktop.ui.widgets.vin_edit import VinEdit
from desktop.ui.workspace import Workspace

if TYPE_CHECKING:
    from desktop.services.inventory_sync import SyncResult

SEARCHING_AFTER_MS = 150  # a search still running after this long says "Searching…" on the count


class InventoryTab(CoveredTab, QWidget):
    sync_finished = Signal(object)  # SyncResult or an exception

    def __init__(self, runner: TaskRunner, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.workspace = workspace
        self._sync_job = 0
        self._load_job = 0
        self._detail_job = 0
        self._pending_vin = ""
        self.page_size = 500  # the API's maximum

        self.filter = QLineEdit(self)
        self.filter.setObjectName("inventoryFilter")
        self.filter.setPlaceholderText("Filter by VIN, stock #, model or trim  (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.in_stock = QCheckBox("In stock only", self)
        self.vin_lookup = VinEdit("Go to VIN…", self, inline_message=False)  # its problem: on the banner
        self.vin_lookup.setMaximumWidth(260)
        self.sync_button = QPushButton("Sync inventory", self)
        self.chaiz = ChaizControls(self)
        self.register_selected = self.chaiz.register_selected
        self.register_all = self.chaiz.register_all
        self.clear_chaiz = self.chaiz.clear_chaiz
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.hide()
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        # Both labels are as wide as their widest plausible text: the Chaiz buttons between them stay still under
        # the mouse while a filter changes the count or a sync the time.
        self.count_label = SteadyLabel("888,888 vehicles · 888,888 match", self)
        self.sync_label = SteadyLabel("Last sync: 8888-88-88 88:88", self)
        self.sync_label.setObjectName("lastSync")
        self.banner = Banner(self)

        self.model = InventoryModel(runner, self)
        self.prepared = PreparedMemo()  # the switch back to a recent rooftop prepares nothing again
        # A search that takes longer than a moment says so on the count; a quick one does not flash it.
        self._searching_shown = QTimer(self)
        self._searching_shown.setSingleShot(True)
        self._searching_shown.setInterval(SEARCHING_AFTER_MS)
        self._searching_shown.timeout.connect(self._update_count)
        self.table, self.collapser = inventory_table(self.model, self)
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("vehicleDetail")
        self.detail.setPlaceholderText("Select a vehicle to see its details.")

        bar = QHBoxLayout()
        bar.addWidget(self.filter, 3)
        bar.addWidget(self.in_stock)
        bar.addWidget(self.vin_lookup, 2)
        bar.addWidget(self.sync_button)
        bar.addWidget(self.progress)
        bar.addWidget(self.cancel_button)
        info = QHBoxLayout()
        info.addWidget(self.count_label)
        info.addStretch(1)
        info.addWidget(QLabel("Chaiz:", self))
        info.addWidget(self.register_selected)
        info.addWidget(self.register_all)
        info.addWidget(self.clear_chaiz)
        info.addWidget(self.sync_label)
        splitter = QSplitter(self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addLayout(info)
        layout.addWidget(splitter, 1)

        self.filter.textChanged.connect(self._on_filter_changed)
        self.in_stock.toggled.connect(self._on_filter_changed)
        self.sync_button.clicked.connect(self.start_sync)
        self.cancel_button.clicked.connect(self.cancel_sync)
        self.vin_lookup.accepted.connect(self._on_vin_lookup)
        self.vin_lookup.problem_changed.connect(self._on_vin_problem)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(self._update_count)
        self.model.view_changed.connect(self._on_view_changed)
        self.model.searching.connect(self._on_searching)
        self.model.failed.connect(self.banner.show_error)
        workspace.rooftop_changed.connect(self._on_rooftop_changed)
        workspace.connection_changed.connect(self._on_connection_changed)
        # A switch here paints the bar and the count in its own turn, the page of vehicles on the next: the page
        # was most of the switch's turn (about 5 ms), and a scroll or a filter right after the click painted it twice.
        self.covered_show = CoveredShow((self.table, self.detail), self)
        self._update_sync_controls()
        self._update_count()  # "0 vehicles" from the start, not a blank before any rooftop is known
        if workspace.dpid:  # built after the window appeared: catch up with what already happened
            self.load_cached()
        if workspace.connected or workspace.connection_error:
            self._on_connection_changed()

    def bind_deal(self, current: Any) -> None:
        """The window's current deal: the selected vehicle can start a new one."""
        from desktop.ui.deal_links.inventory import InventoryDealLink

        self.deal_link = InventoryDealLink(self, current)

    # public
    def focus_find(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def refresh(self) -> None:
        self.start_sync()

    def load_cached(self) -> None:
        """Show what the cache holds for the rooftop, at once and offline."""
        dpid, cache = self.workspace.dpid, self.workspace.cache
        if not dpid:
            self.model.set_rows([])
            return
        self.runner.cancel(self._load_job)

        query, chaiz, memo = self.model.query(), self.model.chaiz_status(), self.prepared

        def load() -> tuple[str, tuple[VehicleRow, ...], PreparedRows, Any]:
            rows = cache.vehicle_rows(dpid)
            prepared = memo.prepared(dpid, rows, query, chaiz)  # filtered and sorted as the table is now
            return dpid, rows, prepared, cache.sync_state(dpid)

        self._load_job = self.runner.submit(
            load, self._on_cache_loaded, self._on_load_failed, label="Reading cache", local=True
        )

    def start_sync(self) -> None:
        dpid, connection = self.workspace.dpid, self.workspace.connection
        if not dpid or self.runner.is_running(self._sync_job):
            return
        if connection is None:
            self.banner.show_error(
                self.workspace.connection_error or "Not connected yet; showing the cached inventory."
            )
            return
        from desktop.services.inventory_sync import InventorySync

        sync = InventorySync(connection.roadster, self.workspace.cache, self.page_size)
        self.banner.clear_message()
        self.progress.setRange(0, 0)
        self._sync_job = self.runner.submit_job(
            lambda control: sync.run(dpid, control),
            self._on_sync_done,
            self._on_sync_failed,
            on_progress=self._on_sync_progress,
            label=f"Syncing {dpid} inventory",
        )
        self._update_sync_controls()

    def cancel_sync(self) -> None:
        self.runner.cancel(self._sync_job)
        self.banner.show_info("Sync cancelled. What was fetched is kept; the next sync resumes from there.")
        self._update_sync_controls()
        self.load_cached()

    def is_syncing(self) -> bool:
        return self.runner.is_running(self._sync_job)

    # slots
    def _on_rooftop_changed(self, _dpid: str) -> None:
        if self.is_syncing():
            self.runner.cancel(self._sync_job)
            self._update_sync_controls()
        self.detail.clear()
        if self.banner.property("kind") != "error":  # the last rooftop's "Full sync done: 2,000 vehicles…"
            self.banner.clear_message()
        self.load_cached()

    def _on_connection_changed(self) -> None:
        if self.workspace.connection_error:
            self.banner.show_error(self.workspace.connection_error + " Showing the cached inventory.")
        elif self.workspace.connected:
            self.start_sync()

    def _on_cache_loaded(self, result: tuple[str, tuple[VehicleRow, ...], PreparedRows, Any]) -> None:
        dpid, rows, prepared, state = result
        if dpid != self.workspace.dpid:
            return
        retired = self.model.set_rows(rows, prepared)
        self.sync_label.setText(f"Last sync: {when(state.last_synced_at)}")
        if state.last_error and not self.is_syncing():
            self.banner.show_error(state.last_error + " The next sync resumes where this one stopped.")
        if self._pending_vin:
            self._select_vin(self._pending_vin)
        # The jobs last: a worker started earlier took the interpreter lock while this callback still needed it.
        self.chaiz.load_status()
        self.runner.submit(retired.clear, label="Releasing the previous rows", local=True)  # freed there, not here

    def _on_load_failed(self, exc: BaseException) -> None:
        self.banner.show_error(f"Could not read the inventory cache: {sentence(exc)}")

    def _on_filter_changed(self, *_args: Any) -> None:
        self.model.set_filter(self.filter.text(), self.in_stock.isChecked())

    def _on_searching(self, running: bool) -> None:
        if running:
            self._searching_shown.start()
        else:
            self._searching_shown.stop()
            self._update_count()
            if self._pending_vin:  # asked for while the search ran: the rows it shows are known now
                self._on_vin_lookup(self._pending_vin)

    def _on_view_changed(self, refiltered: bool) -> None:
        """Other rows are shown: a search's results are read from the top, or from the vehicle still selected."""
        self._update_count()
        if not refiltered:
            return
        current = self.table.currentIndex()
        if current.isValid():
            self.table.scrollTo(current)
        else:
            self.table.scrollToTop()

    def _on_sync_progress(self, done: int, total: int, _text: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.setFormat(f"{done:,} / {total:,}")

    def _on_sync_done(self, result: SyncResult) -> None:
        self._update_sync_controls()
        kind = "Full sync" if result.full else "Update"
        self.banner.show_info(
            f"{kind} done: {counted(result.fetched, 'vehicle')} fetched, {result.total_cached:,} cached."
        )
        self.load_cached()
        self.workspace.inventory_changed.emit(result.dpid)
        self.sync_finished.emit(result)

    def _on_sync_failed(self, exc: BaseException) -> None:
        self._update_sync_controls()
        self.banner.show_error(
            f"Sync stopped: {sentence(exc)} The cached inventory is still shown; the next sync resumes here."
        )
        self.workspace.notice.emit(f"Inventory sync failed: {sentence(exc)}")
        self.load_cached()
        self.sync_finished.emit(exc)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        self.show_vehicle(self.model.row_at(current.row())[ROW_VIN])

    def _on_vin_problem(self, problem: str) -> None:
        if problem:
            self.banner.show_error(f"Go to VIN: {problem}")
        elif self.banner.text().startswith("Go to VIN:"):
            self.banner.clear_message()

    def _on_vin_lookup(self, vin: str) -> None:
        if self.model.is_searching():  # the rows shown are about to change: look the VIN up in those
            self._pending_vin = vin
            return
        if not self._select_vin(vin):
            self._pending_vin = ""
            self.banner.show_info(f"VIN {vin} is not in this rooftop's inventory (clear the filter or sync).")

    # helpers
    def _select_vin(self, vin: str) -> bool:
        row = self.model.row_of_vin(vin)
        if row < 0:
            return False
        while self.model.rowCount() <= row and self.model.canFetchMore():
            self.model.fetchMore()
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self._pending_vin = ""
        return True

    def show_vehicle(self, vin: str) -> None:
        dpid, cache, connection = self.workspace.dpid, self.workspace.cache, self.workspace.connection
        dealer = self.workspace.dealer() or {}
        partner_id = str(dealer.get("partner_id") or "")
        self.runner.cancel(self._detail_job)

        chaiz_cache = self.chaiz.cache()
        state = str(dealer.get("state") or "") or None

        def load() -> tuple[dict[str, Any] | None, dict[str, Any] | None, str]:
            vehicle = cache.vehicle(dpid, vin)
            info = None
            if vehicle is not None and connection is not None and partner_id:
                try:
                    info = connection.roadster.vehicle_info(vin, partner_id).model_dump()
                except Exception:  # the panel still shows the cached record
                    info = {}
            return vehicle, info, chaiz_detail(chaiz_cache, connection, vin, state)

        self._detail_job = self.runner.submit(
            load, self._on_vehicle_loaded, partial(self._on_vehicle_failed, vin), label="Vehicle details"
        )

    def _on_vehicle_loaded(self, result: tuple[dict[str, Any] | None, dict[str, Any] | None, str]) -> None:
        vehicle, info, chaiz = result
        if vehicle is not None:
            self.detail.setHtml(vehicle_html(vehicle, info, chaiz))

    def _on_vehicle_failed(self, vin: str, exc: BaseException) -> None:
        self.detail.setPlainText(f"The details of {vin} could not be read: {sentence(exc)}")

    def _update_sync_controls(self) -> None:
        running = self.is_syncing()
        self.sync_button.setEnabled(not running)
        self.cancel_button.setVisible(running)
        self.progress.setVisible(running)

    def _update_count(self) -> None:
        total, matched = self.model.total_count(), self.model.match_count()
        text = counted(total, "vehicle")  # "1 vehicle", not "1 vehicles"
        if self.model.is_searching() and not self._searching_shown.isActive():
            text += " · Searching…"  # the search has run for longer than SEARCHING_AFTER_MS
        elif matched != total:
            text += f" · {matched:,} shown"  # "0 shown", "1 shown": said of any count ("0 match", "1 match" were not)
        self.count_label.setText(text)
