"""The Customers tab's pages: new customer, agent, trade-in, unlock link and vehicle link, as widgets only.

The buttons are wired by the tab; the pages know nothing of sending.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.store.events import EventLog
from desktop.ui.form_rows import form_rows
from desktop.ui.models.customers import CustomersModel
from desktop.ui.tabs.customers.fields import (
    CAMPAIGN_HINTS,
    CAMPAIGN_LABELS,
    PAYMENT_INTS,
    UTM_KEYS,
    LinkBox,
    VehiclePicker,
)
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.agent_picker import AgentPicker
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.qr_code import QrCodeView
from desktop.ui.widgets.timeline import TimelineWidget
from desktop.ui.widgets.vin_edit import VinEdit
from desktop.ui.widgets.wheel_guard import ComboBox
from desktop.ui.widgets.when_shown import WhenShown
from desktop.ui.workspace import Workspace


class CustomerPages(QWidget):
    """The widgets of the tab's pages, built once by the tab, which wires their buttons.

    The annotations below are the tab's shared state, set by :class:`CustomersTab` before the pages are built:
    every layer of the tab (form, records, events, actions) reads them.
    """

    runner: TaskRunner
    workspace: Workspace
    banner: Banner
    _fields: dict[str, QWidget]
    model: CustomersModel
    table: QTableView
    search: QLineEdit
    count_label: QLabel
    timeline: TimelineWidget
    _agents_job: int
    _list_job: int
    _list_dpid: str
    _list_profile: str
    _uncertain: set[tuple[str, str]]  # (dpid, email) whose create timed out
    _events: EventLog | None
    _pull_job: int
    _pull_again: bool
    _timeline_job: int
    when_shown: WhenShown

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
        self.deal_type = ComboBox(self)
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

        who = self.customer_box = QGroupBox("Customer", page)
        form_rows(
            [
                ("First name *", self.first_name),
                ("Last name *", self.last_name),
                ("Email *", self.email),
                ("Phone", self.phone),
                ("Partner customer id", self.partner_customer_id),
            ],
            who,
        )
        what = self.payment_box = QGroupBox("Vehicle and payment", page)
        payment = [(label, self.payment_edits[key]) for key, label in PAYMENT_INTS]
        form_rows(
            [
                ("Vehicle", self.create_vehicle),
                ("Deal type", self.deal_type),
                *payment,
                ("Protection plans", self.plans),
                ("Accessories", self.accessories),
            ],
            what,
        )
        track = QGroupBox("Campaign (optional)", page)
        form_rows([(CAMPAIGN_LABELS[key], self.create_utm[key]) for key in UTM_KEYS], track)
        return self._page(
            page, [who, what, track, self.checkout], self.create_button, [self.create_result, self.create_link]
        )

    def _page(
        self,
        page: QWidget,
        above: list[QWidget | QLayout],
        button: QPushButton,
        below: list[QWidget],
        grow: QWidget | None = None,
    ) -> QWidget:
        """Every page reads the same way: what it acts on and its fields, its button on the left, then the answer.

        ``grow`` (one of ``below``, the QR code) takes the spare height; otherwise the page's content stays at
        the top.
        """
        layout = QVBoxLayout(page)
        for item in above:
            if isinstance(item, QLayout):
                layout.addLayout(item)
            else:
                layout.addWidget(item)
        layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignLeft)
        for widget in below:
            layout.addWidget(widget, 1 if widget is grow else 0)
        if grow is None:
            layout.addStretch(1)
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
        self.agent_name = self._line("agent.name", "Natalie Wood")
        self.agent_id = self._line("agent.id", "ID9876")
        self.agent_email = self._line("agent.email", "natalie.wood@example.com")
        self.agent_button = QPushButton("Assign agent", self)
        self.agent_button.setObjectName("assignAgent")
        self.agent_result = self._selected_label("agentResult")
        form = form_rows(
            [
                ("Agent", self.agent_picker),
                ("Name", self.agent_name),
                ("Agent id", self.agent_id),
                ("Agent email", self.agent_email),
            ]
        )
        return self._page(page, [self.agent_customer, form], self.agent_button, [self.agent_result])

    def _build_tradein_page(self) -> QWidget:
        page = QWidget(self)
        self.trade_customer = self._selected_label("tradeCustomer")
        # Its refusal goes on the tab's message line: a line under the field would push the form down as one types.
        self.trade_vin = VinEdit("VIN of the trade (17 characters)", self, inline_message=False)
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
        form = form_rows(
            [
                ("VIN *", self.trade_vin),
                ("Value ($) *", self.trade_value),
                ("Year", self.trade_year),
                ("Make", self.trade_make),
                ("Model", self.trade_model),
                ("Trim", self.trade_trim),
                ("Mileage", self.trade_mileage),
            ]
        )
        return self._page(page, [self.trade_customer, form], self.trade_button, [self.trade_result, self.trade_link])

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
        form = form_rows([("Vehicle *", self.unlock_vehicle), ("Attribution id", self.custid)])
        below = [self.unlock_link, self.qr, self.qr_note]
        return self._page(page, [self.unlock_customer, form], self.unlock_button, below, grow=self.qr)

    def _build_link_page(self) -> QWidget:
        page = QWidget(self)
        self.link_vehicle = VehiclePicker(self.runner, "VIN, or blank for the store", self)  # fits at 1280 px
        self.link_vehicle.setToolTip("Blank: the link opens the dealer's online store instead of one vehicle's page.")
        self.link_utm = {key: self._campaign_line(f"link.{key}", key, f"link_{key}") for key in UTM_KEYS}
        self.link_button = QPushButton("Create vehicle page link", self)
        self.link_button.setObjectName("createLink")
        self.link_result = self._selected_label("linkResult")
        self.vehicle_link = LinkBox("vehicleLink", self)
        form = form_rows([("Vehicle", self.link_vehicle), *((CAMPAIGN_LABELS[k], self.link_utm[k]) for k in UTM_KEYS)])
        return self._page(page, [form], self.link_button, [self.link_result, self.vehicle_link])
