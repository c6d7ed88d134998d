"""Deal Pricing: the finance manager's desk — the deal structured, priced three ways, gridded, sold from a menu.

Every keystroke reprices locally with the pure engine: the form is read on the GUI thread (a mistyped field is
named at once) and the three deals, two grids, the menu and the requests' local prices are priced together in the
TaskRunner (:mod:`.repricing`: 7-15 ms that left a keystroke's turn no room to paint), shown when
they come back unless a newer edit superseded them. A moment after the typing stops the partner requests go to the
server through the TaskRunner and each answer is compared figure by figure with the local price of the very same
request (:mod:`.server_check`).

The form reads into a :class:`~desktop.domain.desking.DealStructure`; the deal jacket stores that record.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTreeWidget,
    QWidget,
)

from desktop.domain.deal import DealerConfig, Ownership, PricingInputError, TradeIn, payoff_marks_financed
from desktop.domain.desking import (
    DealStructure,
    DeskContext,
    DeskDeal,
)
from desktop.domain.desking.solve import Solution
from desktop.domain.programs import ProgramSet, default_programs
from desktop.ui.amounts import money, parse_money
from desktop.ui.tabs.pricing.buyer import BuyerLinks
from desktop.ui.tabs.pricing.checking import ServerChecking
from desktop.ui.tabs.pricing.column import DealColumn
from desktop.ui.tabs.pricing.deal_display import DealDisplay
from desktop.ui.tabs.pricing.desking_form import DeskingForm
from desktop.ui.tabs.pricing.field_lines import FieldLines
from desktop.ui.tabs.pricing.layout import BUYER_FIELDS, DeskLayout
from desktop.ui.tabs.pricing.levers import Levers
from desktop.ui.tabs.pricing.menu_flow import MenuFlow
from desktop.ui.tabs.pricing.models import FREQUENCIES, PaymentGridModel
from desktop.ui.tabs.pricing.printing import Printing
from desktop.ui.tabs.pricing.products import ProductsPanel
from desktop.ui.tabs.pricing.repricing import Repricing
from desktop.ui.tabs.pricing.setup import RooftopSetup
from desktop.ui.tabs.pricing.structure_form import NEW_DESK, StructureReading
from desktop.ui.tabs.pricing.term_box import TermBox
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.staggered import CoveredShow, StaggeredPaint
from desktop.ui.widgets.steady_label import TallestLabel
from desktop.ui.widgets.vehicle_picker import VehiclePicker
from desktop.ui.widgets.wheel_guard import ComboBox, SpinBox
from desktop.ui.widgets.when_shown import WhenShown

CHECK_DELAY_MS = 600
DEAL_TYPES = ("cash", "finance", "lease")
OWNERSHIP = ("owned", "financed", "leased")
DEFAULT_GRID_CASH = "0 1000 2500 5000"
VEHICLE_HINT = "VIN or model"
VEHICLE_TOOLTIP = "Type a VIN and press Enter, or type a model and pick the vehicle from the list"


class PricingTab(
    Repricing,
    StructureReading,
    DealDisplay,
    Levers,
    BuyerLinks,
    RooftopSetup,
    ServerChecking,
    MenuFlow,
    Printing,
    DeskLayout,
    QWidget,
):
    """The finance manager's desk for the rooftop in :class:`Workspace`."""

    server_checked = Signal()  # a server comparison finished (agreeing or not)
    structure_changed = Signal(object)  # a DealStructure priced from the form: what the deal jacket saves
    catalog_loaded = Signal()
    vehicle_read = Signal(str)  # a choose_vehicle finished: the VIN now priced, or "" when the cache lacks it
    rooftop_loaded = Signal()  # the desk has followed a rooftop switch (when it was switched, or when next shown)
    priced = Signal()  # a reprice is on screen: the board priced in the TaskRunner, or why nothing is priced

    def __init__(self, runner: Any, workspace: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.when_shown = WhenShown(self)  # a rooftop switch while another tab is shown is followed when this is
        # ... once the show has painted the desk (see showEvent): its layout and paint take most of a frame already.
        self._follow_later = QTimer(self)
        self._follow_later.setSingleShot(True)
        self._follow_later.setInterval(0)
        self._follow_later.timeout.connect(self.when_shown.flush)
        self.runner = runner
        self.workspace = workspace
        self.dealer_config: DealerConfig | None = None
        self.vehicle: dict[str, Any] | None = None
        self.deals: dict[str, DeskDeal | None] = dict.fromkeys(DEAL_TYPES)
        self.structure: DealStructure | None = None
        self.loaded_trade: TradeIn | None = None  # the last loaded structure's trade, as the jacket describes it
        self.solution: Solution | None = None
        self._programs: dict[tuple[str, date], ProgramSet] = {}
        self._contexts: dict[tuple[int, str, date], DeskContext] = {}
        self._generation = 0
        self._price_job = 0
        self._filling = False
        self._detail: dict[str, Any] | None = None
        self.deal_number = ""
        self.salesperson = ""  # the deal's, by name, for the worksheet and the recap
        # Reserve, gross and the recap are the manager's: a team server that withholds them from this user's role
        # (agents, document staff) turns the manager view off.
        self.manager_view = True
        self.init_checking()
        self.init_setup()

        self.banner = Banner(self)
        self._build_inputs()
        self.desking = DeskingForm(self)
        self.field_messages.update(self.desking.field_messages)
        self.lines.names.update(self.desking.lines.names)
        self.columns = {kind: DealColumn(kind.capitalize(), self) for kind in DEAL_TYPES}
        self.independence = TallestLabel("", self)  # the columns above it stay put as its clauses come and go
        self.independence.setObjectName("checkIndependence")
        self.finance_grid, self.lease_grid = PaymentGridModel(self), PaymentGridModel(self)
        self.grid_views = {"finance": QTableView(self), "lease": QTableView(self)}
        self.grid_cash = QLineEdit(DEFAULT_GRID_CASH, self)
        self.grid_frequency = ComboBox(self)
        self.grid_frequency.addItems([f.capitalize() for f in FREQUENCIES])
        for kind, model in (("finance", self.finance_grid), ("lease", self.lease_grid)):
            view = self.grid_views[kind]
            view.setModel(model)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
            view.setToolTip("Double-click a cell to apply that term and cash to the deal")
            view.doubleClicked.connect(lambda index, k=kind: self._on_grid_picked(k, index))
            # A grid held by the desk's staggered paint gets its cells as it is let paint, not in the reprice's turn.
            setattr(view, "before_paint", model.fill_due)  # noqa: B010 (a plain QTableView, no such attribute)
        self.products = ProductsPanel(self)
        self.programs = QTreeWidget(self)
        self.programs.setHeaderLabels(("Program", "Term", "Credit", "Rate / amount", "Expires"))
        self.programs_source = QLabel(self)
        self.chaiz: QWidget | None = None
        self.add_chaiz_plan = QPushButton("Add the selected plan to the deal", self)
        self.init_menu()
        self.init_printing()
        self._layout()

        self.paint_later = StaggeredPaint(self)
        # A switch to this tab paints nothing of the desk in its own turn; then one deal column a turn, the form,
        # the sections.
        self.covered_show = CoveredShow((*self.columns.values(), self.form_pane, self.sections), self, defer=True)
        self.covered_show.lifted.connect(self._on_covers_lifted)
        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.check_with_server)
        self.products.changed.connect(self._unmark_choice)  # before a package's choice marks it again
        self.products.changed.connect(self.recompute)
        self.desking.changed.connect(self.recompute)
        self.desking.solve.clicked.connect(self._on_solve)
        self.desking.apply_solution.clicked.connect(self._on_apply_solution)
        self.desking.save_district.clicked.connect(self._on_save_district)
        self.grid_cash.textChanged.connect(self.recompute)
        self.grid_frequency.currentIndexChanged.connect(self._on_frequency)
        self.add_chaiz_plan.clicked.connect(self._on_add_chaiz_plan)
        workspace.rooftop_changed.connect(self._on_rooftop_switched)
        workspace.connection_changed.connect(self._on_connection_changed)
        workspace.dealer_detail_changed.connect(self._on_dealer_detail)
        workspace.inventory_changed.connect(self._on_inventory_changed)
        if workspace.dpid:
            self._on_rooftop_changed(workspace.dpid)

    # --- construction -------------------------------------------------------------------------------------------

    def _build_inputs(self) -> None:
        self.lines = FieldLines(self)
        self.field_messages = self.lines.messages
        # The hint fits the field at 1280x720; the whole of it is the tooltip. A refused VIN is said on the field's
        # own message line (which keeps its height when empty), not on a line the VIN field would add under itself.
        self.vehicle_picker = VehiclePicker(
            self.runner, VEHICLE_HINT, inline_message=False, tooltip=VEHICLE_TOOLTIP, parent=self
        )
        self.vin_edit = self.vehicle_picker.vin_edit
        self.buyer = {name: QLineEdit(self) for name, _label in BUYER_FIELDS}
        self.buyer["state"].setMaxLength(2)
        self.credit_score = SpinBox(self)
        self.credit_score.setRange(0, 999)
        self.credit_score.setValue(NEW_DESK["credit_score"])
        self.zip_code = QLineEdit(self)
        self.zip_code.setMaxLength(10)
        self.zip_code.setPlaceholderText("Buyer's ZIP, e.g. 94113")
        self.zip_code.textEdited.connect(self._on_zip_typed)
        codes = [i for i in default_programs("Any", date.today()).incentives if i.code is not None]
        self.incentives = {i.code or "": QCheckBox(f"{i.name} {money(i.amount)}", self) for i in codes}
        self.customer_cash = QLineEdit("0", self)
        self.finance_term = TermBox(lambda: self.finance_grid.terms, self)
        self.lease_term = TermBox(lambda: self.lease_grid.terms, self)
        for box, value in ((self.finance_term, NEW_DESK["finance_term"]), (self.lease_term, NEW_DESK["lease_term"])):
            box.setRange(1, 120)
            box.setSuffix(" months")
            box.setValue(value)
        self.annual_mileage = SpinBox(self)
        self.annual_mileage.setRange(1000, 40_000)
        self.annual_mileage.setSingleStep(500)
        self.annual_mileage.setGroupSeparatorShown(True)
        self.annual_mileage.setValue(NEW_DESK["annual_mileage"])
        self.annual_mileage.setSuffix(" mi/yr")
        self.trade_value = QLineEdit(self)
        self.trade_value.setPlaceholderText("No trade-in")
        self.trade_payoff = QLineEdit(self)
        self.trade_payoff.setPlaceholderText("0")
        self.trade_ownership = ComboBox(self)
        self.trade_ownership.addItems(OWNERSHIP)
        self.trade_equity = QLabel(self)
        self.trade_equity.setObjectName("tradeEquity")

        self.trade_payoff.textChanged.connect(self._payoff_means_a_lien)  # before the reprice the text makes
        for edit in (self.zip_code, self.customer_cash, self.trade_value, self.trade_payoff):
            edit.textChanged.connect(self.recompute)
        for spin in (self.credit_score, self.finance_term, self.lease_term, self.annual_mileage):
            spin.valueChanged.connect(self.recompute)
        for check in self.incentives.values():
            check.toggled.connect(self.recompute)
        for edit in self.buyer.values():
            edit.textChanged.connect(self._on_buyer_changed)
        self.trade_ownership.currentIndexChanged.connect(self.recompute)
        self.vehicle_picker.picked.connect(self.choose_vehicle)
        self.vin_edit.accepted.connect(self.choose_vehicle)
        self.vin_edit.problem_changed.connect(self.say_vehicle_problem)

    def _payoff_means_a_lien(self, text: str) -> None:
        """A payoff typed on a trade still marked owned marks it financed, as the deal's jacket does: an owned
        trade with a payoff is refused, and "Owned" is only the default."""
        if self._filling:
            return
        try:
            owed = parse_money(text, "trade_in.payoff")
        except PricingInputError:
            return  # said by the reprice, under the field
        if payoff_marks_financed(self.trade_ownership.currentText(), owed):
            self.trade_ownership.blockSignals(True)  # the payoff's own reprice prices it
            self.trade_ownership.setCurrentText(Ownership.FINANCED.value)
            self.trade_ownership.blockSignals(False)

    def showEvent(self, event: QShowEvent) -> None:
        """The desk is painted over the turns after it is shown: one deal column a turn, then the form, then the
        sections (a rooftop switch made behind it is followed after those); the switch's own turn does only the
        switch (its layout, the tab bar). Painted whole in one turn it took 13-17 ms of a 16 ms frame, with the tab
        switch's own layout on top. With the three deal columns painted in the switch's turn, that turn was still
        6-11 ms of the GUI thread, and a key pressed right after the click (the soak's drive: a tab, then an edit)
        fell in the same frame: 15-18 ms (``bench/bench_pricing_edits.py --from-tab Inventory``). The panes waiting
        their turn are blank, not held: a pane held on a switch showed the previous tab's pixels (the Inventory's
        rows under the deal columns) until its turn came."""
        super().showEvent(event)
        if not self.covered_show.cover_on_switch(self) and self.when_shown.pending():
            self._follow_later.start()  # when covered, _on_covers_lifted follows instead

    def hideEvent(self, event: QHideEvent) -> None:
        """Switched away from: the panes' contents are hidden now, so that the next switch here shows them a turn
        each after it, not all in its own turn (a minimised window keeps them)."""
        super().hideEvent(event)
        if not event.spontaneous():
            self.covered_show.hide_contents(self)

    def _on_covers_lifted(self) -> None:
        if self.when_shown.pending():
            self._follow_later.start()

    def _on_rooftop_switched(self, _dpid: str) -> None:
        self.when_shown.run("rooftop", self._follow_rooftop)

    def _follow_rooftop(self) -> None:
        self._on_rooftop_changed(self.workspace.dpid)
        self.rooftop_loaded.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Drop work still running for this desk: its answers would arrive at widgets being torn down."""
        self.check_timer.stop()
        self.paint_later.release_all()
        self.covered_show.lift_all()
        jobs = (self._price_job, self._check_job, self._catalog_job, self._config_job, self._rooftop_job)
        for job in (*jobs, self._vehicle_job, self._menu_job):
            self.runner.cancel(job)
        super().closeEvent(event)

    # --- public -------------------------------------------------------------------------------------------------

    def bind_deal(self, current: Any) -> None:
        """The window's current deal: the desk opens on its vehicle, buyer and trade and writes its structure back."""
        from desktop.ui.deal_links.pricing import PricingDealLink

        self.deal_link = PricingDealLink(self, current)

    def set_manager_view(self, on: bool) -> None:
        """Show or hide what only finance managers see (reserve, gross, the deal recap)."""
        if on == self.manager_view:
            return
        self.manager_view = on
        recap = self.print_buttons_by_kind["recap"]
        recap.setVisible(on)
        self.recompute()

    def refresh(self) -> None:
        self._catalog_key = None
        self._load_dealer_config(force=True)

    def focus_find(self) -> None:
        self.covered_show.reveal(self.vin_edit.edit)  # right after a switch, its form may not be shown yet
        self.vin_edit.edit.setFocus()

    def set_dealer_config(self, config: DealerConfig) -> None:
        """Price with ``config`` from now on (the Dealers tab's cached configuration, or a newer one)."""
        self.dealer_config = config
        self.recompute()

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
