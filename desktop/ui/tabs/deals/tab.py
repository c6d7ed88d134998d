"""The Deals tab, first in the window: the rooftop's deals, searched as you type, and the open deal's jacket."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.deals import Stage
from desktop.domain.deals.history import history_lines
from desktop.services.deals import reveal
from desktop.store.audit import REVEALED
from desktop.store.deals import DealQuery, DealRow, DealStore, deal_row
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.errors import sentence
from desktop.ui.narrow import ColumnCollapser, fit_to_texts
from desktop.ui.tabs.deals.form import DealForm
from desktop.ui.tabs.deals.mine import MineFilter
from desktop.ui.tabs.deals.model import (
    CHUNK,
    COL_AGENT,
    COL_PHONE,
    COL_STOCK,
    COL_VEHICLE,
    COL_VIN,
    UNSORTED,
    DealsModel,
)
from desktop.ui.tabs.deals.trade_value import TradeValue
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.qt_header import header_in_qt
from desktop.ui.widgets.staggered import CoveredShow, CoveredTab
from desktop.ui.widgets.wheel_guard import ComboBox
from desktop.ui.widgets.when_shown import WhenShown
from desktop.ui.workspace import CUSTOMERS, DEALS, Workspace

OPEN = "open"  # the stage filter's "every deal still in play"
_OPEN_STAGES = frozenset(s for s in Stage if s not in (Stage.LOST, Stage.DELIVERED))


class DealsTab(CoveredTab, QWidget):
    def __init__(self, runner: TaskRunner, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.when_shown = WhenShown(self)  # a rooftop switch while another tab is shown is followed when this is
        self.runner = runner
        self.workspace = workspace
        self.current: CurrentDeal | None = None
        self._list_dpid = ""  # the rooftop whose deals the list holds, or is being filled with
        self.form: DealForm | None = None
        self.trade_value: TradeValue | None = None
        self._list_job = 0
        self._agents_job = 0
        self._creator_job = 0
        self._creator = ""  # who "deals I started" means: the store's name for this desk's user (see DealStore.creator)
        self._shown_deal = ""
        self._keep = ""  # the selected deal's id across a reload, a sort or a filter

        self.banner = Banner(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("dealSearch")
        self.search.setPlaceholderText("Search deals: number, name, phone, VIN, stock #")
        self.search.setClearButtonEnabled(True)
        self.stage_filter = ComboBox(self)
        self.stage_filter.setObjectName("stageFilter")
        self.stage_filter.addItem("Open deals", OPEN)
        self.stage_filter.addItem("All stages", "")
        for stage in Stage:
            self.stage_filter.addItem(stage.label, stage.value)
        self.mine = MineFilter(self.runner, self)
        self.new_button = QPushButton("New deal", self)
        self.new_button.setObjectName("newDeal")
        self.open_button = QPushButton("Open", self)
        self.open_button.setObjectName("openDeal")
        self.count = QLabel(self)
        self.model = DealsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("dealsTable")
        self.table.setModel(self.model)
        header_in_qt(self.table)  # its titles painted without Python
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(UNSORTED, Qt.SortOrder.AscendingOrder)  # the store's order: latest activity first
        header.setToolTip("Click a column's title to sort by it; again for the other way round")
        self.table.setSortingEnabled(True)
        collapse = [COL_STOCK, COL_VIN, COL_PHONE, COL_AGENT, COL_VEHICLE]
        self.collapser = ColumnCollapser(self.table, collapse, "the deal's jacket below shows them.")
        # Columns take their texts' width when the rows change (not on a filter or a sort, and not through
        # ResizeToContents, which measures on every layout): a phone number or a vehicle is never cut to "…".
        self._fit_columns = QTimer(self)
        self._fit_columns.setSingleShot(True)
        self._fit_columns.setInterval(0)
        self._fit_columns.timeout.connect(self._on_fit_columns)
        self.form_area = QScrollArea(self)
        self.form_area.setWidgetResizable(True)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.stage_filter)
        bar.addWidget(self.mine)
        bar.addWidget(self.count)
        bar.addWidget(self.new_button)
        bar.addWidget(self.open_button)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self.form_area)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter)

        self.search.textChanged.connect(self._on_filter_changed)
        self.stage_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.mine.changed.connect(self._on_filter_changed)
        self.mine.failed.connect(self.banner.show_error)
        self.new_button.clicked.connect(self.new_deal)
        self.open_button.clicked.connect(self.open_selected)
        self.table.activated.connect(lambda _index: self.open_selected())  # double-click, or Enter on a line
        workspace.rooftop_changed.connect(lambda _dpid: self.when_shown.run("deals", self.load_deals))
        workspace.data_changed.connect(self._on_data_changed)
        self.model.modelAboutToBeReset.connect(self._on_list_resetting)
        self.model.modelReset.connect(self._on_list_reset)
        self.model.rows_changed.connect(self._fit_when_shown)
        # A switch to this tab paints the list in its own turn; the jacket (its biggest boxes each a turn of their
        # own, see bind_deal) on the turns after: painted whole in one turn the form alone took 7-11 ms.
        self.covered_show = CoveredShow((self.form_area,), self)
        self._on_filter_changed()

    # wiring
    def bind_deal(self, current: CurrentDeal) -> None:
        """The window's current deal: this tab lists, opens and starts deals through it."""
        self.current = current
        self.form = DealForm(current, self)
        self.form_area.setWidget(self.form)
        form = self.form
        self.covered_show.add((form.buyer_box, form.co_buyer_box, form.vehicle_box, form.trade_box))
        self.form.reveal_requested.connect(self._on_reveal_requested)
        self.trade_value = TradeValue(self.runner, self.workspace, current, self.form.show_appraisal, self.form)
        current.store_changed.connect(self._on_store_changed)
        current.changed.connect(self._on_deal_changed)
        current.saved.connect(self._on_deal_saved)
        current.save_failed.connect(self.banner.show_error)
        self.load_deals()

    def focus_find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        self.load_deals()

    # the list
    def load_deals(self) -> None:
        store, dpid = self.current.store if self.current else None, self.workspace.dpid
        if store is None or not dpid:
            self._list_dpid = ""
            self.model.set_rows([])
            self._update_count()
            return
        if dpid != self._list_dpid:  # another rooftop's deals do not stay listed while this one's are read
            self._list_dpid = dpid
            self.model.set_rows([])
            self.count.setText(f"Reading the deals of {dpid}…")
        self.runner.cancel(self._list_job)

        self._list_job = self.runner.submit(
            lambda: store.search(DealQuery(dpid)), self._on_deals_loaded, self._on_list_failed, label="Reading deals"
        )
        self._load_salespeople(dpid)
        if self.current is not None:
            self._load_creator(store, self.current.who)

    def _on_store_changed(self) -> None:
        self._creator = ""  # another store may record this desk's deals under another name
        self._on_filter_changed()
        self.load_deals()

    def _load_creator(self, store: DealStore, who: str) -> None:
        """Whom the store records as the creator of this desk's deals: the desk's user, or on a team server the
        account it signs in as (asked of the server once it answers, so with every read of the list, in the
        background; cheap once known)."""
        self.runner.cancel(self._creator_job)
        self._creator_job = self.runner.submit(
            lambda: store.creator(who), self._on_creator, self._on_failed, label="Asking who you are"
        )

    def _on_creator(self, creator: str) -> None:
        if creator != self._creator:
            self._creator = creator
            self._on_filter_changed()

    def _load_salespeople(self, dpid: str) -> None:
        """The rooftop's agents from the profile's roster (the Customers tab's), offered as the deal's salesperson."""
        roster = self.workspace.agent_roster()

        def names() -> tuple[str, list[str], str]:
            return dpid, sorted({a.name for a in roster.agents(dpid) if a.name}, key=str.lower), roster.me(dpid)

        self.runner.cancel(self._agents_job)
        self._agents_job = self.runner.submit(names, self._on_salespeople, self._on_failed, label="Reading agents")

    def _on_salespeople(self, result: tuple[str, list[str], str]) -> None:
        dpid, names, me = result
        if dpid != self.workspace.dpid:
            return
        self.mine.set_names(dpid, self.workspace.agent_roster(), names, me)
        if self.form is not None:
            self.form.set_salespeople(names)

    def _on_deals_loaded(self, rows: list[DealRow]) -> None:
        first = self.model.total_count() == 0
        self.model.set_rows(rows)
        deal = self.current.deal if self.current else None
        if deal is not None and deal.version and deal.dpid == self.workspace.dpid:
            self.model.put_row(deal_row(deal))  # started or saved while the list was being read
        if first or self.selected() is None:
            self._select_current()
        self._update_count()

    def _on_data_changed(self, what: str, dpid: str) -> None:
        """Deals changed behind the list (customer events applied in the store): read it again, in the background;
        customers changed (an agent assigned, an event): the salespeople offered are read again."""
        if dpid != self.workspace.dpid:
            return
        if what == DEALS:
            self.when_shown.run("deals", self.load_deals)
        elif what == CUSTOMERS:  # an agent assigned in Customers, or met in an event, joined the roster
            self.when_shown.run("salespeople", lambda: self._load_salespeople(self.workspace.dpid))

    def _fit_when_shown(self) -> None:
        """A deal saved at each of Deal Pricing's edits changes its row: the columns are fitted when next seen."""
        self.when_shown.run("fit", self._fit_columns.start)

    def _on_fit_columns(self) -> None:
        """Each column as wide as its title and the texts of the first page of rows (a few ms at 50,000 deals,
        where the view's own resizeColumnsToContents takes 20-30 ms: more than a frame)."""
        fit_to_texts(self.table, lambda column: self.model.column_texts(column, CHUNK))
        self.collapser.fit()

    def _on_list_resetting(self) -> None:
        row = self.selected()
        self._keep = row.id if row is not None else ""

    def _on_list_reset(self) -> None:
        """The line the user selected stays selected whatever moved around it (a reload, a save, a sort)."""
        row = self.model.row_of(self._keep) if self._keep else -1
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _on_filter_changed(self, *_args: Any) -> None:
        choice = str(self.stage_filter.currentData() or "")
        stages = _OPEN_STAGES if choice == OPEN else frozenset({Stage(choice)}) if choice else frozenset()
        mine = self.mine.mine(self._creator)
        self.model.set_filter(self.search.text(), stages, mine)
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(f"{self.model.match_count():,} of {self.model.total_count():,}")

    def selected(self) -> DealRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _select_current(self) -> None:
        deal = self.current.deal if self.current else None
        row = self.model.row_of(deal.id) if deal is not None else -1
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )

    # actions
    def new_deal(self) -> None:
        if self.current is not None:
            self.current.start()

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None and self.current is not None:
            self.current.open_id(row.id)

    def _on_deal_changed(self) -> None:
        """Another deal became current: show and select its line (edits to the same deal change nothing here)."""
        deal = self.current.deal if self.current else None
        if deal is None and self._shown_deal:  # closed (a rooftop switch): its line no longer reads as open
            self.table.setCurrentIndex(QModelIndex())
        if deal is None or deal.id == self._shown_deal:
            self._shown_deal = deal.id if deal is not None else ""
            return
        self._shown_deal = deal.id
        if deal.dpid == self.workspace.dpid and self.model.row_of(deal.id) < 0:
            self.model.put_row(deal_row(deal))  # a deal just started (here or from another tab)
            self._update_count()
        self._select_current()
        if self.form is not None:
            self.form.set_history([])
        self._load_history()

    def _on_deal_saved(self, saved: Any) -> None:
        """A save here or on another desk (the team feed): its line changes in place; the selection stays."""
        if saved.dpid == self.workspace.dpid:
            self.model.put_row(deal_row(saved))
            self._update_count()
        deal = self.current.deal if self.current else None
        if deal is not None and deal.id == saved.id:  # saved at each of Deal Pricing's edits: read when shown
            self.when_shown.run("history", self._load_history)

    def _load_history(self) -> None:
        store, deal = self.current.store if self.current else None, self.current.deal if self.current else None
        if store is None or deal is None:
            return
        deal_id = deal.id

        def lines() -> list[str]:
            return history_lines(store.history(deal_id))

        form = self.form

        def show(result: list[str]) -> None:
            deal = self.current.deal if self.current is not None else None
            # The form may have been rebuilt while the history was read: only the same form showing the same deal
            # takes the lines. (The job answers to the form: destroyed meanwhile, alone or with the tab, it gets none.)
            if form is not None and form is self.form and deal is not None and deal.id == deal_id:
                form.set_history(result)

        self.runner.submit(lines, show, self._on_failed, label="Reading deal history", owner=form)

    # personal data
    def _on_reveal_requested(self, path: str) -> None:
        if self.current is None or self.current.deal is None:
            return
        audit, deal, actor = self.workspace.audit_log(), copy.deepcopy(self.current.deal), self.workspace.actor()
        store = self.current.store  # a shared store reveals through the server's audited endpoint

        def record(subject: str, detail: str) -> None:
            audit.record(actor, REVEALED, subject, detail)

        self.runner.submit(
            lambda: reveal(record, deal, path, store),
            lambda value: self.form.show_revealed(path, value) if self.form is not None else None,
            lambda exc: self.banner.show_error(f"The value was not revealed: {sentence(exc)}"),
            label="Recording the reveal in the audit log",
            write=True,
            owner=self,
        )

    def _on_failed(self, exc: BaseException) -> None:
        self.banner.show_error(f"Deals could not be read: {sentence(exc)}")

    def _on_list_failed(self, exc: BaseException) -> None:
        """The list was not read: the count says so instead of "Reading…", and the deals already listed stay."""
        self._on_failed(exc)
        if self.model.total_count():
            self._update_count()
        else:
            self.count.setText(f"The deals of {self._list_dpid} were not read")
