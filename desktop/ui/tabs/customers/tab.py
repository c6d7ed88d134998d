"""Customers tab: create a customer once, assign the agent, record the trade-in and send the links.

The list of the rooftop's customers on the left, the pages acting on the selected one on the right.

The tab is built in layers, one module each, every layer using only those below it: ``pages`` (the widgets),
``form`` (checks and the create request), ``records`` (register, roster, pickers' stock), ``events`` (the
timeline's polling), ``actions`` (what is sent and its answers), and this module (layout and wiring).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.store.customers import CustomerRecord
from desktop.ui.models.common import ObjectRole
from desktop.ui.models.customers import COL_AGENT, COL_ID, COL_PHONE, COL_UPDATED, COL_VIN, CustomersModel
from desktop.ui.narrow import ColumnCollapser, fit_to_texts
from desktop.ui.tabs.customers.actions import CustomerActions
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.qt_header import header_in_qt
from desktop.ui.widgets.staggered import CoveredShow, CoveredTab
from desktop.ui.widgets.steady_tabs import SteadyTabWidget
from desktop.ui.widgets.timeline import TimelineWidget
from desktop.ui.widgets.when_shown import WhenShown
from desktop.ui.workspace import Workspace

FIT_ROWS = 200  # the rows whose texts size the columns: a page and more, not every customer of a large register


class CustomersTab(CoveredTab, CustomerActions):
    """The tab: its list and pages laid out, its buttons and the workspace's signals wired to the layers below."""

    def __init__(self, runner: TaskRunner, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.when_shown = WhenShown(self)
        self.runner = runner
        self.workspace = workspace
        self._agents_job = 0
        self._uncertain = set()
        self._list_job = 0
        self._list_dpid = ""  # the rooftop whose customers the list holds, or is being filled with
        self._list_profile = ""  # the profile whose register the list was read from ("" before the first read)
        self._fields = {}

        self.banner = Banner(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("customerSearch")
        self.search.setPlaceholderText("Search by name, email or phone  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.model = CustomersModel(self)  # sorts itself: a proxy sorting by a Python role cost a reload 50-70 ms
        self.table = QTableView(self)
        self.table.setObjectName("customersTable")
        self.table.setModel(self.model)
        header_in_qt(self.table)  # its titles painted without Python
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_UPDATED, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # Sized from the texts when the rows change (fit_columns), not by ResizeToContents, which measured every
        # cell of every column on each reload: 200-290 ms of the GUI thread at 1,000 customers.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        collapse = [COL_UPDATED, COL_VIN, COL_ID, COL_PHONE, COL_AGENT]
        self.collapser = ColumnCollapser(self.table, collapse, "the customer's pages beside the list show them.")
        self._fit_later = QTimer(self)
        self._fit_later.setSingleShot(True)
        self._fit_later.setInterval(0)
        self._fit_later.timeout.connect(self.fit_columns)
        self.model.rows_changed.connect(self._fit_later.start)
        self.count_label = QLabel(self)
        self.new_button = QPushButton("New customer", self)

        self.pages = SteadyTabWidget(self)
        self.pages.setObjectName("customerActions")
        self.create_scroll = self._scroll(self._build_create_page())
        self.pages.addTab(self.create_scroll, "New customer")
        self.pages.addTab(self._build_agent_page(), "Agent")
        self.pages.addTab(self._scroll(self._build_tradein_page()), "Trade-in")
        self.pages.addTab(self._build_unlock_page(), "Unlock link")
        self.pages.addTab(self._build_link_page(), "Vehicle link")
        self._events = None
        self._pull_job = 0
        self._pull_again = False
        self._timeline_job = 0
        self.timeline = TimelineWidget(runner, self.workspace.audit_log(), self.workspace.actor(), self)
        self.event_log()
        self.pages.addTab(self.timeline, "Timeline")
        # Customer events arrive at the webhook receiver; the tab reads what is new every few seconds.
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(5000)
        self.poll_timer.timeout.connect(self.pull_events)
        self.poll_timer.start()

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.new_button)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        # A switch to this tab paints the list in its own turn, the pages on the turns after (the new-customer
        # page's two big boxes a turn each): all in the switch's turn they took 9-13 ms.
        self.covered_show = CoveredShow((self.pages, self.customer_box, self.payment_box), self)

        self.search.textChanged.connect(lambda _t: self.load_customers())
        self.new_button.clicked.connect(self._on_new_clicked)
        self.create_button.clicked.connect(self.create_customer)
        self.agent_picker.picked.connect(self._on_agent_picked)
        self.agent_button.clicked.connect(self.assign_agent)
        self.trade_button.clicked.connect(self.save_tradein)
        self.trade_vin.problem_changed.connect(lambda problem: self._on_vin_problem("VIN", problem))
        for picker in (self.create_vehicle, self.unlock_vehicle, self.link_vehicle):
            picker.problem_changed.connect(lambda problem: self._on_vin_problem("Vehicle", problem))
        self.unlock_button.clicked.connect(self.build_unlock_link)
        self.link_button.clicked.connect(self.create_vehicle_link)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        workspace.rooftop_changed.connect(self._on_rooftop_changed)
        workspace.inventory_changed.connect(self._on_inventory_changed)
        workspace.connection_changed.connect(self._on_connection_changed)
        self._show_selected(None)
        self._submit_forms_on_enter()
        if workspace.dpid:
            self._on_rooftop_changed(workspace.dpid)

    def bind_deal(self, current: Any) -> None:
        """The window's current deal: these forms are its customer and trade; events update it."""
        from desktop.ui.deal_links.customers import CustomerDealLink

        self.deal_link = CustomerDealLink(self, current)

    def fit_columns(self) -> None:
        """Each column as wide as its title and its longest texts among the first rows, once per new rows."""
        fit_to_texts(self.table, lambda column: self.model.column_texts(column, FIT_ROWS))
        self.collapser.fit()

    def focus_find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        self.load_customers()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = current.data(ObjectRole) if current.isValid() else None
        self._show_selected(record if isinstance(record, CustomerRecord) else None)
        self._show_timeline(record if isinstance(record, CustomerRecord) else None)

    def _on_new_clicked(self) -> None:
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self.clear_create_form()
        self.pages.setCurrentIndex(0)
        self.create_scroll.ensureWidgetVisible(self.first_name)
        self.first_name.setFocus()

    def _on_rooftop_changed(self, _dpid: str) -> None:
        self.forget_rooftop()
        # The list, the roster and the three vehicle pickers are only needed on screen: a hidden tab reads them
        # when shown (each switch read them behind whatever tab the person was using).
        self.when_shown.run("lists", self.reload_lists)
        self.when_shown.run("vehicles", lambda: self._load_inventory(self.workspace.dpid))

    def _on_connection_changed(self) -> None:
        if self._list_profile and self._list_profile != self.workspace.profile.name:  # another profile's list
            self.load_customers()
        self.pull_events()
