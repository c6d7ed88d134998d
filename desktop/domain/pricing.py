"""The deal pricing engine: cash, finance and lease deals from a :class:`DealInput` and lender programs.

Pure functions over Decimal, no Qt and no I/O: the sandbox server, the pricing tab and the benchmarks call the
same code, and the reference's example (``reference/api-contract.md``) is reproduced to the cent.

Each result is a frozen dataclass carrying every figure, ``lines`` — the (label, amount) explanation a pricing
panel shows line by line, in order — and ``to_api()``, the reference's ``deals.<type>`` object. ``to_api``
writes numbers as JSON numbers (Python ``float``), as the reference's example does; every money figure is
rounded to the cent first, so the float prints as the same two decimals. Rates are fractions
(``interest_rate`` 0.009 for 0.9 %), as the reference writes them.

Conventions the reference's figures pin down: the lease residual is a whole-dollar amount; the lease payment
is ``(cap - residual) / n + (cap + residual) x MF`` rounded half-up once; a lease customer's cash pays the
first payment, the fees due at signing (and their tax) and the rest reduces the cap cost; weekly and biweekly
equivalents truncate.
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
    DealerConfig,
    DealInput,
    FeeSchedule,
    Ownership,
    PricingInputError,
    Product,
    TradeIn,
)
from desktop.domain.money import HUNDRED, ONE, THOUSAND, ZERO, json_number, round_cents, round_dollars
from desktop.domain.payments import (
    ScheduleRow,
    amortization_schedule,
    amortized_payment,
    apr_to_money_factor,
    biweekly,
    lease_charges,
    lease_payment,
    money_factor_to_apr,
    per_thousand,
    total_interest,
    weekly,
)
from desktop.domain.programs import (
    AppliedIncentives,
    FinanceProgram,
    LeaseProgram,
    ProgramSet,
    default_programs,
)
from desktop.domain.tax import NO_TAX, LeaseTaxMethod, TaxAmounts, TaxRule, tax_rule

__all__ = [
    "CashDeal",
    "DealInput",
    "DealerConfig",
    "FinanceDeal",
    "LeaseDeal",
    "LeaseSolver",
    "LeaseTax",
    "Lines",
    "Ownership",
    "PaymentGrid",
    "PricingInputError",
    "Product",
    "ProgramSet",
    "Purchase",
    "Quote",
    "SalesTax",
    "ScheduleRow",
    "TradeIn",
    "amortization_schedule",
    "amortized_payment",
    "apr_to_money_factor",
    "biweekly",
    "default_programs",
    "lease_charges",
    "lease_payment",
    "money_factor_to_apr",
    "payment_grid",
    "per_thousand",
    "price_all",
    "price_cash",
    "price_finance",
    "price_finance_at",
    "price_lease",
    "price_lease_at",
    "total_interest",
    "weekly",
]

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
        "tax_rate": json_number(rule.state_rate),
        "secondary_tax_rate": json_number(rule.secondary_rate),
        "local_tax_rate": json_number(rule.local_rate),
        "combined_tax_rate": json_number(rule.combined_rate),
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


@dataclass(frozen=True, slots=True)
class FinanceDeal:
    """A retail installment contract: amount financed, APR, term and the level monthly payment.

    Attributes:
        inp: what was priced.
        program: the lender program chosen (lowest APR for the customer's tier and term).
        purchase: the price build-up.
        tax: sales tax on the purchase (financed with the rest).
        apr: the customer's APR in percent: the program's buy rate plus the dealer's markup.
        markup: the dealer's markup in APR points.
        term: months.
        days_to_first_payment: days from signing to the first payment.
        customer_cash: cash down.
        total_purchase_price: price before taxes and fees + fees + tax.
        amount_financed: total purchase price - customer cash - trade equity.
        maximum_customer_cash: the most cash down that keeps the lender's minimum amount financed.
        monthly_payment: level payment, with taxes and fees financed.
        total_interest: payments made less amount financed (the reference's definition).
    """

    inp: DealInput
    program: FinanceProgram
    purchase: Purchase
    tax: SalesTax
    apr: Decimal
    markup: Decimal
    term: int
    days_to_first_payment: int
    customer_cash: Decimal
    total_purchase_price: Decimal
    amount_financed: Decimal
    maximum_customer_cash: Decimal
    monthly_payment: Decimal
    total_interest: Decimal

    @property
    def payment_before_taxes_and_fees(self) -> Decimal:
        """The payment had taxes and fees been paid apart: the reference's ``base_payment`` (333.34)."""
        taxes_and_fees = self.purchase.total_fees + self.tax.amounts.total
        principal = (self.amount_financed - taxes_and_fees) * _odd_days_factor(self.apr, self.days_to_first_payment)
        return amortized_payment(principal, self.apr, self.term)

    @property
    def weekly_payment(self) -> Decimal:
        """Weekly equivalent of the monthly payment, truncated (337.35 → 77.85)."""
        return weekly(self.monthly_payment)

    @property
    def biweekly_payment(self) -> Decimal:
        """Biweekly equivalent of the monthly payment, truncated (337.35 → 155.70)."""
        return biweekly(self.monthly_payment)

    @property
    def per_thousand(self) -> Decimal:
        """Monthly payment per 1,000 financed at this APR and term (17.05 in the reference)."""
        return per_thousand(self.apr, self.term)

    @property
    def total_of_payments(self) -> Decimal:
        """Every monthly payment added up."""
        return self.monthly_payment * self.term

    @property
    def total_cost_of_ownership(self) -> Decimal:
        """Total purchase price plus interest: cash down, trade equity and every payment."""
        return self.total_purchase_price + self.total_interest

    def add_on_payment(self, *, taxable: bool) -> Decimal:
        """The part of the monthly payment the deal's taxable (or non-taxable) products account for."""
        amount = self.purchase.taxable_products
        if not taxable:
            amount = self.purchase.products_total - amount
        elif not self.inp.no_taxes_or_fees:
            amount += amount * self.tax.rule.combined_rate
        return amortized_payment(amount, self.apr, self.term)

    @property
    def lines(self) -> Lines:
        """The explanation, in order, built on access: grids and the API never need it.

        After the MSRP (shown for reference) the lines add up to the total purchase price, and from there to
        the amount financed.
        """
        lines = _purchase_lines(self.purchase, self.tax, self.total_purchase_price)
        if self.customer_cash:
            lines.append(("Customer cash down", -self.customer_cash))
        lines.append(("Amount financed", self.amount_financed))
        lines.append((f"Monthly payment ({_number(self.apr)} % APR, {self.term} months)", self.monthly_payment))
        lines.append(("Total interest", self.total_interest))
        return lines

    def to_api(self) -> dict[str, Any]:
        """The reference's ``deals.finance`` object."""
        purchase, program = self.purchase, self.program
        base = self.payment_before_taxes_and_fees
        terms: dict[str, Any] = {
            "interest_rate": json_number(self.apr / HUNDRED),
            "effective_interest_rate": json_number(self.apr / HUNDRED),
            "term": self.term,
            "customer_cash": json_number(self.customer_cash),
            "minimum_customer_cash": 0.0,
            "maximum_customer_cash": json_number(self.maximum_customer_cash),
            "due_at_signing": json_number(self.customer_cash),
            "due_to_customer_at_signing": 0.0,
            "total_financed": json_number(self.amount_financed),
            "total_financed_before_subsidy": json_number(self.amount_financed),
            "total_interest": json_number(self.total_interest),
            "lender": program.lender,
            "lender_name": program.lender_name,
            "program_name": program.name,
            "days_until_first_payment": self.days_to_first_payment,
            **_purchase_terms(purchase, self.tax),
            "total_purchase_price": json_number(self.total_purchase_price),
            "total_purchase_price_before_taxes_and_fees": json_number(purchase.price_before_taxes_and_fees),
            "stamp_tax": 0.0,
            "payment_frequency": "month",
            "monthly_payment": json_number(self.monthly_payment),
            "biweekly_payment": json_number(self.biweekly_payment),
            "weekly_payment": json_number(self.weekly_payment),
            "base_payment": json_number(base),
            "monthly_payment_before_taxes_and_fees": json_number(base),
            "weekly_payment_before_taxes_and_fees": json_number(weekly(base)),
            "biweekly_payment_before_taxes_and_fees": json_number(biweekly(base)),
            "principal_for_normalized_payment": json_number(THOUSAND),
            "normalized_monthly_payment": json_number(self.per_thousand),
            "normalized_monthly_payment_for_taxable_add_ons": json_number(self.add_on_payment(taxable=True)),
            "normalized_monthly_payment_for_nontaxable_add_ons": json_number(self.add_on_payment(taxable=False)),
            "total_cost": json_number(self.total_cost_of_ownership + purchase.total_contribution),
            "total_cost_of_ownership": json_number(self.total_cost_of_ownership),
            "total_contribution": json_number(purchase.total_contribution),
            "profit": json_number(purchase.profit),
        }
        return {"deal_type": "finance", "terms": terms, "data": _data(self.inp, purchase)}


def price_finance(inp: DealInput, programs: ProgramSet) -> FinanceDeal:
    """Price ``inp`` as a finance deal at ``inp.term`` months with ``inp.customer_cash`` down.

    The APR is the chosen program's buy rate plus the dealer's markup for the make (a special program takes
    the ``special`` markup, which dealers usually leave null). A first payment later than the standard 30 days
    adds the odd days' simple interest to the balance the payment is computed on, as lenders do.

    Raises:
        PricingInputError: naming ``payment.term``, ``customer.credit_score``, ``vehicle.year`` or
            ``payment.deal_type`` when no program fits, or ``payment.customer_cash`` / ``trade_in.value`` when
            the loan would fall below the lender's minimum amount financed.
    """
    return _price_finance(inp, programs, inp.term, inp.customer_cash)


def price_finance_at(inp: DealInput, programs: ProgramSet, term: int, cash: Decimal) -> FinanceDeal:
    """``inp`` priced at another term and cash down without building a new input: a payment grid's cell.

    Raises:
        PricingInputError: as :func:`price_finance`.
    """
    return _price_finance(inp, programs, term, cash)


def _odd_days_factor(apr: Decimal, days_to_first_payment: int) -> Decimal:
    """How much a first payment later than 30 days grows the balance: simple interest for the extra days."""
    odd_days = days_to_first_payment - _STANDARD_PERIOD_DAYS
    return ONE + apr / HUNDRED * odd_days / _DAYS_PER_YEAR if odd_days > 0 else ONE


def _price_finance(inp: DealInput, programs: ProgramSet, term: int, cash: Decimal) -> FinanceDeal:
    rule = _rule_for(inp)
    program, buy_rate = programs.finance_program(inp.credit_score, term, inp.used, inp.as_of.year - inp.year, inp.as_of)
    markup = inp.dealer.rate_markup("finance", inp.make, inp.used, inp.model, program.special)
    apr = buy_rate + markup
    incentives = programs.incentives_for("finance", inp.incentives, inp.used, inp.as_of, inp.model)
    purchase = _purchase(inp, inp.dealer.purchase_fees, program.dealer_cash, incentives)
    tax = _sales_tax(purchase, rule, inp.no_taxes_or_fees)
    total = purchase.price_before_taxes_and_fees + purchase.total_fees + tax.amounts.total
    equity = purchase.trade_equity
    maximum_cash = max(total - equity - program.min_amount_financed, ZERO)
    financed = total - cash - equity
    if financed < program.min_amount_financed:
        field = "trade_in.value" if cash == ZERO and equity > ZERO else "payment.customer_cash"
        raise PricingInputError(
            field,
            f"{program.lender_name} finances at least {program.min_amount_financed:,.2f}; this loan would be "
            f"{financed:,.2f}. Put down at most {maximum_cash:,.2f}, or price a cash deal.",
        )
    days = inp.days_to_first_payment or program.days_to_first_payment
    payment = amortized_payment(financed * _odd_days_factor(apr, days), apr, term)
    return FinanceDeal(
        inp=inp,
        program=program,
        purchase=purchase,
        tax=tax,
        apr=apr,
        markup=markup,
        term=term,
        days_to_first_payment=days,
        customer_cash=cash,
        total_purchase_price=total,
        amount_financed=financed,
        maximum_customer_cash=maximum_cash,
        monthly_payment=payment,
        total_interest=total_interest(financed, payment, term),
    )


@dataclass(frozen=True, slots=True)
class LeaseTax:
    """Tax on a lease under the state's method.

    Attributes:
        rule: the state's rule in force on the deal's date.
        monthly: tax on each payment (monthly-payment states).
        at_signing: tax paid at signing other than the first payment's: on the fees due at signing, taxable
            incentives and the cap cost reduction. The reduction's tax is what is left of the customer's cash
            once the reduction is backed out, so the items due at signing add up to the cash exactly; it is
            within a cent of the reduction times the rate.
        capitalized: upfront tax added to the cap cost (selling-price and total-of-payments states).
    """

    rule: TaxRule
    monthly: Decimal
    at_signing: Decimal
    capitalized: Decimal


@dataclass(frozen=True, slots=True)
class LeaseDeal:
    """A closed-end lease: cap cost, residual, money factor, and what is due at signing.

    Attributes:
        inp: what was priced.
        program: the lease program chosen (lowest money factor for the customer's tier).
        purchase: the price build-up.
        tax: tax under the state's lease method.
        term: months.
        money_factor: the program's buy rate plus the dealer's markup.
        markup: the dealer's money-factor markup.
        residual_percent: residual as a percent of ``residual_msrp``, for the term and mileage tier.
        residual_msrp: MSRP plus residualized products.
        residual: lender's residual value, whole dollars.
        excess_miles: miles bought upfront beyond the highest residual tier, over the whole term.
        excess_mileage_charge: their price, capitalized.
        cap_cost: the amount the lease finances.
        down_payment: the cap cost reduction from customer cash (negative: items due at signing the cash did
            not cover, capitalized instead).
        base_payment: monthly payment before tax.
        customer_cash: cash at signing, which the items due at signing add up to.
        solver: the payment's fixed-point problem, kept for what-ifs such as the maximum customer cash.
    """

    inp: DealInput
    program: LeaseProgram
    purchase: Purchase
    tax: LeaseTax
    term: int
    money_factor: Decimal
    markup: Decimal
    residual_percent: Decimal
    residual_msrp: Decimal
    residual: Decimal
    excess_miles: int
    excess_mileage_charge: Decimal
    cap_cost: Decimal
    down_payment: Decimal
    base_payment: Decimal
    customer_cash: Decimal
    solver: LeaseSolver

    @property
    def payment_before_taxes_and_fees(self) -> Decimal:
        """The payment on a cap cost without capitalized fees and tax (269.04 in the reference)."""
        return lease_payment(self.net_purchase_price, self.residual, self.money_factor, self.term)

    @property
    def maximum_customer_cash(self) -> Decimal:
        """The customer cash that would bring the cap cost down to the residual, leaving no depreciation."""
        return self.solver.maximum_cash() + self.customer_cash - self.solver.before_payment

    @property
    def monthly_payment(self) -> Decimal:
        """Payment with monthly tax."""
        return self.base_payment + self.tax.monthly

    @property
    def first_payment(self) -> Decimal:
        """The first month's payment, due at signing."""
        return self.monthly_payment

    @property
    def capitalized_fees(self) -> Decimal:
        """Fees added to the cap cost (the acquisition fee)."""
        return self.purchase.fee_schedule.capitalized

    @property
    def fees_due_at_signing(self) -> Decimal:
        """Every fee not capitalized."""
        return self.purchase.total_fees - self.capitalized_fees

    @property
    def net_purchase_price(self) -> Decimal:
        """Cap cost without capitalized fees and tax (21,074.36 in the reference)."""
        return self.cap_cost - self.capitalized_fees - self.tax.capitalized

    @property
    def depreciation(self) -> Decimal:
        """Monthly depreciation ``(cap - residual) / n``, to the cent."""
        return round_cents((self.cap_cost - self.residual) / self.term)

    @property
    def rent_charge(self) -> Decimal:
        """Monthly rent charge: the base payment less depreciation, so the two add up to the payment."""
        return self.base_payment - self.depreciation

    @property
    def weekly_payment(self) -> Decimal:
        """Weekly equivalent of the monthly payment, truncated (289.11 → 66.71)."""
        return weekly(self.monthly_payment)

    @property
    def biweekly_payment(self) -> Decimal:
        """Biweekly equivalent of the monthly payment, truncated (289.11 → 133.43)."""
        return biweekly(self.monthly_payment)

    @property
    def security_deposit(self) -> Decimal:
        """Refundable deposit due at signing, as the program requires."""
        return self.program.security_deposit

    @property
    def tax_due_at_signing(self) -> Decimal:
        """Tax paid at signing, the first payment's included."""
        return self.tax.at_signing + self.tax.monthly

    @property
    def effective_monthly_tax(self) -> Decimal:
        """Monthly tax plus what capitalized upfront tax adds to the payment: how much of it is tax."""
        untaxed = lease_payment(self.cap_cost - self.tax.capitalized, self.residual, self.money_factor, self.term)
        return self.monthly_payment - untaxed

    @property
    def trade_tax_credit(self) -> Decimal:
        """Tax the trade equity would have cost at signing, saved where the state credits it on a lease."""
        equity, rule = self.purchase.trade_equity, self.tax.rule
        if equity <= ZERO or not rule.lease_trade_credit or self.solver.method is LeaseTaxMethod.NONE:
            return ZERO
        return rule.tax(equity).total

    @property
    def total_cost_of_ownership(self) -> Decimal:
        """Cash at signing and the remaining payments, with the trade equity given up, less the deposit."""
        remaining = self.monthly_payment * (self.term - 1)
        return self.customer_cash + remaining + self.purchase.trade_equity - self.security_deposit

    def add_on_payment(self, *, taxable: bool, residualize: bool) -> Decimal:
        """The part of the monthly payment the deal's products of one kind account for, with monthly tax."""
        share = ZERO
        for product in self.purchase.products:
            if product.taxable == taxable and product.residualize == residualize:
                share += _product_share(product, self.residual_percent, self.money_factor, self.term)
        if taxable and self.tax.rule.lease_method is LeaseTaxMethod.MONTHLY_PAYMENT and self.tax.monthly:
            share += share * self.tax.rule.combined_rate
        return round_cents(share)

    @property
    def lines(self) -> Lines:
        """The explanation, in order, built on access: grids and the API never need it.

        The lines add up: after the MSRP (shown for reference) the price lines to the cap cost, depreciation
        and rent charge to the payment before tax, and the "due at signing" lines to the customer cash.
        """
        purchase, tax, rule = self.purchase, self.tax, self.tax.rule
        lines = purchase.lines()
        lines += _trade_lines(purchase.trade)
        lines += _fee_lines(purchase.fees, _CAPITALIZED_FEE_KEYS, " (capitalized)")
        if self.excess_mileage_charge:
            lines.append((f"Prepaid miles ({self.excess_miles:,} mi)", self.excess_mileage_charge))
        if tax.capitalized:
            lines.append((_tax_label(rule, "Upfront tax, capitalized"), tax.capitalized))
        if self.down_payment >= ZERO:
            lines.append(("Cap cost reduction", -self.down_payment))
        else:
            lines.append(("Due at signing not covered by cash (capitalized)", -self.down_payment))
        lines.append(("Capitalized cost", self.cap_cost))
        lines.append((f"Residual ({_number(self.residual_percent)} % of {self.residual_msrp:,.2f})", self.residual))
        lines.append((f"Depreciation ({self.term} months)", self.depreciation))
        apr = _number(money_factor_to_apr(self.money_factor).quantize(Decimal("0.01")))
        lines.append((f"Rent charge (money factor {_number(self.money_factor)}, {apr} % APR)", self.rent_charge))
        if tax.monthly:
            lines.append((_tax_label(rule, "Monthly tax"), tax.monthly))
        lines.append(("Monthly payment", self.monthly_payment))
        lines.append(("Due at signing: first payment", self.first_payment))
        lines += _fee_lines(purchase.fees, _SIGNING_FEE_KEYS, " (due at signing)")
        if tax.at_signing:
            lines.append(("Due at signing: tax", tax.at_signing))
        if self.security_deposit:
            lines.append(("Due at signing: security deposit", self.security_deposit))
        if self.down_payment > ZERO:
            lines.append(("Due at signing: cap cost reduction", self.down_payment))
        lines.append(("Total due at signing", self.customer_cash))
        return lines

    def to_api(self) -> dict[str, Any]:
        """The reference's ``deals.lease`` object.

        ``base_residual_percent`` is the program's residual at its base mileage for the term and
        ``residual_adjustment`` the points the customer's mileage tier adds to it. ``initial_tax`` is the tax
        at signing besides the first payment's.
        """
        purchase, program, tax, rule = self.purchase, self.program, self.tax, self.tax.rule
        base_before = self.payment_before_taxes_and_fees
        base_residual = program.residuals[self.term].get(program.base_annual_mileage, self.residual_percent)
        split = rule.tax(tax.at_signing / rule.combined_rate) if tax.at_signing else NO_TAX
        terms: dict[str, Any] = {
            "term": self.term,
            "money_factor": json_number(self.money_factor),
            "cap_cost": json_number(self.cap_cost),
            "residual_value": json_number(self.residual),
            "base_residual_percent": json_number(base_residual),
            "residual_adjustment": json_number(self.residual_percent - base_residual),
            "annual_mileage": self.inp.annual_mileage,
            "excess_mileage": self.excess_miles,
            "excess_mileage_charge": json_number(self.excess_mileage_charge),
            "lender": program.lender,
            "lender_name": program.lender_name,
            "program_name": program.name,
            "msrp": json_number(purchase.msrp),
            "residual_msrp": json_number(self.residual_msrp),
            "price": json_number(purchase.selling_price),
            "net_purchase_price": json_number(self.net_purchase_price),
            "total_residualizable_add_ons": json_number(self.residual_msrp - purchase.msrp),
            "base_price_before_taxes_and_fees": json_number(purchase.price_before_taxes_and_fees),
            "base_price_after_fees": json_number(purchase.price_before_taxes_and_fees + self.capitalized_fees),
            "total_add_ons": json_number(purchase.products_total),
            "total_plans": json_number(purchase.products_total),
            "total_accessories": 0.0,
            "total_purchase_price": json_number(purchase.price_before_taxes_and_fees),
            "total_purchase_price_before_taxes_and_fees": json_number(purchase.price_before_taxes_and_fees),
            "tax_rate": json_number(rule.state_rate),
            "secondary_tax_rate": json_number(rule.secondary_rate),
            "local_tax_rate": json_number(rule.local_rate),
            "combined_tax_rate": json_number(rule.combined_rate),
            "tax_method": rule.lease_method.value,
            "initial_tax": json_number(tax.at_signing),
            "initial_primary_tax": json_number(tax.at_signing - split.secondary - split.local),
            "initial_secondary_tax": json_number(split.secondary),
            "local_tax": json_number(split.local),
            "tax_surcharge": 0.0,
            "monthly_tax": json_number(tax.monthly),
            "tax_due_at_signing": json_number(self.tax_due_at_signing),
            "total_tax_capitalized": json_number(tax.capitalized),
            "effective_monthly_tax": json_number(self.effective_monthly_tax),
            "default_tax_bonus": True,
            **_incentive_terms(purchase),
            "trade_equity": json_number(purchase.trade_equity),
            "trade_tax_credit": json_number(self.trade_tax_credit),
            "monthly_payment": json_number(self.monthly_payment),
            "biweekly_payment": json_number(self.biweekly_payment),
            "weekly_payment": json_number(self.weekly_payment),
            "first_payment": json_number(self.first_payment),
            "first_payment_waiver": 0.0,
            "payment_frequency": "month",
            "base_payment": json_number(self.base_payment),
            "monthly_payment_before_taxes_and_fees": json_number(base_before),
            "weekly_payment_before_taxes_and_fees": json_number(weekly(base_before)),
            "biweekly_payment_before_taxes_and_fees": json_number(biweekly(base_before)),
            "principal_for_normalized_payment": json_number(THOUSAND),
            **{
                f"normalized_monthly_payment_for_{'' if taxable else 'non'}taxable_"
                f"{'' if residualize else 'non'}residualizable_add_ons": json_number(
                    self.add_on_payment(taxable=taxable, residualize=residualize)
                )
                for taxable in (False, True)
                for residualize in (False, True)
            },
            "customer_cash": json_number(self.customer_cash),
            "due_at_signing": json_number(self.customer_cash),
            "due_to_customer_at_signing": 0.0,
            "desired_customer_cash": json_number(self.customer_cash),
            "security_deposit_due_at_signing": json_number(self.security_deposit),
            "down_from_customer_cash": json_number(self.down_payment),
            "minimum_customer_cash": 0.0,
            "maximum_customer_cash": json_number(self.maximum_customer_cash),
            "total_cost": json_number(self.total_cost_of_ownership + purchase.total_contribution),
            "total_cost_of_ownership": json_number(self.total_cost_of_ownership),
            "total_contribution": json_number(purchase.total_contribution),
            "profit": json_number(purchase.profit),
            "fees": {key: json_number(value) for key, value in purchase.fees.items()},
            "fees_to_tax_at_signing": sorted(k for k in rule.taxable_fees if k not in LEASE_ONLY_FEES),
            "fees_to_capitalize": list(_CAPITALIZED_FEE_KEYS),
            "overage_charge": json_number(program.overage_per_mile),
            "purchase_charge": 0.0,
            "total_fees_due_at_signing_except_acquisition_fee": json_number(self.fees_due_at_signing),
            "total_fees_due_at_signing": json_number(self.fees_due_at_signing),
            "total_fees_capitalized": json_number(self.capitalized_fees),
        }
        return {"deal_type": "lease", "terms": terms, "data": _data(self.inp, purchase)}


def _product_share(product: Product, residual_percent: Decimal, money_factor: Decimal, term: int) -> Decimal:
    """The exact part of a lease's monthly payment before tax that ``product`` accounts for."""
    residual = product.price * residual_percent / HUNDRED if product.residualize else ZERO
    depreciation, rent = lease_charges(product.price, residual, money_factor, term)
    return depreciation + rent


def price_lease(inp: DealInput, programs: ProgramSet) -> LeaseDeal:
    """Price ``inp`` as a lease at ``inp.term`` months, ``inp.annual_mileage`` miles a year.

    ``inp.customer_cash`` is the total due at signing: the first payment, the fees due at signing, taxes at
    signing and the security deposit come out of it and the rest reduces the cap cost; cash short of those
    items is capitalized instead. The first payment depends on the cap cost reduction and vice versa, so the
    payment is found as a fixed point to the cent (see :class:`LeaseSolver`).

    Raises:
        PricingInputError: naming ``payment.term``, ``customer.credit_score`` or ``payment.deal_type`` when no
            program fits, ``payment.annual_mileage`` beyond what the lender writes, or
            ``payment.customer_cash`` beyond what would bring the cap cost below the residual.
    """
    return _price_lease(inp, programs, inp.term, inp.customer_cash)


def price_lease_at(inp: DealInput, programs: ProgramSet, term: int, cash: Decimal) -> LeaseDeal:
    """``inp`` leased at another term and cash due at signing without building a new input: a grid's cell.

    Raises:
        PricingInputError: as :func:`price_lease`.
    """
    return _price_lease(inp, programs, term, cash)


@dataclass(frozen=True, slots=True)
class LeaseSolver:
    """The lease's fixed point: payment → cap cost reduction → cap cost → payment.

    Each step is nondecreasing in the trial payment (a higher payment leaves less cash for the reduction,
    which raises the cap cost) with a slope near ``1/n + MF``, well under one even with New York's tax on the
    total of payments, so iterating converges and cannot oscillate. It starts from the exact closed form, so
    one step nearly always just confirms it, which keeps a lease as cheap to price as a loan.

    Attributes:
        rule: the state's tax rule.
        method: the lease tax method in effect (``NONE`` when the deal excludes taxes and fees).
        gross_cap: cap cost before the reduction and before upfront tax.
        residual: residual value.
        money_factor: the customer's money factor.
        term: months.
        before_payment: customer cash less the fees due at signing, their tax and the security deposit.
        upfront_fixed: selling-price states' upfront tax, which does not depend on the payment.
        taxed_at_signing: what the state taxes at signing besides the payments and the reduction.
        nontaxable_share: the part of the payment that non-taxable products account for.
    """

    rule: TaxRule
    method: LeaseTaxMethod
    gross_cap: Decimal
    residual: Decimal
    money_factor: Decimal
    term: int
    before_payment: Decimal
    upfront_fixed: Decimal
    taxed_at_signing: Decimal
    nontaxable_share: Decimal

    def step(self, payment: Decimal) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal]:
        """For a trial base payment: (next payment, monthly tax, reduction, upfront tax, cap cost)."""
        monthly = self.method is LeaseTaxMethod.MONTHLY_PAYMENT
        monthly_tax = self.rule.tax(payment - self.nontaxable_share).total if monthly else ZERO
        left = self.before_payment - payment - monthly_tax
        down = self.rule.untaxed_part(left) if monthly else left
        upfront = self.upfront_fixed
        if self.method is LeaseTaxMethod.TOTAL_OF_PAYMENTS:
            upfront = self.rule.tax(payment * self.term + max(down, ZERO) + self.taxed_at_signing).total
        cap = self.gross_cap + upfront - down
        return (
            lease_payment(cap, self.residual, self.money_factor, self.term),
            monthly_tax,
            down,
            upfront,
            cap,
        )

    def solve(self) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal]:
        """(base payment, monthly tax, reduction, upfront tax, cap cost) at the fixed point."""
        payment = self._closed_form()
        for _ in range(_MAX_FIXED_POINT_STEPS):
            following, monthly_tax, down, upfront, cap = self.step(payment)
            if following == payment:
                return payment, monthly_tax, down, upfront, cap
            payment = following
        raise ArithmeticError(f"lease payment did not settle: {self!r}")

    def _closed_form(self) -> Decimal:
        """The payment solved exactly, ignoring rounding and caps, so that one step usually confirms it.

        The payment is ``k x cap + R x (MF - 1/n)`` with ``k = 1/n + MF``, and under every tax method the
        cap cost reduction ``a - b x payment`` and the upfront tax ``u0 + u1 x payment`` are affine in the
        payment (one set of coefficients when the cash covers the signing items, another when it falls short),
        so the fixed point is ``(k (gross cap + u0 - a) + R (MF - 1/n)) / (1 - k (u1 + b))``.
        """
        k = ONE / self.term + self.money_factor
        constant = self.residual * (self.money_factor - ONE / self.term)
        rate, cash, signing = self.rule.combined_rate, self.before_payment, self.taxed_at_signing
        monthly = self.method is LeaseTaxMethod.MONTHLY_PAYMENT
        total_of_payments = self.method is LeaseTaxMethod.TOTAL_OF_PAYMENTS
        payment = ZERO
        for covered in (True, False):
            a, b, u0, u1 = cash, ONE, self.upfront_fixed, ZERO
            if monthly:
                a = cash + rate * self.nontaxable_share
                if covered:
                    a /= ONE + rate
                else:
                    b += rate
            elif total_of_payments:
                u0 = rate * (signing + (cash if covered else ZERO))
                u1 = rate * (self.term - 1 if covered else self.term)
            payment = (k * (self.gross_cap + u0 - a) + constant) / (ONE - k * (u1 + b))
            if a - b * payment >= ZERO:
                break
        return round_cents(payment)

    def maximum_cash(self) -> Decimal:
        """The cash, beyond the fees, tax and deposit deducted at signing, that brings the cap cost down to
        the residual; to the cent.
        """
        down = self.gross_cap + self.upfront_fixed - self.residual
        payment = lease_payment(self.residual, self.residual, self.money_factor, self.term)
        taxes = ZERO
        if self.method is LeaseTaxMethod.MONTHLY_PAYMENT:
            taxes = self.rule.tax(payment - self.nontaxable_share).total + self.rule.tax(down).total
        return max(down + payment + taxes, ZERO)


