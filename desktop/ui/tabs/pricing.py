"""Deal Pricing: cash, finance and lease side by side for one vehicle and one customer, with the F&I menu.

Every keystroke reprices locally with the pure engine (a quote and the 60-deal payment grid take a few
milliseconds, so it runs on the GUI thread); a moment after the typing stops the same requests go to the
server through the TaskRunner and its answer is compared figure by figure with the local one. A difference
is flagged in the deal's column with both values, never hidden or silently replaced.

The local quote is built from the very request the tab sends (:func:`parse_pricing_request`), with the
dealer's configuration from the Dealers tab's cache (or the server) and the make's lender programs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.deal import DealerConfig, PricingInputError, Product
from desktop.domain.deal_request import parse_pricing_request, product_for
from desktop.domain.money import to_money
from desktop.domain.pricing import (
    CashDeal,
    DealInput,
    FinanceDeal,
    LeaseDeal,
    Lines,
    payment_grid,
    price_cash,
    price_finance,
    price_lease,
)
from desktop.domain.programs import ProgramSet, default_programs
from desktop.ui.errors import sentence
from desktop.ui.models.common import ObjectRole, RowsTableModel, SortRole
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.vehicle_picker import VehiclePicker

GRID_TERMS = (24, 36, 39, 48, 60, 72)
GRID_CASH_BASE = (Decimal(0), Decimal(1000), Decimal(2500), Decimal(5000))
GRID_CASH_SPARE = Decimal(7500)
CHECK_DELAY_MS = 600
DEAL_TYPES = ("cash", "finance", "lease")
OWNERSHIP = ("owned", "financed", "leased")
# What a manager reads first when the server disagrees.
KEY_FIGURES = ("monthly_payment", "due_at_signing", "total_purchase_price", "total_financed", "interest_rate")


def money(value: Decimal | float | None) -> str:
    if value is None:
        return "—"
    amount = Decimal(str(value))
    return f"-${-amount:,.2f}" if amount < 0 else f"${amount:,.2f}"


def parse_money(text: str, field: str) -> Decimal:
    """A typed amount ("1,500", "$2000.5", "" for zero); a field error names ``field`` otherwise."""
    cleaned = text.strip().replace(",", "").replace("$", "")
    if not cleaned:
        return Decimal(0)
    try:
        return to_money(cleaned)
    except (ValueError, InvalidOperation):
        raise PricingInputError(field, f"{text.strip()!r} is not an amount; type digits such as 2500.") from None


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """``{"a": {"b": 1}}`` → ``{"a.b": 1}``, so two answers compare key by key."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}{key}."))
        return out
    return {prefix.rstrip("."): value}


def differences(local: dict[str, Any] | None, server: dict[str, Any] | None) -> list[tuple[str, Any, Any]]:
    """(key, local value, server value) for every term where the two answers disagree."""
    if local is None or server is None:
        return (
            []
            if local is server
            else [("deal", "priced" if local else "not priced", "priced" if server else "not priced")]
        )
    mine, theirs = flatten(local.get("terms", {})), flatten(server.get("terms", {}))
    keys = sorted(set(mine) | set(theirs), key=lambda k: (KEY_FIGURES.index(k) if k in KEY_FIGURES else 99, k))
    return [(k, mine.get(k), theirs.get(k)) for k in keys if mine.get(k) != theirs.get(k)]


