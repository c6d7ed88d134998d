"""Payment formulas: level-payment loans, leases, and the equivalents a customer compares them by.

These are the few formulas every deal figure rests on, kept free of deal structure so that they can be checked
against the reference's example and by property tests on their own. Amounts are :class:`~decimal.Decimal`;
rates are given as the APR in percent (``Decimal("0.9")`` for 0.9 %) because that is how lenders and the
reference's programs state them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from desktop.domain.money import ONE, THOUSAND, ZERO, round_cents, truncate_cents

_MONTHS_PER_YEAR = 12
_WEEKS_PER_YEAR = 52
_FORTNIGHTS_PER_YEAR = 26
_MONTHLY_RATE_DIVISOR = Decimal(1200)  # APR percent → monthly rate
_MONEY_FACTOR_DIVISOR = Decimal(2400)  # APR percent ↔ money factor, the industry convention


@lru_cache(maxsize=1024)
def _payment_factor(apr_percent: Decimal, months: int) -> Decimal:
    """Monthly payment per unit of principal; cached because a dealer's desk reuses a few (APR, term) pairs.

    ``r (1 + r)^n / ((1 + r)^n - 1)``, computed at the default context's 28 digits, so a principal of up to a
    million dollars still has its payment exact to far below a cent before the one rounding.
    """
    if apr_percent == ZERO:
        return ONE / months
    rate = apr_percent / _MONTHLY_RATE_DIVISOR
    growth = (ONE + rate) ** months
    return rate * growth / (growth - ONE)


def amortized_payment(principal: Decimal, apr_percent: Decimal, months: int) -> Decimal:
    """The level monthly payment that retires ``principal`` over ``months`` at ``apr_percent``, to the cent.

    Rounded half-up once, at the end, as the reference does: 19,785.25 at 0.9 % for 60 months is 337.35.

    Args:
        principal: amount financed.
        apr_percent: annual percentage rate in percent; zero is a valid promotional rate.
        months: number of monthly payments, at least 1.
    """
    return round_cents(principal * _payment_factor(apr_percent, months))


def total_interest(principal: Decimal, payment: Decimal, months: int) -> Decimal:
    """Finance charge as the reference reports it: every payment made, less the principal.

    ``337.35 x 60 - 19,785.25 = 455.75``. Because the payment is rounded to the cent, this differs from the
    interest a cent-by-cent schedule accrues by the final payment's adjustment; see
    :func:`amortization_schedule` for the bound.
    """
    return payment * months - principal


def per_thousand(apr_percent: Decimal, months: int) -> Decimal:
    """The monthly payment per 1,000 financed (17.05 at 0.9 % for 60 months).

    Desks quote add-ons with it: a 1,915 service contract adds about 1.915 x 17.05 a month.
    """
    return amortized_payment(THOUSAND, apr_percent, months)


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    """One month of an amortization schedule; ``balance`` is what is owed after ``payment``."""

    month: int
    payment: Decimal
    interest: Decimal
    principal: Decimal
    balance: Decimal


def amortization_schedule(principal: Decimal, apr_percent: Decimal, months: int) -> tuple[ScheduleRow, ...]:
    """Month-by-month schedule with interest accrued to the cent and a final payment that retires the loan.

    Lenders accrue interest on the cent balance each month and settle the rounding of the level payment in the
    last one, so the final payment differs from the others. With ``r`` the monthly rate, each month
    contributes at most half a cent from the payment's rounding and half a cent from the interest's,
    compounded to the end: ``|final - payment| <= 0.01 x ((1 + r)^n - 1) / r`` (n cents at 0 %), and the
    schedule's interest exceeds :func:`total_interest` by exactly ``final - payment``.
    """
    payment = amortized_payment(principal, apr_percent, months)
    rate = apr_percent / _MONTHLY_RATE_DIVISOR
    balance = principal
    rows: list[ScheduleRow] = []
    for month in range(1, months + 1):
        interest = round_cents(balance * rate)
        paid = balance + interest if month == months else payment
        balance = balance + interest - paid
        rows.append(ScheduleRow(month, paid, interest, paid - interest, balance))
    return tuple(rows)


def lease_charges(cap_cost: Decimal, residual: Decimal, money_factor: Decimal, months: int) -> tuple[Decimal, Decimal]:
    """The exact monthly depreciation ``(cap - residual) / n`` and rent charge ``(cap + residual) x MF``.

    Unrounded, so that a caller can attribute parts of a payment (products, taxes) without compounding
    rounding, and round once.
    """
    return (cap_cost - residual) / months, (cap_cost + residual) * money_factor


def lease_payment(cap_cost: Decimal, residual: Decimal, money_factor: Decimal, months: int) -> Decimal:
    """Monthly lease payment before tax: depreciation plus rent charge, rounded half-up to the cent.

    The reference: cap cost 21,724.36, residual 15,467, money factor 0.0031, 36 months → 289.11.
    """
    depreciation, rent = lease_charges(cap_cost, residual, money_factor, months)
    return round_cents(depreciation + rent)


def apr_to_money_factor(apr_percent: Decimal) -> Decimal:
    """The money factor equivalent to ``apr_percent`` (MF = APR % / 2400; 7.44 % ↔ 0.0031)."""
    return apr_percent / _MONEY_FACTOR_DIVISOR


def money_factor_to_apr(money_factor: Decimal) -> Decimal:
    """The APR in percent a money factor corresponds to, for customers who compare a lease with a loan."""
    return money_factor * _MONEY_FACTOR_DIVISOR


def weekly(monthly: Decimal) -> Decimal:
    """Weekly equivalent of a monthly payment: ``monthly x 12 / 52``, truncated to the cent (289.11 → 66.71).

    The product is divided last so that exact quotients (337.35 → 77.85) are not nudged below a cent boundary
    by a pre-rounded 12/52 and then truncated a cent too far.
    """
    return truncate_cents(monthly * _MONTHS_PER_YEAR / _WEEKS_PER_YEAR)


def biweekly(monthly: Decimal) -> Decimal:
    """Biweekly equivalent of a monthly payment: ``monthly x 12 / 26``, truncated (333.34 → 153.84)."""
    return truncate_cents(monthly * _MONTHS_PER_YEAR / _FORTNIGHTS_PER_YEAR)
