"""The cash deal: the purchase, its sales tax and what is due at signing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop.domain.deal import (
    DealInput,
)
from desktop.domain.money import THOUSAND, ZERO, json_number, round_cents
from desktop.domain.pricing.purchase import (
    Lines,
    Purchase,
    SalesTax,
    _data,
    _purchase,
    _purchase_lines,
    _purchase_terms,
    _rule_for,
    _sales_tax,
)
from desktop.domain.programs import (
    ProgramSet,
)


@dataclass(frozen=True, slots=True)
class CashDeal:
    """A cash purchase: the customer pays the total purchase price at signing, less any trade equity.

    Attributes:
        inp: what was priced.
        purchase: the price build-up.
        tax: sales tax on the purchase.
        total_purchase_price: price before taxes and fees + fees + tax.
    """

    inp: DealInput
    purchase: Purchase
    tax: SalesTax
    total_purchase_price: Decimal

    @property
    def due_at_signing(self) -> Decimal:
        """What the customer pays: the total purchase price less trade equity, never below zero."""
        return max(self.total_purchase_price - self.purchase.trade_equity, ZERO)

    @property
    def due_to_customer_at_signing(self) -> Decimal:
        """Trade equity beyond the total purchase price, paid back to the customer."""
        return max(self.purchase.trade_equity - self.total_purchase_price, ZERO)

    @property
    def total_cost_of_ownership(self) -> Decimal:
        """What the vehicle costs the customer: the total purchase price."""
        return self.total_purchase_price

    @property
    def lines(self) -> Lines:
        """The explanation, in order, built on access: grids and the API never need it."""
        lines = _purchase_lines(self.purchase, self.tax, self.total_purchase_price)
        lines.append(("Due at signing", self.due_at_signing))
        if self.due_to_customer_at_signing:
            lines.append(("Due to customer at signing", self.due_to_customer_at_signing))
        return lines

    def to_api(self) -> dict[str, Any]:
        """The reference's ``deals.cash`` object."""
        purchase = self.purchase
        terms = _purchase_terms(purchase, self.tax)
        terms.update(
            due_at_signing=json_number(self.due_at_signing),
            due_at_signing_before_taxes_and_fees=json_number(purchase.price_before_taxes_and_fees),
            due_to_customer_at_signing=json_number(self.due_to_customer_at_signing),
            total_purchase_price=json_number(self.total_purchase_price),
            total_purchase_price_before_taxes_and_fees=json_number(purchase.price_before_taxes_and_fees),
            total_cost=json_number(self.total_cost_of_ownership + purchase.total_contribution),
            total_cost_of_ownership=json_number(self.total_cost_of_ownership),
            total_contribution=json_number(purchase.total_contribution),
            profit=json_number(purchase.profit),
            # What 1,000 of add-ons costs a cash buyer, the cash side of the finance deal's normalized payment.
            normalized_taxable_add_on_price=json_number(round_cents(THOUSAND * (1 + self.tax.rule.combined_rate))),
            normalized_nontaxable_add_on_price=json_number(THOUSAND),
        )
        return {"deal_type": "cash", "terms": terms, "data": _data(self.inp, purchase)}


def price_cash(inp: DealInput, programs: ProgramSet) -> CashDeal:
    """Price ``inp`` as a cash purchase, with the cash program's dealer cash and the incentives that apply.

    Raises:
        PricingInputError: no tax law on file for the deal's date (field ``as_of``).
    """
    rule = _rule_for(inp)
    incentives = programs.incentives_for("cash", inp.incentives, inp.used, inp.as_of, inp.model)
    purchase = _purchase(inp, inp.dealer.purchase_fees, programs.cash_dealer_cash, incentives)
    tax = _sales_tax(purchase, rule, inp.no_taxes_or_fees)
    return CashDeal(inp, purchase, tax, purchase.price_before_taxes_and_fees + purchase.total_fees + tax.amounts.total)
