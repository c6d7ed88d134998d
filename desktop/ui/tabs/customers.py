"""Customers tab: create a customer once, assign the agent, record the trade-in and send the links.

Every form is checked before anything is sent and names the field; nothing typed is cleared on an error. A
create that timed out can be pressed again: the API matches the customer by email, so it never makes two.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api import errors
from desktop.api.roadster.schema import (
    AccessoryChoice,
    CustomerContact,
    CustomerRequest,
    DealerRef,
    PaymentPreference,
    PlanChoice,
    TradeInRequest,
    VehicleRequest,
)
from desktop.config import Settings, settings_file
from desktop.domain.contact import PhoneError, email_problem, name_problem, phone_e164
from desktop.services import customers as service
from desktop.services.events import EventInbox, describe
from desktop.services.retention import apply_retention
from desktop.store.agents import Agent, AgentRoster, agent_label, roster_file
from desktop.store.customers import CustomerRecord, CustomerRegister, register_file
from desktop.store.events import EventLog, events_file
from desktop.ui.errors import sentence
from desktop.ui.keys import submit_on_enter
from desktop.ui.models.common import ObjectRole, SortRole
from desktop.ui.models.customers import COL_AGENT, COL_ID, COL_PHONE, COL_UPDATED, COL_VIN, CustomersModel
from desktop.ui.narrow import ColumnCollapser
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.agent_picker import AgentPicker
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.qr_code import QrCodeView
from desktop.ui.widgets.timeline import TimelineWidget
from desktop.ui.widgets.vehicle_picker import VehiclePicker as CachedVehiclePicker
from desktop.ui.widgets.vin_edit import VinEdit
from desktop.ui.workspace import CUSTOMERS, ORDERS, Workspace

UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
# What a salesperson calls the utm_* parameters: the key itself is in the field's tooltip for the marketing team.
CAMPAIGN_LABELS = {
    "utm_source": "Campaign source",
    "utm_medium": "Campaign medium",
    "utm_campaign": "Campaign name",
    "utm_term": "Campaign keyword",
    "utm_content": "Campaign content",
}
CAMPAIGN_HINTS = {
    "utm_source": "where the shopper came from, e.g. newsletter",
    "utm_medium": "e.g. email, social",
    "utm_campaign": "e.g. spring-sale",
    "utm_term": "paid search keyword",
    "utm_content": "which link or ad, e.g. header-button",
}
PAYMENT_INTS = (
    ("lease_down", "Lease down ($)"),
    ("lease_months", "Lease months"),
    ("lease_miles", "Lease miles / year"),
    ("finance_down", "Finance down ($)"),
    ("finance_months", "Finance months"),
)


class FieldProblem(Exception):
    """Input refused before sending; ``field`` is the API's name for it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


MAX_WHOLE = 999_999_999  # every amount, year and mileage a form takes: bounded before it is sent


def _whole(text: str, field: str, label: str, *, minimum: int = 0, maximum: int = MAX_WHOLE) -> int | None:
    value = text.strip().replace(",", "").removeprefix("$")
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):  # "²" and other Unicode digits pass isdigit() but not int()
        raise FieldProblem(field, f"{label} must be a whole number, not {text.strip()!r}.")
    if len(value) > len(str(maximum)) or int(value) > maximum:
        raise FieldProblem(field, f"{label} must be at most {maximum:,}.")
    number = int(value)
    if number < minimum:
        raise FieldProblem(field, f"{label} must be at least {minimum}.")
    return number


