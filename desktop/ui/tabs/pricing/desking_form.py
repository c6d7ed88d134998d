"""The desking fields: selling price or discount, accessories, rebates, tax source, program, sell rate, solve.

Widgets only; the tab reads them into a :class:`~desktop.domain.desking.DealStructure` and writes solved values
back. Every field that can be wrong has a message label under it, keyed by the field name errors carry.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.desking.solve import Lever, Target
from desktop.domain.desking.structure import TaxSource
from desktop.ui.tabs.pricing.field_lines import FieldLines
from desktop.ui.widgets.wheel_guard import ComboBox

AUTO_PROGRAM = "Lowest rate for this buyer"


class DeskingForm(QWidget):
    """The structure's fields beyond the buyer and the vehicle; ``changed`` fires on any edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = FieldLines(self)
        self.field_messages = self.lines.messages
        self.selling_price = QLineEdit(self)
        self.selling_price.setPlaceholderText("MSRP")
        self.discount = QLineEdit(self)
        self.discount.setPlaceholderText("0")
        self.accessories = QLineEdit(self)
        self.accessories.setPlaceholderText("Mats 200/80; Tint 399")  # the form has ~230 px: the rule is the tooltip
        self.accessories.setToolTip(
            "Each add-on as name price/cost, separated by semicolons, e.g. Floor mats 200/80; Tint 399"
        )
        self.no_taxes_or_fees = QCheckBox("No taxes or fees", self)
        self.no_taxes_or_fees.setToolTip("The buyer registers the vehicle out of state: no tax and no state fees")
        self.tax_source = ComboBox(self)
        for source in TaxSource:
            self.tax_source.addItem(source.value.capitalize(), source)
        self.tax_source.setCurrentIndex(self.tax_source.findData(TaxSource.STATE_AVERAGE))
        self.tax_rate = QLineEdit(self)
        self.tax_rate.setPlaceholderText("e.g. 8.875")
        self.tax_rate.setToolTip("The combined tax rate in %, e.g. 8.875")
        self.save_district = QPushButton("Save as rooftop's district rate", self)
        self.finance_program = ComboBox(self)
        self.lease_program = ComboBox(self)
        for combo in (self.finance_program, self.lease_program):
            combo.addItem(AUTO_PROGRAM, "")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        self.sell_rate = QLineEdit(self)
        self.sell_rate.setPlaceholderText("blank = dealer's maximum")
        self.sell_rate.setToolTip(
            "The APR in % the buyer is sold; blank is the buy rate plus the dealer's maximum markup"
        )
        self.sell_money_factor = QLineEdit(self)
        self.sell_money_factor.setPlaceholderText("blank = dealer's maximum")
        self.sell_money_factor.setToolTip(
            "The money factor the buyer is sold (e.g. 0.00125); blank is the buy rate plus the dealer's maximum markup"
        )
        self.finance_limits = QLabel(self)
        self.lease_limits = QLabel(self)
        self.lease_terms = QLabel(self)
        self.lease_terms.setWordWrap(True)

        self.target_kind = ComboBox(self)
        for target in Target:
            self.target_kind.addItem(target.value.capitalize(), target)
        self.target_deal = ComboBox(self)
        for kind in ("finance", "lease", "cash"):
            self.target_deal.addItem(kind.capitalize(), kind)
        self.target_amount = QLineEdit(self)
        self.target_amount.setPlaceholderText("e.g. 450")
        self.lever = ComboBox(self)
        for lever in Lever:
            self.lever.addItem(lever.value.capitalize(), lever)
        self.solve = QPushButton("Solve", self)
        self.solve_result = QLabel(self)
        self.solve_result.setWordWrap(True)
        self.apply_solution = QPushButton("Apply to the deal", self)
        self.apply_solution.setEnabled(False)
        self._layout()
        for edit in (self.selling_price, self.discount, self.accessories, self.tax_rate, self.sell_rate):
            edit.textChanged.connect(self.changed)
        self.sell_money_factor.textChanged.connect(self.changed)
        self.no_taxes_or_fees.toggled.connect(self.changed)
        for combo in (self.tax_source, self.finance_program, self.lease_program):
            combo.currentIndexChanged.connect(self.changed)
        self.selling_price.textEdited.connect(lambda _t: self.discount.clear())

    def _layout(self) -> None:
        price = QGroupBox("Price", self)
        form = QFormLayout(price)
        self.lines.row(form, "Selling price", self.selling_price, "vehicle.price")
        self.lines.row(form, "or discount off MSRP", self.discount, "vehicle.discount")
        self.lines.row(form, "Add-ons / accessories", self.accessories, "accessories")
        form.addRow("", self.no_taxes_or_fees)
        tax_row = QHBoxLayout()
        tax_row.addWidget(self.tax_source, 1)
        tax_row.addWidget(self.tax_rate)
        tax_box = QWidget(self)
        tax_box.setLayout(tax_row)
        self.lines.row(form, "Tax rate", tax_box, "tax.rate")
        form.addRow("", self.save_district)

        rates = QGroupBox("Lender and rate", self)
        rform = QFormLayout(rates)
        self.lines.row(rform, "Finance program", self.finance_program, "finance.program")
        self.lines.row(rform, "Sell rate (APR %)", self.sell_rate, "finance.sell_rate")
        rform.addRow("", self.finance_limits)
        self.lines.row(rform, "Lease program", self.lease_program, "lease.program")
        self.lines.row(rform, "Sell money factor", self.sell_money_factor, "lease.sell_rate")
        rform.addRow("", self.lease_limits)
        rform.addRow("", self.lease_terms)

        solve = QGroupBox("Solve for a target", self)
        sform = QFormLayout(solve)
        sform.addRow("Target", self.target_kind)
        sform.addRow("Deal", self.target_deal)
        self.lines.row(sform, "Amount", self.target_amount, "target")
        sform.addRow("By moving", self.lever)
        buttons = QHBoxLayout()
        buttons.addWidget(self.solve)
        buttons.addWidget(self.apply_solution)
        buttons.addStretch(1)
        sform.addRow("", buttons)
        sform.addRow("", self.solve_result)

        # The desk places the groups in its own form (the price right under the vehicle); here they only stack.
        self.price_box, self.rates_box, self.solve_box = price, rates, solve
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(price)
        layout.addWidget(rates)
        layout.addWidget(solve)
