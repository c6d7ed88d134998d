"""The price build-up every deal type starts from, its sales tax, explanation lines and the shared API fields.

A :class:`Purchase` is the vehicle, dealer cash, incentives, products, fees and trade of one deal; cash,
finance and lease each price from it (:mod:`.cash`, :mod:`.finance`, :mod:`.lease`), and ``_data`` writes the
reference's ``data`` block the same way for all three.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop.domain.deal import (
    API_FEE_ORDER,
    LEASE_ONLY_FEES,
    NO_FEES,
    DealInput,
    FeeSchedule,
    PricingInputError,
    Product,
    TradeIn,
)
from desktop.domain.money import HUNDRED, ZERO, json_number
from desktop.domain.programs import (
    AppliedIncentives,
)
from desktop.domain.tax import NO_TAX, TaxAmounts, TaxRule, tax_rule

Lines = list[tuple[str, Decimal]]

_STANDARD_PERIOD_DAYS = 30
_DAYS_PER_YEAR = Decimal(365)
_MONTHS_PER_YEAR = 12
_MAX_FIXED_POINT_STEPS = 100


@dataclass(frozen=True, slots=True)
class Purchase:
    """The price build-up every deal starts from: vehicle, dealer cash, incentives, products, fees, trade.

    Attributes:
        msrp: the vehicle's MSRP.
        vehicle_price: the dealer's selling price before dealer cash and incentives.
        dealer_cash: manufacturer money with the chosen program, passed on as a price reduction.
        selling_price: vehicle price less dealer cash, the reference's ``price``.
        incentives: incentives applied, with totals by kind.
        products: F&I products added.
        products_total: their retail price.
        taxable_products: the taxable ones' retail price.
        fee_schedule: the fees this deal type carries.
        trade: the trade-in, if any.
        trade_equity: trade value less payoff; negative equity adds to what the customer owes.
        price_before_taxes_and_fees: selling price + products - incentives
            (``base_price_before_taxes_and_fees``).
    """

    msrp: Decimal
    vehicle_price: Decimal
    dealer_cash: Decimal
    selling_price: Decimal
    incentives: AppliedIncentives
    products: tuple[Product, ...]
    products_total: Decimal
    taxable_products: Decimal
    fee_schedule: FeeSchedule
    trade: TradeIn | None
    trade_equity: Decimal
    price_before_taxes_and_fees: Decimal

    @property
    def fees(self) -> Mapping[str, Decimal]:
        """Amount per API fee key, every key present."""
        return self.fee_schedule.fees

    @property
    def total_fees(self) -> Decimal:
        """Every fee charged on this deal."""
        return self.fee_schedule.total

    @property
    def profit(self) -> Decimal:
        """Back-end profit on the products whose dealer cost is known."""
        return sum((p.price - p.dealer_cost for p in self.products if p.dealer_cost is not None), ZERO)

    @property
    def total_contribution(self) -> Decimal:
        """What the manufacturer and dealer put into the deal: dealer cash plus incentives."""
        return self.dealer_cash + self.incentives.total

    def lines(self) -> Lines:
        """Vehicle price, dealer cash, each incentive and each product, as a panel lists them."""
        lines: Lines = [("MSRP", self.msrp), ("Vehicle price", self.vehicle_price)]
        if self.dealer_cash:
            lines.append(("Dealer cash", -self.dealer_cash))
        lines += [(f"{i.name}{'' if i.taxable else ' (not taxed)'}", -i.amount) for i in self.incentives.items]
        lines += [(p.name, p.price) for p in self.products]
        return lines


def _purchase(inp: DealInput, fees: FeeSchedule, dealer_cash: Decimal, incentives: AppliedIncentives) -> Purchase:
    products = inp.products
    products_total = taxable_products = ZERO
    for product in products:
        products_total += product.price
        if product.taxable:
            taxable_products += product.price
    selling = inp.price - dealer_cash
    trade = inp.trade_in
    return Purchase(
        msrp=inp.msrp,
        vehicle_price=inp.price,
        dealer_cash=dealer_cash,
        selling_price=selling,
        incentives=incentives,
        products=products,
        products_total=products_total,
        taxable_products=taxable_products,
        fee_schedule=NO_FEES if inp.no_taxes_or_fees else fees,
        trade=trade,
        trade_equity=ZERO if trade is None else trade.value - trade.payoff,
        price_before_taxes_and_fees=selling + products_total - incentives.total,
    )


@dataclass(frozen=True, slots=True)
class SalesTax:
    """Tax on a purchase (cash or finance): what was taxed, the tax, and what the trade-in saved.

    Attributes:
        rule: the state's rule in force on the deal's date.
        taxable_amount: selling price + taxable products + taxable fees - non-taxable incentives - trade
            credit.
        amounts: the tax, split state / secondary / local.
        trade_credit_base: the part of the trade-in's value deducted from the taxed amount.
        trade_tax_credit: the tax that deduction saved.
    """

    rule: TaxRule
    taxable_amount: Decimal
    amounts: TaxAmounts
    trade_credit_base: Decimal
    trade_tax_credit: Decimal


def _sales_tax(purchase: Purchase, rule: TaxRule, no_taxes: bool) -> SalesTax:
    if no_taxes:
        return SalesTax(rule, ZERO, NO_TAX, ZERO, ZERO)
    fees = purchase.fees
    taxable = (
        purchase.selling_price
        + purchase.taxable_products
        + sum((fees[key] for key in rule.taxable_fees), ZERO)
        - purchase.incentives.nontaxable
    )
    trade_value = ZERO if purchase.trade is None else purchase.trade.value
    credit = min(rule.trade_credit_base(trade_value), max(taxable, ZERO))
    amounts = rule.tax(taxable - credit)
    saved = rule.tax(taxable).total - amounts.total if credit else ZERO
    return SalesTax(rule, taxable - credit, amounts, credit, saved)


def _rule_for(inp: DealInput) -> TaxRule:
    if inp.tax_rule_override is not None:
        return inp.tax_rule_override
    rule = tax_rule(inp.state, inp.as_of)
    if rule is None:
        raise PricingInputError("as_of", f"no {inp.state} tax law on file for {inp.as_of.isoformat()}.")
    return rule


def _trade_lines(trade: TradeIn | None) -> Lines:
    if trade is None:
        return []
    lines: Lines = [("Trade-in value", -trade.value)]
    if trade.payoff:
        lines.append((f"Trade-in payoff ({trade.ownership.value})", trade.payoff))
    return lines


_FEE_LABELS = {
    "acquisition": "Lease acquisition fee",
    "doc": "Documentation fee",
    "filing": "Filing fee",
    "handling": "Handling fee",
    "inspection": "Inspection fee",
    "license": "License and registration",
    "misc": "Other fees",
    "out_of_state": "Out-of-state fee",
    "tire": "Tire fee",
}
_SIGNING_FEE_KEYS = tuple(key for key in API_FEE_ORDER if key not in LEASE_ONLY_FEES)
_CAPITALIZED_FEE_KEYS = tuple(key for key in API_FEE_ORDER if key in LEASE_ONLY_FEES)


def _fee_lines(fees: Mapping[str, Decimal], keys: Iterable[str], suffix: str = "") -> Lines:
    return [(f"{_FEE_LABELS[key]}{suffix}", fees[key]) for key in keys if fees[key]]


def _number(value: Decimal) -> str:
    """``value`` without trailing zeros or exponent, for labels (0.00310 → "0.0031", 10.00 → "10")."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _tax_label(rule: TaxRule, what: str) -> str:
    return f"{what} ({rule.state} {_number(rule.combined_rate * HUNDRED)} %)"


