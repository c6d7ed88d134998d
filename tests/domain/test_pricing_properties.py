"""Properties of the payment math and the engine, over generated loans, leases and deals.

Rounding rule under test (see ``payments.amortization_schedule``): the level payment is rounded half-up once;
lenders accrue interest on the cent balance each month and settle the payment's rounding in the final payment,
which differs from the level payment by at most ``0.01 x ((1 + r)^n - 1) / r`` — n cents at 0 % APR, a little
more at higher rates as the half-cents compound.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from desktop.domain.deal import DealerConfig, DealInput, Ownership, PricingInputError, Product, TradeIn
from desktop.domain.payments import (
    amortization_schedule,
    amortized_payment,
    biweekly,
    lease_charges,
    lease_payment,
    total_interest,
    weekly,
)
from desktop.domain.pricing import FinanceDeal, LeaseDeal, price_finance, price_lease
from desktop.domain.programs import default_programs
from desktop.domain.tax import LeaseTaxMethod

D = Decimal
CENT = D("0.01")
HALF_CENT = D("0.005")
TODAY = date(2024, 5, 15)
PROGRAMS = {make: default_programs(make, TODAY) for make in ("Mazda", "Toyota", "Ford")}
DEALER = DealerConfig.from_api(
    {
        "fees": {"doc_fee": 85, "filing_fee": 30, "license_fee": 120.25, "lease_acquisition_fee": 650},
        "markups": [{"make": "All", "finance": {"new": {"global": {"standard": 1}}}}],
    }
)
ZIPS = ["94113", "98101", "75201", "10001", "30301", "60601", "33101", "03101"]

PROPERTY = settings(database=None, deadline=None, max_examples=150)

principals = st.decimals(min_value=D(500), max_value=D(250_000), places=2)
aprs = st.decimals(min_value=D(0), max_value=D("29.99"), places=2)
months = st.integers(min_value=1, max_value=96)
money = st.decimals(min_value=D(0), max_value=D(9_999), places=2)


def annuity_growth(apr: Decimal, n: int) -> Decimal:
    """``((1 + r)^n - 1) / r``: how much a cent a month grows to by the end (``n`` at 0 %)."""
    rate = apr / 1200
    return D(n) if rate == 0 else ((1 + rate) ** n - 1) / rate


@PROPERTY
@given(principals, aprs, months)
def test_schedule_retires_the_loan_and_its_interest_matches_the_reference_rule(
    principal: Decimal, apr: Decimal, n: int
) -> None:
    payment = amortized_payment(principal, apr, n)
    rows = amortization_schedule(principal, apr, n)
    assert len(rows) == n
    assert rows[-1].balance == 0
    assert all(row.balance >= 0 for row in rows)
    assert all(row.payment == payment for row in rows[:-1])
    adjustment = rows[-1].payment - payment
    assert abs(adjustment) <= CENT * annuity_growth(apr, n)
    schedule_interest = sum((row.interest for row in rows), D(0))
    assert schedule_interest == total_interest(principal, payment, n) + adjustment
    assert payment * n - principal == total_interest(principal, payment, n)


@PROPERTY
@given(principals, aprs, months)
def test_exact_payment_retires_the_loan_to_within_a_cent(principal: Decimal, apr: Decimal, n: int) -> None:
    rate = apr / 1200
    exact = principal / n if rate == 0 else principal * rate / (1 - (1 + rate) ** -n)
    assert abs(amortized_payment(principal, apr, n) - exact) <= HALF_CENT + D("1e-20")  # 28-digit ties
    balance = principal
    for _ in range(n):
        balance = balance * (1 + rate) - exact
    assert abs(balance) < CENT


@PROPERTY
@given(principals, aprs, months, st.decimals(min_value=D("0.01"), max_value=D(5000), places=2))
def test_more_principal_never_lowers_the_payment(principal: Decimal, apr: Decimal, n: int, more: Decimal) -> None:
    assert amortized_payment(principal + more, apr, n) >= amortized_payment(principal, apr, n)


@PROPERTY
@given(
    st.decimals(min_value=D(10_000), max_value=D(120_000), places=2),
    st.decimals(min_value=D(30), max_value=D(80), places=0),
    st.decimals(min_value=D("0.00001"), max_value=D("0.006"), places=5),
    st.sampled_from([24, 36, 39, 48]),
)
def test_lease_payment_is_depreciation_plus_rent_charge(
    cap: Decimal, residual_percent: Decimal, money_factor: Decimal, n: int
) -> None:
    residual = (cap * residual_percent / 100).quantize(D(1))
    depreciation, rent = lease_charges(cap, residual, money_factor, n)
    assert depreciation == (cap - residual) / n
    assert rent == (cap + residual) * money_factor
    assert abs(lease_payment(cap, residual, money_factor, n) - (depreciation + rent)) <= HALF_CENT


@PROPERTY
@given(st.decimals(min_value=D(0), max_value=D(20_000), places=2))
def test_weekly_and_biweekly_never_overstate_and_lose_less_than_a_cent(monthly: Decimal) -> None:
    for value, periods in ((weekly(monthly), 52), (biweekly(monthly), 26)):
        exact = monthly * 12 / periods
        assert value <= exact < value + CENT
        assert value == value.quantize(CENT)


@st.composite
def deals(draw: st.DrawFn) -> DealInput:
    msrp = draw(st.decimals(min_value=D(15_000), max_value=D(90_000), places=0))
    discount = draw(st.decimals(min_value=D(0), max_value=D("0.08"), places=2))
    trade = None
    if draw(st.booleans()):
        value = draw(st.decimals(min_value=D(0), max_value=D(20_000), places=2))
        payoff = draw(st.decimals(min_value=D(0), max_value=D(25_000), places=2))
        trade = TradeIn(value, payoff, Ownership.FINANCED)
    products = tuple(
        Product(f"Product {i}", draw(money), taxable=draw(st.booleans()), residualize=draw(st.booleans()))
        for i in range(draw(st.integers(min_value=0, max_value=3)))
    )
    return DealInput(
        msrp=msrp,
        price=(msrp * (1 - discount)).quantize(D(1)),
        make=draw(st.sampled_from(sorted(PROGRAMS))),
        year=2024,
        dealer=DEALER,
        credit_score=draw(st.integers(min_value=620, max_value=850)),
        zip_code=draw(st.sampled_from(ZIPS)),
        term=draw(st.sampled_from([24, 36, 48])),
        as_of=TODAY,
        customer_cash=draw(st.decimals(min_value=D(0), max_value=D(8_000), places=2)),
        annual_mileage=draw(st.sampled_from([7_500, 10_000, 12_000, 15_000, 18_000])),
        trade_in=trade,
        products=products,
        no_taxes_or_fees=draw(st.booleans()) and draw(st.booleans()),
    )


def finance(inp: DealInput) -> FinanceDeal:
    try:
        return price_finance(inp, PROGRAMS[inp.make])
    except PricingInputError:
        assume(False)
        raise


def lease(inp: DealInput) -> LeaseDeal:
    try:
        return price_lease(inp, PROGRAMS[inp.make])
    except PricingInputError:
        assume(False)
        raise


@PROPERTY
@given(deals())
def test_finance_figures_add_up_to_the_cent(inp: DealInput) -> None:
    deal = finance(inp)
    cash_and_trade = deal.customer_cash + deal.purchase.trade_equity
    assert deal.amount_financed == deal.total_purchase_price - cash_and_trade
    assert deal.total_cost_of_ownership == cash_and_trade + deal.monthly_payment * deal.term
    assert deal.monthly_payment == deal.monthly_payment.quantize(CENT)
    rule, taxed = deal.tax.rule, deal.tax.taxable_amount
    if deal.tax.amounts.total:
        local_base = taxed if rule.local_cap is None else min(taxed, rule.local_cap)
        assert abs(deal.tax.amounts.primary - taxed * rule.state_rate) <= HALF_CENT
        assert abs(deal.tax.amounts.local - local_base * rule.local_rate) <= HALF_CENT
    lines = [(label, amount) for label, amount in deal.lines if label != "MSRP"]
    total_at = [label for label, _ in lines].index("Total purchase price")
    assert sum(amount for _, amount in lines[:total_at]) == deal.total_purchase_price


@PROPERTY
@given(deals())
def test_lease_figures_add_up_to_the_cent(inp: DealInput) -> None:
    deal = lease(inp)
    due = deal.first_payment + deal.fees_due_at_signing + deal.tax.at_signing + deal.security_deposit
    assert due + deal.down_payment == deal.customer_cash
    depreciation, rent = lease_charges(deal.cap_cost, deal.residual, deal.money_factor, deal.term)
    assert abs(deal.base_payment - depreciation - rent) <= HALF_CENT
    assert deal.depreciation + deal.rent_charge == deal.base_payment
    assert abs(deal.rent_charge - rent) <= CENT
    rule = deal.tax.rule
    if deal.tax.monthly:
        taxed_payment = deal.base_payment - deal.solver.nontaxable_share  # non-taxable products are not taxed
        assert abs(deal.tax.monthly - taxed_payment * rule.combined_rate) <= 2 * CENT
    if deal.solver.method is LeaseTaxMethod.MONTHLY_PAYMENT:
        # the reduction's tax absorbs the rounding that makes the signing items add up, and only that
        expected = rule.tax(deal.solver.taxed_at_signing).total + rule.tax(deal.down_payment).total
        assert abs(deal.tax.at_signing - expected) <= CENT
    else:
        assert deal.tax.at_signing == 0
    payment, *_ = deal.solver.step(deal.base_payment)
    assert payment == deal.base_payment


@PROPERTY
@given(deals(), st.decimals(min_value=D("0.01"), max_value=D(3_000), places=2))
def test_more_cash_never_raises_the_payment(inp: DealInput, more: Decimal) -> None:
    richer = replace(inp, customer_cash=inp.customer_cash + more)
    assert finance(richer).monthly_payment <= finance(inp).monthly_payment
    assert lease(richer).monthly_payment <= lease(inp).monthly_payment


@PROPERTY
@given(deals(), st.decimals(min_value=D(1), max_value=D(3_000), places=0))
def test_a_higher_price_never_lowers_the_payment(inp: DealInput, more: Decimal) -> None:
    dearer = replace(inp, price=inp.price + more)
    assert finance(dearer).monthly_payment >= finance(inp).monthly_payment
    assert lease(dearer).monthly_payment >= lease(inp).monthly_payment