def _price_lease(inp: DealInput, programs: ProgramSet, term: int, cash: Decimal) -> LeaseDeal:
    rule = _rule_for(inp)
    program, buy_mf = programs.lease_program(inp.credit_score, term, inp.used, inp.as_of)
    if inp.annual_mileage > program.max_annual_mileage:
        raise PricingInputError(
            "payment.annual_mileage",
            f"{program.lender_name} leases at most {program.max_annual_mileage:,} miles a year.",
        )
    markup = inp.dealer.rate_markup("lease", inp.make, inp.used, inp.model, program.special)
    mf = buy_mf + markup
    tier_miles, percent = program.residual_tier(term, inp.annual_mileage)
    extra_miles = inp.annual_mileage - tier_miles
    half_year = _MONTHS_PER_YEAR // 2
    excess_miles = (extra_miles * term + half_year) // _MONTHS_PER_YEAR if extra_miles > 0 else 0  # half-up
    excess_charge = excess_miles * program.prepaid_per_mile

    incentives = programs.incentives_for("lease", inp.incentives, inp.used, inp.as_of, inp.model)
    purchase = _purchase(inp, inp.dealer.lease_fees, program.dealer_cash, incentives)
    residual_msrp = inp.msrp
    nontaxable_share = ZERO
    for product in inp.products:
        if product.residualize:
            residual_msrp += product.price
        if not product.taxable:
            nontaxable_share += _product_share(product, percent, mf, term)
    residual = round_dollars(residual_msrp * percent / HUNDRED)
    fees = purchase.fees
    equity = purchase.trade_equity
    method = LeaseTaxMethod.NONE if inp.no_taxes_or_fees else rule.lease_method
    taxed_at_signing = ZERO
    fixed_signing_tax = upfront_fixed = ZERO
    if method is not LeaseTaxMethod.NONE:
        taxed_at_signing = (
            sum((fees[key] for key in rule.taxable_fees if key not in LEASE_ONLY_FEES), ZERO)
            + incentives.taxable
            + (ZERO if rule.lease_trade_credit else max(equity, ZERO))
        )
    if method is LeaseTaxMethod.MONTHLY_PAYMENT:
        fixed_signing_tax = rule.tax(taxed_at_signing).total
    elif method is LeaseTaxMethod.SELLING_PRICE:
        upfront_fixed = rule.tax(
            purchase.selling_price
            + purchase.taxable_products
            + sum((fees[key] for key in rule.taxable_fees), ZERO)
            - incentives.nontaxable
            - (max(equity, ZERO) if rule.lease_trade_credit else ZERO)
        ).total
    signing_deductions = purchase.total_fees - purchase.fee_schedule.capitalized + fixed_signing_tax
    signing_deductions += program.security_deposit
    solver = LeaseSolver(
        rule=rule,
        method=method,
        gross_cap=purchase.price_before_taxes_and_fees + purchase.fee_schedule.capitalized + excess_charge - equity,
        residual=residual,
        money_factor=mf,
        term=term,
        before_payment=cash - signing_deductions,
        upfront_fixed=upfront_fixed,
        taxed_at_signing=taxed_at_signing,
        nontaxable_share=nontaxable_share,
    )
    payment, monthly_tax, down, upfront, cap = solver.solve()
    if cap < residual:
        maximum_cash = solver.maximum_cash() + signing_deductions
        raise PricingInputError(
            "payment.customer_cash",
            f"at most {maximum_cash:,.2f} on this lease; more would bring the cap cost below the residual "
            f"({residual:,.0f}). Consider a finance or cash deal.",
        )
    down_tax = solver.before_payment - payment - monthly_tax - down
    return LeaseDeal(
        inp=inp,
        program=program,
        purchase=purchase,
        tax=LeaseTax(rule, monthly_tax, fixed_signing_tax + down_tax, upfront),
        term=term,
        money_factor=mf,
        markup=markup,
        residual_percent=percent,
        residual_msrp=residual_msrp,
        residual=residual,
        excess_miles=excess_miles,
        excess_mileage_charge=excess_charge,
        cap_cost=cap,
        down_payment=down,
        base_payment=payment,
        customer_cash=cash,
        solver=solver,
    )