def _mark(widget: QWidget, invalid: bool) -> None:
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class LinkBox(QWidget):
    """A link with Copy and Open, read-only so it can be selected but not broken."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url = QLineEdit(self)
        self.url.setObjectName(name)
        self.url.setReadOnly(True)
        self.url.setPlaceholderText("no link yet")
        self.copy_button = QPushButton("Copy", self)
        self.open_button = QPushButton("Open in browser", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.url, 1)
        layout.addWidget(self.copy_button)
        layout.addWidget(self.open_button)
        self.copy_button.clicked.connect(self.copy)
        self.open_button.clicked.connect(self.open)
        self.set_url("")

    def set_url(self, url: str) -> None:
        self.url.setText(url)
        self.url.setCursorPosition(0)
        self.copy_button.setEnabled(bool(url))
        self.open_button.setEnabled(bool(url))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.url.text())

    def open(self) -> None:
        QDesktopServices.openUrl(QUrl(self.url.text()))


class VehiclePicker(CachedVehiclePicker):
    """A VIN typed, or picked from the rooftop's cached vehicles in stock, checked the way this tab's forms are."""

    def __init__(self, runner: TaskRunner, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(runner, placeholder, in_stock_only=True, parent=parent)

    def vin(self, field: str, *, required: bool = False) -> str:
        """The normalized VIN, '' when blank and optional; :class:`FieldProblem` when wrong."""
        if not self.vin_edit.edit.text().strip():
            if required:
                raise FieldProblem(field, "VIN is required.")
            return ""
        problem = self.vin_edit.problem()
        if problem:
            self.vin_edit._show(problem)
            raise FieldProblem(field, problem)
        return self.vin_edit.vin()


class CustomersTab(QWidget):
    customer_created = Signal(object)  # the CustomerRecord just created (or matched) in Roadster
    events_arrived = Signal(list)  # customer events new to this desktop

    def __init__(self, runner: TaskRunner, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.workspace = workspace
        self._register: CustomerRegister | None = None
        self._register_profile = ""
        self._roster: AgentRoster | None = None
        self._roster_profile = ""
        self._agents_job = 0
        self._uncertain: set[tuple[str, str]] = set()  # (dpid, email) whose create timed out
        self._list_job = 0
        self._fields: dict[str, QWidget] = {}

        self.banner = Banner(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("customerSearch")
        self.search.setPlaceholderText("Search by name, email or phone  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.model = CustomersModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView(self)
        self.table.setObjectName("customersTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_UPDATED, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        collapse = [COL_UPDATED, COL_VIN, COL_ID, COL_PHONE, COL_AGENT]
        self.collapser = ColumnCollapser(self.table, collapse, "the customer's pages beside the list show them.")
        self.count_label = QLabel(self)
        self.new_button = QPushButton("New customer", self)

        self.pages = QTabWidget(self)
        self.pages.setObjectName("customerActions")
        self.create_scroll = self._scroll(self._build_create_page())
        self.pages.addTab(self.create_scroll, "New customer")
        self.pages.addTab(self._build_agent_page(), "Agent")
        self.pages.addTab(self._scroll(self._build_tradein_page()), "Trade-in")
        self.pages.addTab(self._build_unlock_page(), "Unlock link")
        self.pages.addTab(self._build_link_page(), "Vehicle link")
        self._events: EventLog | None = None
        self._events_profile = ""
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

        self.search.textChanged.connect(lambda _t: self.load_customers())
        self.new_button.clicked.connect(self._on_new_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        workspace.rooftop_changed.connect(self._on_rooftop_changed)
        workspace.inventory_changed.connect(self._on_inventory_changed)
        workspace.connection_changed.connect(self._on_connection_changed)
        self._show_selected(None)
        self._submit_forms_on_enter()
        if workspace.dpid:
            self._on_rooftop_changed(workspace.dpid)

    def _submit_forms_on_enter(self) -> None:
        """Enter in a field sends the form it belongs to: each page has its own button."""
        create: list[QWidget] = [self.first_name, self.last_name, self.email, self.phone, self.partner_customer_id]
        create += [self.create_vehicle.vin_edit.edit, self.deal_type, *self.payment_edits.values()]
        create += [self.plans, self.accessories, *self.create_utm.values(), self.checkout]
        submit_on_enter(self.create_button, create)
        submit_on_enter(self.agent_button, [self.agent_name, self.agent_id, self.agent_email])
        trade = [self.trade_vin.edit, self.trade_value, self.trade_year, self.trade_make, self.trade_model]
        submit_on_enter(self.trade_button, [*trade, self.trade_trim, self.trade_mileage])
        submit_on_enter(self.unlock_button, [self.unlock_vehicle.vin_edit.edit, self.custid])
        submit_on_enter(self.link_button, [self.link_vehicle.vin_edit.edit, *self.link_utm.values()])

    # page builders
    def _scroll(self, page: QWidget) -> QScrollArea:
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setWidget(page)
        return area

    def _line(self, field: str, placeholder: str = "", name: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setObjectName(name or field.replace(".", "_"))
        self._fields[field] = edit
        return edit

    def _campaign_line(self, field: str, key: str, name: str) -> QLineEdit:
        edit = self._line(field, CAMPAIGN_HINTS[key], name)
        edit.setToolTip(f"Sent as {key} in the link, for the dealer's analytics")
        return edit

    def _build_create_page(self) -> QWidget:
        page = QWidget(self)
        self.first_name = self._line("customer.first_name", "Steve")
        self.last_name = self._line("customer.last_name", "McQueen")
        self.email = self._line("customer.email", "steve.mcqueen@example.com")
        self.phone = self._line("customer.phone", "(415) 555-6666 or +14155556666")
        self.partner_customer_id = self._line("customer.partner_id", "your id for this customer (optional)")
        self.create_vehicle = VehiclePicker(self.runner, "VIN of the vehicle (optional)", self)
        self._fields["vehicle.vin"] = self.create_vehicle.vin_edit.edit
        self.deal_type = QComboBox(self)
        self.deal_type.setObjectName("dealType")
        for label, value in (("no preference", ""), ("Lease", "lease"), ("Finance", "finance")):
            self.deal_type.addItem(label, value)
        self._fields["payment.deal_type"] = self.deal_type
        self.payment_edits = {key: self._line(f"payment.{key}", "—") for key, _label in PAYMENT_INTS}
        self.plans = self._line("plans", "e.g. 6160:RBX301:5R, 6161 (id[:code[:tier]])")
        self.accessories = self._line("accessories", "accessory codes, e.g. MAX900, FLOORMATS")
        self.create_utm = {key: self._campaign_line(f"analytics.{key}", key, f"create_{key}") for key in UTM_KEYS}
        self.checkout = QCheckBox("Send the customer to checkout instead of the vehicle page", self)
        self.checkout.setObjectName("checkout")
        self.create_button = QPushButton("Create customer", self)
        self.create_button.setObjectName("createCustomer")
        self.create_button.setDefault(True)
        self.create_result = QLabel(self)
        self.create_result.setObjectName("createResult")
        self.create_result.setWordWrap(True)
        self.create_link = LinkBox("createLink", self)

        who = QGroupBox("Customer", page)
        f = QFormLayout(who)
        f.addRow("First name *", self.first_name)
        f.addRow("Last name *", self.last_name)
        f.addRow("Email *", self.email)
        f.addRow("Phone", self.phone)
        f.addRow("Partner customer id", self.partner_customer_id)
        what = QGroupBox("Vehicle and payment", page)
        g = QFormLayout(what)
        g.addRow("Vehicle", self.create_vehicle)
        g.addRow("Deal type", self.deal_type)
        for key, label in PAYMENT_INTS:
            g.addRow(label, self.payment_edits[key])
        g.addRow("Protection plans", self.plans)
        g.addRow("Accessories", self.accessories)
        track = QGroupBox("Campaign (optional)", page)
        h = QFormLayout(track)
        for key in UTM_KEYS:
            h.addRow(CAMPAIGN_LABELS[key], self.create_utm[key])
        layout = QVBoxLayout(page)
        layout.addWidget(who)
        layout.addWidget(what)
        layout.addWidget(track)
        layout.addWidget(self.checkout)
        layout.addWidget(self.create_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.create_result)
        layout.addWidget(self.create_link)
        layout.addStretch(1)
        self.create_button.clicked.connect(self.create_customer)
        return page

    def _selected_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        return label

    def _build_agent_page(self) -> QWidget:
        page = QWidget(self)
        self.agent_customer = self._selected_label("agentCustomer")
        self.agent_picker = AgentPicker(self)
        self.agent_picker.picked.connect(self._on_agent_picked)
        self.agent_name = self._line("agent.name", "Natalie Wood")
        self.agent_id = self._line("agent.id", "ID9876")
        self.agent_email = self._line("agent.email", "natalie.wood@example.com")
        self.agent_button = QPushButton("Assign agent", self)
        self.agent_button.setObjectName("assignAgent")
        self.agent_result = self._selected_label("agentResult")
        form = QFormLayout()
        form.addRow("Agent", self.agent_picker)
        form.addRow("Name", self.agent_name)
        form.addRow("Agent id", self.agent_id)
        form.addRow("Agent email", self.agent_email)
        layout = QVBoxLayout(page)
        layout.addWidget(self.agent_customer)
        layout.addLayout(form)
        layout.addWidget(self.agent_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.agent_result)
        layout.addStretch(1)
        self.agent_button.clicked.connect(self.assign_agent)
        return page

    def _build_tradein_page(self) -> QWidget:
        page = QWidget(self)
        self.trade_customer = self._selected_label("tradeCustomer")
        self.trade_vin = VinEdit("VIN of the trade (17 characters)", self)
        self._fields["vin"] = self.trade_vin.edit
        self.trade_value = self._line("value", "offer in dollars", "tradeValue")
        self.trade_year = self._line("year", "2016", "tradeYear")
        self.trade_make = self._line("make", "", "tradeMake")
        self.trade_model = self._line("model", "", "tradeModel")
        self.trade_trim = self._line("trim", "", "tradeTrim")
        self.trade_mileage = self._line("mileage", "odometer miles", "tradeMileage")
        self.trade_button = QPushButton("Save trade-in offer", self)
        self.trade_button.setObjectName("saveTradein")
        self.trade_result = self._selected_label("tradeResult")
        self.trade_link = LinkBox("tradeLink", self)
        form = QFormLayout()
        form.addRow("VIN *", self.trade_vin)
        form.addRow("Value ($) *", self.trade_value)
        form.addRow("Year", self.trade_year)
        form.addRow("Make", self.trade_make)
        form.addRow("Model", self.trade_model)
        form.addRow("Trim", self.trade_trim)
        form.addRow("Mileage", self.trade_mileage)
        layout = QVBoxLayout(page)
        layout.addWidget(self.trade_customer)
        layout.addLayout(form)
        layout.addWidget(self.trade_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.trade_result)
        layout.addWidget(self.trade_link)
        layout.addStretch(1)
        self.trade_button.clicked.connect(self.save_tradein)
        return page

    def _build_unlock_page(self) -> QWidget:
        page = QWidget(self)
        self.unlock_customer = self._selected_label("unlockCustomer")
        self.unlock_vehicle = VehiclePicker(self.runner, "VIN of the vehicle page to open", self)
        self.custid = self._line("custid", "attribution id (optional)")
        self.unlock_button = QPushButton("Build unlock link", self)
        self.unlock_button.setObjectName("buildUnlock")
        self.unlock_link = LinkBox("unlockLink", self)
        self.qr = QrCodeView(self)
        self.qr_note = QLabel(self)
        self.qr_note.setObjectName("qrNote")
        self.qr_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Vehicle *", self.unlock_vehicle)
        form.addRow("Attribution id", self.custid)
        layout = QVBoxLayout(page)
        layout.addWidget(self.unlock_customer)
        layout.addLayout(form)
        layout.addWidget(self.unlock_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.unlock_link)
        layout.addWidget(self.qr, 1)
        layout.addWidget(self.qr_note)
        self.unlock_button.clicked.connect(self.build_unlock_link)
        return page

    def _build_link_page(self) -> QWidget:
        page = QWidget(self)
        self.link_vehicle = VehiclePicker(self.runner, "VIN (optional: blank links the dealer's store)", self)
        self.link_utm = {key: self._campaign_line(f"link.{key}", key, f"link_{key}") for key in UTM_KEYS}
        self.link_button = QPushButton("Create vehicle page link", self)
        self.link_button.setObjectName("createLink")
        self.link_result = self._selected_label("linkResult")
        self.vehicle_link = LinkBox("vehicleLink", self)
        form = QFormLayout()
        form.addRow("Vehicle", self.link_vehicle)
        for key in UTM_KEYS:
            form.addRow(CAMPAIGN_LABELS[key], self.link_utm[key])
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.link_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.link_result)
        layout.addWidget(self.vehicle_link)
        layout.addStretch(1)
        self.link_button.clicked.connect(self.create_vehicle_link)
        return page

    def bind_deal(self, current: Any) -> None:
        """The window's current deal: these forms are its customer and trade; events update it."""
        from desktop.ui.deal_links.customers import CustomerDealLink

        self.deal_link = CustomerDealLink(self, current)

    # public
    def focus_find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        self.load_customers()

    def register(self) -> CustomerRegister:
        """The profile's register; opening it does no I/O (the file opens on first use, in a worker)."""
        name = self.workspace.profile.name
        if self._register is None or self._register_profile != name:
            if self._register is not None:
                old = self._register
                self.runner.submit(old.close, label="Closing customer register", write=True)
            self._register = CustomerRegister(register_file(self.workspace.paths.data, name))
            self._register_profile = name
        return self._register

    def roster(self) -> AgentRoster:
        """The profile's agents roster; opening it does no I/O (the file opens on first use, in a worker)."""
        name = self.workspace.profile.name
        if self._roster is None or self._roster_profile != name:
            if self._roster is not None:
                self.runner.submit(self._roster.close, label="Closing agents roster", write=True)
            self._roster = AgentRoster(roster_file(self.workspace.paths.data, name))
            self._roster_profile = name
        return self._roster

    def load_agents(self) -> None:
        """The rooftop's agents, by name, into the picker, the customer list and the timeline."""
        dpid, roster = self.workspace.dpid, self.roster()
        if not dpid:
            return
        self.runner.cancel(self._agents_job)
        self._agents_job = self.runner.submit(
            lambda: (dpid, roster.agents(dpid)), self._on_agents, self._on_failed, label="Reading agents"
        )

    def _on_agents(self, result: tuple[str, list[Agent]]) -> None:
        dpid, agents = result
        if dpid != self.workspace.dpid:
            return
        self.agent_picker.set_agents(agents)
        self.model.set_agents(agents)
        self.timeline.set_agents(agents)
        self._show_selected(self.selected())

    def _on_agent_picked(self, agent: Agent) -> None:
        self.agent_name.setText(agent.name)
        self.agent_id.setText(agent.agent_id)
        self.agent_email.setText(agent.email)
        self.agent_button.setFocus()

    def event_log(self) -> EventLog:
        """The profile's local copy of its customer events (the file opens on first use, in a worker)."""
        name = self.workspace.profile.name
        if self._events is None or self._events_profile != name:
            self._events = EventLog(events_file(self.workspace.paths.data, name))
            self._events_profile = name
            self.timeline.set_log(self.workspace.audit_log(), self.workspace.actor())
            events, register = self._events, self.register()
            paths = self.workspace.paths
            self.runner.submit(
                lambda: apply_retention(events, register, Settings.load(settings_file(paths)).retention_days),
                on_error=lambda exc: self.timeline.banner.show_error(
                    f"Customer data past its retention could not be deleted: {sentence(exc)}"
                ),
                label="Deleting customer data past its retention",
                write=True,
            )
        return self._events

    def pull_events(self) -> None:
        """Read what the webhook receiver got since last time; new events join the timeline and the register."""
        connection = self.workspace.connection
        if connection is None or connection.events is None:
            return
        if self.runner.is_running(self._pull_job):
            self._pull_again = True  # what arrived meanwhile is read as soon as this pull ends
            return
        self._pull_again = False
        inbox = EventInbox(connection.events, self.event_log(), self.register(), roster=self.roster())
        self._pull_job = self.runner.submit_job(
            lambda control: inbox.pull(control), self._on_events_pulled, self._on_events_failed, label="Customer events"
        )

    def _on_events_pulled(self, new: list[dict[str, Any]]) -> None:
        if self._pull_again:
            self.pull_events()
        if self._events is not None and self._events.notice and self.timeline.banner.text() != self._events.notice:
            self.timeline.banner.show_info(self._events.notice)
        if not new:
            return
        self.timeline.add_events(new)
        self.events_arrived.emit(new)
        self.workspace.notice.emit(f"New customer event: {describe(new[-1], self.agent_picker.agents())}")
        self.load_customers()
        self.load_agents()
        for dpid in sorted({str((e.get("dealer") or {}).get("dpid") or self.workspace.dpid) for e in new}):
            self.workspace.announce(CUSTOMERS, dpid)  # another desk or the shopper changed something
            self.workspace.announce(ORDERS, dpid)

    def _on_events_failed(self, exc: BaseException) -> None:
        self.timeline.banner.show_error(f"Customer events could not be read: {sentence(exc)}")

    def _show_timeline(self, record: CustomerRecord | None) -> None:
        if record is None:
            self.timeline.show_customer("", 0, [])
            return
        log, dpid, customer_id = self.event_log(), record.dpid, record.id
        self.runner.cancel(self._timeline_job)
        self._timeline_job = self.runner.submit(
            lambda: log.for_customer(dpid, customer_id),
            lambda events: self.timeline.show_customer(dpid, customer_id, events),
            self._on_events_failed,
            label="Reading timeline",
        )

    def close_register(self) -> None:
        if self._register is not None:
            self._register.close()
            self._register = None
        if self._roster is not None:
            self._roster.close()
            self._roster = None

    def selected(self) -> CustomerRecord | None:
        index = self.table.currentIndex()
        record = index.data(ObjectRole) if index.isValid() else None
        return record if isinstance(record, CustomerRecord) else None

    def load_customers(self) -> None:
        dpid, register, text = self.workspace.dpid, self.register(), self.search.text()
        if not dpid:
            self.model.set_customers([])
            return
        self.runner.cancel(self._list_job)
        self._list_job = self.runner.submit(
            lambda: (dpid, register.search(dpid, text)),
            self._on_customers_loaded,
            self._on_failed,
            label="Reading customers",
        )

    # validation
    def _clear_marks(self) -> None:
        self.banner.clear_message()
        for widget in self._fields.values():
            _mark(widget, False)

    def _field_words(self, field: str) -> str:
        """The field as its form labels it ("Agent email"), not as the API names it ("agent.email")."""
        widget: QWidget | None = self._fields.get(field)
        forms = self.findChildren(QFormLayout)
        while widget is not None and widget is not self:
            for form in forms:
                label = form.labelForField(widget)
                if isinstance(label, QLabel):
                    return label.text().rstrip(" *")
            widget = widget.parentWidget()
        return field

    def _refuse(self, field: str | None, message: str) -> None:
        widget = self._fields.get(field or "")
        words = self._field_words(field) if field else ""
        label = f"{words}: " if words and not message.startswith(words) else ""
        self.banner.show_error(f"{label}{message}".strip())
        if widget is not None:
            _mark(widget, True)
            widget.setFocus()

    def _connection_or_refuse(self) -> Any:
        if self.workspace.connection is None:
            self.banner.show_error(
                (self.workspace.connection_error or "Not connected yet.") + " Your entries are kept; try again."
            )
        return self.workspace.connection

    def _utm(self, edits: dict[str, QLineEdit]) -> dict[str, str]:
        return {key: edit.text().strip() for key, edit in edits.items() if edit.text().strip()}

    def customer_request(self) -> CustomerRequest:
        """The create request from the form; :class:`FieldProblem` names the first wrong field."""
        first, last, email = self.first_name.text().strip(), self.last_name.text().strip(), self.email.text().strip()
        for field, value, label in (
            ("customer.first_name", first, "First name"),
            ("customer.last_name", last, "Last name"),
        ):
            problem = name_problem(value, label)
            if problem:
                raise FieldProblem(field, problem)
        problem = email_problem(email)
        if problem:
            raise FieldProblem("customer.email", problem)
        phone = None
        if self.phone.text().strip():
            try:
                phone = phone_e164(self.phone.text())
            except PhoneError as exc:
                raise FieldProblem("customer.phone", str(exc)) from None
        vin = self.create_vehicle.vin("vehicle.vin")
        payment: dict[str, Any] = {}
        for key, label in PAYMENT_INTS:
            minimum = 1 if key.endswith(("months", "miles")) else 0
            amount = _whole(self.payment_edits[key].text(), f"payment.{key}", label, minimum=minimum)
            if amount is not None:
                payment[key] = amount
        if self.deal_type.currentData():
            payment["deal_type"] = self.deal_type.currentData()
        return CustomerRequest(
            customer=CustomerContact(
                first_name=first,
                last_name=last,
                email=email,
                phone=phone,
                partner_id=self.partner_customer_id.text().strip() or None,
            ),
            dealer=DealerRef(dpid=self.workspace.dpid),
            vehicle=VehicleRequest(vin=vin) if vin else None,
            payment=PaymentPreference(**payment) if payment else None,
            plans=self._plans() or None,
            accessories=[AccessoryChoice(code=c) for c in self._codes(self.accessories.text())] or None,
            analytics=self._utm(self.create_utm) or None,
            checkout=True if self.checkout.isChecked() else None,
        )

    @staticmethod
    def _codes(text: str) -> list[str]:
        return [c.strip() for c in text.replace(";", ",").split(",") if c.strip()]

    def _plans(self) -> list[PlanChoice]:
        plans = []
        for item in self._codes(self.plans.text()):
            parts = [p.strip() for p in item.split(":")]
            if not parts[0].isdigit() or len(parts) > 3:
                raise FieldProblem("plans", f"Plan {item!r} must be written id[:code[:tier]], e.g. 6160:RBX301:5R.")
            plans.append(
                PlanChoice(
                    id=int(parts[0]),
                    code=parts[1] if len(parts) > 1 else None,
                    tier=parts[2] if len(parts) > 2 else None,
                )
            )
        return plans

    # actions
    def create_customer(self) -> None:
        self._clear_marks()
        if not self.workspace.dpid:
            self.banner.show_error("Pick a rooftop first (toolbar).")
            return
        try:
            request = self.customer_request()
        except FieldProblem as problem:
            self._refuse(problem.field, str(problem))
            return
        connection = self._connection_or_refuse()
        if connection is None:
            return
        register, key = self.register(), (self.workspace.dpid, request.customer.email.lower())
        self.create_button.setEnabled(False)
        self.create_result.setText("Creating…")
        self.runner.submit(
            lambda: service.create_customer(connection.roadster, register, request),
            lambda result: self._on_created(key, result),
            lambda exc: self._on_create_failed(key, exc),
            label="Creating customer",
            write=True,
        )

    def assign_agent(self) -> None:
        self._clear_marks()
        customer = self._customer_or_refuse()
        if customer is None:
            return
        agent_id, agent_email = self.agent_id.text().strip(), self.agent_email.text().strip()
        agent_name = self.agent_name.text().strip()
        if not agent_id and not agent_email:
            self._refuse("agent.id", "Give the agent's id or email.")
            return
        problem = email_problem(agent_email) if agent_email else None
        if problem:
            self._refuse("agent.email", problem)
            return
        connection = self._connection_or_refuse()
        if connection is None:
            return
        register, roster = self.register(), self.roster()

        def job() -> CustomerRecord | None:
            service.assign_agent(connection.roadster, register, customer.dpid, customer.id, agent_id, agent_email)
            roster.learn(customer.dpid, agent_id, agent_name, agent_email)  # what the user typed joins the roster
            return register.get(customer.dpid, customer.id)

        self.agent_button.setEnabled(False)
        self.runner.submit(job, self._on_agent_assigned, self._on_action_failed, label="Assigning agent", write=True)

    def save_tradein(self) -> None:
        self._clear_marks()
        customer = self._customer_or_refuse()
        if customer is None:
            return
        try:
            problem = self.trade_vin.problem()
            if problem:
                self.trade_vin._show(problem)
                raise FieldProblem("vin", problem)
            value = _whole(self.trade_value.text(), "value", "Value")
            if value is None:
                raise FieldProblem("value", "Value is required.")
            year = _whole(self.trade_year.text(), "year", "Year", minimum=1900)
            if year is not None and year > 2100:
                raise FieldProblem("year", "Year must be a four-digit model year.")
            offer = TradeInRequest(
                dpid=customer.dpid,
                email=customer.email,
                vin=self.trade_vin.vin(),
                value=value,
                year=year,
                make=self.trade_make.text().strip() or None,
                model=self.trade_model.text().strip() or None,
                trim=self.trade_trim.text().strip() or None,
                mileage=_whole(self.trade_mileage.text(), "mileage", "Mileage"),
            )
        except FieldProblem as problem:
            self._refuse(problem.field, str(problem))
            return
        connection = self._connection_or_refuse()
        if connection is None:
            return
        register = self.register()
        self.trade_button.setEnabled(False)
        self.runner.submit(
            lambda: service.save_tradein(connection.roadster, register, offer),
            self._on_tradein_saved,
            self._on_action_failed,
            label="Saving trade-in offer",
            write=True,
        )

    def build_unlock_link(self) -> None:
        self._clear_marks()
        customer = self._customer_or_refuse()
        if customer is None:
            return
        try:
            vin = self.unlock_vehicle.vin("vehicle.vin", required=True)
        except FieldProblem as problem:
            self.banner.show_error(f"Vehicle: {problem}")
            _mark(self.unlock_vehicle.vin_edit.edit, True)
            return
        connection = self._connection_or_refuse()
        if connection is None:
            return
        fields = {
            "email": customer.email,
            "fname": customer.first_name,
            "lname": customer.last_name,
            "phone": customer.phone,
            "custid": self.custid.text().strip(),
        }
        dpid = customer.dpid
        self.unlock_button.setEnabled(False)
        self.runner.submit(
            lambda: service.unlock_link(connection, dpid, vin, fields),
            self._on_unlock_link,
            self._on_action_failed,
            label="Building unlock link",
        )

    def create_vehicle_link(self) -> None:
        self._clear_marks()
        if not self.workspace.dpid:
            self.banner.show_error("Pick a rooftop first (toolbar).")
            return
        try:
            vin = self.link_vehicle.vin("vehicle.vin")
        except FieldProblem as problem:
            self.banner.show_error(f"Vehicle: {problem}")
            return
        connection = self._connection_or_refuse()
        if connection is None:
            return
        dpid, analytics = self.workspace.dpid, self._utm(self.link_utm)
        vehicle = VehicleRequest(vin=vin) if vin else None
        self.link_button.setEnabled(False)
        self.runner.submit(
            lambda: service.vehicle_link(connection.roadster, dpid, vehicle, analytics),
            self._on_vehicle_link,
            self._on_action_failed,
            label="Creating vehicle link",
        )

    def _customer_or_refuse(self) -> CustomerRecord | None:
        customer = self.selected()
        if customer is None:
            self.banner.show_error("Select a customer in the list first (or create one).")
        return customer

    # results
    def _on_created(self, key: tuple[str, str], result: tuple[Any, CustomerRecord]) -> None:
        outcome, record = result
        self.create_button.setEnabled(True)
        earlier_attempt = key in self._uncertain
        self._uncertain.discard(key)
        if outcome.matched_existing and not earlier_attempt:
            text = f"Existing customer matched: #{record.id} {record.name} — no new customer was made."
        elif outcome.created.duplicate:
            text = (
                f"Customer created: #{record.id} {record.name}. An earlier attempt that timed out had reached "
                "the server; this one found it, so there is still one customer."
            )
        else:
            text = f"Customer created: #{record.id} {record.name}."
        self.create_result.setText(text)
        self.create_link.set_url(outcome.created.customer.redirect_url)
        self._show_record(record)
        self.customer_created.emit(record)
        self.workspace.announce(CUSTOMERS, record.dpid)
        self.workspace.announce(ORDERS, record.dpid)  # a customer with a vehicle and a payment has an order

    def _on_create_failed(self, key: tuple[str, str], exc: BaseException) -> None:
        self.create_button.setEnabled(True)
        self.create_result.setText("")
        if isinstance(exc, errors.RequestTimedOut | errors.ConnectionFailed):
            self._uncertain.add(key)
            self.banner.show_error(
                f"{sentence(exc)} Your entries are kept. Press Create again: if the customer was made, "
                "the same customer is found, never a second one."
            )
            return
        self._show_api_error(exc)

    def _show_api_error(self, exc: BaseException) -> None:
        field = exc.field if isinstance(exc, errors.BadRequest) else None
        if field and field in self._fields:
            self._refuse(field, sentence(exc))
        else:
            self.banner.show_error(sentence(exc) + " Your entries are kept.")

    def _on_action_failed(self, exc: BaseException) -> None:
        for button in (self.agent_button, self.trade_button, self.unlock_button, self.link_button):
            button.setEnabled(True)
        self._show_api_error(exc)

    def _on_agent_assigned(self, record: CustomerRecord | None) -> None:
        self.agent_button.setEnabled(True)
        if record is None:
            return
        who = self.agent_name.text().strip() or agent_label(
            self.agent_picker.agents(), record.agent_id, record.agent_email
        )
        self.agent_result.setText(f"Agent {who} assigned to {record.name or record.email}.")
        self._show_record(record)
        self.load_agents()
        self.workspace.announce(CUSTOMERS, record.dpid)

    def _on_tradein_saved(self, saved: Any) -> None:
        self.trade_button.setEnabled(True)
        verb = "updated (an offer for this VIN existed)" if saved.updated else "saved"
        self.trade_result.setText(f"Trade-in offer {verb} for customer #{saved.customer.id}.")
        self.trade_link.set_url(saved.customer.redirect_url)

    def _on_unlock_link(self, link: service.UnlockLink) -> None:
        self.unlock_button.setEnabled(True)
        self.unlock_link.set_url(link.url)
        self.qr.set_text(link.url)
        host = urlsplit(link.url).hostname or ""
        local = host in ("localhost", "::1") or host.startswith("127.")
        self.qr_note.setText(
            f"This code works only on this computer: it opens the sandbox at {host}, which a phone cannot reach. "
            "With a production profile the code opens on any phone."
            if local
            else ""
        )

    def _on_vehicle_link(self, created: Any) -> None:
        self.link_button.setEnabled(True)
        v = created.vehicle
        stock = {True: "in stock", False: "not in stock", None: "no vehicle named"}[v.in_stock]
        locked = "price locked until the shopper signs in" if v.price_locked else "prices shown to everyone"
        self.link_result.setText(f"{created.link.dpid}: {stock}, {v.grade or '—'}, {locked}.")
        self.vehicle_link.set_url(created.link.redirect_url)

    def _show_record(self, record: CustomerRecord) -> None:
        if record.dpid != self.workspace.dpid:
            return
        row = self.model.put(record)
        self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
        self._show_selected(record)
        self._update_count()

    # slots
    def _on_customers_loaded(self, result: tuple[str, list[CustomerRecord]]) -> None:
        dpid, rows = result
        if dpid != self.workspace.dpid:
            return
        selected = self.selected()
        self.model.set_customers(rows)
        if selected is not None and (row := self.model.row_of(selected.id)) >= 0:
            self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
        else:
            self._show_selected(None)
        self._update_count()

    def _on_failed(self, exc: BaseException) -> None:
        self.banner.show_error(sentence(exc))

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(f"{n} customer{'s' if n != 1 else ''} in this register")

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = current.data(ObjectRole) if current.isValid() else None
        self._show_selected(record if isinstance(record, CustomerRecord) else None)
        self._show_timeline(record if isinstance(record, CustomerRecord) else None)

    def _show_selected(self, record: CustomerRecord | None) -> None:
        if record is None:
            text = "Select a customer in the list (or create one)."
        else:
            text = f"<b>{record.name or '—'}</b> &lt;{record.email}&gt; · #{record.id}"
            if record.agent_id or record.agent_email:
                text += f" · agent {agent_label(self.agent_picker.agents(), record.agent_id, record.agent_email)}"
        for label in (self.agent_customer, self.trade_customer, self.unlock_customer):
            label.setText(text)
        if record is not None and record.vin and not self.unlock_vehicle.vin_edit.edit.text():
            self.unlock_vehicle.vin_edit.edit.setText(record.vin)
        for button in (self.agent_button, self.trade_button, self.unlock_button):
            button.setEnabled(record is not None)

    def _on_new_clicked(self) -> None:
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self.clear_create_form()
        self.pages.setCurrentIndex(0)
        self.create_scroll.ensureWidgetVisible(self.first_name)
        self.first_name.setFocus()

    def clear_create_form(self) -> None:
        """An empty form for the next customer: nothing of the previous one may be sent by mistake."""
        self._clear_marks()
        edits = [self.first_name, self.last_name, self.email, self.phone, self.partner_customer_id]
        edits += [*self.payment_edits.values(), self.plans, self.accessories, *self.create_utm.values()]
        for edit in edits:
            edit.clear()
        self.create_vehicle.vin_edit.edit.clear()
        self.deal_type.setCurrentIndex(0)
        self.checkout.setChecked(False)
        self.create_result.setText("")
        self.create_link.set_url("")

    def _on_rooftop_changed(self, dpid: str) -> None:
        self.table.setCurrentIndex(QModelIndex())
        self.load_customers()
        self.load_agents()
        self._load_inventory(dpid)

    def _on_inventory_changed(self, dpid: str) -> None:
        if dpid == self.workspace.dpid:
            self._load_inventory(dpid)

    def _on_connection_changed(self) -> None:
        if self._register is not None and self._register_profile != self.workspace.profile.name:
            self.load_customers()
        self.pull_events()

    def _load_inventory(self, dpid: str) -> None:
        for picker in (self.create_vehicle, self.unlock_vehicle, self.link_vehicle):
            picker.set_source(self.workspace.cache, dpid)