def _purchase_lines(purchase: Purchase, tax: SalesTax, total: Decimal) -> Lines:
    lines = purchase.lines()
    lines += _fee_lines(purchase.fees, API_FEE_ORDER)
    if tax.amounts.total:
        label = _tax_label(tax.rule, "Sales tax")
        if tax.trade_tax_credit:
            label += f", {tax.trade_tax_credit:,.2f} less for the trade-in"
        lines.append((label, tax.amounts.total))
    lines.append(("Total purchase price", total))
    lines += _trade_lines(purchase.trade)
    return lines


def _purchase_terms(purchase: Purchase, tax: SalesTax) -> dict[str, Any]:
    """The ``terms`` keys shared by cash and finance deals, in the reference's order."""
    rule = tax.rule
    return {
        "msrp": json_number(purchase.msrp),
        "price": json_number(purchase.selling_price),
        "base_price_before_taxes_and_fees": json_number(purchase.price_before_taxes_and_fees),
        "base_price_after_fees": json_number(purchase.price_before_taxes_and_fees + purchase.total_fees),
        "total_add_ons": json_number(purchase.products_total),
        "total_accessories": 0.0,
        "total_plans": json_number(purchase.products_total),
        "total_taxable_add_ons": json_number(purchase.taxable_products),
        "total_nontaxable_add_ons": json_number(purchase.products_total - purchase.taxable_products),
        **_tax_rate_terms(rule),
        "sales_tax": json_number(tax.amounts.total),
        "primary_tax": json_number(tax.amounts.primary),
        "secondary_tax": json_number(tax.amounts.secondary),
        "local_tax": json_number(tax.amounts.local),
        "tax_surcharge": 0.0,
        "tax_adjustment": 0.0,
        "default_tax_bonus": True,
        "fees": {key: json_number(value) for key, value in purchase.fees.items()},
        "fees_to_tax": sorted(rule.taxable_fees),
        "total_fees": json_number(purchase.total_fees),
        **_incentive_terms(purchase),
        "trade_equity": json_number(purchase.trade_equity),
        "trade_tax_credit": json_number(tax.trade_tax_credit),
    }


