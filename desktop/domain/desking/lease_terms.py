"""A lease's terms as a desk states them: rate both ways, residual and its mileage adjustment, due at signing.

Customers compare a lease with a loan by its APR equivalent and ask what their miles cost, so the screen and
the worksheet show the money factor beside its APR, the residual's base percent and the points the chosen
mileage moves it, and each item the cash due at signing pays for, adding up to it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.domain.money import ZERO
from desktop.domain.pricing import LeaseDeal, money_factor_to_apr


@dataclass(frozen=True, slots=True)
class LeaseTerms:
    """What a lease customer is told.

    Attributes:
        money_factor: the sell money factor.
        apr_equivalent: the money factor as an APR in percent (MF x 2400).
        residual_percent: residual as a percent of the residual MSRP, at the chosen mileage.
        base_residual_percent: the lender's residual at its base mileage for the term.
        mileage_adjustment: points the chosen miles a year add to (or take from) the base residual.
        residual_value: the residual in dollars.
        annual_mileage: miles a year in the contract.
        signing: (label, amount) items due at signing, in order, adding up to ``total_due_at_signing``.
        total_due_at_signing: the customer's cash at signing.
    """

    money_factor: Decimal
    apr_equivalent: Decimal
    residual_percent: Decimal
    base_residual_percent: Decimal
    mileage_adjustment: Decimal
    residual_value: Decimal
    annual_mileage: int
    signing: tuple[tuple[str, Decimal], ...]
    total_due_at_signing: Decimal


def lease_terms(deal: LeaseDeal) -> LeaseTerms:
    """The customer-facing terms of ``deal``; the signing items add up to its customer cash."""
    program = deal.program
    base = program.residuals[deal.term].get(program.base_annual_mileage, deal.residual_percent)
    items: list[tuple[str, Decimal]] = [("First month's payment", deal.first_payment)]
    if deal.fees_due_at_signing:
        items.append(("Fees due at signing", deal.fees_due_at_signing))
    if deal.tax.at_signing:
        items.append(("Tax due at signing", deal.tax.at_signing))
    if deal.security_deposit:
        items.append(("Refundable security deposit", deal.security_deposit))
    if deal.down_payment > ZERO:
        items.append(("Capitalized cost reduction", deal.down_payment))
    elif deal.down_payment < ZERO:
        items.append(("Signing items not covered by cash (capitalized)", deal.down_payment))
    return LeaseTerms(
        money_factor=deal.money_factor,
        apr_equivalent=money_factor_to_apr(deal.money_factor),
        residual_percent=deal.residual_percent,
        base_residual_percent=base,
        mileage_adjustment=deal.residual_percent - base,
        residual_value=deal.residual,
        annual_mileage=deal.inp.annual_mileage,
        signing=tuple(items),
        total_due_at_signing=deal.customer_cash,
    )
