"""Deal Pricing opens on the current deal's vehicle, buyer ZIP, trade and cash down, and writes its structure back.

The desk's inputs are the deal's fields: changing cash down, term, ZIP or the trade here changes the deal, and
the deal's values fill the desk when it is opened. "Use for the deal" records the structure the customer takes
(deal type, selling price, cash down, term, program, products chosen and declined) and marks the deal priced.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QComboBox, QPushButton, QSpinBox

from desktop.domain.deals import Deal, DealType, Ownership, Stage, TradeIn, advanced
from desktop.ui.current_deal import CurrentDeal
from desktop.ui.deal_links.common import insert_beside, show_text, write_text


def product_code(plan_id: int, tier: str) -> str:
    """How a chosen catalog product is kept on the deal: ``plan id:tier code``."""
    return f"{plan_id}:{tier}"


class PricingDealLink(QObject):
    def __init__(self, tab: Any, current: CurrentDeal) -> None:
        super().__init__(tab)
        self.tab, self.current = tab, current
        self._applying = False
        self.deal_type = QComboBox(tab)
        self.deal_type.setObjectName("dealStructureType")
        for kind in DealType:
            self.deal_type.addItem(kind.value.capitalize(), kind.value)
        self.use_button = QPushButton("Use for the deal", tab)
        self.use_button.setObjectName("useForDeal")
        self.use_button.setToolTip("Record this structure on the current deal and mark it priced")
        insert_beside(tab.save_pdf, self.deal_type)
        insert_beside(self.deal_type, self.use_button)
        self.use_button.clicked.connect(self.use_for_deal)
        self.entries = {
            "buyer.zip_code": tab.zip_code,
            "structure.cash_down": tab.customer_cash,
        }
        for path, entry in self.entries.items():
            entry.textEdited.connect(lambda text, p=path: write_text(self.current, p, text))
        tab.trade_value.textEdited.connect(lambda text: self._write_trade("trade_ins[0].offer_value", text))
        tab.trade_payoff.textEdited.connect(lambda text: self._write_trade("trade_ins[0].payoff", text))
        tab.trade_ownership.activated.connect(
            lambda _i: self._write_trade("trade_ins[0].ownership", tab.trade_ownership.currentText())
        )
        tab.finance_term.valueChanged.connect(lambda v: self._write_term(DealType.FINANCE, v))
        tab.lease_term.valueChanged.connect(lambda v: self._write_term(DealType.LEASE, v))
        tab.menu.itemChanged.connect(lambda _item: self._write_products())
        # The desk fills its vehicle list one row at a time; pick the deal's vehicle once the list is filled.
        self._vehicles_filled = QTimer(self)
        self._vehicles_filled.setSingleShot(True)
        self._vehicles_filled.setInterval(0)
        self._vehicles_filled.timeout.connect(self._apply_vehicle)
        tab.vehicle_combo.model().rowsInserted.connect(lambda *_a: self._vehicles_filled.start())
        tab.catalog_loaded.connect(self._apply_products)
        current.changed.connect(self._on_deal_changed)
        self._deal_id = ""
        self._on_deal_changed()

    # deal → desk
    def _on_deal_changed(self) -> None:
        deal = self.current.deal
        if deal is None:
            self._deal_id = ""
            return
        another = deal.id != self._deal_id
        self._applying = True
        try:
            self._apply_vehicle()
            show_text(self.current, "structure.cash_down", self.tab.customer_cash, empty="0" if another else None)
            if deal.buyer.zip_code:
                show_text(self.current, "buyer.zip_code", self.tab.zip_code)
            empty = "" if another else None
            show_text(self.current, "trade_ins[0].offer_value", self.tab.trade_value, empty=empty)
            show_text(self.current, "trade_ins[0].payoff", self.tab.trade_payoff, empty=empty)
            if deal.trade_ins:
                self.tab.trade_ownership.setCurrentText(deal.trade_ins[0].ownership.value)
            if deal.structure.term:
                box = self.tab.lease_term if deal.structure.deal_type is DealType.LEASE else self.tab.finance_term
                self._set_spin(box, deal.structure.term)
            if deal.structure.deal_type is not None:
                self.deal_type.setCurrentIndex(self.deal_type.findData(deal.structure.deal_type.value))
            if another:
                self._deal_id = deal.id
                self._apply_products()
        finally:
            self._applying = False

    @staticmethod
    def _set_spin(box: QSpinBox, value: int) -> None:
        if box.value() != value:
            box.setValue(value)

    def _apply_vehicle(self) -> None:
        deal = self.current.deal
        vin = deal.vehicle.vin if deal is not None else ""
        if vin and self.tab.vehicle_combo.currentData() != vin:
            self.tab.select_vehicle(vin)

    def _apply_products(self) -> None:
        deal = self.current.deal
        if deal is None or not self.tab.catalog:
            return
        wanted = dict(code.split(":", 1) for code in deal.structure.products_chosen if ":" in code)
        applying, self._applying = self._applying, True
        try:
            for plan in self.tab.catalog:
                tier = wanted.get(str(plan.id))
                chosen = self.tab.selected_plans.get(plan.id)
                if tier is not None and chosen != tier:
                    self.tab.set_product(plan.id, tier, True)
                elif tier is None and chosen is not None:
                    self.tab.set_product(plan.id, on=False)
        finally:
            self._applying = applying

    # desk → deal
    def _write_trade(self, path: str, text: str) -> None:
        deal = self.current.deal
        if deal is None or self._applying:
            return
        if not deal.trade_ins:
            self.current.update(lambda d: d.trade_ins.append(TradeIn()))
        write_text(self.current, path, text)

    def _write_term(self, kind: DealType, months: int) -> None:
        deal = self.current.deal
        if deal is None or self._applying:
            return
        if deal.structure.deal_type in (None, kind) and deal.structure.term != months:
            write_text(self.current, "structure.term", str(months))

    def _write_products(self) -> None:
        deal = self.current.deal
        if deal is None or self._applying or self.tab._filling:
            return
        chosen = [product_code(pid, tier) for pid, tier in sorted(self.tab.selected_plans.items())]
        declined = [str(p.id) for p in self.tab.catalog if p.id not in self.tab.selected_plans]
        if (deal.structure.products_chosen, deal.structure.products_declined) != (chosen, declined):
            self.current.update(lambda d: self._set_products(d, chosen, declined))

    @staticmethod
    def _set_products(deal: Deal, chosen: list[str], declined: list[str]) -> None:
        deal.structure.products_chosen, deal.structure.products_declined = chosen, declined

    def use_for_deal(self) -> None:
        """Record the structure priced in the chosen column on the deal, and mark the deal priced."""
        deal = self.current.deal
        if deal is None:
            self.tab.banner.show_error("Open or start a deal first (Deals tab): the structure is saved on it.")
            return
        kind = DealType(str(self.deal_type.currentData()))
        priced = self.tab.deals.get(kind.value)
        if priced is None:
            self.tab.banner.show_error(f"There is no {kind.value} price yet: fix the highlighted fields first.")
            return
        term_box = self.tab.lease_term if kind is DealType.LEASE else self.tab.finance_term
        program = getattr(getattr(priced, "program", None), "name", "")
        cash = Decimal(str(getattr(priced, "customer_cash", None) or self.tab.customer_cash.text() or 0))
        chosen = [product_code(pid, tier) for pid, tier in sorted(self.tab.selected_plans.items())]
        declined = [str(p.id) for p in self.tab.catalog if p.id not in self.tab.selected_plans]
        ownership = self.tab.trade_ownership.currentText()

        def record(d: Deal) -> None:
            s = d.structure
            s.deal_type, s.selling_price = kind, priced.purchase.selling_price
            s.cash_down, s.program = cash, str(program)
            s.term = None if kind is DealType.CASH else term_box.value()
            s.products_chosen, s.products_declined = chosen, declined
            if d.trade_ins and ownership in {o.value for o in Ownership}:
                d.trade_ins[0].ownership = Ownership(ownership)
            d.stage = advanced(d.stage, Stage.PRICED)

        self.current.update(record)
        self.tab.banner.show_info(f"Deal {deal.number}: {kind.value} structure saved; the deal is priced.")
