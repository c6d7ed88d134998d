"""Deal Pricing: the finance manager's desk — the deal structured, priced three ways, gridded, sold from a menu.

Every keystroke reprices locally with the pure engine through :mod:`desktop.domain.desking` (the three deals,
two grids and the menu take a few milliseconds, so it runs on the GUI thread); a moment after the typing stops
the partner requests go to the server through the TaskRunner and each answer is compared figure by figure with
the local price of the very same request (:mod:`.server_check`).

The form reads into a :class:`~desktop.domain.desking.DealStructure`; the deal jacket stores that record.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
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
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.deal import DealerConfig, Ownership, PricingInputError, TradeIn
from desktop.domain.deal_request import vehicle_msrp
from desktop.domain.desking import (
    DealStructure,
    DeskContext,
    DeskDeal,
    DeskVehicle,
    JurisdictionRate,
    TaxSource,
    price_desk,
)
from desktop.domain.desking.desk import offers
from desktop.domain.desking.grid import desk_grid, parse_amounts
from desktop.domain.desking.lease_terms import lease_terms
from desktop.domain.desking.solve import Lever, Solution, Target, solve
from desktop.domain.money import to_money
from desktop.domain.pricing import LeaseDeal
from desktop.domain.programs import ProgramSet, default_programs
from desktop.ui.amounts import money, number, parse_accessories, parse_money, parse_percent, parse_rate
from desktop.ui.tabs.pricing.checking import ServerChecking
from desktop.ui.tabs.pricing.column import DealColumn
from desktop.ui.tabs.pricing.desking_form import AUTO_PROGRAM, DeskingForm
from desktop.ui.tabs.pricing.menu_flow import MenuFlow
from desktop.ui.tabs.pricing.models import FREQUENCIES, PaymentGridModel
from desktop.ui.tabs.pricing.printing import Printing
from desktop.ui.tabs.pricing.products import ProductsPanel
from desktop.ui.tabs.pricing.setup import RooftopSetup
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.vin_edit import VinEdit

CHECK_DELAY_MS = 600
DEAL_TYPES = ("cash", "finance", "lease")
OWNERSHIP = ("owned", "financed", "leased")
DEFAULT_GRID_CASH = "0 1000 2500 5000"
BUYER_FIELDS = (
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("address", "Street address"),
    ("city", "City"),
    ("state", "State"),
)


class PricingTab(RooftopSetup, ServerChecking, MenuFlow, Printing, QWidget):
    """The finance manager's desk for the rooftop in :class:`Workspace`."""

    server_checked = Signal()  # a server comparison finished (agreeing or not)
    catalog_loaded = Signal()

    def __init__(self, runner: Any, workspace: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.workspace = workspace
        self.dealer_config: DealerConfig | None = None
        self.vehicle: dict[str, Any] | None = None
        self.deals: dict[str, DeskDeal | None] = dict.fromkeys(DEAL_TYPES)
        self.structure: DealStructure | None = None
        self.solution: Solution | None = None
        self._programs: dict[tuple[str, date], ProgramSet] = {}
        self._contexts: dict[tuple[int, str, date], DeskContext] = {}
        self._generation = 0
        self._filling = False
        self._detail: dict[str, Any] | None = None
        self.deal_number = ""
        self.init_checking()
        self.init_setup()

        self.banner = Banner(self)
        self._build_inputs()
        self.desking = DeskingForm(self)
        self.field_messages.update(self.desking.field_messages)
        self.columns = {kind: DealColumn(kind.capitalize(), self) for kind in DEAL_TYPES}
        self.independence = QLabel(self)
        self.independence.setWordWrap(True)
        self.independence.setObjectName("checkIndependence")
        self.finance_grid, self.lease_grid = PaymentGridModel(self), PaymentGridModel(self)
        self.grid_views = {"finance": QTableView(self), "lease": QTableView(self)}
        self.grid_cash = QLineEdit(DEFAULT_GRID_CASH, self)
        self.grid_frequency = QComboBox(self)
        self.grid_frequency.addItems([f.capitalize() for f in FREQUENCIES])
        for kind, model in (("finance", self.finance_grid), ("lease", self.lease_grid)):
            view = self.grid_views[kind]
            view.setModel(model)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
            view.setToolTip("Double-click a cell to apply that term and cash to the deal")
            view.doubleClicked.connect(lambda index, k=kind: self._on_grid_picked(k, index))
        self.products = ProductsPanel(self)
        self.programs = QTreeWidget(self)
        self.programs.setHeaderLabels(("Program", "Term", "Credit", "Rate / amount", "Expires"))
        self.programs_source = QLabel(self)
        self.chaiz: QWidget | None = None
        self.add_chaiz_plan = QPushButton("Add the selected plan to the deal", self)
        self.init_menu()
        self.init_printing()
        self._layout()

        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.check_with_server)
        self.products.changed.connect(self.recompute)
        self.desking.changed.connect(self.recompute)
        self.desking.solve.clicked.connect(self._on_solve)
        self.desking.apply_solution.clicked.connect(self._on_apply_solution)
        self.desking.save_district.clicked.connect(self._on_save_district)
        self.grid_cash.textChanged.connect(self.recompute)
        self.grid_frequency.currentIndexChanged.connect(self._on_frequency)
        self.add_chaiz_plan.clicked.connect(self._on_add_chaiz_plan)
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
        self.vehicle_combo = QComboBox(self)
        self.vehicle_combo.setMinimumContentsLength(20)
        self.vehicle_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.vin_edit = VinEdit("Or type a VIN and press Enter", self)
        self.buyer = {name: QLineEdit(self) for name, _label in BUYER_FIELDS}
        self.buyer["state"].setMaxLength(2)
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
        self.trade_equity = QLabel(self)

        for edit in (self.zip_code, self.customer_cash, self.trade_value, self.trade_payoff):
            edit.textChanged.connect(self.recompute)
        for spin in (self.credit_score, self.finance_term, self.lease_term, self.annual_mileage):
            spin.valueChanged.connect(self.recompute)
        for check in self.incentives.values():
            check.toggled.connect(self.recompute)
        for edit in self.buyer.values():
            edit.textChanged.connect(self._on_buyer_changed)
        self.trade_ownership.currentIndexChanged.connect(self.recompute)
        self.vehicle_combo.currentIndexChanged.connect(self._on_vehicle_picked)
        self.vin_edit.accepted.connect(self._on_vin_entered)

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("Vehicle", self._field(self.vehicle_combo, "vehicle.vin"))
        form.addRow("", self.vin_edit)
        for name, label in BUYER_FIELDS:
            form.addRow(label, self.buyer[name])
        form.addRow("Credit score", self._field(self.credit_score, "customer.credit_score"))
        form.addRow("ZIP", self._field(self.zip_code, "customer.zip_code"))
        incentives = QWidget(self)
        ilay = QVBoxLayout(incentives)
        ilay.setContentsMargins(0, 0, 0, 0)
        for check in self.incentives.values():
            ilay.addWidget(check)
        form.addRow("Rebates claimed", incentives)
        form.addRow("Cash down / due", self._field(self.customer_cash, "payment.customer_cash"))
        form.addRow("Finance term", self._field(self.finance_term, "finance.payment.term"))
        form.addRow("Lease term", self._field(self.lease_term, "lease.payment.term"))
        form.addRow("Annual mileage", self._field(self.annual_mileage, "payment.annual_mileage"))
        form.addRow("Trade-in value", self._field(self.trade_value, "trade_in.value"))
        form.addRow("Payoff", self._field(self.trade_payoff, "trade_in.payoff"))
        form.addRow("Ownership", self._field(self.trade_ownership, "trade_in.ownership"))
        form.addRow("", self.trade_equity)
        inputs = QWidget(self)
        ilayout = QVBoxLayout(inputs)
        ilayout.addLayout(form)
        ilayout.addWidget(self.desking)
        scroll = QScrollArea(self)
        scroll.setWidget(inputs)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(420)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        deals = QWidget(self)
        dlay = QVBoxLayout(deals)
        dlay.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        for column in self.columns.values():
            row.addWidget(column, 1)
        dlay.addLayout(row, 1)
        dlay.addWidget(self.independence)

        self.sections = QTabWidget(self)
        grids = QWidget(self)
        gouter = QVBoxLayout(grids)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Cash amounts", grids))
        controls.addWidget(self._field(self.grid_cash, "grid.cash"), 1)
        controls.addWidget(QLabel("Show", grids))
        controls.addWidget(self.grid_frequency)
        gouter.addLayout(controls)
        glay = QHBoxLayout()
        for kind, title in (("finance", "Finance"), ("lease", "Lease (cash = total due at signing)")):
            box = QGroupBox(title, grids)
            QVBoxLayout(box).addWidget(self.grid_views[kind])
            glay.addWidget(box)
        gouter.addLayout(glay, 1)
        self.sections.addTab(grids, "Payment grid")
        self.sections.addTab(self.products, "F&&I products")
        self.sections.addTab(self.menu_page, "Menu")
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
        main.setSizes([420, 1000])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(main, 1)
        layout.addLayout(self.print_buttons())

    def _add_chaiz(self) -> None:
        try:
            from desktop.ui.widgets.chaiz_panel import ChaizPanel
        except ImportError:
            return
        self.chaiz = ChaizPanel(self.runner, self.workspace, self)
        holder = QWidget(self)
        hlay = QVBoxLayout(holder)
        hlay.addWidget(self.chaiz)
        hlay.addWidget(self.add_chaiz_plan, 0, Qt.AlignmentFlag.AlignRight)
        scroll = QScrollArea(self)
        scroll.setWidget(holder)
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

    def set_buyer(self, buyer: dict[str, str]) -> None:
        """Fill the buyer from the deal's customer (name, contact, address, ZIP), so nothing is typed twice."""
        for name, edit in self.buyer.items():
            if name in buyer:
                edit.setText(str(buyer[name] or ""))
        if buyer.get("zip"):
            self.zip_code.setText(str(buyer["zip"]))

    def buyer_name(self) -> str:
        return " ".join(self.buyer[n].text().strip() for n in ("first_name", "last_name")).strip()

    def programs_for(self, make: str, as_of: date) -> ProgramSet:
        """One program set per make and day, reused: its lookup caches are what keeps the grid fast."""
        key = (make.casefold(), as_of)
        found = self._programs.get(key)
        if found is None:
            found = self._programs[key] = default_programs(make, as_of)
        return found

    def context(self, make: str) -> DeskContext:
        assert self.dealer_config is not None
        today = date.today()
        key = (id(self.dealer_config), make.casefold(), today)
        found = self._contexts.get(key)
        if found is None:
            self._contexts = {}  # a new configuration or a new day: the old contexts will not be asked again
            found = self._contexts[key] = DeskContext(self.dealer_config, self.programs_for(make, today), today)
        return found

    # --- form → structure ---------------------------------------------------------------------------------------

    def desk_vehicle(self) -> DeskVehicle:
        assert self.vehicle is not None
        v = self.vehicle
        cost = v.get("invoice")
        return DeskVehicle(
            vin=str(v["vin"]),
            year=int(v.get("year") or date.today().year),
            make=str(v.get("make") or ""),
            model=str(v.get("model") or ""),
            msrp=vehicle_msrp(v),
            used=bool(v.get("used", False)),
            trim=str(v.get("trim") or ""),
            stock_number=str(v.get("stock_number") or ""),
            cost=None if cost in (None, 0) else to_money(cost),
        )

    def read_structure(self) -> DealStructure:
        """The form as a structure; a field error names the field for anything mistyped."""
        vehicle = self.desk_vehicle()
        form = self.desking
        price = vehicle.msrp
        if form.discount.text().strip():
            price = vehicle.msrp - parse_money(form.discount.text(), "vehicle.discount")
        elif form.selling_price.text().strip():
            price = parse_money(form.selling_price.text(), "vehicle.price")
        if price <= 0:
            raise PricingInputError("vehicle.price", "the selling price must be more than zero.")
        trade = None
        value = parse_money(self.trade_value.text(), "trade_in.value")
        payoff = parse_money(self.trade_payoff.text(), "trade_in.payoff")
        if self.trade_value.text().strip() or payoff:
            trade = TradeIn(value, payoff, Ownership(self.trade_ownership.currentText()))
        return DealStructure(
            vehicle=vehicle,
            selling_price=price,
            credit_score=self.credit_score.value(),
            zip_code=self.zip_code.text().strip(),
            tax=self.jurisdiction(),
            finance_term=self.finance_term.value(),
            lease_term=self.lease_term.value(),
            cash_down=parse_money(self.customer_cash.text(), "payment.customer_cash"),
            annual_mileage=self.annual_mileage.value(),
            rebates=tuple(code for code, box in self.incentives.items() if box.isChecked()),
            accessories=parse_accessories(form.accessories.text()),
            trade=trade,
            no_taxes_or_fees=form.no_taxes_or_fees.isChecked(),
            finance_program=str(form.finance_program.currentData() or "") or None,
            lease_program=str(form.lease_program.currentData() or "") or None,
            sell_rate=parse_rate(form.sell_rate.text(), "finance.sell_rate"),
            sell_money_factor=parse_rate(form.sell_money_factor.text(), "lease.sell_rate"),
            products=self.products.chosen(),
            declined=self.declined,
        )

    def jurisdiction(self) -> JurisdictionRate:
        source = TaxSource(self.desking.tax_source.currentData())
        if source is TaxSource.STATE_AVERAGE:
            return JurisdictionRate()
        if source is TaxSource.SERVER_QUOTE:
            rate = self.server_rates.get(self.zip_code.text().strip())
            if rate is None:
                raise PricingInputError(
                    "tax.rate", "no server quote for this ZIP yet; wait for the check or type a rate."
                )
            return JurisdictionRate(source, rate)
        if source is TaxSource.ROOFTOP_DISTRICT and not self.desking.tax_rate.text().strip():
            if self.district_rate is None:
                raise PricingInputError("tax.rate", "this rooftop has no district rate yet; type it and save it.")
            return JurisdictionRate(source, self.district_rate)
        rate = parse_percent(self.desking.tax_rate.text(), "tax.rate")
        if rate is None:
            raise PricingInputError("tax.rate", "type the buyer's combined rate, e.g. 8.875.")
        return JurisdictionRate(source, rate)

    # --- recompute ----------------------------------------------------------------------------------------------

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
        self.structure = None
        self.requests = {}
        if self.dealer_config is None or self.vehicle is None:
            why = "Loading the dealer's fees and markups…" if self.vehicle else "Choose a vehicle to price."
            self._not_priced(why)
            return
        try:
            structure = self.read_structure()
            self.build_requests(structure)
        except PricingInputError as exc:
            self.requests = {}
            if not self._show_field(exc.field, exc.message):
                self.banner.show_error(f"{exc.field}: {exc.message}")
            self._not_priced(f"Fix the highlighted field: {exc.message}")
            return
        self.banner.clear_message()
        self.structure = structure
        ctx = self.context(structure.vehicle.make)
        for kind in DEAL_TYPES:
            self._price_column(kind, structure, ctx)
        self._fill_programs(structure, ctx)
        self._update_grids(structure, ctx)
        self._show_trade(structure)
        self.recompute_menu()
        if self.server_programs is None:
            programs = ctx.programs.to_api(ctx.as_of, structure.vehicle.used)
            self._show_programs(programs, "local programs (not yet confirmed)")
        for column in self.columns.values():
            column.set_check("Checking with the server…", False)
        self.set_printing_enabled(True)
        self.check_timer.start()

    def _not_priced(self, why: str) -> None:
        for column in self.columns.values():
            column.show_problem(why)
            column.set_check("Not checked with the server: nothing to check yet.", False)
        self.finance_grid.clear()
        self.lease_grid.clear()
        self.set_printing_enabled(False)

    def _price_column(self, kind: str, structure: DealStructure, ctx: DeskContext) -> None:
        column = self.columns[kind]
        try:
            desk = self.price(structure, ctx, kind)
        except PricingInputError as exc:
            self._show_field(exc.field, exc.message, kind)
            column.show_problem(f"No {kind} deal: {exc.message}")
            return
        self.deals[kind] = desk
        deal = desk.deal
        equivalents = ""
        if desk.monthly_payment is None:
            headline = f"{money(desk.due_at_signing)} due"
        else:
            rate = f"{number(desk.sell_rate or Decimal(0))} % APR" if kind == "finance" else ""
            if isinstance(deal, LeaseDeal):
                rate = f"MF {number(deal.money_factor)} ({desk.apr_equivalent:.2f} % APR)"
            headline = f"{money(desk.monthly_payment)}/mo · {structure.term_for(kind)} mo · {rate}"
            equivalents = f"{money(desk.biweekly_payment)} biweekly · {money(desk.weekly_payment)} weekly"
        lines = list(deal.lines)
        if desk.trade_equity < 0:
            lines.append(("Negative equity rolled in", -desk.trade_equity))
        front = "unknown (no vehicle cost)" if desk.front_gross is None else money(desk.front_gross)
        manager = (
            f"Manager only: front gross {front} · reserve {money(desk.reserve)} · back gross {money(desk.back_gross)}"
        )
        column.show_deal(headline, equivalents, lines, desk.tax_label, manager)

    @staticmethod
    def price(structure: DealStructure, ctx: DeskContext, kind: str) -> DeskDeal:
        return price_desk(structure, ctx, kind)  # type: ignore[arg-type]

    def _fill_programs(self, structure: DealStructure, ctx: DeskContext) -> None:
        form = self.desking
        for kind, combo, limits in (
            ("finance", form.finance_program, form.finance_limits),
            ("lease", form.lease_program, form.lease_limits),
        ):
            try:
                found = offers(structure, ctx, kind)  # type: ignore[arg-type]
            except PricingInputError:
                found = ()
            wanted = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(AUTO_PROGRAM, "")
            for offer in found:
                rate = f"{number(offer.buy_rate)} %" if kind == "finance" else f"MF {number(offer.buy_rate)}"
                combo.addItem(f"{offer.name} — buy {rate}, until {offer.expires_on:%b %d}", offer.name)
            combo.setCurrentIndex(max(0, combo.findData(wanted)))
            combo.blockSignals(False)
            desk = self.deals.get(kind)
            if desk is not None and desk.offer is not None:
                offer = desk.offer
                limits.setText(
                    f"Buy {number(offer.buy_rate)}, sell at most {number(offer.max_sell_rate)} "
                    f"({offer.lender_name}); selling at {number(desk.sell_rate or Decimal(0))}."
                )
            else:
                limits.setText("")
        lease = self.deals.get("lease")
        if lease is not None and isinstance(lease.deal, LeaseDeal):
            terms = lease_terms(lease.deal)
            signing = "; ".join(f"{label} {money(amount)}" for label, amount in terms.signing)
            form.lease_terms.setText(
                f"Residual {number(terms.residual_percent)} % = {money(terms.residual_value)} "
                f"(base {number(terms.base_residual_percent)} %, {terms.mileage_adjustment:+} points for "
                f"{terms.annual_mileage:,} mi/yr). Due at signing: {signing} = {money(terms.total_due_at_signing)}."
            )
        else:
            form.lease_terms.setText("")

    def _show_trade(self, structure: DealStructure) -> None:
        trade = structure.trade
        if trade is None:
            self.trade_equity.clear()
        elif trade.equity < 0:
            self.trade_equity.setText(f"Negative equity {money(-trade.equity)}, rolled into the deal")
        else:
            self.trade_equity.setText(f"Trade equity {money(trade.equity)}")
        incentives = {i.code: i for i in self.context(structure.vehicle.make).programs.incentives if i.code}
        for code, box in self.incentives.items():
            found = incentives.get(code)
            if found is not None:
                box.setText(f"{found.name} ({money(found.amount)}, until {found.expires_on.isoformat()})")

    def _update_grids(self, structure: DealStructure, ctx: DeskContext) -> None:
        try:
            cash = parse_amounts(self.grid_cash.text())
        except PricingInputError as exc:
            self._show_field(exc.field, exc.message)
            return
        for kind, model in (("finance", self.finance_grid), ("lease", self.lease_grid)):
            try:
                grid = desk_grid(structure, ctx, kind, cash)  # type: ignore[arg-type]
            except PricingInputError:
                model.clear()
                continue
            model.set_grid(grid, (structure.term_for(kind), structure.cash_down))

    def _on_frequency(self, index: int) -> None:
        for model in (self.finance_grid, self.lease_grid):
            model.set_frequency(FREQUENCIES[index])

    def _on_grid_picked(self, kind: str, index: QModelIndex) -> None:
        term, cash, _value = index.data(Qt.ItemDataRole.UserRole + 1)
        (self.lease_term if kind == "lease" else self.finance_term).setValue(term)
        self.customer_cash.setText(f"{cash:f}")

    # --- solve for a target -------------------------------------------------------------------------------------

    def _on_solve(self) -> None:
        form = self.desking
        form.field_messages["target"].hide()
        if self.structure is None:
            form.solve_result.setText("Price a deal first.")
            return
        try:
            wanted = parse_money(form.target_amount.text(), "target")
            self.solution = solve(
                self.structure,
                self.context(self.structure.vehicle.make),
                form.target_deal.currentData(),
                Target(form.target_kind.currentData()),
                wanted,
                Lever(form.lever.currentData()),
            )
        except PricingInputError as exc:
            self.solution = None
            self._show_field(exc.field, exc.message)
            form.apply_solution.setEnabled(False)
            return
        s = self.solution
        value = f"{s.value:.0f} months" if s.lever is Lever.TERM else money(s.value)
        moved = f"{s.moved_by:+.0f} months" if s.lever is Lever.TERM else f"{s.moved_by:+,.2f}"
        verdict = "reaches it" if s.reached else f"comes closest ({s.note})"
        form.solve_result.setText(
            f"{s.lever.value.capitalize()} {value} ({moved}) gives {money(s.achieved)} {s.target.value}: {verdict}."
        )
        form.apply_solution.setEnabled(True)

    def _on_apply_solution(self) -> None:
        if self.solution is None:
            return
        solved = self.solution.structure
        lever = self.solution.lever
        if lever is Lever.CASH_DOWN:
            self.customer_cash.setText(f"{solved.cash_down:f}")
        elif lever is Lever.SELLING_PRICE:
            self.desking.discount.clear()
            self.desking.selling_price.setText(f"{solved.selling_price:f}")
        else:
            self.finance_term.setValue(solved.finance_term)
            self.lease_term.setValue(solved.lease_term)
        self.desking.apply_solution.setEnabled(False)

    # --- buyer, Chaiz -------------------------------------------------------------------------------------------

    def _on_buyer_changed(self) -> None:
        """The Chaiz live-flow links are made from the deal's customer: copy the buyer, never retype."""
        if self.chaiz is None:
            return
        fields = getattr(self.chaiz, "user_fields", {})
        mapping = {
            "firstName": "first_name",
            "lastName": "last_name",
            "email": "email",
            "address": "address",
            "city": "city",
            "state": "state",
        }
        for chaiz_name, buyer_name in mapping.items():
            if chaiz_name in fields:
                fields[chaiz_name].setText(self.buyer[buyer_name].text())
        if "zip" in fields:
            fields["zip"].setText(self.zip_code.text())

    def _on_add_chaiz_plan(self) -> None:
        plan = getattr(self.chaiz, "current_plan", lambda: None)()
        if plan is None:
            self.banner.show_error("Choose a Chaiz plan in the list first, then add it to the deal.")
            return
        product = self.products.add_chaiz(plan)
        self.banner.show_info(f"{product.title} added to the deal's products.")