@dataclass(frozen=True, slots=True)
class Quote:
    """A deal priced every way at once, as the reference's ``deals`` object.

    Attributes:
        cash: the cash deal (always available).
        finance: the finance deal, or ``None`` when no program fits (see ``unavailable``).
        lease: the lease deal, or ``None`` when no program fits.
        unavailable: deal type → why it could not be priced, for the panel to say so in place.
    """

    cash: CashDeal
    finance: FinanceDeal | None
    lease: LeaseDeal | None
    unavailable: Mapping[str, PricingInputError]

    def to_api(self) -> dict[str, Any]:
        """The reference's ``deals`` object with the deal types that could be priced."""
        deals = {"cash": self.cash.to_api()}
        if self.finance is not None:
            deals["finance"] = self.finance.to_api()
        if self.lease is not None:
            deals["lease"] = self.lease.to_api()
        return {"deals": deals}


def price_all(inp: DealInput, programs: ProgramSet) -> Quote:
    """Price ``inp`` as cash, finance and lease; a deal type no program fits is reported, not raised.

    Raises:
        PricingInputError: only for what stops the cash deal too (no tax law on file for the date).
    """
    cash = price_cash(inp, programs)
    unavailable: dict[str, PricingInputError] = {}
    finance: FinanceDeal | None = None
    lease: LeaseDeal | None = None
    try:
        finance = price_finance(inp, programs)
    except PricingInputError as exc:
        unavailable["finance"] = exc
    try:
        lease = price_lease(inp, programs)
    except PricingInputError as exc:
        unavailable["lease"] = exc
    return Quote(cash, finance, lease, unavailable)


