"""The finance deal: a retail installment contract at the program's buy rate plus the dealer's markup.

The reference's example is reproduced to the cent: 19,785.25 at 0.9 % for 60 months is 337.35 a month, with
odd days to the first payment charged as simple interest on top of the amortized payment.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop.domain.deal import (
    DealInput,
    PricingInputError,
)
from desktop.domain.money import HUNDRED, ONE, ZERO, json_number
from desktop.domain.payments import (
    amortized_payment,
    per_thousand,
    total_interest,
)
from desktop.domain.pricing.payment_terms import PaymentEquivalents, _before_taxes_and_fees_terms, _cost_terms
from desktop.domain.pricing.purchase import (
    _DAYS_PER_YEAR,
    _STANDARD_PERIOD_DAYS,
    Lines,
    Purchase,
    SalesTax,
    _data,
    _number,
    _purchase,
    _purchase_lines,
    _purchase_terms,
    _rule_for,
    _sales_tax,
)
from desktop.domain.programs import (
    FinanceProgram,
    ProgramSet,
)


@dataclass(frozen=True, slots=True)
class FinanceDeal(PaymentEquivalents):
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
            **_before_taxes_and_fees_terms(base),
            "normalized_monthly_payment": json_number(self.per_thousand),
            "normalized_monthly_payment_for_taxable_add_ons": json_number(self.add_on_payment(taxable=True)),
            "normalized_monthly_payment_for_nontaxable_add_ons": json_number(self.add_on_payment(taxable=False)),
            **_cost_terms(self.total_cost_of_ownership, purchase),
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
