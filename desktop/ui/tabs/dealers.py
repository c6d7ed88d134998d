"""Dealers tab: the active rooftops and, for the selected one, its configuration at a glance."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.errors import sentence
from desktop.ui.models.common import ObjectRole, SortRole
from desktop.ui.models.dealers import DealersModel
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.staggered import CoveredShow, CoveredTab
from desktop.ui.widgets.when_shown import WhenShown
from desktop.ui.workspace import Workspace

UNLOCK_MODES = {
    "lock": "Locked — prices shown after the shopper signs in",
    "unlock": "Unlocked — prices shown to everyone",
    "soft_lock": "Soft lock — prices shown, sign-in asked at checkout",
}


def _money(value: Any) -> str:
    try:
        return f"${float(value):,.2f}"
    except (TypeError, ValueError):
        return "—"


def _fee_label(key: str) -> str:
    return key.removesuffix("_fee").replace("_", " ").capitalize()


def markup_rows(markups: list[dict[str, Any]]) -> list[tuple[str, str, str, str, str]]:
    """Flatten the nested markup config into (make, deal type, new/used, standard, special) rows."""
    rows = []
    for markup in markups:
        for deal_type in ("finance", "lease"):
            for condition, programs in (markup.get(deal_type) or {}).items():
                for scope, rates in (programs or {}).items():
                    rows.append(
                        (
                            str(markup.get("make", "All")),
                            deal_type.capitalize(),
                            f"{condition} ({scope})" if scope != "global" else condition,
                            _rate(rates.get("standard"), deal_type),
                            _rate(rates.get("special"), deal_type),
                        )
                    )
    return rows


def _rate(value: float | None, deal_type: str) -> str:
    """A finance markup in points ("1 pt", "1.5 pts"), a lease one as a money factor ("0.0004 MF")."""
    if value is None:
        return "—"
    if deal_type != "finance":
        return f"{value:g} MF"
    return f"{value:g} {'pt' if value == 1 else 'pts'}"


class DealersTab(CoveredTab, QWidget):
    def __init__(self, runner: TaskRunner, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.when_shown = WhenShown(self)  # a rooftop switch while another tab is shown is followed when this is
        self.runner = runner
        self.workspace = workspace
        self._detail_job = 0

        self.model = DealersModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView(self)
        self.table.setObjectName("dealersTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # Sized from the texts when the dealers change (fit_columns), not by ResizeToContents: that header measured
        # every role of every cell through Python on each show of the tab, 3-4 ms of a 20 ms switch to it.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.doubleClicked.connect(self._on_double_clicked)

        self.banner = Banner(self)
        self._detail_error = ""  # the last dealer-detail failure shown, cleared when another load starts
        self.title = QLabel("Select a dealer", self)
        self.title.setObjectName("panelTitle")
        # Wraps: "University Mazda Subaru · umazda — fees and markups not available" on one line widened the
        # panel past its share, and the splitter took the room from the list's last column for good.
        self.title.setWordWrap(True)
        self.address = QLabel(self)
        self.address.setWordWrap(True)
        self.unlock_mode = QLabel(self)
        self.unlock_mode.setObjectName("unlockMode")
        self.use_button = QPushButton("Use as rooftop", self)
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self._on_use_clicked)
        self.fees = QTableWidget(0, 2, self)
        self.fees.setObjectName("feesTable")
        self.fees.setHorizontalHeaderLabels(["Fee", "Amount"])
        self.markups = QTableWidget(0, 5, self)
        self.markups.setObjectName("markupsTable")
        self.markups.setHorizontalHeaderLabels(["Make", "Deal type", "New / used", "Standard", "Special"])
        for t in (self.fees, self.markups):
            t.verticalHeader().hide()
            t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        panel = self.detail = QWidget(self)
        form = QFormLayout()
        form.addRow("Address", self.address)
        form.addRow("Price unlock mode", self.unlock_mode)
        side = QVBoxLayout(panel)
        side.addWidget(self.title)
        side.addLayout(form)
        side.addWidget(self.use_button, alignment=Qt.AlignmentFlag.AlignLeft)
        side.addWidget(QLabel("<b>Fees</b>"))
        side.addWidget(self.fees, 1)
        side.addWidget(QLabel("<b>Rate markups</b>"))
        side.addWidget(self.markups, 1)
        self._side = side

        splitter = QSplitter(self)
        splitter.addWidget(self.table)
        splitter.addWidget(panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter)
        # A switch to this tab paints the list on the turn after its own (the switch's layout is most of that turn),
        # the selected dealer's detail on the next: all in the switch's turn they took 8-13 ms.
        self.covered_show = CoveredShow((self.table, self.detail), self)

        workspace.dealers_changed.connect(self._on_dealers_changed)
        workspace.rooftop_changed.connect(self._on_rooftop_changed)
        workspace.connection_changed.connect(self._on_connection_changed)
        if workspace.dealers:  # built after the window appeared: catch up
            self._on_dealers_changed()

    def focus_find(self) -> None:
        self.table.setFocus()

    def refresh(self) -> None:
        dpid = self._selected_dpid()
        if dpid:
            self._load_detail(dpid)

    # slots
    def _on_dealers_changed(self) -> None:
        self.model.set_dealers(self.workspace.dealers)
        self.fit_columns()
        self._select(self.workspace.dpid)

    def fit_columns(self) -> None:
        """Each column as wide as ResizeToContents made it (its cells' and its title's size hints), measured once per
        new list of dealers instead of on every show."""
        header = self.table.horizontalHeader()
        for column in range(header.count()):
            hint = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
            header.resizeSection(column, min(max(hint, header.minimumSectionSize()), header.maximumSectionSize()))

    def _on_rooftop_changed(self, _dpid: str) -> None:
        self.when_shown.run("rooftop", lambda: self._select(self.workspace.dpid))

    def _on_connection_changed(self) -> None:
        if self.workspace.connection_error:
            self.banner.show_error(self.workspace.connection_error + " Showing the last saved dealers.")
        else:
            self.banner.clear_message()
            self.when_shown.run("detail", self.refresh)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        dealer = current.data(ObjectRole) if current.isValid() else None
        self.use_button.setEnabled(dealer is not None)
        if dealer is not None:
            self._load_detail(dealer["dpid"])

    def _on_double_clicked(self, index: QModelIndex) -> None:
        dealer = index.data(ObjectRole)
        if dealer:
            self.workspace.set_rooftop(dealer["dpid"])

    def _on_use_clicked(self) -> None:
        dpid = self._selected_dpid()
        if dpid:
            self.workspace.set_rooftop(dpid)

    # helpers
    def _selected_dpid(self) -> str:
        index = self.table.currentIndex()
        dealer = index.data(ObjectRole) if index.isValid() else None
        return str(dealer["dpid"]) if dealer else ""

    def _select(self, dpid: str) -> None:
        row = self.model.row_of(dpid)
        if row >= 0:
            self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))

    def _load_detail(self, dpid: str) -> None:
        cache, connection = self.workspace.cache, self.workspace.connection
        self.runner.cancel(self._detail_job)
        # Until the answer, the dealer shown before is greyed under this title: not read as the one being loaded.
        self.title.setText("Loading the dealer's fees and markups…")
        self._grey_detail(True)
        if self._detail_error and self.banner.text() == self._detail_error:
            self.banner.clear_message()  # an earlier load's failure is not this one's: it would read as current

        def load() -> tuple[dict[str, Any] | None, str]:
            from desktop.services import inventory_sync

            cached = cache.dealer_detail(dpid)
            if connection is None:
                return cached, ""
            try:
                return inventory_sync.refresh_dealer_detail(connection.roadster, cache, dpid), ""
            except Exception as exc:  # shown beside the cached copy
                return cached, sentence(exc)

        self._detail_job = self.runner.submit(
            load,
            lambda result: self._on_detail(result, dpid),
            lambda exc: self._on_detail_failed(f"Could not read {dpid} from the offline cache: {sentence(exc)}", dpid),
            label=f"Loading {dpid}",
            owner=self,
        )

    def _on_detail(self, result: tuple[dict[str, Any] | None, str], dpid: str) -> None:
        detail, error = result
        if detail is None:
            self._on_detail_failed(
                error or "No saved detail for this dealer: connect to see its fees and markups.", dpid
            )
            return
        if error:
            self._detail_error = error
            self.banner.show_error(error)
        self.show_detail(detail)

    def _grey_detail(self, grey: bool) -> None:
        """The detail shown is another dealer's while the selected one's loads ("Use as rooftop" stays usable)."""
        for widget in (self.address, self.unlock_mode, self.fees, self.markups):
            widget.setEnabled(not grey)

    def _on_detail_failed(self, why: str, dpid: str) -> None:
        self._detail_error = why
        self.banner.show_error(why)
        # Still the selected dealer's panel ("Select a dealer" read as if the selection had been lost): its name,
        # and that its fees and markups are not to be had; the banner says why.
        row = self.model.row_of(dpid)
        dealer = self.model.index(row, 0).data(ObjectRole) if row >= 0 else None
        name = str(dealer.get("name", "")) if dealer else ""
        self.title.setText(f"{name}  ·  {dpid}  —  fees and markups not available" if name else dpid)
        for table in (self.fees, self.markups):
            table.setRowCount(0)
        self.address.clear()
        self.unlock_mode.clear()
        self._grey_detail(False)

    def show_detail(self, detail: dict[str, Any]) -> None:
        self._grey_detail(False)
        self.title.setText(f"{detail.get('name', '')}  ·  {detail.get('dpid', '')}")
        self.address.setText(
            f"{detail.get('address', '')}, {detail.get('city', '')}, {detail.get('state', '')} "
            f"{detail.get('zip_code', '')} · {detail.get('phone', '')}"
        )
        config = detail.get("configuration") or {}
        mode = str(config.get("price_unlock_mode", ""))
        self.unlock_mode.setText(UNLOCK_MODES.get(mode, mode or "—"))
        fees = config.get("fees") or {}
        self.fees.setRowCount(len(fees))
        for r, (key, value) in enumerate(fees.items()):
            self.fees.setItem(r, 0, QTableWidgetItem(_fee_label(key)))
            amount = QTableWidgetItem(_money(value))
            amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.fees.setItem(r, 1, amount)
        rows = markup_rows(config.get("markups") or [])
        self.markups.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.markups.setItem(r, c, QTableWidgetItem(value))
        # The two tables share the height by their rows (and a header each): six fees behind a scroll bar above
        # two markups and an empty half was what a rooftop looked like.
        self._side.setStretchFactor(self.fees, len(fees) + 1)
        self._side.setStretchFactor(self.markups, len(rows) + 1)