class DealLinesModel(RowsTableModel[tuple[str, Any]]):
    """One deal's explanation: label and amount, line by line, in the engine's order."""

    COL_ITEM, COL_AMOUNT = range(2)
    HEADERS = ("Item", "Amount")
    set_lines = RowsTableModel.set_rows
    lines = RowsTableModel.rows

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.row_object(index)
        if line is None:
            return None
        label, amount = line
        if role == ObjectRole:
            return line
        if role == SortRole:
            return (label, float(amount))[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return label if index.column() == self.COL_ITEM else money(amount)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.COL_AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class PaymentGridModel(QAbstractTableModel):
    """Monthly payments: one row per term, one column per customer cash amount; the deal on the desk is bold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._terms: list[int] = []
        self._cash: list[Decimal] = []
        self._cells: dict[int, dict[Decimal, Decimal | None]] = {}
        self._current: tuple[int, Decimal] | None = None

    def set_grid(
        self, cells: dict[int, dict[Decimal, Decimal | None]], cash: list[Decimal], current: tuple[int, Decimal]
    ) -> None:
        if list(cells) == self._terms and cash == self._cash:
            self._cells, self._current = cells, current
            if self._terms and self._cash:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._terms) - 1, len(self._cash) - 1))
            return
        self.beginResetModel()
        self._terms, self._cash, self._cells, self._current = list(cells), list(cash), cells, current
        self.endResetModel()

    def clear(self) -> None:
        self.set_grid({}, [], (0, Decimal(0)))

    def payment(self, term: int, cash: Decimal) -> Decimal | None:
        return self._cells.get(term, {}).get(cash)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._terms)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cash)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return f"${self._cash[section]:,.0f} cash" if 0 <= section < len(self._cash) else None
        return f"{self._terms[section]} mo" if 0 <= section < len(self._terms) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._terms) or index.column() >= len(self._cash):
            return None
        term, cash = self._terms[index.row()], self._cash[index.column()]
        value = self._cells.get(term, {}).get(cash)
        if role in (ObjectRole, SortRole):
            return (term, cash, value) if role == ObjectRole else (float(value) if value is not None else -1.0)
        if role == Qt.ItemDataRole.DisplayRole:
            return "n/a" if value is None else money(value)
        if role == Qt.ItemDataRole.ToolTipRole and value is None:
            return "No program writes this term, or the cash is more than this deal can take."
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (term, cash) == self._current:
            font = QFont()
            font.setBold(True)
            return font
        return None


class DealColumn(QGroupBox):
    """One deal type: its payment in large type, its lines, and what the server said about it."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.headline = QLabel("—", self)
        self.headline.setObjectName("dealHeadline")
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.headline.setFont(font)
        self.model = DealLinesModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.problem = QLabel(self)
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.check = QLabel("Not checked with the server yet.", self)
        self.check.setWordWrap(True)
        self.check.setObjectName("serverCheck")
        self.check.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.problem)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.check)
        self.differs = False
        self.setMinimumWidth(280)

    def show_deal(self, headline: str, lines: Lines) -> None:
        self.headline.setText(headline)
        self.problem.hide()
        self.model.set_lines(lines)

    def show_problem(self, text: str) -> None:
        self.headline.setText("—")
        self.problem.setText(text)
        self.problem.show()
        self.model.set_lines([])

    def set_check(self, text: str, differs: bool, *, agrees: bool = False) -> None:
        """Red when the server differs, green only when it agrees; a check not made is neutral, not "fine"."""
        self.differs = differs
        self.check.setText(text)
        color = "color: #b91c1c; font-weight: bold;" if differs else "color: #15803d;" if agrees else "color: #4b5563;"
        self.check.setStyleSheet(color)


