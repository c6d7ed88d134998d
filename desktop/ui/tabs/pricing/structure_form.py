"""The desk's form read into a :class:`~desktop.domain.desking.DealStructure`, with the field named on an error.

A mixin of :class:`~desktop.ui.tabs.pricing.tab.PricingTab`: what the manager typed becomes the plain record the
deal jacket stores, and a mistyped field raises :class:`PricingInputError` naming it before anything is priced.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from desktop.domain.deal import Ownership, PricingInputError, TradeIn
from desktop.domain.deal_request import vehicle_msrp
from desktop.domain.desking import DealStructure, DeskVehicle, JurisdictionRate, TaxSource
from desktop.domain.money import to_money
from desktop.ui.amounts import parse_accessories, parse_money, parse_percent, parse_rate

# What a new desk shows (``PricingTab._build_inputs``) and a closed deal's desk goes back to.
NEW_DESK = {"credit_score": 750, "finance_term": 60, "lease_term": 36, "annual_mileage": 12_000}


class StructureReading:
    """Form → structure for the pricing tab."""

    def desk_vehicle(self: Any) -> DeskVehicle:
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

    def read_structure(self: Any) -> DealStructure:
        """The form as a structure; a field error names the field for anything mistyped."""
        vehicle = self.desk_vehicle()
        form = self.desking
        price = self.typed_price(vehicle.msrp)
        if price <= 0:
            raise PricingInputError("vehicle.price", "the selling price must be more than zero.")
        trade = None
        value = parse_money(self.trade_value.text(), "trade_in.value")
        payoff = parse_money(self.trade_payoff.text(), "trade_in.payoff")
        if self.trade_value.text().strip() or payoff:
            ownership = Ownership(self.trade_ownership.currentText())
            loaded: TradeIn | None = self.loaded_trade
            # The form shows the trade's figures only: its mileage, year and firm-offer flag stay the jacket's.
            trade = (
                TradeIn(value, payoff, ownership)
                if loaded is None
                else replace(loaded, value=value, payoff=payoff, ownership=ownership)
            )
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

    def typed_price(self: Any, msrp: Decimal) -> Decimal:
        """The selling price typed: ``msrp`` less a typed discount (which wins), else a typed price, else ``msrp``."""
        form = self.desking
        if form.discount.text().strip():
            return msrp - parse_money(form.discount.text(), "vehicle.discount")
        if form.selling_price.text().strip():
            return parse_money(form.selling_price.text(), "vehicle.price")
        return msrp

    def check_typed(self: Any) -> None:
        """Read what was typed that needs no vehicle (amounts, rates, accessories): with none chosen yet, a
        mistyped field is named at once, as it is once a vehicle prices the deal (the same parses)."""
        form = self.desking
        self.typed_price(Decimal(0))  # parsed only: the price itself needs a vehicle's MSRP
        for edit, field in (
            (self.customer_cash, "payment.customer_cash"),
            (self.trade_value, "trade_in.value"),
            (self.trade_payoff, "trade_in.payoff"),
        ):
            parse_money(edit.text(), field)
        parse_accessories(form.accessories.text())
        parse_rate(form.sell_rate.text(), "finance.sell_rate")
        parse_rate(form.sell_money_factor.text(), "lease.sell_rate")

    def jurisdiction(self: Any) -> JurisdictionRate:
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

    def load_structure(self: Any, structure: DealStructure) -> bool:
        """Fill the form from a saved structure (the deal jacket's) and reprice once.

        The trade's mileage, year and firm-offer flag, which the form does not show, are kept as loaded: the
        desk and the server appraise the trade with them whatever the manager then types in its figures.

        Returns ``False``, leaving the form as it was, when the structure's vehicle is not in the rooftop's
        cached inventory.
        """
        if not self.select_vehicle(structure.vehicle.vin):
            return False
        self._filling = True
        try:
            self._fill_form(structure)
        finally:
            self._filling = False
        self.recompute()
        return True

    def _fill_form(self: Any, s: DealStructure) -> None:
        form = self.desking
        form.discount.clear()
        form.selling_price.setText("" if s.selling_price == s.vehicle.msrp else f"{s.selling_price:f}")
        form.accessories.setText(
            "; ".join(f"{a.name} {a.price:f}" + ("" if a.cost is None else f"/{a.cost:f}") for a in s.accessories)
        )
        form.no_taxes_or_fees.setChecked(s.no_taxes_or_fees)
        form.tax_source.setCurrentIndex(form.tax_source.findData(s.tax.source))
        form.tax_rate.setText("" if s.tax.rate is None else f"{s.tax.rate * 100:f}")
        if s.tax.source is TaxSource.SERVER_QUOTE and s.tax.rate is not None:
            self.server_rates[s.zip_code] = s.tax.rate
        for combo, name in ((form.finance_program, s.finance_program), (form.lease_program, s.lease_program)):
            if name and combo.findData(name) < 0:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(0, combo.findData(name or "")))
        form.sell_rate.setText("" if s.sell_rate is None else f"{s.sell_rate:f}")
        form.sell_money_factor.setText("" if s.sell_money_factor is None else f"{s.sell_money_factor:f}")
        self.credit_score.setValue(s.credit_score)
        self.zip_code.setText(s.zip_code)
        self.finance_term.setValue(s.finance_term)
        self.lease_term.setValue(s.lease_term)
        self.customer_cash.setText(f"{s.cash_down:f}")
        self.annual_mileage.setValue(s.annual_mileage)
        for code, box in self.incentives.items():
            box.setChecked(code in s.rebates)
        trade = self.loaded_trade = s.trade
        self.trade_value.setText("" if trade is None else f"{trade.value:f}")
        self.trade_payoff.setText("" if trade is None or not trade.payoff else f"{trade.payoff:f}")
        if trade is not None:
            self.trade_ownership.setCurrentIndex(self.trade_ownership.findText(trade.ownership.value))
        self.declined = s.declined
        self.products.restore(s.products)
        self.menu_page.mark_chosen(None)  # which package it was is not kept: the products are

    def clear_deal(self: Any) -> None:
        """The deal on the desk closed (another rooftop's, on a switch): none of its buyer's figures stay to price
        the next deal with (walked at the desk: a Toyota desk still held the last Hyundai buyer's selling price and
        California ZIP). The form goes back to a new desk's values; the rooftop's ZIP prices until a buyer's."""
        form = self.desking
        self._filling = True
        try:
            for edit in (*self.buyer.values(), form.selling_price, form.discount, form.accessories, form.sell_rate):
                edit.clear()
            form.sell_money_factor.clear()
            for edit in (self.trade_value, self.trade_payoff):
                edit.clear()
            self.loaded_trade = None
            self.customer_cash.setText("0")
            self.credit_score.setValue(NEW_DESK["credit_score"])
            self.finance_term.setValue(NEW_DESK["finance_term"])
            self.lease_term.setValue(NEW_DESK["lease_term"])
            self.annual_mileage.setValue(NEW_DESK["annual_mileage"])
            for box in self.incentives.values():
                box.setChecked(False)
            self.declined = ()
            self.products.restore(())
            self.menu_page.mark_chosen(None)
            dealer = self.workspace.dealer() or {}
            self._rooftop_zip = str(dealer.get("zip_code") or "")
            self.zip_code.setText(self._rooftop_zip)
        finally:
            self._filling = False
        # Nothing said of the closed deal stays either (walked at the next rooftop: "Deal HD-1001: lease structure
        # saved", its trade's appraisal and equity, "priced on this desk only: accessories").
        self.banner.clear_message()
        self.trade_equity.clear()
        self.say_independence([])
        self.clear_vehicle()  # and reprices: nothing to price until a vehicle is chosen
