"""Every deal type at once (the reference's ``deals`` object) and a desk's payment grid over terms and cash."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop.domain.deal import (
    DealInput,
    PricingInputError,
)
from desktop.domain.money import ZERO
from desktop.domain.pricing.cash import CashDeal, price_cash
from desktop.domain.pricing.finance import FinanceDeal, _price_finance, price_finance
from desktop.domain.pricing.lease import _price_lease, price_lease
from desktop.domain.pricing.lease_deal import LeaseDeal
from desktop.domain.programs import (
    ProgramSet,
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