PaymentGrid = dict[str, dict[int, dict[Decimal, Decimal | None]]]


def payment_grid(
    inp: DealInput, programs: ProgramSet, terms: Iterable[int], cash_amounts: Iterable[Decimal]
) -> PaymentGrid:
    """Monthly payments for every term and customer cash, finance and lease: a desk's pencil grid.

    ``grid["finance"][60][Decimal(5000)]`` is the finance payment at 60 months with 5,000 down (for a lease,
    the cash is the total due at signing); a cell is ``None`` where that deal cannot be written (no program
    offers the term or approves the score, the cash exceeds the maximum). Everything else comes from ``inp``.

    Raises:
        PricingInputError: a negative cash amount (``payment.customer_cash``) or a term under one month
            (``payment.term``).
    """
    term_list = list(terms)
    cash_list = list(cash_amounts)
    if any(term <= 0 for term in term_list):
        raise PricingInputError("payment.term", "every term in the grid must be at least one month.")
    if any(amount < ZERO for amount in cash_list):
        raise PricingInputError("payment.customer_cash", "cannot be negative; enter 0 for no money down.")
    grid: PaymentGrid = {"finance": {}, "lease": {}}
    for term in term_list:
        finance_row: dict[Decimal, Decimal | None] = grid["finance"].setdefault(term, {})
        lease_row: dict[Decimal, Decimal | None] = grid["lease"].setdefault(term, {})
        for amount in cash_list:
            try:
                finance_row[amount] = _price_finance(inp, programs, term, amount).monthly_payment
            except PricingInputError:
                finance_row[amount] = None
            try:
                lease_row[amount] = _price_lease(inp, programs, term, amount).monthly_payment
            except PricingInputError:
                lease_row[amount] = None
    return grid