class PricingTab(QWidget):
    """The finance manager's desk for the rooftop in :class:`Workspace`."""

    server_checked = Signal()  # a server comparison finished (agreeing or not)
    catalog_loaded = Signal()
    vehicle_read = Signal(str)  # a choose_vehicle finished: the VIN now priced, or "" when the cache lacks it

    def __init__(self, runner: Any, workspace: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.workspace = workspace
        self.dealer_config: DealerConfig | None = None
        self.vehicle: dict[str, Any] | None = None
        self.catalog: list[Any] = []  # ProtectionPlan
        self.selected_plans: dict[int, str] = {}  # plan id → tier code
        self.deals: dict[str, CashDeal | FinanceDeal | LeaseDeal | None] = dict.fromkeys(DEAL_TYPES)
        self.requests: dict[str, dict[str, Any]] = {}
        self.server_programs: dict[str, Any] | None = None
        self._programs: dict[tuple[str, date], ProgramSet] = {}
        self._generation = 0
        self._check_job = 0
        self._catalog_job = 0
        self._config_job = 0
        self._vehicle_job = 0
        self._catalog_key: tuple[Any, ...] | None = None
        self._filling = False
        self._detail: dict[str, Any] | None = None
        self.tier_boxes: dict[int, QComboBox] = {}

        self.banner = Banner(self)
        self._build_inputs()
        self.columns = {kind: DealColumn(kind.capitalize(), self) for kind in DEAL_TYPES}
        self.finance_grid, self.lease_grid = PaymentGridModel(self), PaymentGridModel(self)
        self.grid_views = {"finance": QTableView(self), "lease": QTableView(self)}
        for kind, model in (("finance", self.finance_grid), ("lease", self.lease_grid)):
            view = self.grid_views[kind]
            view.setModel(model)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
            view.setToolTip("Double-click a cell to price that term and cash")
            view.doubleClicked.connect(lambda index, k=kind: self._on_grid_picked(k, index))
        self.menu = QTableWidget(0, 4, self)
        self.menu.setHorizontalHeaderLabels(("Product", "Tier", "Price", "Taxable / residualized"))
        self.menu.verticalHeader().hide()
        self.menu.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for section in (1, 2, 3):
            self.menu.horizontalHeader().setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
        self.menu.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.menu_status = QLabel("Choose a vehicle to see the dealer's protection products.", self)
        self.programs = QTreeWidget(self)
        self.programs.setHeaderLabels(("Program", "Term", "Credit", "Rate / amount", "Expires"))
        self.programs_source = QLabel(self)
        self.save_pdf = QPushButton("Save worksheet as PDF…", self)
        self.save_pdf.setEnabled(False)
        self.chaiz: QWidget | None = None
        self._layout()

        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.check_with_server)
        self.menu.itemChanged.connect(self._on_menu_item_changed)
        self.save_pdf.clicked.connect(self._on_save_pdf)
        workspace.rooftop_changed.connect(self._on_rooftop_changed)
        workspace.connection_changed.connect(self._on_connection_changed)
        workspace.inventory_changed.connect(self._on_inventory_changed)
        if workspace.dpid:
            self._on_rooftop_changed(workspace.dpid)

    # --- construction -------------------------------------------------------------------------------------------

    def _field(self, widget: QWidget, key: str) -> QWidget:
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(widget)
        message = QLabel(box)
        message.setObjectName("fieldError")
        message.setWordWrap(True)
        message.hide()
        lay.addWidget(message)
        self.field_messages[key] = message
        return box

    def _build_inputs(self) -> None:
        self.field_messages: dict[str, QLabel] = {}
        self.vehicle_picker = VehiclePicker(self.runner, "Type a VIN and press Enter, or a model to pick", parent=self)
        self.vin_edit = self.vehicle_picker.vin_edit
        self.credit_score = QSpinBox(self)
        self.credit_score.setRange(0, 999)
        self.credit_score.setValue(750)
        self.zip_code = QLineEdit(self)
        self.zip_code.setMaxLength(10)
        self.zip_code.setPlaceholderText("Buyer's ZIP, e.g. 94113")
        codes = [i for i in default_programs("Any", date.today()).incentives if i.code is not None]
        self.incentives = {i.code or "": QCheckBox(f"{i.name} ({money(i.amount)})", self) for i in codes}
        self.customer_cash = QLineEdit("0", self)
        self.finance_term = QSpinBox(self)
        self.lease_term = QSpinBox(self)
        for box, value in ((self.finance_term, 60), (self.lease_term, 36)):
            box.setRange(1, 120)
            box.setSuffix(" months")
            box.setValue(value)
        self.annual_mileage = QSpinBox(self)
        self.annual_mileage.setRange(1000, 40_000)
        self.annual_mileage.setSingleStep(500)
        self.annual_mileage.setGroupSeparatorShown(True)
        self.annual_mileage.setValue(12_000)
        self.annual_mileage.setSuffix(" mi/yr")
        self.trade_value = QLineEdit(self)
        self.trade_value.setPlaceholderText("No trade-in")
        self.trade_payoff = QLineEdit(self)
        self.trade_payoff.setPlaceholderText("0")
        self.trade_ownership = QComboBox(self)
        self.trade_ownership.addItems(OWNERSHIP)

        for edit in (self.zip_code, self.customer_cash, self.trade_value, self.trade_payoff):
            edit.textChanged.connect(self.recompute)
        for spin in (self.credit_score, self.finance_term, self.lease_term, self.annual_mileage):
            spin.valueChanged.connect(self.recompute)
        for check in self.incentives.values():
            check.toggled.connect(self.recompute)
        self.trade_ownership.currentIndexChanged.connect(self.recompute)
        self.vehicle_picker.picked.connect(self.choose_vehicle)
        self.vin_edit.accepted.connect(self.choose_vehicle)

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("Vehicle", self._field(self.vehicle_picker, "vehicle.vin"))
        form.addRow("Credit score", self._field(self.credit_score, "customer.credit_score"))
        form.addRow("ZIP", self._field(self.zip_code, "customer.zip_code"))
        incentives = QWidget(self)
        ilay = QVBoxLayout(incentives)
        ilay.setContentsMargins(0, 0, 0, 0)
        for check in self.incentives.values():
            ilay.addWidget(check)
        form.addRow("Qualifies for", incentives)
        form.addRow("Customer cash", self._field(self.customer_cash, "payment.customer_cash"))
        form.addRow("Finance term", self._field(self.finance_term, "finance.payment.term"))
        form.addRow("Lease term", self._field(self.lease_term, "lease.payment.term"))
        form.addRow("Annual mileage", self._field(self.annual_mileage, "payment.annual_mileage"))
        form.addRow("Trade-in value", self._field(self.trade_value, "trade_in.value"))
        form.addRow("Payoff", self._field(self.trade_payoff, "trade_in.payoff"))
        form.addRow("Ownership", self._field(self.trade_ownership, "trade_in.ownership"))
        inputs = QWidget(self)
        inputs.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidget(inputs)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(400)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        deals = QWidget(self)
        dlay = QHBoxLayout(deals)
        dlay.setContentsMargins(0, 0, 0, 0)
        for column in self.columns.values():
            dlay.addWidget(column, 1)

        self.sections = QTabWidget(self)
        grids = QWidget(self)
        glay = QHBoxLayout(grids)
        for kind, title in (("finance", "Finance (monthly)"), ("lease", "Lease (monthly; cash = due at signing)")):
            box = QGroupBox(title, grids)
            QVBoxLayout(box).addWidget(self.grid_views[kind])
            glay.addWidget(box)
        self.sections.addTab(grids, "Payment grid")
        menu = QWidget(self)
        mlay = QVBoxLayout(menu)
        mlay.addWidget(self.menu)
        mlay.addWidget(self.menu_status)
        self.sections.addTab(menu, "F&&I menu")
        programs = QWidget(self)
        play = QVBoxLayout(programs)
        play.addWidget(self.programs)
        play.addWidget(self.programs_source)
        self.sections.addTab(programs, "Programs")
        self._add_chaiz()

        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(deals)
        right.addWidget(self.sections)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setSizes([560, 360])
        main = QSplitter(Qt.Orientation.Horizontal, self)
        main.addWidget(scroll)
        main.addWidget(right)
        main.setStretchFactor(1, 1)
        main.setSizes([400, 1000])
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_pdf)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(main, 1)
        layout.addLayout(buttons)

    def _add_chaiz(self) -> None:
        try:
            from desktop.ui.widgets.chaiz_panel import ChaizPanel
        except ImportError:
            return
        self.chaiz = ChaizPanel(self.runner, self.workspace, self)
        scroll = QScrollArea(self)
        scroll.setWidget(self.chaiz)
        scroll.setWidgetResizable(True)
        self.sections.addTab(scroll, "Service contracts (Chaiz)")

    # --- public -------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._catalog_key = None
        self._load_dealer_config(force=True)

    def focus_find(self) -> None:
        self.vin_edit.edit.setFocus()

    def set_dealer_config(self, config: DealerConfig) -> None:
        """Price with ``config`` from now on (the Dealers tab's cached configuration, or a newer one)."""
        self.dealer_config = config
        self.recompute()

    def choose_vehicle(self, vin: str) -> None:
        """Price ``vin``, picked or typed: its record is read from the rooftop's cache in the TaskRunner, since even
        a one-row read can wait on the database; ``vehicle_read`` follows. A VIN the cache lacks is said under the
        field."""
        self._read_vehicle(vin, self._on_vehicle_missing)

    def select_vehicle(self, vin: str) -> bool:
        """Price ``vin`` at once, for a caller that must know now (a saved deal being reopened); ``False`` when the
        rooftop's cache lacks it. What a person picks or types goes through :meth:`choose_vehicle` instead."""
        dpid = self.workspace.dpid
        vehicle = self.workspace.cache.vehicle(dpid, vin) if dpid and vin else None
        if vehicle is None:
            return False
        self.vin_edit.edit.setText(vin)
        self._set_vehicle(vehicle)
        return True

    def _read_vehicle(self, vin: str, on_missing: Callable[[str], None]) -> None:
        dpid, cache = self.workspace.dpid, self.workspace.cache
        self.runner.cancel(self._vehicle_job)
        self._vehicle_job = self.runner.submit(
            lambda: cache.vehicle(dpid, vin) if dpid and vin else None,
            lambda vehicle: self._on_vehicle_read(dpid, vin, vehicle, on_missing),
            self._on_vehicle_failed,
            label=f"Reading vehicle {vin}",
        )

    def programs_for(self, make: str, as_of: date) -> ProgramSet:
        """One program set per make and day, reused: its lookup caches are what keeps the grid fast."""
        key = (make.casefold(), as_of)
        found = self._programs.get(key)
        if found is None:
            found = self._programs[key] = default_programs(make, as_of)
        return found

    # --- inputs → request → local quote ------------------------------------------------------------------------

    def _plans(self) -> list[dict[str, Any]]:
        chosen = []
        for plan in self.catalog:
            code = self.selected_plans.get(plan.id)
            tier = next((t for t in plan.tiers if t.code == code), None)
            if tier is not None:
                chosen.append({"id": plan.id, "code": plan.code, "tier": tier.code, "price": tier.offer})
        return chosen

    def _resolve_plan(self, index: int, plan: Any) -> Product:
        found = next((p for p in self.catalog if p.id == plan.get("id")), None)
        tier = None if found is None else next((t for t in found.tiers if t.code == plan.get("tier")), None)
        if found is None or tier is None:
            raise PricingInputError(f"plans[{index}].id", "this product is no longer in the dealer's catalog.")
        return product_for(found.model_dump(), tier.model_dump(), plan.get("price"))

    def build_request(self, deal_type: str) -> dict[str, Any]:
        """The reference's pricing request for what the form holds; raises a field error for bad typing."""
        assert self.vehicle is not None
        cash = parse_money(self.customer_cash.text(), "payment.customer_cash")
        body: dict[str, Any] = {
            "customer": {
                "credit_score": self.credit_score.value(),
                "incentives": [code for code, box in self.incentives.items() if box.isChecked()],
                "zip_code": self.zip_code.text().strip(),
            },
            "dealer": {"dpid": self.workspace.dpid},
            "vehicle": {"vin": self.vehicle["vin"]},
            "payment": {
                "deal_type": deal_type,
                "customer_cash": float(cash),
                "term": (self.lease_term if deal_type == "lease" else self.finance_term).value(),
                "annual_mileage": self.annual_mileage.value(),
                "no_taxes_or_fees": False,
            },
            "plans": self._plans(),
        }
        value = parse_money(self.trade_value.text(), "trade_in.value")
        payoff = parse_money(self.trade_payoff.text(), "trade_in.payoff")
        if self.trade_value.text().strip() or payoff:
            body["trade_in"] = {
                "value": float(value),
                "payoff": float(payoff),
                "ownership": self.trade_ownership.currentText(),
            }
        return body

    def _clear_messages(self) -> None:
        for label in self.field_messages.values():
            label.hide()

    def _show_field(self, field: str, message: str, deal_type: str = "") -> bool:
        key = f"{deal_type}.{field}" if field == "payment.term" and deal_type else field
        label = self.field_messages.get(key)
        if label is None:
            return False
        label.setText(message)
        label.show()
        return True

    def recompute(self) -> None:
        """Reprice everything locally now, and check with the server once the typing stops."""
        if self._filling:
            return
        self._generation += 1
        self._clear_messages()
        self.check_timer.stop()
        self.deals = dict.fromkeys(DEAL_TYPES)
        self.requests = {}
        if self.dealer_config is None or self.vehicle is None:
            why = "Loading the dealer's fees and markups…" if self.vehicle else "Choose a vehicle to price."
            for column in self.columns.values():
                column.show_problem(why)
            self._clear_grids()
            self.save_pdf.setEnabled(False)
            return
        today = date.today()
        inputs: dict[str, DealInput] = {}
        try:
            for kind in ("finance", "lease"):
                self.requests[kind] = self.build_request(kind)
                inputs[kind] = parse_pricing_request(
                    self.requests[kind], self.dealer_config, self.vehicle, today, self._resolve_plan
                )
        except PricingInputError as exc:
            self.requests = {}
            if not self._show_field(exc.field, exc.message):
                self.banner.show_error(f"{exc.field}: {exc.message}")
            for column in self.columns.values():
                column.show_problem(f"Fix the highlighted field: {exc.message}")
                column.set_check("Not checked with the server: the input has a problem.", False)
            self._clear_grids()
            self.save_pdf.setEnabled(False)
            return
        self.banner.clear_message()
        programs = self.programs_for(inputs["finance"].make, today)
        self._price_column("cash", lambda: price_cash(inputs["finance"], programs))
        self._price_column("finance", lambda: price_finance(inputs["finance"], programs))
        self._price_column("lease", lambda: price_lease(inputs["lease"], programs))
        self._update_grids(inputs["finance"], programs)
        if self.server_programs is None:
            self._show_programs(programs.to_api(today, inputs["finance"].used), "local programs (not yet confirmed)")
        for column in self.columns.values():
            column.set_check("Checking with the server…", False)
        self.save_pdf.setEnabled(True)
        self.check_timer.start()

    def _price_column(self, kind: str, price: Any) -> None:
        column = self.columns[kind]
        try:
            deal = price()
        except PricingInputError as exc:
            self._show_field(exc.field, exc.message, kind)
            column.show_problem(f"No {kind} deal: {exc.message}")
            return
        self.deals[kind] = deal
        if isinstance(deal, CashDeal):
            headline = f"{money(deal.due_at_signing)} due"
        elif isinstance(deal, FinanceDeal):
            headline = f"{money(deal.monthly_payment)}/mo · {deal.term} mo · {deal.apr:f} % APR"
        else:
            headline = f"{money(deal.monthly_payment)}/mo · {deal.term} mo · {money(deal.customer_cash)} due"
        lines = deal.lines
        if isinstance(deal, LeaseDeal):
            lines = [*lines, ("Money factor (x 1,000)", deal.money_factor * 1000)]
        column.show_deal(headline, lines)

    def grid_cash(self) -> list[Decimal]:
        try:
            current = max(parse_money(self.customer_cash.text(), "payment.customer_cash"), Decimal(0))
        except PricingInputError:
            current = Decimal(0)
        amounts = set(GRID_CASH_BASE)
        amounts.add(current if current not in amounts else GRID_CASH_SPARE)
        return sorted(amounts)

    def _update_grids(self, inp: DealInput, programs: ProgramSet) -> None:
        cash = self.grid_cash()
        grid = payment_grid(inp, programs, GRID_TERMS, cash)
        current = inp.customer_cash
        self.finance_grid.set_grid(grid["finance"], cash, (self.finance_term.value(), current))
        self.lease_grid.set_grid(grid["lease"], cash, (self.lease_term.value(), current))

    def _clear_grids(self) -> None:
        self.finance_grid.clear()
        self.lease_grid.clear()

    # --- server check -------------------------------------------------------------------------------------------

    def check_with_server(self) -> None:
        """Send the requests just priced locally and compare the server's answers figure by figure."""
        connection = self.workspace.connection
        if not self.requests:
            return
        if connection is None:
            for column in self.columns.values():
                column.set_check("Not checked: not connected to the server. These are local figures.", True)
            return
        requests = {k: dict(v) for k, v in self.requests.items()}
        generation = self._generation
        self._refresh_catalog()
        self.runner.cancel(self._check_job)

        def check() -> dict[str, Any]:
            from desktop.api.errors import BadRequest
            from desktop.api.roadster import pricing as api

            answers: dict[str, Any] = {}
            for kind, body in requests.items():
                try:
                    answers[kind] = api.quote(connection.roadster, body)
                except BadRequest as exc:
                    answers[kind] = exc
            return answers

        self._check_job = self.runner.submit(
            check,
            lambda answers: self._on_checked(generation, answers),
            lambda exc: self._on_check_failed(generation, exc),
            label="Checking the deal with the server",
        )

    def _on_checked(self, generation: int, answers: dict[str, Any]) -> None:
        if generation != self._generation:
            return
        for kind, source in (("cash", "finance"), ("finance", "finance"), ("lease", "lease")):
            answer = answers.get(source)
            local_deal = self.deals.get(kind)
            local = None if local_deal is None else local_deal.to_api()
            if isinstance(answer, Exception):
                server_field = getattr(answer, "field", None)
                text = f"The server refused this deal ({server_field or 'request'}): {sentence(answer)}"
                self.columns[kind].set_check(text, local is not None)
                continue
            server = None if answer is None else answer.deals.get(kind)
            diffs = differences(local, server)
            if not diffs:
                agreed = "Server agrees to the cent." if local is not None else "The server cannot price it either."
                self.columns[kind].set_check(agreed, False, agrees=local is not None)
                continue
            shown = "; ".join(
                f"{key}: {_fmt(mine)} here, {_fmt(theirs)} on the server" for key, mine, theirs in diffs[:4]
            )
            more = f" (and {len(diffs) - 4} more)" if len(diffs) > 4 else ""
            self.columns[kind].set_check(f"Server differs — {shown}{more}.", True)
        finance = answers.get("finance")
        if finance is not None and not isinstance(finance, Exception) and finance.programs:
            self.server_programs = finance.programs
            self._show_programs(finance.programs, "the server's programs")
        self.server_checked.emit()

    def _on_check_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        for column in self.columns.values():
            column.set_check(f"Not checked with the server: {sentence(exc)} These are local figures.", True)
        self.server_checked.emit()

    # --- F&I catalog --------------------------------------------------------------------------------------------

    def _catalog_terms(self) -> tuple[str, float | None, int | None, float | None]:
        """What the catalog is priced for: the finance deal before products (GAP follows the amount financed)."""
        finance = self.deals.get("finance")
        if not isinstance(finance, FinanceDeal):
            return "cash", None, None, None
        purchase = finance.purchase
        financed = finance.amount_financed - purchase.products_total
        if not finance.inp.no_taxes_or_fees:
            financed -= purchase.taxable_products * finance.tax.rule.combined_rate
        return "finance", float(finance.apr), finance.term, float(round(financed, -2))

    def _refresh_catalog(self) -> None:
        connection, dealer = self.workspace.connection, self.workspace.dealer()
        if connection is None or self.vehicle is None:
            return
        partner_id = str((dealer or {}).get("partner_id") or (self._detail or {}).get("partner_id") or "")
        if not partner_id:
            return
        deal_type, rate, term, financed = self._catalog_terms()
        key = (self.vehicle["vin"], deal_type, rate, term, financed)
        if key == self._catalog_key:
            return
        self._catalog_key = key
        vin = self.vehicle["vin"]
        self.runner.cancel(self._catalog_job)

        def load() -> list[Any]:
            from desktop.api.roadster import pricing as api

            return api.protection_plans(
                connection.roadster,
                partner_id,
                vin,
                deal_type,
                deal_rate=rate,
                deal_term=term,
                amount_financed=financed,
            )

        self.menu_status.setText("Loading the dealer's protection products…")
        self._catalog_job = self.runner.submit(
            load, self._on_catalog, self._on_catalog_failed, label="Loading F&I menu"
        )

    def _on_catalog(self, plans: list[Any]) -> None:
        old_prices = [(p["id"], p["tier"], p["price"]) for p in self._plans()]
        self.catalog = plans
        self._fill_menu()
        what = "finance deal" if self._catalog_key and self._catalog_key[1] == "finance" else "cash deal"
        self.menu_status.setText(f"{len(plans)} products, priced for this {what}. Tick a product to add it.")
        self.catalog_loaded.emit()
        if [(p["id"], p["tier"], p["price"]) for p in self._plans()] != old_prices:
            self.recompute()

    def _on_catalog_failed(self, exc: BaseException) -> None:
        self._catalog_key = None
        self.menu_status.setText(f"The protection products could not be loaded: {sentence(exc)}")

    def _fill_menu(self) -> None:
        self._filling = True
        try:
            self.menu.setRowCount(len(self.catalog))
            self.tier_boxes = {}
            for row, plan in enumerate(self.catalog):
                item = QTableWidgetItem(f"{plan.title} ({plan.category})")
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if plan.id in self.selected_plans else Qt.CheckState.Unchecked)
                item.setData(ObjectRole, plan.id)
                item.setToolTip(plan.description)
                self.menu.setItem(row, 0, item)
                box = QComboBox(self.menu)
                for tier in plan.tiers:
                    box.addItem(f"{tier.title} — {money(tier.offer)}", tier.code)
                chosen = self.selected_plans.get(plan.id)
                index = box.findData(chosen) if chosen else plan.default_tier_index
                box.setCurrentIndex(max(0, min(index, box.count() - 1)))
                box.currentIndexChanged.connect(lambda _i, pid=plan.id: self._on_tier_changed(pid))
                self.tier_boxes[plan.id] = box
                self.menu.setCellWidget(row, 1, box)
                self.menu.setItem(row, 2, QTableWidgetItem(money(self._tier_offer(plan, str(box.currentData())))))
                flags = f"{'taxable' if plan.taxable else 'not taxed'}, {'residualized' if plan.residualize else '—'}"
                self.menu.setItem(row, 3, QTableWidgetItem(flags))
            stale = set(self.selected_plans) - {p.id for p in self.catalog}
            for plan_id in stale:
                del self.selected_plans[plan_id]
        finally:
            self._filling = False

    @staticmethod
    def _tier_offer(plan: Any, code: str) -> float:
        return next((t.offer for t in plan.tiers if t.code == code), 0.0)

    def set_product(self, plan_id: int, tier_code: str | None = None, on: bool = True) -> None:
        """Add (or remove) a catalog product, as ticking it in the menu does."""
        row = next(i for i, p in enumerate(self.catalog) if p.id == plan_id)
        if tier_code is not None:
            box = self.tier_boxes[plan_id]
            box.setCurrentIndex(box.findData(tier_code))
        item = self.menu.item(row, 0)
        assert item is not None
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _on_menu_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 0:
            return
        plan_id = int(item.data(ObjectRole))
        if item.checkState() == Qt.CheckState.Checked:
            self.selected_plans[plan_id] = str(self.tier_boxes[plan_id].currentData())
        else:
            self.selected_plans.pop(plan_id, None)
        self.recompute()

    def _on_tier_changed(self, plan_id: int) -> None:
        if self._filling:
            return
        code = str(self.tier_boxes[plan_id].currentData())
        row = next(i for i, p in enumerate(self.catalog) if p.id == plan_id)
        self.menu.setItem(row, 2, QTableWidgetItem(money(self._tier_offer(self.catalog[row], code))))
        if plan_id in self.selected_plans:
            self.selected_plans[plan_id] = code
            self.recompute()

    # --- programs -----------------------------------------------------------------------------------------------

    def _show_programs(self, programs: dict[str, Any], source: str) -> None:
        self.programs.clear()
        cash = programs.get("cash", {})
        offers = QTreeWidgetItem(self.programs, ["Incentives and rebates"])
        for entry in [*cash.get("incentives", []), *cash.get("rebates", [])]:
            taxed = "taxable" if entry.get("taxable", True) else "not taxed"
            QTreeWidgetItem(
                offers,
                [
                    f"{entry.get('display_name', entry.get('name', ''))} ({entry.get('name', '')}, {taxed})",
                    "",
                    "",
                    money(entry.get("cash")),
                    str(entry.get("expires_at", ""))[:10],
                ],
            )
        for kind, label in (("finance", "Finance programs"), ("lease", "Lease programs")):
            parent = QTreeWidgetItem(self.programs, [label])
            for row in programs.get(kind, []):
                rate = (
                    f"{row['interest_rate']:g} % APR"
                    if kind == "finance"
                    else f"MF {row['money_factor']:g}/1000, residual {row['base_residual']:g} %"
                )
                QTreeWidgetItem(
                    parent,
                    [
                        f"{row.get('name', '')} ({row.get('lender', '')})",
                        f"{row['term']} mo",
                        f"{row['min_score']}+",
                        rate,
                        str(row.get("expires_at", ""))[:10],
                    ],
                )
        offers.setExpanded(True)
        self.programs.resizeColumnToContents(1)
        self.programs_source.setText(f"Showing {source} as of {date.today().isoformat()}.")

    # --- rooftop, dealer configuration, vehicle -----------------------------------------------------------------

    def _on_rooftop_changed(self, dpid: str) -> None:
        self.dealer_config = None
        self._detail = None
        self.catalog, self.selected_plans, self._catalog_key, self.server_programs = [], {}, None, None
        self.menu.setRowCount(0)
        self._load_vehicles()
        if dpid:
            dealer = self.workspace.dealer(dpid) or {}
            if dealer.get("zip_code") and not self.zip_code.text().strip():
                self.zip_code.setText(str(dealer["zip_code"]))
        self._load_dealer_config()

    def _on_connection_changed(self) -> None:
        if self.workspace.connected and self.dealer_config is None:
            self._load_dealer_config()
        elif self.workspace.connected:
            self.recompute()

    def _on_inventory_changed(self, dpid: str) -> None:
        if dpid == self.workspace.dpid:
            self._load_vehicles()

    def _load_vehicles(self) -> None:
        """Offer the rooftop's cached vehicles; the vehicle on the desk stays if this rooftop's cache has it."""
        self.vehicle_picker.set_source(self.workspace.cache, self.workspace.dpid)
        current = self.vehicle["vin"] if self.vehicle else ""
        self.vehicle = None
        self.recompute()
        if current:
            self._read_vehicle(current, self._on_vehicle_gone)

    def _load_dealer_config(self, force: bool = False) -> None:
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

    def _apply_detail(self, detail: dict[str, Any]) -> None:
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
        if not self.zip_code.text().strip() and detail.get("zip_code"):
            self.zip_code.setText(str(detail["zip_code"]))
        self.recompute()

    def _on_config_failed(self, exc: BaseException) -> None:
        self.banner.show_error(f"The dealer's fees and markups could not be loaded: {sentence(exc)}")

    def _on_vehicle_read(
        self, dpid: str, vin: str, vehicle: dict[str, Any] | None, on_missing: Callable[[str], None]
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

    def _on_vehicle_failed(self, exc: BaseException) -> None:
        self.vin_edit.message.setText(f"The vehicle could not be read from the cache: {sentence(exc)}")
        self.vin_edit.message.show()

    def _on_vehicle_gone(self, vin: str) -> None:
        if self.vin_edit.edit.text() == vin:
            self.vin_edit.edit.clear()

    def _on_vehicle_missing(self, vin: str) -> None:
        dpid = self.workspace.dpid or "this rooftop"
        self.vin_edit.message.setText(
            f"{vin} is not in {dpid}'s cached inventory; sync it on the Inventory tab, then try again."
        )
        self.vin_edit.message.show()

    def _set_vehicle(self, vehicle: dict[str, Any]) -> None:
        self.vehicle = vehicle
        vin = str(vehicle["vin"])
        self.catalog, self._catalog_key = [], None
        self.menu.setRowCount(0)
        if self.chaiz is not None:
            set_vehicle = getattr(self.chaiz, "set_vehicle", None)
            if set_vehicle is not None:
                set_vehicle(vin, 10, self.zip_code.text().strip())
        self.recompute()

    def _on_grid_picked(self, kind: str, index: QModelIndex) -> None:
        term, cash, _value = index.data(ObjectRole)
        (self.lease_term if kind == "lease" else self.finance_term).setValue(term)
        self.customer_cash.setText(f"{cash:f}")

    # --- worksheet ------------------------------------------------------------------------------------------------

    def worksheet_html(self) -> str:
        vehicle = self.vehicle or {}
        dealer = self.workspace.dealer() or self._detail or {}
        head = (
            f"<h3>Deal worksheet — {dealer.get('name', self.workspace.dpid)}</h3>"
            f"<p>{vehicle.get('year', '')} {vehicle.get('make', '')} {vehicle.get('model', '')} "
            f"{vehicle.get('trim', '')} · VIN {vehicle.get('vin', '')} · stock {vehicle.get('stock_number', '')}<br>"
            f"Credit score {self.credit_score.value()} · ZIP {self.zip_code.text()} · customer cash "
            f"{money(parse_money(self.customer_cash.text() or '0', 'payment.customer_cash'))} · "
            f"{self.annual_mileage.value():,} miles a year · priced {date.today().isoformat()}</p>"
        )
        cells = []
        for kind in DEAL_TYPES:
            column = self.columns[kind]
            rows = "".join(
                f"<tr><td>{label}</td><td align='right'>{money(amount)}</td></tr>"
                for label, amount in column.model.lines()
            )
            note = column.problem.text() if column.problem.isVisible() else column.check.text()
            cells.append(
                f"<td valign='top' width='33%'><b>{kind.capitalize()}: {column.headline.text()}</b>"
                f"<table width='100%' cellspacing='0' cellpadding='1'>{rows}</table><i>{note}</i></td>"
            )
        grid_rows = []
        for kind, model in (("Finance", self.finance_grid), ("Lease", self.lease_grid)):
            cash = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
            grid_rows.append(f"<tr><th>{kind}</th>" + "".join(f"<th>{c}</th>" for c in cash) + "</tr>")
            for r in range(model.rowCount()):
                values = "".join(f"<td align='right'>{model.index(r, c).data()}</td>" for c in range(len(cash)))
                grid_rows.append(f"<tr><td>{model.headerData(r, Qt.Orientation.Vertical)}</td>{values}</tr>")
        products = ", ".join(f"{p['code']} {p['tier']} {money(p['price'])}" for p in self._plans()) or "none"
        return (
            "<html><body style='font-size:7pt'>"
            + head
            + f"<table width='100%' cellspacing='6'><tr>{''.join(cells)}</tr></table>"
            + f"<p><b>Protection products:</b> {products}</p>"
            + f"<table cellspacing='0' cellpadding='2' border='1'>{''.join(grid_rows)}</table>"
            + "<p>Customer signature ____________________ &nbsp; Manager ____________________</p></body></html>"
        )

    def save_worksheet(self, path: Path) -> None:
        """Write the deal as a one-page PDF; the text shrinks until the page holds it."""
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
        writer.setResolution(300)
        writer.setTitle("Deal worksheet")
        document = QTextDocument()
        document.setHtml(self.worksheet_html())
        size = 7.0
        while True:
            font = document.defaultFont()
            font.setPointSizeF(size)
            document.setDefaultFont(font)
            document.setPageSize(writer.pageLayout().paintRectPixels(writer.resolution()).size().toSizeF())
            if document.pageCount() <= 1 or size <= 4:
                break
            size -= 0.5
            document.setHtml(self.worksheet_html().replace("font-size:7pt", f"font-size:{size}pt"))
        document.print_(writer)

    def _on_save_pdf(self) -> None:
        vin = self.vehicle["vin"] if self.vehicle else "deal"
        name, _ = QFileDialog.getSaveFileName(self, "Save worksheet", f"worksheet-{vin}.pdf", "PDF (*.pdf)")
        if not name:
            return
        try:
            self.save_worksheet(Path(name))
        except OSError as exc:
            self.banner.show_error(f"The worksheet could not be saved to {name}: {exc.strerror or exc}.")
            return
        self.banner.show_info(f"Worksheet saved to {name}.")


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1 else f"{value:,.2f}"
    return "missing" if value is None else str(value)
