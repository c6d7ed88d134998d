"""What finance and lease deals report alike about their payments: the weekly and biweekly equivalents and the
``terms`` keys built from the payment before taxes and fees and from the cost of ownership.

Cash deals have no payment, so these sit apart from :mod:`.purchase`'s keys, which cash shares too.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from desktop.domain.money import THOUSAND, json_number
from desktop.domain.payments import biweekly, weekly
from desktop.domain.pricing.purchase import Purchase


class PaymentEquivalents:
    """The reference's weekly and biweekly equivalents of a deal's monthly payment, for any deal that has one."""

    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def monthly_payment(self) -> Decimal: ...

    @property
    def weekly_payment(self) -> Decimal:
        """Weekly equivalent of the monthly payment, truncated (337.35 → 77.85)."""
        return weekly(self.monthly_payment)

    @property
    def biweekly_payment(self) -> Decimal:
        """Biweekly equivalent of the monthly payment, truncated (337.35 → 155.70)."""
        return biweekly(self.monthly_payment)


def _before_taxes_and_fees_terms(before: Decimal) -> dict[str, Any]:
    """The ``terms`` keys of the payment had taxes and fees been paid apart, in the reference's order."""
    return {
        "monthly_payment_before_taxes_and_fees": json_number(before),
        "weekly_payment_before_taxes_and_fees": json_number(weekly(before)),
        "biweekly_payment_before_taxes_and_fees": json_number(biweekly(before)),
        "principal_for_normalized_payment": json_number(THOUSAND),
    }


def _cost_terms(total_cost_of_ownership: Decimal, purchase: Purchase) -> dict[str, Any]:
    """The ``terms`` keys of what the deal costs the customer and earns the dealer, in the reference's order."""
    return {
        "total_cost": json_number(total_cost_of_ownership + purchase.total_contribution),
        "total_cost_of_ownership": json_number(total_cost_of_ownership),
        "total_contribution": json_number(purchase.total_contribution),
        "profit": json_number(purchase.profit),
    }
