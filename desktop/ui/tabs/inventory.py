"""Inventory tab: the rooftop's vehicles from the offline cache, kept current by incremental sync."""

from __future__ import annotations

import datetime as dt
import html
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.store.inventory_cache import ROW_IN_STOCK, ROW_VIN, VehicleRow
from desktop.ui.amounts import counted
from desktop.ui.errors import sentence
from desktop.ui.models import inventory as cols
from desktop.ui.models.inventory import InventoryModel, PreparedRows, prepare_rows
from desktop.ui.narrow import ColumnCollapser
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.vin_edit import VinEdit
from desktop.ui.workspace import Workspace

if TYPE_CHECKING:
    from desktop.services.inventory_sync import SyncResult


def _when(epoch: int | None) -> str:
    if not epoch:
        return "never"
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _price(value: Any) -> str:
    return f"${float(value):,.0f}" if value else "included"


def vehicle_html(v: dict[str, Any], info: dict[str, Any] | None, chaiz: str = "") -> str:
    """The detail panel for one vehicle, as simple HTML (QTextBrowser renders it; everything is escaped)."""
    e = html.escape

    def swatch(color: dict[str, Any]) -> str:
        rgb = str(color.get("rgb") or "")
        box = f'<span style="background-color:#{e(rgb)}">&nbsp;&nbsp;&nbsp;&nbsp;</span> ' if len(rgb) == 6 else ""
        extra = f" (+{_price(color['msrp'])})" if color.get("msrp") else ""
        return f"{box}{e(str(color.get('label', '')))}{extra}"

    def items(title: str, rows: list[dict[str, Any]]) -> str:
        if not rows:
            return f"<p><b>{title}</b>: none</p>"
        lis = "".join(f"<li>{e(str(r.get('name', '')))} — {_price(r.get('msrp'))}</li>" for r in rows)
        return f"<p><b>{title}</b></p><ul>{lis}</ul>"

    stock = "In stock" if v.get("in_stock") else "Not in stock"
    if v.get("reserved"):
        stock += ", reserved"
    efficiency = "loading…"
    if info is not None:
        if info.get("ev_range"):
            efficiency = f"{info['ev_range']} mi electric range"
        elif info.get("city_mpg"):
            efficiency = f"{info['city_mpg']} city / {info.get('highway_mpg', '—')} highway mpg"
        else:
            efficiency = "not published"
    msrp = f"${v['msrp']:,.0f}" if v.get("msrp") else "—"
    invoice = f"${v['invoice']:,.0f}" if v.get("invoice") else "—"
    engine, trans = v.get("engine") or {}, v.get("transmission") or {}
    return (
        f"<h3>{e(str(v.get('year', '')))} {e(v.get('make', ''))} {e(v.get('model', ''))} {e(v.get('trim', ''))}</h3>"
        f"<p>VIN <b>{e(v['vin'])}</b> · Stock {e(str(v.get('stock_number', '')))} · {stock}</p>"
        f"<p>MSRP <b>{msrp}</b> · Invoice {invoice}</p>"
        "<table cellspacing=4>"
        f"<tr><td>Body</td><td>{e(str(v.get('body', '')))}</td></tr>"
        f"<tr><td>Drivetrain</td><td>{e(str(v.get('drivetrain', '')))}</td></tr>"
        f"<tr><td>Engine</td><td>{e(str(engine.get('label', '')))} ({e(str(engine.get('type', '')))})</td></tr>"
        f"<tr><td>Transmission</td><td>{e(str(trans.get('label', '')))}</td></tr>"
        f"<tr><td>Exterior</td><td>{swatch(v.get('exterior_color') or {})}</td></tr>"
        f"<tr><td>Interior</td><td>{swatch(v.get('interior_color') or {})}</td></tr>"
        f"<tr><td>Efficiency</td><td>{e(efficiency)}</td></tr>"
        f"<tr><td>Updated</td><td>{_when(v.get('updated_at'))}</td></tr>"
        f"<tr><td>Chaiz</td><td>{e(chaiz or 'not registered')}</td></tr>"
        "</table>"
        + items("Packages", v.get("packages") or [])
        + items("Options", v.get("options") or [])
        + items("Dealer options", v.get("dealer_options") or [])
    )


def _chaiz_text(reg: Any) -> str:
    if reg.status == "registered" and reg.registered_at:
        day = dt.datetime.fromtimestamp(reg.registered_at, tz=dt.UTC).astimezone().strftime("%Y-%m-%d")
        return f"registered {day}"
    return f"failed: {reg.last_error or 'unknown'}"


def _chaiz_detail(chaiz_cache: Any, connection: Any, vin: str, state: str | None) -> str:
    """The Chaiz line of the detail panel: status from the local cache and, when registered, the start price."""
    reg = chaiz_cache.get(vin)
    if reg is None:
        return "not registered — use Pre-register for instant service-contract prices"
    text = _chaiz_text(reg)
    if reg.status == "registered" and connection is not None:
        try:
            from desktop.api.chaiz.registration import start_price

            lowest = start_price(connection.chaiz, vin, reg.mileage, state=state).startPrice
            if lowest is not None:
                text += f" · plans from ${lowest:,.0f}"
        except Exception:  # the cached status is still worth showing
            text += " · start price unavailable"
    return text


