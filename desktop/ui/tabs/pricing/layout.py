"""The desk's layout: the deal's form beside the three deals, the sections (grid, products, menu, programs,
Chaiz) under them, the print buttons below.

A mixin of :class:`~desktop.ui.tabs.pricing.tab.PricingTab`: it places the widgets the tab has made.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.narrow import fit_narrow
from desktop.ui.tabs.pricing.deals_row import DealsRow
from desktop.ui.widgets.steady_tabs import SteadyTabWidget

BUYER_FIELDS = (
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("address", "Street address"),
    ("city", "City"),
    ("state", "State"),
)


class DeskLayout:
    """Placing the pricing tab's widgets."""

    chaiz: QWidget | None

    def _layout(self: Any) -> None:
        # In the order a desk is worked (walked at the desk: the selling price sat below the buyer's name and
        # address, the rebates, the terms and the trade): the vehicle and what prices it (credit, ZIP), its price,
        # the deal's money and terms, the lender, then the buyer's details, which only the documents need.
        top = QFormLayout()
        self.lines.row(top, "Vehicle", self.vehicle_picker, "vehicle.vin")
        self.lines.row(top, "Credit score", self.credit_score, "customer.credit_score")
        self.lines.row(top, "ZIP", self.zip_code, "customer.zip_code")
        form = QFormLayout()
        incentives = QWidget(self)
        ilay = QVBoxLayout(incentives)
        ilay.setContentsMargins(0, 0, 0, 0)
        for check in self.incentives.values():
            ilay.addWidget(check)
        form.addRow("Rebates claimed", incentives)
        self.lines.row(form, "Cash down / due", self.customer_cash, "payment.customer_cash")
        self.lines.row(form, "Finance term", self.finance_term, "finance.payment.term")
        self.lines.row(form, "Lease term", self.lease_term, "lease.payment.term")
        self.lines.row(form, "Annual mileage", self.annual_mileage, "payment.annual_mileage")
        self.lines.row(form, "Trade-in value", self.trade_value, "trade_in.value")
        self.lines.row(form, "Payoff", self.trade_payoff, "trade_in.payoff")
        self.lines.row(form, "Ownership", self.trade_ownership, "trade_in.ownership")
        form.addRow("", self.trade_equity)
        buyer = QGroupBox("Buyer, for the documents", self)
        buyer_form = QFormLayout(buyer)
        for name, label in BUYER_FIELDS:
            buyer_form.addRow(label, self.buyer[name])
        inputs = QWidget(self)
        ilayout = QVBoxLayout(inputs)
        ilayout.addLayout(top)
        desking = self.desking.layout()
        for group in (self.desking.price_box, self.desking.rates_box, self.desking.solve_box):
            desking.removeWidget(group)
        ilayout.addWidget(self.desking.price_box)
        ilayout.addLayout(form)
        ilayout.addWidget(self.desking.rates_box)
        ilayout.addWidget(self.desking.solve_box)
        ilayout.addWidget(buyer)
        ilayout.addWidget(self.desking)  # no group of its own left: it keeps the desk's price signals
        fit_narrow(inputs)  # the form beside the deals has ~360 px on a 1280 px laptop
        # A reprice can change the lease terms' line count far down the form: the form grows or shrinks by a line,
        # and without this every field on screen was painted again for it. Laid out from its top, the form only
        # needs what is newly exposed painted, and the rows that moved.
        inputs.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        scroll = self.form_pane = QScrollArea(self)
        scroll.setWidget(inputs)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(360)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        # In a plain layout, whose item keeps the row's size hints: the splitter asked the row itself, a call into
        # Python each time (some 80 a switch to the desk, each waiting for the interpreter lock beside a worker).
        deals = QWidget(self)
        hold = QVBoxLayout(deals)
        hold.setContentsMargins(0, 0, 0, 0)
        hold.addWidget(DealsRow(list(self.columns.values()), self.independence, deals))

        self.sections = SteadyTabWidget(self)
        grids = QWidget(self)
        gouter = QVBoxLayout(grids)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Cash amounts", grids))
        controls.addWidget(self.lines.field(self.grid_cash, "grid.cash", "Cash amounts"), 1)
        controls.addWidget(QLabel("Show", grids))
        controls.addWidget(self.grid_frequency)
        gouter.addLayout(controls)
        glay = QHBoxLayout()
        for kind, title in (("finance", "Finance"), ("lease", "Lease (cash = total due at signing)")):
            box = QGroupBox(title, grids)
            QVBoxLayout(box).addWidget(self.grid_views[kind])
            glay.addWidget(box)
        gouter.addLayout(glay, 1)
        # In a scroll area, as the menu's packages: the grids (174 px at least) set how far the divider above them
        # could be dragged down, and on a 1280x720 screen that left the deal columns three or four lines each.
        grid_page = QScrollArea(self)
        grid_page.setWidget(grids)
        grid_page.setWidgetResizable(True)
        self.sections.addTab(grid_page, "Payment grid")
        self.sections.addTab(self.products, "F&&I products")
        menu = QScrollArea(self)  # the packages scroll rather than squeeze the deals above
        menu.setWidget(self.menu_page)
        menu.setWidgetResizable(True)
        self.sections.addTab(menu, "Menu")
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

    def _add_chaiz(self: Any) -> None:
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