def _tax_rate_terms(rule: TaxRule) -> dict[str, Any]:
    """The ``terms`` keys of the state's rates, which every deal type reports, in the reference's order."""
    return {
        "tax_rate": json_number(rule.state_rate),
        "secondary_tax_rate": json_number(rule.secondary_rate),
        "local_tax_rate": json_number(rule.local_rate),
        "combined_tax_rate": json_number(rule.combined_rate),
    }


def _incentive_terms(purchase: Purchase) -> dict[str, Any]:
    applied = purchase.incentives
    return {
        "dealer_cash": json_number(purchase.dealer_cash),
        "total_bonus": json_number(applied.taxable_bonus + applied.nontaxable_bonus),
        "nontaxable_bonus": json_number(applied.nontaxable_bonus),
        "taxable_bonus": json_number(applied.taxable_bonus),
        "rebate": json_number(applied.taxable_rebate + applied.nontaxable_rebate),
        "nontaxable_rebate": json_number(applied.nontaxable_rebate),
        "taxable_rebate": json_number(applied.taxable_rebate),
        "total_coupon": 0.0,
        "add_on_discount": 0.0,
        "plans_discount": 0.0,
    }


def _data(inp: DealInput, purchase: Purchase) -> dict[str, Any]:
    """The reference's ``data`` object, limited to what the engine knows: plans, vehicle basics, trade."""
    trade = purchase.trade
    valuation = None
    if trade is not None:
        valuation = {
            "valuation": {
                "valuation": {
                    "trade_in_value": json_number(trade.value),
                    "trade_in_payoff": json_number(trade.payoff),
                    "trade_in_ownership": trade.ownership.value,
                }
            }
        }
    return {
        "plans": [
            {
                "title": p.name,
                "price": json_number(p.price),
                "taxable": p.taxable,
                "residualize": p.residualize,
            }
            for p in purchase.products
        ],
        "vehicle": {
            "used": inp.used,
            "msrp": json_number(inp.msrp),
            "make": inp.make,
            "model": inp.model,
            "year": inp.year,
        },
        "trade": valuation,
    }
