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

One job per module: :mod:`.purchase` (the price build-up, sales tax, shared API fields), :mod:`.cash`,
:mod:`.finance`, :mod:`.lease_deal` (the lease and its API shape), :mod:`.lease_solver` (the payment's fixed
point), :mod:`.lease` (pricing a lease) and :mod:`.quote` (all three at once, the payment grid). Everything
callers use is re-exported here.
"""

from __future__ import annotations

from desktop.domain.deal import DealerConfig, DealInput, Ownership, PricingInputError, Product, TradeIn
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
from desktop.domain.pricing.cash import CashDeal, price_cash
from desktop.domain.pricing.finance import FinanceDeal, price_finance, price_finance_at
from desktop.domain.pricing.lease import price_lease, price_lease_at
from desktop.domain.pricing.lease_deal import LeaseDeal, LeaseTax
from desktop.domain.pricing.lease_solver import LeaseSolver
from desktop.domain.pricing.purchase import Lines, Purchase, SalesTax
from desktop.domain.pricing.quote import PaymentGrid, Quote, payment_grid, price_all
from desktop.domain.programs import ProgramSet, default_programs

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