class InventoryTab(QWidget):
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
        self._chaiz_job = 0
        self._chaiz_cache: Any = None
        self._chaiz_profile = ""

        self.filter = QLineEdit(self)
        self.filter.setObjectName("inventoryFilter")
        self.filter.setPlaceholderText("Filter by VIN, stock #, model or trim  (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.in_stock = QCheckBox("In stock only", self)
        self.vin_lookup = VinEdit("Go to VIN…", self, inline_message=False)  # its problem: on the banner
        self.vin_lookup.setMaximumWidth(260)
        self.sync_button = QPushButton("Sync inventory", self)
        self.register_selected = QPushButton("Pre-register selected", self)
        self.register_selected.setToolTip(
            "Register the selected vehicles with Chaiz so service-contract prices answer at once"
        )
        self.register_all = QPushButton("Pre-register rooftop", self)
        self.register_all.setToolTip("Register every in-stock vehicle of this rooftop with Chaiz")
        self.clear_chaiz = QPushButton("Clear Chaiz cache", self)
        self.clear_chaiz.setToolTip("Drop Chaiz's cached registration of the selected vehicle")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.hide()
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.count_label = QLabel(self)
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("lastSync")
        self.banner = Banner(self)

        self.model = InventoryModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("inventoryTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(cols.COL_VIN, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in ((cols.COL_VIN, 170), (cols.COL_MODEL, 120), (cols.COL_TRIM, 150), (cols.COL_COLOR, 170)):
            self.table.setColumnWidth(col, width)
        header.setStretchLastSection(True)
        # On a laptop the columns the detail pane repeats give way first; the VIN, trim, price and status stay.
        collapse = [cols.COL_UPDATED, cols.COL_BODY, cols.COL_MAKE, cols.COL_YEAR, cols.COL_COLOR, cols.COL_CHAIZ]
        self.collapser = ColumnCollapser(self.table, collapse, "select a vehicle to see them in the pane beside.")
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
        self.register_selected.clicked.connect(lambda: self.pre_register(selected_only=True))
        self.register_all.clicked.connect(lambda: self.pre_register(selected_only=False))
        self.clear_chaiz.clicked.connect(self.clear_chaiz_cache)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(self._update_count)
        workspace.rooftop_changed.connect(self._on_rooftop_changed)
        workspace.connection_changed.connect(self._on_connection_changed)
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

        sort = self.model.current_sort()

        def load() -> tuple[str, tuple[VehicleRow, ...], PreparedRows, Any]:
            rows = cache.vehicle_rows(dpid)
            prepared = prepare_rows(rows, sort)
            return dpid, rows, prepared, cache.sync_state(dpid)

        self._load_job = self.runner.submit(load, self._on_cache_loaded, self._on_load_failed, label="Reading cache")

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
        self.model.set_rows(rows, prepared)
        self._load_chaiz_status()
        self.sync_label.setText(f"Last sync: {_when(state.last_synced_at)}")
        if state.last_error and not self.is_syncing():
            self.banner.show_error(state.last_error + " The next sync resumes where this one stopped.")
        if self._pending_vin:
            self._select_vin(self._pending_vin)

    def _on_load_failed(self, exc: BaseException) -> None:
        self.banner.show_error(f"Could not read the inventory cache: {sentence(exc)}")

    def _on_filter_changed(self, *_args: Any) -> None:
        self.model.set_filter(self.filter.text(), self.in_stock.isChecked())

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
        self._show_vehicle(self.model.row_at(current.row())[ROW_VIN])

    def _on_vin_problem(self, problem: str) -> None:
        if problem:
            self.banner.show_error(f"Go to VIN: {problem}")
        elif self.banner.text().startswith("Go to VIN:"):
            self.banner.clear_message()

    def _on_vin_lookup(self, vin: str) -> None:
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

    def _show_vehicle(self, vin: str) -> None:
        dpid, cache, connection = self.workspace.dpid, self.workspace.cache, self.workspace.connection
        dealer = self.workspace.dealer() or {}
        partner_id = str(dealer.get("partner_id") or "")
        self.runner.cancel(self._detail_job)

        chaiz_cache = self.chaiz_cache()
        state = str(dealer.get("state") or "") or None

        def load() -> tuple[dict[str, Any] | None, dict[str, Any] | None, str]:
            vehicle = cache.vehicle(dpid, vin)
            info = None
            if vehicle is not None and connection is not None and partner_id:
                try:
                    info = connection.roadster.vehicle_info(vin, partner_id).model_dump()
                except Exception:  # the panel still shows the cached record
                    info = {}
            return vehicle, info, _chaiz_detail(chaiz_cache, connection, vin, state)

        self._detail_job = self.runner.submit(
            load, self._on_vehicle_loaded, partial(self._on_vehicle_failed, vin), label="Vehicle details"
        )

    def _on_vehicle_loaded(self, result: tuple[dict[str, Any] | None, dict[str, Any] | None, str]) -> None:
        vehicle, info, chaiz = result
        if vehicle is not None:
            self.detail.setHtml(vehicle_html(vehicle, info, chaiz))

    def _on_vehicle_failed(self, vin: str, exc: BaseException) -> None:
        self.detail.setPlainText(f"The details of {vin} could not be read: {sentence(exc)}")

    # Chaiz pre-registration
    def chaiz_cache(self) -> Any:
        """The profile's local Chaiz registration cache (shared with ``dealer-desk chaiz register``)."""
        from desktop.store.chaiz_cache import ChaizCache, chaiz_cache_path

        profile = self.workspace.profile.name
        if self._chaiz_cache is None or self._chaiz_profile != profile:
            if self._chaiz_cache is not None:  # the previous profile's: closing checkpoints its WAL, off-thread
                self.runner.submit(self._chaiz_cache.close, label="Closing the Chaiz cache", write=True)
            self._chaiz_cache = ChaizCache(chaiz_cache_path(self.workspace.paths.data, profile))
            self._chaiz_profile = profile
        return self._chaiz_cache

    def _load_chaiz_status(self) -> None:
        dpid, chaiz_cache = self.workspace.dpid, self.chaiz_cache()

        def load() -> tuple[str, dict[str, str]]:
            return dpid, {vin: _chaiz_text(reg) for vin, reg in chaiz_cache.all().items()}

        self.runner.submit(load, self._on_chaiz_status, self._on_chaiz_status_failed, label="Reading Chaiz cache")

    def _on_chaiz_status(self, result: tuple[str, dict[str, str]]) -> None:
        dpid, status = result
        if dpid == self.workspace.dpid:
            self.model.set_chaiz_status(status)

    def _on_chaiz_status_failed(self, exc: BaseException) -> None:
        self.banner.show_error(f"The Chaiz registration status could not be read: {sentence(exc)}")

    def pre_register(self, *, selected_only: bool) -> None:
        connection, dpid = self.workspace.connection, self.workspace.dpid
        if connection is None:
            self.banner.show_error("Not connected: Chaiz pre-registration needs the connection.")
            return
        if self.runner.is_running(self._chaiz_job):
            self.banner.show_info("A Chaiz pre-registration is already running (see the status bar).")
            return
        if selected_only:
            vins = sorted({self.model.row_at(i.row())[ROW_VIN] for i in self.table.selectionModel().selectedRows()})
        else:
            rows = [self.model.row_at(i) for i in range(self.model.match_count())]
            vins = [r[ROW_VIN] for r in rows if r[ROW_IN_STOCK]]
        if not vins:
            self.banner.show_info("Select the vehicles to pre-register first (or use Pre-register rooftop).")
            return
        chaiz_cache = self.chaiz_cache()

        def run(control: Any) -> Any:
            from desktop.services.chaiz_registrar import ChaizRegistrar, vehicles_from_inventory

            vehicles = vehicles_from_inventory([{"vin": vin} for vin in vins])
            return ChaizRegistrar(connection.chaiz, chaiz_cache).run(vehicles, control, dpid=dpid)

        self.banner.show_info(
            f"Pre-registering {counted(len(vins), 'vehicle')} with Chaiz… (cancel from the status bar)"
        )
        self._chaiz_job = self.runner.submit_job(
            run, self._on_registered, self._on_chaiz_failed, label=f"Chaiz pre-registration ({len(vins):,})"
        )

    def _on_registered(self, report: Any) -> None:
        self.banner.show_info(f"Chaiz: {report.summary()}")
        self._load_chaiz_status()

    def _on_chaiz_failed(self, exc: BaseException) -> None:
        self.banner.show_error(f"Chaiz pre-registration stopped: {sentence(exc)}")
        self._load_chaiz_status()

    def clear_chaiz_cache(self) -> None:
        index = self.table.currentIndex()
        connection = self.workspace.connection
        if not index.isValid() or connection is None:
            self.banner.show_info("Select a vehicle (and be connected) to clear its Chaiz cache.")
            return
        vin = self.model.row_at(index.row())[ROW_VIN]
        chaiz_cache = self.chaiz_cache()

        def run() -> int:
            from desktop.services.chaiz_registrar import clear_vehicle

            return clear_vehicle(connection.chaiz, chaiz_cache, vin)

        def done(removed: int) -> None:
            self.banner.show_info(f"Chaiz cache cleared for {vin} ({counted(removed, 'registration')} removed).")
            self._load_chaiz_status()
            self._show_vehicle(vin)

        self.runner.submit(run, done, self._on_chaiz_failed, label="Clearing Chaiz cache")

    def _update_sync_controls(self) -> None:
        running = self.is_syncing()
        self.sync_button.setEnabled(not running)
        self.cancel_button.setVisible(running)
        self.progress.setVisible(running)

    def _update_count(self) -> None:
        total, matched = self.model.total_count(), self.model.match_count()
        text = f"{total:,} vehicles"
        if matched != total:
            text += f" · {matched:,} match"
        self.count_label.setText(text)
